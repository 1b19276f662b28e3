from django import template

from ..markup import render_for_feeds, render_for_readers

register = template.Library()


@register.filter
def body_blocks(body):
    """Sanitized body HTML with its Picture, "Baca juga" and Embed blocks as readers see them."""
    return render_for_readers(body)


@register.filter
def feed_blocks(body):
    """The same for feed readers: a picture, and plain links for the rest."""
    return render_for_feeds(body)
