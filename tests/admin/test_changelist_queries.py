"""The document list costs a fixed number of queries: with 10,000 documents, and whether it
shows 20 or 100 of them a page."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from documents.choices import Status
from documents.models import Document, DocumentTag, Section

CHANGELIST = "/admin/documents/document/"
DOCUMENTS = 10_000

# session, user, the user's permissions (2), then the list: the filters' choices (era,
# principle, tag, language, year), the date hierarchy, the count, the page, its eras. A search
# adds one: the passages' full-text search (documents/search.py).
PINNED_QUERIES = 14
SEARCH_QUERIES = 1


@pytest.fixture
def archive(db, taxonomy):
    """10,000 documents with passages, eras and tags, written in bulk."""
    eras = [taxonomy["founding"], taxonomy["reform"]]
    start = datetime.date(1949, 10, 1)
    documents = Document.objects.bulk_create([
        Document(title=f"Document {n}", slug=f"document-{n}", issued_on=start + datetime.timedelta(days=n * 2),
                 date_precision="day", languages=["en", "zh"] if n % 3 else ["en"], source="Xinhua",
                 status=Status.PUBLISHED if n % 2 else Status.DRAFT, issued_in=eras[n % 2],
                 published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
        for n in range(DOCUMENTS)
    ], batch_size=2000)
    Section.objects.bulk_create([
        Section(document=d, position=p, text=f"Passage {p} of {d.title}.", anchor=f"s-{d.pk}-{p}")
        for d in documents for p in (1, 2)
    ], batch_size=5000)
    Document.periods.through.objects.bulk_create([
        Document.periods.through(document_id=d.pk, period_id=eras[n % 2].pk) for n, d in enumerate(documents)
    ], batch_size=5000)
    Document.themes.through.objects.bulk_create([
        Document.themes.through(document_id=d.pk, theme_id=taxonomy["sovereignty"].pk) for d in documents
    ], batch_size=5000)
    tags = Tag.objects.bulk_create([Tag(name=f"Tag {n}", slug=f"tag-{n}") for n in range(50)])
    DocumentTag.objects.bulk_create([
        DocumentTag(content_object=d, tag=tags[n % 50]) for n, d in enumerate(documents)
    ], batch_size=5000)
    return documents


@pytest.mark.parametrize("per_page", [20, 100])
@pytest.mark.parametrize("params", [{}, {"era": "reform", "publication": "published", "principle": "five-principles",
                                         "language": "zh", "q": "Document 1"}],
                         ids=["unfiltered", "filtered"])
def test_the_document_list_query_count_is_pinned(editor_client, archive, monkeypatch, per_page, params,
                                                django_assert_num_queries):
    monkeypatch.setattr(admin.site._registry[Document], "list_per_page", per_page)
    with django_assert_num_queries(PINNED_QUERIES + (SEARCH_QUERIES if "q" in params else 0)):
        response = editor_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == per_page
    assert response.context["cl"].result_list[0].section_count == 2


def test_sorting_by_passages_and_filtering_by_tag_stay_pinned(editor_client, archive):
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST, {"o": "7", "tag": "tag-3", "year": "1950"})
    assert response.status_code == 200
    assert len(queries) == PINNED_QUERIES
