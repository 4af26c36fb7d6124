"""One rule for a source URL (``documents/validators.py``): only an http(s) address is accepted
or linked, read the way a browser reads it (control characters, spaces, tabs and newlines that a
browser ignores do not hide a ``javascript:`` URL)."""

from __future__ import annotations

import pytest

from documents.validators import URL_MAX_LENGTH, clean_url, web_url, web_url_error


@pytest.mark.parametrize("url", [
    "https://www.fmprc.gov.cn/eng/zxxx/202210/t20221031.html",
    "http://example.org/a?b=c#d",
    "  https://example.org/a\n",  # pasted with spaces and a newline
])
def test_an_http_or_https_address_is_accepted(url):
    assert web_url_error(url) is None


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "ftp://example.org/file.txt",
    "//example.org/a",
    "example.org/a",
    "",
])
def test_anything_else_is_refused_with_a_reason(url):
    assert web_url_error(url) == "is not a web address: only http:// and https:// links are accepted"


def test_an_over_long_address_and_a_value_that_is_not_text_are_refused():
    assert web_url_error("https://example.org/" + "a" * URL_MAX_LENGTH) == "is longer than 1,000 characters"
    assert web_url_error(["https://example.org/"]) == "must be text"


def test_clean_url_drops_what_a_browser_ignores():
    assert clean_url("\x00 java\tscr\nipt:alert(1) \x1f") == "javascript:alert(1)"
    assert clean_url("https://example.org/a b") == "https://example.org/a b"  # inner spaces are kept


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/a", "https://example.org/a"),
    (" HTTP://example.org/a\t", "HTTP://example.org/a"),
    ("http://exa mple.org/odd but harmless", "http://exa mple.org/odd but harmless"),  # an old row keeps its link
    ("java\nscript:alert(1)", ""),
    ("vbscript:msgbox(1)", ""),
    ("/documents/relative/", ""),
    (None, ""),
])
def test_web_url_keeps_only_what_a_browser_would_open_as_http(url, linked):
    assert web_url(url) == linked
