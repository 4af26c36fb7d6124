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

from documents.choices import DocumentType, How
from documents.importing.types import ParsedDocument

from .blocks import DEFAULT_MAX_PASSAGE_CHARS, body_sections, capped, paragraphs
from .dates import find_date
from .datelines import closing_date, news_dateline
from .front_matter import check_document_values, normalise_meta, split_front_matter
from .head import document_type, issuer_from_title, scan_head, title_from_name
from .languages import detect_languages
from .markdown import is_markdown, plain_markdown

__all__ = ["DEFAULT_MAX_PASSAGE_CHARS", "check_document_values", "parse", "split_front_matter"]


def parse(
    text: str, *, name: str, meta: dict | None = None, page: dict | None = None,
    max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS,
) -> ParsedDocument:
    """Parse cleaned text into a ``ParsedDocument``.

    ``name`` (the file name) is used in rejection messages and for a fallback
    title. No section is longer than ``max_passage_chars``: a longer passage is
    split where its sentences end, and its parts add up to it. ``meta`` carries values known from outside the text -- typically
    ``{**cleaned.meta, **front_matter}`` -- with front-matter keys (title, date
    as "YYYY[-MM[-DD]]" or a date, source, url, type, languages, tags, themes,
    periods, summary, status, slug). A front matter block still at the top of
    ``text`` is split off here. Given values override every heuristic. ``page``: what the page
    itself says (``Cleaned.meta``: an HTML page's title, date, site; a posting time): it also
    overrides the heuristics, but its provenance is the source text, not the front matter.
    """
    front, body = split_front_matter(text, name=name)
    stated = normalise_meta(meta or {}, name=name, strict=False)
    stated.update(front)
    given = {**normalise_meta(page or {}, name=name, strict=False), **stated}

    if is_markdown(name=name, text=body):
        body = plain_markdown(body)
    paras = paragraphs(body)
    head = scan_head(paras, posted_line=(page or {}).get("posted", ""))
    body_paras = [
        [line for li, line in enumerate(para) if (pi, li) not in head.used] for pi, para in enumerate(paras)
    ]
    body_paras = [para for para in body_paras if para]

    date, date_line = head.date, head.lines.get("date", "")
    source, source_line = head.source, head.lines.get("outlet", "")
    if date is None or not source:
        news = news_dateline(body_paras)
        if news is not None:
            agency, news_date = news
            if not source and agency:
                source, source_line = agency, body_paras[0][0]
            if date is None and news_date is not None:
                date, date_line = news_date, body_paras[0][0]
    if date is None:
        date = closing_date(body_paras)
        date_line = _line_of(body_paras[-3:], date) if date else ""

    sections, dialogue = body_sections(body_paras)
    sections = capped(sections, limit=max_passage_chars)
    title = given.get("title") or head.title or title_from_name(name)
    doc_type = given.get("type") or document_type(title, dialogue=dialogue)
    languages = given.get("languages") or detect_languages(
        texts=[s.text for s in sections] or [title], title=head.title
    )
    issuer = given.get("issuer") or head.issuer or issuer_from_title(title)

    parsed = ParsedDocument(
        title=title,
        sections=sections,
        source=given.get("source") or source,
        source_url=given.get("url") or head.source_url,
        issuer=issuer,
        posted_on=head.posted.date if head.posted and head.posted.precision == "day" else None,
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
    parsed.provenance = _provenance(
        parsed, given, front=set(stated), head=head, name=name, date_line=date_line, source_line=source_line, dialogue=dialogue)
    return parsed


def _line_of(paras: list[list[str]], found) -> str:
    """The line of ``paras`` (the last first) where a closing date was found."""
    for para in reversed(paras):
        for line in reversed(para):
            if line[found.start : found.end] and find_date(line) == found:
                return line
    return ""


def _provenance(parsed: ParsedDocument, given: dict, *, front: set[str], head, name: str, date_line: str, source_line: str,
                dialogue: bool) -> dict[str, dict]:
    """How each value of ``parsed`` was obtained (``documents.choices.How``), and from what words."""
    TEXT, INFERRED = How.SOURCE_TEXT.value, How.INFERRED.value
    found: dict[str, dict] = {}

    def record(field: str, how: str, evidence: str) -> None:
        found[field] = {"how": how, "evidence": evidence[:300]}

    def given_how(key: str) -> str:
        return How.FRONT_MATTER.value if key in front else TEXT

    if "title" in given:
        record("title", given_how("title"), given["title"])
    elif head.title:
        record("title", TEXT, head.lines.get("title", head.title))
    else:
        record("title", INFERRED, f"No headline in the text; made from the file name {name}")
    if "date" in given:
        record("date", given_how("date"), str(given["date"]))
    elif parsed.date is not None:
        record("date", TEXT, date_line or parsed.date.isoformat())
    elif head.posted is not None:
        record("date", INFERRED, "No issue date in the text; the page gives only the time it was posted: "
                                 + head.lines.get("posted", ""))
    if parsed.posted_on is not None:
        record("posted_on", TEXT, head.lines.get("posted", ""))
    if "source" in given:
        record("outlet", given_how("source"), given["source"])
    elif parsed.source:
        record("outlet", TEXT, source_line or parsed.source)
    if "issuer" in given:
        record("issuer", given_how("issuer"), given["issuer"])
    elif parsed.issuer:
        record("issuer", TEXT, parsed.issuer if head.issuer else parsed.title)
    if "type" in given:
        record("type", given_how("type"), str(given["type"]))
    elif parsed.doc_type != DocumentType.ARTICLE and document_type(parsed.title, dialogue=False) == parsed.doc_type:
        record("type", TEXT, parsed.title)
    elif dialogue:
        record("type", INFERRED, "The text is a dialogue of questions and answers")
    else:
        record("type", INFERRED, "The title names no type; taken as an article")
    if "languages" in given:
        record("languages", given_how("languages"), ", ".join(given["languages"]))
    else:
        record("languages", INFERRED, "Detected from the passages' scripts and words")
    return found
