"""documents.search.results: a page of results as plain data, counted with the limits it was made
with (no database: unsaved passages stand in for those a search loads)."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from documents.models import Document, Section
from documents.search import parse_query
from documents.search.results import Hit, Limits, Results

LIMITS = Limits(page_size=4, result_cap=100, facet_cap=10, per_document=3)


def hits(*documents: tuple[Document, int]) -> list[Hit]:
    """``count`` hits of each document, in the order given (a search's rank order)."""
    found = []
    for document, count in documents:
        for n in range(count):
            section = Section(pk=len(found) + 1, document=document, position=n + 1, anchor=f"s-{n + 1}")
            found.append(Hit(section=section, excerpt=mark_safe("…"), rank=1.0 / (len(found) + 1), in_document=5))
    return found


def test_hits_are_grouped_by_document_in_the_order_of_their_best_passage():
    first, second = Document(pk=7, slug="first"), Document(pk=3, slug="second")
    results = Results(query=parse_query("peace"), limits=LIMITS, hits=hits((first, 2), (second, 1)), rows=3)
    assert [(group.document.pk, len(group.hits), group.more) for group in results.groups] == [(7, 2, 3), (3, 1, 4)]
    assert all(group.more_url == "" for group in results.groups)  # links are the page's to make


def test_a_hit_links_to_its_passage():
    (hit,) = hits((Document(pk=1, slug="on-peace"), 1))
    assert hit.url == hit.section.get_absolute_url() and hit.url.endswith("/on-peace/#s-1")


def test_pages_and_caps_follow_the_limits_of_the_search():
    results = Results(query=parse_query("peace"), limits=LIMITS, total=101, documents_total=11, rows=9, page=2)
    assert (results.num_pages, results.has_previous, results.has_next) == (3, True, True)
    assert results.capped and results.facets_capped
    assert results.page_obj.number == 2 and results.page_obj.paginator.num_pages == 3
    within = Results(query=parse_query("peace"), limits=LIMITS, total=100, documents_total=10, rows=0)
    assert (within.num_pages, within.capped, within.facets_capped, within.has_next) == (1, False, False, False)
