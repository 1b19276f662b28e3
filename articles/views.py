from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import DetailView, ListView

from .models import Article, Person, Section, Tag


class PublishedArticlesMixin:
    """Lists of articles readers may see: always through published()."""

    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().with_byline()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"
    paginate_by = 30


class SectionView(PublishedArticlesMixin, ListView):
    template_name = "articles/section.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class PersonView(PublishedArticlesMixin, ListView):
    template_name = "articles/person.html"

    def get_queryset(self):
        self.person = get_object_or_404(Person, slug=self.kwargs["slug"])
        return super().get_queryset().filter(contributions__person=self.person).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)


class ArticleDetailView(DetailView):
    """
    An article at its public address. Readers get only published() ones
    (anything else is a 404); staff who may preview also see drafts,
    scheduled and withdrawn articles here, marked as such and never cached
    or indexed.
    """

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return (
            Article.objects.visible_to(self.request.user)
            .with_byline()
            .prefetch_related("tags", "sources")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_live, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
