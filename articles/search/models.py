"""The search index's own table; see articles.search."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Article, Section


class SearchDocument(models.Model):
    """
    An article's text as the search index stores it, stemmed by
    articles.search, with copies of the article columns a search filters
    and orders on, so that a search reads this one narrow table and not the
    articles. The database indexes the text itself: a weighted tsvector
    column with a GIN index on PostgreSQL, an FTS5 table kept by triggers on
    SQLite; a trigger on the articles table keeps the copies equal to the
    article even through QuerySet.update(). All of that is created by the
    articles app's migration 0003_search, from before search was an app of
    its own; the table keeps its name.
    """

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # Copies of the article's columns, first so SQLite reads them without
    # touching the text that follows.
    status = models.CharField(_("status"), max_length=16, choices=Article.Status.choices, editable=False)
    publish_at = models.DateTimeField(_("publish time"), null=True, editable=False)
    # No index of its own: PostgreSQL would pick it over the text index and
    # unpack every tsvector in the section to test it.
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        editable=False,
        related_name="+",
    )
    headline = models.TextField(_("headline"), blank=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True)
    names = models.TextField(_("tags, people and dateline"), blank=True)

    class Meta:
        db_table = "articles_searchdocument"
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.article_id)
