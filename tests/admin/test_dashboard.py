"""The editors' dashboard (``documents/admin/dashboard.py``, the admin's home): drafts waiting,
scheduled publications, recent imports with their reports, re-imports that kept an editor's work,
and the passages the classifier was least sure of; a fixed number of queries however much there is."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.admin.dashboard import least_sure
from documents.choices import ImportStatus, Status
from documents.importing.pipeline import ImportResult
from documents.importing.runs import record_run
from documents.models import Document, Section
from tests.factories import make_document

from .conftest import make_user

HOME = "/admin/"


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def imported(document: Document, *, minutes_ago: int = 0) -> Document:
    Document.objects.filter(pk=document.pk).update(imported_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return document


def rule_words(slug: str, n: int) -> list[dict]:
    return [{"kind": "theme", "slug": slug, "how": "rule", "text": "words", "start": 0, "end": 5}] * n


@pytest.fixture
def desk(db, taxonomy, editor):
    """A draft, a scheduled document, a published one; an import run that met an editor's change;
    imported passages with principles on one rule match and on three."""
    sovereignty, interference = taxonomy["sovereignty"], taxonomy["interference"]
    make_document(title="Draft <b>on</b> sovereignty", published=False)
    make_document(title="Statement for next week", published_at=timezone.now() + datetime.timedelta(days=7))
    sure = imported(make_document(title="Well-founded", sections=["Sovereignty, sovereignty, sovereignty."],
                                  themes=[sovereignty]), minutes_ago=5)
    sure.sections.update(evidence=rule_words("sovereignty", 3))
    unsure = imported(make_document(title="Thinly founded", sections=["One mention of internal affairs."],
                                    themes=[interference]))
    unsure.sections.update(evidence=rule_words("non-interference", 1))
    record_run(results=[ImportResult(path="well.txt", status=ImportStatus.UPDATED, slug=sure.slug, conflicts=["title"]),
                        ImportResult(path="broken.txt", status=ImportStatus.FAILED, errors=["broken.txt: not text"])],
               user=editor)
    return {"sure": sure, "unsure": unsure}


def test_the_dashboard_shows_what_waits_for_an_editor(editor_client, desk):
    page = text(editor_client.get(HOME))

    assert "1 draft waiting Draft <b>on</b> sovereignty" in page  # escaped, as text
    assert "<b>on</b>" not in editor_client.get(HOME).content.decode()
    assert "1 scheduled publication Statement for next week public from" in page
    assert "0 created, 1 updated, 0 unchanged, 1 failed" in page
    assert "broken.txt failed broken.txt: not text" in page  # the run's report
    assert f"{desk['sure'].slug} : kept the editor's title" in page
    least = page.split("least sure of", 1)[1]
    assert least.index("Thinly founded") < least.index("Well-founded")
    assert "Non-interference (on 1 match of its rules)" in least
    assert "Mutual respect for sovereignty (on 3 matches of its rules)" in least


def test_least_sure_leaves_out_what_an_editor_decided(desk, taxonomy):
    assert [u.section.document.title for u in least_sure()] == ["Thinly founded", "Well-founded"]
    desk["unsure"].sections.get().editor_themes.add(taxonomy["interference"])
    assert [u.section.document.title for u in least_sure()] == ["Well-founded"]


def test_a_principle_with_no_words_of_its_own_comes_first(desk, taxonomy):
    carried = imported(make_document(title="Carried over", sections=["Nothing about it."],
                                     themes=[taxonomy["five"]]), minutes_ago=60)
    first = least_sure()[0]
    assert (first.section.document_id, first.matches, first.weakest) == (carried.pk, 0, ["Five Principles"])


def test_the_dashboard_says_when_nothing_waits(editor_client, db):
    page = text(editor_client.get(HOME))
    for empty in ("0 drafts waiting No draft is waiting.", "Nothing is scheduled.", "No import yet.",
                  "No re-import met an editor's change.", "Every principle of recently imported passages is decided."):
        assert empty in page, empty


def test_a_user_who_may_not_see_documents_gets_no_dashboard(client, desk):
    client.force_login(make_user("auditor", perms=("auth.view_user",)))
    response = client.get(HOME)
    assert response.status_code == 200 and "drafts waiting" not in text(response)
    assert "Draft <b>on</b> sovereignty" not in text(response)


def test_the_dashboard_costs_the_same_queries_however_much_there_is(editor_client, desk, taxonomy, editor):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(HOME).status_code == 200
        return len(queries)

    before = count()
    for n in range(30):
        document = imported(make_document(title=f"More {n}", published=n % 2 == 0,
                                          sections=["Internal affairs.", "Sovereignty."], themes=[taxonomy["interference"]]))
        Section.objects.filter(document=document).update(evidence=rule_words("non-interference", 1))
    for n in range(8):
        record_run(results=[ImportResult(path=f"f{n}.txt", status=ImportStatus.UPDATED, slug="more-1",
                                         conflicts=["summary"])] * 30, user=editor)
    Document.objects.filter(title__startswith="More").update(status=Status.DRAFT)

    assert before == count() == PINNED_QUERIES


# session, user, the user's and the group's permissions (4); drafts: count and list; scheduled:
# count and list; recent imports with their editors; the conflicts' documents; the least sure
# passages and their principles.
PINNED_QUERIES = 13
