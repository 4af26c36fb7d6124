"""documents.search.backends.postgresql: the SQL it builds for what a reader typed (built, not run:
what the statement asks PostgreSQL to do is what keeps a search bounded)."""

from __future__ import annotations

from documents.search import parse_query
from documents.search.backends.postgresql import PostgreSQLBackend
from documents.search.excerpts import HIGHLIGHT_WORDS

BACKEND = PostgreSQLBackend()


def test_excerpts_are_highlighted_with_distinct_words_never_a_phrase():
    """ts_headline with a phrase costs memory growing with the square of the text."""
    sql, params = BACKEND.highlight_tsquery(parse_query('"peace peace development" peace'))
    assert "<->" not in sql and "phraseto" not in sql
    assert params == ["peace development"]


def test_excerpts_are_highlighted_with_at_most_highlight_words_words():
    query = parse_query(" ".join(f"word{chr(97 + n)}" for n in range(HIGHLIGHT_WORDS + 5)))
    _, params = BACKEND.highlight_tsquery(query)
    assert sum(len(text.split()) for text in params) == HIGHLIGHT_WORDS


def test_left_out_words_are_neither_ranked_nor_highlighted():
    query = parse_query("hegemony -war")
    assert BACKEND.highlight_tsquery(query)[1][0] == "hegemony"
    assert "war" not in BACKEND.ranking_tsquery(query)[1]
    assert BACKEND.highlight_tsquery(parse_query("超级大国")) is None  # marked by the excerpt, not the database


def test_a_phrase_is_looked_up_by_its_word_pairs_in_every_family_form():
    assert BACKEND.indexed_phrases(parse_query('"diplomatic activities" peace')) == [
        ["diplomatic activities", "diplomacy activities", "diplomat activities"]]
    sql, params = BACKEND.hits_sql(parse_query('"peaceful coexistence"'), documents=("1 = 1", []), within=None,
                                   limit=11)
    assert "documents_phrase_bigrams(%s)" in sql and "peaceful coexistence" in params
    assert sql.endswith("LIMIT 11")


def test_unspaced_text_is_matched_through_the_trigram_index_predicate():
    sql, params = BACKEND.hits_sql(parse_query("超级大国"), documents=("1 = 1", []), within=None, limit=11)
    assert "s.text ~ '[" in sql and "LIKE %s ESCAPE" in sql
    assert {"%超级大国%", "%超級大國%"} <= set(params)
