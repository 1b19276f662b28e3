from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Registers the user and group admin, limited so nobody manages a stronger account.
from .accounts import admin as accounts_admin  # noqa: F401
from .admin_input import HandMadeInputMixin
from .dates import short_date
from .desk.admin import ArticlePlacementsMixin, PlacementInline
from .blocks.admin_display import rendered_body, with_rendered_body
from .editorial.article_admin import EditorialAdminMixin
from .editorial.links import share_preview_html
from .forms import ArticleAdminForm, ScheduleForm
from .models import Article, Contribution, Person, Section, Source, Tag
from .press.inlines import PRESS_INLINES, takedown_link
from .workflow.admin import WorkflowAdminMixin
from .workflow.filters import MineFilter
from .workflow.inlines import EditorialNoteInline
from .workflow.timestamps import desk_datetime


class StateFilter(admin.SimpleListFilter):
    """Status as editors think of it, with scheduled split from live."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("Waiting for review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("unpublished", _("Unpublished")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "review":
                return queryset.in_review()
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "unpublished":
                return queryset.filter(status=Article.Status.UNPUBLISHED)
        return queryset


class ContributionInline(HandMadeInputMixin, admin.TabularInline):
    model = Contribution
    autocomplete_fields = ["person"]
    extra = 1
    verbose_name_plural = _("byline")


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


@admin.register(Article)
class ArticleAdmin(HandMadeInputMixin, EditorialAdminMixin, WorkflowAdminMixin, ArticlePlacementsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [ContributionInline, SourceInline, PlacementInline, EditorialNoteInline, *PRESS_INLINES]
    list_display = ["headline", "state", "section", "byline", "publish_time", "last_changed", "live"]
    list_filter = [MineFilter, StateFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "contributions__person__name", "tags__name", "dateline"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["section", "tags", "lead_image", "related_articles"]
    actions = ["submit_for_review", "publish_now", "schedule", "unpublish"]
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin.css", "css/desk-admin.css"]}

    fieldsets = [
        (None, {"fields": ["headline", "slug", "confirm_address_change", "standfirst", "body"]}),
        (_("Placement"), {"fields": ["section", "tags", "dateline", "lead_image", "paid_kind"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "mark_updated", "share_preview", "takedown_link"]}),
        (
            _("More"),
            {
                "classes": ["collapse"],
                "fields": ["related_articles", "updated_substantively_at", "first_published_at", "created_by", "updated_by"],
            },
        ),
    ]

    rendered_body = rendered_body

    def get_queryset(self, request):
        return super().get_queryset(request).with_byline()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class RequestArticleForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs.setdefault("user", request.user)
                super().__init__(*args, **form_kwargs)

        return RequestArticleForm

    def get_readonly_fields(self, request, obj=None):
        readonly = ["first_published_at", "created_by", "updated_by", "share_preview", "takedown_link"]
        if not request.user.has_perm("articles.publish_article"):
            readonly += ["publish_at", "updated_substantively_at"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        hidden = set()
        if not request.user.has_perm("articles.publish_article"):
            # Reporters cannot stamp updates; the field would only confuse.
            hidden.add("mark_updated")
        if obj is None or not obj.first_published_at:
            # Only a published article's address needs a confirmed change.
            hidden.add("confirm_address_change")
        if obj is not None and not self.has_change_permission(request, obj):
            fieldsets = with_rendered_body(fieldsets)
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]

    # Dewan Pers point 5: the way to a takedown (articles/press).
    takedown_link = takedown_link

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.first_published_at:
            return {}
        return {"slug": ["headline"]}

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.can_edit(request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.can_edit(request.user)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in getattr(form, "body_removal_notes", ()):
            self.message_user(request, note, messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Tags and the byline are saved after the article; index them too.
        form.instance.refresh_search_document()

    # --- Columns -------------------------------------------------------------

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span class="article-state article-state-scheduled">{} {}</span>', _("Scheduled"), desk_datetime(obj.publish_at)
            )
        return format_html('<span class="article-state article-state-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description=_("byline"))
    def byline(self, obj):
        return ", ".join(c.person.name for c in obj.contributions.all())

    @admin.display(description=_("shareable preview"))
    def share_preview(self, obj):
        return share_preview_html(obj)

    @admin.display(description=_("live"), boolean=True)
    def live(self, obj):
        return obj.is_live

    # --- Actions -------------------------------------------------------------
    # Each article moves in its own transaction, through the model's
    # workflow methods, with the version the list showed for it
    # (EditorialAdminMixin.apply_versioned); one refusal does not stop the others.

    def _apply(self, request, queryset, move, done_message):
        self.apply_versioned(request, queryset, move, done_message)

    @admin.action(description=_("Submit selected articles for review"))
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a, base: a.submit_for_review(request.user, base),
            lambda n: ngettext("%d article submitted for review.", "%d articles submitted for review.", n) % n,
        )

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a, base: a.publish(request.user, base_version=base),
            lambda n: ngettext("%d article published.", "%d articles published.", n) % n,
        )

    @admin.action(description=_("Schedule selected articles…"), permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "publish_at" in request.POST else None)
        if form.is_bound and form.is_valid():
            at = form.cleaned_data["publish_at"]
            self._apply(
                request,
                queryset,
                lambda a, base: a.schedule(request.user, at, base),
                lambda n: ngettext("%(n)d article scheduled for %(time)s.", "%(n)d articles scheduled for %(time)s.", n)
                % {"n": n, "time": short_date(at)},
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Schedule articles"),
            "opts": self.model._meta,
            "form": form,
            "articles": self.with_posted_versions(request, queryset),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/schedule.html", context)

    @admin.action(description=_("Withdraw selected articles…"), permissions=["publish"])
    def unpublish(self, request, queryset):
        # Asks for confirmation and a reason first (EditorialAdminMixin).
        return self.withdraw_selected(request, queryset)


@admin.register(Section)
class SectionAdmin(HandMadeInputMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(HandMadeInputMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(HandMadeInputMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]
