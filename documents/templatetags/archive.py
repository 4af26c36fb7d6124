"""Display helpers for reader pages: dates by precision, language names, safe links.

Citations are made in ``documents.citations`` (one CSL-JSON record, rendered by citeproc-py)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat

from ..choices import DatePrecision, EvidenceHow, How
from ..languages import language_name as _language_name
from ..validators import web_url

register = template.Library()

SITE_NAME = "Policy Archive"

_FORMATS = {  # (shown to readers, ISO form for <time datetime>)
    DatePrecision.DAY: ("j F Y", "Y-m-d"),
    DatePrecision.MONTH: ("F Y", "Y-m"),
    DatePrecision.YEAR: ("Y", "Y"),
}


def _formatted(document, which: int) -> str | None:
    """The document's date in one of the ``_FORMATS`` styles, or None when it is not known."""
    issued_on: datetime.date | None = getattr(document, "issued_on", None)
    formats = _FORMATS.get(getattr(document, "date_precision", DatePrecision.UNKNOWN))
    if issued_on is None or formats is None:
        return None
    return dateformat.format(issued_on, formats[which])


@register.filter
def issued_date(document) -> str:
    """ "31 October 2022", "October 2022", "2022" or "Undated", as precise as the date is known."""
    return _formatted(document, 0) or "Undated"


@register.filter
def issued_iso(document) -> str:
    """The machine-readable form for ``<time datetime="...">`` ("" when undated)."""
    return _formatted(document, 1) or ""


@register.filter
def language_name(code: str) -> str:
    return _language_name(code)


@register.filter
def http_url(url: str) -> str:
    """The URL if it is an http(s) address, else "": only such a URL is ever put in an ``href``.

    The importer, the export loader and the admin accept nothing else; this guards the rows
    stored before they did (``{% with link=document.source_url|http_url %}``).
    """
    return web_url(url)


@register.filter
def provenance(document, field: str) -> dict:
    """How the document's ``field`` was obtained: ``{"how", "label", "evidence", "inferred"}``.

    ``inferred`` is true only for what the importer guessed (``How.INFERRED``); what the source
    states, front matter gave or an editor confirmed is shown plainly."""
    item = (getattr(document, "provenance", None) or {}).get(field) or {}
    how = item.get("how", "")
    return {"how": how, "label": How(how).label if how in How.values else "", "evidence": item.get("evidence", ""),
            "inferred": how == How.INFERRED}


@register.filter
def passage_evidence(section) -> list[dict]:
    """The words behind each of a passage's principles and eras, in the passage's order:
    ``[{"name", "kind", "editor", "words": [...]}]``, read from ``Section.evidence`` and the
    (prefetched) principles and eras, so no query."""
    names = {("theme", t.slug): t.name for t in section.themes.all()}
    names |= {("period", p.slug): p.name for p in section.periods.all()}
    shown: dict[tuple[str, str], dict] = {}
    for item in section.evidence or []:
        key = (item.get("kind"), item.get("slug"))
        if key not in names:
            continue  # a principle or era the passage no longer has
        entry = shown.setdefault(key, {"name": names[key], "kind": key[0], "editor": False, "words": []})
        if item.get("how") == EvidenceHow.EDITOR:
            entry["editor"] = True
        elif item.get("text") and item["text"] not in entry["words"] and len(entry["words"]) < 3:
            entry["words"].append(item["text"])
    return list(shown.values())
