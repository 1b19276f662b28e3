"""
Control characters in text: stripped on the way in, and on the way out to XML.

A vertical tab or another C0 control character (pasted from a word
processor is enough) is invisible on a page but not allowed in XML 1.0: one
in a headline made every RSS feed answer 500 and the news sitemap invalid.
Tab, line feed and carriage return are text and stay.

On the way in, every text field of the newsroom's models loses them when
saved, whether it came from the admin, an importer or the shell (one
pre_save receiver, connected in ArticlesConfig.ready, so no entry point can
be forgotten); the export re-import strips them from each record too, as it
also writes rows in bulk. On the way out, feeds and sitemaps strip them
from what was stored before this rule existed.
"""

import re

from django.db import models

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_controls(text):
    """`text` without C0 control characters other than tab and line breaks."""
    if not isinstance(text, str):
        return text
    return CONTROL_CHARACTERS.sub("", text)


def strip_controls_before_save(sender, instance, **kwargs):
    """pre_save receiver: clean every text field of the newsroom's own models."""
    if not sender.__module__.startswith(("articles.", "newsroom.")):
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(instance, field.attname, strip_controls(value))
