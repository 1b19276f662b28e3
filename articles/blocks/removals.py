"""
What the sanitizer took out of a body, in words an editor can act on:
"Sebuah elemen <iframe> dihapus: gunakan blok Sematan". Formatting noise
from pasted copy (span, font, div, Word's o:p) goes without a word.
"""

import re
from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
EMBED_INSTEAD = {"iframe", "embed", "object", "video", "audio", "blockquote-embed"}
PICTURE_INSTEAD = {"img", "picture", "svg"}
NOTABLE = EMBED_INSTEAD | PICTURE_INSTEAD | {"script", "style", "form", "input", "button", "select", "textarea", "canvas", "math", "link", "meta"}


def tag_counts(html):
    return Counter(name.lower() for name in START_TAG.findall(COMMENT.sub("", html or "")))


def explain_removals(raw, cleaned, unknown_embeds=0):
    """Messages for the notable elements in `raw` that `cleaned` lost, one per kind of element."""
    before, after = tag_counts(raw), tag_counts(cleaned)
    notes = []
    for tag in sorted(NOTABLE):
        lost = before[tag] - after[tag]
        if lost <= 0:
            continue
        if tag in EMBED_INSTEAD:
            hint = _("use the Embed block")
        elif tag in PICTURE_INSTEAD:
            hint = _("use the Picture block")
        else:
            hint = _("an article body cannot hold it")
        if lost == 1:
            notes.append(_("An <%(tag)s> element was removed: %(hint)s.") % {"tag": tag, "hint": hint})
        else:
            notes.append(
                ngettext("%(count)d <%(tag)s> element was removed: %(hint)s.", "%(count)d <%(tag)s> elements were removed: %(hint)s.", lost)
                % {"count": lost, "tag": tag, "hint": hint}
            )
    if unknown_embeds:
        notes.append(
            ngettext(
                "%(count)d embed of an unknown address was removed: only YouTube, X, Instagram and TikTok can be embedded.",
                "%(count)d embeds of unknown addresses were removed: only YouTube, X, Instagram and TikTok can be embedded.",
                unknown_embeds,
            )
            % {"count": unknown_embeds}
        )
    return notes


def removal_notes(raw):
    """Clean `raw` as a save would and say what went."""
    from ..sanitize import clean_body_html

    cleaned = clean_body_html(raw)
    embeds_before = len(re.findall(r'data-block="embed"', raw or ""))
    embeds_after = len(re.findall(r'data-block="embed"', cleaned))
    return explain_removals(raw, cleaned, max(0, embeds_before - embeds_after))
