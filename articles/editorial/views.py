"""
Admin views for one article's editorial safety: history, comparison,
restore, withdraw ("Tarik"), the unsaved-changes preview, presence, the
shareable preview link, and the history of deleted articles.
"""

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views import View

from articles.audit import record
from articles.audit.models import Action
from articles.dates import clock_time

from .diffs import word_diff
from .forms import WithdrawForm
from .history import article_history, field_label, revision_fields, value_text
from .models import RevisionInfo
from .restore import restore_revision
from .revisions import TRACKED_FIELDS
from .versioning import StaleArticle

__all__ = ["field_label"]


class ArticleAdminView(View):
    """A view inside the article admin: `model_admin` gives the site, permissions and context."""

    model_admin = None
    template_name = None

    def context(self, request, title, **extra):
        return {**self.model_admin.admin_site.each_context(request), "title": title, "opts": self.model_admin.opts, **extra}

    def article(self, request, object_id, change=False):
        from articles.models import Article

        article = Article.objects.filter(pk=object_id).first()
        if article is None:
            raise Http404(_("No article with this id."))
        allowed = self.model_admin.has_change_permission(request, article) if change else self.model_admin.has_view_permission(request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def history_of(self, request, object_id):
        """The article, or None for a deleted one whose history the user may read."""
        from articles.models import Article

        article = Article.objects.filter(pk=object_id).first()
        if article is not None:
            if not self.model_admin.has_view_permission(request, article):
                raise PermissionDenied
            return article
        if not RevisionInfo.objects.filter(article_id=object_id).exists():
            raise Http404(_("No article with this id."))
        if not request.user.has_perm("editorial.view_deleted_history"):
            raise PermissionDenied
        return None


class HistoryView(ArticleAdminView):
    def get(self, request, object_id):
        article = self.history_of(request, object_id)
        revisions = article_history(int(object_id))
        headline = article.headline if article else (revisions[0].revision.version_set.first().object_repr if revisions else "")
        can_restore = article is not None and self.model_admin.has_change_permission(request, article)
        audit_url = None
        if request.user.has_perm("audit.view_auditentry"):
            from django.contrib.contenttypes.models import ContentType

            from articles.models import Article

            content_type = ContentType.objects.get_for_model(Article)
            audit_url = reverse("admin:audit_auditentry_changelist") + f"?content_type__id__exact={content_type.pk}&object_id={object_id}"
        context = self.context(
            request,
            _("History: %(headline)s") % {"headline": headline},
            original=article,
            object_id=object_id,
            headline=headline,
            revisions=revisions,
            can_restore=can_restore,
            deleted=article is None,
            audit_url=audit_url,
        )
        return TemplateResponse(request, "editorial/history.html", context)


class CompareView(ArticleAdminView):
    """Two revisions side by side: word-level differences of the text, the rest field by field."""

    def get(self, request, object_id):
        article = self.history_of(request, object_id)
        infos = RevisionInfo.objects.filter(article_id=object_id)
        try:
            newer = infos.get(pk=request.GET["b"]) if "b" in request.GET else infos.order_by("-version", "-pk").first()
            older = infos.get(pk=request.GET["a"]) if "a" in request.GET else infos.filter(version__lt=newer.version).order_by("-version", "-pk").first()
        except (RevisionInfo.DoesNotExist, ValueError, AttributeError):
            raise Http404(_("No such revision of this article.")) from None
        if older is None:
            older = newer
        if older.version > newer.version:
            older, newer = newer, older
        old, new = revision_fields(older), revision_fields(newer)
        texts, others = [], []
        for name in TRACKED_FIELDS:
            before, after = value_text(name, old.get(name)), value_text(name, new.get(name))
            if name in ("headline", "standfirst", "body"):
                texts.append({"label": field_label(name), "diff": word_diff(before, after), "changed": before != after})
            elif before != after:
                others.append({"label": field_label(name), "before": before, "after": after})
        context = self.context(
            request,
            _("Compare versions %(old)d and %(new)d") % {"old": older.version, "new": newer.version},
            original=article,
            object_id=object_id,
            older=older,
            newer=newer,
            texts=texts,
            others=others,
        )
        return TemplateResponse(request, "editorial/compare.html", context)


class RestoreView(ArticleAdminView):
    """Restore a revision's text, placement, byline and sources as a new revision; never its status."""

    def get(self, request, object_id, revision):
        article = self.article(request, object_id, change=True)
        info = get_object_or_404(RevisionInfo, article_id=article.pk, pk=revision)
        context = self.context(request, _("Restore version %(version)d") % {"version": info.version}, original=article, info=info)
        return TemplateResponse(request, "editorial/restore.html", context)

    def post(self, request, object_id, revision):
        article = self.article(request, object_id, change=True)
        info = get_object_or_404(RevisionInfo, article_id=article.pk, pk=revision)
        try:
            base = int(request.POST.get("base_version", ""))
        except ValueError:
            base = None
        try:
            if base is None:
                raise ValidationError(_("Reload the page: it does not say which version you saw."), code="no_version")
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                restore_revision(article, info, request.user, base)
                record(
                    Action.RESTORE,
                    obj=article,
                    request=request,
                    summary=_("Version %(old)d restored as version %(new)d") % {"old": info.version, "new": article.version},
                    details={"restored": info.version, "version": article.version},
                )
        except StaleArticle as exc:
            messages.error(request, exc.messages[0])
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
            return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
        messages.success(request, _("Version %(version)d restored. The status did not change.") % {"version": info.version})
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


class WithdrawView(ArticleAdminView):
    """“Tarik” from the change form: confirm and give a reason."""

    def get(self, request, object_id):
        article = self.article(request, object_id)
        return self.render(request, article, WithdrawForm(), article.version)

    def render(self, request, article, form, base_version, status=200):
        context = self.context(request, _("Withdraw “%(headline)s”") % {"headline": article.headline}, original=article, form=form, base_version=base_version)
        return TemplateResponse(request, "editorial/withdraw_one.html", context, status=status)

    def post(self, request, object_id):
        article = self.article(request, object_id)
        form = WithdrawForm(request.POST)
        base = request.POST.get("base_version", "")
        if not form.is_valid():
            return self.render(request, article, form, base, status=400)
        try:
            with transaction.atomic():
                article.unpublish(request.user, int(base) if base.isdigit() else -1, reason=form.cleaned_data["reason"])
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("“%(headline)s” was withdrawn; readers no longer see it.") % {"headline": article.headline})
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


