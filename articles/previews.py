"""
Shareable preview links for articles readers cannot see yet.

An editor hands a link to someone without an account (a source checking a
quote, a lawyer reading a sensitive story). The link carries the article's
id signed with SECRET_KEY and a timestamp, so it cannot be guessed or
altered, and it stops working after PREVIEW_LINK_HOURS. Nothing is stored:
changing SECRET_KEY revokes every link at once.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview"


def preview_token(article):
    return signing.dumps(article.pk, salt=SALT)


def preview_url(article):
    return settings.SITE_URL + reverse("articles:preview", kwargs={"token": preview_token(article)})


def article_pk_from(token):
    """The article id in `token`, or None when it is forged, mangled or expired."""
    try:
        return signing.loads(token, salt=SALT, max_age=timedelta(hours=settings.PREVIEW_LINK_HOURS))
    except signing.BadSignature:
        return None
