"""The document list's sidebar filters (``documents/admin/filters.py``): each narrows the list
to what its name says (status, era issued in or about, a principle with its members, tag,
language, year), and each offers only the values the archive has."""

from __future__ import annotations

import datetime

import pytest
from taggit.models import Tag

from tests.factories import make_document

from .test_documents import CHANGELIST


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


def sidebar(response, title: str) -> list[str]:
    """The choices of one sidebar filter, as the editor reads them."""
    (spec,) = [s for s in response.context["cl"].filter_specs if s.title == title]
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def test_each_filter_offers_only_what_the_archive_has(editor_client, taxonomy):
    make_document(title="Bandung", issued_on=datetime.date(1955, 4, 19), tags=["Bandung"], languages=["en", "fr"])
    make_document(title="Undated", issued_on=None, languages=["zh"])
    make_document(title="Reform", issued_on=datetime.date(1982, 9, 1), tags=["Reform"])
    Tag.objects.create(name="Unused", slug="unused")  # on no document

    response = editor_client.get(CHANGELIST)
    assert sidebar(response, "tag") == ["All", "Bandung", "Reform"]
    assert sidebar(response, "language") == ["All", "en", "fr", "zh"]
    assert sidebar(response, "year issued") == ["All", "1982", "1955", "No date"]
    assert sidebar(response, "era (issued in or about)") == [
        "All", "Founding era (1949–1977)", "Reform and opening-up (1978–2012)"]
    assert sidebar(response, "principle") == [  # members under their parent
        "All", "Five Principles", "— Mutual respect for sovereignty", "— Non-interference",
        "Opposition to hegemonism"]
