"""Tests for documents.importing.cleaning.html: an HTML page reduced to its article."""

from __future__ import annotations

from documents.importing.cleaning import clean
from tests.importing.cleaning.samples import fixture_text


def test_html_page_is_reduced_to_its_article() -> None:
    cleaned = clean(fixture_text("chinadaily_page.html"))
    assert cleaned.meta == {
        "title": "China reaffirms independent foreign policy of peace",
        "date": "2019-11-29",
        "source": "China Daily",
    }
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == "China reaffirms independent foreign policy of peace"
    assert paragraphs[1] == "Source: China Daily | 2019-11-29"
    assert paragraphs[2].startswith("China will continue to pursue an independent foreign policy")
    assert paragraphs[-1].startswith("He added that the Five Principles")
    for visible in ("Home | China | World | Business | Opinion", "Share - WeChat", "Related Stories",
                    "Xi stresses peaceful development", "Copyright 1995 - 2019. All rights reserved."):
        assert visible in cleaned.removed
        assert visible not in cleaned.text
    assert not any("tracker" in line or "color: red" in line for line in cleaned.removed)
