"""The reader's filters (``documents/filters.py``): ``DocumentFilter`` turns a page's GET
parameters into published documents, ignores (and reports) what it does not understand, and
builds the links that add, change or remove one filter."""

from __future__ import annotations

from django.http import QueryDict

from documents.filters import DocumentFilter
from documents.models import Document
from tests.views.conftest import archive, empty_cache  # noqa: F401  (fixtures: the reader pages' sample archive)


def found(query: str, **kwargs) -> list:
    return list(DocumentFilter(QueryDict(query), **kwargs).ordered())


def test_only_published_documents_newest_first_undated_last(archive):
    assert found("") == [archive.press, archive.narrative, archive.communique, archive.undated]
    assert found("sort=oldest") == [archive.communique, archive.narrative, archive.press, archive.undated]


def test_a_principle_includes_its_members(archive):
    assert set(found("principle=five-principles")) == {archive.press, archive.narrative, archive.communique}
    assert set(found("principle=mutual-respect")) == {archive.narrative}


def test_filters_combine(archive):
    assert found("tag=history&type=communique") == [archive.communique]
    assert found("tag=history&language=fr") == []


def test_what_is_not_understood_is_ignored_reported_and_not_carried_into_links(archive):
    filters = DocumentFilter(QueryDict("year=abcd&tag=history&page=3&utm_source=x&q=peace"))
    assert [name for name, _ in filters.errors] == ["year"]
    assert list(filters.ordered()) == [archive.narrative, archive.communique]  # the tag alone
    assert filters.query(sort="title") == "?tag=history&q=peace&sort=title"  # page and year dropped
    assert filters.query(tag=None) == "?q=peace"


def test_each_active_filter_is_named_and_removable_alone(archive):
    filters = DocumentFilter(QueryDict("type=statement&language=fr&sort=title"))
    assert [(f.label, f.value) for f in filters.active] == [("Type", "Policy statement"), ("Language", "French")]
    assert [f.remove_query for f in filters.active] == ["?language=fr&sort=title", "?type=statement&sort=title"]
    assert filters.count() == 1 and filters.narrows


def test_filter_is_reusable_with_another_base(archive):
    """The search page passes its own matches as ``base``."""
    base = Document.objects.published().filter(title__icontains="china")
    filters = DocumentFilter(QueryDict("principle=independence"), base=base)
    assert list(filters.ordered()) == [archive.undated]
    assert {f.name for f in filters.facets()} >= {"type", "source"}
    assert filters.active[0].remove_query == "?"
