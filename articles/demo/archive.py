"""
A generated archive: as many Indonesian-like news articles as asked for,
written with bulk inserts, for the benchmarks that need a big newsroom
(`manage.py generate_articles`, bench/search_benchmark.py,
bench/scale_benchmark.py).

The text is made from articles/demo/vocabulary.py with the affixes
Indonesian copy uses, so the stemmer has real work to do; every search
document is made by the same document_for() that Article.save() uses, so
the index is exactly what real saves would build. Bulk inserts send no
signals, so the page cache's ``lists`` generation is bumped at the end.
"""

import random
import time
from datetime import timedelta

from .vocabulary import FUNCTION_WORDS, NAMES, ROOTS, SYLLABLES

SECTIONS = ["Nasional", "Ekonomi", "Dunia", "Olahraga", "Teknologi", "Hukum", "Kesehatan", "Daerah"]


# Nasal assimilation of meN- and peN-: a root's first letter, the nasal it
# takes, and whether the letter melts into it (kirim -> mengirim, tulis -> menulis).
NASALS = [("aiueogh", "ng", False), ("k", "ng", True), ("p", "m", True), ("bfv", "m", False), ("t", "n", True), ("dcjz", "n", False), ("s", "ny", True)]


def affixed(root, rng):
    """`root` with a random Indonesian affix pattern, nasal assimilation included."""

    def nasal(prefix):
        for letters, sound, melts in NASALS:
            if root[0] in letters:
                return prefix + sound + (root[1:] if melts else root)
        return prefix + root

    pattern = rng.randrange(12)
    return [
        root,
        root,
        root,
        nasal("me"),
        nasal("me") + "kan",
        "di" + root,
        "di" + root + "kan",
        nasal("pe") + "an",
        root + "an",
        "ke" + root + "an",
        "ber" + root,
        root + "nya",
    ][pattern]


class TextGenerator:
    """
    Articles about a few topics each: most words come from a general
    vocabulary in Zipf proportions (the roots above in a shuffled order,
    then the long tail of the stemmer's own dictionary of root words), some
    from the article's topic roots, and a few names from its cast.
    """

    def __init__(self, seed):
        from articles.search.stemming import _stemmer

        self.rng = random.Random(seed)
        roots = list(dict.fromkeys(ROOTS))
        self.rng.shuffle(roots)
        known = set(roots) | set(FUNCTION_WORDS)
        tail = sorted(word for word in _stemmer().get_dictionary().words if word.isalpha() and word not in known)
        self.rng.shuffle(tail)
        self.roots = roots
        self.vocabulary = roots + tail
        self.weights = _zipf_cumulative(len(self.vocabulary))
        self.rare_names = ["".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(3, 4))).capitalize() for _ in range(3000)]
        self.rare_weights = _zipf_cumulative(len(self.rare_names))

    def cast(self):
        rng = self.rng
        return [rng.choice(NAMES) if rng.random() < 0.5 else rng.choices(self.rare_names, cum_weights=self.rare_weights)[0] for _ in range(3)]

    def words(self, count, topic, cast):
        rng = self.rng
        out = []
        for root in rng.choices(self.vocabulary, cum_weights=self.weights, k=count):
            roll = rng.random()
            if roll < 0.28:
                out.append(rng.choice(FUNCTION_WORDS))
            elif roll < 0.36:
                out.append(affixed(rng.choice(topic), rng))
            elif roll < 0.40:
                out.append(rng.choice(cast))
            elif roll < 0.42:
                out.append(str(rng.randint(2, 2025)))
            else:
                out.append(affixed(root, rng))
        return out

    def sentence(self, topic, cast, low, high):
        return " ".join(self.words(self.rng.randint(low, high), topic, cast)).capitalize() + "."

    def article(self):
        rng = self.rng
        topic, cast = rng.sample(self.roots, 3), self.cast()
        headline = " ".join(w.capitalize() for w in self.words(rng.randint(6, 11), topic, cast))[:200]
        standfirst = self.sentence(topic, cast, 15, 30)[:400]
        paragraphs = [" ".join(self.sentence(topic, cast, 8, 20) for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(6, 11))]
        return headline, standfirst, "".join(f"<p>{p}</p>" for p in paragraphs)


def _zipf_cumulative(n):
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        out.append(total)
    return out


def _empty(cursor, vendor):
    """Every article and what hangs off it, gone; the fastest way each database has."""
    if vendor == "postgresql":
        cursor.execute("TRUNCATE articles_article, articles_section, articles_tag, articles_person RESTART IDENTITY CASCADE")
        cursor.execute("SET synchronous_commit TO off")
        # Building the GIN index once is faster than updating it 100,000 times.
        cursor.execute("DROP INDEX IF EXISTS articles_searchdocument_vector")
    else:
        for table in (
            "articles_searchdocument", "articles_contribution", "articles_article_tags", "articles_source",
            "articles_article_related_articles", "articles_article", "articles_tag", "articles_person", "articles_section",
        ):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("PRAGMA synchronous = OFF")


