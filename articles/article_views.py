"""
The article at its public address, and an unpublished one through a shared
preview link. Readers get it through a query compiled once per process
(article_queries.py); the values its template places are worked out in
article_page.py.
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from . import article_page
from .article_queries import page_queryset, published_article, related_articles, with_lists
from .context_processors import navigation_sections
from .models import Article
from .pagecache.generations import article_key
from .previews import article_pk_from
from .views import description_from


class ArticleDetailView(DetailView):
    """
    An article at its public address. Readers get only published() ones
    (anything else is a 404); staff who may preview also see drafts,
    scheduled and withdrawn articles here, marked as such and never cached
    or indexed.
    """

    template_name = "articles/article_detail.html"

    def get_object(self, queryset=None):
        user = self.request.user
        if user.is_authenticated and user.has_perm("articles.preview_article"):
            return with_lists(get_object_or_404(page_queryset(Article.objects.visible_to(user)), slug=self.kwargs["slug"]))
        # Readers: the same query with its SQL compiled once per process (articles/article_queries.py).
        article = published_article(self.kwargs["slug"])
        if article is None:
            raise Http404()
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        canonical_path = article.get_absolute_url()
        return super().get_context_data(
            is_preview=not article.is_live,
            # Lazy: built only when the template's {% memo "related" %} block is not kept.
            # Their sections are the menu's (fetched once a request).
            related=SimpleLazyObject(lambda: article_page.story_links(related_articles(article, navigation_sections(self.request)))),
            # A draft's related stories are never kept (saving a draft bumps nothing).
            related_stamp=article_key(article.slug) if article.is_live else "",
            page_title=article.headline,
            page_description=article.standfirst or description_from(article.body),
            canonical_path=canonical_path,
            current_section=article.section,
            # Worked out once here rather than by tags and filters in the template (articles/article_page.py).
            story=article_page.story(article),
            byline=article_page.byline(article),
            topics=article_page.topics(article),
            dates=article_page.dates(article),
            share=article_page.share_values(canonical_path, article.headline),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not context["is_preview"]:
            response.counted_article = self.object.pk  # For "Most read" (articles/popular/).
        if context["is_preview"]:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class SharedPreviewView(ArticleDetailView):
    """
    An unpublished article through a signed, expiring link (articles/previews.py),
    for someone without an account. Once the article is live the link
    simply leads to its public address.
    """

    def get_object(self, queryset=None):
        pk = article_pk_from(self.kwargs["token"])
        if pk is None:
            raise Http404(_("This preview link is invalid or has expired."))
        # The signature is the permission here, so no published() filter.
        return with_lists(get_object_or_404(page_queryset(Article.objects.all()), pk=pk))

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_live:
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))
