"""Word-level differences between two texts, as HTML with <del> and <ins>."""

import difflib
import re

from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Words with the space after them, so the result reads like the text.
_TOKENS = re.compile(r"\S+\s*|\s+")
_BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def body_text(html):
    """Body HTML as the words a reader sees, one paragraph per line."""
    text = _BLOCK_END.sub("\n", html or "")
    text = strip_tags(text)
    lines = (" ".join(line.split()) for line in unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _words(old, new):
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(parts)


def word_diff(old, new):
    """
    `old` → `new` word by word: removed words in <del>, added ones in <ins>,
    the rest as is; escaped, one paragraph per line. Paragraphs are matched
    first and only changed ones are compared word by word, so a long body
    with a small edit is quick.
    """
    a = (old or "").split("\n")
    b = (new or "").split("\n")
    lines = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines.extend(escape(line) for line in a[i1:i2])
        else:
            lines.append(_words("\n".join(a[i1:i2]), "\n".join(b[j1:j2])).replace("\n", "<br>\n"))
    return mark_safe("<br>\n".join(lines))
