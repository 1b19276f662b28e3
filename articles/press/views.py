"""
Readers' pages of the press-council records: every correction (/ralat/),
every takedown (/pencabutan/), and the 410 page a taken-down story's
addresses answer with.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.models import Article
from articles.views import ReaderPageMixin

from .models import Correction, Takedown


def public_corrections():
    """Corrections of live stories, newest first: a taken-down or withdrawn story's corrections go with it."""
    return (
        Correction.objects.filter(Article.objects.published_exists("article_id"))
        .select_related("article")
        .defer("article__body")
        .order_by("-published_at", "-pk")
    )


class CorrectionListView(ReaderPageMixin, ListView):
    template_name = "press/correction_list.html"
    paginate_by = 20

    def get_queryset(self):
        return public_corrections()

    def get_page_title(self):
        return _("Corrections")

    def get_page_description(self):
        return _("Every correction and clarification %(site)s has published, newest first.") % {"site": settings.SITE_NAME}


class TakedownListView(ReaderPageMixin, ListView):
    """Takedowns, newest first: headline as published, date and reason; never the text."""

    template_name = "press/takedown_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Takedown.objects.only("headline", "reason", "other_reason", "statement", "taken_down_at")

    def get_page_title(self):
        return _("Removed stories")

    def get_page_description(self):
        return _("Stories %(site)s has removed under the Dewan Pers guideline, with the reason for each.") % {
            "site": settings.SITE_NAME
        }


def gone(request, takedown):
    """The 410 page at every address of a taken-down story."""
    context = {
        "takedown": takedown,
        "page_title": _("Story removed"),
        "page_description": _("This story has been removed under the Dewan Pers guideline."),
    }
    response = TemplateResponse(request, "press/gone.html", context, status=410)
    response["X-Robots-Tag"] = "noindex"
    return response.render()
