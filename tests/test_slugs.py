import pytest
from django.core.exceptions import ValidationError

from articles.models import Article
from tests.factories import make_article


def test_slug_is_made_from_the_headline(db):
    article = make_article("draft", headline="Banjir Rob Rendam Pesisir Jakarta Utara")
    assert article.slug == "banjir-rob-rendam-pesisir-jakarta-utara"


def test_slug_keeps_unicode_letters_and_drops_punctuation(db):
    article = make_article("draft", headline="Café “Kopi Kenangan” Buka di Surabaya: 100% Lokal!")
    assert article.slug == "café-kopi-kenangan-buka-di-surabaya-100-lokal"


def test_slugs_are_unique(db):
    first = make_article("draft", headline="Harga Beras Naik")
    second = make_article("draft", headline="Harga Beras Naik")
    third = make_article("draft", headline="Harga beras naik!")
    assert [first.slug, second.slug, third.slug] == ["harga-beras-naik", "harga-beras-naik-2", "harga-beras-naik-3"]


def test_headline_without_letters_gets_a_fallback_slug(db):
    assert make_article("draft", headline="!!!").slug == "artikel"


def test_very_long_headline_gives_a_bounded_slug(db):
    article = make_article("draft", headline=("Pembangunan " * 17)[:200])
    twin = make_article("draft", headline=article.headline)
    assert len(article.slug) <= 200 and len(twin.slug) <= 200
    assert twin.slug == article.slug + "-2"


def test_slug_is_stable_once_published(db):
    article = make_article("published", headline="Judul Awal")
    article.headline = "Judul Baru Setelah Koreksi"
    article.save()
    article.refresh_from_db()
    assert article.slug == "judul-awal"


def test_a_published_slug_changes_only_with_its_old_address_kept(db):
    # Moving a published article is allowed (tests/test_press_addresses.py);
    # an old address the redirect table cannot hold makes it refuse.
    article = make_article("published", slug="p" * 195)
    article.slug = "judul-baru"
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "slug" in excinfo.value.message_dict


def test_draft_slug_may_change(db):
    article = make_article("draft", headline="Judul Sementara")
    article.slug = "judul-final"
    article.full_clean()
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "judul-final"
