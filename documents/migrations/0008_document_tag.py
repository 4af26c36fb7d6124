"""A document's tags through ``DocumentTag``, a real foreign key to the document, instead of
taggit's generic ``TaggedItem`` (a content type and an object id that nothing checks).

The links move, with their ids, from ``taggit_taggeditem`` to ``documents_documenttag``, and the
documents' history follows them: every django-reversion version of a document's ``TaggedItem``
becomes a version of the same ``DocumentTag`` (same id), so that comparing old versions still
shows their tags and reverting to one still restores them. Reversible: backwards, the links and
their versions go back to taggit's table.
"""

import json

import django.db.models.deletion
import taggit.managers
from django.core.management.color import no_style
from django.db import migrations, models

BATCH = 2000


def _content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    document = ContentType.objects.filter(app_label="documents", model="document").first()
    if document is None:  # a new database: nothing was ever tagged
        return None, None, None
    tagged_item, _ = ContentType.objects.get_or_create(app_label="taggit", model="taggeditem")
    document_tag, _ = ContentType.objects.get_or_create(app_label="documents", model="documenttag")
    return document, tagged_item, document_tag


def _reset_sequence(schema_editor, model) -> None:
    """After rows were written with their ids, the next id comes after them (PostgreSQL)."""
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def _versions(apps, content_type):
    Version = apps.get_model("reversion", "Version")
    return Version.objects.filter(content_type=content_type)


def _tag_models(apps):
    return apps.get_model("taggit", "TaggedItem"), apps.get_model("documents", "DocumentTag")


def _copy_links(model, rows, link) -> None:
    """``link(pk, tag_id, document_id)`` written for each of ``rows``, BATCH at a time."""
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create([link(*row) for row in rows[start:start + BATCH]])


def _move_version(version, *, model: str, fields, content_type) -> None:
    """The version made one of ``model`` (``content_type``), each row's fields rewritten by ``fields``."""
    data = json.loads(version.serialized_data)
    for row in data:
        row["model"] = model
        row["fields"] = fields(row["fields"])
    version.serialized_data = json.dumps(data)
    version.content_type = content_type
    version.save(update_fields=["serialized_data", "content_type"])


def forwards(apps, schema_editor):
    document, tagged_item, document_tag = _content_types(apps)
    if document is None:
        return
    TaggedItem, DocumentTag = _tag_models(apps)
    links = TaggedItem.objects.filter(content_type=document).order_by("pk")
    rows = list(links.values_list("pk", "tag_id", "object_id"))
    _copy_links(DocumentTag, rows, lambda pk, tag_id, object_id: DocumentTag(
        pk=pk, tag_id=tag_id, content_object_id=object_id))
    links.delete()
    _reset_sequence(schema_editor, DocumentTag)
    for version in _versions(apps, tagged_item).filter(object_id__in=[str(pk) for pk, _, _ in rows]).iterator():
        data = json.loads(version.serialized_data)
        if any(row["fields"].get("content_type") != document.pk for row in data):
            continue  # another model's tag: not ours to move
        _move_version(version, model="documents.documenttag", content_type=document_tag,
                      fields=lambda f: {"tag": f["tag"], "content_object": f["object_id"]})


def backwards(apps, schema_editor):
    document, tagged_item, document_tag = _content_types(apps)
    if document is None:
        return
    TaggedItem, DocumentTag = _tag_models(apps)
    rows = list(DocumentTag.objects.order_by("pk").values_list("pk", "tag_id", "content_object_id"))
    _copy_links(TaggedItem, rows, lambda pk, tag_id, object_id: TaggedItem(
        pk=pk, tag_id=tag_id, content_type=document, object_id=object_id))
    DocumentTag.objects.all().delete()
    _reset_sequence(schema_editor, TaggedItem)
    for version in _versions(apps, document_tag).iterator():
        _move_version(version, model="taggit.taggeditem", content_type=tagged_item,
                      fields=lambda f: {"tag": f["tag"], "content_type": document.pk, "object_id": f["content_object"]})


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0007_source_url_http_only"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("content_object", models.ForeignKey(help_text="The tagged document.",
                                                     on_delete=django.db.models.deletion.CASCADE,
                                                     related_name="tagged_items", to="documents.document")),
                ("tag", models.ForeignKey(help_text="The tag.", on_delete=django.db.models.deletion.CASCADE,
                                          related_name="document_tags", to="taggit.tag")),
            ],
            options={"ordering": ["pk"]},
        ),
        migrations.AddConstraint(
            model_name="documenttag",
            constraint=models.UniqueConstraint(fields=("content_object", "tag"), name="document_tag_unique"),
        ),
        migrations.AlterField(
            model_name="document",
            name="tags",
            field=taggit.managers.TaggableManager(blank=True, help_text="Free keywords, separated by commas.",
                                                  through="documents.DocumentTag", to="taggit.Tag",
                                                  verbose_name="Tags"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
