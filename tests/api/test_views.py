"""The API's resources as a program reads them: only what readers may see, validators that save
a second download, bad parameters answered 400 or 404, a fixed number of queries per page whatever
its size, a rate limit, and a schema naming every resource."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.archive_version import bump_archive_version
from documents.models import Document

from .helpers import get_json, walk

pytestmark = pytest.mark.django_db


def test_the_document_list_holds_every_published_document_and_no_draft(client, archive):
    documents, pages = walk(client, "/api/documents/?page_size=2")

    assert pages == 3
    assert sorted(d["slug"] for d in documents) == sorted(Document.objects.published().values_list("slug", flat=True))
    assert "secret-draft" not in {d["slug"] for d in documents}
    seed_003 = next(d for d in documents if d["slug"] == "china-contributes-to-a-better-world")
    assert seed_003["outlet"] == "China South South Cooperation Network" and seed_003["date"] is None
    assert seed_003["posted_on"] == "2019-11-29"


def test_a_draft_is_not_found_anywhere(client, archive):
    assert get_json(client, "/api/documents/secret-draft/")[0].status_code == 404
    passages, _ = walk(client, "/api/passages/?page_size=100")
    assert passages and all("no reader may see" not in p.get("text", "") for p in passages)
    _, found = get_json(client, "/api/search/?q=reader+may+see")
    assert "secret-draft" not in json.dumps(found)


@pytest.mark.parametrize("url", [
    "/api/documents/?page_size=0", "/api/documents/?page_size=abc", "/api/documents/?page_size=100000",
    "/api/documents/?cursor=not-a-cursor", "/api/documents/?era=no-such-era", "/api/documents/?year=abc",
    "/api/documents/?type=poem", "/api/passages/?document=%00",
])
def test_malformed_parameters_are_a_400_never_a_500(client, archive, url):
    response, data = get_json(client, url)

    assert response.status_code in (400, 404), (url, response.status_code)
    assert data and data.get("detail")


def test_a_second_download_of_an_unchanged_archive_is_a_304(client, archive):
    response, _ = get_json(client, "/api/documents/")
    etag = response["ETag"]

    again, _ = get_json(client, "/api/documents/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content

    Document.objects.filter(slug="foreign-policy").update(title="Foreign Policy, revised")
    bump_archive_version()
    changed, _ = get_json(client, "/api/documents/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


@pytest.mark.parametrize("url", ["/api/documents/?page_size={n}", "/api/passages/?page_size={n}"])
def test_a_page_costs_the_same_queries_whatever_its_size(client, archive, url):
    counts = []
    get_json(client, url.format(n=2))  # what a first request reads once (the archive's version) is read
    for n in (1, 3):  # both pages have a next one
        with CaptureQueriesContext(connection) as queries:
            assert get_json(client, url.format(n=n))[0].status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


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
    answers = [get_json(client, "/api/eras/")[0] for _ in range(4)]

    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[3].status_code == 429 and int(answers[3]["Retry-After"]) > 0


def test_a_program_in_another_sites_page_may_read_the_api(client, archive):
    response = client.get("/api/documents/", HTTP_ORIGIN="https://example.org", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] in ("*", "https://example.org")
    assert response["ETag"]
    assert "Access-Control-Allow-Credentials" not in response  # read-only, anonymous: no cookies
