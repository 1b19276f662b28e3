"""
The strict Content-Security-Policy breaks nothing we ship: every admin screen
(generated from the admin registry, tests/admin_screens.py) and the readers'
pages load in Chromium with no CSP violation reported, and with the admin's
own scripts working (the login form and a collapsible fieldset still react).
"""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.admin_screens import admin_screens
from tests.browser_helpers import log_in
from tests.factories import make_user

pytestmark = pytest.mark.browser

# Reported by Chromium on the console for every blocked script, style,
# image, frame or form target.
VIOLATION_MARKERS = ("Content Security Policy", "Content-Security-Policy")
# Collected from the page itself too: the console message can be rate-limited.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


def watch(page):
    seen = []
    page.on("console", lambda message: seen.append(message.text) if any(m in message.text for m in VIOLATION_MARKERS) else None)
    page.add_init_script(LISTEN)
    return seen


def visit(page, url, seen):
    response = page.goto(url)
    page.wait_for_load_state("load")
    seen.extend(page.evaluate("window.__cspViolations || []"))
    return response


def load_demo():
    # Transactional tests flush the groups the migration made.
    call_command("setup_roles", verbosity=0)
    call_command("load_demo", force=True, verbosity=0)


def test_no_admin_screen_reports_a_csp_violation(page, live_server, transactional_db, settings):
    load_demo()
    make_user("boss", is_superuser=True)
    seen = watch(page)
    visit(page, live_server.url + "/admin/login/", seen)
    log_in(page, live_server, "boss")

    screens = admin_screens()
    assert len(screens) >= 20, screens
    failures = {}
    for label, path in screens:
        if page.request.get(live_server.url + path, max_redirects=0).status in (403, 405):
            continue  # refused to everyone (no adding audit entries) or POST-only: not a screen
        seen.clear()
        response = visit(page, live_server.url + path, seen)
        if response.status >= 400 or seen:
            failures[label] = (response.status, list(seen))
    assert not failures, "\n".join(f"{label}: {status} {sorted(set(v))}" for label, (status, v) in failures.items())


def test_admin_scripts_still_work_under_the_policy(page, live_server, transactional_db):
    load_demo()
    make_user("boss", is_superuser=True)
    seen = watch(page)
    log_in(page, live_server, "boss")
    article = Article.objects.order_by("pk").first()
    visit(page, f"{live_server.url}/admin/articles/article/{article.pk}/change/", seen)
    # DateTimeShortcuts (admin JS) adds its "Now" links next to date fields.
    assert page.locator(".datetimeshortcuts").count() > 0
    # The language menu is a plain form: picking changes nothing until the button.
    page.select_option("#admin-language", "en")
    assert page.evaluate("document.documentElement.lang") == "id"
    page.click(".language-switch button")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert not seen


def test_reader_pages_report_no_csp_violation(page, live_server, transactional_db):
    load_demo()
    article = Article.objects.published().order_by("pk").first()
    seen = watch(page)
    for path in ["/", article.get_absolute_url(), "/cari/?q=banjir", "/indeks/"]:
        response = visit(page, live_server.url + path, seen)
        assert response.status == 200, path
    assert not seen, seen
