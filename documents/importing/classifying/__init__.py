"""Classify stage: suggest the themes and the eras of every passage of a document.

``classify`` is a pure function over parsed sections. For each section it returns

- the theme slugs whose rules match the section's text (``section_themes``). A parent theme is
  not added because a child matched: the reader site shows a parent with its children;
- the eras the section speaks about (``section_periods``), from the years it mentions
  ("in 1956" -> the most specific era containing 1956), the decades it mentions ("the mid-1950s",
  "the late 1960s and early 1970s", "20世纪50年代") and the era cues of the taxonomy ("since the
  18th CPC National Congress");

and, for the whole document, the era it was issued in (``issued_in``): the most specific era
containing its date or, for an undated document, the latest era its text speaks about (a
document cannot be older than the latest era it mentions).

The parts, one module each:

- ``rules``: how one rule is read (plain phrases, "re:" patterns, Chinese; the text they match,
  ``normalise_text``) and validated (``validate_rule``, at every way a rule enters);
- ``re2_syntax``: a rule written for RE2, which runs every rule in time linear in the text;
- ``anchors``: for each rule, a word (or piece of text) every match contains;
- ``compiled``: ``compile_taxonomy``, every rule read, compiled and indexed by its anchor;
- ``matching``: which rules and cues match which sections, searching only where anchors occur;
- ``time_mentions``: the years and decades a text mentions, in English and in Chinese;
- ``eras``: the era of a year, of a span of years, and of a document.

Speed. The importer must classify about 40 sections of about 100 words at 200 documents a
second, so ``classify`` gets well under 2 ms per document: it is linear in the document's
length times the number of rules (see ``matching``).
"""

from __future__ import annotations

import bisect
import datetime

from ..types import Classification, ParsedSection, TaxonomyRules
from .compiled import CompiledTaxonomy, compile_taxonomy
from .eras import issued_in
from .evidence import section_evidence
from .matching import find_matches, join_sections
from .rules import validate_rule
from .time_mentions import find_time_mentions

__all__ = ["CompiledTaxonomy", "classify", "compile_taxonomy", "validate_rule"]


def classify(
    *,
    sections: list[ParsedSection],
    date: datetime.date | None,
    taxonomy: TaxonomyRules | CompiledTaxonomy,
) -> Classification:
    """Suggest themes and eras for each section, and the era the document was issued in.

    ``taxonomy`` may be a ``TaxonomyRules`` (compiled on first use and cached) or the result of
    ``compile_taxonomy``. Section order is kept: ``section_themes[i]`` and
    ``section_periods[i]`` belong to ``sections[i]``.
    """
    compiled = taxonomy if isinstance(taxonomy, CompiledTaxonomy) else compile_taxonomy(taxonomy)
    matched_themes: list[set[str]] = [set() for _ in sections]
    cued: list[set[str]] = [set() for _ in sections]
    mentions: list[list[tuple[int, int, set[str]]]] = [[] for _ in sections]
    section_themes, section_periods, evidence, pairs = [], [], [], []
    if sections:
        text, starts, ends = join_sections(sections)
        found, years = find_matches(text, starts, ends, compiled)
        width = len(compiled.targets)
        for key in found:
            section, target = divmod(key, width)
            kind, slug = compiled.targets[target]
            (matched_themes if kind == "theme" else cued)[section].add(slug)
        for start, end, eras in find_time_mentions(text, years, compiled):
            section = bisect.bisect_right(starts, start) - 1
            mentions[section].append((start - starts[section], end - starts[section], eras))
        for index, (start, end) in enumerate(zip(starts, ends)):
            themes, found_evidence, found_pairs = section_evidence(
                text[start:end], matched_themes[index], cued[index], mentions[index], compiled)
            section_themes.append(themes)
            section_periods.append(cued[index].union(*(eras for _s, _e, eras in mentions[index])))
            evidence.append(found_evidence)
            pairs.append(found_pairs)
    era = issued_in(date, section_periods, compiled)
    return Classification(
        section_themes=section_themes,
        section_periods=section_periods,
        issued_in=era,
        section_evidence=evidence,
        section_pairs=pairs,
        issued_in_provenance=_issued_in_provenance(era, date, evidence),
    )


def _issued_in_provenance(era: str | None, date: datetime.date | None, evidence: list[list[dict]]) -> dict:
    """How the era issued in was obtained: from the date (its own "how" is the date's, set by
    saving), or inferred from the latest era the text speaks about, with those words."""
    if era is None:
        return {}
    if date is not None:
        return {"how": "source_text", "evidence": date.isoformat()}
    words = next((item["text"] for items in evidence for item in items
                  if item["kind"] == "period" and item["slug"] == era), "")
    return {"how": "inferred", "evidence": f"Undated; the text speaks about this era: “{words}”" if words else "Undated"}
