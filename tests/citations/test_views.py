"""The passage page and the citation downloads: published only, 404 for anything unknown, the
access date of the day, and a fixed number of queries whatever the size of the archive."""

from __future__ import annotations

import html
import json

import bibtexparser
import pytest
import rispy

from tests.factories import make_document, make_period, make_section, make_theme


def test_a_passage_page_shows_the_passage_and_its_chicago_note(client, cited, today):
    response = client.get(f"/documents/press-1984/passages/{cited.answer.anchor}/")
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "China does not join any bloc and stands for peace." in body and "Qi Huaiyuan" in body
    assert ("Qi Huaiyuan, “Regular Press Conference of 7 May 1984,” Ministry of Foreign Affairs, Policy Archive, "
            f"May 7, 1984, para. 1, http://testserver/documents/press-1984/passages/{cited.answer.anchor}/.") in body
    assert f'<link rel="canonical" href="http://testserver/documents/press-1984/passages/{cited.answer.anchor}/">' in body
    assert 'href="/documents/press-1984/"' in body  # the document it is part of


def test_a_passage_page_shows_its_principles_eras_and_their_evidence(client, db):
    era = make_period(name="Reform and opening-up", slug="reform", start_year=1978, end_year=2012)
    principle = make_theme(name="Peaceful coexistence", slug="peaceful-coexistence")
    document = make_document(slug="history", sections=["Since 1978 it has stood for peaceful coexistence."],
                             themes=[principle], periods=[era])
    passage = document.sections.get()
    passage.evidence = [
        {"kind": "period", "slug": "reform", "how": "rule", "text": "1978", "start": 6, "end": 10},
        {"kind": "theme", "slug": "peaceful-coexistence", "how": "editor", "text": ""}]
    passage.save()

    body = html.unescape(client.get(f"/documents/history/passages/{passage.anchor}/").content.decode())

    assert 'class="chip chip--era" href="/eras/reform/"' in body
    assert "Reform and opening-up: <span class=\"inferred\">inferred</span> from <q>1978</q>" in body
    assert "Peaceful coexistence: confirmed by an editor" in body


def test_an_undated_documents_page_gives_the_access_date(client, cited, today):
    body = html.unescape(client.get("/documents/undated-statement/").content.decode())
    assert ("State Council Information Office, “On the Independent Foreign Policy,” Policy Archive, "
            "accessed March 4, 2030, http://testserver/documents/undated-statement/.") in body


@pytest.mark.parametrize("suffix", ["", f"passages/{{anchor}}/"])
def test_downloads_of_a_document_and_of_a_passage(client, cited, today, suffix):
    base = f"/documents/press-1984/{suffix.format(anchor=cited.answer.anchor)}"
    csl = client.get(f"{base}cite.json")
    assert csl["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [record] = json.loads(csl.content)
    assert record["URL"] == f"http://testserver{base}"
    assert record["author"] == [{"literal": "Qi Huaiyuan" if suffix else "Ministry of Foreign Affairs"}]
    bib = client.get(f"{base}cite.bib")
    assert bib["Content-Type"].startswith("application/x-bibtex") and "attachment" in bib["Content-Disposition"]
    library = bibtexparser.parse_string(bib.content.decode())
    assert not library.failed_blocks and library.entries[0]["urldate"] == "2030-03-04"
    [entry] = rispy.loads(client.get(f"{base}cite.ris").content.decode())
    assert entry["urls"] == [f"http://testserver{base}"] and entry["access_date"] == "2030/03/04"


@pytest.mark.parametrize("url", [
    "/documents/press-1984/cite.pdf", "/documents/press-1984/cite.", "/documents/nope/cite.json",
    "/documents/press-1984/passages/s-nope/", "/documents/press-1984/passages/s-nope/cite.bib",
    "/documents/press-1984/passages/%00/", "/documents/press-1984/passages/{anchor}/cite.xml",
])
def test_unknown_documents_passages_and_formats_are_404(client, cited, url):
    assert client.get(url.format(anchor=cited.answer.anchor)).status_code == 404


def test_drafts_and_their_passages_are_not_citable(client, db):
    draft = make_document(title="Draft", slug="draft-doc", published=False, sections=["Secret words."])
    anchor = draft.sections.get().anchor
    for url in ["/documents/draft-doc/cite.json", f"/documents/draft-doc/passages/{anchor}/",
                f"/documents/draft-doc/passages/{anchor}/cite.ris"]:
        assert client.get(url).status_code == 404, url


def _archive(n: int):
    first = None
    for i in range(n):
        document = make_document(title=f"Document {i}", slug=f"doc-{i}", issuer=f"Issuer {i % 3}",
                                 sections=[f"Passage one of {i}.", f"Passage two of {i}."], tags=["t"])
        answer = make_section(document=document, position=3, text=f"Answer {i}.", kind="answer", speaker="S")
        first = first or (document, answer)
    return first


@pytest.mark.parametrize("n", [1, 50])
def test_query_counts_do_not_grow_with_the_archive(client, db, django_assert_num_queries, n):
    document, answer = _archive(n)
    passage = f"/documents/{document.slug}/passages/{answer.anchor}/"
    expected = {passage: 5,  # document, passage, its principles and eras, paragraphs before it
                f"{passage}cite.bib": 3,  # document, passage, paragraphs before it
                f"/documents/{document.slug}/cite.ris": 1}
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
