"""
The two-factor screens, in the admin's look: set up an authenticator,
pass the second step after the password, use a recovery code, make new
recovery codes, and (where not required) turn two-factor off.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _, gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from articles import audit

from . import twofactor
from .models import RecoveryCodes


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _render(request, template, title, **context):
    context = {**admin.site.each_context(request), "title": title, "next": _next(request), **context}
    return render(request, f"accounts/twofactor/{template}", context)


@never_cache
@staff_member_required
def overview(request):
    if twofactor.needs_second_step(request.user):
        return redirect("accounts:verify")
    user = request.user
    return _render(
        request, "overview.html", _("Two-factor authentication"),
        enrolled=twofactor.is_enrolled(user), required=twofactor.required_for(user),
        codes_left=twofactor.recovery_codes_left(user),
    )


@never_cache
@staff_member_required
def setup(request):
    user = request.user
    if twofactor.is_enrolled(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?next={_next(request)}")
    device = twofactor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if twofactor.confirm_authenticator(device, form.cleaned_data["code"]):
            codes = twofactor.new_recovery_codes(user)
            otp_login(request, device)
            audit.record("two_factor_enabled", obj=user, summary=_("Two-factor authentication turned on"), request=request)
            return _render(request, "recovery_codes.html", _("Your recovery codes"), codes=codes, first_time=True)
        form.add_error("code", _("That code does not match. Check the time on your phone and type the code shown now."))
    return _render(
        request, "setup.html", _("Set up two-factor authentication"),
        form=form, qr_code=twofactor.qr_code_svg(device), secret=twofactor.secret_for_typing(device),
    )


@never_cache
@staff_member_required
def verify(request):
    user = request.user
    if not twofactor.needs_second_step(user):
        return redirect(_next(request))
    if not twofactor.is_enrolled(user):
        return redirect(f"{reverse('accounts:setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = twofactor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, RecoveryCodes):
                left = twofactor.recovery_codes_left(user)
                audit.record("recovery_code_used", obj=user, summary=_("Logged in with a recovery code"), request=request, details={"left": left})
                messages.warning(request, ngettext(
                    "You used a recovery code; %(count)d is left. Make new ones under Two-factor authentication.",
                    "You used a recovery code; %(count)d are left. Make new ones under Two-factor authentication.",
                    left,
                ) % {"count": left})
            return redirect(_next(request))
        audit.record("two_factor_failed", obj=user, summary=_("Wrong two-factor code"), request=request)
        form.add_error("code", _("That code is not valid. Type the six digits your app shows now, or one of your recovery codes."))
    return _render(request, "verify.html", _("Two-factor authentication"), form=form)


@never_cache
@require_POST
@staff_member_required
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect("accounts:verify")
    codes = twofactor.new_recovery_codes(request.user)
    audit.record("recovery_codes_renewed", obj=request.user, summary=_("New recovery codes made"), request=request)
    return _render(request, "recovery_codes.html", _("Your recovery codes"), codes=codes, first_time=False)


@never_cache
@require_POST
@staff_member_required
def disable(request):
    user = request.user
    if not user.is_verified() or twofactor.required_for(user):
        messages.error(request, _("Two-factor authentication is required for your role and cannot be turned off."))
        return redirect("accounts:overview")
    twofactor.remove_all(user)
    audit.record("two_factor_disabled", obj=user, summary=_("Two-factor authentication turned off"), request=request)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:overview")
