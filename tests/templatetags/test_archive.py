"""The reader pages' display helpers (``documents/templatetags/archive.py``): dates as precise as
they are known, language names, links only for http(s) URLs, and the Chicago and BibTeX citations."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from documents.models import Document, Section
from documents.templatetags.archive import cite_bibtex, cite_chicago, http_url, issued_date, issued_iso


@pytest.mark.parametrize("issued_on, precision, shown, iso", [
    (datetime.date(2022, 10, 31), "day", "31 October 2022", "2022-10-31"),
    (datetime.date(2022, 10, 1), "month", "October 2022", "2022-10"),
    (datetime.date(2022, 1, 1), "year", "2022", "2022"),
    (datetime.date(2022, 1, 1), "unknown", "Undated", ""),
    (None, "day", "Undated", ""),
])
def test_date_is_shown_with_its_precision(issued_on, precision, shown, iso):
    document = Document(issued_on=issued_on, date_precision=precision)
    assert issued_date(document) == shown
    assert issued_iso(document) == iso  # the machine-readable date has the same precision


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/a", "HTTP://example.org/a"),
        ("\n https://example.org/a \x00", "https://example.org/a"),
        ("javascript:alert(1)", ""),
        ("\x01javascript:alert(1)", ""),
        ("java\nscript:alert(1)", ""),
        ("//example.org/a", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_http_url_filter(url, linked):
    assert http_url(url) == linked


def test_the_filters_in_a_template():
    document = Document(issued_on=datetime.date(1954, 6, 28), date_precision="month",
                        source_url="javascript:alert(1)")
    rendered = Template(
        "{% load archive %}<time datetime=\"{{ d|issued_iso }}\">{{ d|issued_date }}</time> "
        "{{ 'zh'|language_name }} [{{ d.source_url|http_url }}]"
    ).render(Context({"d": document}))
    assert rendered == '<time datetime="1954-06">June 1954</time> Chinese []'


def speech(**fields) -> Document:
    values = {"title": "Speech at the Bandung Conference.", "slug": "bandung-speech", "source": "Xinhua.",
              "issued_on": datetime.date(1955, 4, 19), "date_precision": "day",
              "source_url": "https://example.org/bandung"}
    return Document(**{**values, **fields})


def test_chicago_citation_of_a_document_and_of_a_passage():
    context = {"request": RequestFactory().get("/")}
    assert cite_chicago(context, speech()) == (
        "Xinhua. “Speech at the Bandung Conference.” April 19, 1955. Policy Archive, "
        "http://testserver/documents/bandung-speech/. Originally published at https://example.org/bandung.")
    passage = Section(position=4, anchor="s-1234abcd")
    assert cite_chicago(context, speech(), passage) == (
        "Xinhua. “Speech at the Bandung Conference.” April 19, 1955. Para. 4. Policy Archive, "
        "http://testserver/documents/bandung-speech/#s-1234abcd. Originally published at https://example.org/bandung.")


def test_chicago_citation_without_a_date_a_source_or_a_web_link():
    document = speech(source="", issued_on=None, source_url="javascript:alert(1)")
    assert cite_chicago({}, document) == (
        "“Speech at the Bandung Conference.” n.d. Policy Archive, /documents/bandung-speech/.")


def test_bibtex_entry_of_a_passage():
    passage = Section(position=4, anchor="s-1234abcd")
    assert cite_bibtex({"request": RequestFactory().get("/")}, speech(), passage) == (
        "@misc{bandung_speech_s_1234abcd,\n"
        "  title = {{Speech at the Bandung Conference.}},\n"
        "  author = {{Xinhua.}},\n"
        "  year = 1955,\n"
        "  month = apr,\n"
        "  note = {Paragraph 4},\n"
        "  howpublished = {Policy Archive},\n"
        "  url = {http://testserver/documents/bandung-speech/#s-1234abcd}\n"
        "}")


def test_bibtex_has_a_year_only_as_precise_as_the_date_and_escapes_special_characters():
    entry = cite_bibtex({}, speech(title="50% of {the} #1 & more_words", date_precision="year"))
    assert "  title = {{50\\% of \\{the\\} \\#1 \\& more\\_words}}," in entry
    assert "  year = 1955," in entry and "month" not in entry
    assert "year" not in cite_bibtex({}, speech(date_precision="unknown"))
