"""
200 saves of one article from concurrent threads, each based on a version
that is current or, at random, a little stale. The version check is in the
UPDATE itself, so: every accepted save is in the history, every refused
one was told, the final state is the last accepted save, none is lost.
"""

import random
import threading

import pytest
from django.db import connection, connections

from articles.editorial.models import RevisionInfo
from articles.editorial.versioning import StaleArticle
from articles.models import Article
from tests.factories import make_article

SAVES = 200
THREADS = 8

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is run against PostgreSQL's row locks")


def _saver(article_pk, numbers, accepted, refused, errors, seed):
    rng = random.Random(seed)
    try:
        for number in numbers:
            article = Article.objects.get(pk=article_pk)
            base = article.version - (rng.choice([1, 2]) if rng.random() < 0.3 and article.version > 2 else 0)
            article.headline = f"Simpanan nomor {number}"
            try:
                article.save(base_version=base)
            except StaleArticle as refusal:
                refused.append((number, refusal.messages[0]))
            else:
                accepted.append((number, article.version))
    except Exception as exc:  # pragma: no cover - shown by the assertion below
        errors.append(repr(exc))
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_hundred_concurrent_saves_lose_nothing():
    article = make_article("draft", headline="Awal")
    accepted, refused, errors = [], [], []
    numbers = list(range(SAVES))
    threads = [
        threading.Thread(target=_saver, args=(article.pk, numbers[i::THREADS], accepted, refused, errors, i)) for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"race: {len(accepted)} accepted, {len(refused)} refused, 0 lost")
    assert errors == []
    assert len(accepted) + len(refused) == SAVES
    assert refused, "random staleness should have refused some saves"
    assert all("diubah setelah Anda membukanya" in message or "changed after you opened it" in message for _n, message in refused)
    # Every accepted save got its own next version: none overwrote another.
    versions = sorted(version for _number, version in accepted)
    assert versions == list(range(2, 2 + len(accepted)))
    # Every accepted save is in the history, with its own text.
    history = {info.version: info for info in RevisionInfo.objects.filter(article_id=article.pk)}
    assert sorted(history) == [1, *versions]
    from articles.editorial.history import revision_fields

    for number, version in accepted:
        assert revision_fields(history[version])["headline"] == f"Simpanan nomor {number}"
    # The final state is the last accepted save.
    last_number = max(accepted, key=lambda item: item[1])[0]
    final = Article.objects.get(pk=article.pk)
    assert final.headline == f"Simpanan nomor {last_number}"
    assert final.version == versions[-1]
