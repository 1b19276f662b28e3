from django.contrib import admin
from django.forms.formsets import TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..admin_input import HandMadeInputMixin
from .models import EditorialNote


class OptionalInlineFormSet(BaseInlineFormSet):
    """
    An inline a POST may leave out altogether (a script, an older form):
    missing, it means "nothing to add" instead of a management-form error
    that would refuse the whole article.
    """

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.add_prefix(TOTAL_FORM_COUNT) not in self.data:
            self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)


class EditorialNoteInline(HandMadeInputMixin, admin.TabularInline):
    """The notes thread under the article: earlier notes read-only, one new note at a time."""

    model = EditorialNote
    formset = OptionalInlineFormSet
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1
    max_num = None
    can_delete = False
    verbose_name = _("editorial note")
    verbose_name_plural = _("editorial notes (staff only)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    # Any staff member who can see the article may read and add notes;
    # nobody rewrites what someone else wrote.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
