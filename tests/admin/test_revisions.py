"""History (``documents/admin/revisions.py``): every change is recorded with who and when; an
editor reaches the differences between two versions and reverts to an earlier one; a deleted
document can be recovered; history and revert respect permissions."""

from __future__ import annotations

from django.urls import reverse
from reversion.models import Version

from documents.models import Document
from tests.factories import make_document

from .conftest import make_user
from .formdata import form_data
from .test_documents import change_url, edit, passage_prefix
from .test_history import compare_url, heavy_edit, history_url, revision_url


def test_every_save_is_recorded_with_who_and_when(editor_client, editor):
    document = make_document(title="Original title", sections=["Alpha.", "Beta.", "Gamma."], tags=["Old tag"])
    heavy_edit(editor_client, document)

    versions = list(Version.objects.get_for_object(document).select_related("revision"))
    assert len(versions) == 2
    latest, baseline = versions
    assert latest.revision.user == editor
    assert "Changed Title and Tags" in latest.revision.get_comment()
    assert baseline.revision.user is None  # the state before the first admin change
    assert baseline.field_dict["title"] == "Original title"

    html = editor_client.get(history_url(document)).content.decode()
    assert "editor" in html and "Changed Title and Tags" in html
    assert revision_url(document, baseline) in html


def test_compare_without_two_versions_goes_back_to_the_history(editor_client):
    document = make_document()
    response = editor_client.get(compare_url(document))
    assert response.status_code == 302
    assert response["Location"] == history_url(document)


def test_editor_reverts_to_an_earlier_version(editor_client, editor):
    document = make_document(title="Original title", sections=["Alpha.", "Beta.", "Gamma."], tags=["Old tag"])
    heavy_edit(editor_client, document)
    baseline = Version.objects.get_for_object(document).last()

    page = editor_client.get(revision_url(document, baseline))
    assert page.status_code == 200
    document.refresh_from_db()
    assert document.title == "Revised title"  # looking at an old version changes nothing
    response = editor_client.post(revision_url(document, baseline), form_data(page, "document_form"))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert any("Reverted to the version of" in str(m) for m in response.wsgi_request._messages)
    document.refresh_from_db()
    assert document.title == "Original title"
    assert list(document.sections.order_by("position").values_list("text", flat=True)) == ["Alpha.", "Beta.", "Gamma."]
    assert [t.name for t in document.tags.all()] == ["Old tag"]
    latest = Version.objects.get_for_object(document).first()
    assert latest.revision.user == editor
    assert latest.revision.get_comment().startswith("Reverted to previous version")


def test_revert_restores_passage_decisions(editor_client, taxonomy):
    document = make_document(sections=["We respect sovereignty."], themes=[taxonomy["sovereignty"]])
    section = document.sections.get()
    page = editor_client.get(change_url(document))
    assert edit(editor_client, document, **{f"{passage_prefix(page, section)}-themes": []}).status_code == 302
    assert set(section.rejected_themes.all()) == {taxonomy["sovereignty"]}

    baseline = Version.objects.get_for_object(document).last()
    page = editor_client.get(revision_url(document, baseline))
    assert editor_client.post(revision_url(document, baseline), form_data(page, "document_form")).status_code == 302
    assert set(section.themes.all()) == {taxonomy["sovereignty"]}
    assert not section.rejected_themes.exists()
    assert set(document.themes.all()) == {taxonomy["sovereignty"]}


def test_a_viewer_sees_history_but_cannot_revert(client, editor_client):
    document = make_document(title="Original title", sections=["Alpha.", "Beta.", "Gamma."])
    heavy_edit(editor_client, document)
    latest, baseline = Version.objects.get_for_object(document)
    viewer = make_user("viewer", perms=("documents.view_document", "documents.view_section"))
    client.force_login(viewer)

    assert client.get(history_url(document)).status_code == 200
    assert client.get(compare_url(document), {"from": baseline.pk, "to": latest.pk}).status_code == 200
    page = client.get(revision_url(document, baseline))
    assert page.status_code == 200
    assert "Revert to the older version" not in client.get(
        compare_url(document), {"from": baseline.pk, "to": latest.pk}).content.decode()

    response = client.post(revision_url(document, baseline), form_data(page, "document_form"))

    assert response.status_code == 403
    document.refresh_from_db()
    assert document.title == "Revised title"
    assert document.sections.count() == 2


def test_without_permission_there_is_no_history(client, editor_client):
    document = make_document(sections=["Alpha.", "Beta.", "Gamma."])
    heavy_edit(editor_client, document)
    latest, baseline = Version.objects.get_for_object(document)
    client.force_login(make_user("stranger", perms=("documents.view_theme",)))

    assert client.get(history_url(document)).status_code == 403
    assert client.get(compare_url(document), {"from": baseline.pk, "to": latest.pk}).status_code == 403
    assert client.get(revision_url(document, baseline)).status_code == 403
    assert client.post(revision_url(document, baseline), {}).status_code == 403
    document.refresh_from_db()
    assert document.title == "Revised title"


def test_a_deleted_document_can_be_recovered(editor_client):
    document = make_document(title="Deleted by mistake", summary="Summary.", sections=["Alpha.", "Beta."],
                             tags=["Kept"])
    pk = document.pk  # never edited in the admin: it gets a version as it is deleted
    assert editor_client.post(reverse("admin:documents_document_delete", args=[pk]), {"post": "yes"}).status_code == 302
    recover_list = editor_client.get(reverse("admin:documents_document_recoverlist"))
    assert "Deleted by mistake" in recover_list.content.decode()
    version = Version.objects.get_deleted(Document).get(object_id=str(pk))
    page = editor_client.get(reverse("admin:documents_document_recover", args=[version.pk]))
    response = editor_client.post(reverse("admin:documents_document_recover", args=[version.pk]),
                                  form_data(page, "document_form"))
    assert response.status_code == 302
    recovered = Document.objects.get(pk=pk)
    assert recovered.summary == "Summary."
    assert list(recovered.sections.values_list("text", flat=True)) == ["Alpha.", "Beta."]
    assert [t.name for t in recovered.tags.all()] == ["Kept"]
