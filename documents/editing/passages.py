"""Passages: positions and anchors of the passages an editor moves or adds, and the principles
and eras an editor gives them, recorded as the editor's decisions (``documents/decisions.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from ..decisions import record_editor_evidence, refresh_document_taxonomy
from ..models import Document, PassagePair, Period, Section, Theme

# Positions are moved this far out of the way while passages are reordered, so that
# the rule "one passage per position in a document" holds after every single UPDATE.
POSITION_OFFSET = 1_000_000


@transaction.atomic
def make_room_for_positions(*, section_ids: Iterable[int]) -> None:
    """Move passages out of the position range so a reordering can be saved row by row."""
    ids = list(section_ids)
    if ids:
        Section.objects.filter(pk__in=ids, position__lt=POSITION_OFFSET).update(
            position=F("position") + POSITION_OFFSET
        )


def new_anchor(*, document: Document, text: str) -> str:
    """A citation anchor for a passage an editor adds: from its words, unique in the document."""
    base = Section.anchor_of(text)
    taken = set(document.sections.filter(anchor__startswith=base).values_list("anchor", flat=True))
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    return anchor


@transaction.atomic
def record_passage_decisions(
    *,
    section: Section,
    themes_before: Iterable[int],
    themes_after: Iterable[int],
    periods_before: Iterable[int],
    periods_after: Iterable[int],
    confirm: bool = False,
) -> None:
    """Record what an editor did to a passage's principles and eras.

    Added ones become the editor's, removed ones are rejected, and with ``confirm``
    every one the passage now shows becomes the editor's. The passage's effective
    sets are ``themes_after`` and ``periods_after``.
    """
    for kind, before, after in (("themes", themes_before, themes_after), ("periods", periods_before, periods_after)):
        before, after = set(before), set(after)
        editor_rel, rejected_rel = getattr(section, f"editor_{kind}"), getattr(section, f"rejected_{kind}")
        editor = set(editor_rel.values_list("pk", flat=True))
        rejected = set(rejected_rel.values_list("pk", flat=True))
        added, removed = after - before, before - after
        new_editor = (editor | added | (after if confirm else set())) - removed
        new_rejected = (rejected | removed) - after
        if new_editor != editor:
            editor_rel.set(new_editor)
        if new_rejected != rejected:
            rejected_rel.set(new_rejected)
        getattr(section, kind).set(after)
    record_editor_evidence(section=section)
    sync_pairs(section_ids=[section.pk], added_by_editor=True)


def sync_pairs(*, section_ids: Iterable[int], added_by_editor: bool = False) -> None:
    """Keep the passages' (principle, era) pairs (what the matrix counts) within their principles
    and eras: a pair whose principle or era the passage lost goes. With ``added_by_editor``, a
    passage that an editor left in one era has every principle paired with it: the editor said
    the whole passage is in that era, so no sentence is needed to tell which."""
    ids = list(section_ids)
    themes, periods = {pk: set() for pk in ids}, {pk: set() for pk in ids}
    for section_id, theme_id in Section.themes.through.objects.filter(section_id__in=ids).values_list(
            "section_id", "theme_id"):
        themes[section_id].add(theme_id)
    for section_id, period_id in Section.periods.through.objects.filter(section_id__in=ids).values_list(
            "section_id", "period_id"):
        periods[section_id].add(period_id)
    stale = [pk for pk, section_id, theme_id, period_id in PassagePair.objects.filter(
        section_id__in=ids).values_list("pk", "section_id", "theme_id", "period_id")
        if theme_id not in themes[section_id] or period_id not in periods[section_id]]
    PassagePair.objects.filter(pk__in=stale).delete()
    if added_by_editor:
        PassagePair.objects.bulk_create(
            [PassagePair(section_id=pk, theme_id=t, period_id=next(iter(periods[pk])))
             for pk in ids if len(periods[pk]) == 1 for t in themes[pk]], ignore_conflicts=True)


@transaction.atomic
def set_passage_taxonomy(*, section: Section, themes: Iterable[int], periods: Iterable[int],
                         confirm: bool = False) -> None:
    """An editor sets a passage's principles and eras (see ``record_passage_decisions``)."""
    record_passage_decisions(
        section=section,
        themes_before=section.themes.values_list("pk", flat=True),
        themes_after=themes,
        periods_before=section.periods.values_list("pk", flat=True),
        periods_after=periods,
        confirm=confirm,
    )
    refresh_document_taxonomy(document=section.document)


@transaction.atomic
def assign_principle(*, documents: QuerySet[Document], principle: Theme) -> list[int]:
    """Give every passage of the documents ``principle`` as an editor's decision.

    Returns the ids of the documents that did not yet state it on every passage.
    """
    return _assign(documents=documents, target=principle, kind="themes")


@transaction.atomic
def assign_era(*, documents: QuerySet[Document], era: Period, issued_in: bool = False) -> list[int]:
    """Give every passage of the documents ``era`` as an editor's decision.

    With ``issued_in``, it also becomes the era the documents were issued in (an
    editor's value, which a re-import keeps).
    """
    changed = set(_assign(documents=documents, target=era, kind="periods"))
    if issued_in:
        ids = list(documents.exclude(issued_in=era).values_list("pk", flat=True))
        Document.objects.filter(pk__in=ids).update(issued_in=era, updated_at=timezone.now())
        changed.update(ids)
    return sorted(changed)


