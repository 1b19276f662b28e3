"""The search page (/cari/): the form, the ranked results, their pages."""

from django.utils.translation import gettext as _
from django.views.generic import ListView

from ..context_processors import navigation_sections
from ..views import ReaderPageMixin
from .forms import SearchForm
from .results import SearchResults


class SearchView(ReaderPageMixin, ListView):
    """
    Search results for the words in `q`, optionally within a section and a
    date range; articles/search/ does the matching, ranking and marking.
    """

    template_name = "articles/search.html"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        results = self.form.results()
        if isinstance(results, SearchResults):
            results.sections = navigation_sections(self.request)
            results.window = self.page_window()
        return results

    def page_window(self):
        """
        The ranks (start, stop) of the page asked for, so that the search
        orders and returns only those; None (all) when the page is not a
        plain number, which the paginator then handles as usual.
        """
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or "1"
        if not (isinstance(page, str) and page.isascii() and page.isdigit()) or int(page) < 1:
            return None
        start = (int(page) - 1) * self.paginate_by
        return start, start + self.paginate_by

    def search_query(self):
        return self.form.cleaned_data["q"] if self.form.is_valid() else self.form.data.get("q", "")

    def get_page_title(self):
        query = self.search_query()
        return _("Search results for “%(query)s”") % {"query": query} if query else _("Search")

    def content_params(self):
        return {name: value for name in SearchForm.base_fields if (value := self.request.GET.get(name))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, search_query=self.search_query(), results=self.object_list, **kwargs)
