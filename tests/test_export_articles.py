"""export_articles, and import_articles reading its JSON lines back: the round trip."""

import json
import stat
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Contribution, Image, Person, Section, Source, Tag
from tests.factories import make_article, make_person, make_section, make_tag
from tests.wire_import import run_import


def export(*args):
    out, err = StringIO(), StringIO()
    call_command("export_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def png_upload(name="banjir.png"):
    buffer = BytesIO()
    PILImage.new("RGB", (4, 3), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def wipe():
    """An empty site, as a fresh install would be (uploaded files stay on disk)."""
    Article.objects.all().delete()
    for model in (Person, Tag, Section, Image):
        model.objects.all().delete()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(db, media):
    """A small newsroom with everything an article can hold."""
    now = timezone.now()
    nasional = make_section("Nasional", slug="nasional", description="Berita dari seluruh Tanah Air.", position=10)
    ekonomi = make_section("Ekonomi", slug="ekonomi", position=20)
    rina, agus = make_person("Rina Kusuma", bio="Redaktur desk nasional."), make_person("Agus Salim")
    banjir, politik = make_tag("Banjir"), make_tag("Politik Daerah")
    image = Image.objects.create(file=png_upload(), alt_text="Warga mengarungi genangan", caption="Genangan di Tanjung Mas.", credit="Wartakum/Agus")

    first = make_article(
        "published",
        section=nasional,
        tags=[politik, banjir],
        people=[rina],
        headline="Banjir rob rendam pesisir Semarang",
        dateline="SEMARANG",
        lead_image=image,
        updated_substantively_at=now - timedelta(minutes=30),
        source_key="wire:banjir-rob.txt",
        source_digest="a" * 64,
        body="<p>Air laut masuk ke permukiman.</p><h2>Tanggul</h2><p>“Kami siaga,” kata petugas.</p>",
    )
    Contribution.objects.create(article=first, person=agus, role=Contribution.Role.PHOTOGRAPHER, position=1)
    Source.objects.create(article=first, name="BMKG", url="https://www.bmkg.go.id/", position=0)
    Source.objects.create(article=first, name="BPBD Kota Semarang", position=1)
    draft = make_article("draft", tags=[banjir], headline="Draf: pompa air tambahan dikirim")
    scheduled = make_article("scheduled", section=ekonomi, people=[agus, rina], headline="Harga gabah diumumkan besok", hours=5)
    withdrawn = make_article("unpublished", section=nasional, headline="Berita yang ditarik", first_published_at=now - timedelta(days=2))
    # Points forward: the scheduled story comes after it in the export.
    first.related_articles.set([scheduled, withdrawn])
    scheduled.related_articles.set([first])
    return [first, draft, scheduled, withdrawn]


def test_export_is_one_json_object_per_article_with_everything(site):
    out, err = export()
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["slug"] for record in records] == [article.slug for article in site]
    assert err == "Exported 4 articles to standard output.\n"

    first = records[0]
    assert first["headline"] == "Banjir rob rendam pesisir Semarang"
    assert first["status"] == "published" and first["dateline"] == "SEMARANG"
    assert first["section"] == {"slug": "nasional", "name": "Nasional", "description": "Berita dari seluruh Tanah Air.", "position": 10}
    assert [(p["name"], p["role"], p["position"]) for p in first["people"]] == [("Rina Kusuma", "writer", 0), ("Agus Salim", "photographer", 1)]
    assert first["people"][0]["bio"] == "Redaktur desk nasional."
    assert [tag["name"] for tag in first["tags"]] == ["Banjir", "Politik Daerah"]
    assert first["sources"] == [
        {"name": "BMKG", "url": "https://www.bmkg.go.id/", "position": 0},
        {"name": "BPBD Kota Semarang", "url": "", "position": 1},
    ]
    assert first["related"] == sorted([site[2].slug, site[3].slug])
    assert first["lead_image"]["file"].startswith("images/") and first["lead_image"]["credit"] == "Wartakum/Agus"
    assert first["publish_at"].endswith("+00:00")
    assert first["source_key"] == "wire:banjir-rob.txt"
    assert records[1]["section"] is None and records[1]["publish_at"] is None


def test_round_trip_into_an_empty_site_reproduces_it(site, tmp_path):
    before, _ = export()
    wipe()
    dump = tmp_path / "ekspor.jsonl"
    dump.write_text(before, encoding="utf-8")

    result = run_import(dump)

    assert result.code == 0, result.err
    assert [row[0] for row in result.rows] == ["created"] * 4
    assert [row[1] for row in result.rows] == [f"{dump}:{n}" for n in range(1, 5)]
    assert [row[2] for row in result.rows] == [f"/berita/{article.slug}/" for article in site]
    assert "summary\t4 items: 4 created, 0 updated, 0 unchanged, 0 failed" in result.summary
    after, _ = export()
    assert after == before

    again = run_import(dump)
    assert [row[0] for row in again.rows] == ["unchanged"] * 4
    assert export()[0] == before


def test_import_updates_an_article_that_differs(site, tmp_path):
    out, _ = export()
    dump = tmp_path / "ekspor.jsonl"
    dump.write_text(out, encoding="utf-8")
    Article.objects.filter(pk=site[0].pk).update(headline="Judul yang diubah di situs ini")
    site[0].tags.clear()

    result = run_import(dump)

    assert [row[0] for row in result.rows] == ["updated", "unchanged", "unchanged", "unchanged"]
    assert export()[0] == out


def test_jsonl_dry_run_writes_nothing(site, tmp_path):
    out, _ = export()
    wipe()
    dump = tmp_path / "ekspor.jsonl"
    dump.write_text(out, encoding="utf-8")
    result = run_import(dump, "--dry-run")
    assert [row[0] for row in result.rows] == ["created"] * 4
    assert Article.objects.count() == Section.objects.count() == Person.objects.count() == Tag.objects.count() == 0


def test_bad_records_fail_alone(db, tmp_path):
    good = {"slug": "panen-raya-di-bantul", "headline": "Panen raya di Bantul", "body": "<p>Isi <script>x()</script>berita.</p>"}
    lines = [
        json.dumps(good),
        "",
        "{not json",
        json.dumps(["bukan", "objek"]),
        json.dumps({"headline": "Tanpa slug"}),
        json.dumps({"slug": "status-aneh", "headline": "Status aneh", "status": "archived"}),
        json.dumps({"slug": "waktu-aneh", "headline": "Waktu aneh", "publish_at": "kemarin"}),
        json.dumps({"slug": "tanpa-rubrik", "headline": "Terbit tanpa rubrik", "status": "published", "publish_at": "2024-01-01T00:00:00+00:00"}),
        json.dumps({"slug": "peran-aneh", "headline": "Peran aneh", "people": [{"slug": "a", "name": "A", "role": "boss"}]}),
        json.dumps({"slug": "slug tidak sah!", "headline": "Slug tidak sah"}),
    ]
    dump = tmp_path / "campur.jsonl"
    dump.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\n")

    result = run_import(dump)

    assert result.code == 1
    by_line = {row[1].rsplit(":", 1)[1]: (row[0], row[2]) for row in result.rows}
    assert by_line["1"] == ("created", "/berita/panen-raya-di-bantul/")
    assert "2" not in by_line, "blank lines are skipped"
    assert by_line["3"][0] == "failed" and by_line["3"][1].startswith("not valid JSON (")
    assert by_line["4"] == ("failed", "not an article record (expected a JSON object)")
    assert by_line["5"] == ("failed", "missing slug")
    assert by_line["6"] == ("failed", "unknown status 'archived' (one of draft, review, published, unpublished)")
    assert by_line["7"][1].startswith("publish_at is not an ISO 8601 time with a UTC offset")
    assert by_line["8"] == ("failed", "section: Choose a section before publishing.")
    assert by_line["9"] == ("failed", "unknown role 'boss' (one of writer, editor, photographer, translator, contributor)")
    assert by_line["10"][0] == "failed" and by_line["10"][1].startswith("slug: Enter a valid “slug”")
    assert by_line["11"] == ("failed", "not UTF-8 text")
    assert list(Article.objects.values_list("slug", flat=True)) == ["panen-raya-di-bantul"]
    assert Article.objects.get().body == "<p>Isi berita.</p>"


def test_import_key_held_by_another_article_fails(db, tmp_path):
    holder = make_article("draft", source_key="wire:a.txt")
    dump = tmp_path / "a.jsonl"
    dump.write_text(json.dumps({"slug": "lain", "headline": "Lain", "source_key": "wire:a.txt"}) + "\n")
    result = run_import(dump)
    assert result.rows == [["failed", f"{dump}:1", f"its import key 'wire:a.txt' belongs to {holder.get_absolute_url()}"]]


def test_missing_image_file_and_related_article_are_reported(site, tmp_path):
    out, _ = export()
    wipe()
    first = json.loads(out.splitlines()[0])
    first["lead_image"]["file"] = "images/tidak-ada.png"
    first["related"] = ["artikel-yang-tidak-ada"]
    dump = tmp_path / "satu.jsonl"
    dump.write_text(json.dumps(first) + "\n")

    result = run_import(dump)

    assert result.code == 0 and result.rows[0][0] == "created"
    assert f"warning: {dump}:1: lead image 'images/tidak-ada.png' is not in MEDIA_ROOT; imported without it" in result.err
    assert f"warning: {dump}:1: related article 'artikel-yang-tidak-ada' is not on this site; left out" in result.err
    article = Article.objects.get()
    assert article.lead_image is None and not article.related_articles.exists()


def test_output_file_is_complete_and_private(site, tmp_path):
    target = tmp_path / "cadangan.jsonl"
    out, err = export("--output", str(target))
    assert out == f"Exported 4 articles to {target}.\n" and err == ""
    assert target.read_text(encoding="utf-8") == export()[0]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".part")] == []

    with pytest.raises(CommandError, match="the folder .* does not exist"):
        export("--output", str(tmp_path / "tidak-ada" / "x.jsonl"))


def test_since_keeps_recent_changes_only(site):
    Article.objects.filter(pk=site[1].pk).update(updated_at=timezone.now() - timedelta(days=10))
    since = (timezone.localtime() - timedelta(days=1)).date().isoformat()
    out, _ = export("--since", since)
    assert site[1].slug not in [json.loads(line)["slug"] for line in out.splitlines()]
    assert len(out.splitlines()) == 3

    with pytest.raises(CommandError, match="--since 'kemarin' is not an ISO 8601 date"):
        export("--since", "kemarin")


def test_export_queries_do_not_grow_with_articles(db, media, django_assert_num_queries):
    section, person, tag = make_section(), make_person(), make_tag()

    def article():
        item = make_article("published", section=section, tags=[tag], people=[person], sources=["BMKG"])
        item.related_articles.set(Article.objects.exclude(pk=item.pk)[:2])

    article()
    with django_assert_num_queries(5) as one:
        export()
    for _ in range(9):
        article()
    with django_assert_num_queries(len(one.captured_queries)):
        lines = export()[0].splitlines()
    assert len(lines) == 10
