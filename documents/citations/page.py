"""Everything a reader page shows and embeds to cite a document or one of its passages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from . import csl, embedded, styles
from .formats import CONTENT_TYPES, biblatex

DOWNLOADS = (("json", "CSL-JSON"), ("ris", "RIS"), ("bib", "BibTeX"))
FORMS = (("chicago-note", "Chicago note"), ("chicago-bibliography", "Chicago bibliography"),
         ("apa", "APA"), ("mla", "MLA"))


def passage_url(document, passage) -> str:
    return reverse("documents:passage_detail", kwargs={"slug": document.slug, "anchor": passage.anchor})


def download_urls(document, passage=None) -> dict[str, str]:
    """The path of each citation download ("json", "ris", "bib") of a document or a passage:
    what the API and OAI-PMH link."""
    if passage is None:
        return {fmt: reverse("documents:document_cite", kwargs={"slug": document.slug, "fmt": fmt})
                for fmt, _ in DOWNLOADS}
    return {fmt: reverse("documents:passage_cite", kwargs={"slug": document.slug, "anchor": passage.anchor,
                                                           "fmt": fmt}) for fmt, _ in DOWNLOADS}


def records(request, document, passage=None, *, sections=(), accessed: datetime.date | None = None):
    """(record, the document's record, paragraph): the record cited, the document's (the same
    for a document), and the passage's paragraph among ``sections`` (the document's, in order)."""
    accessed = accessed or timezone.localdate()
    document_record = csl.document_record(
        document, url=request.build_absolute_uri(document.get_absolute_url()), accessed=accessed)
    if passage is None:
        return document_record, document_record, None
    paragraph = csl.paragraph_number(passage, sections)
    record = csl.passage_record(document, passage, url=request.build_absolute_uri(passage_url(document, passage)),
                                accessed=accessed, paragraph=paragraph)
    return record, document_record, paragraph


@dataclass
class PageCitation:
    record: dict
    forms: list[dict] = field(default_factory=list)  # {"key", "label", "text"}
    bibtex: str = ""
    downloads: list[dict] = field(default_factory=list)  # {"fmt", "label", "url", "type"}
    alternates: list[dict] = field(default_factory=list)  # the downloads of what the page embeds
    meta: list[tuple[str, str]] = field(default_factory=list)
    json_ld: SafeString = SafeString("")
    paragraph: int | None = None


def page_citation(request, document, passage=None, *, sections=(), principles=(),
                  embed_document: bool = False) -> PageCitation:
    """The citation block of a document (``passage`` None) or of one passage, and the embedded
    metadata of the page: the passage's on its own page, the document's on the document page
    (``embed_document``, even while it cites a passage chosen with ``?passage=``).
    ``principles``: what the embedded thing is about (its loaded themes)."""
    record, document_record, paragraph = records(request, document, passage, sections=sections)
    chicago = styles.render(record, "chicago", paragraph=paragraph)
    texts = {"chicago-note": chicago.note, "chicago-bibliography": chicago.bibliography,
             "apa": styles.render(record, "apa", paragraph=paragraph).bibliography,
             "mla": styles.render(record, "mla", paragraph=paragraph).bibliography}
    texts["bibtex"] = biblatex(record)
    embedded_passage = None if embed_document else passage
    described = record if embedded_passage is not None else document_record
    part_of = document_record if embedded_passage is not None else None
    data = embedded.linked_data(
        described, languages=list(document.languages or ()), part_of=part_of,
        principles=[(p.name, request.build_absolute_uri(p.get_absolute_url())) for p in principles],
        text=embedded_passage.text if embedded_passage is not None else "",
        speaker_is_person=part_of is not None and document_record.get("author") != record.get("author"),
        position=paragraph if embedded_passage is not None else None)
    urls = download_urls(document, passage)
    downloads = [{"fmt": fmt, "label": label, "url": urls[fmt], "type": CONTENT_TYPES[fmt].split(";")[0]}
                 for fmt, label in DOWNLOADS]
    if embedded_passage is None and passage is not None:
        alternates = [{**d, "url": url} for d, url in zip(downloads, download_urls(document).values())]
    else:
        alternates = downloads
    return PageCitation(
        record=record, paragraph=paragraph,
        forms=[{"key": key, "label": label, "text": texts[key]} for key, label in FORMS],
        bibtex=texts["bibtex"],
        downloads=downloads, alternates=alternates,
        meta=embedded.meta_tags(described, part_of=part_of),
        json_ld=embedded.json_ld(data),
    )
