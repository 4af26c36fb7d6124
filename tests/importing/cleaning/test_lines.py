"""Tests for documents.importing.cleaning.lines: the rules that need the lines around a line."""

from __future__ import annotations

from documents.importing.cleaning import clean
from tests.importing.cleaning.samples import ARTICLE, ARTICLE_2


def test_signature_lines_after_the_last_paragraph_survive_until_the_furniture() -> None:
    page = f"Joint Communiqué\n\n{ARTICLE}\n\nMinistry of Foreign Affairs\nBeijing, 17 August 1982\n\n[Print] [Close]"
    cleaned = clean(page)
    assert cleaned.text.endswith("Ministry of Foreign Affairs\nBeijing, 17 August 1982")
    assert cleaned.removed == ["[Print] [Close]"]


def test_a_drawn_rule_goes_but_does_not_start_the_footer() -> None:
    page = f"Headline\n\n{ARTICLE}\n\n* * *\n\nBeijing, 17 August 1982\n\n-----"
    cleaned = clean(page)
    assert cleaned.text == f"Headline\n\n{ARTICLE}\n\nBeijing, 17 August 1982"
    assert cleaned.removed == ["* * *", "-----"]


def test_a_related_list_stops_at_the_next_real_paragraph() -> None:
    page = f"Related Articles\nXi meets Japanese PM\nChina in the world\n\n{ARTICLE}\n\n{ARTICLE_2}"
    cleaned = clean(page)
    assert cleaned.removed == ["Related Articles", "Xi meets Japanese PM"]
    assert cleaned.text.startswith("China in the world\n\n" + ARTICLE)


def test_a_menu_repeated_at_the_top_and_the_bottom_goes() -> None:
    page = f"World | Video\nHeadline\n\n{ARTICLE}\n\nWorld | Video"
    cleaned = clean(page)
    assert cleaned.removed == ["World | Video", "World | Video"]


def test_clean_keeps_paragraph_structure() -> None:
    page = f"Headline\nPrint | Close\n\n{ARTICLE}\n\n\n{ARTICLE_2}\n\nBack to top\n\nCopyright © 2020"
    assert clean(page).text == f"Headline\n\n{ARTICLE}\n\n\n{ARTICLE_2}"
