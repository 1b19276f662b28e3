"""
Strings of Django itself that its Indonesian catalogue (as of Django 6.1)
leaves untranslated, though editors meet them in the admin. Marked here so
that `make messages` keeps them in this project's catalogue, which
LOCALE_PATHS puts before Django's own.

The admin's JavaScript strings of the same kind (calendar and clock labels,
the time-zone note) are in locale/id/LC_MESSAGES/djangojs.po, kept by hand:
this project has no JavaScript strings of its own for makemessages to find.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS_MISSING_IN_INDONESIAN = [
    # The date drill-down above the article list (admin/date_hierarchy.html).
    gettext_noop("Filter by %(field_name)s"),
    # The empty choice of a drop-down list (django.db.models.fields).
    gettext_noop("- Select an option -"),
]
