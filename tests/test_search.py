"""
Search as readers use it, on whichever database the suite runs on (run it
on SQLite and on PostgreSQL): the form, stemmed matching, names,
visibility and keeping the index current. The results page itself is
tests/test_search_page.py.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search.models import SearchDocument
from tests.factories import PRESS_INLINE_FORMS, make_article, make_person, make_section, make_tag
from tests.html_page import Page
from tests.search_helpers import SEARCH, found, headlines, search


# --- The form ------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_has_a_search_form_in_its_header(client):
    article = make_article(headline="Harga cabai naik")
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url(), SEARCH]:
        page = Page(client.get(url).text)
        forms = page.find_all("form", role="search")
        assert forms and forms[0]["method"] == "get" and forms[0]["action"] == SEARCH, url
        field = page.find_all("input", name="q")[0]
        assert page.find_all("label", for_=field["id"]), url


@pytest.mark.django_db
def test_empty_search_explains_how_to_search(client):
    make_article(headline="Harga cabai naik")
    response = search(client)
    assert "Cara mencari" in response.text
    assert headlines(response) == []
    assert search(client, "   ").text.count("Cara mencari") == 1


# --- Stemmed Indonesian matching -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, stored",
    [
        ("menyerang", "serangan"),
        ("serangan", "menyerang"),
        ("diserang", "penyerangan"),
        ("kirim", "pengiriman"),
        ("pengiriman", "dikirimkan"),
        ("membangun", "pembangunan"),
    ],
)
def test_a_word_finds_its_other_forms(client, typed, stored):
    make_article(headline="Kabar dari perbatasan", standfirst="", body=f"<p>Warga melaporkan {stored} pada malam hari.</p>")
    make_article(headline="Cuaca cerah di pesisir", standfirst="", body="<p>Nelayan kembali melaut.</p>")
    assert found(client, typed) == ["Kabar dari perbatasan"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["KPK", "kpk", "Kpk"])
def test_acronyms_match_whatever_the_case(client, typed):
    make_article(headline="KPK memeriksa saksi baru")
    make_article(headline="Komisi pemilihan bersidang")
    assert found(client, typed) == ["KPK memeriksa saksi baru"]


@pytest.mark.django_db
def test_names_match_whole_and_exactly(client):
    make_article(headline="Stoltenberg bertemu menteri", body="<p>Sekjen NATO datang ke Jakarta.</p>")
    assert found(client, "stoltenberg") == ["Stoltenberg bertemu menteri"]
    assert found(client, "NATO") == ["Stoltenberg bertemu menteri"]
    assert found(client, "Stolten") == []
    assert found(client, "NAT") == []


@pytest.mark.django_db
def test_a_place_name_is_not_mistaken_for_the_word_inside_it(client):
    make_article(headline="Banjir melanda Kediri")
    make_article(headline="Menteri mengundurkan diri")
    make_article(headline="Harga minyak goreng turun")
    make_article(headline="Wisatawan memadati Seminyak")
    assert found(client, "Kediri") == ["Banjir melanda Kediri"]
    assert found(client, "diri") == ["Menteri mengundurkan diri"]
    assert found(client, "minyak") == ["Harga minyak goreng turun"]


@pytest.mark.django_db
def test_tags_people_and_dateline_are_searchable(client):
    article = make_article(headline="Rapat anggaran tertutup", dateline="MAKASSAR")
    article.tags.set([make_tag("Pemilihan Umum")])
    make_article(headline="Tidak berkaitan")
    from articles.models import Contribution

    Contribution.objects.create(article=article, person=make_person("Rina Wulandari"))
    article.refresh_search_document()
    assert found(client, "pemilihan") == ["Rapat anggaran tertutup"]
    assert found(client, "wulandari") == ["Rapat anggaran tertutup"]
    assert found(client, "makassar") == ["Rapat anggaran tertutup"]


@pytest.mark.django_db
def test_phrases_or_and_minus(client):
    make_article(headline="Serangan udara di Gaza")
    make_article(headline="Udara panas, serangan jantung meningkat")
    make_article(headline="Longsor di Garut")
    assert found(client, '"serangan udara"') == ["Serangan udara di Gaza"]
    assert sorted(found(client, "gaza or garut")) == ["Longsor di Garut", "Serangan udara di Gaza"]
    assert found(client, "serangan -gaza") == ["Udara panas, serangan jantung meningkat"]


# --- Visibility ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "reporter", "editor", "chief"])
def test_only_published_articles_are_ever_found(client, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for state in ["draft", "review", "scheduled", "published", "unpublished"]:
        make_article(state, headline=f"Gempa bumi ({state})", standfirst="Gempa mengguncang.")
    assert found(client, "gempa") == ["Gempa bumi (published)"]


@pytest.mark.django_db
def test_unpublishing_and_republishing_need_no_reindexing(client, editor):
    article = make_article(headline="Tarif listrik naik")
    assert found(client, "listrik") == ["Tarif listrik naik"]
    article.unpublish(editor)
    assert found(client, "listrik") == []
    article.publish(editor)
    assert found(client, "listrik") == ["Tarif listrik naik"]


@pytest.mark.django_db
def test_a_scheduled_article_is_found_once_its_time_comes(client, settings):
    # Time is moved by rewriting the row, which no page-cache generation hears
    # of; tests/test_pagecache.py checks scheduled pages on the real clock.
    settings.PAGE_CACHE = False
    article = make_article("scheduled", headline="Peluncuran satelit baru")
    assert found(client, "satelit") == []
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert found(client, "satelit") == ["Peluncuran satelit baru"]


# --- The index follows edits ----------------------------------------------------------


@pytest.mark.django_db
def test_an_edit_is_searchable_at_once(client):
    article = make_article(headline="Harga beras naik", body="<p>Pedagang mengeluh.</p>")
    article.headline = "Harga gula naik"
    article.body = "<p>Petani tebu senang.</p>"
    article.save()
    assert found(client, "beras") == []
    assert found(client, "gula") == ["Harga gula naik"]
    assert found(client, "tebu") == ["Harga gula naik"]


@pytest.mark.django_db
def test_saving_only_other_fields_keeps_the_document(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_article(headline="Jembatan baru dibuka")
    with CaptureQueriesContext(connection) as saving:
        article.save(update_fields=["status"])
    # The save stores a revision (articles/editorial) but does not re-index.
    assert not [q for q in saving.captured_queries if "searchdocument" in q["sql"]]
    assert found(client, "jembatan") == ["Jembatan baru dibuka"]


@pytest.mark.django_db
def test_new_tags_count_after_refresh_search_document(client):
    article = make_article(headline="Rapat dewan kota")
    article.tags.set([make_tag("Transportasi Publik")])
    assert found(client, "transportasi") == []
    article.refresh_search_document()
    assert found(client, "transportasi") == ["Rapat dewan kota"]


def test_tags_and_byline_saved_in_the_admin_are_searchable_at_once(client, editor):
    section, tag, person = make_section(), make_tag("Kereta Cepat"), make_person("Dewi Anggraini")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Uji coba jalur baru",
            "slug": "",
            "standfirst": "",
            "body": "<p>Penumpang pertama naik pagi ini.</p>",
            "section": section.pk,
            "tags": [tag.pk],
            "dateline": "",
            "status": "published",
            "contributions-TOTAL_FORMS": "1",
            "contributions-INITIAL_FORMS": "0",
            "contributions-MIN_NUM_FORMS": "0",
            "contributions-MAX_NUM_FORMS": "1000",
            "contributions-0-person": person.pk,
            "contributions-0-role": "writer",
            "contributions-0-position": "0",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "sources-MIN_NUM_FORMS": "0",
            "sources-MAX_NUM_FORMS": "1000",
            # Past the pre-publish check (short body, no lead image).
            "_override": "publish",
            **PRESS_INLINE_FORMS,
        },
    )
    assert response.status_code == 302
    client.logout()
    assert found(client, "kereta") == ["Uji coba jalur baru"]
    assert found(client, "anggraini") == ["Uji coba jalur baru"]


@pytest.mark.django_db
def test_deleting_an_article_deletes_its_document(client):
    article = make_article(headline="Festival budaya digelar")
    article.delete()
    assert not SearchDocument.objects.exists()
    assert found(client, "festival") == []


@pytest.mark.django_db
def test_the_copies_a_search_filters_on_follow_queryset_updates(client):
    """Status, publish time and section are copied by a database trigger, not by save()."""
    first, second = make_section("Dunia", slug="dunia"), make_section("Sains", slug="sains")
    article = make_article(headline="Teleskop baru", section=first)
    Article.objects.filter(pk=article.pk).update(section=second)
    assert found(client, "teleskop", rubrik="sains") == ["Teleskop baru"]
    assert found(client, "teleskop", rubrik="dunia") == []
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    assert found(client, "teleskop") == []
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, publish_at=timezone.now() + timedelta(hours=1))
    assert found(client, "teleskop") == []
    document = SearchDocument.objects.get(pk=article.pk)
    assert (document.status, document.publish_at, document.section) == ("published", Article.objects.get(pk=article.pk).publish_at, second)
