"""
Static pages (guideline point 8): editors manage them as flat pages; the
footer links them; load_demo ships our summary of the guideline and a masthead.
"""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command

from articles.press.demo_pages import load_demo_pages
from articles.press.redirects import current_site
from tests.html_page import Page


def make_page(url, title, content="<p>Isi halaman.</p>"):
    page = FlatPage.objects.create(url=url, title=title, content=content)
    page.sites.add(current_site())
    return page


def test_a_page_is_served_at_its_address_in_the_site_design(client, db):
    make_page("/kontak/", "Kontak", "<p>Surel redaksi@wartakum.example</p>")
    response = client.get("/kontak/")
    assert response.status_code == 200
    page = Page(response.text)
    assert (1, "Kontak") in page.headings
    assert "redaksi@wartakum.example" in response.text
    assert page.find_all("link", rel="stylesheet")


def test_the_footer_links_every_page_and_the_public_records(client, db):
    make_page("/redaksi/", "Redaksi")
    make_page("/privasi/", "Privasi")
    anchors = Page(client.get("/").text).anchors()
    assert {"/redaksi/", "/privasi/", "/ralat/", "/pencabutan/"} <= set(anchors)


def test_page_html_is_cleaned_on_save_and_on_display(client, chief, db):
    client.force_login(chief)
    response = client.post(
        "/admin/flatpages/flatpage/add/",
        {"url": "/tentang-kami/", "title": "Tentang Kami", "content": '<p onclick="x()">Halo</p><script>alert(1)</script>', "sites": [current_site().pk]},
    )
    assert response.status_code == 302
    assert FlatPage.objects.get(url="/tentang-kami/").content == "<p>Halo</p>"
    FlatPage.objects.filter(url="/tentang-kami/").update(content="<p>Halo</p><script>alert(1)</script>")
    text = client.get("/tentang-kami/").text
    assert "alert(1)" not in text


@pytest.mark.parametrize(("role", "allowed"), [("reporter", False), ("editor", True), ("chief", True)])
def test_editors_manage_pages(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    assert (client.get("/admin/flatpages/flatpage/add/").status_code == 200) is allowed


def test_load_demo_ships_the_guideline_summary_and_the_masthead(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    guideline = client.get("/pedoman-media-siber/")
    assert guideline.status_code == 200
    for point in ["Verifikasi", "Ralat, koreksi dan hak jawab", "Pencabutan berita", "Iklan", "Pencantuman pedoman"]:
        assert point in guideline.text
    assert "https://dewanpers.or.id/" in Page(guideline.text).anchors()
    masthead = client.get("/redaksi/").text
    assert "Pemimpin Redaksi" in masthead and "Alamat redaksi" in masthead
    footer = Page(client.get("/").text).anchors()
    for url in ["/redaksi/", "/tentang-kami/", "/kontak/", "/pedoman-media-siber/", "/kode-etik/", "/privasi/"]:
        assert url in footer
    assert load_demo_pages() == 0  # idempotent
    # And one record of each duty, to see on the demo site.
    assert "Pengalaman traumatik korban" in client.get("/pencabutan/").text
    assert "yang benar 3.200 warga" in client.get("/ralat/").text
    assert '<p class="paid-label">Advertorial</p>' in client.get("/").text
    call_command("load_demo", verbosity=0)
    assert FlatPage.objects.count() == 6
