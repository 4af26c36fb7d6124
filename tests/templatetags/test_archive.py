"""The reader pages' display helpers (``documents/templatetags/archive.py``): dates as precise as
they are known, language names, and links only for http(s) URLs (citations: tests/citations/)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template

from documents.models import Document
from documents.templatetags.archive import http_url, issued_date, issued_iso


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

