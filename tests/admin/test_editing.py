"""The editors' services in documents/editing.py, without the admin around them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from taggit.models import Tag

from documents import editing
from documents.models import Document, Status
from tests.factories import make_document


@pytest.mark.parametrize("before, after, editor, rejected, confirm, editor_after, rejected_after", [
    # suggested {a}; the editor adds b
    ({"a"}, {"a", "b"}, set(), set(), False, {"b"}, set()),
    # suggested {a, b}; the editor removes a
    ({"a", "b"}, {"b"}, set(), set(), False, set(), {"a"}),
    # the editor puts back what they had removed
    ({"b"}, {"a", "b"}, set(), {"a"}, False, {"a"}, set()),
    # the editor removes what they had added
    ({"a", "b"}, {"a"}, {"b"}, set(), False, set(), {"b"}),
    # confirming makes every shown one the editor's
    ({"a", "b"}, {"a", "b"}, set(), {"c"}, True, {"a", "b"}, {"c"}),
])
def test_passage_decisions(taxonomy, before, after, editor, rejected, confirm, editor_after, rejected_after):
    themes = {"a": taxonomy["sovereignty"], "b": taxonomy["interference"], "c": taxonomy["hegemonism"]}
    ids = lambda keys: {themes[k].pk for k in keys}  # noqa: E731
    section = make_document(sections=["Text."], themes=[themes[k] for k in before]).sections.get()
    section.editor_themes.set(ids(editor))
    section.rejected_themes.set(ids(rejected))

    editing.set_passage_taxonomy(section=section, themes=ids(after), periods=[], confirm=confirm)

    assert set(section.themes.values_list("pk", flat=True)) == ids(after)
    assert set(section.editor_themes.values_list("pk", flat=True)) == ids(editor_after)
    assert set(section.rejected_themes.values_list("pk", flat=True)) == ids(rejected_after)


def test_publish_keeps_a_schedule_and_stamps_the_others(editor):
    later = timezone.now() + datetime.timedelta(days=1)
    draft, scheduled, live = (make_document(published=False), make_document(published=False, published_at=later),
                              make_document())
    changed = editing.publish(documents=Document.objects.all(), user=editor)
    assert {d.pk for d in changed} == {draft.pk, scheduled.pk}
    scheduled.refresh_from_db()
    draft.refresh_from_db()
    assert scheduled.published_at == later and scheduled.status == Status.PUBLISHED
    assert draft.published_at <= timezone.now() and draft.edited_by == editor
    assert editing.publish(documents=Document.objects.filter(pk=live.pk)) == []


def test_reclassify_rederives_the_era_issued_in_unless_an_editor_chose_it(taxonomy):
    founding, reform = taxonomy["founding"], taxonomy["reform"]
    imported = make_document(issued_on=datetime.date(1985, 1, 1), issued_in=founding,
                             imported_values={"issued_in_id": founding.pk})
    chosen = make_document(issued_on=datetime.date(1985, 1, 1), issued_in=founding,
                           imported_values={"issued_in_id": reform.pk})
    preview = editing.reclassify(apply=False)
    assert [(c.document_id, c.before, c.after) for c in preview.issued_in] == [
        (imported.pk, "Founding era", "Reform and opening-up")]
    imported.refresh_from_db()
    assert imported.issued_in == founding  # a preview changes nothing
    editing.reclassify(apply=True)
    imported.refresh_from_db()
    chosen.refresh_from_db()
    assert imported.issued_in == reform
    assert chosen.issued_in == founding


def test_merge_tags_leaves_one_link_per_document(db):
    tags = [Tag.objects.create(name=name) for name in ("Hegemony", "hegemony", "HEGEMONY")]
    document = make_document()
    document.tags.add(*tags)
    assert document.tags.count() == 3
    merge = editing.merge_tags(tags=tags, into=tags[0])
    assert merge.document_ids == [document.pk]
    assert [t.name for t in document.tags.all()] == ["Hegemony"]


def test_new_anchor_is_unique_in_the_document(db):
    document = make_document(sections=["Same words."])
    assert editing.new_anchor(document=document, text="Same words.") == document.sections.get().anchor + "-2"
