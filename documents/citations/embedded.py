"""What a page carries for machines, from its CSL-JSON record: Highwire Press ``citation_*``
tags (Google Scholar's inclusion guidelines; Zotero reads them too), Dublin Core ``DC.*`` tags,
and schema.org JSON-LD.

Not written: ``citation_firstpage`` (a web document has no pages, and Scholar would print a
paragraph number as a page), COinS (Zotero and Mendeley read the tags and JSON-LD already; a
COinS span repeats them in a worse form) and unAPI (an extra endpoint only older clients ask
for; the page links its CSL-JSON, RIS and BibTeX files with ``rel="alternate"`` instead).
"""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from .csl import PUBLISHER

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _date(parts: list[int], joiner: str) -> str:
    return joiner.join([f"{parts[0]:04d}", *(f"{n:02d}" for n in parts[1:])])


def _issued(record: dict) -> list[int]:
    return ((record.get("issued") or {}).get("date-parts") or [[]])[0]


def meta_tags(record: dict, *, part_of: dict | None = None) -> list[tuple[str, str]]:
    """(name, content) pairs for ``<meta>``; ``part_of`` is the document's record on a passage page."""
    tags = [("citation_title", record["title"])]
    tags += [("citation_author", a["literal"]) for a in record.get("author", ())]
    if _issued(record):
        tags.append(("citation_publication_date", _date(_issued(record), "/")))
    tags.append(("citation_public_url", record["URL"]))
    if record.get("language"):
        tags.append(("citation_language", record["language"]))
    tags.append(("citation_publisher", PUBLISHER))
    tags.append(("DC.title", record["title"]))
    tags += [("DC.creator", a["literal"]) for a in record.get("author", ())]
    if _issued(record):
        tags.append(("DC.date", _date(_issued(record), "-")))
    if record.get("language"):
        tags.append(("DC.language", record["language"]))
    tags += [("DC.publisher", PUBLISHER), ("DC.type", "Text"), ("DC.identifier", record["URL"])]
    if part_of is not None:
        tags.append(("DCTERMS.isPartOf", part_of["URL"]))
    return tags


def _agent(name: str, *, person: bool) -> dict:
    return {"@type": "Person" if person else "Organization", "name": name}


def linked_data(record: dict, *, languages: list[str], principles: list[tuple[str, str]],
                part_of: dict | None = None, text: str = "", speaker_is_person: bool = False,
                position: int | None = None) -> dict:
    """The schema.org description: an ``ArchiveComponent`` of the archive for a document, or a
    ``CreativeWork`` that ``isPartOf`` its document for a passage. ``principles`` are (name,
    absolute URL) pairs; ``part_of`` is the document's record on a passage page."""
    data: dict = {"@context": "https://schema.org",
                  "@type": "CreativeWork" if part_of else "ArchiveComponent",
                  "@id": record["URL"], "url": record["URL"], "name": record["title"]}
    authors = [a["literal"] for a in record.get("author", ())]
    if authors:
        data["author"] = [_agent(n, person=speaker_is_person) for n in authors]
    if _issued(record):
        data["datePublished"] = _date(_issued(record), "-")
    if languages:
        data["inLanguage"] = languages if len(languages) > 1 else languages[0]
    if principles:
        data["about"] = [{"@type": "DefinedTerm", "name": name, "url": url} for name, url in principles]
    data["publisher"] = _agent(PUBLISHER, person=False)
    if part_of is None:
        data["holdingArchive"] = {"@type": "ArchiveOrganization", "name": PUBLISHER}
    else:
        data["isPartOf"] = {"@type": "ArchiveComponent", "@id": part_of["URL"], "url": part_of["URL"],
                            "name": part_of["title"]}
        if position is not None:
            data["position"] = position
            data["name"] = f"{record['title']}, paragraph {position}"
        if text:
            data["text"] = text
    return data


def json_ld(data: dict) -> SafeString:
    """JSON for a ``<script type="application/ld+json">`` data block: ``<``, ``>`` and ``&``
    escaped as JSON escapes, so no text can end the element (Django's ``json_script`` does the
    same, but writes ``type="application/json"``)."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))