def _assign(*, documents: QuerySet[Document], target: Theme | Period, kind: str) -> list[int]:
    column = "theme_id" if kind == "themes" else "period_id"
    sections = Section.objects.filter(document__in=documents.values("pk"))
    effective = getattr(Section, kind).through
    editor = getattr(Section, f"editor_{kind}").through
    rejected = getattr(Section, f"rejected_{kind}").through
    missing = sections.exclude(Exists(effective.objects.filter(section_id=OuterRef("pk"), **{column: target.pk})))
    changed = sorted(set(missing.values_list("document_id", flat=True)))
    rows = list(sections.values_list("pk", flat=True))
    for through in (effective, editor):
        through.objects.bulk_create([through(section_id=pk, **{column: target.pk}) for pk in rows],
                                    ignore_conflicts=True)
    rejected.objects.filter(section_id__in=rows, **{column: target.pk}).delete()
    _add_editor_evidence(section_ids=rows, kind="theme" if kind == "themes" else "period", slug=target.slug)
    sync_pairs(section_ids=rows, added_by_editor=True)
    document_through = getattr(Document, kind).through
    document_through.objects.bulk_create(
        [document_through(document_id=pk, **{column: target.pk}) for pk in changed], ignore_conflicts=True)
    Document.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    return changed


@transaction.atomic
def decide_suggestion(*, sections: QuerySet[Section], target: Theme | Period, accept: bool) -> list[int]:
    """An editor's verdict on a principle or era (``target``) that the selected passages show:
    accepted, it becomes the editor's on each of them; rejected, it leaves them and re-classification
    and re-import never bring it back. Passages without it are left alone.

    Returns the ids of the documents whose passages changed."""
    kind = "themes" if isinstance(target, Theme) else "periods"
    column = "theme_id" if kind == "themes" else "period_id"
    effective = getattr(Section, kind).through
    editor = getattr(Section, f"editor_{kind}").through
    rejected = getattr(Section, f"rejected_{kind}").through
    showing = Section.objects.filter(pk__in=sections.values("pk")).filter(
        Exists(effective.objects.filter(section_id=OuterRef("pk"), **{column: target.pk})))
    if accept:  # only those not yet the editor's change
        showing = showing.exclude(Exists(editor.objects.filter(section_id=OuterRef("pk"), **{column: target.pk})))
    rows = list(showing.values_list("pk", flat=True))
    changed = sorted(set(Section.objects.filter(pk__in=rows).values_list("document_id", flat=True)))
    evidence_kind = "theme" if kind == "themes" else "period"
    if accept:
        editor.objects.bulk_create([editor(section_id=pk, **{column: target.pk}) for pk in rows], ignore_conflicts=True)
        _add_editor_evidence(section_ids=rows, kind=evidence_kind, slug=target.slug)
        sync_pairs(section_ids=rows, added_by_editor=True)
    else:
        effective.objects.filter(section_id__in=rows, **{column: target.pk}).delete()
        editor.objects.filter(section_id__in=rows, **{column: target.pk}).delete()
        rejected.objects.bulk_create([rejected(section_id=pk, **{column: target.pk}) for pk in rows],
                                     ignore_conflicts=True)
        _drop_evidence(section_ids=rows, kind=evidence_kind, slug=target.slug)
        sync_pairs(section_ids=rows)
        document_through = getattr(Document, kind).through
        document_through.objects.filter(document_id__in=changed, **{column: target.pk}).exclude(
            Exists(effective.objects.filter(section__document_id=OuterRef("document_id"), **{column: target.pk}))
        ).delete()
    Document.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    return changed


def _add_editor_evidence(*, section_ids: list[int], kind: str, slug: str) -> None:
    """Note on each passage that an editor gave it this principle or era (the rule's words, if
    any, stay)."""
    item = {"kind": kind, "slug": slug, "how": "editor", "text": ""}
    _edit_evidence(section_ids=section_ids, edit=lambda evidence: evidence if item in evidence else [*evidence, item])


def _drop_evidence(*, section_ids: list[int], kind: str, slug: str) -> None:
    """Take a rejected principle's or era's words out of each passage's evidence."""
    _edit_evidence(section_ids=section_ids,
                   edit=lambda evidence: [e for e in evidence if (e.get("kind"), e.get("slug")) != (kind, slug)])


def _edit_evidence(*, section_ids: list[int], edit, batch: int = 1000) -> None:
    """Rewrite the passages' ``evidence`` with ``edit``, a batch of passages in memory at a time."""
    for start in range(0, len(section_ids), batch):
        changed = []
        for section in Section.objects.filter(pk__in=section_ids[start:start + batch]).only("pk", "evidence"):
            evidence = list(section.evidence or [])
            if (edited := edit(evidence)) != evidence:
                section.evidence = edited
                changed.append(section)
        Section.objects.bulk_update(changed, ["evidence"])
