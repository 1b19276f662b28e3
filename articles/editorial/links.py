"""
Shareable preview links, stored: made when an editor asks for one (not on
every page load), one active link per article, each with its expiry, and
revocable at once. The token is 32 random bytes (secrets.token_urlsafe), so
it cannot be guessed. A link shows the article only while it is unpublished
and not withdrawn; once live it leads to the public address.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles.audit import record
from articles.audit.models import Action
from articles.dates import short_date

from .models import PreviewLink


def link_url(link):
    return settings.SITE_URL + reverse("articles:preview", kwargs={"token": link.token})


def active_link(article):
    return PreviewLink.objects.filter(article=article, revoked_at=None, expires_at__gt=timezone.now()).first()


def create_link(article, user, request=None):
    """A new link for `article`, ending the one before (the article row is locked meanwhile)."""
    from articles.models import Article

    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).first()
        now = timezone.now()
        PreviewLink.objects.filter(article=article, revoked_at=None).update(revoked_at=now)
        link = PreviewLink.objects.create(
            article=article,
            token=secrets.token_urlsafe(32),
            created_by=user,
            expires_at=now + timedelta(hours=settings.PREVIEW_LINK_HOURS),
        )
        expiry = short_date(link.expires_at)
        record(Action.PREVIEW_LINK_CREATED, actor=user, obj=article, request=request, summary=_("Valid until %(time)s") % {"time": expiry})
    return link


def revoke_link(article, user, request=None):
    """End the article's active link; False when there was none."""
    with transaction.atomic():
        ended = PreviewLink.objects.filter(article=article, revoked_at=None).update(revoked_at=timezone.now())
        if ended:
            record(Action.PREVIEW_LINK_REVOKED, actor=user, obj=article, request=request, summary=_("Preview link revoked"))
    return bool(ended)


def article_pk_for(token):
    """The article an active link shows, or None (unknown, revoked, expired, withdrawn, deleted)."""
    from articles.models import Article

    link = (
        PreviewLink.objects.filter(token=token, revoked_at=None, expires_at__gt=timezone.now())
        .exclude(article__status=Article.Status.UNPUBLISHED)
        .values_list("article_id", flat=True)
        .first()
    )
    return link


def share_preview_html(article):
    """The form's “shareable preview” row: the active link with its expiry and a copy button, or the way to make one."""
    if article is None or article.pk is None:
        return _("Save the article first.")
    manage = reverse("admin:articles_article_preview_link", args=[article.pk])
    if article.is_live:
        return _("Published: share its public address.")
    link = active_link(article)
    if link is None:
        return format_html('<a href="{}" class="editorial-preview-link-create">{}</a>', manage, _("Create a preview link…"))
    return format_html(
        '<input type="text" readonly class="vTextField editorial-link-field" id="editorial-preview-link" value="{url}" aria-label="{label}">'
        ' <button type="button" class="editorial-copy" data-copy-target="editorial-preview-link" data-copied-text="{copied}">{copy}</button>'
        '<div class="help">{note} <a href="{manage}">{revoke}</a></div>',
        url=link_url(link),
        label=_("Preview link"),
        copy=_("Copy"),
        copied=_("Copied"),
        note=_("Anyone with this link can read the article until %(time)s, while it is not withdrawn.")
        % {"time": short_date(link.expires_at)},
        manage=manage,
        revoke=_("Revoke or replace…"),
    )
