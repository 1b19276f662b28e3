"""
No inline script, event handler or style in our templates: a strict
Content-Security-Policy forbids them, and the admin's language menu is a
plain form with a button (changing the menu alone changes nothing, WCAG 3.2.2).
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *ROOT.glob("articles/**/templates")]
    for path in folder.rglob("*")
    if path.suffix in {".html", ".xml", ".txt"}
)
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


def test_templates_are_found():
    assert any(path.name == "base_site.html" for path in TEMPLATES) and len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    # JSON-LD is data, not script; it is built by the json_ld tag.
    text = re.sub(r'<script type="application/ld\+json">', "", text)
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert not found, found


def test_admin_language_menu_is_a_plain_form_with_a_button(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).text
    form = re.search(r'<form action="/i18n/setlang/"[^>]*>(.*?)</form>', page, re.S).group(1)
    assert '<select id="admin-language" name="language">' in form
    assert '<button type="submit">Ganti</button>' in form and "<noscript>" not in form
    assert "admin-language.js" not in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get(reverse("admin:index")).text
