"""
Shareable preview links for articles readers cannot see yet.

An editor hands a link to someone without an account (a source checking a
quote, a lawyer reading a sensitive story). Links are made on request, one
active per article, and can be revoked: they are stored
(articles/editorial/links.py) rather than signed, so that ending one does
not need a new SECRET_KEY.
"""

from .editorial.links import article_pk_for, create_link, link_url

__all__ = ["article_pk_for", "article_pk_from", "create_link", "link_url"]


def article_pk_from(token):
    """The article an active link shows, or None when it is unknown, revoked, expired or withdrawn."""
    return article_pk_for(token)
