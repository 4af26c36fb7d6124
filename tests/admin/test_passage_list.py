"""The passage list: editors find passages across documents (search, principle, era, document,
status, decided or not) and accept or reject a suggested principle or era in bulk, as their own
decision, which re-classification keeps. A fixed number of queries whatever the page size, with
10,000 documents."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from documents.editing.reclassifying import reclassify
from documents.models import Document, Section
from tests.factories import make_document

from .formdata import form_data

LIST = "/admin/documents/section/"


def rows(response) -> list[str]:
    """The text of each row of the list's results."""
    table = re.search(r'<table id="result_list">(.*?)</table>', response.content.decode(), re.S)
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S).group(1) if table else ""
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def run(client, action: str, sections, **extra):
    data = {"action": action, "index": "0", "_selected_action": [str(s.pk) for s in sections], **extra}
    return client.post(LIST, data)


def decide(client, action: str, sections, target, submit: str):
    page = run(client, action, sections)
    assert page.status_code == 200, page.content[:500]
    data = form_data(page)
    data.update(target=str(target.pk), apply=submit)
    return client.post(LIST, data)


@pytest.fixture
def passages(db, taxonomy):
    """Two documents; the classifier suggested "Non-interference" on three passages of them."""
    interference, reform = taxonomy["interference"], taxonomy["reform"]
    first = make_document(title="On internal affairs", slug="on-internal-affairs",
                          sections=["No state may meddle in internal affairs.", "Trade grew.",
                                    "Internal affairs are each nation's own."])
    second = make_document(title="Draft on sovereignty", slug="draft-on-sovereignty", published=False,
                           sections=["Reform and opening-up and internal affairs."])
    for section in Section.objects.filter(text__icontains="internal affairs"):
        section.themes.add(interference)
        section.evidence = [{"kind": "theme", "slug": "non-interference", "how": "rule", "text": "internal affairs",
                             "start": 0, "end": 16}]
        section.save()
    second.sections.get().periods.add(reform)
    Document.themes.through.objects.bulk_create([Document.themes.through(document=d, theme=interference)
                                                 for d in (first, second)])
    return {"first": first, "second": second, "interference": interference, "reform": reform}


def test_the_list_shows_each_passage_with_its_document_and_suggestions(editor_client, passages):
    response = editor_client.get(LIST)
    assert response.status_code == 200
    listed = rows(response)
    assert len(listed) == 4
    meddle = next(r for r in listed if "meddle" in r)
    assert "On internal affairs" in meddle and "Non-interference (suggested)" in meddle


@pytest.mark.parametrize("params, expected", [
    ({"principle": "five-principles"}, 3),  # a parent includes its members
    ({"principle": "non-interference"}, 3),
    ({"era": "reform"}, 1),
    ({"publication": "draft"}, 1),
    ({"q": "meddle"}, 1),
    ({"decided": "no"}, 4),
    ({"decided": "yes"}, 0),
])
def test_filters_and_search_narrow_the_list(editor_client, passages, params, expected):
    assert len(rows(editor_client.get(LIST, params))) == expected


def test_a_documents_passages_and_malformed_filters(editor_client, passages):
    first = passages["first"]
    response = editor_client.get(LIST, {"document": str(first.pk)})
    assert len(rows(response)) == 3 and "On internal affairs" in response.content.decode()
    for bad in ({"document": "x"}, {"document": "9" * 30}, {"decided": "maybe"}, {"era": "no-such-era"}):
        assert editor_client.get(LIST, bad).status_code in (200, 302), bad  # never a 500


