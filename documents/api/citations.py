"""The citation records each API object links to (``documents/citations/`` makes them)."""

from __future__ import annotations

from ..citations.page import download_urls
from ..models import Document, Section

NAMES = {"json": "csl-json", "ris": "ris", "bib": "bibtex"}


def urls(obj) -> dict[str, str]:
    """{format: path} of the citation records of a document or a passage ("csl-json", "ris",
    "bibtex"); empty for anything else (eras, principles)."""
    if isinstance(obj, Section):
        found = download_urls(obj.document, obj)
    elif isinstance(obj, Document):
        found = download_urls(obj)
    else:
        return {}
    return {NAMES[fmt]: path for fmt, path in found.items()}
