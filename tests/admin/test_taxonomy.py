"""Principles and eras: hierarchy, match rules, passage counts, and the re-classification
preview that follows a change of rules."""

from __future__ import annotations

from django.urls import reverse

from documents.models import Document, Theme
from tests.factories import make_document

from .formdata import form_data


def change_url(obj) -> str:
    return reverse(f"admin:documents_{obj._meta.model_name}_change", args=[obj.pk])


def test_principles_are_listed_as_a_tree_with_counts(editor_client, taxonomy):
    make_document(sections=["a", "b"], themes=[taxonomy["sovereignty"]])
    response = editor_client.get("/admin/documents/theme/")
    rows = [(theme.parent_id is not None, theme.name, theme.passage_count, theme.document_count)
            for theme in response.context["cl"].result_list]
    assert rows == [
        (False, "Five Principles", 0, 0),
        (True, "Mutual respect for sovereignty", 2, 1),
        (True, "Non-interference", 0, 0),
        (False, "Opposition to hegemonism", 0, 0),
    ]
    assert "— Non-interference" in response.content.decode()


def test_eras_are_listed_with_counts(editor_client, taxonomy):
    make_document(sections=["a"], periods=[taxonomy["reform"]], issued_in=taxonomy["reform"])
    response = editor_client.get("/admin/documents/period/")
    rows = {p.slug: (p.issued_count, p.passage_count) for p in response.context["cl"].result_list}
    assert rows == {"founding": (0, 0), "reform": (1, 1)}


def test_changing_rules_leads_to_a_preview_that_applies_on_request(editor_client, taxonomy):
    interference = taxonomy["interference"]
    document = make_document(sections=["No meddling in the domestic politics of others.", "Unrelated."])
    decided = make_document(sections=["Meddling is wrong."])
    decided.sections.get().rejected_themes.add(interference)  # an editor said no

    data = form_data(editor_client.get(change_url(interference)), "theme_form")
    data["rules"] = "internal affairs\nmeddling"
    response = editor_client.post(change_url(interference), data)

    preview_url = reverse("admin:documents_theme_reclassify", args=[interference.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    interference.refresh_from_db()
    assert interference.rules == ["internal affairs", "meddling"]
    preview = editor_client.get(preview_url)
    html = preview.content.decode()
    assert "would change 1 passage and" in html
    assert "No meddling in the domestic politics" in html and "+ Non-interference" in html
    assert not document.themes.exists()  # nothing applied yet

    applied = editor_client.post(preview_url)

    assert applied.status_code == 302 and applied["Location"] == change_url(interference)
    assert set(document.sections.get(position=1).themes.all()) == {interference}
    assert set(document.themes.all()) == {interference}
    assert not decided.sections.get().themes.exists()  # the editor's decision stands


def test_saving_without_changing_rules_goes_back_to_the_list(editor_client, taxonomy):
    theme = taxonomy["hegemonism"]
    data = form_data(editor_client.get(change_url(theme)), "theme_form")
    data["description"] = "Opposing any power that seeks domination."
    response = editor_client.post(change_url(theme), data)
    assert response["Location"] == "/admin/documents/theme/"


def test_changing_era_cues_also_offers_the_preview(editor_client, taxonomy):
    reform = taxonomy["reform"]
    data = form_data(editor_client.get(change_url(reform)), "period_form")
    data["cues"] = "reform and opening-up\nsocialist modernization"
    response = editor_client.post(change_url(reform), data)
    assert response["Location"] == reverse("admin:documents_period_reclassify", args=[reform.pk])


def test_a_rule_the_importer_cannot_use_is_refused(editor_client, taxonomy):
    theme = taxonomy["hegemonism"]
    data = form_data(editor_client.get(change_url(theme)), "theme_form")
    data["rules"] = "re:(unclosed\nre:(captured)\nre:a*"
    response = editor_client.post(change_url(theme), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a valid regular expression" in html
    assert "must not contain capturing groups" in html
    assert "can match an empty text" in html


def test_a_principle_cannot_be_placed_under_its_own_member(editor_client, taxonomy):
    five = taxonomy["five"]
    data = form_data(editor_client.get(change_url(five)), "theme_form")
    data["parent"] = str(taxonomy["sovereignty"].pk)
    response = editor_client.post(change_url(five), data)
    assert response.status_code == 200
    assert "cannot be placed under itself" in response.content.decode()
    assert Theme.objects.get(pk=five.pk).parent is None


def test_passage_principles_are_found_by_autocomplete(editor_client, taxonomy):
    response = editor_client.get(reverse("admin:autocomplete"), {
        "term": "hegem", "app_label": "documents", "model_name": "section", "field_name": "themes"})
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Opposition to hegemonism"]


def test_the_preview_needs_the_right_to_change_documents_to_apply(client, taxonomy):
    from .conftest import make_user

    client.force_login(make_user("reader", perms=("documents.view_theme", "documents.view_document")))
    url = reverse("admin:documents_theme_reclassify", args=[taxonomy["hegemonism"].pk])
    assert client.get(url).status_code == 200
    assert "Apply these changes" not in client.get(url).content.decode()
    make_document(sections=["Hegemonism must be opposed."])
    assert client.post(url).status_code == 403
    assert not Document.themes.through.objects.exists()


def test_the_admin_index_uses_the_sites_words(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert ">Eras<" in html and ">Principles<" in html
    assert 'title="Models in the Tags application">Tags<' in html
    assert ">Periods<" not in html and ">Themes<" not in html and ">Taggit<" not in html
