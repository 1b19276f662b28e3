"""Who made an article, from its byline (prefetched rows: no queries)."""

# Byline roles that make someone an author in structured data and feeds;
# editors, photographers and translators are credited on the page but did
# not write the story.
AUTHOR_ROLES = ("writer", "contributor")


def authors_of(article):
    """The people who wrote `article` (everyone in the byline if no one is marked as writer)."""
    return authors_in([(c.role, c.person) for c in article.contributions.all()])


def authors_in(byline):
    """The authors in `byline`, (role, person) pairs in byline order, by the rule of authors_of()."""
    return [person for role, person in byline if role in AUTHOR_ROLES] or [person for _role, person in byline]


def byline_groups(contributions):
    """
    Contributions grouped by role in byline order:
    [("Penulis", [person, person]), ("Editor", [person])].
    """
    groups = {}
    for contribution in contributions:
        groups.setdefault(contribution.role, (contribution.get_role_display(), []))[1].append(contribution.person)
    return list(groups.values())
