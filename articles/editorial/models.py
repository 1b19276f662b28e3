from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision


class RevisionInfo(models.Model):
    """
    What the history page needs to know about one revision of an article
    without unpacking its stored copy (a body may be 2 MB): which version,
    in which status, and which editorial fields changed since the revision
    before. django-reversion keeps the copy itself (reversion.Version).

    `article_id` is a plain number, not a foreign key: the history of a
    deleted article stays readable.
    """

    revision = models.OneToOneField(Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="info")
    article_id = models.BigIntegerField(_("article id"), db_index=True)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16)
    publish_at = models.DateTimeField(_("publish time"), null=True, blank=True)
    # Short fingerprints of each editorial field, to tell the next revision what changed.
    fingerprints = models.JSONField(_("fingerprints"), default=dict)
    changed = models.JSONField(_("changed fields"), default=list)

    class Meta:
        ordering = ["-revision__date_created", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [models.Index(fields=["article_id", "-version"], name="editorial_rev_article_idx")]
        # Held by the chief editor (articles/roles.py).
        permissions = [
            ("view_deleted_history", _("Can read the history of deleted articles")),
            ("delete_published_article", _("Can delete articles that were ever published")),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.version}"

    @property
    def status_label(self):
        from articles.models import Article

        return Article.Status(self.status).label if self.status in Article.Status.values else self.status

    @property
    def kept_forever(self):
        """Revisions of published states are never thinned."""
        return self.status == "published"


class PreviewLink(models.Model):
    """
    A shareable preview link, made when an editor asks for one. One active
    link per article; revoking or replacing it ends the old one at once.
    The token is random (secrets.token_urlsafe), so it cannot be guessed.
    """

    article = models.ForeignKey("articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        constraints = [
            models.UniqueConstraint(fields=["article"], condition=models.Q(revoked_at=None), name="editorial_one_active_preview_link"),
        ]

    def __str__(self):
        return self.token[:8]
