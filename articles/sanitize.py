"""
The allow-list that article body HTML is cleaned against.

Body HTML comes from editors, wire imports and pasted copy. Only structural
and emphasis markup survives; scripts, styles, event handlers, iframes and
any link or quotation source (href, cite) that is not http(s), mailto or
site-relative are removed, so body HTML is the one piece of stored markup
templates may mark safe.
"""

import re

import nh3

from .blocks.allowlist import BLOCK_ATTRIBUTES, BLOCK_TAGS, filter_block_attribute, finish

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li",
    "a", "em", "strong", "i", "b", "cite", "q",
} | BLOCK_TAGS  # the editor's table and the newsroom blocks (articles/blocks/)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    **BLOCK_ATTRIBUTES,
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# nh3 checks the scheme of href only; cite is a URL too, and gets the same rule.
URL_ATTRIBUTES = {("q", "cite"), ("blockquote", "cite")}
# Browsers drop tabs and line breaks anywhere in a URL and C0 controls and
# spaces around it, so "java\tscript:" is javascript: to them.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def allowed_url(value):
    """Whether `value` is relative or uses one of ALLOWED_URL_SCHEMES."""
    url = _URL_IGNORED.sub("", value).strip(_C0_AND_SPACE)
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in ALLOWED_URL_SCHEMES


def _filter_attribute(tag, attribute, value):
    if (tag, attribute) in URL_ATTRIBUTES and not allowed_url(value):
        return None
    return filter_block_attribute(tag, attribute, value)


def clean_body_html(html):
    """Return `html` with everything outside the allow-list removed."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        # Tags whose contents must go with them, not be kept as text.
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return finish(cleaned)
