"""Indonesian words to index terms: the same on both sides of every search."""

import pytest
from django.db import connection

from articles.search.document import body_text, document_fields
from articles.search.stemming import index_term, index_terms, stem_text


@pytest.mark.parametrize(
    "words, root",
    [
        (["serang", "menyerang", "serangan", "diserang", "penyerangan", "Serangan"], "serang"),
        (["kirim", "mengirim", "pengiriman", "dikirimkan", "kiriman"], "kirim"),
        (["bangun", "membangun", "pembangunan", "dibangun"], "bangun"),
        (["ekonomi", "perekonomian"], "ekonomi"),
        (["tanya", "dipertanyakan", "mempertanyakan"], "tanya"),
    ],
)
def test_affixed_forms_share_their_root(words, root):
    assert {index_term(word) for word in words} == {root}


@pytest.mark.parametrize("word", ["KPK", "NATO", "Stoltenberg", "BMKG", "Jakarta", "Zelenskyy", "Prabowo"])
def test_names_and_acronyms_are_kept_whole_and_folded_to_lower_case(word):
    assert index_term(word) == word.lower()
    assert index_term(word.lower()) == index_term(word.upper()) == word.lower()


@pytest.mark.parametrize("place, common_word", [("Kediri", "diri"), ("Bekasi", "bekas"), ("Merapi", "rapi"), ("Seminyak", "minyak"), ("Bali", "bal")])
def test_place_names_the_stemmer_would_mangle_stay_apart_from_common_words(place, common_word):
    assert index_term(place) == place.lower()
    assert index_term(common_word) != index_term(place)


def test_grammatical_words_are_not_indexed():
    assert index_terms("yang dan di ke dari itu") == []
    assert stem_text("Banjir di Jakarta dan Bekasi") == "banjir jakarta bekasi"


def test_accents_and_compatibility_forms_fold():
    assert index_term("Erdoğan") == index_term("erdogan") == "erdogan"
    assert index_term("ＫＰＫ") == "kpk"


def test_numbers_codes_and_other_scripts_are_kept_as_written():
    assert index_term("2024") == "2024"
    assert index_term("G20") == "g20"
    assert index_terms("Covid-19") == ["covid", "19"]
    assert index_term("東京") == "東京"
    assert index_terms("Ucapan 😀 selamat") == ["ucap", "selamat"]


def test_overlong_words_are_cut_and_not_stemmed():
    word = "meng" + "a" * 500
    assert index_term(word) == word[:100]


def test_body_html_becomes_words_with_block_boundaries_kept():
    html = "<h2>Judul</h2><p>akhir</p><p>Kata <em>ter</em>akhir &amp; &quot;kutipan&quot;</p><ul><li>satu</li><li>dua</li></ul>"
    assert body_text(html) == 'Judul akhir Kata terakhir & "kutipan" satu dua'


def test_document_parts_are_stemmed_separately():
    fields = document_fields(
        headline="Tentara Menyerang Kota",
        standfirst="Pengiriman bantuan tertunda.",
        body_html="<p>Warga mengungsi.</p>",
        names=["Topik Bencana", "Budi Santoso", "JAKARTA"],
    )
    assert fields == {
        "headline": "tentara serang kota",
        "standfirst": "kirim bantu tunda",
        "body": "warga ungsi",
        "names": "topik bencana budi santoso jakarta",
    }


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="measures PostgreSQL's built-in configuration")
def test_postgresql_indonesian_snowball_would_miss_pengiriman():
    """Why the stemming is done in Python: the built-in configuration splits kirim from pengiriman."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('indonesian', 'pengiriman')::text, to_tsvector('indonesian', 'kirim')::text")
        pengiriman, kirim = cursor.fetchone()
    assert pengiriman != kirim
    assert index_term("pengiriman") == index_term("kirim")


def _affixed_words(count, seed):
    """Real roots with real and impossible affixes: what a stemmer meets in copy and typos."""
    import json
    import random
    import re
    from pathlib import Path

    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    rng = random.Random(seed)
    prefixes = ["", "me", "mem", "men", "meng", "meny", "di", "ber", "be", "ter", "te", "pe", "pem", "pen", "peng",
                "peny", "per", "ke", "se", "memper", "diper", "mempe", "ku", "kau"]
    suffixes = ["", "i", "kan", "an", "nya", "lah", "kah", "pun", "kannya", "annya", "ilah", "isme", "isasi"]
    roots = rng.sample(sorted(StemmerFactory().get_words()), count)
    words = {rng.choice(prefixes) + root + rng.choice(suffixes) for root in roots}
    syllables = "ba be bi da di ga ja ka ke la li ma me mi na pa pe ra ri sa se ta te ya".split()
    words |= {rng.choice(prefixes) + "".join(rng.choices(syllables, k=rng.randint(1, 3))) + rng.choice(suffixes) for _ in range(count)}
    demo = json.loads((Path(__file__).resolve().parent.parent / "articles/demo/content.json").read_text(encoding="utf-8"))
    for article in demo["articles"]:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", " ".join(article["body"]))}
    return sorted(words)


@pytest.mark.slow
def test_the_fast_stemmer_gives_sastrawis_own_stems():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from articles.search.stemming import _stemmer

    # Sastrawi exactly as published.
    reference = Stemmer(ArrayDictionary(StemmerFactory().get_words()))
    words = _affixed_words(3000, seed=2026)
    assert len(words) > 7000
    different = [(w, fast, expected) for w in words
                 if (fast := _stemmer().stem_word(w)) != (expected := reference.stem_word(w))]
    assert different == []


def test_the_stem_cache_keeps_the_newest_words_within_its_size(monkeypatch):
    from articles.search import stemming

    monkeypatch.setattr(stemming, "_stems", {})
    monkeypatch.setattr(stemming, "STEM_CACHE_SIZE", 3)
    stemming.remember({"menyerang": "serang", "pengiriman": "kirim"})
    stemming.remember({"dibangun": "bangun", "perekonomian": "ekonomi"})
    assert stemming._stems == {"pengiriman": "kirim", "dibangun": "bangun", "perekonomian": "ekonomi"}
    assert stemming.stem("menyerang") == "serang"  # forgotten, stemmed again
    assert list(stemming._stems) == ["dibangun", "perekonomian", "menyerang"]


def test_every_prefix_rule_of_the_pinned_sastrawi_is_in_the_table_or_tried_for_every_word():
    from articles.search.stemming import PREFIX_RULE_STARTS, _stemmer

    rules = {type(rule).__name__ for visitor in _stemmer().visitor_provider.get_prefix_visitors() for rule in getattr(visitor, "disambiguators", [])}
    # These rules start with a character class, not a literal: any word may match.
    any_word = {"DisambiguatorPrefixRule4"} | {f"DisambiguatorPrefixRule{n}{part}" for n in (37, 38, 39, 40) for part in "ab"}
    assert rules - set(PREFIX_RULE_STARTS) == any_word
    assert set(PREFIX_RULE_STARTS) <= rules
