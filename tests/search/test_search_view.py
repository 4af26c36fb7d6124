"""The search page (/search/): what a reader sees, its query count, and no 500 whatever is sent."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.choices import DocumentType
from tests.factories import make_document, make_period, make_theme

pytestmark = pytest.mark.django_db

URL = reverse("documents:search")
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def archive():
    era = make_period(name="Reform", slug="reform-view", start_year=1978, end_year=1991)
    theme = make_theme(name="Non-interference", slug="non-interference-view")
    return [
        make_document(title="On non-interference", doc_type=DocumentType.SPEECH, issued_in=era, themes=[theme],
                      sections=["China never interferes in the internal affairs of other countries.",
                                "Non-interference is a principle of the Charter."]),
        make_document(title=f"{SCRIPT} hostile", sections=[f"Interference and {SCRIPT} & <b>tags</b>."]),
        make_document(title="Draft", published=False, sections=["Interference in a draft: secretword."]),
    ]


def test_results_link_to_passages_with_marked_escaped_excerpts(client, archive):
    response = client.get(URL, {"q": "interference"})
    assert response.status_code == 200
    html = response.content.decode()
    first = archive[0].sections.get(position=1)
    assert f'href="{archive[0].get_absolute_url()}#{first.anchor}"' in html
    assert "<mark>" in html
    assert SCRIPT not in html and "<b>tags" not in html
    assert "&lt;script&gt;alert" in html  # the hostile title, escaped
    assert "Draft" not in html
    drafts_only = client.get(URL, {"q": "secretword"})
    assert drafts_only.context["search"].results.total == 0
    assert "No passage matches" in drafts_only.content.decode()


@pytest.mark.parametrize("q", ['"non-interference"', '"internal affairs" China'])
def test_a_quoted_query_is_shown_once_without_quotes_around_its_quotes(client, archive, q):
    html = client.get(URL, {"q": q}).content.decode()
    # <q> makes the browser add its own quotation marks: “"internal affairs"” read doubled.
    summary = re.search(r'<p class="result-count" role="status">(.*?)</p>', html, re.S).group(1)
    assert "<q>" not in summary
    assert summary.count(q.replace('"', "&quot;")) == 1
    assert "<q>&quot;" not in client.get(URL, {"q": '"no such phrase"'}).content.decode()  # nor when nothing matches


def test_a_plain_query_is_quoted_in_the_summary(client, archive):
    assert "<q>interference</q>" in client.get(URL, {"q": "interference"}).content.decode()


def test_the_page_explains_the_syntax_and_an_empty_search(client, archive):
    html = client.get(URL).content.decode()
    assert "How to search" in html and "&quot;peaceful coexistence&quot;" in html
    assert "Type a word" in html


@pytest.mark.parametrize(("q", "says"), [
    ("the of and", "too common"),
    ("- OR \"", "no words"),
    ("-interference", "not only words to leave out"),
    ("\x00interference\x00", "passages"),
    ("interference " * 100, "shortened"),
])
def test_nonsense_gets_a_helpful_page(client, archive, q, says):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert says in response.content.decode()


def test_nothing_found_says_what_to_try(client, archive):
    html = client.get(URL, {"q": '"freedom of the seas" -charter'}).content.decode()
    assert "No passage matches" in html
    assert "Take the quotation marks away" in html and "Leave out the words with a minus sign" in html


def test_nothing_found_suggests_a_principle_with_a_similar_name(client, archive):
    response = client.get(URL, {"q": "noninterference"})
    assert response.context["search"].results.total == 0
    assert 'href="/principles/non-interference-view/"' in response.content.decode()


def test_facets_say_when_they_count_the_best_documents_only(client, archive, monkeypatch):
    from documents import search

    assert "documents with the best passages" not in client.get(URL, {"q": "interference"}).content.decode()
    monkeypatch.setattr(search, "FACET_CAP", 1)
    assert "Counts among the 1 documents with the best passages" in (
        client.get(URL, {"q": "interference"}).content.decode())


def test_facets_and_filters_keep_the_query(client, archive):
    html = client.get(URL, {"q": "interference"}).content.decode()
    assert "?q=interference&amp;type=speech" in html or "type=speech&amp;q=interference" in html
    html = client.get(URL, {"q": "interference", "type": "speech"}).content.decode()
    assert "On non-interference" in html and "hostile" not in html


@pytest.mark.parametrize("page", ["0", "x", "999", "-1", "1" * 30])
def test_a_page_that_does_not_exist_is_not_found(client, archive, page):
    assert client.get(URL, {"q": "interference", "page": page}).status_code == 404


def test_query_count_is_fixed_however_many_documents_match(client, django_assert_num_queries):
    make_document(title="Only one", sections=["Multipolarity."])
    with django_assert_num_queries(QUERIES) as one:
        assert client.get(URL, {"q": "multipolarity"}).status_code == 200
    era = make_period(slug="era-many")
    theme = make_theme(slug="theme-many")
    for n in range(30):
        make_document(title=f"Many {n}", issued_in=era, themes=[theme], tags=[f"tag{n % 3}"],
                      doc_type=DocumentType.SPEECH if n % 2 else DocumentType.ARTICLE,
                      sections=[f"Multipolarity {n}.", "Multipolarity again.", "And again multipolarity.",
                                "Multipolarity, four."])
    with django_assert_num_queries(QUERIES) as many:
        response = client.get(URL, {"q": "multipolarity"})
    assert response.context["search"].results.documents_total == 31
    assert len(one.captured_queries) == len(many.captured_queries)


# The taxonomy (eras, principles: 2), the matches with their counts and facet counts (1), the
# page's passages with their documents (1).
QUERIES = 4


parameters = st.fixed_dictionaries({}, optional={
    "q": st.text(max_size=300),
    "page": st.one_of(st.integers(-3, 10).map(str), st.text(max_size=5)),
    "in": st.text(max_size=20),
    "type": st.one_of(st.sampled_from(["speech", "article"]), st.text(max_size=10)),
    "era": st.text(max_size=10),
    "principle": st.text(max_size=10),
    "year": st.one_of(st.integers(-5, 3000).map(str), st.text(max_size=6)),
    "language": st.text(max_size=6),
    "sort": st.text(max_size=6),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=parameters)
def test_random_queries_and_parameters_never_fail(client, archive, params):
    response = client.get(URL, params)
    assert response.status_code in (200, 404)
