from django import template

from articles.queries import card_queryset

from ..ranking import most_read

register = template.Library()


@register.inclusion_tag("popular/most_read.html")
def most_read_block():
    return {"most_read": most_read(card_queryset())}
