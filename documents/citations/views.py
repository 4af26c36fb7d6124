"""A passage's own page, and the citation downloads of documents and passages.

Published documents and passages only (``published()``); an unknown document, passage or
format is a 404.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from ..choices import SectionKind
from ..models import Document, Section
from .formats import CONTENT_TYPES, WRITERS, biblatex_key
from .page import page_citation, records

_PASSAGE_FIELDS = ("document_id", "position", "kind", "speaker", "text", "anchor", "evidence")


def _document(slug: str) -> Document:
    return get_object_or_404(
        Document.objects.published().only("title", "slug", "doc_type", "issuer", "source", "issued_on",
                                          "date_precision", "languages", "provenance", "status", "published_at"),
        slug=slug)


def _passage(document: Document, anchor: str) -> Section:
    return get_object_or_404(Section.objects.published().only(*_PASSAGE_FIELDS), document=document, anchor=anchor)


def _counted_before(document: Document, passage: Section) -> list[Section]:
    """The passages a reader counts up to ``passage`` (``csl.paragraph_number`` counts them)."""
    return list(Section.objects.published().filter(document=document, position__lte=passage.position)
                .exclude(kind__in=[SectionKind.HEADING, SectionKind.QUESTION]).only("position", "kind"))


class PassageDetailView(TemplateView):
    """One passage: its text, its speaker, the document it is part of, and how to cite it."""

    template_name = "documents/passage_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = _document(self.kwargs["slug"])
        passage = _passage(document, self.kwargs["anchor"])
        prefetch_related_objects([passage], "themes", "periods")  # its chips and their evidence
        principles = list(passage.themes.all())
        context.update(document=document, passage=passage, principles=principles,
                       citation=page_citation(self.request, document, passage,
                                              sections=_counted_before(document, passage), principles=principles))
        return context


def citation_download(request, slug: str, fmt: str, anchor: str | None = None) -> HttpResponse:
    """``cite.json`` (CSL-JSON), ``cite.ris`` or ``cite.bib`` of a document or a passage."""
    if fmt not in WRITERS:
        raise Http404("No such citation format.")
    document = _document(slug)
    passage = _passage(document, anchor) if anchor is not None else None
    sections = _counted_before(document, passage) if passage is not None else ()
    record, _, _ = records(request, document, passage, sections=sections)
    response = HttpResponse(WRITERS[fmt](record), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{biblatex_key(record)}.{fmt}"'
    return response
