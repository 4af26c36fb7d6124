"""An editor curates documents through the admin's real pages: metadata, passages, tags,
principles and eras, publishing, drafts and bulk actions."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from documents import editing
from documents.models import Document, Section, Status
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


def test_a_bad_language_code_is_refused(editor_client):
    document = make_document()
    response = edit(editor_client, document, languages="English")
    assert response.status_code == 200
    assert "Not a language code: English" in response.content.decode()


def test_editor_edits_a_passage_and_its_anchor_stays(editor_client):
    document = make_document(sections=["First passage.", "Second passage with a typo teh."])
    second = document.sections.get(position=2)
    page = editor_client.get(change_url(document))
    prefix = passage_prefix(page, second)

    response = edit(editor_client, document, **{f"{prefix}-text": "Second passage with a typo fixed."})

    assert response.status_code == 302
    second_after = Section.objects.get(pk=second.pk)
    assert second_after.text == "Second passage with a typo fixed."
    assert second_after.anchor == second.anchor  # citations keep working


def test_editor_reorders_passages_by_swapping_positions(editor_client):
    document = make_document(sections=["Alpha.", "Beta.", "Gamma."])
    alpha, beta = document.sections.get(position=1), document.sections.get(position=2)
    page = editor_client.get(change_url(document))

    response = edit(editor_client, document, **{f"{passage_prefix(page, alpha)}-position": "2",
                                                f"{passage_prefix(page, beta)}-position": "1"})

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(document.sections.order_by("position").values_list("text", flat=True)) == ["Beta.", "Alpha.", "Gamma."]


def test_two_passages_in_one_position_are_refused(editor_client):
    document = make_document(sections=["Alpha.", "Beta."])
    page = editor_client.get(change_url(document))
    response = edit(editor_client, document, **{f"{passage_prefix(page, document.sections.get(position=2))}-position": "1"})
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()


def test_editor_adds_and_deletes_passages(editor_client, taxonomy):
    document = make_document(sections=["Alpha.", "Beta."])
    page = editor_client.get(change_url(document))
    data = form_data(page, "document_form")
    data["sections-TOTAL_FORMS"] = "3"
    data.update({"sections-2-position": "3", "sections-2-kind": "paragraph", "sections-2-text": "Gamma, new.",
                 "sections-2-speaker": "", "sections-2-themes": [str(taxonomy["hegemonism"].pk)]})
    data[f"{passage_prefix(page, document.sections.get(position=1))}-DELETE"] = "on"

    response = editor_client.post(change_url(document), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(document.sections.order_by("position").values_list("text", flat=True)) == ["Beta.", "Gamma, new."]
    new = document.sections.get(text="Gamma, new.")
    assert new.anchor.startswith("s-")
    assert set(new.editor_themes.all()) == {taxonomy["hegemonism"]}  # an editor's own choice
    assert set(document.themes.all()) == {taxonomy["hegemonism"]}  # the document follows its passages


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


# ---------------------------------------------------------------------------- editors' decisions


def test_decisions_on_a_passage_are_recorded_and_survive_reclassification(editor_client, taxonomy):
    sovereignty, hegemonism, reform = taxonomy["sovereignty"], taxonomy["hegemonism"], taxonomy["reform"]
    document = make_document(sections=["We respect sovereignty.", "A plain passage."], themes=[sovereignty])
    first, second = document.sections.order_by("position")
    page = editor_client.get(change_url(document))
    one, two = passage_prefix(page, first), passage_prefix(page, second)

    # Remove a suggested principle, add another; confirm the (empty) eras of the second passage
    # after adding one.
    response = edit(editor_client, document, **{f"{one}-themes": [str(hegemonism.pk)],
                                                f"{two}-periods": [str(reform.pk)], f"{two}-confirm": "on"})
    assert response.status_code == 302

    assert set(first.themes.all()) == {hegemonism}
    assert set(first.editor_themes.all()) == {hegemonism}
    assert set(first.rejected_themes.all()) == {sovereignty}
    assert set(second.editor_periods.all()) == {reform}
    assert set(second.editor_themes.all()) == {sovereignty}  # confirmed
    # The rules still match "sovereignty" and not "hegemon": the editor's decisions stand.
    editing.reclassify(documents=Document.objects.filter(pk=document.pk), apply=True)
    assert set(first.themes.all()) == {hegemonism}
    assert set(second.themes.all()) == {sovereignty}
    assert set(second.periods.all()) == {reform}
    assert set(document.themes.all()) == {hegemonism, sovereignty}


def test_the_change_form_says_which_choices_are_the_editors(editor_client, taxonomy):
    document = make_document(sections=["Text."])
    section = document.sections.get()
    section.editor_themes.add(taxonomy["hegemonism"])
    section.rejected_periods.add(taxonomy["reform"])
    html = editor_client.get(change_url(document)).content.decode()
    assert "Principles kept: Opposition to hegemonism" in html
    assert "Eras removed: Reform and opening-up" in html


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
    editing.reclassify(documents=Document.objects.filter(pk=document.pk), apply=True)
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
    assert "would change 1 passages" in html
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


# ---------------------------------------------------------------------------- the list


def test_list_shows_the_columns_editors_need(editor_client, taxonomy):
    make_document(title="Bandung speech", source="Xinhua", periods=[taxonomy["founding"]],
                  sections=["a", "b", "c"], published=False)
    html = editor_client.get(CHANGELIST).content.decode()
    for text in ("Bandung speech", "Xinhua", "Founding era", "Draft", "Reference article", '<td class="field-section_count">3</td>'):
        assert text in html


@pytest.mark.parametrize("params, expected", [
    ({"publication": "draft"}, {"draft"}),
    ({"publication": "published"}, {"bandung", "reform", "undated"}),
    ({"doc_type": "speech"}, {"bandung"}),
    ({"era": "founding"}, {"bandung"}),
    ({"era": "reform"}, {"reform", "draft"}),
    ({"principle": "five-principles"}, {"bandung"}),  # a parent includes its members
    ({"principle": "hegemonism"}, set()),
    ({"tag": "bandung"}, {"bandung"}),
    ({"language": "zh"}, {"reform"}),
    ({"year": "1955"}, {"bandung"}),
    ({"year": "none"}, {"undated"}),
    ({"q": "opening"}, {"reform"}),
    ({"issued_on__year": "1955"}, {"bandung"}),
])
def test_filters_and_search(editor_client, taxonomy, params, expected):
    make_document(slug="bandung", title="Bandung", doc_type="speech", issued_on=datetime.date(1955, 4, 19),
                  issued_in=taxonomy["founding"], themes=[taxonomy["sovereignty"]], tags=["Bandung"])
    make_document(slug="reform", title="Reform and opening", issued_on=datetime.date(1982, 9, 1),
                  periods=[taxonomy["reform"]], languages=["en", "zh"])
    make_document(slug="draft", title="A draft", published=False, issued_in=taxonomy["reform"],
                  issued_on=datetime.date(1990, 1, 1))
    make_document(slug="undated", title="Undated", issued_on=None)
    response = editor_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert {d.slug for d in response.context["cl"].result_list} == expected


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


def test_the_change_form_query_count_does_not_grow_with_passages(editor_client, taxonomy):
    def queries_for(passages: int) -> int:
        document = make_document(sections=[f"Passage {n}." for n in range(passages)], tags=["A", "B"],
                                 themes=[taxonomy["sovereignty"], taxonomy["hegemonism"]],
                                 periods=[taxonomy["reform"]])
        for section in document.sections.all():
            section.editor_themes.add(taxonomy["hegemonism"])
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(change_url(document)).status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(40)
