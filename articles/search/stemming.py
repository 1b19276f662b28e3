"""
Indonesian words reduced to the form the search index stores.

Documents and queries go through the same `index_term()`, so a word becomes
the same term on both sides whatever the stemmer makes of it: `menyerang`,
`serangan` and `diserang` all become `serang`; `pengiriman` and `mengirim`
become `kirim`.

PostgreSQL's built-in `indonesian` snowball configuration only strips a few
suffixes and prefixes without a dictionary (it turns `pengiriman` into
`irim` but `kirim` stays `kirim`, so the two never meet). The Sastrawi
algorithm checks each candidate root against a dictionary of 30,000
Indonesian root words and gets both cases right, so it is applied in Python
to the stored text and to the query, and the databases index its output
with no stemming of their own.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import islice

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Context.Context import Context
from Sastrawi.Stemmer.Context.Removal import Removal
from Sastrawi.Stemmer.Context.Visitor.AbstractDisambiguatePrefixRule import AbstractDisambiguatePrefixRule
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# Runs of letters and digits in any script; everything else separates words.
WORD_RE = re.compile(r"[^\W_]+")

# Words longer than this are not Indonesian words (URLs, hashes, keyboard
# mashing); stemming them is wasted work and the stemmer's regular
# expressions slow down on them.
MAX_STEMMED_LENGTH = 40
# PostgreSQL refuses lexemes over 2,047 bytes; nobody searches for one.
MAX_TERM_LENGTH = 100

# Grammatical words that carry no meaning for search. Sastrawi ships a list
# of 800, but it includes words readers do search for (kasus, hari, orang,
# masalah, tiba), so this is a short list of particles, conjunctions,
# prepositions and pronouns only.
STOPWORDS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk pada dalam atau juga akan adalah
    ialah oleh karena bahwa sebagai para telah sudah ia dia mereka kami kita
    kamu saya aku anda tersebut pun lah kah nya se per yaitu yakni namun
    tetapi tapi bagi hingga sejak agar sehingga serta maupun secara seperti
    kepada terhadap ada bisa dapat lebih masih harus sangat belum jika kalau
    ketika sedang maka lalu kemudian setelah sebelum selama antara tentang si
    sang pula hanya daripada begitu demikian
    """.split()
)

# Place names the stemmer would otherwise cut down to an unrelated common
# word (Kediri -> diri "self", Bekasi -> bekas "former", Merapi -> rapi
# "tidy", Seminyak -> minyak "oil"), which would flood a search for the
# place with unrelated stories. They are indexed as written. Names the
# stemmer leaves alone (KPK, NATO, Jakarta, Stoltenberg) need no entry.
PROTECTED_NAMES = frozenset(
    """
    asahan balangan bali bandungan banggai bangkalan bekasi bengkalis berau
    bungku derawan digoel kandangan kediri kemayoran kembangan kuantan kutai
    labuan legian maluku melawi mentawai merangin merapi musi pekalongan
    pemalang penajam penukal pesawaran rokan sekayu selayar selor semeru
    seminyak sepinggan sinabung tabanan tarakan temanggung teminabuan
    tunjungan ungaran
    """.split()
)


