"""``find_concepts`` and ``count_passages`` as data, on the seed taxonomy: which principles and
eras a query names in any script, without a query to the database, and how many published
passages each has, in at most two queries, drafts never counted."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Section
from documents.search.concepts import ERA, MAX_PER_KIND, PRINCIPLE, count_passages, find_concepts
from documents.search.query import parse_query
from documents.taxonomy import TaxonomyTree
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(seeded_db) -> TaxonomyTree:
    return TaxonomyTree.load()


def keys(query: str, tree: TaxonomyTree) -> set[str]:
    return {c.key for c in find_concepts(parse_query(query), taxonomy=tree)}


@pytest.mark.parametrize("query, expected", [
    ("和平共处", "principle:peaceful-coexistence"),   # Simplified, by the principle's rule
    ("和平共處", "principle:peaceful-coexistence"),   # Traditional, through OpenCC
    ("peaceful coexistence", "principle:peaceful-coexistence"),  # by its name
    ("改革开放", "era:reform-and-opening-up"),         # a part of a cue's plain phrase
    ("Bandung", "era:five-principles-and-bandung"),
])
def test_a_query_names_its_principle_or_era_in_any_script(tree, query, expected):
    with CaptureQueriesContext(connection) as queries:
        found = keys(query, tree)

    assert expected in found
    assert len(queries) == 0  # the loaded taxonomy holds every rule


@pytest.mark.parametrize("query", ["the", "and", "-和平共处", "zzz", "pea"])
def test_stop_words_an_excluded_word_or_a_short_fragment_name_nothing(tree, query):
    assert keys(query, tree) == set()


def test_a_parent_principle_counts_its_members_passages(tree):
    five = next(c for c in find_concepts(parse_query("Five Principles"), taxonomy=tree) if c.kind == PRINCIPLE
                and c.entry.slug == "five-principles")
    assert len(five.ids) > 1 and five.entry.pk in five.ids


def test_passages_are_counted_in_two_queries_and_drafts_are_not(tree):
    theme = tree.theme_by_slug["peaceful-coexistence"]
    make_document(slug="draft-on-peace", published=False, themes=[theme], sections=[f"Draft words {n}." for n in range(3)])
    concepts = [c for q in ("和平共处", "改革开放") for c in find_concepts(parse_query(q), taxonomy=tree)]
    assert {c.kind for c in concepts} == {PRINCIPLE, ERA}

    with CaptureQueriesContext(connection) as queries:
        counted = count_passages(concepts)

    assert len(queries) <= 2
    peace = next(c for c in counted if c.key == "principle:peaceful-coexistence")
    assert peace.passages == Section.objects.published().filter(themes=theme).count() > 0
    assert all(c.passages for c in counted)
    assert sum(c.kind == PRINCIPLE for c in counted) <= MAX_PER_KIND


def test_a_concept_with_no_published_passage_is_left_out(tree):
    Section.themes.through.objects.filter(theme__slug="peaceful-coexistence").delete()
    concepts = find_concepts(parse_query("peaceful coexistence"), taxonomy=tree)

    assert "principle:peaceful-coexistence" not in {c.key for c in count_passages(concepts)}
