"""One CSL-JSON record per document and per passage: the single source of every citation.

What goes in (and what is left out):

- **author**: the document's issuer; for a press-conference answer, the speaker, with the
  issuer as the container (``container-title``). Names are ``literal``: Chinese names are
  written family name first and must not be inverted.
- **publisher**: the archive; the website (``container-title``) is the archive too, except for
  an answer, whose container is the issuer. The outlet that first published the page is
  ``original-publisher``.
- **issued**: the document's date, as precise as it is known (year, month or day).
- **accessed**: the day the citation is made (the page is rendered); the styles print it for
  an undated source, as Chicago and APA ask.
- **Provenance**: a date or an issuer that the importer *inferred* (``provenance[field]["how"]
  == "inferred"``) is left out, never printed as if the source stated it: the citation is then
  that of an undated or anonymous source. Guesses are shown, marked as such, on the page.

The paragraph a passage is cited by counts what a reader counts as paragraphs in the text:
paragraphs, list items, quotations and answers. Headings and questions are not counted (a
question is the journalist's, not the issuer's text; a heading is not a paragraph), so a
passage that is a heading or a question has no paragraph locator, only its own address.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ..choices import DatePrecision, How, SectionKind
from ..templatetags.archive import SITE_NAME

PUBLISHER = SITE_NAME
COUNTED_KINDS = frozenset({SectionKind.PARAGRAPH, SectionKind.LIST_ITEM, SectionKind.QUOTATION, SectionKind.ANSWER})


def stated(document, field: str) -> bool:
    """Whether the document's ``field`` is as the source (or an editor) gave it, not inferred."""
    return ((document.provenance or {}).get(field) or {}).get("how") != How.INFERRED


def issuer(document) -> str:
    """The issuer, when stated; "" when unknown or only inferred."""
    return document.issuer.strip() if document.issuer and stated(document, "issuer") else ""


def date_parts(document) -> list[int] | None:
    """``[year]``, ``[year, month]`` or ``[year, month, day]``; None when undated or inferred."""
    day: datetime.date | None = document.issued_on
    if day is None or not stated(document, "date"):
        return None
    return {DatePrecision.YEAR: [day.year], DatePrecision.MONTH: [day.year, day.month],
            DatePrecision.DAY: [day.year, day.month, day.day]}.get(document.date_precision)


def paragraph_number(passage, sections: Iterable) -> int | None:
    """The passage's paragraph as a reader counts them (see the module's docstring), given the
    document's passages in order; None for a heading or a question."""
    if passage.kind not in COUNTED_KINDS:
        return None
    return sum(1 for s in sections if s.kind in COUNTED_KINDS and s.position <= passage.position)


def document_record(document, *, url: str, accessed: datetime.date) -> dict:
    """The CSL-JSON item of a document, at its public address ``url``."""
    record: dict = {"id": document.slug, "type": "webpage", "title": document.title}
    if issuer(document):
        record["author"] = [{"literal": issuer(document)}]
    record["container-title"] = PUBLISHER
    record["publisher"] = PUBLISHER
    _common(record, document, url=url, accessed=accessed)
    return record


def passage_record(document, passage, *, url: str, accessed: datetime.date, paragraph: int | None) -> dict:
    """The CSL-JSON item of one passage: the document's, with its own address and paragraph,
    and the speaker of an answer as its author (the issuer then its container)."""
    record = document_record(document, url=url, accessed=accessed)
    record["id"] = f"{document.slug}/{passage.anchor}"
    speaker = passage.speaker.strip() if passage.kind == SectionKind.ANSWER and passage.speaker else ""
    if speaker:
        record["author"] = [{"literal": speaker}]
        if issuer(document):
            record["container-title"] = issuer(document)
    if paragraph is not None:
        record["note"] = f"Paragraph {paragraph}"
    return record


def _common(record: dict, document, *, url: str, accessed: datetime.date) -> None:
    parts = date_parts(document)
    if parts:
        record["issued"] = {"date-parts": [parts]}
    record["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    record["URL"] = url
    if document.languages:
        record["language"] = document.languages[0]
    if document.source and stated(document, "source"):
        record["original-publisher"] = document.source
