"""An editor sees how each value was obtained and confirms or corrects a guess in one click: the
value becomes the editor's, readers no longer see it marked, and a re-import keeps it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from documents.choices import How
from documents.models import Document, Section, Theme

from .formdata import form_data
from .test_documents import change_url, edit, passage_prefix

pytestmark = pytest.mark.django_db


def _seed(key: str) -> Document:
    return Document.objects.get(import_key__startswith=key)


def test_the_change_form_shows_each_values_provenance_with_confirm_buttons(editor_client, seeded_db):
    document = _seed("002")
    body = editor_client.get(change_url(document)).content.decode()

    table = body.split('<table class="provenance">', 1)[1].split("</table>", 1)[0]
    assert "18th CPC National Congress" in table  # the words the era was inferred from
    assert re.search(r'<button[^>]*name="_confirm"[^>]*value="issued_in"', table)
    assert re.search(r'<button[^>]*name="_confirm"[^>]*value="type"', table)
    assert 'value="title"' not in table  # stated in the source: nothing to confirm
    assert 'name="issuer"' in body and 'name="posted_on"' in body


def test_one_click_confirms_an_inferred_value(editor_client, client, seeded_db):
    document = _seed("002")
    page = editor_client.get(change_url(document))
    data = form_data(page, "document_form")
    data["_confirm"] = "issued_in"  # the button clicked

    response = editor_client.post(change_url(document), data)

    assert response.status_code == 302 and response["Location"] == change_url(document)
    document.refresh_from_db()
    assert document.provenance["issued_in"]["how"] == How.EDITOR
    assert document.provenance["type"]["how"] == How.INFERRED  # only what was confirmed
    row = re.search(r"<dt>Issued in</dt><dd>(.*?)</dd>", client.get(document.get_absolute_url()).content.decode(), re.S)
    assert 'class="inferred"' not in row.group(1)


def test_a_corrected_value_is_the_editors_and_survives_reimport(editor_client, seeded_db):
    document = _seed("003")
    response = edit(editor_client, document, issuer="Ministry of Foreign Affairs")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.provenance["issuer"]["how"] == How.EDITOR

    call_command("import_seeds", verbosity=0)

    document.refresh_from_db()
    assert document.issuer == "Ministry of Foreign Affairs"
    assert document.provenance["issuer"]["how"] == How.EDITOR


def test_an_editors_principle_is_recorded_as_evidence(editor_client, seeded_db):
    document = _seed("002")
    section = document.sections.order_by("position").first()
    principle = Theme.objects.exclude(pk__in=section.themes.values("pk")).first()
    page = editor_client.get(change_url(document))
    prefix = passage_prefix(page, section)
    themes = [str(pk) for pk in section.themes.values_list("pk", flat=True)] + [str(principle.pk)]

    assert edit(editor_client, document, **{f"{prefix}-themes": themes}).status_code == 302

    evidence = Section.objects.get(pk=section.pk).evidence
    assert {"kind": "theme", "slug": principle.slug, "how": "editor", "text": ""} in evidence
    assert any(item["how"] == "rule" for item in evidence)  # the rule's words stay beside it
