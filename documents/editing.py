"""What editors do to the archive, as plain functions the admin calls.

The rules live here, not in the admin: publishing keeps a scheduled time; a principle
or era an editor adds, confirms or removes on a passage is recorded as the editor's
decision, which re-classification and re-import never overturn (the same rule as
``importing.saving._effective``); re-classification can be previewed before it is
applied; a merged or renamed tag's old address keeps pointing at the surviving tag;
and every change to a document is kept in its history (django-reversion), one
revision per document so that reverting one never reverts another.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from .importing.saving import _editor_decisions, _effective, refresh_document_taxonomy, section_anchor
from .importing.types import ParsedSection
from .models import Document, Period, Section, Status, TagRedirect, Theme

# Positions are moved this far out of the way while passages are reordered, so that
# the rule "one passage per position in a document" holds after every single UPDATE.
POSITION_OFFSET = 1_000_000


# --------------------------------------------------------------------------- history


def record_versions(*, documents: Iterable[Document], user=None, comment: str) -> None:
    """Save the current state of each document (with its passages and tags) in its history.

    One revision per document: reverting a document to it never touches another one.
    """
    for document in documents:
        with reversion.create_revision(manage_manually=True):
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(comment)
            reversion.add_to_revision(document)


def ensure_baseline_versions(*, documents: Iterable[Document]) -> None:
    """Give every document that has no history yet a first version of how it is now.

    Documents imported from the command line have no history; without this, an editor's
    first change could not be reverted.
    """
    documents = list(documents)
    if not documents:
        return
    known = set(
        Version.objects.get_for_model(Document)
        .filter(object_id__in=[str(d.pk) for d in documents])
        .values_list("object_id", flat=True)
    )
    record_versions(
        documents=[d for d in documents if str(d.pk) not in known],
        comment="The document as it was before its first change in the admin.",
    )


# --------------------------------------------------------------------------- publishing


def publish(*, documents: QuerySet[Document], user=None, at: datetime.datetime | None = None) -> list[Document]:
    """Publish documents; return those that changed.

    ``at`` schedules them (a future time keeps them hidden until then). Without it, a
    document that already has a publication time keeps it, and one without gets now.
    """
    now = timezone.now()
    changed = []
    for document in documents.select_for_update():
        when = at or document.published_at or now
        if document.status == Status.PUBLISHED and document.published_at == when:
            continue
        document.status, document.published_at = Status.PUBLISHED, when
        changed.append(document)
    _save_status(changed, user=user, now=now)
    return changed


def unpublish(*, documents: QuerySet[Document], user=None) -> list[Document]:
    """Turn published documents back into drafts; return those that changed."""
    changed = []
    for document in documents.select_for_update().exclude(status=Status.DRAFT):
        document.status = Status.DRAFT
        changed.append(document)
    _save_status(changed, user=user, now=timezone.now())
    return changed


def _save_status(documents: list[Document], *, user, now) -> None:
    for document in documents:
        document.updated_at = now
        document.edited_by = user if user is not None and user.pk else document.edited_by
    Document.objects.bulk_update(documents, ["status", "published_at", "updated_at", "edited_by"])


# --------------------------------------------------------------------------- tags


def find_or_create_tag(name: str) -> Tag:
    """The tag with this name in any letter case, else a new one."""
    name = " ".join(name.split())[:100]
    if not name:
        raise ValueError("A tag needs a name.")
    tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
    return tag or Tag.objects.create(name=name)


def add_tag(*, documents: QuerySet[Document], name: str) -> tuple[Tag, list[int]]:
    """Tag documents; return the tag and the ids of the documents that did not have it."""
    tag = find_or_create_tag(name)
    content_type = ContentType.objects.get_for_model(Document)
    ids = list(
        documents.exclude(
            Exists(TaggedItem.objects.filter(content_type=content_type, object_id=OuterRef("pk"), tag=tag))
        ).values_list("pk", flat=True)
    )
    TaggedItem.objects.bulk_create(
        [TaggedItem(content_type=content_type, object_id=pk, tag=tag) for pk in ids], ignore_conflicts=True
    )
    return tag, ids


def remove_tag(*, documents: QuerySet[Document], tag: Tag) -> list[int]:
    """Untag documents; return the ids of the documents that had the tag."""
    items = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Document), tag=tag, object_id__in=documents.values("pk")
    )
    ids = list(items.values_list("object_id", flat=True))
    items.delete()
    return ids


def document_tag_usage() -> QuerySet[Tag]:
    """Tags with ``uses``: how many documents carry each."""
    content_type = ContentType.objects.get_for_model(Document)
    return Tag.objects.annotate(
        uses=Count("taggit_taggeditem_items", filter=Q(taggit_taggeditem_items__content_type=content_type))
    )


def case_variants(tag: Tag) -> QuerySet[Tag]:
    """The tags whose name differs from ``tag``'s only in letter case, ``tag`` included."""
    return Tag.objects.filter(name__iexact=tag.name)


