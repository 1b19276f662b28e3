from django import template

from ...article_page import story_links
from ...pagecache.generations import POPULAR
from ...pagecache.memo import memoised
from ..ranking import most_read

register = template.Library()


@register.inclusion_tag("popular/most_read.html", takes_context=True)
def most_read_block(context):
    # Shared by every article page and the front page: kept under the "lists" and "popular" stamps.
    stories = memoised(context.get("request"), "most-read", most_read, depends=(POPULAR,))
    return {"most_read": story_links(stories)}
