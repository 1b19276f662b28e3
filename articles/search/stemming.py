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

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
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


@lru_cache(maxsize=1)
def _stemmer():
    # The uncached Stemmer: Sastrawi's own CachedStemmer grows without bound
    # in a long-running process; index_term() has a bounded cache instead.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


def fold(word):
    """`word` compared the way readers expect: case and accents ignored."""
    word = unicodedata.normalize("NFKC", word).casefold()
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if ch.isalnum())


@lru_cache(maxsize=100_000)
def index_term(word):
    """
    The term stored and searched for one word as written, or None for a
    word search ignores. Cached: the stemmer takes about 0.1 ms for a word
    with affixes, and news copy repeats its vocabulary.
    """
    term = fold(word)[:MAX_TERM_LENGTH]
    if not term or term in STOPWORDS:
        return None
    if term in PROTECTED_NAMES or len(term) > MAX_STEMMED_LENGTH or not (term.isascii() and term.isalpha()):
        # Names, numbers, codes (G20, 2024) and other scripts, as written.
        return term
    return _stemmer().stem_word(term) or term


def index_terms(text):
    """The terms of `text` in order, ignored words left out."""
    terms = map(index_term, WORD_RE.findall(unicodedata.normalize("NFC", text)))
    return [term for term in terms if term]


def stem_text(text):
    """`text` as the index stores it: its terms separated by spaces."""
    return " ".join(index_terms(text))
