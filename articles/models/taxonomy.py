"""
What stories are filed under and by: sections, tags and the people of
bylines. Renaming a tag or a person re-indexes their articles in the same
transaction, since the name is in their search documents.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..paths import slug_path
from .images import Image
from .querysets import PersonQuerySet, TagQuerySet
from .slugs import SLUG_MAX_LENGTH, unique_slug


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the section page and in search results.")
    )
    position = models.PositiveSmallIntegerField(
        _("order in navigation"), default=0, help_text=_("Sections are listed in the site menu from the lowest number up.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("articles:section", self.slug)


class SearchedName(models.Model):
    """
    A name that articles carry into their search documents (tags, people):
    a slug made from it on first save, and on a rename the articles that
    carry it re-indexed in the same transaction.
    """

    slug_fallback = "item"

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        model = type(self)
        if not self.slug:
            self.slug = unique_slug(model, self.name, exclude_pk=self.pk, fallback=self.slug_fallback)
        if self.pk is None or not model.objects.filter(pk=self.pk).exclude(name=self.name).exists():
            return super().save(*args, **kwargs)
        # Renamed: the old name is in the search documents of its articles.
        from ..search.index import articles_named, reindex

        with transaction.atomic():
            super().save(*args, **kwargs)
            reindex(articles_named(self))


class Tag(SearchedName):
    slug_fallback = "topik"

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def get_absolute_url(self):
        return slug_path("articles:tag", self.slug)


class Person(SearchedName):
    """Someone who appears in bylines: staff, freelancers and wire agencies alike."""

    slug_fallback = "penulis"

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(Image, verbose_name=_("photo"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("Leave empty for wire and agency contributors who do not log in."),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def get_absolute_url(self):
        return slug_path("articles:person", self.slug)
