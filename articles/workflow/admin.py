"""
WorkflowAdminMixin: what the article admin gains for the desk's workflow.
articles/admin.py mixes it into ArticleAdmin; the pieces live beside it.
"""

import copy
import dataclasses

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Contribution

from .bulk import CHECKED_ACTIONS, reporting_warnings
from .byline import default_byline
from .filters import mine_selected
from .forms import WorkflowFormMixin
from .models import EditorialNote
from .moves import PUBLISH, RETURN, REVIEW, SCHEDULE, available_moves
from .search import matching_article_ids
from .timestamps import desk_datetime


def workflow_rank():
    """0 for what still needs work (drafts, in review), 1 for the rest."""
    return Case(
        When(status__in=[Article.Status.DRAFT, Article.Status.REVIEW], then=Value(0)), default=Value(1), output_field=IntegerField()
    )


class WorkflowAdminMixin:
    def get_ordering(self, request):
        if mine_selected(request):
            # A reporter's own list: what still needs work first, then the latest touched.
            return [workflow_rank().asc(), "-updated_at", "-pk"]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        match = request.resolver_match
        if match is not None and match.url_name == "autocomplete":
            # Autocomplete gets the start of a headline as it is typed: a word prefix, not words.
            return super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=matching_article_ids(search_term)), False

    def get_actions(self, request, *args, **kwargs):
        actions = super().get_actions(request, *args, **kwargs)
        for name in CHECKED_ACTIONS:
            if name in actions:
                actions[name] = dataclasses.replace(actions[name], func=reporting_warnings(actions[name].func))
        return actions

    # --- The form --------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        kwargs["form"] = type(f"Workflow{base.__name__}", (WorkflowFormMixin, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not request.user.has_perm("articles.publish_article") or obj is None or obj.status != Article.Status.REVIEW:
            return fieldsets
        # The note for "Return to writer" sits with the publishing fields, where the button is offered.
        return [
            (name, {**opts, "fields": [*opts["fields"], "note_to_writer"]} if "status" in opts["fields"] else opts)
            for name, opts in fieldsets
        ]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if inline.model is Contribution and obj.pk is None and request.method == "GET":
            kwargs["initial"] = default_byline(request.user)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        article = copy.copy(obj if obj is not None else form.instance)
        for name, value in getattr(form, "stored_state", {}).items():
            setattr(article, name, value)
        context["workflow_moves"] = available_moves(article, request.user) if self.has_change_permission(request, obj) else []
        if getattr(form, "prepublish_warnings", None):
            context["override_move"] = form.workflow_move
            context["override_label"] = form.override_label
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # --- Saving ----------------------------------------------------------

    def save_form(self, request, form, change):
        request.workflow_form = form
        return super().save_form(request, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not EditorialNote:
            return super().save_formset(request, form, formset, change)
        for note in formset.save(commit=False):
            note.author = request.user
            note.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if form.workflow_move == RETURN:
            EditorialNote.objects.create(article=article, author=request.user, text=form.cleaned_data["note_to_writer"].strip())
        if form.overridden_warnings:
            text = _("Published despite the pre-publish check: %(warnings)s") % {"warnings": " ".join(form.overridden_warnings)}
            EditorialNote.objects.create(article=article, author=request.user, text=text)

    def _workflow_response(self, request, obj):
        form = getattr(request, "workflow_form", None)
        move = form.workflow_move if form is not None else None
        if move is None:
            return None
        text = {
            REVIEW: _("“%(headline)s” was sent for review. It is locked while the editors have it; they will publish it or return it to you with a note."),
            PUBLISH: _("“%(headline)s” is published."),
            SCHEDULE: _("Scheduled to be published %(time)s"),
            RETURN: _("“%(headline)s” was returned to its writer with your note."),
        }[move] % {"headline": obj.headline, "time": desk_datetime(obj.publish_at)}
        self.message_user(request, text, messages.SUCCESS)
        return self.response_post_save_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._workflow_response(request, obj) or super().response_change(request, obj)

    # --- Columns ---------------------------------------------------------

    # One date format for every time in the list, scheduled or not.

    @admin.display(description=gettext_lazy("publish time"), ordering="publish_at")
    def publish_time(self, obj):
        return desk_datetime(obj.publish_at) or "–"

    @admin.display(description=gettext_lazy("last changed"), ordering="updated_at")
    def last_changed(self, obj):
        return desk_datetime(obj.updated_at)
