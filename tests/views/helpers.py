"""Small helpers for reading rendered reader pages in tests."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

DATA_BLOCK_TYPES = {"application/ld+json"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.inline_styles = 0
        self.inline_handlers = 0
        self.inline_scripts = 0
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if "style" in attrs or tag == "style":
            self.inline_styles += 1
        if any(name.startswith("on") for name in attrs):
            self.inline_handlers += 1
        # A data block (JSON-LD) is not a script: browsers never run it, and the CSP does not apply.
        if tag == "script" and not attrs.get("src") and attrs.get("type") not in DATA_BLOCK_TYPES:
            self.inline_scripts += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None


def parse(response) -> _Collector:
    collector = _Collector()
    collector.feed(response.content.decode())
    return collector


def text(response) -> str:
    """The page's visible text, whitespace collapsed (tags dropped)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    body = re.sub(r"</?(a|span|time|strong|em|b|i|code)\b[^>]*>", "", body)  # inline: no gap
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def titles(response) -> list[str]:
    """Titles of the document cards on a list page, in order."""
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", t)).split()) for t in
            re.findall(r'<h[23] class="card__title"><a [^>]*>(.*?)</a>', response.content.decode(), flags=re.S)]
