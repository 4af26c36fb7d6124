"""sitemap.xml (``documents/sitemaps.py``): the reader pages, eras, principles and published
documents, each URL answering 200, and never a draft or a scheduled document; odd page numbers
of a sitemap (or of the feed) are a 404 (or ignored), never a 500."""

from __future__ import annotations

import re

import pytest

from tests.views.conftest import archive, empty_cache  # noqa: F401  (fixtures: the reader pages' sample archive)


def test_sitemap(client, archive):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>(.*?)</loc>", index.content.decode())
    latest = max(d.updated_at for d in (archive.press, archive.narrative, archive.communique, archive.undated))
    assert f"<lastmod>{latest.isoformat()}</lastmod>" in index.content.decode()  # not the draft's
    assert "http://testserver/sitemap-documents.xml" in sections
    urls = []
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        urls += re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    assert "http://testserver/documents/press-conference-2022/" in urls
    assert "http://testserver/eras/founding/" in urls and "http://testserver/principles/five-principles/" in urls
    assert "http://testserver/matrix/" in urls
    assert not [u for u in urls if "secret-draft" in u or "scheduled" in u]


@pytest.mark.parametrize("url, status", [
    ("/sitemap-documents.xml?p=abc", 404), ("/sitemap-documents.xml?p=999", 404), ("/sitemap-nope.xml", 404),
    ("/feed/?page=2", 200),
])
def test_odd_requests(client, archive, url, status):
    assert client.get(url).status_code == status


def test_every_url_in_the_sitemaps_answers_200(client, archive):
    index = client.get("/sitemap.xml").content.decode()
    urls = []
    for section in re.findall(r"<loc>(.*?)</loc>", index):
        urls += re.findall(r"<loc>(.*?)</loc>", client.get(section.replace("http://testserver", "")).content.decode())
    documents = [u for u in urls if "/documents/" in u and u != "http://testserver/documents/"]
    assert len(documents) == 4  # the published ones: not the draft, not the scheduled one
    for url in urls:
        assert client.get(url.replace("http://testserver", "")).status_code == 200, url
