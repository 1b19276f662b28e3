"""Stemming ahead of an import in a second process: same stems, less waiting, no strays."""

import os
import random
import signal
from io import StringIO

import pytest
from django.core.management import call_command

from articles.search import ahead, stemming
from articles.search.ahead import MIN_FILES, StemsAhead
from articles.search.models import SearchDocument
from tests.factories import make_section
from tests.processes import children_of, ends_soon

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not ahead.worker_can_help(), reason="needs fork() and a second CPU")]

SYLLABLES = "ba bi bu da di du ga gu ja ka ku la lu ma mu na nu pa pu ra ru sa su ta tu wa ya".split()


def coined_words(seed, count):
    """Affixed words no dictionary has, so the stemmer does its full work on each."""
    rng = random.Random(seed)
    prefixes, suffixes = ["memper", "diper", "menge", "ber", "ter", "pe"], ["kan", "an", "i", "nya"]
    return [rng.choice(prefixes) + "".join(rng.choices(SYLLABLES, k=3)) + rng.choice(suffixes) for _ in range(count)]


def write_stories(folder, count, seed):
    folder.mkdir(parents=True, exist_ok=True)
    words = coined_words(seed, count * 12)
    paths = []
    for number in range(count):
        mine = words[number * 12 : (number + 1) * 12]
        lines = [
            f"Warga {mine[0]} menuntut kejelasan nomor {number}",
            f"Pemerintah {mine[1]} {mine[2]} belum menjawab.",
            f"Menurut {mine[3]}, {' '.join(mine[4:8])} sejak pekan lalu.",
            f"“Kami {' '.join(mine[8:])},” kata seorang warga.",
            "Wartakum News",
        ]
        path = folder / f"kiriman-{number:03}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def cold_cache():
    """Every word unseen, as at the start of an import process."""
    stemming._stems.clear()
    stemming.index_term.cache_clear()
    yield
    stemming._stems.clear()
    stemming.index_term.cache_clear()


def test_the_worker_stems_the_files_so_the_importer_does_not_have_to(cold_cache, tmp_path, monkeypatch):
    paths = write_stories(tmp_path, MIN_FILES + 8, seed=1)
    texts = [path.read_text(encoding="utf-8") for path in paths]

    with StemsAhead(paths) as stems_ahead:
        assert stems_ahead.running
        stems_ahead.at(len(paths) - 1)
        assert stems_ahead.catch_up()

        def no_stemming_here():
            raise AssertionError("the importer stemmed a word the worker had stemmed")

        monkeypatch.setattr(stemming, "_stemmer", no_stemming_here)
        from_worker = [stemming.stem_text(text) for text in texts]
        monkeypatch.undo()

    stemming._stems.clear()
    stemming.index_term.cache_clear()
    assert from_worker == [stemming.stem_text(text) for text in texts]
    assert "tuntut" in from_worker[0].split()  # real words still reach their root


def test_an_import_with_the_worker_indexes_exactly_what_one_without_does(cold_cache, db, tmp_path, monkeypatch):
    make_section(slug="nasional", name="Nasional")
    write_stories(tmp_path / "kiriman", MIN_FILES + 8, seed=2)
    harvested = []
    catch_up = StemsAhead.catch_up

    def counting_catch_up(self):
        added = catch_up(self)
        harvested.append(added)
        return added

    monkeypatch.setattr(StemsAhead, "catch_up", counting_catch_up)
    call_command("import_articles", str(tmp_path / "kiriman"), "--publish", "--section", "nasional", stdout=StringIO())
    assert any(harvested), "the worker's stems were never used"
    indexed = list(SearchDocument.objects.order_by("article_id").values_list("article_id", "headline", "standfirst", "body", "names"))
    assert len(indexed) == MIN_FILES + 8

    stemming._stems.clear()
    stemming.index_term.cache_clear()
    call_command("rebuild_search_index", stdout=StringIO())
    assert list(SearchDocument.objects.order_by("article_id").values_list("article_id", "headline", "standfirst", "body", "names")) == indexed


def test_a_worker_that_dies_leaves_the_stemming_to_the_importer(cold_cache, tmp_path):
    paths = write_stories(tmp_path, MIN_FILES + 8, seed=3)
    before = children_of()
    with StemsAhead(paths) as stems_ahead:
        workers = children_of() - before
        assert len(workers) == 1
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
            assert ends_soon(pid)
        stems_ahead.at(len(paths) - 1)
        stemmed = stemming.stem_text(paths[-1].read_text(encoding="utf-8"))
        assert not stems_ahead.catch_up()
    assert stemming.stems_ahead is None
    assert stemmed.startswith("warga ")


def test_a_short_import_starts_no_worker(cold_cache, tmp_path):
    paths = write_stories(tmp_path, MIN_FILES - 1, seed=4)
    before = children_of()
    with StemsAhead(paths) as stems_ahead:
        assert not stems_ahead.running
        assert not children_of() - before
        assert stemming.stems_ahead is None


def test_the_worker_ends_with_a_clean_run(cold_cache, tmp_path):
    paths = write_stories(tmp_path, MIN_FILES + 8, seed=5)
    before = children_of()
    with StemsAhead(paths) as stems_ahead:
        workers = children_of() - before
        stems_ahead.at(len(paths) - 1)
        stems_ahead.catch_up()
    assert workers and all(ends_soon(pid) for pid in workers)


def test_an_import_goes_on_when_no_worker_can_be_started(cold_cache, db, tmp_path, monkeypatch):
    def no_more_processes(*args, **kwargs):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(ahead, "ProcessPoolExecutor", no_more_processes)
    make_section(slug="nasional", name="Nasional")
    write_stories(tmp_path / "kiriman", MIN_FILES, seed=6)
    out = StringIO()
    call_command("import_articles", str(tmp_path / "kiriman"), "--publish", "--section", "nasional", stdout=out)
    assert out.getvalue().splitlines()[-1].startswith(f"summary\t{MIN_FILES} files: {MIN_FILES} created, 0 updated")
    assert SearchDocument.objects.filter(headline__contains="tuntut").count() == MIN_FILES  # from "menuntut"
    assert stemming.stems_ahead is None


def test_a_rerun_over_imported_stories_starts_no_worker(cold_cache, db, tmp_path, monkeypatch):
    make_section(slug="nasional", name="Nasional")
    paths = write_stories(tmp_path / "kiriman", MIN_FILES + 8, seed=7)
    started = []
    start = StemsAhead._start

    def recording_start(self):
        started.append(sum(path is not None for path in self.paths))
        start(self)

    monkeypatch.setattr(StemsAhead, "_start", recording_start)
    call_command("import_articles", str(tmp_path / "kiriman"), stdout=StringIO())
    assert started == [MIN_FILES + 8]

    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("Pemerintah", "Pemerintah kota"), encoding="utf-8")
    for number in range(MIN_FILES + 8, 2 * MIN_FILES + 8):
        (tmp_path / "kiriman" / f"kiriman-{number:03}.txt").write_text(paths[number - MIN_FILES - 8].read_text(encoding="utf-8"))
    out = StringIO()
    call_command("import_articles", str(tmp_path / "kiriman"), stdout=out)
    assert f"{MIN_FILES} created, 1 updated, {MIN_FILES + 7} unchanged" in out.getvalue()
    assert started == [MIN_FILES + 8, MIN_FILES], "only the new stories are stemmed ahead"

    out = StringIO()
    call_command("import_articles", str(tmp_path / "kiriman"), stdout=out)
    assert f"0 created, 0 updated, {2 * MIN_FILES + 8} unchanged" in out.getvalue()
    assert len(started) == 2