# The literal start a word must have for each of Sastrawi's prefix rules
# to apply (PySastrawi 1.2.1, pinned exactly in pyproject.toml): "ber" for
# r'^ber([aiueo])(.*)$'. Read off the rules once and written down here;
# a rule that is not listed may apply to any word and is always tried.
# tests/test_search_stemming.py checks the result against Sastrawi's own
# stemmer on tens of thousands of words.
PREFIX_RULE_STARTS = {
    "DisambiguatorPrefixRule1a": ("ber",),
    "DisambiguatorPrefixRule1b": ("ber",),
    "DisambiguatorPrefixRule2": ("ber",),
    "DisambiguatorPrefixRule3": ("ber",),
    "DisambiguatorPrefixRule5": ("be",),
    "DisambiguatorPrefixRule6a": ("ter",),
    "DisambiguatorPrefixRule6b": ("ter",),
    "DisambiguatorPrefixRule7": ("ter",),
    "DisambiguatorPrefixRule8": ("ter",),
    "DisambiguatorPrefixRule9": ("te",),
    "DisambiguatorPrefixRule10": ("me",),
    "DisambiguatorPrefixRule11": ("mem",),
    "DisambiguatorPrefixRule12": ("mempe",),
    "DisambiguatorPrefixRule13a": ("mem",),
    "DisambiguatorPrefixRule13b": ("mem",),
    "DisambiguatorPrefixRule14": ("men",),
    "DisambiguatorPrefixRule15a": ("men",),
    "DisambiguatorPrefixRule15b": ("men",),
    "DisambiguatorPrefixRule16": ("meng",),
    "DisambiguatorPrefixRule17a": ("meng",),
    "DisambiguatorPrefixRule17b": ("meng",),
    "DisambiguatorPrefixRule17c": ("menge",),
    "DisambiguatorPrefixRule17d": ("meng",),
    "DisambiguatorPrefixRule18a": ("meny",),
    "DisambiguatorPrefixRule18b": ("meny",),
    "DisambiguatorPrefixRule19": ("memp",),
    "DisambiguatorPrefixRule20": ("pe",),
    "DisambiguatorPrefixRule21a": ("per",),
    "DisambiguatorPrefixRule21b": ("pe",),
    "DisambiguatorPrefixRule23": ("per",),
    "DisambiguatorPrefixRule24": ("per",),
    "DisambiguatorPrefixRule25": ("pem",),
    "DisambiguatorPrefixRule26a": ("pem",),
    "DisambiguatorPrefixRule26b": ("pem",),
    "DisambiguatorPrefixRule27": ("pen",),
    "DisambiguatorPrefixRule28a": ("pen",),
    "DisambiguatorPrefixRule28b": ("pen",),
    "DisambiguatorPrefixRule29": ("peng",),
    "DisambiguatorPrefixRule30a": ("peng",),
    "DisambiguatorPrefixRule30b": ("peng",),
    "DisambiguatorPrefixRule30c": ("penge",),
    "DisambiguatorPrefixRule31a": ("peny",),
    "DisambiguatorPrefixRule31b": ("peny",),
    "DisambiguatorPrefixRule32": ("pe",),
    "DisambiguatorPrefixRule34": ("pe",),
    "DisambiguatorPrefixRule35": ("ter",),
    "DisambiguatorPrefixRule36": ("pe",),
    "DisambiguatorPrefixRule41": ("ku",),
    "DisambiguatorPrefixRule42": ("kau",),
}


def _visitor_starts(visitor):
    """The starts a word needs for `visitor` (a prefix rule) to apply, or None if any word may do."""
    if not isinstance(visitor, AbstractDisambiguatePrefixRule):
        return None
    starts = []
    for rule in visitor.disambiguators:
        rule_starts = PREFIX_RULE_STARTS.get(type(rule).__name__)
        if rule_starts is None:
            return None
        starts.extend(rule_starts)
    return tuple(starts)


class _PrefixFilteringContext(Context):
    """
    Sastrawi's stemming context, trying only the prefix rules that can
    apply to the current word. Sastrawi runs each of its ~40 prefix rules'
    regular expressions for every prefix it tries to strip, up to a dozen
    times for a word it cannot reduce; nearly all of them start with a
    literal prefix ("ber", "meng", "peny") that the word plainly lacks. A
    rule whose regular expression does not match changes nothing, so
    leaving it out gives the same stem: tests compare this stemmer with
    Sastrawi's own on tens of thousands of words. It halves the cost of a
    word the cache has not seen, which is most of the cost of importing.
    """

    visitor_starts = {}
    chosen_by_head = {}
    # Letters of the word that decide which rules apply: as many as the
    # longest literal start ("mempe", "menge", "penge").
    head_length = 0

    def accept_prefix_visitors(self, visitors):
        head = self.current_word[: self.head_length]
        key = (id(visitors), head)
        chosen = self.chosen_by_head.get(key)
        if chosen is None:
            chosen = [
                visitor
                for visitor in visitors
                if (starts := self.visitor_starts.get(id(visitor))) is None or head.startswith(starts)
            ]
            self.chosen_by_head[key] = chosen
        return super().accept_prefix_visitors(chosen)

    def accept(self, visitor):
        if isinstance(visitor, AbstractDisambiguatePrefixRule):
            self._visit_prefix_rule(visitor)
        else:
            visitor.visit(self)

    def _visit_prefix_rule(self, rule):
        # AbstractDisambiguatePrefixRule.visit(), except that the removed part
        # is found with str.replace() where Sastrawi compiles the stem as a
        # regular expression: stems are plain letters here (index_term()
        # stems only ASCII letters), so both give the same string, and the
        # compiled patterns no longer crowd the re module's small cache.
        word = self.current_word
        result = None
        for disambiguator in rule.disambiguators:
            result = disambiguator.disambiguate(word)
            if self.dictionary.contains(result):
                break
        if result is None:
            return
        self.add_removal(Removal(rule, word, result, word.replace(result, "", 1), "DP"))
        self.current_word = result


