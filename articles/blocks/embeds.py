"""
The platforms an Embed block accepts, recognised by URL alone. Nothing is
fetched from them, ever: readers get a placeholder with a link and choose
whether to go there.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    patterns: tuple
    canonical: str  # str.format() template over the pattern's named groups
    action: str  # what the reader's link says


PROVIDERS = (
    Provider(
        "youtube",
        "YouTube",
        (
            r"https?://(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v=(?P<id>[\w-]{11})\b",
            r"https?://(?:www\.|m\.)?youtube\.com/(?:shorts|live|embed)/(?P<id>[\w-]{11})\b",
            r"https?://youtu\.be/(?P<id>[\w-]{11})\b",
        ),
        "https://www.youtube.com/watch?v={id}",
        _("Watch on YouTube"),
    ),
    Provider(
        "x",
        "X",
        (r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<user>\w{1,15})/status/(?P<id>\d{1,25})\b",),
        "https://x.com/{user}/status/{id}",
        _("Read on X"),
    ),
    Provider(
        "instagram",
        "Instagram",
        (r"https?://(?:www\.)?instagram\.com/(?P<kind>p|reel|tv)/(?P<id>[\w-]{5,40})\b",),
        "https://www.instagram.com/{kind}/{id}/",
        _("View on Instagram"),
    ),
    Provider(
        "tiktok",
        "TikTok",
        (r"https?://(?:www\.|m\.)?tiktok\.com/@(?P<user>[\w.-]{1,40})/video/(?P<id>\d{5,25})\b",),
        "https://www.tiktok.com/@{user}/video/{id}",
        _("Watch on TikTok"),
    ),
)
BY_KEY = {provider.key: provider for provider in PROVIDERS}
COMPILED = [(provider, re.compile(pattern, re.IGNORECASE)) for provider in PROVIDERS for pattern in provider.patterns]


def recognise(url):
    """(provider, canonical URL) for a URL of a known platform, else None."""
    url = (url or "").strip()
    if len(url) > 500:
        return None
    for provider, pattern in COMPILED:
        match = pattern.match(url)
        if match:
            return provider, provider.canonical.format(**match.groupdict())
    return None
