"""Tag pages: published documents with the tag; a tag only drafts carry does not exist."""

from __future__ import annotations

import pytest
from taggit.models import Tag

from documents.models import TagRedirect

from .helpers import text, titles


def test_tag_page(client, archive):
    response = client.get("/tags/history/")
    assert response.status_code == 200
    assert titles(response) == [archive.narrative.title, archive.communique.title]
    assert "2 documents" in text(response)


@pytest.mark.parametrize("slug", ["draft-only-tag", "scheduled-only-tag", "no-such-tag", "x" * 300, "%00", "a%00b"])
def test_tags_of_drafts_and_unknown_tags_are_not_found(client, archive, slug):
    assert client.get(f"/tags/{slug}/").status_code == 404


def test_tag_list(client, archive):
    shown = text(client.get("/tags/"))
    assert "history (2 documents)" in shown
    assert "draft-only-tag" not in shown and "scheduled-only-tag" not in shown


def test_tag_list_counts_one_document_in_the_singular(client, archive):
    shown = text(client.get("/tags/"))
    assert "india (1 document)" in shown
    assert "1 documents" not in shown


def test_a_merged_tag_redirects(client, archive):
    TagRedirect.objects.create(old_slug="old-history", tag=Tag.objects.get(slug="history"))
    response = client.get("/tags/old-history/")
    assert response.status_code == 301 and response["Location"] == "/tags/history/"


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "page=99999"])
def test_malformed_page(client, archive, query):
    assert client.get(f"/tags/history/?{query}").status_code == 404
