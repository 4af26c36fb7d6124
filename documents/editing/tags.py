"""Tags: tag and untag documents, merge tags and rename them. A merged or renamed tag's old
address keeps leading to the surviving tag (``TagRedirect``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.text import slugify
from taggit.models import Tag

from ..models import Document, DocumentTag, TagRedirect


def find_or_create_tag(*, name: str) -> Tag:
    """The tag with this name in any letter case, else a new one."""
    name = " ".join(name.split())[:100]
    if not name:
        raise ValueError("A tag needs a name.")
    tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
    return tag or Tag.objects.create(name=name)


@transaction.atomic
def add_tag(*, documents: QuerySet[Document], name: str) -> tuple[Tag, list[int]]:
    """Tag documents; return the tag and the ids of the documents that did not have it."""
    tag = find_or_create_tag(name=name)
    ids = list(
        documents.exclude(Exists(DocumentTag.objects.filter(content_object=OuterRef("pk"), tag=tag)))
        .values_list("pk", flat=True)
    )
    DocumentTag.objects.bulk_create([DocumentTag(content_object_id=pk, tag=tag) for pk in ids], ignore_conflicts=True)
    return tag, ids


@transaction.atomic
def remove_tag(*, documents: QuerySet[Document], tag: Tag) -> list[int]:
    """Untag documents; return the ids of the documents that had the tag."""
    links = DocumentTag.objects.filter(tag=tag, content_object__in=documents.values("pk"))
    ids = list(links.values_list("content_object_id", flat=True))
    links.delete()
    return ids


def document_tag_usage() -> QuerySet[Tag]:
    """Tags with ``uses``: how many documents carry each."""
    return Tag.objects.annotate(uses=Count("document_tags"))


def case_variants(*, tag: Tag) -> QuerySet[Tag]:
    """The tags whose name differs from ``tag``'s only in letter case, ``tag`` included."""
    return Tag.objects.filter(name__iexact=tag.name)


@dataclass
class TagMerge:
    survivor: Tag
    merged: list[str]  # names of the tags merged away
    document_ids: list[int]  # documents whose tags changed


@transaction.atomic
def merge_tags(*, tags: Iterable[Tag], into: Tag) -> TagMerge:
    """Merge ``tags`` into ``into``: every document they tag gets ``into`` instead, they are
    deleted, and their slugs (and older slugs that pointed at them) redirect to ``into``.
    """
    victims = [t for t in tags if t.pk != into.pk]
    if not victims:
        return TagMerge(survivor=into, merged=[], document_ids=[])
    links = DocumentTag.objects.filter(tag__in=victims)
    document_ids = sorted(set(links.values_list("content_object_id", flat=True)))
    same_document = {"content_object": OuterRef("content_object")}
    # Documents that already carry the survivor, or another merged tag with an older link, lose the link.
    links.filter(Exists(DocumentTag.objects.filter(tag=into, **same_document))).delete()
    links.filter(Exists(DocumentTag.objects.filter(tag__in=victims, pk__lt=OuterRef("pk"), **same_document))).delete()
    links.update(tag=into)
    TagRedirect.objects.filter(tag__in=victims).update(tag=into)
    TagRedirect.objects.filter(old_slug=into.slug).delete()
    for victim in victims:
        TagRedirect.objects.update_or_create(old_slug=victim.slug, defaults={"tag": into})
    names = [v.name for v in victims]
    Tag.objects.filter(pk__in=[v.pk for v in victims]).delete()
    return TagMerge(survivor=into, merged=names, document_ids=document_ids)


@transaction.atomic
def merge_case_variants(*, tag: Tag) -> TagMerge:
    """Merge the tags that differ from ``tag`` only in letter case into the most used of them."""
    variants = list(document_tag_usage().filter(name__iexact=tag.name).order_by("-uses", "pk"))
    return merge_tags(tags=variants[1:], into=variants[0])


@transaction.atomic
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
    tag.name, tag.slug = name, slug
    tag.save()
    record_slug_change(tag=tag, old_slug=old_slug)
    return tag


@transaction.atomic
def record_slug_change(*, tag: Tag, old_slug: str | None) -> None:
    """After a tag's slug changed from ``old_slug``, keep the old address working."""
    TagRedirect.objects.filter(old_slug=tag.slug).delete()
    if old_slug and old_slug != tag.slug:
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})
