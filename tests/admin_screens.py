"""
Every admin screen we ship, as paths, generated from the admin registry so a
model or custom admin view added by anyone is covered without editing this
file. Used by the CSP browser test and the XSS suite.

EXTRA_SCREENS lists screens the registry cannot find (views outside a
ModelAdmin); add yours there.
"""

import re

from django.contrib import admin
from django.urls import URLPattern, reverse

EXTRA_SCREENS = [
    "/admin/",
    "/admin/password_change/",
    "/admin/password_change/done/",
    "/admin/2fa/",
    "/admin/2fa/setup/",
]

# Views that act on GET, or need a query string we cannot guess.
SKIPPED_NAMES = {"autocomplete", "jsi18n", "logout", "view_on_site"}
# A `<converter:name>` (or regex group) in a route stands for an object id.
PLACEHOLDER = re.compile(r"<[^>]+>|\(\?P<[^>]+>[^)]*\)")


def _model_routes(model_admin):
    for pattern in model_admin.get_urls():
        if not isinstance(pattern, URLPattern) or (pattern.name or "").rsplit("_", 1)[-1] in SKIPPED_NAMES:
            continue
        route = getattr(pattern.pattern, "_route", None)
        if route is None:
            route = pattern.pattern.regex.pattern.lstrip("^").removesuffix("\\Z").rstrip("$")
        yield route


def admin_screens(site=admin.site):
    """
    (label, path) for the index, every app index, and every model's
    changelist, add form and per-object screens (change, history, delete and
    custom ones) for the first object of each model that has one.
    """
    screens = [(path, path) for path in EXTRA_SCREENS]
    apps = set()
    for model, model_admin in site._registry.items():
        opts = model._meta
        apps.add(opts.app_label)
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        first = model._default_manager.order_by("pk").first()
        for route in _model_routes(model_admin):
            # An append-only admin (the audit log) refuses add and delete to
            # everyone, superusers included: tests/test_audit.py checks that.
            if getattr(model_admin, "append_only", False) and route.rsplit("/", 2)[-2:-1] in (["add"], ["delete"]):
                continue
            if PLACEHOLDER.search(route):
                if first is None:
                    continue
                route = PLACEHOLDER.sub(str(first.pk), route, count=1)
                if PLACEHOLDER.search(route):
                    continue
            screens.append((f"{opts.label} {route or 'list'}", base + route))
    for app_label in sorted(apps):
        screens.append((f"app {app_label}", reverse("admin:app_list", args=[app_label])))
    return screens
