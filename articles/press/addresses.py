"""
An article's address may change after publication (a new slug, or a new
section should addresses ever carry it); every address it had answers 301
to the current one. Article.clean() and Article.save() call in here
explicitly, so the redirect is written in the same transaction as the move.
"""

from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext as _

from . import redirects

# The fields that make up an article's address.
ADDRESS_FIELDS = ("slug", "section_id")


def stored_address(article, update_fields=None):
    """The address readers know for `article` as stored, if it ever was public; else None."""
    if article.pk is None or article._state.adding:
        return None
    if update_fields is not None and not {"slug", "section", "section_id"} & set(update_fields):
        return None
    model = type(article)
    stored = model._default_manager.filter(pk=article.pk, first_published_at__isnull=False).values(*ADDRESS_FIELDS).first()
    if stored is None:
        return None
    return model(pk=article.pk, **stored).get_absolute_url()


def check_address_change(article):
    """
    Refuse a move whose old address the redirect table could not hold, and
    publishing a story that was taken down. Called from Article.clean().
    """
    old = stored_address(article)
    if old is not None and article.slug and old != article.get_absolute_url():
        try:
            redirects.normalize_path(old)
            redirects.normalize_path(article.get_absolute_url())
        except ValidationError as error:
            raise ValidationError(
                {"slug": ValidationError(_("This address cannot be changed: %(reason)s") % {"reason": "; ".join(error.messages)}, code="address_unkeepable")}
            ) from error
    if article.status == article.Status.PUBLISHED and article.pk and is_taken_down(article):
        raise ValidationError(
            ValidationError(_("This story was taken down under the Dewan Pers guideline and cannot be published again."), code="taken_down")
        )


def remember_move(old_address, article):
    """Record that `article` moved from `old_address` (inside the save's transaction)."""
    new_address = article.get_absolute_url()
    if old_address and old_address != new_address:
        redirects.move_address(old_address, new_address)


def is_taken_down(article):
    from .models import Takedown

    return Takedown.objects.filter(article_id=article.pk).exists()


def article_slug_at(path):
    """The slug in `path` when it is an article's address, else None."""
    if not path or not path.startswith("/"):
        return None
    try:
        match = resolve(uri_to_iri(path.split("?", 1)[0]))
    except Resolver404:
        return None
    if match.view_name != "articles:detail":
        return None
    return match.kwargs.get("slug")
