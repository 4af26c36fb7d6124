"""documents.search.parse_query: what readers type, cleaned and understood (no database)."""

import pytest

from documents.search.query import MAX_QUERY_LENGTH, parse_query


@pytest.mark.parametrize(
    ("raw", "websearch"),
    [
        ("hegemony", "hegemony"),
        ("five principles", "five principles"),
        ('"peaceful coexistence"', '"peaceful coexistence"'),
        ("hegemony OR imperialism", "hegemony OR imperialism"),
        ("hegemony or imperialism", "hegemony OR imperialism"),
        ("alliance -military", "alliance -military"),
        ('alliance -"military bloc"', 'alliance -"military bloc"'),
        ("“peaceful coexistence”", '"peaceful coexistence"'),  # curly quotes
        ("ｈｅｇｅｍｏｎｙ", "hegemony"),  # full-width letters
        ("OR hegemony OR", "hegemony"),  # dangling operators
        ("the hegemony", "hegemony"),  # stop words are dropped outside phrases
        ('"policy of peace"', '"policy of peace"'),  # and kept inside them
        ("peace --hegemony", "peace -hegemony"),
        ('non"interference', "non interference"),  # a stray quote inside a word
    ],
)
def test_queries_become_websearch_syntax(raw, websearch):
    query = parse_query(raw)
    assert query.searchable, query.problem
    assert query.websearch() == websearch


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "Type a word"),
        ("   \t\n ", "Type a word"),
        ("\x00\x01\x1f", "Type a word"),
        ("the of and", "too common"),
        ('"', "no words"),
        ("- OR \" ' ! & | ( ) : *", "no words"),
        ("-hegemony", "not only words to leave out"),
        ("-hegemony -imperialism", "not only words to leave out"),
    ],
)
def test_queries_with_nothing_to_search_explain_why(raw, problem):
    query = parse_query(raw)
    assert not query.searchable
    assert problem in query.problem


def test_unclosed_quote_runs_to_the_end_and_says_so():
    query = parse_query('hegemony "power politics')
    assert query.websearch() == 'hegemony "power politics"'
    assert any("quotation mark" in note for note in query.notes)


def test_long_query_is_cut_and_says_so():
    query = parse_query("hegemony " * 500)
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.searchable
    assert any("shortened" in note for note in query.notes)


def test_nul_and_control_characters_are_removed():
    query = parse_query("hege\x00mony\x07 peace\u200b")
    assert "\x00" not in query.text and "\x07" not in query.text
    assert query.websearch() == "hege mony peace"


def test_chinese_runs_become_substring_terms():
    query = parse_query("中国反对超级大国 hegemony")
    assert [(t.text, t.unspaced) for t in query.terms] == [("中国反对超级大国", True), ("hegemony", False)]
    assert query.websearch() == "hegemony"


def test_word_families_include_forms_the_stemmer_splits():
    assert parse_query("hegemony").family_words() == [("hegemony", "hegemonism", "hegemonic", "hegemonist")]
    assert parse_query("hegemonies").family_words() == [("hegemony", "hegemonism", "hegemonic", "hegemonist")]
    assert parse_query("peace").family_words() == []
