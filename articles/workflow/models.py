from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class EditorialNote(models.Model):
    """A short note between the people working on an article; staff only, never shown to readers."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )
    text = models.TextField(
        _("note"), max_length=2000, help_text=_("E.g. “Tolong konfirmasi angka pengungsi ke BPBD.” Only staff see notes.")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")
        indexes = [models.Index(fields=["article", "created_at"], name="note_article_created_idx")]

    def __str__(self):
        return self.text[:60]