@dataclass
class TagMerge:
    survivor: Tag
    merged: list[str]  # names of the tags merged away
    document_ids: list[int]  # documents whose tags changed


def merge_tags(*, tags: Iterable[Tag], into: Tag) -> TagMerge:
    """Merge ``tags`` into ``into``: every item they tag gets ``into`` instead, they are
    deleted, and their slugs (and older slugs that pointed at them) redirect to ``into``.
    """
    victims = [t for t in tags if t.pk != into.pk]
    if not victims:
        return TagMerge(survivor=into, merged=[], document_ids=[])
    content_type = ContentType.objects.get_for_model(Document)
    with transaction.atomic():
        items = TaggedItem.objects.filter(tag__in=victims)
        document_ids = sorted(set(items.filter(content_type=content_type).values_list("object_id", flat=True)))
        same_object = {"content_type": OuterRef("content_type"), "object_id": OuterRef("object_id")}
        # Objects that already carry the survivor, or another merged tag with an older link, lose the link.
        items.filter(Exists(TaggedItem.objects.filter(tag=into, **same_object))).delete()
        items.filter(
            Exists(TaggedItem.objects.filter(tag__in=victims, pk__lt=OuterRef("pk"), **same_object))
        ).delete()
        items.update(tag=into)
        TagRedirect.objects.filter(tag__in=victims).update(tag=into)
        TagRedirect.objects.filter(old_slug=into.slug).delete()
        for victim in victims:
            TagRedirect.objects.update_or_create(old_slug=victim.slug, defaults={"tag": into})
        names = [v.name for v in victims]
        Tag.objects.filter(pk__in=[v.pk for v in victims]).delete()
    return TagMerge(survivor=into, merged=names, document_ids=document_ids)


def merge_case_variants(*, tag: Tag) -> TagMerge:
    """Merge the tags that differ from ``tag`` only in letter case into the most used of them."""
    variants = list(document_tag_usage().filter(name__iexact=tag.name).order_by("-uses", "pk"))
    return merge_tags(tags=variants[1:], into=variants[0])


def rename_tag(*, tag: Tag, name: str, slug: str = "") -> Tag:
    """Rename a tag (its slug follows the name unless given); the old slug redirects to it."""
    name = " ".join(name.split())
    if not slug:
        base = slugify(name, allow_unicode=True)[:90] or "tag"
        slug, n = base, 1
        while Tag.objects.filter(slug=slug).exclude(pk=tag.pk).exists():
            n += 1
            slug = f"{base}-{n}"
    old_slug = Tag.objects.filter(pk=tag.pk).values_list("slug", flat=True).first()
    with transaction.atomic():
        tag.name, tag.slug = name, slug
        tag.save()
        record_slug_change(tag=tag, old_slug=old_slug)
    return tag


def record_slug_change(*, tag: Tag, old_slug: str | None) -> None:
    """After a tag's slug changed from ``old_slug``, keep the old address working."""
    TagRedirect.objects.filter(old_slug=tag.slug).delete()
    if old_slug and old_slug != tag.slug:
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})


def surviving_tag_slug(slug: str) -> str | None:
    """The slug of the tag that a merged or renamed tag's ``slug`` now means, if any.

    For the reader's tag page: when no tag has ``slug``, redirect to this one.
    """
    return TagRedirect.objects.filter(old_slug=slug).values_list("tag__slug", flat=True).first()


# --------------------------------------------------------------------------- passages


def make_room_for_positions(*, section_ids: Iterable[int]) -> None:
    """Move passages out of the position range so a reordering can be saved row by row."""
    ids = list(section_ids)
    if ids:
        Section.objects.filter(pk__in=ids, position__lt=POSITION_OFFSET).update(
            position=F("position") + POSITION_OFFSET
        )


def new_anchor(*, document: Document, text: str) -> str:
    """A citation anchor for a passage an editor adds: from its words, unique in the document."""
    base = section_anchor(text)
    taken = set(document.sections.filter(anchor__startswith=base).values_list("anchor", flat=True))
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    return anchor


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
    refresh_document_taxonomy(section.document)