class PresenceView(ArticleAdminView):
    """
    POST: “I have this form open” (the change form's script, every
    PING_SECONDS); answers with who else has it open, as text to show.
    """

    def get(self, request, object_id):
        """Who has it open, without counting the asker as present."""
        from . import presence

        article = self.article(request, object_id)
        return JsonResponse({"others": presence_lines(presence.present(article.pk, exclude_user=request.user)), "version": article.version})

    def post(self, request, object_id):
        from articles.audit.log import actor_label

        from . import presence

        article = self.article(request, object_id)
        if request.POST.get("leave"):
            presence.leave(article.pk, request.user)
            return JsonResponse({"others": []})
        presence.ping(article.pk, request.user, actor_label(request.user))
        return JsonResponse({"others": presence_lines(presence.present(article.pk, exclude_user=request.user)), "version": article.version})


def presence_lines(people):
    """“Sedang dibuka oleh Hendra (Editor) sejak 10.38” for each person."""
    return [
        _("Open now by %(who)s since %(time)s") % {"who": name, "time": clock_time(since)}
        for name, since in people
    ]


class UnsavedPreviewView(ArticleAdminView):
    """
    “Pratinjau perubahan”: the change form's current content, unsaved, in
    the article layout. Nothing is written; the byline and sources shown
    are the saved ones.
    """

    def get(self, request, object_id):
        """Without a form: the article as saved, in the same layout."""
        article = self.article(request, object_id)
        return self.render(request, article, article, [])

    def post(self, request, object_id):
        from articles.models import Tag

        article = self.article(request, object_id)
        form_class = self.model_admin.get_form(request, article, change=True)
        form = form_class(request.POST, request.FILES, instance=article)
        form.is_valid()  # fills form.instance with what could be read
        preview = form.instance
        if "tags" in form.cleaned_data:
            preview._prefetched_objects_cache = {"tags": Tag.objects.filter(pk__in=[t.pk for t in form.cleaned_data["tags"]])}
        errors = [str(error) for errors in form.errors.values() for error in errors]
        return self.render(request, article, preview, errors)

    def render(self, request, article, preview, errors):
        from articles import article_page
        from articles.sanitize import clean_body_html

        preview.body = clean_body_html(preview.body)
        context = {
            "article": preview,
            "object": preview,
            "story": article_page.story(preview),
            "is_preview": True,
            "is_unsaved_preview": True,
            "preview_errors": errors,
            "related": [],
            "page_title": preview.headline,
            "page_description": preview.standfirst,
            "canonical_path": article.get_absolute_url(),
            "current_section": preview.section,
        }
        response = TemplateResponse(request, "articles/article_detail.html", context)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class DeletedArticlesView(ArticleAdminView):
    """Deleted articles whose history is kept: for the chief editor."""

    def get(self, request):
        from articles.models import Article

        if not request.user.has_perm("editorial.view_deleted_history"):
            raise PermissionDenied
        existing = Article.objects.values("pk")
        latest = {}
        for info in RevisionInfo.objects.exclude(article_id__in=existing).select_related("revision__user").order_by("article_id", "version"):
            latest[info.article_id] = info
        rows = []
        for article_id, info in sorted(latest.items(), key=lambda item: item[1].revision.date_created, reverse=True):
            version = info.revision.version_set.filter(object_id=str(article_id)).first()
            rows.append({"article_id": article_id, "headline": version.object_repr if version else f"#{article_id}", "info": info})
        return TemplateResponse(request, "editorial/deleted.html", self.context(request, _("Deleted articles"), rows=rows))


class PreviewLinkView(ArticleAdminView):
    """The article's shareable preview link: made on request, listed with its expiry, revocable."""

    def allowed(self, request, object_id):
        article = self.article(request, object_id)
        if not request.user.has_perm("articles.preview_article"):
            raise PermissionDenied
        return article

    def get(self, request, object_id):
        from . import links

        article = self.allowed(request, object_id)
        context = self.context(
            request,
            _("Shareable preview link"),
            original=article,
            active=links.active_link(article),
            active_url=links.link_url(links.active_link(article)) if links.active_link(article) else "",
            history=article.preview_links.select_related("created_by")[:20],
        )
        return TemplateResponse(request, "editorial/preview_link.html", context)

    def post(self, request, object_id):
        from . import links

        article = self.allowed(request, object_id)
        if request.POST.get("do") == "revoke":
            if links.revoke_link(article, request.user, request):
                messages.success(request, _("The preview link was revoked: it no longer opens the article."))
        elif article.is_live:
            messages.error(request, _("The article is published: share its public address."))
        else:
            links.create_link(article, request.user, request)
            messages.success(request, _("A new preview link was made; any earlier one no longer works."))
        return HttpResponseRedirect(reverse("admin:articles_article_preview_link", args=[article.pk]))
