"""
The list actions that publish or schedule several articles at once do not
stop for the pre-publish check (there is no form to show it in), but they
do not pass over it in silence either: each article that went out with
warnings is named, with them, right after the action.
"""

from functools import wraps

from django.contrib import messages
from django.utils.translation import gettext as _

from articles.models import Article

from .checks import prepublish_warnings

CHECKED_ACTIONS = ("publish_now", "schedule")


def warnings_of(article):
    return prepublish_warnings(
        headline=article.headline,
        body=article.body,
        section=article.section,
        lead_image=article.lead_image,
        publish_at=None,
        has_byline=article.contributions.exists(),
    )


def reporting_warnings(action):
    @wraps(action)
    def run(model_admin, request, queryset):
        before = dict(queryset.values_list("pk", "status"))
        response = action(model_admin, request, queryset)
        went_out = Article.objects.filter(pk__in=before, status=Article.Status.PUBLISHED).select_related("section", "lead_image")
        for article in went_out:
            if before[article.pk] == Article.Status.PUBLISHED:
                continue
            found = warnings_of(article)
            if found:
                model_admin.message_user(
                    request,
                    _("“%(headline)s” went out with warnings: %(warnings)s") % {"headline": article.headline, "warnings": " ".join(found)},
                    messages.WARNING,
                )
        return response

    return run
