from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "articles.workflow"
    label = "workflow"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"
