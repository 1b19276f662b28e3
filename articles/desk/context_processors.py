from django.utils.functional import SimpleLazyObject

from ..pagecache.memo import memoised
from .front import breaking_news as live_breaking_news


def breaking_news(request):
    """The breaking-news bar for reader pages; queried only when a template shows it (admin pages do not)."""
    return {"breaking_news": SimpleLazyObject(lambda: memoised(request, "breaking-news", live_breaking_news))}
