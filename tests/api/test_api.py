"""The JSON API as a program reads it: only what readers may see, every list walked by its cursor
to the end, validators that save a second download, bad parameters answered 400 or 404, and a
fixed number of queries per page whatever its size."""

from __future__ import annotations

import gc
import json
import tracemalloc
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.api import export
from documents.archive_version import bump_archive_version
from documents.models import Document
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(seeded_db):
    draft = make_document(slug="secret-draft", title="A secret draft", status="draft",
                          sections=["Words no reader may see yet."])
    return draft


def _get(client, url, **headers):
    response = client.get(url, HTTP_ACCEPT="application/json", **headers)
    is_json = response.get("Content-Type", "").startswith("application/json")
    return response, (json.loads(response.content) if is_json else None)


def _walk(client, url):
    seen, pages = [], 0
    while url:
        response, data = _get(client, url)
        assert response.status_code == 200, (url, response.content[:300])
        seen += data["results"]
        url, pages = data["next"], pages + 1
        assert pages < 500
    return seen, pages


def test_the_document_list_holds_every_published_document_and_no_draft(client, archive):
    documents, pages = _walk(client, "/api/documents/?page_size=2")

    assert pages == 3
    assert sorted(d["slug"] for d in documents) == sorted(Document.objects.published().values_list("slug", flat=True))
    assert "secret-draft" not in {d["slug"] for d in documents}
    seed_003 = next(d for d in documents if d["slug"] == "china-contributes-to-a-better-world")
    assert seed_003["outlet"] == "China South South Cooperation Network" and seed_003["date"] is None
    assert seed_003["posted_on"] == "2019-11-29"


def test_a_draft_is_not_found_anywhere(client, archive):
    assert _get(client, "/api/documents/secret-draft/")[0].status_code == 404
    passages, _ = _walk(client, "/api/passages/?page_size=100")
    assert passages and all("no reader may see" not in p.get("text", "") for p in passages)
    _, found = _get(client, "/api/search/?q=reader+may+see")
    assert "secret-draft" not in json.dumps(found)


def test_the_passage_cursor_walks_every_passage_once(client, archive):
    passages, pages = _walk(client, "/api/passages/?page_size=7")
    expected = sum(d.sections.count() for d in Document.objects.published())

    assert pages > 2 and len(passages) == expected
    assert len({p["links"]["html"] for p in passages}) == expected


@pytest.mark.parametrize("url", [
    "/api/documents/?page_size=0", "/api/documents/?page_size=abc", "/api/documents/?page_size=100000",
    "/api/documents/?cursor=not-a-cursor", "/api/documents/?era=no-such-era", "/api/documents/?year=abc",
    "/api/documents/?type=poem", "/api/passages/?document=%00",
])
def test_malformed_parameters_are_a_400_never_a_500(client, archive, url):
    response, data = _get(client, url)

    assert response.status_code in (400, 404), (url, response.status_code)
    assert data and data.get("detail")


def test_an_altered_cursor_is_refused(client, archive):
    _, data = _get(client, "/api/documents/?page_size=2")
    query = parse_qs(urlsplit(data["next"]).query)
    cursor = query["cursor"][0]
    query["cursor"] = [cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")]
    response, _ = _get(client, "/api/documents/?" + urlencode(query, doseq=True))

    assert response.status_code == 400


def test_a_second_download_of_an_unchanged_archive_is_a_304(client, archive):
    response, _ = _get(client, "/api/documents/")
    etag = response["ETag"]

    again, _ = _get(client, "/api/documents/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content

    Document.objects.filter(slug="foreign-policy").update(title="Foreign Policy, revised")
    bump_archive_version()
    changed, _ = _get(client, "/api/documents/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


@pytest.mark.parametrize("url", ["/api/documents/?page_size={n}", "/api/passages/?page_size={n}"])
def test_a_page_costs_the_same_queries_whatever_its_size(client, archive, url):
    counts = []
    _get(client, url.format(n=2))  # what a first request reads once (the archive's version) is read
    for n in (1, 3):  # both pages have a next one
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, url.format(n=n))[0].status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


def test_the_export_streams_the_published_archive(client, archive):
    response = client.get("/api/export.json")

    assert response.status_code == 200 and response.streaming
    data = json.loads(b"".join(response.streaming_content))
    assert {d["slug"] for d in data["documents"]} == set(Document.objects.published().values_list("slug", flat=True))
    assert all("provenance" in d for d in data["documents"])


def test_a_very_long_query_is_cut_to_its_bound_not_run_whole(client, archive):
    response, data = _get(client, "/api/search/?q=" + "sovereignty " * 2000)

    assert response.status_code in (200, 400) and data is not None


def test_the_schema_is_openapi_and_names_every_resource(client, archive):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = json.loads(response.content) if response.content.lstrip().startswith(b"{") else None
    if schema is None:
        import yaml
        schema = yaml.safe_load(response.content)

    assert schema["openapi"].startswith("3.")
    assert {"/api/documents/", "/api/documents/{slug}/", "/api/passages/", "/api/eras/", "/api/principles/",
            "/api/tags/", "/api/search/"} <= set(schema["paths"])


def test_past_the_rate_limit_a_client_gets_429_with_retry_after(client, archive, settings):
    cache.clear()
    settings.POLICYARCHIVE_API_RATE = "3/minute"
    answers = [_get(client, "/api/eras/")[0] for _ in range(4)]

    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[3].status_code == 429 and int(answers[3]["Retry-After"]) > 0


def _export_peak(client, documents: int) -> tuple[int, int]:
    """(peak bytes allocated while the export streams, bytes streamed) for an archive of that size."""
    for n in range(Document.objects.count(), documents):
        make_document(slug=f"filler-{n}", title=f"Filler {n}", sections=[f"Passage {n}.{k} on sovereignty. " * 40 for k in range(5)])
    response = client.get("/api/export.json")
    gc.collect()
    tracemalloc.start()
    size = 0
    for count, piece in enumerate(response.streaming_content):
        size += len(piece)
        if count % 20 == 0:  # what cycles leave for the collector is not what the export holds
            gc.collect()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


def test_the_export_streams_in_flat_memory_as_the_archive_grows(client, db, settings):
    export.EXPORT_CHUNK, chunk = 10, export.EXPORT_CHUNK  # small chunks, so that both sizes span many
    try:
        small_peak, small_size = _export_peak(client, 40)
        large_peak, large_size = _export_peak(client, 160)
    finally:
        export.EXPORT_CHUNK = chunk

    assert large_size > 3.5 * small_size
    assert large_peak < 1.6 * small_peak, (small_peak, large_peak)  # what grows is the bytes sent, not memory


def test_a_program_in_another_sites_page_may_read_the_api(client, archive):
    response = client.get("/api/documents/", HTTP_ORIGIN="https://example.org", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] in ("*", "https://example.org")
    assert response["ETag"]
    assert "Access-Control-Allow-Credentials" not in response  # read-only, anonymous: no cookies


def test_each_object_links_its_page_and_its_citation_records(client, archive):
    _, data = _get(client, "/api/documents/foreign-policy/")

    assert data["links"]["html"].endswith("/documents/foreign-policy/")
    assert set(data["links"]["citations"]) >= {"csl-json", "ris", "bibtex"}
    for url in data["links"]["citations"].values():
        assert client.get(url.split("testserver", 1)[-1]).status_code == 200
    passages, _ = _walk(client, "/api/passages/?document=foreign-policy&page_size=100")
    record = client.get(passages[0]["links"]["citations"]["ris"].split("testserver", 1)[-1])
    assert record.status_code == 200 and b"TY  -" in record.content