def assign_theme(*, documents: QuerySet[Document], theme: Theme) -> list[int]:
    """Give every passage of the documents ``theme`` as an editor's decision.

    Returns the ids of the documents that did not yet state it on every passage.
    """
    return _assign(documents=documents, target=theme, kind="themes")


def assign_period(*, documents: QuerySet[Document], period: Period, issued_in: bool = False) -> list[int]:
    """Give every passage of the documents ``period`` as an editor's decision.

    With ``issued_in``, it also becomes the era the documents were issued in (an
    editor's value, which a re-import keeps).
    """
    changed = set(_assign(documents=documents, target=period, kind="periods"))
    if issued_in:
        ids = list(documents.exclude(issued_in=period).values_list("pk", flat=True))
        Document.objects.filter(pk__in=ids).update(issued_in=period, updated_at=timezone.now())
        changed.update(ids)
    return sorted(changed)


def _assign(*, documents: QuerySet[Document], target, kind: str) -> list[int]:
    column = "theme_id" if kind == "themes" else "period_id"
    sections = Section.objects.filter(document__in=documents.values("pk"))
    effective = getattr(Section, kind).through
    editor = getattr(Section, f"editor_{kind}").through
    rejected = getattr(Section, f"rejected_{kind}").through
    with transaction.atomic():
        missing = sections.exclude(
            Exists(effective.objects.filter(section_id=OuterRef("pk"), **{column: target.pk}))
        )
        changed = sorted(set(missing.values_list("document_id", flat=True)))
        rows = list(sections.values_list("pk", flat=True))
        for through in (effective, editor):
            through.objects.bulk_create(
                [through(section_id=pk, **{column: target.pk}) for pk in rows], ignore_conflicts=True
            )
        rejected.objects.filter(section_id__in=rows, **{column: target.pk}).delete()
        getattr(Document, kind).through.objects.bulk_create(
            [getattr(Document, kind).through(document_id=pk, **{column: target.pk}) for pk in changed],
            ignore_conflicts=True,
        )
        Document.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    return changed


# --------------------------------------------------------------------------- re-classification


@dataclass(frozen=True)
class PassageChange:
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
    passages: list[PassageChange] = field(default_factory=list)
    issued_in: list[IssuedInChange] = field(default_factory=list)

    @property
    def document_ids(self) -> list[int]:
        return sorted({c.document_id for c in self.passages} | {c.document_id for c in self.issued_in})

    def __str__(self) -> str:
        verb = "changed" if self.applied else "would change"
        return (f"Re-classification {verb} {len(self.passages)} passages and the issue era of "
                f"{len(self.issued_in)} documents, in {len(self.document_ids)} of "
                f"{self.documents_checked} documents checked")


def reclassify(*, documents: QuerySet[Document] | None = None, apply: bool, context=None,
               chunk_size: int = 200) -> Reclassification:
    """Run the classifier again over documents' passages with the current taxonomy.

    An editor's decisions stay as they are: a passage shows the editor's principles and
    eras plus the classifier's suggestions the editor did not reject. Nothing is written
    unless ``apply``; the result lists every change either way.
    """
    from .importing.classifying import classify
    from .importing.pipeline import ImportContext

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
    decisions = _editor_decisions(section_ids)
    ids = {"themes": context.theme_ids, "periods": context.period_ids}

    writes = {"themes": ([], []), "periods": ([], [])}  # (links to add, links to remove)
    changed_documents = set()
    for document in documents:
        rows = sections.get(document.pk, [])
        if rows:
            parsed = [ParsedSection(kind=r["kind"], text=r["text"], speaker=r["speaker"]) for r in rows]
            classification = classify(sections=parsed, date=document.issued_on, taxonomy=context.compiled)
            suggested = {"themes": classification.section_themes, "periods": classification.section_periods}
            for index, row in enumerate(rows):
                d = decisions.get(row["pk"], {})
                delta = {}
                for kind in ("themes", "periods"):
                    auto = {ids[kind][slug] for slug in suggested[kind][index] if slug in ids[kind]}
                    after = _effective(auto, d.get(f"editor_{kind}", set()), d.get(f"rejected_{kind}", set()))
                    before = current[kind][row["pk"]]
                    delta[kind] = (after - before, before - after)
                    writes[kind][0].extend((row["pk"], pk) for pk in after - before)
                    writes[kind][1].extend((row["pk"], pk) for pk in before - after)
                if any(added or removed for added, removed in delta.values()):
                    changed_documents.add(document.pk)
                    result.passages.append(PassageChange(
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
    for document in documents:
        if document.pk in changed_documents:
            refresh_document_taxonomy(document)


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
