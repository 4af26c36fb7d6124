"""The editors' forms (``documents/admin/forms.py``): the fields an editor types into (languages,
tag names) and the pages in between that refuse what would go wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from documents.admin.forms import LanguagesField, MergeTagsForm, TagNamesField
from tests.factories import make_document

from .test_documents import edit


def test_a_bad_language_code_is_refused(editor_client):
    document = make_document()
    response = edit(editor_client, document, languages="English")
    assert response.status_code == 200
    assert "Not a language code: English" in response.content.decode()


def test_languages_are_typed_as_a_list_main_language_first_each_once():
    assert LanguagesField(required=False).clean("en, zh-Hant, en") == ["en", "zh-Hant"]


def test_a_tag_typed_twice_in_another_case_is_one_tag():
    names = TagNamesField(required=False).clean(["Bandung", "bandung", "  Belt   and  Road ", "Asia,Africa"])
    assert names == ["Bandung", "Belt and Road", "Asia Africa"]  # a comma never hides inside a tag


def test_a_tag_name_longer_than_the_database_keeps_is_refused():
    with pytest.raises(ValidationError, match="A tag has at most 100 characters"):
        TagNamesField(required=False).clean(["x" * 101])


def test_merging_into_the_name_of_a_tag_not_selected_is_refused(db):
    kept, merged = Tag.objects.create(name="Bandung"), Tag.objects.create(name="Bandung 1955")
    Tag.objects.create(name="Asian-African Conference")
    form = MergeTagsForm({"survivor": str(kept.pk), "name": "asian-african  conference"},
                         tags=Tag.objects.filter(pk__in=[kept.pk, merged.pk]))
    assert not form.is_valid()
    assert form.errors["name"] == ["Another tag is named “Asian-African Conference”; select it too to merge it as well."]
