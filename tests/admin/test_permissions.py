"""Who reaches what, in the style of Django's own admin tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from documents.choices import Status
from documents.models import Document
from documents.roles import EDITORS_GROUP, editor_permission_codenames
from tests.factories import make_document

from .conftest import make_user
from .formdata import form_data
from .test_documents import CHANGELIST, change_url, edit, run_action


@pytest.fixture
def objects(db, editor, taxonomy):
    document = make_document(published=False)
    tag = Tag.objects.create(name="Bandung")
    document.tags.add(tag)
    client = Client()
    client.force_login(editor)
    edit(client, document, title="Edited")
    return {"document": document, "tag": tag, "version": Version.objects.get_for_object(document).first(),
            "theme": taxonomy["hegemonism"], "period": taxonomy["reform"], "editor": editor}


ADMIN_URLS = [
    ("admin:index", lambda o: []),
    ("admin:documents_document_changelist", lambda o: []),
    ("admin:documents_document_add", lambda o: []),
    ("admin:documents_document_change", lambda o: [o["document"].pk]),
    ("admin:documents_document_history", lambda o: [o["document"].pk]),
    ("admin:documents_document_compare", lambda o: [o["document"].pk]),
    ("admin:documents_document_revision", lambda o: [o["document"].pk, o["version"].pk]),
    ("admin:documents_document_preview", lambda o: [o["document"].pk]),
    ("admin:documents_document_import", lambda o: []),
    ("admin:documents_document_delete", lambda o: [o["document"].pk]),
    ("admin:documents_theme_changelist", lambda o: []),
    ("admin:documents_theme_change", lambda o: [o["theme"].pk]),
    ("admin:documents_theme_reclassify", lambda o: [o["theme"].pk]),
    ("admin:documents_period_change", lambda o: [o["period"].pk]),
    ("admin:documents_period_reclassify", lambda o: [o["period"].pk]),
    ("admin:taggit_tag_changelist", lambda o: []),
    ("admin:taggit_tag_change", lambda o: [o["tag"].pk]),
    ("admin:taggit_tag_names", lambda o: []),
    ("admin:autocomplete", lambda o: []),
    ("admin:auth_user_changelist", lambda o: []),
    ("admin:auth_group_changelist", lambda o: []),
]


@pytest.mark.parametrize("name, args", ADMIN_URLS, ids=[name for name, _ in ADMIN_URLS])
@pytest.mark.parametrize("who", ["anonymous", "not staff"])
def test_someone_who_is_not_staff_reaches_no_admin_page(client, objects, name, args, who):
    if who == "not staff":
        # Even with every editor permission: without staff status, no admin.
        user = make_user("member", staff=False, group=EDITORS_GROUP)
        client.force_login(user)
    url = reverse(name, args=args(objects))
    for response in (client.get(url), client.post(url, {"title": "x"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    objects["document"].refresh_from_db()
    assert objects["document"].title == "Edited"


@pytest.mark.parametrize("name", ["admin:auth_user_changelist", "admin:auth_user_add", "admin:auth_group_changelist",
                                  "admin:auth_group_add"])
def test_an_editor_cannot_administer_users_or_groups(editor_client, name):
    assert editor_client.get(reverse(name)).status_code == 403
    assert editor_client.post(reverse(name), {"username": "intruder", "password1": "x", "password2": "x",
                                              "name": "Admins"}).status_code == 403
    assert not User.objects.filter(username="intruder").exists()
    assert not Group.objects.filter(name="Admins").exists()


def test_an_editor_cannot_change_their_own_account_or_group(editor_client, editor):
    group = Group.objects.get(name=EDITORS_GROUP)
    for url in (reverse("admin:auth_user_change", args=[editor.pk]), reverse("admin:auth_group_change", args=[group.pk])):
        assert editor_client.get(url).status_code == 403
        assert editor_client.post(url, {"is_superuser": "on", "name": "Editors"}).status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_the_admin_index_shows_editors_their_models_only(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    for model in ("Documents", "Principles", "Eras", "Tags"):
        assert model in html
    assert "Users" not in html and "Groups" not in html


def test_the_editors_group_has_exactly_the_editor_permissions(db):
    group = Group.objects.get(name=EDITORS_GROUP)
    granted = {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}
    assert granted == set(editor_permission_codenames())
    assert not {app for app, _ in granted} & {"auth", "admin", "contenttypes", "sessions", "reversion"}


def test_without_the_change_permission_a_change_is_forbidden(client, objects):
    viewer = make_user("viewer", perms=("documents.view_document", "documents.view_section"))
    client.force_login(viewer)
    document = objects["document"]
    page = client.get(change_url(document))
    assert page.status_code == 200  # read-only
    assert 'name="title"' not in page.content.decode()
    assert client.post(change_url(document), {"title": "Hacked"}).status_code == 403
    document.refresh_from_db()
    assert document.title == "Edited"


def test_without_the_change_permission_bulk_actions_are_not_offered(client, objects):
    client.force_login(make_user("viewer", perms=("documents.view_document",)))
    document = objects["document"]
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "Publish selected documents" not in page.content.decode()
    run_action(client, "publish", [document])
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_without_any_document_permission_the_list_is_forbidden(client, objects):
    client.force_login(make_user("tagger", perms=("taggit.view_tag",)))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(objects["document"])).status_code == 403
    assert client.get(reverse("admin:documents_document_preview", args=[objects["document"].pk])).status_code == 403


def test_without_the_delete_permission_tags_cannot_be_merged(client, objects):
    other = Tag.objects.create(name="bandung", slug="bandung-2")
    client.force_login(make_user("tag-editor", perms=("taggit.view_tag", "taggit.change_tag")))
    client.post("/admin/taggit/tag/", {"action": "merge_selected", "index": "0",
                                       "_selected_action": [objects["tag"].pk, other.pk]})
    assert Tag.objects.count() == 2


def test_an_editor_can_create_and_delete_documents(editor_client):
    page = editor_client.get(reverse("admin:documents_document_add"))
    data = form_data(page, "document_form")
    data.update(title="A new document", slug="a-new-document", doc_type="speech", date_precision="unknown",
                status="draft")
    assert editor_client.post(reverse("admin:documents_document_add"), data).status_code == 302
    document = Document.objects.get(slug="a-new-document")
    assert Version.objects.get_for_object(document).count() == 1
    response = editor_client.post(reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
