"""documents.search.backends.base: what every backend shares (the SQL built, not run)."""

from __future__ import annotations

import pytest

from documents.models import Document
from documents.search import parse_query
from documents.search.backends import backend
from documents.search.backends.base import documents_condition, like_pattern


def test_readers_see_what_is_visible_on_the_passages_own_row():
    sql, params = documents_condition(None)
    assert sql == "s.visible_from <= %s" and len(params) == 1


def test_documents_that_can_match_nothing_make_a_condition_that_is_false():
    assert documents_condition(Document.objects.none()) == ("1 = 0", [])
    assert documents_condition(Document.objects.filter(pk__in=[])) == ("1 = 0", [])


def test_given_documents_are_a_subquery_on_the_passages_document():
    sql, _ = documents_condition(Document.objects.filter(slug="x"))
    assert sql.startswith("s.document_id IN (SELECT")


@pytest.mark.parametrize(("text", "pattern"), [("50%", "%50\\%%"), ("a_b", "%a\\_b%"), ("c\\d", "%c\\\\d%")])
def test_substring_patterns_escape_like_wildcards(text, pattern):
    assert like_pattern(text) == pattern


def test_without_a_taxonomy_no_facet_is_counted():
    base = backend()
    assert base.facets_sql(None, facet_size=12) == ("", "SELECT '', '', '', 0 WHERE 1 = 0")
    assert "WHERE 1 = 0" in base.facet_documents_sql(None, facet_cap=10)


def test_the_window_starts_a_margin_before_the_first_needle_or_at_the_start():
    sql, needles = backend().window_start_sql(parse_query('"peaceful coexistence"'))
    assert needles[0] == "peaceful coexistence" and sql.count("%s") == len(needles)
    assert backend().window_start_sql(parse_query("超级大国 -x"))[1] == ["超级大国", "超級大國"]