def _finish(cursor, vendor, log):
    if vendor == "postgresql":
        log("building the GIN index")
        cursor.execute("CREATE INDEX articles_searchdocument_vector ON articles_searchdocument USING gin (vector)")
        cursor.execute("VACUUM ANALYZE articles_searchdocument")
        cursor.execute("VACUUM ANALYZE articles_article")
    else:
        log("optimizing the FTS5 index")
        cursor.execute("INSERT INTO articles_searchdocument_fts (articles_searchdocument_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")


def _state(rng, now, days):
    """90 % published over the last `days`, 3 % scheduled, 5 % drafts, 2 % withdrawn."""
    from articles.models import Article

    roll = rng.random()
    if roll < 0.90:
        return Article.Status.PUBLISHED, now - timedelta(minutes=rng.randint(1, days * 24 * 60))
    if roll < 0.93:
        return Article.Status.PUBLISHED, now + timedelta(minutes=rng.randint(10, 7 * 24 * 60))
    if roll < 0.98:
        return Article.Status.DRAFT, None
    return Article.Status.UNPUBLISHED, now - timedelta(days=rng.randint(1, days))


def fill(count, seed=5, days=3 * 365, log=print, batch_size=1000):
    """
    Replace every article, section, topic and person with `count` generated
    articles in 8 sections, 200 topics and 300 people, published over the
    last `days`. Returns the seconds taken, in all and making search documents.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.pagecache.generations import LISTS, bump

    log(f"emptying the database and generating {count:,} articles")
    with connection.cursor() as cursor:
        _empty(cursor, connection.vendor)
    gen = TextGenerator(seed)
    filing = _filing()
    now = timezone.now()
    started = time.perf_counter()
    stem_seconds = 0.0
    for offset in range(0, count, batch_size):
        rows = [_generated_article(gen, n, filing, now, days) for n in range(offset, min(offset + batch_size, count))]
        with transaction.atomic():
            stem_seconds += _write_batch(rows)
        done = offset + len(rows)
        if done % 10_000 == 0 or done == count:
            log(f"  {done:,} articles, {time.perf_counter() - started:.0f} s ({stem_seconds:.0f} s of it making search documents)")
    with connection.cursor() as cursor:
        _finish(cursor, connection.vendor, log)
    bump(LISTS)  # Bulk inserts send no signals: every cached list is now out of date.
    return {"fill_seconds": round(time.perf_counter() - started, 1), "stem_seconds": round(stem_seconds, 1)}


def _filing():
    """The sections, topics and people articles are filed under."""
    from django.utils.text import slugify

    from articles.models import Person, Section, Tag

    sections = Section.objects.bulk_create(Section(name=name, slug=slugify(name), position=i) for i, name in enumerate(SECTIONS))
    tags = Tag.objects.bulk_create(Tag(name=f"Topik {root.capitalize()}", slug=f"topik-{root}-{i}") for i, root in enumerate(ROOTS[:200]))
    people = Person.objects.bulk_create(
        Person(name=f"{n.capitalize()} {m.capitalize()}", slug=f"penulis-{i}") for i, (n, m) in enumerate(zip(ROOTS[200:500], ROOTS[100:400]))
    )
    return sections, tags, people


def _generated_article(gen, n, filing, now, days):
    """An unsaved Article with the topics and people it will have."""
    from django.utils.text import slugify

    from articles.models import Article

    sections, tags, people = filing
    rng = gen.rng
    headline, standfirst, body = gen.article()
    status, publish_at = _state(rng, now, days)
    article = Article(
        headline=headline,
        slug=f"{slugify(headline)[:150]}-{n}",
        standfirst=standfirst,
        body=body,
        section=rng.choice(sections),
        dateline=rng.choice(["JAKARTA", "SURABAYA", "MEDAN", "MAKASSAR", ""]),
        status=status,
        publish_at=publish_at,
        first_published_at=publish_at if status == Article.Status.PUBLISHED else None,
    )
    return article, rng.sample(tags, rng.randint(1, 4)), rng.sample(people, rng.randint(1, 2))


def _write_batch(rows):
    """Insert (article, topics, people) rows with their search documents; the seconds spent making the documents."""
    from articles.models import Article, Contribution
    from articles.search.document import copied_columns, document_for
    from articles.search.models import SearchDocument

    TagLink = Article.tags.through
    Article.objects.bulk_create([article for article, _tags, _people in rows])
    TagLink.objects.bulk_create(TagLink(article=a, tag=t) for a, ts, _p in rows for t in ts)
    Contribution.objects.bulk_create(Contribution(article=a, person=p, position=i) for a, _t, ps in rows for i, p in enumerate(ps))
    started = time.perf_counter()
    documents = [
        SearchDocument(article=a, **copied_columns(a), **document_for(a, [t.name for t in ts] + [p.name for p in ps])) for a, ts, ps in rows
    ]
    seconds = time.perf_counter() - started
    SearchDocument.objects.bulk_create(documents)
    return seconds
