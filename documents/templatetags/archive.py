"""Display helpers for reader pages: dates by precision, language names, citations, safe links."""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat

from ..choices import DatePrecision
from ..languages import language_name as _language_name
from ..validators import web_url

register = template.Library()

SITE_NAME = "Policy Archive"

_FORMATS = {  # (shown to readers, ISO form for <time datetime>, Chicago style)
    DatePrecision.DAY: ("j F Y", "Y-m-d", "F j, Y"),
    DatePrecision.MONTH: ("F Y", "Y-m", "F Y"),
    DatePrecision.YEAR: ("Y", "Y", "Y"),
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


def _permalink(request, document, passage=None) -> str:
    url = request.build_absolute_uri(document.get_absolute_url()) if request else document.get_absolute_url()
    return f"{url}#{passage.anchor}" if passage is not None else url


@register.simple_tag(takes_context=True)
def cite_chicago(context, document, passage=None) -> str:
    """A Chicago-style note for the document, or for one passage of it (autoescaped by the template)."""
    chicago_date = _formatted(document, 2)
    pieces = []
    if document.source:
        pieces.append(f"{document.source.rstrip('.')}.")
    pieces.append(f"“{document.title.rstrip('.')}.”")
    pieces.append(f"{chicago_date}." if chicago_date else "n.d.")
    if passage is not None:
        pieces.append(f"Para. {passage.position}.")
    pieces.append(f"{SITE_NAME}, {_permalink(context.get('request'), document, passage)}.")
    source_url = web_url(document.source_url)
    if source_url:
        pieces.append(f"Originally published at {source_url}.")
    return " ".join(pieces)


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _bibtex_escape(value: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in " ".join(value.split()))


@register.simple_tag(takes_context=True)
def cite_bibtex(context, document, passage=None) -> str:
    """A BibTeX ``@misc`` entry; its key and URL point at the passage when one is given."""
    key = document.slug.replace("-", "_")[:60] + (f"_{passage.anchor.replace('-', '_')}" if passage else "")
    # Titles and corporate authors are double-braced so BibTeX keeps their case and words.
    fields = [("title", f"{{{{{_bibtex_escape(document.title)}}}}}")]
    if document.source:
        fields.append(("author", f"{{{{{_bibtex_escape(document.source)}}}}}"))
    if document.issued_on and document.date_precision in _FORMATS:
        fields.append(("year", str(document.issued_on.year)))
        if document.date_precision in (DatePrecision.DAY, DatePrecision.MONTH):
            fields.append(("month", dateformat.format(document.issued_on, "b")))  # jan, feb...
    if passage is not None:
        fields.append(("note", f"{{Paragraph {passage.position}}}"))
    fields.append(("howpublished", f"{{{SITE_NAME}}}"))
    fields.append(("url", f"{{{_permalink(context.get('request'), document, passage)}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"
