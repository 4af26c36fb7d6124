"""documents.search.backends.sqlite: the FTS5 expressions it builds for what a reader typed (built,
not run: nothing a reader types may become FTS5 syntax)."""

from __future__ import annotations

import pytest

from documents.search import parse_query
from documents.search.backends.sqlite import SQLiteBackend
from documents.search.query import Term

BACKEND = SQLiteBackend()


@pytest.mark.parametrize(("term", "expression"), [
    (Term("peace"), '(("peace"))'),
    (Term("NEAR(peace"), '(("NEAR" AND "peace"))'),
    (Term("the peace"), '(("peace"))'),  # stop words go outside phrases
    (Term("policy of peace", phrase=True), '("policy of peace")'),  # and stay inside them
    (Term("hegemony"), '(("hegemony") OR ("hegemonism") OR ("hegemonic") OR ("hegemonist"))'),
])
def test_every_word_is_quoted_and_families_are_or_ed(term, expression):
    assert BACKEND.fts_term(term) == expression


def test_left_out_words_are_a_condition_not_part_of_the_match():
    query = parse_query("hegemony -war")
    assert BACKEND.match_expression(query) == BACKEND.fts_group(query.groups[0])
    sql, params = BACKEND.hits_sql(query, documents=("1 = 1", []), within=None, limit=11)
    assert "NOT (s.id IN (SELECT rowid FROM documents_section_fts" in sql
    assert params[1] == '(("war"))'


def test_long_passages_are_excerpted_from_their_window_not_by_snippet():
    sql, params = BACKEND.headline_sql(parse_query("peace"), chars=2000)
    assert sql.startswith("CASE WHEN length(s.text) <= 2000 THEN")
    assert params == [BACKEND.match_expression(parse_query("peace"))]
    assert BACKEND.headline_sql(parse_query("超级大国"), chars=2000) == ("NULL", [])
