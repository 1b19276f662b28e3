"""
How many wire files of a typical length import_articles imports per second.

Writes N generated stories (about 500 words each, with cross-headings, a
"Baca juga" teaser and a sign-off, like the agencies' copy) into a
temporary folder, migrates a throwaway database, and times three runs of
the real command: the first import (published, with a section and an
author, as an archive load is done), the same files again (all
"unchanged"), and a dry run. The target is at least 200 files a second on
SQLite.

    make bench-import
    .venv/bin/python bench/import_benchmark.py --files 5000
    .venv/bin/python bench/import_benchmark.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench

A PostgreSQL database given with --database-url is emptied first: never
point it at one that matters.
"""

import argparse
import itertools
import os
import random
import shutil
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "pemerintah daerah warga kota desa pasar harga beras cabai nelayan petani sekolah guru murid rumah sakit "
    "dokter jalan tol banjir hujan kemarau sungai pelabuhan kapal kereta bandara penumpang anggaran proyek "
    "gubernur bupati wali camat lurah polisi jaksa hakim sidang putusan saksi korban bantuan sosial listrik "
    "air bersih pupuk gabah panen musim kebun kopi teh sawit karet tambang pabrik buruh upah pajak bank "
    "kredit usaha kecil menengah ekspor impor rupiah dolar inflasi stok gudang distribusi pedagang pembeli "
    "menurut kata ujar jelas tambah sebut menyampaikan mengatakan memperkirakan meminta menargetkan "
    "menyiapkan memeriksa membangun memperbaiki menutup membuka menunda mempercepat menolak menerima "
    "pekan bulan tahun pagi siang sore malam kemarin besok hari ini lalu depan sejak hingga selama "
    "baru lama besar kecil tinggi rendah naik turun cepat lambat ramai sepi penuh kosong aman rawan"
).split()
SYLLABLES = "ba be bi bu da di du ga gi gu ja ju ka ke ki ku la li lu ma me mi mu na ni nu pa pi pu ra ri ru sa si su ta ti tu wa ya".split()
PREFIXES = ["", "", "", "me", "mem", "men", "di", "ber", "ter", "pe", "per", "ke"]
SUFFIXES = ["", "", "", "kan", "an", "i", "nya", "lah"]
PLACES = ["Jakarta", "Surabaya", "Medan", "Makassar", "Semarang", "Palembang", "Denpasar", "Pontianak", "Ambon", "Kupang"]


def coined_word(rng):
    root = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3)))
    return rng.choice(PREFIXES) + root + rng.choice(SUFFIXES)


def vocabulary(rng, size=20_000):
    """
    Common words first, then made-up words with Indonesian affixes standing
    for names, places and rarer words, drawn by Zipf's law as words in a
    real archive are: the stemmer keeps meeting new words, less and less
    often, instead of a small list it has cached after ten files.
    """
    words = list(WORDS) + [coined_word(rng) for _ in range(size - len(WORDS))]
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return words, list(itertools.accumulate(weights))


def sentence(rng, low=8, high=18):
    words = rng.choices(VOCABULARY[0], cum_weights=VOCABULARY[1], k=rng.randint(low, high))
    words.insert(rng.randint(1, len(words) - 1), rng.choice(PLACES))
    return " ".join(words).capitalize()


def paragraph(rng):
    text = " ".join(sentence(rng) + "." for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.3:
        text += f" “{sentence(rng, 6, 12)},” kata seorang pejabat."
    return text


def story(rng, number, teaser):
    headline = f"{sentence(rng, 5, 9)} {number}"
    lines = [headline, sentence(rng, 14, 24) + "."]
    count = rng.randint(8, 14)
    for index in range(count):
        if index in (count // 3, 2 * count // 3):
            lines.append(sentence(rng, 2, 4))
        lines.append(paragraph(rng))
    if teaser:
        lines.insert(len(lines) - 2, f"Baca juga: {teaser}")
    lines.append("Wartakum News")
    return headline, "\n".join(lines) + "\n"


VOCABULARY = vocabulary(random.Random(1945))


def generate(folder, count, seed=20250301):
    rng = random.Random(seed)
    headlines = []
    for number in range(count):
        teaser = rng.choice(headlines) if headlines and rng.random() < 0.5 else None
        headline, text = story(rng, number, teaser)
        headlines.append(headline)
        (folder / f"{number // 500:03}").mkdir(exist_ok=True)
        (folder / f"{number // 500:03}" / f"kiriman-{number:06}.txt").write_text(text, encoding="utf-8")


def timed_import(*args):
    from django.core.management import CommandError, call_command

    out = StringIO()
    started = time.perf_counter()
    try:
        call_command("import_articles", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        sys.exit(f"the import failed: {exc}\n{out.getvalue()[-2000:]}")
    return time.perf_counter() - started, out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="How many stories to generate (default 2000).")
    parser.add_argument("--database-url", help="Benchmark this database instead of a throwaway SQLite file (it is emptied).")
    parser.add_argument(
        "--without-search-index",
        action="store_true",
        help="Skip the search document update on save, to see what it costs (a measurement, never a way to run imports).",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        os.environ.setdefault("SECRET_KEY", "benchmark-only")
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from articles.models import Article, Section

        if args.without_search_index:
            Article.refresh_search_document = lambda self, **kwargs: None
        call_command("migrate", verbosity=0)
        if args.database_url:
            call_command("flush", interactive=False, verbosity=0)
        Section.objects.get_or_create(slug="nasional", defaults={"name": "Nasional"})

        folder = workdir / "kiriman"
        folder.mkdir()
        generate(folder, args.files)
        sizes = [path.stat().st_size for path in folder.rglob("*.txt")]
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        index = "off (measurement only)" if args.without_search_index else "on"
        print(f"{args.files} files, {sum(sizes) / len(sizes) / 1024:.1f} KB on average, database: {engine}, search index: {index}")

        options = [str(folder), "--publish", "--section", "nasional", "--author", "Kantor Berita Nusantara"]
        for label, extra in [("first import", []), ("again (unchanged)", []), ("dry run", ["--dry-run"])]:
            seconds, out = timed_import(*options, *extra)
            print(f"{label:<18} {seconds:7.2f} s  {args.files / seconds:7.0f} files/s   {out.splitlines()[-1].split(chr(9))[1]}")
        linked = Article.objects.filter(body__contains="<strong>Baca juga:</strong>").count()
        print(f"articles: {Article.objects.count()}, with a Baca juga link: {linked}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
