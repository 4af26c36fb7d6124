"""Plain data passed between the import stages.

Every stage of the pipeline (read -> clean -> parse -> classify -> save) is a pure
function over these types, so each one can be tested without a database. Only
``saving`` touches the ORM.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..choices import DatePrecision, DocumentType


class ImportRejected(ValueError):
    """A file the importer refuses, with a one-line reason a person can act on.

    ``str(exc)`` is the full message, ``"<name>: <reason>"``.
    """

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")

    def __reduce__(self):  # crosses process boundaries intact
        return (type(self), (self.name, self.reason))


@dataclass(frozen=True)
class Cleaned:
    """Text with the web-page furniture taken out, and the lines that were taken."""

    text: str
    removed: list[str] = field(default_factory=list)
    # What the page itself says about the document, found while cleaning: "title",
    # "date" ("YYYY-MM-DD"), "source" (site name), "url". Pass it to parsing.parse(meta=...).
    meta: dict = field(default_factory=dict)


@dataclass
class ParsedSection:
    kind: str  # a documents.choices.SectionKind
    text: str
    speaker: str = ""


@dataclass
class ParsedDocument:
    title: str
    sections: list[ParsedSection]
    date: datetime.date | None = None
    date_precision: str = DatePrecision.UNKNOWN  # a documents.choices.DatePrecision
    source: str = ""  # the outlet: the site or paper that published the page
    source_url: str = ""
    issuer: str = ""  # the body or person whose statement it is
    posted_on: datetime.date | None = None  # the outlet's posting/repost date, when apart from the issue date
    doc_type: str = DocumentType.ARTICLE  # a documents.choices.DocumentType
    languages: list[str] = field(default_factory=list)  # ISO 639-1 codes, main first
    summary: str = ""
    # Only from front matter: these override the classifier when given.
    slug: str = ""
    tags: list[str] = field(default_factory=list)
    themes: list[str] | None = None  # theme slugs
    periods: list[str] | None = None  # period slugs
    status: str = ""  # a documents.choices.Status, or "" when not given
    # How each value was obtained: {"title"|"date"|"issuer"|"outlet"|"type"|"languages"|"speakers":
    # {"how": a documents.choices.How, "evidence": the line or words}}.
    provenance: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodRule:
    slug: str
    start_year: int
    end_year: int | None
    cues: tuple[str, ...] = ()  # phrases/patterns naming the era ("Reform and Opening-up")


@dataclass(frozen=True)
class ThemeRule:
    slug: str
    parent: str | None
    rules: tuple[str, ...] = ()  # phrases, or regular expressions prefixed "re:"


@dataclass(frozen=True)
class TaxonomyRules:
    """The taxonomy as the classifier sees it: each era's years and cues, each principle's
    rules. (What reader pages show is ``documents.taxonomy.TaxonomyTree``.)"""

    periods: tuple[PeriodRule, ...]
    themes: tuple[ThemeRule, ...]


@dataclass
class Classification:
    section_themes: list[set[str]]  # one set of theme slugs per section, in order
    section_periods: list[set[str]]  # one set of period slugs per section, in order
    issued_in: str | None  # period slug the document was issued in
    # Per section, in order: [{"kind": "theme"|"period", "slug", "how": "rule", "text", "start", "end"}].
    section_evidence: list[list[dict]] = field(default_factory=list)
    # Per section, in order: the (theme slug, period slug) pairs one sentence supports.
    section_pairs: list[set[tuple[str, str]]] = field(default_factory=list)
    # How issued_in was obtained: {"how": ..., "evidence": ...}, or {} when there is none.
    issued_in_provenance: dict = field(default_factory=dict)


@dataclass
class Source:
    """What the archive keeps of the imported file itself."""

    key: str  # stable identifier: front-matter slug, else the file name
    raw_text: str
    removed: list[str]
    content_hash: str  # SHA-256 of the file's bytes


@dataclass
class Prepared:
    """A file read, cleaned, parsed and classified: everything ``saving`` needs, no database yet."""

    name: str
    parsed: ParsedDocument
    classification: Classification
    source: Source
