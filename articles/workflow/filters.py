from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles.models import Contribution

MINE = "1"
EVERYONE = "0"


def is_reporter(user):
    """Writers whose day is their own stories: no publishing rights."""
    return not user.has_perm("articles.publish_article")


def mine_selected(request):
    """True when the list shows "My articles": chosen, or by default for reporters."""
    return request.GET.get(MineFilter.parameter_name, MINE if is_reporter(request.user) else EVERYONE) == MINE


class MineFilter(admin.SimpleListFilter):
    """
    "Artikel saya": articles the user created or is in the byline of. It is
    where a reporter's list opens; everyone can choose it.
    """

    title = _("whose articles")
    parameter_name = "mine"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.user = request.user
        if self.parameter_name not in self.used_parameters and mine_selected(request):
            self.used_parameters[self.parameter_name] = MINE

    def lookups(self, request, model_admin):
        return [(MINE, _("My articles")), (EVERYONE, _("All articles"))]

    def choices(self, changelist):
        # No "All" entry of Django's own: for a reporter, no choice means "mine".
        current = self.value() or EVERYONE
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() != MINE:
            return queryset
        bylined = Contribution.objects.filter(article=OuterRef("pk"), person__user=self.user)
        return queryset.filter(Q(created_by=self.user) | Exists(bylined))
