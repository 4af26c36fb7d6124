"""documents/editing/tags.py: tagging, untagging and merging tags, each all or nothing."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from taggit.models import Tag

from documents.editing.tags import add_tag, merge_tags, remove_tag
from documents.models import Document, DocumentTag, TagRedirect
from tests.factories import make_document


def test_add_tag_finds_the_tag_in_any_letter_case_and_reports_who_changed(db):
    tagged, untagged = make_document(tags=["Bandung"]), make_document()
    tag, ids = add_tag(documents=Document.objects.all(), name="  bandung ")
    assert tag.name == "Bandung" and ids == [untagged.pk]
    assert [t.name for t in untagged.tags.all()] == ["Bandung"]
    assert Tag.objects.count() == 1 and tagged.tags.count() == 1


def test_remove_tag_untags_only_the_documents_given(db):
    kept, untagged = make_document(tags=["Bandung"]), make_document(tags=["Bandung"])
    tag = Tag.objects.get()
    assert remove_tag(documents=Document.objects.filter(pk=untagged.pk), tag=tag) == [untagged.pk]
    assert untagged.tags.count() == 0 and kept.tags.count() == 1


@pytest.mark.django_db(transaction=True)
def test_add_tag_is_all_or_nothing():
    """When the database refuses the selection, the tag made for it is not left behind."""
    make_document()
    refused = Document.objects.extra(where=["no_such_column = 1"])
    with pytest.raises(DatabaseError):
        add_tag(documents=refused, name="Brand new")
    assert not Tag.objects.filter(name="Brand new").exists()


def test_merge_tags_leaves_one_link_per_document(db):
    tags = [Tag.objects.create(name=name) for name in ("Hegemony", "hegemony", "HEGEMONY")]
    document = make_document()
    document.tags.add(*tags)
    assert document.tags.count() == 3
    merge = merge_tags(tags=tags, into=tags[0])
    assert merge.document_ids == [document.pk]
    assert [t.name for t in document.tags.all()] == ["Hegemony"]


def test_merge_moves_links_and_old_addresses_to_the_survivor(db):
    a, b = make_document(tags=["Third World"]), make_document(tags=["Developing countries"])
    old, survivor = Tag.objects.get(name="Third World"), Tag.objects.get(name="Developing countries")
    merge = merge_tags(tags=[old], into=survivor)
    assert merge.merged == ["Third World"] and merge.document_ids == [a.pk]
    assert set(DocumentTag.objects.values_list("content_object_id", "tag_id")) == {(a.pk, survivor.pk),
                                                                                  (b.pk, survivor.pk)}
    assert TagRedirect.objects.surviving_slug(old.slug) == survivor.slug
    assert TagRedirect.objects.surviving_slug("no-such-tag") is None
