from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


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


def recovery_code_digest(user_pk, code, secret=None):
    """
    The stored form of a recovery code: HMAC-SHA256 keyed with SECRET_KEY,
    salted with the user's id, as 64 hex digits. A copy of the database
    alone cannot be used to log in, nor the codes guessed from it offline.
    """
    return salted_hmac(RecoveryCodes.KEY_SALT, f"{user_pk}:{code}", secret=secret, algorithm="sha256").hexdigest()


class RecoveryCodes(TimestampMixin, ThrottlingMixin, Device):
    """
    A user's single-use recovery codes, as one django-otp device. Only each
    code's keyed hash is stored (recovery_code_digest); the codes themselves
    are shown once, when they are made. django-otp's own static device keeps
    them in plain text, which is why this one exists.
    """

    KEY_SALT = "articles.accounts.RecoveryCodes"

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")
        default_permissions = ()

    def get_throttle_factor(self):
        return 1

    def verify_token(self, token):
        """Accept one of the codes and use it up. Each code works once."""
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        code = "".join(str(token or "").replace("-", " ").split()).lower()
        # Under the current key or a retired one (SECRET_KEY_FALLBACKS), as
        # Django's own signatures are, so rotating the key keeps codes valid.
        secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        candidates = [recovery_code_digest(self.user_id, code, secret) for secret in secrets]
        match = None
        # Every stored code is compared, in constant time, so how long this
        # takes does not tell which code, or how much of one, was right.
        for stored in self.codes.all():
            for candidate in candidates:
                if constant_time_compare(stored.digest, candidate):
                    match = stored
        # The delete is what spends the code: of two logins racing with the
        # same one, only the one whose delete removes the row gets in.
        if match is not None and RecoveryCode.objects.filter(pk=match.pk).delete()[0]:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    """One unused recovery code, as its keyed hash; deleted when it is used."""

    device = models.ForeignKey(RecoveryCodes, verbose_name=_("recovery codes"), on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(_("digest"), max_length=64, help_text=_("HMAC-SHA256 of the code; the code itself is never stored."))

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        default_permissions = ()

    def __str__(self):
        return f"{self.device_id} {self.digest[:8]}"
