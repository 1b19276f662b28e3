"""
The allow-list that article body HTML is cleaned against.

Body HTML comes from editors, wire imports and pasted copy. Only structural
and emphasis markup survives; scripts, styles, event handlers, iframes and
any link that is not http(s), mailto or site-relative are removed, so body
HTML is the one piece of stored markup templates may mark safe.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li",
    "a", "em", "strong", "i", "b", "cite", "q",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def clean_body_html(html):
    """Return `html` with everything outside the allow-list removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        # Tags whose contents must go with them, not be kept as text.
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
