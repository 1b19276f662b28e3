"""
Matched words marked in the original text of a result.

The index holds stems, the reader sees the words as written: each word of
the original text is stemmed again (cached) and marked when its term is one
the query searched for, so `serangan` is marked for a search for
`menyerang`. Every piece of text is escaped here and only the <mark> tags
are added, so the result is safe to render.
"""

import html
import re
import unicodedata
from bisect import bisect_left

from django.utils.safestring import SafeString

from .stemming import WORD_RE, index_term

# Splitting keeps the words at the odd positions and everything between
# them at the even ones: one pass in C instead of a match object per word.
SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
# The same split for ASCII text, where WORD_RE's letters and digits are
# [A-Za-z0-9]: the regex engine checks such a class by table instead of
# asking Unicode for every character, a third less time (a page of results
# splits some fifty texts, most of them ASCII).
ASCII_SPLIT_RE = re.compile(r"([A-Za-z0-9]+)")


def split_words(text):
    """SPLIT_RE.split(text)."""
    return (ASCII_SPLIT_RE if text.isascii() else SPLIT_RE).split(text)

SNIPPET_WORDS = 30
# Words shown before the first match so the snippet does not start on it.
LEAD_IN_WORDS = 6
# Only the start of a long body is looked through for a snippet; rendering
# a page of results must stay cheap.
MAX_SNIPPET_SOURCE = 10_000
# How much of a text without matches is split first: enough for the
# opening words, most of the time.
OPENING_CHARACTERS = 500
# How much of a text with matches is looked through first: most stories
# that mention every term do so in their first paragraphs, and splitting
# and stemming the whole of a 4,000-character body cost most of a result.
FIRST_LOOK_CHARACTERS = 1_000
# The text of a body's start (opening_html()) ends where the text of the
# whole body may go on differently (an entity cut by a tag, trailing
# space): so much of its end is not trusted.
START_MARGIN = 64
# How much of a body's HTML is read for the start of its text; half as
# much first when the opening words are all a snippet needs (no match).
OPENING_HTML_CHARACTERS = 2_000
OPENING_WORDS_HTML_CHARACTERS = 1_000
# How much of a text without matches is split for its opening words before
# OPENING_CHARACTERS is: usually enough, and splitting costs per character.
OPENING_WORDS_FIRST_LOOK = 250


def opening_html(body_html, characters=OPENING_HTML_CHARACTERS):
    """
    The start of `body_html`, cut after a tag's ">" (the whole when it is
    short or has no tag to cut at): its text is the start of the whole
    body's text, but for its last few characters. Tags and entities are
    read left to right and a tag ends at its first ">", so none runs across
    such a cut.
    """
    if len(body_html) <= characters:
        return body_html
    cut = body_html.rfind(">", 0, characters) + 1
    return body_html[:cut] if cut else body_html


def _render(parts, terms):
    """The split text `parts` escaped, with the words whose term is in `terms` marked."""
    # Each different word is stemmed once, and only the text between marked
    # words is joined and escaped: a step per word of the text cost most of
    # a result (forty texts a page).
    words = parts[1::2]
    found = {word for word in set(words) if index_term(word) in terms}
    if not found:
        return html.escape("".join(parts))
    out, start = [], 0
    for index in range(1, len(parts), 2):
        if parts[index] in found:
            out.append(html.escape("".join(parts[start:index])))
            out.append("<mark>" + html.escape(parts[index]) + "</mark>")
            start = index + 1
    out.append(html.escape("".join(parts[start:])))
    return "".join(out)


def highlight(text, terms):
    """All of `text`, escaped, with matched words in <mark>."""
    # SafeString itself: mark_safe() first looks for a lazy string, forty times a page.
    return SafeString(_render(split_words(unicodedata.normalize("NFC", text or "")), terms))


def _best_start(words, terms, length, complete=None):
    """
    The first word of the snippet's window; see snippet(). `complete`, for
    the words of a text cut short, is how many of them are known whole (the
    last may be cut): None when they do not settle the window, that is
    unless a window of whole words holds every term, which ends the search.
    """
    # Where the searched terms occur: each different word stemmed once (a
    # call per word cost more than the rest of a result), then the
    # positions of the words found.
    found = {word: term for word in set(words) if (term := index_term(word)) in terms}
    hits = [position for position, word in enumerate(words) if word in found]
    best, best_score = 0, (0, 0)
    for number, position in enumerate(hits):
        start = max(0, position - LEAD_IN_WORDS)
        stop = min(start + length, len(words))
        window = [found[words[hit]] for hit in hits[bisect_left(hits, start, hi=number) : bisect_left(hits, stop, lo=number)]]
        score = (len(set(window)), len(window))
        if score > best_score:
            best, best_score = start, score
            if score[0] == len(terms):
                # Every term in one window: the rest of the text can wait.
                if complete is not None and start + length > complete:
                    return None
                return best
    return None if complete is not None else best


def snippet(text, terms, *, length=SNIPPET_WORDS, matches=True, start_only=False):
    """
    About `length` words of `text` around the first cluster of matched
    words that holds every term searched for (failing that, the most
    different terms, then the most matches), escaped, with the matches in
    <mark> and an ellipsis where text was left out. Without a match, the
    opening words. `matches=False` says the caller knows no word of `text`
    is one searched for (from the stored search document). `start_only`
    says `text` is only the start of the text (see opening_html()): the
    snippet is then None unless that start settles it.
    """
    text = text or ""
    if start_only and len(text) < (FIRST_LOOK_CHARACTERS if matches else OPENING_CHARACTERS) + START_MARGIN:
        return None
    truncated = len(text) > MAX_SNIPPET_SOURCE
    source = unicodedata.normalize("NFC", text[:MAX_SNIPPET_SOURCE])
    best = None
    if matches and len(source) > FIRST_LOOK_CHARACTERS:
        # The window found in the text's start is the one the whole text
        # gives when it holds every term in whole words (_best_start stops
        # at the first such window); the snippet then ends before the cut.
        parts = split_words(source[:FIRST_LOOK_CHARACTERS])
        words = parts[1::2]
        best = _best_start(words, terms, length, complete=len(words) - 1)
    if best is None:
        if start_only and matches:
            return None
        best = 0
        if not matches:
            # Splitting a long body cost most of a result, and the opening words
            # are at its start. The last word of a cut may be cut too: the
            # opening words count only when a word follows them.
            parts = split_words(source[:OPENING_WORDS_FIRST_LOOK])
            words = parts[1::2]
            if len(words) <= length:
                parts = split_words(source[:OPENING_CHARACTERS])
                words = parts[1::2]
        if matches or len(words) <= length:
            if start_only:
                return None
            parts = split_words(source)
            words = parts[1::2]
            if not words:
                return ""
            if matches:
                best = _best_start(words, terms, length)
    end = min(best + length, len(words))
    # Word i is parts[2i + 1]; a snippet from the first word keeps what
    # comes before it (an opening quote), one to the last keeps the final
    # punctuation.
    first = 0 if best == 0 else 2 * best + 1
    last = len(parts) if end == len(words) else 2 * end
    # An odd start keeps the words at odd positions for _render().
    body = _render(([""] if first % 2 else []) + parts[first:last], terms)
    prefix = "… " if best else ""
    suffix = " …" if end < len(words) or truncated else ""
    return SafeString(prefix + body + suffix)