def test_bulk_accept_makes_the_suggestion_the_editors_and_reclassification_keeps_it(editor_client, passages):
    interference = passages["interference"]
    chosen = list(Section.objects.filter(document=passages["first"], themes=interference))

    response = decide(editor_client, "accept_principle", chosen, interference, "Accept the principle")

    assert response.status_code == 302
    for section in chosen:
        assert set(section.editor_themes.all()) == {interference}
        assert {"kind": "theme", "slug": "non-interference", "how": "editor", "text": ""} in Section.objects.get(pk=section.pk).evidence
    assert "Non-interference (suggested)" not in " ".join(r for r in rows(editor_client.get(LIST, {"document": passages["first"].pk})))
    assert len(rows(editor_client.get(LIST, {"decided": "yes"}))) == 2
    assert Version.objects.get_for_object(passages["first"]).exists()  # the document's history records it


def test_bulk_reject_removes_the_suggestion_for_good(editor_client, passages, taxonomy):
    interference = passages["interference"]
    chosen = list(Section.objects.filter(themes=interference))

    assert decide(editor_client, "reject_principle", chosen, interference, "Reject the principle").status_code == 302

    for section in Section.objects.filter(pk__in=[s.pk for s in chosen]):
        assert not section.themes.exists() and set(section.rejected_themes.all()) == {interference}
        assert all(e["slug"] != "non-interference" for e in section.evidence)
    assert not passages["first"].themes.exists()  # no passage of it states the principle any more
    reclassify(documents=Document.objects.all(), apply=True)
    assert not Section.objects.filter(themes=interference).exists()


def test_the_action_offers_only_what_the_selected_passages_show(editor_client, passages):
    chosen = list(Section.objects.filter(document=passages["second"]))
    page = run(editor_client, "reject_era", chosen).content.decode()

    assert "Reform and opening-up" in page and "Founding era" not in page
    data = form_data(run(editor_client, "reject_era", chosen))
    data.update(target=str(passages["interference"].pk), apply="Reject the era")  # not one of the offered
    assert editor_client.post(LIST, data).status_code == 200  # the form again, with its error
    for bad in ("x", "", "9" * 30, "-1"):
        data.update(target=bad)
        assert editor_client.post(LIST, data).status_code == 200, bad  # never a 500
    assert passages["second"].sections.get().periods.exists()


def test_the_passage_list_only_lists_passages_are_changed_in_their_document(editor_client, passages):
    section = Section.objects.first()
    for url in (LIST + "add/", f"{LIST}{section.pk}/change/", f"{LIST}{section.pk}/delete/"):
        assert editor_client.get(url).status_code == 404, url
    assert "delete_selected" not in editor_client.get(LIST).content.decode()
    document_page = editor_client.get(f"/admin/documents/document/{section.document_id}/change/")
    assert f'{LIST}?document={section.document_id}' in document_page.content.decode()


@pytest.fixture
def big_archive(db, taxonomy):
    """10,000 documents of two passages each, every passage with a suggested principle."""
    documents = Document.objects.bulk_create([Document(title=f"Document {n}", slug=f"document-{n}", languages=["en"])
                                              for n in range(10_000)], batch_size=2000)
    sections = Section.objects.bulk_create([Section(document=d, position=p, text=f"Passage {p} of {d.title}.",
                                                    anchor=f"s-{d.pk}-{p}") for d in documents for p in (1, 2)],
                                           batch_size=5000)
    Section.themes.through.objects.bulk_create([Section.themes.through(section=s, theme=taxonomy["sovereignty"])
                                                for s in sections], batch_size=5000)


def test_the_passage_list_costs_the_same_queries_whatever_its_page_size(editor_client, big_archive, monkeypatch):
    counts = []
    for per_page in (10, 100):
        monkeypatch.setattr(admin.site._registry[Section], "list_per_page", per_page)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(LIST, {"principle": "five-principles", "decided": "no"})
        assert response.status_code == 200 and len(response.context["cl"].result_list) == per_page
        counts.append(len(queries))

    assert counts[0] == counts[1] == PINNED_QUERIES, counts


# session, user, the user's and the group's permissions (4); the filters' choices (principles, eras);
# one count of the filtered passages; the page; its principles, eras and the editor's of each (4
# prefetches). The actions' permission check reads nothing more.
PINNED_QUERIES = 12
