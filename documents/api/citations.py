"""The citation records each API object links to (``documents/citations/`` makes them)."""

from __future__ import annotations


def urls(obj) -> dict[str, str]:
    """{format: path} of the citation records of a document or a passage."""
    return {}
