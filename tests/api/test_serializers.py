"""What each object carries: links to its reader page, its API resource and its citation records."""

from __future__ import annotations

import pytest

from .helpers import get_json, walk

pytestmark = pytest.mark.django_db


def test_each_object_links_its_page_and_its_citation_records(client, archive):
    _, data = get_json(client, "/api/documents/foreign-policy/")

    assert data["links"]["html"].endswith("/documents/foreign-policy/")
    assert set(data["links"]["citations"]) >= {"csl-json", "ris", "bibtex"}
    for url in data["links"]["citations"].values():
        assert client.get(url.split("testserver", 1)[-1]).status_code == 200
    passages, _ = walk(client, "/api/passages/?document=foreign-policy&page_size=100")
    record = client.get(passages[0]["links"]["citations"]["ris"].split("testserver", 1)[-1])
    assert record.status_code == 200 and b"TY  -" in record.content


def test_an_era_and_a_principle_count_what_their_document_lists_hold(client, archive):
    eras, _ = walk(client, "/api/eras/?page_size=100")
    principles, _ = walk(client, "/api/principles/?page_size=100")

    assert any(e["documents"] for e in eras) and any(p["documents"] for p in principles)
    for entry in eras + principles:
        listed, _ = walk(client, entry["documents_url"].split("testserver", 1)[1] + "&page_size=100")
        if entry in eras:  # an era counts the documents issued in it; its list adds those speaking of it
            issued, _ = walk(client, f"/api/documents/?issued={entry['slug']}&page_size=100")
            assert entry["documents"] == len(issued) <= len(listed), entry["slug"]
        else:
            assert entry["documents"] == len(listed), entry["slug"]


def test_a_document_lists_its_passages_in_reading_order_each_linked_by_its_anchor(client, archive):
    _, data = get_json(client, "/api/documents/foreign-policy/")

    assert data["slug"] == "foreign-policy" and data["title"]
    assert data["passages"] and [p["position"] for p in data["passages"]] == sorted(p["position"] for p in data["passages"])
    assert all(p["links"]["html"].endswith("#" + p["anchor"]) for p in data["passages"])
