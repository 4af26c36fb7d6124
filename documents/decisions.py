"""Editors' decisions on a passage's principles and eras, the rule that the importer and the
editing services share.

A passage shows the principles and eras an editor added or confirmed, plus the classifier's
suggestions the editor did not reject (``effective``). Re-import (documents/importing/saving.py)
and re-classification (documents/editing/reclassifying.py) both apply it, so neither ever
overturns an editor; a document's own principles and eras are those of its passages
(``refresh_document_taxonomy``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .importing.types import ParsedDocument
from .models import Document, Period, Section, Theme

# The document's model fields under the provenance key that describes them (Document.provenance):
# an editor's change to one of these fields is an editor's word on that key.
PROVENANCE_FIELDS = {"title": "title", "issued_on": "date", "date_precision": "date", "issuer": "issuer",
                     "source": "outlet", "posted_on": "posted_on", "doc_type": "type", "languages": "languages",
                     "issued_in": "issued_in"}

DECISIONS = (("editor_themes", "theme_id"), ("rejected_themes", "theme_id"),
             ("editor_periods", "period_id"), ("rejected_periods", "period_id"))


def effective(*, suggested: set[int], editor: set[int], rejected: set[int]) -> set[int]:
    """What a passage shows: the editor's choices, plus suggestions the editor did not reject."""
    return editor | (suggested - rejected)


def editor_decisions(*, section_ids: Iterable[int]) -> dict[int, dict[str, set[int]]]:
    """{passage id: {"editor_themes" | "rejected_themes" | "editor_periods" | "rejected_periods": ids}},
    in four queries whatever the number of passages; a passage with no decision is absent."""
    section_ids = list(section_ids)
    decisions: dict[int, dict[str, set[int]]] = {}
    if not section_ids:
        return decisions
    for name, column in DECISIONS:
        through = getattr(Section, name).through
        for section_id, target in through.objects.filter(section_id__in=section_ids).values_list(
            "section_id", column
        ):
            decisions.setdefault(section_id, {}).setdefault(name, set()).add(target)
    return decisions


def passage_evidence(found: list[dict], *, themes: set[str], periods: set[str],
                     editor_themes: set[str], editor_periods: set[str]) -> list[dict]:
    """A passage's evidence as stored (``Section.evidence``): the rule matches of the principles
    and eras it keeps, then one "editor" item for each an editor added."""
    kept = [item for item in found
            if item["slug"] in (themes if item["kind"] == "theme" else periods)]
    kept += [{"kind": "theme", "slug": slug, "how": "editor", "text": ""} for slug in sorted(editor_themes)]
    kept += [{"kind": "period", "slug": slug, "how": "editor", "text": ""} for slug in sorted(editor_periods)]
    return kept


def record_editor_evidence(*, section: Section) -> None:
    """Rewrite a passage's evidence after an editor's decision: the rule matches of what it still
    has, and one "editor" item for each principle and era the editor added or confirmed."""
    section.evidence = passage_evidence(
        [item for item in section.evidence or [] if item.get("how") != "editor"],
        themes=set(section.themes.values_list("slug", flat=True)),
        periods=set(section.periods.values_list("slug", flat=True)),
        editor_themes=set(section.editor_themes.values_list("slug", flat=True)),
        editor_periods=set(section.editor_periods.values_list("slug", flat=True)))
    section.save(update_fields=["evidence"])


def refresh_document_taxonomy(*, document: Document, parsed: ParsedDocument | None = None) -> None:
    """Derive the document's principles and eras from its passages (front matter overrides)."""
    if parsed is not None and parsed.themes is not None:
        themes = set(Theme.objects.filter(slug__in=parsed.themes).values_list("pk", flat=True))
    else:
        themes = set(Section.themes.through.objects.filter(section__document=document)
                     .values_list("theme_id", flat=True).distinct())
    if parsed is not None and parsed.periods is not None:
        periods = set(Period.objects.filter(slug__in=parsed.periods).values_list("pk", flat=True))
    else:
        periods = set(Section.periods.through.objects.filter(section__document=document)
                      .values_list("period_id", flat=True).distinct())
    document.themes.set(themes)
    document.periods.set(periods)
