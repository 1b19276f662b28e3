"""What the "Most read" counters hold, for tests that count views (pages served or cached)."""

import time

import pytest

from articles.popular import counting
from articles.popular.models import HourlyViews


@pytest.fixture(autouse=True)
def nothing_pending():
    """Autouse in a module that imports it: each test starts and ends with no view pending."""
    counting.flush()
    counting._pending.clear()
    # No flush falls due in the middle of a test: its new ranking would bump
    # the "popular" stamp, and the next request would be a miss.
    counting._flushed_at = time.monotonic()
    yield
    counting._pending.clear()


def views_of(article):
    counting.flush()
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))
