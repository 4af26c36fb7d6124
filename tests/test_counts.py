"""Archive-wide counts (documents/counts.py): cached under the archive version that
documents/archive_version.py keeps, so a write to the archive shows on the next page at once, and
reading the cached counts costs no query at all."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone

from documents.choices import Status
from documents.editing.passages import set_passage_taxonomy
from documents.models import Document, Section
from tests.factories import make_document, make_period, make_theme


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def small(db):
    era = make_period(name="Era A", slug="era-a", start_year=1949, end_year=None, order=1)
    first = make_theme(name="First", slug="first")
    second = make_theme(name="Second", slug="second")
    document = make_document(title="Statement", issued_on=datetime.date(1960, 1, 1), issued_in=era,
                             sections=["Peace.", "Coexistence."], themes=[first], periods=[era], tags=["peace"])
    draft = make_document(title="Draft", published=False, issued_in=era, sections=["Draft passage."],
                          themes=[first, second], periods=[era])
    return era, first, second, document, draft


def matrix_cells(response) -> dict[str, int]:
    """{principle: passages} of the non-empty cells of the matrix (one era here)."""
    found = re.findall(r'>(\d+)<span class="visually-hidden"> passages?: (.+?), ', html.unescape(response.content.decode()))
    return {theme: int(n) for n, theme in found}


def principle_counts(response) -> dict[str, str]:
    shown = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())
    return {name: m.group(1) for name in ("First", "Second")
            if (m := re.search(rf"{name} (\d+) documents?", shown))}


def tag_facet(response) -> list[str]:
    """The names in the list page's Tag facet."""
    block = re.search(r'<h3 id="facet-[a-z]+">Tag</h3>\s*<ul>(.*?)</ul>', response.content.decode(), flags=re.S)
    return [html.unescape(name) for name in re.findall(r'<a href="[^"]*">([^<]+)</a>', block.group(1))] if block else []


def test_a_passage_given_a_principle_is_counted_on_the_next_page(client, small):
    """The passage's document is not touched: the old key (published documents and their latest
    change) could not see it, and the matrix stayed wrong for up to five minutes."""
    era, first, second, document, draft = small
    assert matrix_cells(client.get("/matrix/")) == {"First": 2}
    section = document.sections.get(position=1)
    set_passage_taxonomy(section=section, themes=[*section.themes.values_list("pk", flat=True), second.pk],
                         periods=section.periods.values_list("pk", flat=True))
    assert matrix_cells(client.get("/matrix/")) == {"First": 2, "Second": 1}


def test_a_passage_taken_into_an_era_is_counted_on_the_next_page(client, small):
    era, first, second, document, draft = small
    other = make_period(name="Era B", slug="era-b", start_year=1990, order=2)
    page = client.get("/eras/era-b/")
    assert "Peace." not in page.content.decode()
    document.sections.get(position=1).periods.add(other)
    assert "Peace." in client.get("/eras/era-b/").content.decode()


def test_publishing_shows_in_the_counts_at_once(client, small):
    """Publishing one document and unpublishing another leaves as many published documents as
    before, changed no later than before: only a version of the whole archive sees it."""
    era, first, second, document, draft = small
    assert principle_counts(client.get("/principles/")) == {"First": "1", "Second": "0"}
    updated = Document.objects.filter(pk=document.pk).values_list("updated_at", flat=True).get()
    Document.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED, updated_at=updated,
                                                published_at=timezone.now() - datetime.timedelta(minutes=1))
    Document.objects.filter(pk=document.pk).update(status=Status.DRAFT)
    Section.objects.filter(document=draft).update(visible_from=timezone.now() - datetime.timedelta(minutes=1))
    assert principle_counts(client.get("/principles/")) == {"First": "1", "Second": "1"}
    assert matrix_cells(client.get("/matrix/")) == {"First": 1, "Second": 1}


def test_a_renamed_tag_shows_in_the_list_counts_at_once(client, small):
    from taggit.models import Tag

    assert tag_facet(client.get("/documents/")) == ["peace"]
    Tag.objects.filter(slug="peace").update(name="Peaceful coexistence")
    assert tag_facet(client.get("/documents/")) == ["Peaceful coexistence"]


@pytest.mark.parametrize("url, queries", [
    ("/matrix/", 2),  # eras, principles: nothing else, not even the archive's version
    ("/principles/", 2),
    ("/documents/", 4),  # eras, principles, the page of documents, their tags
])
def test_counts_read_back_cost_no_query(client, small, django_assert_num_queries, url, queries):
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_counts_are_computed_once_per_version(small):
    from documents.counts import ArchiveCounts

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert ArchiveCounts().get("test", compute, "x") == 1
    assert ArchiveCounts().get("test", compute, "x") == 1  # another request, same version
    assert ArchiveCounts().get("test", compute, "y") == 2  # another key
    small[3].sections.get(position=1).themes.clear()  # any write to the archive
    assert ArchiveCounts().get("test", compute, "x") == 3
