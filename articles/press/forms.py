from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def confirm_address_field():
    return forms.BooleanField(
        label=_("Change the address"),
        required=False,
        help_text=_(
            "A published article keeps every address it had: the old one redirects (301) to the new one. "
            "Tick to confirm a new slug."
        ),
    )


def check_address_change(form):
    """
    On the article form: a published article's address changes only when
    the editor confirms it, after the warning. Adds errors to `form`.
    """
    article = form.instance
    if article.pk is None or not article.first_published_at or "slug" not in form.cleaned_data:
        return
    slug, section = form.cleaned_data.get("slug"), form.cleaned_data.get("section", article.section)
    if not slug:
        # An emptied slug would be made afresh from the headline: a published
        # article keeps its address instead.
        form.cleaned_data["slug"] = article.slug
        return
    new_address = type(article)(pk=article.pk, slug=slug, section=section).get_absolute_url()
    if new_address != article.get_absolute_url() and not form.cleaned_data.get("confirm_address_change"):
        form.add_error(
            "slug",
            ValidationError(
                _(
                    "This changes the address of a published article from %(old)s to %(new)s. Links already shared "
                    "and search results will be redirected. Tick “Change the address” to confirm."
                ),
                code="address_change_unconfirmed",
                params={"old": article.get_absolute_url(), "new": new_address},
            ),
        )
