"""
Image weight as a phone downloads it, measured in Chromium at 390 px wide
and device pixel ratio 2: at most 250 KB of images for an article whose
lead is a 4000x3000 camera photo, at most 500 KB for the front page with a
photo on every story. Counted from the browser's own resource timing after
the page has loaded, without scrolling (lazy pictures further down are what
a reader only pays for when they scroll to them).
"""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import make_photo

pytestmark = pytest.mark.browser

ARTICLE_BUDGET = 250_000
FRONT_BUDGET = 500_000
IMAGE_BYTES = """() => performance.getEntriesByType('resource')
    .filter(e => e.initiatorType === 'img' || /\\.(webp|jpe?g|png|gif|avif)(\\?|$)/.test(e.name))
    .reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0)"""


@pytest.fixture
def site_with_photos(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "tests.media_urls"
    call_command("setup_roles", verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    articles = list(Article.objects.published().order_by("-publish_at"))
    lead = make_photo(size=(4000, 3000), seed=0)
    others = [make_photo(size=(1600, 1200), seed=n) for n in range(1, 9)]
    for i, article in enumerate(articles):
        article.lead_image = lead if i == 0 else others[i % len(others)]
        article.save(update_fields=["lead_image"])
    return articles[0]


def image_bytes(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    total = page.evaluate(IMAGE_BYTES)
    context.close()
    return total


def test_an_article_with_a_camera_photo_stays_within_250_kb_of_images(browser, live_server, site_with_photos):
    total = image_bytes(browser, live_server.url + site_with_photos.get_absolute_url())
    print(f"article images at 390px DPR2: {total / 1000:.0f} KB")
    assert 0 < total <= ARTICLE_BUDGET


def test_the_front_page_stays_within_500_kb_of_images(browser, live_server, site_with_photos):
    total = image_bytes(browser, live_server.url + "/")
    print(f"front page images at 390px DPR2: {total / 1000:.0f} KB")
    assert 0 < total <= FRONT_BUDGET
