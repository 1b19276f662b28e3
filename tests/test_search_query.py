"""Reading what a reader typed, and writing it out for each database."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.search.backends import postgres, sqlite
from articles.search.query import MAX_TERMS, ParsedQuery, parse_query


def test_words_are_all_required_and_stemmed():
    assert parse_query("Menyerang pengiriman") == ParsedQuery(groups=((("serang",),), (("kirim",),)))


def test_quotes_make_a_phrase_and_an_unclosed_quote_runs_to_the_end():
    assert parse_query('"serangan udara" gaza').groups == ((("serang", "udara"),), (("gaza",),))
    assert parse_query('banjir "bandang di garut').groups == ((("banjir",),), (("bandang", "garut"),))


def test_or_joins_neighbours_and_atau_works_too():
    assert parse_query("banjir or longsor jakarta").groups == ((("banjir",), ("longsor",)), (("jakarta",),))
    assert parse_query("banjir atau longsor").groups == ((("banjir",), ("longsor",)),)
    # Dangling operators are just left out.
    assert parse_query("or banjir or").groups == ((("banjir",),),)


def test_minus_excludes_a_word_or_phrase():
    query = parse_query('kpk -korupsi -"dana desa"')
    assert query.groups == ((("kpk",),),)
    assert query.excluded == (("korupsi",), ("dana", "desa"))


def test_only_excluded_or_only_common_words_leave_nothing_to_search():
    assert not parse_query("-korupsi")
    assert parse_query("-korupsi").excluded
    assert not parse_query("yang dan di")
    assert not parse_query("!!! ((( )))")


def test_hyphenated_words_are_phrases_and_reduplication_is_the_root():
    assert parse_query("covid-19").groups == ((("covid", "19"),),)
    assert parse_query("anak-anak").groups == ((("anak",),),)
    assert parse_query("serang-menyerang").groups == ((("serang",),),)


def test_database_syntax_typed_by_a_reader_is_only_words():
    query = parse_query('NEAR(banjir jakarta) AND title:gempa* ^kpk "); DROP TABLE articles_article; --')
    assert query.terms == {"near", "banjir", "jakarta", "and", "title", "gempa", "kpk", "drop", "table", "articles", "article"}


def test_terms_are_capped():
    query = parse_query(" ".join(f"kata{n}" for n in range(100)))
    assert len(query.terms) == MAX_TERMS


def test_rendered_for_postgresql():
    query = parse_query('banjir or longsor "serangan udara" -jakarta')
    assert postgres.tsquery(query) == "('banjir' | 'longsor') & ('serang' <-> 'udara') & !'jakarta'"


def test_rendered_for_sqlite():
    query = parse_query('banjir or longsor "serangan udara" -jakarta')
    assert sqlite.match_expression(query) == '(("banjir" OR "longsor") AND ("serang udara")) NOT "jakarta"'


SAFE_TERM = re.compile(r"^\w+$")


@pytest.mark.slow
@settings(max_examples=150)
@given(st.text(max_size=300))
def test_any_text_parses_to_plain_terms(text):
    query = parse_query(text)
    assert all(SAFE_TERM.match(term) and "_" not in term for term in query.terms)
    assert sum(len(phrase) for group in query.groups for phrase in group) <= MAX_TERMS
    if query:
        # Terms are quoted and nothing else is in the expressions.
        assert "'" not in "".join(query.terms) and '"' not in "".join(query.terms)
        postgres.tsquery(query)
        sqlite.match_expression(query)
