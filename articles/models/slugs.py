"""Slugs no other row uses, for articles, tags and people."""

from django.utils.text import slugify

SLUG_MAX_LENGTH = 200


def unique_slug(model, text, *, exclude_pk=None, fallback="item"):
    """
    A unicode-safe slug for `text` that no other row of `model` uses:
    "Banjir di Jakarta" -> "banjir-di-jakarta", then "-2", "-3", ...

    Candidates are checked in batches with exact lookups, which the unique
    index answers; a prefix search (LIKE 'banjir%') would read the whole
    table on SQLite, on every save of a new article.
    """
    base = slugify(text, allow_unicode=True)[: SLUG_MAX_LENGTH - 6].strip("-") or fallback
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager.all()
    first = 1
    while True:
        candidates = [base if n == 1 else f"{base}-{n}" for n in range(first, first + 20)]
        taken = set(others.filter(slug__in=candidates).values_list("slug", flat=True))
        for candidate in candidates:
            if candidate not in taken:
                return candidate
        first += 20
