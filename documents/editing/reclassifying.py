"""Re-classification: the classifier run again over documents' passages with the current
taxonomy. An editor's decisions stay as they are (``documents/decisions.py``); the result can be
previewed before it is applied."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import ngettext

from ..decisions import editor_decisions, effective, refresh_document_taxonomy
from ..importing.types import ParsedSection
from ..models import Document, PassagePair, Period, Section, Theme
from .passages import sync_pairs


@dataclass(frozen=True)
class PassageReclassification:
    """What re-classification changes on one passage (names, for people)."""

    document_id: int
    document_title: str
    section_id: int
    position: int
    excerpt: str
    themes_added: tuple[str, ...] = ()
    themes_removed: tuple[str, ...] = ()
    periods_added: tuple[str, ...] = ()
    periods_removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssuedInChange:
    document_id: int
    document_title: str
    before: str
    after: str


@dataclass
class Reclassification:
    """The outcome of re-classifying documents: a preview, or what was applied."""

    applied: bool
    documents_checked: int = 0
    passages: list[PassageReclassification] = field(default_factory=list)
    issued_in: list[IssuedInChange] = field(default_factory=list)

    @property
    def document_ids(self) -> list[int]:
        return sorted({c.document_id for c in self.passages} | {c.document_id for c in self.issued_in})

    def __str__(self) -> str:
        verb = "changed" if self.applied else "would change"
        passages = ngettext("%(n)d passage", "%(n)d passages", len(self.passages)) % {"n": len(self.passages)}
        eras = ngettext("%(n)d document", "%(n)d documents", len(self.issued_in)) % {"n": len(self.issued_in)}
        checked = ngettext("%(n)d document checked", "%(n)d documents checked",
                           self.documents_checked) % {"n": self.documents_checked}
        return (f"Re-classification {verb} {passages} and the issue era of {eras}, in "
                f"{len(self.document_ids)} of {checked}")


def reclassify(*, documents: QuerySet[Document] | None = None, apply: bool, context=None,
               chunk_size: int = 200) -> Reclassification:
    """Run the classifier again over documents' passages with the current taxonomy.

    An editor's decisions stay as they are: a passage shows the editor's principles and
    eras plus the classifier's suggestions the editor did not reject. Nothing is written
    unless ``apply``; the result lists every change either way.

    Atomic per chunk of ``chunk_size`` documents rather than as a whole: a run over the whole
    archive must not hold its locks for minutes, and a run stopped half-way leaves every
    document either re-classified or as it was, so running it again finishes the work.
    """
    from ..importing.classifying import classify
    from ..importing.pipeline import ImportContext

    context = context or ImportContext.load()
    theme_names = dict(Theme.objects.values_list("pk", "name"))
    period_names = dict(Period.objects.values_list("pk", "name"))
    names = {"themes": theme_names, "periods": period_names}
    result = Reclassification(applied=apply)
    documents = (documents if documents is not None else Document.objects.all()).order_by("pk")
    ids = list(documents.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = Document.objects.filter(pk__in=ids[start:start + chunk_size]).order_by("pk")
        with transaction.atomic():
            _reclassify_chunk(list(chunk), context=context, classify=classify, names=names,
                              result=result, apply=apply)
    return result


def _reclassify_chunk(documents: list[Document], *, context, classify, names, result, apply) -> None:
    sections = defaultdict(list)
    for row in Section.objects.filter(document__in=documents).order_by("document_id", "position").values(
        "pk", "document_id", "position", "kind", "speaker", "text"
    ):
        sections[row["document_id"]].append(row)
    section_ids = [row["pk"] for rows in sections.values() for row in rows]
    current = {"themes": defaultdict(set), "periods": defaultdict(set)}
    for section_id, theme_id in Section.themes.through.objects.filter(section_id__in=section_ids).values_list(
        "section_id", "theme_id"
    ):
        current["themes"][section_id].add(theme_id)
    for section_id, period_id in Section.periods.through.objects.filter(section_id__in=section_ids).values_list(
        "section_id", "period_id"
    ):
        current["periods"][section_id].add(period_id)
    decisions = editor_decisions(section_ids=section_ids)
    ids = {"themes": context.theme_ids, "periods": context.period_ids}

    writes = {"themes": ([], []), "periods": ([], [])}  # (links to add, links to remove)
    pairs = []  # the (section, principle, era) pairs the new classification's sentences support
    changed_documents = set()
    for document in documents:
        rows = sections.get(document.pk, [])
        if rows:
            parsed = [ParsedSection(kind=r["kind"], text=r["text"], speaker=r["speaker"]) for r in rows]
            classification = classify(sections=parsed, date=document.issued_on, taxonomy=context.compiled)
            suggested = {"themes": classification.section_themes, "periods": classification.section_periods}
            for index, row in enumerate(rows):
                pairs.extend((row["pk"], ids["themes"][t], ids["periods"][p])
                             for t, p in (classification.section_pairs[index] if classification.section_pairs else ())
                             if t in ids["themes"] and p in ids["periods"])
                d = decisions.get(row["pk"], {})
                delta = {}
                for kind in ("themes", "periods"):
                    auto = {ids[kind][slug] for slug in suggested[kind][index] if slug in ids[kind]}
                    after = effective(suggested=auto, editor=d.get(f"editor_{kind}", set()),
                                      rejected=d.get(f"rejected_{kind}", set()))
                    before = current[kind][row["pk"]]
                    delta[kind] = (after - before, before - after)
                    writes[kind][0].extend((row["pk"], pk) for pk in after - before)
                    writes[kind][1].extend((row["pk"], pk) for pk in before - after)
                if any(added or removed for added, removed in delta.values()):
                    changed_documents.add(document.pk)
                    result.passages.append(PassageReclassification(
                        document_id=document.pk, document_title=document.title, section_id=row["pk"],
                        position=row["position"], excerpt=_excerpt(row["text"]),
                        themes_added=_named(delta["themes"][0], names["themes"]),
                        themes_removed=_named(delta["themes"][1], names["themes"]),
                        periods_added=_named(delta["periods"][0], names["periods"]),
                        periods_removed=_named(delta["periods"][1], names["periods"]),
                    ))
        else:
            classification = classify(sections=[], date=document.issued_on, taxonomy=context.compiled)
        _reclassify_issued_in(document, classification.issued_in, context=context, names=names,
                              result=result, apply=apply)
    result.documents_checked += len(documents)
    if not apply:
        return
    for kind, column in (("themes", "theme_id"), ("periods", "period_id")):
        through = getattr(Section, kind).through
        added, removed = writes[kind]
        through.objects.bulk_create([through(section_id=s, **{column: t}) for s, t in added], ignore_conflicts=True)
        by_target = defaultdict(list)
        for section_id, target in removed:
            by_target[target].append(section_id)
        for target, section_ids in by_target.items():
            through.objects.filter(section_id__in=section_ids, **{column: target}).delete()
    PassagePair.objects.bulk_create([PassagePair(section_id=s, theme_id=t, period_id=p) for s, t, p in pairs],
                                    ignore_conflicts=True)
    sync_pairs(section_ids=section_ids)
    for document in documents:
        if document.pk in changed_documents:
            refresh_document_taxonomy(document=document)


def _reclassify_issued_in(document: Document, slug: str | None, *, context, names, result, apply) -> None:
    """The era a document was issued in follows its date, unless an editor chose it.

    Only a value the importer set (and nobody changed since) is re-derived.
    """
    last = document.imported_values or {}
    if "issued_in_id" not in last or last["issued_in_id"] != document.issued_in_id:
        return
    new = context.period_ids.get(slug) if slug else None
    if new == document.issued_in_id:
        return
    result.issued_in.append(IssuedInChange(
        document_id=document.pk, document_title=document.title,
        before=names["periods"].get(document.issued_in_id, "—"), after=names["periods"].get(new, "—"),
    ))
    if apply:
        document.issued_in_id = new
        document.imported_values["issued_in_id"] = new
        document.save(update_fields=["issued_in", "imported_values", "updated_at"])


def _named(ids: set[int], names: dict[int, str]) -> tuple[str, ...]:
    return tuple(sorted(names.get(pk, f"#{pk}") for pk in ids))


def _excerpt(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
