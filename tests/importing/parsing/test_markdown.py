"""Tests for documents.importing.parsing.markdown: a Markdown file is read as its words."""

from __future__ import annotations

from tests.importing.parsing.samples import P1, D, parse_text


def test_markdown_markup_is_not_text() -> None:
    text = ("# Remarks at the Opening of the Forum\n\n*Beijing, 28 March 2015*\n\n## I. A New Starting Point\n\n"
            "The world is **undergoing** profound changes, as [the report](https://example.org/r) says.\n\n"
            "- We should seek common ground while reserving differences.\n")
    doc = parse_text(text, name="remarks.md")
    assert (doc.title, doc.date) == ("Remarks at the Opening of the Forum", D(2015, 3, 28))
    assert [(s.kind, s.text) for s in doc.sections] == [
        ("heading", "I. A New Starting Point"),
        ("paragraph", "The world is undergoing profound changes, as the report says."),
        ("list_item", "We should seek common ground while reserving differences."),
    ]


def test_asterisks_in_plain_text_are_kept() -> None:
    doc = parse_text(f"Headline\n\n{P1} *\n\n* Figures for 2019 are provisional.")
    assert doc.sections[0].text == f"{P1} *"
