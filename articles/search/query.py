"""
What a reader typed, understood the way web search engines do.

    banjir jakarta          both words
    "serangan udara"        the words next to each other, in this order
    banjir or longsor       either word ("atau" works too)
    kpk -korupsi            without the word after the minus

Anything else (parentheses, operators of some database's own syntax, stray
quotes, SQL) is plain text: each word goes through the same stemming as the
stored documents, and what remains is letters and digits only. The parsed
query is rendered to each backend's syntax with every term quoted, so
nothing a reader types can reach the database as syntax.
"""

import re
from dataclasses import dataclass

from .stemming import index_terms

# A quoted phrase (the closing quote may be missing) or a run of non-space.
CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
OR_WORDS = frozenset({"or", "atau", "|"})
# More terms than this only makes the database work harder: a query cut to
# 256 characters rarely gets here.
MAX_TERMS = 32


@dataclass(frozen=True)
class ParsedQuery:
    """
    `groups` must all match; within a group any phrase may. A phrase is a
    tuple of terms that must follow each other (a single word is a phrase of
    one). No `excluded` phrase may match.
    """

    groups: tuple = ()
    excluded: tuple = ()

    def __bool__(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Every term readers should see marked in the results."""
        return frozenset(term for group in self.groups for phrase in group for term in phrase)


def _phrase(text, quoted):
    terms = index_terms(text)
    if not quoted and len(set(terms)) == 1:
        # Reduplication ("anak-anak", "serang-menyerang") means the root word.
        return terms[:1]
    return terms


def parse_query(text):
    groups, excluded = [], []
    or_pending = False
    budget = MAX_TERMS
    for match in CHUNK_RE.finditer(text):
        negated, quoted, bare = match.groups()
        if bare is not None:
            if bare.casefold() in OR_WORDS:
                or_pending = bool(groups)
                continue
            negated = bare.startswith("-") and len(bare) > 1
            phrase = _phrase(bare.lstrip("-") if negated else bare, quoted=False)
        else:
            phrase = _phrase(quoted, quoted=True)
        phrase = tuple(phrase[:budget])
        if not phrase:
            continue
        budget -= len(phrase)
        if negated:
            excluded.append(phrase)
        elif or_pending:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        or_pending = False
        if not budget:
            break
    return ParsedQuery(groups=tuple(tuple(group) for group in groups), excluded=tuple(excluded))
