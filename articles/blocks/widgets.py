import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The body field's help text in the admin: how to use the editor. (The
# model's own help text states the storage rule, which imports follow too.)
BODY_HELP_TEXT = gettext_lazy(
    "Write as in a word processor, or paste from Word, Google Docs, WhatsApp or a web page: "
    "paragraphs, subheadings, lists, quotes, links, bold and italic stay; fonts, colours and "
    "other styles go. Add pictures, “Read also” boxes and embeds with the toolbar buttons. At most 2 MB."
)

# The editor's assets come from django-prose-editor (Tiptap/ProseMirror,
# served from our static files); our module imports its editor.js by a
# relative path, so no inline import map is needed under the strict CSP.
PROSE_CSS = ["django_prose_editor/material-icons.css", "django_prose_editor/editor.css", "django_prose_editor/overrides.css"]


def editor_labels():
    """Every word the editor shows, translated here so the script needs no catalogue of its own."""
    return {
        "picture": _("Picture"),
        "readAlso": _("Read also"),
        "embed": _("Embed"),
        "search": _("Search"),
        "insert": _("Insert"),
        "cancel": _("Cancel"),
        "upload": _("Upload a new picture"),
        "file": _("File"),
        "altText": _("Alternative text (required)"),
        "caption": _("Caption"),
        "credit": _("Credit"),
        "choosePicture": _("Choose a picture from the library or upload one."),
        "chooseArticle": _("Choose a published article."),
        "embedUrl": _("Address of a YouTube video, X post, Instagram post or TikTok video"),
        "embedTitle": _("Title shown to readers (optional)"),
        "nothingFound": _("Nothing found."),
        "failed": _("That did not work. Try again."),
        "working": _("Working…"),
    }


class BodyEditorWidget(forms.Textarea):
    """The article body as a WYSIWYG editor; without JavaScript it stays a plain textarea of HTML."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 24, **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={"all": [*PROSE_CSS, "blocks/editor.css"]},
            js=[forms.Script("blocks/body_editor.js", type="module")],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        config = {
            "urls": {
                "pictures": reverse("blocks:pictures"),
                "upload": reverse("blocks:upload_picture"),
                "articles": reverse("blocks:articles"),
                "embed": reverse("blocks:embed"),
            },
            "labels": editor_labels(),
        }
        context["widget"]["attrs"]["data-body-editor"] = json.dumps(config, separators=(",", ":"))
        return context
