"""documents/models.py: what is stored. Here: the tags' link table and its migration (0008)."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from taggit.models import Tag

from documents.models import Document, DocumentTag, Period, Section, Theme
from tests.factories import make_document

BEFORE = [("documents", "0007_source_url_http_only")]
AFTER = [("documents", "0008_document_tag")]


def test_tags_are_links_to_the_document(db):
    document = make_document(tags=["Bandung", "Non-alignment"])
    assert sorted(t.name for t in document.tags.all()) == ["Bandung", "Non-alignment"]
    assert set(DocumentTag.objects.values_list("content_object_id", flat=True)) == {document.pk}
    assert [d.pk for d in Document.objects.filter(tags__name="Bandung")] == [document.pk]
    with pytest.raises(IntegrityError):
        DocumentTag.objects.create(content_object=document, tag=Tag.objects.get(name="Bandung"))


def test_deleting_a_document_deletes_its_tag_links(db):
    document = make_document(tags=["Bandung"])
    document.delete()
    assert not DocumentTag.objects.exists()
    assert Tag.objects.filter(name="Bandung").exists()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor._create_project_state(with_applied_migrations=True).apps


@pytest.mark.django_db(transaction=True)
def test_migration_moves_the_links_and_their_history():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = _migrate(BEFORE)
        content_type = apps.get_model("contenttypes", "ContentType")
        document_type, _ = content_type.objects.get_or_create(app_label="documents", model="document")
        item_type, _ = content_type.objects.get_or_create(app_label="taggit", model="taggeditem")
        document = apps.get_model("documents", "Document").objects.create(title="Bandung", slug="bandung")
        tag = apps.get_model("taggit", "Tag").objects.create(name="Asia", slug="asia")
        item = apps.get_model("taggit", "TaggedItem").objects.create(tag=tag, content_type=document_type,
                                                                     object_id=document.pk)
        revision = apps.get_model("reversion", "Revision").objects.create(comment="Before 0008",
                                                                       date_created=timezone.now())
        apps.get_model("reversion", "Version").objects.create(
            revision=revision, object_id=str(item.pk), content_type=item_type, db="default", format="json",
            object_repr="link", serialized_data=json.dumps([{"model": "taggit.taggeditem", "pk": item.pk, "fields": {
                "tag": tag.pk, "content_type": document_type.pk, "object_id": document.pk}}]))

        apps = _migrate(AFTER)
        links = apps.get_model("documents", "DocumentTag").objects.all()
        assert [(link.pk, link.tag_id, link.content_object_id) for link in links] == [(item.pk, tag.pk, document.pk)]
        assert not apps.get_model("taggit", "TaggedItem").objects.exists()
        version = apps.get_model("reversion", "Version").objects.get()
        assert version.content_type.model == "documenttag"
        assert json.loads(version.serialized_data)[0]["fields"] == {"tag": tag.pk, "content_object": document.pk}

        apps = _migrate(BEFORE)  # and back
        items = apps.get_model("taggit", "TaggedItem").objects.all()
        assert [(i.pk, i.tag_id, i.object_id, i.content_type_id) for i in items] == [
            (item.pk, tag.pk, document.pk, document_type.pk)]
        assert apps.get_model("reversion", "Version").objects.get().content_type_id == item_type.pk
    finally:
        _migrate(latest)


@pytest.mark.parametrize("model, singular, plural", [(Period, "era", "eras"), (Theme, "principle", "principles"),
                                                     (Section, "passage", "passages")])
def test_models_are_named_in_the_sites_words(model, singular, plural):
    assert (model._meta.verbose_name, model._meta.verbose_name_plural) == (singular, plural)


def test_a_passages_anchor_follows_its_words_not_their_spacing_or_its_position():
    anchor = Section.anchor_of("China will never seek hegemony.")

    assert anchor == Section.anchor_of("  China will never\nseek   hegemony. ")
    assert anchor != Section.anchor_of("China will never seek hegemony!")
    assert anchor.startswith("s-") and len(anchor) == 10
