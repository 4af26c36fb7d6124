"""An editor curates documents through the admin's real pages (``documents/admin/documents.py``):
metadata, tags, the source as imported, publishing in the form, the list and its search, and the
draft preview. Passages, bulk actions, history and the list's filters have test files of their own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from documents.choices import Status
from documents.models import Document, Section
from tests.factories import make_document

from .formdata import form_data

CHANGELIST = "/admin/documents/document/"


def change_url(document: Document) -> str:
    return reverse("admin:documents_document_change", args=[document.pk])


def edit(client, document: Document, **changes):
    """Open the document's change form, change some fields, save; return the response."""
    page = client.get(change_url(document))
    assert page.status_code == 200
    data = form_data(page, "document_form")
    data.update(changes)
    return client.post(change_url(document), data)


def passage_prefix(page, section: Section) -> str:
    data = form_data(page, "document_form")
    for key, value in data.items():
        if key.startswith("sections-") and key.endswith("-id") and value == str(section.pk):
            return key.removesuffix("-id")
    raise AssertionError(f"passage {section.pk} is not in the form")


def run_action(client, action: str, documents, **extra):
    data = {"action": action, "index": "0", "_selected_action": [str(d.pk) for d in documents], **extra}
    return client.post(CHANGELIST, data)


# ---------------------------------------------------------------------------- change form


def test_editor_edits_metadata(editor_client, editor, taxonomy):
    document = make_document(title="Old title", published=False, languages=["en"])

    response = edit(editor_client, document, title="Speech at the Bandung Conference", source="Xinhua",
                    languages="en, zh", summary="Zhou Enlai seeks common ground.", issued_on="1955-04-19",
                    issued_in=str(taxonomy["founding"].pk))

    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.title == "Speech at the Bandung Conference"
    assert document.source == "Xinhua"
    assert document.languages == ["en", "zh"]
    assert document.issued_on == datetime.date(1955, 4, 19)
    assert document.issued_in == taxonomy["founding"]
    assert document.edited_by == editor
    assert LogEntry.objects.filter(object_id=str(document.pk), user=editor).exists()


def test_editor_retags_with_existing_and_new_tags(editor_client):
    Tag.objects.create(name="Non-Alignment")
    document = make_document(tags=["Old tag"])

    response = edit(editor_client, document, tags=["non-alignment", "Bandung 1955"])

    assert response.status_code == 302
    assert sorted(t.name for t in document.tags.all()) == ["Bandung 1955", "Non-Alignment"]
    assert Tag.objects.filter(name__iexact="non-alignment").count() == 1  # the existing tag, not a twin


def test_tag_field_suggests_tag_names(editor_client):
    make_document(tags=["Bandung 1955", "Belt and Road"])
    response = editor_client.get(reverse("admin:taggit_tag_names"), {"term": "band"})
    assert response.json()["results"] == [{"id": "Bandung 1955", "text": "Bandung 1955"}]


def test_raw_source_and_removed_furniture_are_shown_read_only(editor_client):
    document = make_document(raw_text="RAW <b>source</b> text", removed_text=["Share this", "Print"])
    page = editor_client.get(change_url(document))
    html = page.content.decode()
    assert "RAW &lt;b&gt;source&lt;/b&gt; text" in html
    assert "Share this" in html
    assert 'name="raw_text"' not in html

    response = edit(editor_client, document, raw_text="tampered", removed_text="[]")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.raw_text == "RAW <b>source</b> text"
    assert document.removed_text == ["Share this", "Print"]


# ---------------------------------------------------------------------------- publishing


def test_editor_publishes_a_draft_in_the_form(editor_client):
    document = make_document(published=False)
    response = edit(editor_client, document, status="published")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.published_at is not None and document.published_at <= timezone.now()
    assert Document.objects.published().filter(pk=document.pk).exists()


def test_a_future_publication_time_schedules_the_document(editor_client, client):
    document = make_document(published=False)
    later = timezone.localtime(timezone.now() + datetime.timedelta(days=2))
    response = edit(editor_client, document, status="published", published_at_0=later.strftime("%Y-%m-%d"),
                    published_at_1=later.strftime("%H:%M:%S"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Document.objects.published().filter(pk=document.pk).exists()
    assert "Scheduled for" in editor_client.get(CHANGELIST).content.decode()
    assert editor_client.get(CHANGELIST, {"publication": "scheduled"}).context["cl"].result_count == 1
    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------------------- the list


def test_list_shows_the_columns_editors_need(editor_client, taxonomy):
    make_document(title="Bandung speech", source="Xinhua", periods=[taxonomy["founding"]],
                  sections=["a", "b", "c"], published=False)
    html = editor_client.get(CHANGELIST).content.decode()
    for text in ("Bandung speech", "Xinhua", "Founding era", "Draft", "Reference article", '<td class="field-section_count">3</td>'):
        assert text in html


def test_search_reads_the_passages_as_readers_search(editor_client):
    make_document(slug="against", title="Speech at the UN", published=False,
                  sections=["China will never seek hegemony."])
    make_document(slug="other", title="Trade report", sections=["Hegemony is named only in the title of neither."])
    make_document(slug="phrase", title="On principles", sections=["Peaceful coexistence, and five principles."])
    make_document(slug="chinese", title="讲话", sections=["中国永远不称霸，永远不搞扩张。"])

    def found(q: str) -> set[str]:
        response = editor_client.get(CHANGELIST, {"q": q})
        assert response.status_code == 200
        return {d.slug for d in response.context["cl"].result_list}

    assert found("hegemonism") == {"against", "other"}  # stemmed, one word family, drafts included
    assert found("hegemony -trade") == {"against"}
    assert found('"five principles"') == {"phrase"}
    assert found("不稱霸") == {"chinese"}  # Traditional finds Simplified
    assert found("Trade") == {"other"}  # the title, as before


# ---------------------------------------------------------------------------- preview


def test_staff_preview_a_draft_on_the_public_template(editor_client, client, editor):
    document = make_document(title="Unreleased statement", published=False, sections=["Embargoed words."])
    preview = reverse("admin:documents_document_preview", args=[document.pk])

    response = editor_client.get(preview)
    assert response.status_code == 200
    assert "documents/document_detail.html" in [t.name for t in response.templates]
    assert "Embargoed words." in response.content.decode()
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    # "View on site" leads to the preview for a draft, to the public page once published.
    assert preview in editor_client.get(change_url(document)).content.decode()

    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(preview).status_code == 302  # to the login page
