from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .markup import render_for_readers


@admin.display(description=_("body"))
def rendered_body(model_admin, obj):
    """For people who may only view an article: the body as readers get it, not its HTML."""
    return format_html('<div class="rendered-body">{}</div>', render_for_readers(obj.body))


def with_rendered_body(fieldsets):
    return [(name, {**opts, "fields": ["rendered_body" if f == "body" else f for f in opts["fields"]]}) for name, opts in fieldsets]
