"""documents.search.excerpts: what a result shows of its passage, from the window the backend read
(no database: the rows are made here as a backend returns them)."""

from __future__ import annotations

import pytest

from documents.search import parse_query
from documents.search.excerpts import (
    EXCERPT_WORDS,
    HIGHLIGHT_WORDS,
    START,
    STOP,
    excerpt,
    excerpt_needles,
    headline_chars,
    mark_excerpt,
)
from documents.search.results import Row


def row(text: str, *, headline: str = "", start: int = 1, more: bool = False) -> Row:
    return Row(id=1, document_id=1, rank=0.2, in_document=1, headline=headline, text=text, start=start, more=more)


def test_marks_become_mark_tags_and_everything_else_is_escaped():
    html = mark_excerpt(f"<b>bold</b> & {START}peace{STOP} {STOP}stray{START}")
    assert str(html) == "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>peace</mark> stray"


def test_the_database_highlight_is_shown_with_ellipses_where_the_passage_goes_on():
    window = "first words of the window then peace and more words until the end of it"
    headline = f"then {START}peace{STOP} and more words"
    shown = str(excerpt(row(window, headline=headline, start=500, more=True), parse_query("peace")))
    assert shown == "… then <mark>peace</mark> and more words …"


def test_a_window_cut_inside_the_passage_loses_the_words_cut_in_two():
    window = "elopment of the peace process between the two sides continues to grow stro"
    headline = f"elopment of the {START}peace{STOP} process between the two sides continues to grow stro"
    shown = str(excerpt(row(window, headline=headline, start=900, more=True), parse_query("peace")))
    assert "elopment" not in shown and "stro" not in shown
    assert shown.startswith("… of the <mark>peace</mark>") and shown.endswith("grow …")


def test_without_a_database_highlight_the_window_is_marked_here():
    """SQLite's passages longer than the window: the words' beginnings are marked (peace: peaceful)."""
    window = "A long text. " * 3 + "The peaceful settlement of disputes. " + "Filler words. " * 3
    shown = str(excerpt(row(window, start=200, more=True), parse_query("peace")))
    assert "<mark>peaceful</mark>" in shown and shown.startswith("… ") and shown.endswith(" …")


def test_unspaced_scripts_are_marked_in_their_chinese_variants():
    shown = str(excerpt(row("各國人民堅決反對超級大國推行的霸權主義。"), parse_query("超级大国")))
    assert "<mark>超級大國</mark>" in shown


def test_a_passage_without_a_match_in_its_window_shows_its_first_words():
    """Found by the document's title alone: the passage's first EXCERPT_WORDS words."""
    text = " ".join(f"w{n}" for n in range(EXCERPT_WORDS * 2))
    shown = str(excerpt(row(text), parse_query("kleptarchy")))
    assert shown.split()[:EXCERPT_WORDS] == text.split()[:EXCERPT_WORDS]
    assert shown.endswith(" …") and "<mark>" not in shown


def test_the_window_is_placed_by_phrases_then_words_then_stems_at_most_highlight_words():
    assert excerpt_needles(parse_query('"peaceful coexistence" developments')) == [
        "peaceful coexistence", "peaceful", "coexistence", "developments", "peace", "coexistenc", "develop"]
    many = " ".join(f"word{chr(97 + n)}" for n in range(HIGHLIGHT_WORDS + 4))
    assert len(excerpt_needles(parse_query(many))) == HIGHLIGHT_WORDS
    assert excerpt_needles(parse_query("hegemony -war")) == ["hegemony", "hegemon"]  # never a word left out


@pytest.mark.parametrize(("configured", "used"), [(None, 2000), (5000, 5000), (10, 200)])
def test_the_window_length_is_configured_with_a_floor(settings, configured, used):
    if configured is None:
        del settings.POLICYARCHIVE_HEADLINE_CHARS
    else:
        settings.POLICYARCHIVE_HEADLINE_CHARS = configured
    assert headline_chars() == used
