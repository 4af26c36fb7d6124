"""Stage 2 of the import pipeline: take the web-page furniture out of a text.

``clean`` removes what a browser shows around an article -- tool and share bars,
font-size controls, navigation and breadcrumbs, "Related stories" lists, comment
boxes, click counters, pagers, editor bylines, footers with copyright and ICP
licence numbers -- and returns the text with everything it took out, in order.

The rules look at the *shape* of a line (short, made of menu-like tokens or
separators, placed at the head or the tail of the page, repeated) together with a
vocabulary in several languages (English, Chinese, French, Spanish, Russian, German,
Arabic). A line that reads like a real sentence (a sentence ending and many words)
is kept even when it contains a furniture word such as "copyright" or "comments".

HTML input goes through trafilatura first; the page's own metadata (title, date,
site name, URL) is returned in ``Cleaned.meta`` for ``parsing.parse(meta=...)``.

One module per part: ``measure`` (a line's size, prose or not), ``vocabulary`` (the patterns),
``furniture`` (one line: furniture or not, and why), ``lines`` (the rules that need the lines
around: related lists, masthead, page footer, repeated menus, running headers) and ``html``
(trafilatura).
"""

from __future__ import annotations

import re

from documents.importing.types import Cleaned

from .furniture import furniture_reason, site_from_banner
from .html import clean_html, looks_like_html
from .lines import clean_lines
from .measure import is_prose, text_size

__all__ = ["clean", "furniture_reason", "is_prose", "site_from_banner", "text_size"]

_FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def clean(text: str) -> Cleaned:
    """Take the web-page furniture out of ``text``; keep paragraphs and their blank lines.

    HTML goes through trafilatura first. A leading YAML front matter block is
    left untouched for ``parsing.split_front_matter``. ``Cleaned.removed`` lists
    the removed lines (or line fragments) in page order; ``Cleaned.meta`` carries
    what the page says about itself (``source`` from a "Welcome to ..." banner;
    ``title``, ``date``, ``source``, ``url`` from HTML metadata).
    """
    if looks_like_html(text):
        return clean_html(text)
    front = ""
    m = _FRONT_MATTER_RE.match(text)
    if m:
        front, text = m.group(), text[m.end() :]
    body, removed, meta = clean_lines(text.split("\n"))
    if front:
        body = front + body
    return Cleaned(text=body, removed=removed, meta=meta)
