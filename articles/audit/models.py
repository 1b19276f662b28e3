from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """
    What an entry records. The column stores the value without database
    choices, so a new kind of event needs no migration; add it here so the
    admin shows it by name and offers it as a filter.
    """

    CREATE = "create", _("Created")
    SAVE = "save", _("Saved")
    SUBMIT = "submit", _("Submitted for review")
    RETURN_TO_DRAFT = "return_to_draft", _("Returned to draft")
    PUBLISH = "publish", _("Published")
    SCHEDULE = "schedule", _("Scheduled")
    UNPUBLISH = "unpublish", _("Withdrawn")
    DELETE = "delete", _("Deleted")
    RESTORE = "restore", _("Revision restored")
    CONFLICT = "conflict", _("Save refused (changed by someone else)")
    PREVIEW_LINK_CREATED = "preview_link_created", _("Preview link created")
    PREVIEW_LINK_REVOKED = "preview_link_revoked", _("Preview link revoked")
    IMPORT = "import", _("Import run")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    PERMISSION_CHANGE = "permission_change", _("Groups or permissions changed")
    FRONT_PAGE = "front_page", _("Front page changed")
    BREAKING_NEWS = "breaking_news", _("Breaking-news bar changed")
    LOCKOUT = "lockout", _("Logins locked")
    LOCKOUT_LIFTED = "lockout_lifted", _("Login lock lifted")
    TAKEDOWN = "takedown", _("Taken down")
    CORRECTION = "correction", _("Correction published")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(_("Audit log entries cannot be changed."))

    def delete(self):
        raise PermissionDenied(_("Audit log entries cannot be deleted."))


class AuditEntry(models.Model):
    """
    One decision or account event. Who and what are also kept as text, so
    an entry still reads right after the user or the article is deleted;
    the references to them carry no database constraint, so deleting a user
    or an article never has to touch (and cannot cascade into) the log.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("person's name"), max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=128, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")]
        default_permissions = ("add", "view")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def action_label(self):
        try:
            return Action(self.action).label
        except ValueError:
            return self.action

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("Audit log entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("Audit log entries cannot be deleted."))
