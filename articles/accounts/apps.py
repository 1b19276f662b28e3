from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """
    Staff account security as one nested app: who may manage whom (rules,
    admin), login throttling (django-axes, lockouts), two-factor
    authentication (django-otp) and session rules. It owns one model (the
    record of each staff session), hence an app of its own with its own
    label, migrations, templates and catalogue.
    """

    name = "articles.accounts"
    label = "accounts"
    verbose_name = _("Account security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import events

        events.connect()
