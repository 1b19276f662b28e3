"""
The body editor in Chromium, under the strict CSP: it starts with no
violation, every existing body opens and saves unchanged, typing and the
toolbar produce clean HTML, and the blocks go in from their dialogs.
"""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.browser_helpers import log_in
from tests.factories import make_photo, make_user

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def open_article(page, live_server, article):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    try:
        page.wait_for_selector(".body-editor .ProseMirror[contenteditable]", timeout=10_000)
    except Exception:
        page.screenshot(path="/tmp/media-editor.png", full_page=False)
        print(page.evaluate("document.querySelector('.body-editor').outerHTML.slice(0, 3000)"))
        raise AssertionError(errors)
    return errors


def save(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")


@pytest.fixture
def boss(transactional_db):
    call_command("setup_roles", verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    return make_user("boss", is_superuser=True)


def test_every_demo_body_opens_and_saves_unchanged_with_no_csp_violation(page, live_server, boss):
    page.add_init_script(LISTEN)
    log_in(page, live_server, "boss")
    articles = list(Article.objects.order_by("pk")[:6])
    for article in articles:
        before = article.body
        errors = open_article(page, live_server, article)
        assert page.locator(".body-editor .prose-menubar").count() == 1
        assert page.evaluate("window.__cspViolations") == []
        assert errors == []
        save(page)
        assert Article.objects.get(pk=article.pk).body == before, article.headline


def test_typing_and_the_toolbar_give_clean_html(page, live_server, boss):
    log_in(page, live_server, "boss")
    article = Article.objects.order_by("pk").first()
    open_article(page, live_server, article)
    editor = page.locator(".body-editor .ProseMirror[contenteditable]")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("Banjir rob merendam pesisir.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Warga mengungsi")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")
    # Pasted HTML from a word processor: styles and spans go, structure stays.
    page.evaluate(
        """() => {
        const data = new DataTransfer();
        data.setData('text/html', '<h1 style="color:red">Judul tempelan</h1><p class="MsoNormal"><span style="font-family:Calibri">Paragraf <b>tebal</b></span></p>');
        data.setData('text/plain', 'Judul tempelan Paragraf tebal');
        document.querySelector('.body-editor .ProseMirror[contenteditable]').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }"""
    )
    save(page)
    body = Article.objects.get(pk=article.pk).body
    assert "<p>Banjir rob merendam pesisir.</p>" in body
    assert "<strong>Warga mengungsi</strong>" in body
    assert "<h2>Judul tempelan</h2>" in body
    assert "style=" not in body and "span" not in body and "MsoNormal" not in body


def test_blocks_are_inserted_from_their_dialogs(page, live_server, boss, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = make_photo(size=(640, 480), alt_text="Perahu nelayan", caption="Perahu di muara")
    log_in(page, live_server, "boss")
    articles = list(Article.objects.published().order_by("pk")[:2])
    article, target = articles
    open_article(page, live_server, article)
    page.locator(".body-editor .ProseMirror[contenteditable]").click()

    page.get_by_role("button", name="Sematan").click()
    page.fill(".blocks-embed-url", "https://vimeo.com/12345")
    page.click(".blocks-embed-insert")
    page.wait_for_selector(".blocks-status:has-text('tidak dapat disematkan')")
    page.fill(".blocks-embed-url", "https://youtu.be/dQw4w9WgXcQ")
    page.fill(".blocks-embed-title", "Banjir dari udara")
    page.click(".blocks-embed-insert")

    page.get_by_role("button", name="Gambar").click()
    page.wait_for_selector(".blocks-picture")
    page.click(f".blocks-picture[title='{photo.alt_text}']")

    page.get_by_role("button", name="Baca juga").click()
    page.locator(".blocks-search").fill(target.headline[:20])
    page.get_by_role("button", name=target.headline).click()
    save(page)

    body = Article.objects.get(pk=article.pk).body
    assert 'data-provider="youtube"' in body and "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in body
    assert f'data-image="{photo.pk}"' in body
    assert f'href="{target.get_absolute_url()}"' in body


def test_the_image_library_and_focal_point_work_under_the_policy(page, live_server, boss, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = make_photo(size=(800, 400), alt_text="Pantai Kuta")
    page.add_init_script(LISTEN)
    log_in(page, live_server, "boss")
    page.goto(live_server.url + "/admin/articles/image/?q=Kuta")
    assert page.locator("img.image-thumb").count() == 1
    page.goto(f"{live_server.url}/admin/articles/image/{photo.pk}/change/")
    picture = page.locator("[data-focal-picker] img")
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.25)
    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.8, abs=0.02)
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")
    photo.refresh_from_db()
    assert photo.focal_x == pytest.approx(0.8, abs=0.02) and photo.focal_y == pytest.approx(0.25, abs=0.02)
    assert page.evaluate("window.__cspViolations") == []


def test_the_editor_fits_and_works_on_a_phone(browser, live_server, boss):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        log_in(page, live_server, "boss")
        article = Article.objects.order_by("pk").first()
        open_article(page, live_server, article)
        # The toolbar wraps inside the screen instead of running off it.
        menubar = page.locator(".body-editor .prose-menubar").bounding_box()
        assert menubar["x"] >= 0 and menubar["x"] + menubar["width"] <= 390
        assert page.evaluate("document.querySelector('.body-editor .prose-menubar').scrollWidth <= document.querySelector('.body-editor .prose-menubar').clientWidth")
        editor = page.locator(".body-editor .ProseMirror[contenteditable]")
        editor.tap()
        page.keyboard.press("Control+a")
        page.keyboard.type("Ditulis dari ponsel.")
        page.get_by_role("button", name="Baca juga").tap()
        page.wait_for_selector(".blocks-dialog[open]")
        dialog = page.locator(".blocks-dialog[open]").bounding_box()
        assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= 390
        page.locator(".blocks-cancel").tap()
        save(page)
        assert Article.objects.get(pk=article.pk).body == "<p>Ditulis dari ponsel.</p>"
    finally:
        context.close()
