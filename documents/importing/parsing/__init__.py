"""Stage 3 of the import pipeline: cleaned text -> ``ParsedDocument``.

``parse`` finds the title, the issue date and its precision, the source, the
document type and the languages, and splits the text into sections (headings,
paragraphs, list items, quotations, and the questions and answers of a press
conference with their speakers).

Front matter (a YAML block between ``---`` lines at the top of the file) and the
``meta`` argument (for instance ``Cleaned.meta`` from an HTML page) override every
heuristic. The heuristics only look for a date in the head of the document (title
and dateline area) and in a short closing dateline, never in the narrative: a
history of 1949-2012 is not dated 1949.

One module per part: ``front_matter``, ``markdown``, ``head`` (title, source, type) with
``datelines`` and ``dates``, ``blocks`` (passages and their kinds) with ``dialogue``
(speakers' turns), and ``languages``.
"""

from __future__ import annotations

from documents.importing.types import ParsedDocument

from .blocks import DEFAULT_MAX_PASSAGE_CHARS, body_sections, capped, paragraphs
from .datelines import closing_date, news_dateline
from .front_matter import check_document_values, normalise_meta, split_front_matter
from .head import document_type, scan_head, title_from_name
from .languages import detect_languages
from .markdown import is_markdown, plain_markdown

__all__ = ["DEFAULT_MAX_PASSAGE_CHARS", "check_document_values", "parse", "split_front_matter"]


def parse(
    text: str, *, name: str, meta: dict | None = None, max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS
) -> ParsedDocument:
    """Parse cleaned text into a ``ParsedDocument``.

    ``name`` (the file name) is used in rejection messages and for a fallback
    title. No section is longer than ``max_passage_chars``: a longer passage is
    split where its sentences end, and its parts add up to it. ``meta`` carries values known from outside the text -- typically
    ``{**cleaned.meta, **front_matter}`` -- with front-matter keys (title, date
    as "YYYY[-MM[-DD]]" or a date, source, url, type, languages, tags, themes,
    periods, summary, status, slug). A front matter block still at the top of
    ``text`` is split off here. Given values override every heuristic.
    """
    front, body = split_front_matter(text, name=name)
    given = normalise_meta(meta or {}, name=name, strict=False)
    given.update(front)

    if is_markdown(name=name, text=body):
        body = plain_markdown(body)
    paras = paragraphs(body)
    head = scan_head(paras)
    body_paras = [
        [line for li, line in enumerate(para) if (pi, li) not in head.used] for pi, para in enumerate(paras)
    ]
    body_paras = [para for para in body_paras if para]

    date = head.date
    source = head.source
    if date is None or not source:
        news = news_dateline(body_paras)
        if news is not None:
            agency, news_date = news
            source = source or agency
            date = date or news_date
    if date is None:
        date = closing_date(body_paras)

    sections, dialogue = body_sections(body_paras)
    sections = capped(sections, limit=max_passage_chars)
    title = given.get("title") or head.title or title_from_name(name)
    doc_type = given.get("type") or document_type(title, dialogue=dialogue)
    languages = given.get("languages") or detect_languages(
        texts=[s.text for s in sections] or [title], title=head.title
    )

    parsed = ParsedDocument(
        title=title,
        sections=sections,
        source=given.get("source") or source,
        source_url=given.get("url") or head.source_url,
        doc_type=doc_type,
        languages=list(languages),
        summary=given.get("summary", ""),
        slug=given.get("slug", ""),
        tags=list(given.get("tags", [])),
        themes=given.get("themes"),
        periods=given.get("periods"),
        status=given.get("status", ""),
    )
    if "date" in given:
        parsed.date = given["date"]
        parsed.date_precision = given["date_precision"]
    elif date is not None:
        parsed.date = date.date
        parsed.date_precision = date.precision
    return parsed
