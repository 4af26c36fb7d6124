"""documents.search: what readers find, in what order, with what excerpt (PostgreSQL and SQLite)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from taggit.models import Tag

from documents import search
from documents.choices import DocumentType, SectionKind
from documents.filters import DocumentFilter
from documents.models import Document, Period, Theme
from documents.search_page import PageNotFound
from tests.factories import make_document, make_period, make_section, make_theme

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """A small archive, made once for the module; the tests only read it."""
    with django_db_blocker.unblock():
        cold_war = make_period(name="Cold War", slug="cold-war-test", start_year=1949, end_year=1991)
        today = make_period(name="Today", slug="today-test", start_year=1992)
        five = make_theme(name="Five Principles (test)", slug="five-principles-test")
        sovereignty_theme = make_theme(name="Sovereignty and territorial integrity", slug="sovereignty-test",
                                       parent=five)
        docs = SimpleNamespace(
            hegemonism=make_document(
                title="Opposing hegemonism", doc_type=DocumentType.SPEECH, issued_in=cold_war,
                sections=["China will never seek to dominate others.",
                          "Peace and development remain the themes of the times."]),
            hegemony=make_document(
                title="Statement on the world situation", doc_type=DocumentType.ARTICLE, issued_in=today,
                sections=["Some countries still practise hegemony and power politics in the region.",
                          "Cooperation brings mutual benefit."]),
            in_title=make_document(title="Sovereignty and territorial integrity", doc_type=DocumentType.SPEECH,
                                   issued_in=today, themes=[sovereignty_theme], tags=["border", "treaty"],
                                   source="Xinhua", periods=[cold_war],
                                   sections=["The two sides signed the agreement in Beijing."]),
            in_heading=make_document(title="Review of the year", doc_type=DocumentType.STATEMENT,
                                     tags=["treaty"], source="Xinhua", languages=["en", "zh"],
                                     issued_on=datetime.date(1984, 6, 1), sections=["All countries are equal."]),
            mentioned=make_document(
                title="Notes on a meeting", doc_type=DocumentType.ARTICLE,
                sections=["We discussed trade and investment, and sovereignty was mentioned once among many "
                          "other topics of a long meeting about ports, shipping, tariffs and the weather."]),
            phrase=make_document(title="Five Principles", doc_type=DocumentType.WHITE_PAPER,
                                 sections=["The principles of peaceful coexistence guide relations between states."]),
            apart=make_document(title="Living together", doc_type=DocumentType.ARTICLE,
                                sections=["Coexistence must be peaceful, fair and lasting."]),
            imperialism=make_document(title="Against imperialism", sections=["Imperialism is a paper tiger."]),
            pacific=make_document(title="Pacific notes", sections=["The U.S. hegemony in the Pacific was discussed."]),
            many=make_document(title="A long speech", sections=[
                f"Passage {n} speaks of multipolarity in the world." for n in range(1, 6)]),
            draft=make_document(title="Draft on zanzibarite", published=False,
                                sections=["Zanzibarite hegemony, in a draft nobody may read."]),
            scheduled=make_document(title="Scheduled zanzibarite", published_at=timezone.now()
                                    + datetime.timedelta(days=3), sections=["Zanzibarite, not yet published."]),
            traditional=make_document(title="聲明", languages=["zh"], sections=[
                "各國人民堅決反對超級大國推行的霸權主義和強權政治，維護世界和平與發展。"]),
            simplified=make_document(title="声明", languages=["zh"], sections=[
                "我们坚决反对超级大国的霸权主义，主张国家不分大小一律平等，和平共处五项原则是基础。"]),
            hostile=make_document(title=f"{SCRIPT} Hostile document", sections=[
                f"The word kleptarchy next to {SCRIPT} & <b>bold</b> text \x01 with \x02 odd marks.",
                f"超级大国{SCRIPT}霸权"]),
        )
        make_section(document=docs.in_heading, position=2, text="Sovereignty", kind=SectionKind.HEADING)
    yield docs
    with django_db_blocker.unblock():
        Document.objects.filter(pk__in=[d.pk for d in vars(docs).values()]).delete()
        Tag.objects.filter(name__in=["border", "treaty"]).delete()  # made for this module alone
        Theme.objects.filter(pk=sovereignty_theme.pk).delete()
        Theme.objects.filter(pk=five.pk).delete()
        Period.objects.filter(pk__in=[cold_war.pk, today.pk]).delete()


def titles(results: search.Results) -> list[str]:
    return [hit.document.title for hit in results.hits]


def found(q: str) -> set[str]:
    return set(titles(search.search(q)))


def test_a_word_finds_its_passages(corpus):
    results = search.search("imperialism")
    assert titles(results) == ["Against imperialism"]
    hit = results.hits[0]
    assert hit.url == f"{corpus.imperialism.get_absolute_url()}#{hit.section.anchor}"
    assert "<mark>Imperialism</mark>" in hit.excerpt


def test_quoted_phrase_finds_the_words_together_only(corpus):
    assert found('"peaceful coexistence"') == {"Five Principles"}
    assert found("peaceful coexistence") == {"Five Principles", "Living together"}


def test_phrases_keep_punctuation_and_word_families(corpus):
    assert found('"U.S. hegemony"') == {"Pacific notes"}
    assert found('"U.S. hegemonism"') == {"Pacific notes"}
    assert found('"practise hegemonism"') == {"Statement on the world situation"}
    assert found('"hegemony practise"') == set()


def test_or_finds_either_word(corpus):
    assert found("imperialism OR multipolarity") == {"Against imperialism", "A long speech"}
    assert found("imperialism multipolarity") == set()


def test_minus_leaves_out_passages_with_the_word(corpus):
    assert "Statement on the world situation" in found("hegemony")
    assert "Statement on the world situation" not in found("hegemony -region")
    assert found('hegemony -"power politics"') == found("hegemony -region")


@pytest.mark.parametrize("q", ["hegemony", "hegemonism", "hegemonic", "hegemonies"])
def test_hegemony_and_hegemonism_find_each_other(corpus, q):
    assert {"Opposing hegemonism", "Statement on the world situation"} <= found(q)


def test_inflected_forms_are_found(corpus):
    assert "Opposing hegemonism" in found("dominating")  # "dominate"
    assert "Statement on the world situation" in found("practising")  # "practise"


def test_title_or_heading_match_ranks_above_a_single_mention(corpus):
    results = search.search("sovereignty")
    order = titles(results)
    assert order[-1] == "Notes on a meeting", order
    assert set(order[:-1]) == {"Sovereignty and territorial integrity", "Review of the year"}
    heading = next(h for h in results.hits if h.document.title == "Review of the year")
    assert heading.section.kind == SectionKind.HEADING


def test_excerpts_are_escaped_html_with_only_our_marks(corpus):
    for q in ("kleptarchy", "超级大国", "hostile"):
        for hit in search.search(q).hits:
            html = str(hit.excerpt)
            assert "<script" not in html and "<b>" not in html
            assert "\x01" not in html and "\x02" not in html
            assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    excerpt = str(search.search("kleptarchy").hits[0].excerpt)
    assert "<mark>kleptarchy</mark>" in excerpt
    assert "&amp;" in excerpt


def test_drafts_and_scheduled_documents_never_appear(corpus, page_of):
    assert search.search("zanzibarite").total == 0
    assert page_of(q="zanzibarite").results.total == 0
    assert page_of(q="zanzibarite", type="article").results.total == 0  # narrowed by a filter
    assert page_of(q="hegemony", type="article").results.total > 0  # which still finds published ones
    assert page_of(q="zanzibarite", sort="title").results.total == 0  # sorted, not narrowed
    assert "Draft on zanzibarite" not in found("hegemony")
    # Editors, in the admin, see them.
    assert set(search.document_ids_matching("zanzibarite")) == {corpus.draft.pk, corpus.scheduled.pk}


def test_admin_helpers_rank_and_respect_the_queryset(corpus):
    ids = search.document_ids_matching("sovereignty")
    assert ids[-1] == corpus.mentioned.pk
    only = Document.objects.filter(pk=corpus.mentioned.pk)
    assert search.document_ids_matching("sovereignty", documents=only) == [corpus.mentioned.pk]


@pytest.mark.parametrize("q", ["超级大国", "超級大國"])
def test_chinese_finds_simplified_and_traditional_text(corpus, q):
    results = search.search(q)
    assert {"聲明", "声明", f"{SCRIPT} Hostile document"} == set(titles(results))
    for hit in results.hits:
        assert "<mark>" in hit.excerpt


def test_chinese_phrase_inside_a_long_sentence(corpus):
    assert found("霸权主义") == {"聲明", "声明"}
    assert found("和平共处五项原则") == {"声明"}
    assert found("和平共處五項原則") == {"声明"}
    assert found("超级大国 -霸權主義") == {f"{SCRIPT} Hostile document"}


def test_passages_are_grouped_by_document_with_the_rest_behind_a_link(corpus, page_of):
    page = page_of(q="multipolarity")
    [group] = page.results.groups
    assert len(group.hits) == search.PER_DOCUMENT and group.more == 5 - search.PER_DOCUMENT
    assert f"in={corpus.many.slug}" in group.more_url and "q=multipolarity" in group.more_url
    within = page_of(q="multipolarity", **{"in": corpus.many.slug})
    assert within.within == corpus.many
    assert len(within.results.hits) == 5


def test_facet_counts_are_documents_with_a_matching_passage(corpus, page_of):
    page = page_of(q="sovereignty")
    facets = {f.name: {v.label: v.count for v in f.values} for f in page.facets}
    assert facets["type"] == {"Speech": 1, "Policy statement": 1, "Reference article": 1}
    assert facets["issued"] == {"Today (1992–)": 1}
    assert facets["principle"] == {"Five Principles (test)": 1, "Sovereignty and territorial integrity": 1}
    assert facets["tag"] == {"treaty": 2, "border": 1}
    assert facets["year"] == {"1980s": 1, "2000s": 2}
    assert facets["language"] == {"English": 3, "Chinese": 1}
    speech = next(v for f in page.facets if f.name == "type" for v in f.values if v.label == "Speech")
    assert "q=sovereignty" in speech.query and "type=speech" in speech.query


@pytest.mark.parametrize("params", [
    {"q": "sovereignty"},
    {"q": "sovereignty", "type": "speech"},
    {"q": "hegemony OR sovereignty OR 声明 OR 超级大国"},
    {"q": "sovereignty", "principle": "five-principles-test"},
    {"q": "sovereignty", "from": "1980", "to": "1989"},
    {"q": "sovereignty", "tag": "treaty", "language": "en"},
])
def test_facets_are_those_of_the_document_list(corpus, page_of, params):
    """The search counts its facets in one query (search.facets_of); the document list counts
    them in documents.filters. Over the same documents they must be the same facets."""
    page = page_of(**params)
    found = search.document_ids_matching(page.query, documents=page.filters.queryset)
    listed = DocumentFilter(page.filters.params, base=Document.objects.filter(pk__in=found), keep=("q", "in"))
    assert page.facets == listed.facets()
    assert page.facets


def test_facets_of_many_documents_count_those_with_the_best_passages(corpus, page_of, monkeypatch):
    monkeypatch.setattr(search, "FACET_CAP", 2)
    page = page_of(q="sovereignty")
    assert page.results.documents_total == 3 and page.results.facets_capped
    types = {v.label: v.count for f in page.facets if f.name == "type" for v in f.values}
    assert types == {"Speech": 1, "Policy statement": 1}  # not the single mention's article


def test_facets_combine_with_the_list_filters(corpus, page_of):
    page = page_of(q="sovereignty", type="speech")
    assert titles(page.results) == ["Sovereignty and territorial integrity"]
    assert [a.name for a in page.filters.active] == ["type"]
    assert "type" not in {f.name for f in page.facets}
    assert set(titles(page_of(q="hegemony", era="cold-war-test").results)) == {"Opposing hegemonism"}


def test_a_search_that_finds_nothing_suggests_principles(corpus, page_of):
    page = page_of(q="soverignty territorial")
    assert page.results.total == 0
    assert [s.label for s in page.suggestions] == ["Sovereignty and territorial integrity"]


@pytest.mark.parametrize("q", ["", "the of", '"', "-hegemony", "\x00", "'\\\"&|!():*<->", "OR OR -"])
def test_nonsense_queries_get_an_explanation_and_no_results(corpus, page_of, q):
    page = page_of(q=q)
    assert page.query.problem
    assert page.results.hits == [] and page.facets == []


def test_overlong_query_is_searched_shortened(corpus, page_of):
    page = page_of(q="multipolarity " * 300)
    assert page.query.notes and len(page.query.text) <= search.MAX_QUERY_LENGTH
    assert titles(page.results) == ["A long speech"] * search.PER_DOCUMENT


def test_paging_through_results_shows_each_passage_once_in_rank_order(page_of, monkeypatch):
    """Pages of 4 entries over 14 documents with 1 to 5 matching passages each: documents by their
    best passage, at most PER_DOCUMENT passages each, best first, nothing repeated or skipped."""
    monkeypatch.setattr(search, "PAGE_SIZE", 4)
    matches = {}
    for n in range(9):
        count = n % 5 + 1
        document = make_document(title=f"Paged {n}", sections=[
            " ".join(["Paginite"] * (1 + (n * 7 + k * 3) % 4)) + f" in passage {k} of document {n}."
            for k in range(count)] + ["Nothing to find here."])
        matches[document.pk] = count
    for n in range(5):  # the best: one passage each, so that a page holds four documents
        matches[make_document(title=f"Dense {n}", sections=[("Paginite " * (8 + n)) + "first."]).pk] = 1
    entries = []
    first = page_of(q="paginite")
    for number in range(1, first.results.num_pages + 1):
        results = page_of(q="paginite", page=str(number)).results
        assert results.total == sum(matches.values()) and results.documents_total == len(matches)
        entries += [(hit.document.pk, hit.section.pk, hit.rank, hit.in_document) for hit in results.hits]
    with pytest.raises(PageNotFound):
        page_of(q="paginite", page=str(first.results.num_pages + 1))

    expected_rows = sum(min(count, search.PER_DOCUMENT) for count in matches.values())
    assert first.results.rows == len(entries) == expected_rows
    assert first.results.num_pages == -(-expected_rows // 4)
    assert len({section for _, section, _, _ in entries}) == len(entries)  # nothing repeated
    runs = [pk for i, (pk, *_) in enumerate(entries) if i == 0 or entries[i - 1][0] != pk]
    assert sorted(runs) == sorted(matches)  # each document in one run, every document there
    best = {pk: max(rank for d, _, rank, _ in entries if d == pk) for pk in runs}
    assert runs == sorted(runs, key=lambda pk: (-best[pk], pk))
    for pk in runs:
        mine = [(rank, section, in_document) for d, section, rank, in_document in entries if d == pk]
        assert len(mine) == min(matches[pk], search.PER_DOCUMENT)
        assert all(in_document == matches[pk] for _, _, in_document in mine)
        assert [(-rank, section) for rank, section, _ in mine] == sorted((-rank, section) for rank, section, _ in mine)
