"""Bulk actions on the document list (``documents/admin/actions.py``): publish, unpublish, add or
remove a tag, assign a principle or an era, re-classify; each asks first where it needs a value,
and leaves one revision per document."""

from __future__ import annotations

import datetime

from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from documents.choices import Status
from documents.editing.reclassifying import reclassify
from documents.models import Document
from tests.factories import make_document

from .formdata import form_data
from .test_documents import CHANGELIST, run_action


def test_bulk_publish_gives_each_document_its_own_revision(editor_client):
    drafts = [make_document(published=False) for _ in range(3)]
    scheduled_time = timezone.now() + datetime.timedelta(days=3)
    scheduled = make_document(published=False, published_at=scheduled_time)

    response = run_action(editor_client, "publish", [*drafts, scheduled])

    assert response.status_code == 302
    for document in [*drafts, scheduled]:
        document.refresh_from_db()
        assert document.status == Status.PUBLISHED
    assert scheduled.published_at == scheduled_time  # a schedule is kept
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Published 4 documents (0 were already published)." in messages
    for document in drafts:
        versions = Version.objects.get_for_object(document)
        assert versions.count() == 2  # as it was, and published
        latest = versions.first()
        documents_in_revision = latest.revision.version_set.filter(content_type__model="document")
        assert list(documents_in_revision.values_list("object_id", flat=True)) == [str(document.pk)]


def test_bulk_unpublish(editor_client):
    documents = [make_document() for _ in range(2)]
    assert run_action(editor_client, "unpublish", documents).status_code == 302
    assert not Document.objects.published().exists()


def test_action_messages_count_one_document_in_the_singular(editor_client):
    draft, published = make_document(published=False), make_document()

    response = run_action(editor_client, "publish", [draft, published])
    assert "Published 1 document (1 was already published)." in [str(m) for m in response.wsgi_request._messages]
    response = run_action(editor_client, "unpublish", [draft])
    assert "Turned 1 document back into a draft." in [str(m) for m in response.wsgi_request._messages]


def test_bulk_add_tag_asks_for_the_tag_then_adds_it(editor_client):
    Tag.objects.create(name="Bandung")
    documents = [make_document(), make_document(tags=["bandung"])]

    page = run_action(editor_client, "add_tag", documents)
    assert page.status_code == 200
    assert "Add this tag to the selected documents" in page.content.decode()
    data = form_data(page)
    data["name"] = "BANDUNG"
    data["apply"] = "Add the tag"
    response = editor_client.post(CHANGELIST, data)

    assert response.status_code == 302
    for document in documents:
        assert [t.name for t in document.tags.all()] == ["Bandung"]


def test_bulk_remove_tag(editor_client):
    documents = [make_document(tags=["Bandung", "Keep"]), make_document(tags=["Bandung"])]
    page = run_action(editor_client, "remove_tag", documents)
    data = form_data(page)
    data["tag"] = str(Tag.objects.get(name="Bandung").pk)
    data["apply"] = "Remove the tag"
    assert editor_client.post(CHANGELIST, data).status_code == 302
    assert [t.name for t in documents[0].tags.all()] == ["Keep"]
    assert not documents[1].tags.exists()


def test_bulk_assign_principle_is_an_editors_decision_on_every_passage(editor_client, taxonomy):
    hegemonism = taxonomy["hegemonism"]
    document = make_document(sections=["One.", "Two."])
    document.sections.get(position=1).rejected_themes.add(hegemonism)

    page = run_action(editor_client, "assign_principle", [document])
    data = form_data(page)
    data.update(theme=str(hegemonism.pk), apply="Assign the principle")
    assert editor_client.post(CHANGELIST, data).status_code == 302

    for section in document.sections.all():
        assert set(section.themes.all()) == {hegemonism}
        assert set(section.editor_themes.all()) == {hegemonism}
        assert not section.rejected_themes.exists()
    assert set(document.themes.all()) == {hegemonism}
    reclassify(documents=Document.objects.filter(pk=document.pk), apply=True)
    assert set(document.themes.all()) == {hegemonism}


def test_bulk_assign_era_also_as_the_era_issued_in(editor_client, taxonomy):
    reform = taxonomy["reform"]
    documents = [make_document(), make_document()]
    page = run_action(editor_client, "assign_era", documents)
    data = form_data(page)
    data.update(period=str(reform.pk), issued_in="on", apply="Assign the era")
    assert editor_client.post(CHANGELIST, data).status_code == 302
    for document in documents:
        document.refresh_from_db()
        assert document.issued_in == reform
        assert set(document.periods.all()) == {reform}
        assert all(set(s.editor_periods.all()) == {reform} for s in document.sections.all())


def test_bulk_reclassify_previews_then_applies(editor_client, taxonomy):
    document = make_document(sections=["We oppose hegemonism.", "Nothing here."])
    untouched = make_document(sections=["Nothing either."])

    page = run_action(editor_client, "reclassify", [document, untouched])
    html = page.content.decode()
    assert page.status_code == 200
    assert "would change 1 passage and" in html
    assert "+ Opposition to hegemonism" in html
    assert not document.themes.exists()  # a preview writes nothing

    data = form_data(page)
    data["apply"] = "Apply these changes"
    response = editor_client.post(CHANGELIST, data)
    assert response.status_code == 302
    assert set(document.sections.get(position=1).themes.all()) == {taxonomy["hegemonism"]}
    assert set(document.themes.all()) == {taxonomy["hegemonism"]}
    assert Version.objects.get_for_object(document).count() == 2
    assert not Version.objects.get_for_object(untouched).exists()  # unchanged: no history entry
