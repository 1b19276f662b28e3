"""The article page stays light for readers on slow phones: HTML plus CSS under 60 KB before compression."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import make_article, make_contribution, make_image, make_person, make_section, make_tag
from tests.html_page import Page

BUDGET = 60 * 1024

PARAGRAPH = (
    "Pemerintah daerah bersama badan penanggulangan bencana membuka posko pengungsian di sejumlah titik, "
    "menyalurkan bantuan logistik, dan meminta warga di bantaran sungai tetap waspada karena hujan "
    "diperkirakan masih turun hingga akhir pekan, kata juru bicara kepada wartawan di lokasi."
)


@pytest.mark.django_db
def test_a_long_article_with_everything_fits_the_budget(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    section = make_section("Nasional", slug="nasional")
    # About 1,300 words: a long feature, where wire copy runs to 300.
    body = "".join(f"<h2>Bagian {n}</h2>" if n % 5 == 4 else f"<p>{PARAGRAPH}</p>" for n in range(44))
    article = make_article(
        section=section,
        body=body,
        dateline="Jakarta",
        headline="Banjir Rendam Ribuan Rumah di Kabupaten Bandung, 3.200 Warga Mengungsi ke Posko Darurat",
        standfirst="Sungai Citarum meluap setelah hujan deras sejak Minggu malam; BPBD menyiagakan perahu karet dan dapur umum.",
        tags=[make_tag() for _ in range(20)],
        sources=[f"Badan Penanggulangan Bencana Daerah {n}" for n in range(6)],
        lead_image=make_image(caption="Warga menyelamatkan barang dari rumah yang terendam banjir.", credit="Antara/Raisan Al Farisi"),
    )
    for n in range(6):
        make_contribution(article, make_person(f"Wartawan Nomor {n}"), ["writer", "editor", "photographer"][n % 3])
    article.related_articles.set([make_article(section=section, headline=f"Berita terkait yang judulnya cukup panjang nomor {n}") for n in range(5)])

    response = client.get(article.get_absolute_url())
    html = len(response.content)
    stylesheets = [link["href"] for link in Page(response.text).links("stylesheet")]
    css = sum(Path(finders.find(href.removeprefix(settings.STATIC_URL))).stat().st_size for href in stylesheets)
    assert len(body.split()) > 1200
    assert html + css < BUDGET, f"HTML {html} B + CSS {css} B"
