"""An editor works on a document's passages in its change form (``documents/admin/passages.py``):
edits, reorders, adds and deletes them, and decides their principles and eras; the form reads the
taxonomy once, however many passages there are."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.editing.reclassifying import reclassify
from documents.models import Document, Section
from tests.factories import make_document

from .formdata import form_data
from .test_documents import change_url, edit, passage_prefix


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
    reclassify(documents=Document.objects.filter(pk=document.pk), apply=True)
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


def test_a_passage_textarea_is_as_tall_as_its_text(editor_client):
    long_text = "A paragraph of about nineteen hundred characters, as the long history has. " * 25
    document = make_document(sections=["Short.", long_text])
    html = editor_client.get(change_url(document)).content.decode()

    rows = [int(r) for r in re.findall(r'<textarea name="sections-\d+-text" cols="90" rows="(\d+)"', html)]
    assert rows[0] == 4  # a short passage keeps a few lines to type in
    assert rows[1] == -(-len(long_text) // 90) + 1  # every line of the long one shows, and one to spare
    assert 'style="' not in re.search(r"<textarea[^>]*>", html).group(0)
