"""Display helpers for reader pages: dates by precision, language names, safe links.

Citations are made in ``documents.citations`` (one CSL-JSON record, rendered by citeproc-py)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat

from ..choices import DatePrecision
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
