"""
The reader pages in a real browser (Debian's Chromium through Playwright):
keyboard use, small screens, dark mode, print, no JavaScript and no
third-party requests. Run with `make test-browser`.
"""

import re

import pytest

from tests.factories import make_article, make_contribution, make_person, make_section, make_tag

pytestmark = pytest.mark.browser


CONTRAST_JS = """
(selector) => {
  const parse = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour && !colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') return parse(colour);
    }
    return [255, 255, 255];
  };
  const element = document.querySelector(selector);
  const fg = luminance(parse(getComputedStyle(element).color));
  const bg = luminance(background(element));
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}
"""


@pytest.fixture
def story(transactional_db):
    sections = [make_section(name, slug=name.lower().replace(" ", "-"), position=n) for n, name in enumerate(
        ["Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Hukum", "Gaya Hidup"]
    )]
    article = make_article(
        section=sections[0],
        headline="Pemerintah Percepat Pembangunan Tanggul Laut Raksasa di Pesisir Utara Jawa untuk Cegah Banjir Rob",
        standfirst="Proyek senilai puluhan triliun rupiah itu ditargetkan rampung dalam sepuluh tahun.",
        body="<p>Pembangunan tanggul dimulai dari Teluk Jakarta.</p>" * 6,
        dateline="Jakarta",
        tags=[make_tag("Infrastruktur"), make_tag("Banjir Rob")],
        sources=["Kementerian Pekerjaan Umum"],
    )
    make_contribution(article, make_person("Bayu Pratama"), "writer")
    make_contribution(article, make_person("Rina Kusumawardani"), "editor")
    for n, section in enumerate(sections):
        make_article(section=section, hours=n + 2, tags=list(article.tags.all()[:1]))
    return article


def rgb(value):
    return tuple(int(part) for part in re.findall(r"\d+", value)[:3])


def brightness(value):
    r, g, b = rgb(value)
    return (r * 299 + g * 587 + b * 114) / 1000


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({cls: document.activeElement.className, text: document.activeElement.textContent})")
    assert focused == {"cls": "skip-link", "text": "Langsung ke konten"}
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["width"] > 0  # on screen once focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_focus_is_visible(page, live_server, story):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] != "none" and float(style[1].removesuffix("px")) >= 2


@pytest.mark.parametrize("path", ["/", "article", "/rubrik/nasional/", "/indeks/", "/tidak-ada/"])
def test_readable_at_320_pixels_without_sideways_scrolling(browser, live_server, story, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url + (story.get_absolute_url() if path == "article" else path))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert float(page.evaluate("() => getComputedStyle(document.body).fontSize").removesuffix("px")) >= 16
    context.close()


def test_dark_mode_follows_the_system_setting(page, live_server, story):
    page.emulate_media(color_scheme="light")
    page.goto(live_server.url + story.get_absolute_url())
    light = page.evaluate("() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    assert brightness(light[0]) > 200 and brightness(light[1]) < 60
    assert brightness(dark[0]) < 60 and brightness(dark[1]) > 200


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_aa(page, live_server, story, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + story.get_absolute_url())
    for selector in ["body", ".standfirst", ".kicker a", ".byline a", ".story-dates", ".story-body p", ".related-list .meta", ".site-footer p"]:
        assert page.evaluate(CONTRAST_JS, selector) >= 4.5, (scheme, selector)
    page.goto(live_server.url + "/")
    for selector in [".card-standfirst", ".card-meta", ".search-form button", ".site-nav a"]:
        assert page.evaluate(CONTRAST_JS, selector) >= 4.5, (scheme, selector)


def test_nothing_is_requested_from_other_sites(page, live_server, story):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["/", story.get_absolute_url(), "/rubrik/nasional/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert not [url for url in requested if url.endswith(".js")]


def test_everything_reads_without_javascript(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    assert "Pembangunan tanggul dimulai dari Teluk Jakarta." in page.inner_text(".story-body")
    assert "Penulis: Bayu Pratama" in page.inner_text(".byline")
    page.goto(live_server.url + "/indeks/")
    page.select_option("select[name=rubrik]", "nasional")
    page.click(".index-filter button")
    assert "rubrik=nasional" in page.url and story.headline in page.content()
    context.close()


def test_print_leaves_out_navigation_and_sharing(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.emulate_media(media="print")
    hidden = page.evaluate("() => ['.site-nav', '.search-form', '.share', '.related'].map((s) => getComputedStyle(document.querySelector(s)).display)")
    assert hidden == ["none"] * 4
    assert page.locator(".story-body").is_visible()
