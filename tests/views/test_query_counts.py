"""Every reader page runs a fixed number of queries: the same with 1 document as with 50.

Counted with an empty cache (the archive-wide counts computed); a second request reads those
counts from the cache and runs fewer (``test_counts_are_read_from_the_cache``).

A per-row query (a template touching an unprefetched relation, taggit's ``.names()``...) makes
the 50-document count grow and fails here.
"""

from __future__ import annotations

import datetime

import pytest

from documents.choices import SectionKind
from tests.factories import make_document, make_period, make_section, make_theme

# Page -> the queries it runs, whatever the size of the archive.
EXPECTED = {
    "/": 7,  # eras, principles, issued counts, passages about each era, holdings, latest documents, their tags
    "/documents/": 14,  # eras, principles, count, page, tags, 9 facets (principles: 2)
    "/documents/?tag=common&principle=parent&from=1950&sort=title": 11,  # + the tag; 5 facets left
    # document, its tags, principles, eras, passages (+ their principles, eras), previous, next,
    # related documents
    "/documents/doc-0/": 10,
    "/documents/doc-0/?passage=s-x": 10,
    "/documents/doc-0/source/": 1,
    "/eras/": 4,  # eras, principles, issued counts, passages about each era
    "/eras/era-a/": 8,  # eras, principles, issued (list, count), passages (count, page, eras, principles)
    "/principles/": 4,  # eras, principles, counts (principles without and with members)
    "/principles/parent/": 5,  # eras, principles, counts per era, page, passages' eras
    "/principles/child/?issued=era-b&about=era-a": 5,  # eras, principles, counts, page, eras
    "/tags/": 1,
    "/tags/common/": 4,  # the tag, count, page, tags
    "/matrix/": 4,  # eras, principles, counts (principles without and with members)
    "/matrix/?by=issued": 4,
    "/feed/": 2,
    "/sitemap.xml": 4,  # a count per section, the documents' latest change
    "/sitemap-documents.xml": 2,
    "/sitemap-eras.xml": 2,
}


def build(n: int) -> None:
    era_a = make_period(name="Era A", slug="era-a", start_year=1949, end_year=1977, order=1)
    era_b = make_period(name="Era B", slug="era-b", start_year=1978, end_year=None, order=2)
    parent = make_theme(name="Parent", slug="parent")
    child = make_theme(name="Child", slug="child", parent=parent)
    other = make_theme(name="Other", slug="other")
    for i in range(n):
        document = make_document(
            title=f"Document {i}", slug=f"doc-{i}", issued_on=datetime.date(1950 + i, 1, 1),
            issued_in=era_a if i % 2 else era_b, languages=["en", "zh"] if i % 3 else ["en"],
            source=f"Source {i % 4}", tags=["common", f"tag-{i}"], themes=[child, other] if i % 2 else [parent],
            periods=[era_a, era_b], sections=[f"Passage one of document {i}.", f"Passage two of document {i}."],
        )
        make_section(document=document, position=3, text=f"Answer of document {i}.", kind=SectionKind.ANSWER,
                     speaker="Spokesperson", themes=[child], periods=[era_a])


@pytest.fixture(scope="module", params=[1, 50], ids=["1 document", "50 documents"])
def archive_of_size(request, django_db_setup, django_db_blocker):
    """Built once per size for the whole module (read-only; each test runs in its own transaction)."""
    from taggit.models import Tag

    from documents.models import Document, Period, Theme

    with django_db_blocker.unblock():
        build(request.param)
    yield request.param
    with django_db_blocker.unblock():
        Document.objects.all().delete()
        Theme.objects.filter(parent__isnull=False).delete()
        Theme.objects.all().delete()
        Period.objects.all().delete()
        Tag.objects.all().delete()


@pytest.mark.parametrize("url", EXPECTED)
def test_query_count_does_not_grow_with_the_archive(client, db, archive_of_size, django_assert_num_queries, url):
    with django_assert_num_queries(EXPECTED[url]):
        response = client.get(url)
    assert response.status_code == 200


WARM = {"/documents/doc-0/": 9, "/matrix/": 2, "/principles/parent/": 4, "/eras/era-a/": 7, "/principles/": 2, "/documents/": 4,
        "/documents/?tag=common&principle=parent&from=1950&sort=title": 5}


@pytest.mark.parametrize("url", WARM)
def test_counts_are_read_from_the_cache(client, db, archive_of_size, django_assert_num_queries, url):
    client.get(url)
    with django_assert_num_queries(WARM[url]):  # not the counts (nor the archive's version: no query)
        assert client.get(url).status_code == 200
