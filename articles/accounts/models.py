from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaffSession(models.Model):
    """
    One signed-in session of a staff member. Django cannot list a user's
    sessions (they are stored by key only), and a change of role must end
    them all, whatever the session backend; this index makes that possible.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(_("session key"), max_length=64, unique=True)
    started = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")
        default_permissions = ()

    def __str__(self):
        return f"{self.user_id} {self.started:%Y-%m-%d %H:%M}"
