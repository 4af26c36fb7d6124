"""Every page type: a CSP without 'unsafe-inline', and nothing inline for it to forbid; one h1 and
no skipped heading level; a skip link to the main landmark; every control labelled."""

from __future__ import annotations

import re

import pytest

from .helpers import parse

PAGES = [
    "/", "/documents/", "/documents/?principle=five-principles&tag=history", "/documents/press-conference-2022/",
    "/documents/independent-foreign-policy/?passage=x", "/documents/independent-foreign-policy/source/",
    "/eras/", "/eras/bandung/", "/principles/", "/principles/non-interference/", "/tags/", "/tags/history/",
    "/matrix/", "/matrix/?by=issued", "/documents/press-conference-2022/passages/{answer}/",
]


@pytest.mark.parametrize(("url", "status"), [(url, 200) for url in PAGES] + [("/eras/no-such-era/", 404)])
def test_page_markup(client, archive, url, status):
    response = client.get(url.format(answer=archive.answer.anchor))
    assert response.status_code == status
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    page = parse(response)
    assert page.inline_styles == 0 and page.inline_scripts == 0 and page.inline_handlers == 0
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), page.headings
    body = response.content.decode()
    assert '<a class="skip-link" href="#main">' in body and '<main id="main"' in body
    for control in re.findall(r'<(?:input|select|textarea)\b(?![^>]*type="(?:hidden|submit)")[^>]*>', body):
        control_id = re.search(r'id="([^"]+)"', control).group(1)
        assert f'<label for="{control_id}"' in body, control
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert "//cdn" not in body and "fonts.googleapis" not in body


def test_a_missing_page_offers_a_way_on(client, archive):
    response = client.get("/documents/no-such-document/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert 'href="/"' in body and 'action="/search/"' in body


def test_static_files_are_local(client, archive):
    body = client.get("/").content.decode()
    for asset in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', body):
        assert asset.startswith("/static/")