class _FastStemmer(Stemmer):
    def __init__(self, dictionary):
        super().__init__(dictionary)
        visitors = self.visitor_provider.get_prefix_visitors()
        starts = {id(visitor): _visitor_starts(visitor) for visitor in visitors}
        _PrefixFilteringContext.visitor_starts = starts
        _PrefixFilteringContext.head_length = max(len(start) for found in starts.values() if found for start in found)

    def stem_singular_word(self, word):
        context = _PrefixFilteringContext(word, self.dictionary, self.visitor_provider)
        context.execute()
        return context.result


@lru_cache(maxsize=1)
def _stemmer():
    # Not Sastrawi's CachedStemmer: its cache grows without bound in a
    # long-running process; stem() has a bounded cache instead.
    return _FastStemmer(ArrayDictionary(StemmerFactory().get_words()))


# Folded word -> stem, oldest first. Keyed by the folded word, so that
# "Pemerintah", "PEMERINTAH" and "pemerintah" cost the stemmer one call.
_stems = {}
STEM_CACHE_SIZE = 200_000


def fold(word):
    """`word` compared the way readers expect: case and accents ignored."""
    word = unicodedata.normalize("NFKC", word).casefold()
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if ch.isalnum())


def is_stemmed(term):
    """Whether the folded `term` goes through the stemmer (see index_term())."""
    return (
        len(term) <= MAX_STEMMED_LENGTH
        and term.isascii()
        and term.isalpha()
        and term not in STOPWORDS
        and term not in PROTECTED_NAMES
    )


def preload():
    """Load the stemmer's dictionary now rather than at the first word."""
    _stemmer()


def stem(term):
    """The Sastrawi stem of a folded word for which is_stemmed() is true."""
    found = _stems.get(term)
    if found is None:
        found = _stemmer().stem_word(term) or term
        remember({term: found})
    return found


def remember(stems):
    """Add folded word -> stem pairs to the cache, forgetting the oldest beyond its size."""
    _stems.update(stems)
    overflow = len(_stems) - STEM_CACHE_SIZE
    if overflow > 0:
        # pop(): another thread of a threaded server may have forgotten it first.
        for term in list(islice(_stems, overflow)):
            _stems.pop(term, None)


@lru_cache(maxsize=100_000)
def index_term(word):
    """
    The term stored and searched for one word as written, or None for a
    word search ignores. Cached: the stemmer takes up to 0.1 ms for a word
    with affixes, and news copy repeats its vocabulary.
    """
    term = fold(word)[:MAX_TERM_LENGTH]
    if not term or term in STOPWORDS:
        return None
    # Names, numbers, codes (G20, 2024), other scripts and overlong words
    # are indexed as written.
    return stem(term) if is_stemmed(term) else term


def index_terms(text):
    """The terms of `text` in order, ignored words left out."""
    terms = map(index_term, WORD_RE.findall(unicodedata.normalize("NFC", text)))
    return [term for term in terms if term]


def stem_text(text):
    """`text` as the index stores it: its terms separated by spaces."""
    return " ".join(index_terms(text))
