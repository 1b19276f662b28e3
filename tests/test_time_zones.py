"""
The time zone's name follows TIME_ZONE everywhere a time is shown: an
outlet in Makassar sees WITA, one in Jayapura WIT (issue 9, defect 5).
"""

import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.dates import long_date, short_date
from tests.factories import make_article, make_section

ZONES = [("Asia/Jakarta", "WIB", "+07:00"), ("Asia/Makassar", "WITA", "+08:00"), ("Asia/Jayapura", "WIT", "+09:00")]


def zone_names_in(text):
    return set(re.findall(r"\b(WIB|WITA|WIT)\b", text))


@pytest.fixture(params=ZONES, ids=[zone for zone, _, _ in ZONES])
def zone(request, settings):
    settings.TIME_ZONE, name, offset = request.param
    return name, offset


def test_article_page_and_lists(client, db, zone):
    name, _ = zone
    at = timezone.make_aware(datetime(2026, 11, 27, 10, 15))
    section = make_section()
    article = make_article(section=section, publish_at=at)
    page = client.get(article.get_absolute_url()).text
    assert f"27 November 2026 10:15 {name}" in page
    assert zone_names_in(page) == {name}
    assert zone_names_in(client.get(section.get_absolute_url()).text) <= {name}


def test_feeds_give_absolute_times_and_no_zone_name_to_get_wrong(client, db, zone):
    make_article(section=make_section(), publish_at=timezone.make_aware(datetime(2026, 11, 27, 10, 15)))
    feed = client.get(reverse("articles:feed")).text
    assert "<pubDate>Fri, 27 Nov 2026" in feed and " +0000</pubDate>" in feed
    assert zone_names_in(feed) == set()


def test_admin_column_schedule_form_and_message(client, editor, zone):
    name, _ = zone
    scheduled = make_article("scheduled", headline="Artikel terjadwal besok", hours=24)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    changelist = client.get(url).text
    assert zone_names_in(changelist) == {name}
    # The publish time column reads as the pages do.
    assert long_date(scheduled.publish_at) in changelist or short_date(scheduled.publish_at) in changelist

    article = make_article("review", section=make_section())
    form = client.post(url, {"action": "schedule", "_selected_action": [article.pk]})
    assert zone_names_in(form.text) == {name}
    when = timezone.localtime() + timedelta(days=1)
    done = client.post(
        url, {"action": "schedule", "_selected_action": [article.pk], f"_version_{article.pk}": article.version, "publish_at": when.strftime("%Y-%m-%dT%H:%M")}, follow=True
    )
    message = " ".join(str(m) for m in done.context["messages"])
    assert zone_names_in(message) == {name}, message


@pytest.mark.parametrize("command", ["import_articles", "export_articles"])
def test_command_help(db, zone, command, capsys):
    name, _ = zone
    with pytest.raises(SystemExit):
        call_command(command, "--help", stdout=StringIO())
    assert zone_names_in(capsys.readouterr().out) == {name}


def test_command_error_names_the_zone_and_its_offset(db, zone):
    name, offset = zone
    with pytest.raises(Exception, match=rf"\({name}\) or 2025-03-01T07:00\{offset[0]}{offset[1:]}"):
        call_command("import_articles", "--publish-at", "kemarin", "--section", "x", ".", stdout=StringIO(), stderr=StringIO())
