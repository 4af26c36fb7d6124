"""HTML pages: the main text by trafilatura, the page's own metadata, the visible lines left out.

``clean_html`` runs the article trafilatura extracts through ``clean_lines`` and writes the
headline and a dateline built from the page's metadata at its top; ``Cleaned.removed`` holds
each line a browser would show that the text does not keep.
"""

from __future__ import annotations

import re

from documents.importing.types import Cleaned

from .lines import clean_lines

_HTML_START_RE = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_TAG_RE = re.compile(r"<body[\s>]|</(?:p|div|li|h[1-6]|td|article)>|<br\s*/?>", re.IGNORECASE)

_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre",
    "dd", "dt", "dl", "form", "figure", "figcaption", "main", "address", "hr", "option",
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "select")
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*>")
_XML_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_RE = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    if _HTML_START_RE.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG_RE.findall(text[:50000])) >= 3


def clean_html(text: str) -> Cleaned:
    """Main text of an HTML page with trafilatura; removed = visible lines not kept.

    The text starts with the page's headline and a dateline built from its
    metadata ("Source: China Daily | 2019-11-29"), which ``meta`` also holds.
    """
    import trafilatura  # Imported here: most imports are plain text and never need it.

    source = _XML_UNSAFE_RE.sub("", _XML_DECL_RE.sub("", text))
    doc = trafilatura.bare_extraction(
        source,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta: dict = {}
    extracted = ""
    if doc is not None:
        extracted = doc.text or ""
        for key, value in (
            ("title", doc.title),
            ("date", doc.date),
            ("source", doc.sitename),
            ("url", doc.url),
        ):
            if value:
                meta[key] = str(value).strip()
    paragraphs = [line.strip() for line in extracted.split("\n") if line.strip()]
    body, _, line_meta = clean_lines("\n\n".join(paragraphs).split("\n"))
    for key, value in line_meta.items():
        meta.setdefault(key, value)
    kept = _WHITESPACE_RE.sub(" ", body)
    removed = [line for line in _visible_lines(source) if line not in kept]
    # The headline and the dateline are usually outside the extracted article:
    # write them at the top, so the parser finds them even without ``meta``.
    head: list[str] = []
    title = meta.get("title", "")
    if title and not body.startswith(title):
        head.append(title)
    dateline = " | ".join(
        part for part in (f"Source: {meta['source']}" if meta.get("source") else "", meta.get("date", "")) if part
    )
    if dateline:
        head.append(dateline)
    if head:
        if title and body.startswith(title):
            first, _, rest = body.partition("\n\n")
            body = "\n\n".join([first, *head, rest]) if rest else "\n\n".join([first, *head])
        else:
            body = "\n\n".join([*head, body]) if body else "\n\n".join(head)
    return Cleaned(text=body, removed=removed, meta=meta)


def _visible_lines(html: str) -> list[str]:
    """The lines of text a browser would show, one per block element."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (_WHITESPACE_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return [line for line in lines if line]
