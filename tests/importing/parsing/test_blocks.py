"""Tests for documents.importing.parsing.blocks: the passages of the body, their kinds, lines re-joined."""

from __future__ import annotations

import pytest

from documents.importing.parsing import parse
from tests.importing.parsing.samples import P1, P2

# --- sections -------------------------------------------------------------------------------

SECTION_KINDS = [
    pytest.param("-- Conforming to the trend of history.", "list_item", "Conforming to the trend of history.", id="double dash"),
    pytest.param("- Safeguarding world diversity.", "list_item", "Safeguarding world diversity.", id="dash"),
    pytest.param("• Opposing all forms of terrorism.", "list_item", "Opposing all forms of terrorism.", id="bullet"),
    pytest.param("* Strengthening good-neighborly relations.", "list_item", "Strengthening good-neighborly relations.", id="asterisk"),
    pytest.param("1) China opposes hegemonism.", "list_item", "1) China opposes hegemonism.", id="1)"),
    pytest.param("(1) China opposes hegemonism.", "list_item", "(1) China opposes hegemonism.", id="(1)"),
    pytest.param("1. China opposes hegemonism in all its forms.", "list_item", "1. China opposes hegemonism in all its forms.", id="1. sentence"),
    pytest.param("一、坚持独立自主，坚持和平共处五项原则，反对一切形式的霸权主义。", "list_item", "一、坚持独立自主，坚持和平共处五项原则，反对一切形式的霸权主义。", id="一、sentence"),
    pytest.param("4.Developing global partnerships", "heading", "4. Developing global partnerships", id="4.Heading"),
    pytest.param("4. Developing global partnerships", "heading", "4. Developing global partnerships", id="4. Heading"),
    pytest.param("IV. Building a Community with a Shared Future", "heading", "IV. Building a Community with a Shared Future", id="roman"),
    pytest.param("Chapter 2 The Five Principles", "heading", "Chapter 2 The Five Principles", id="chapter"),
    pytest.param("第二章 和平共处五项原则", "heading", "第二章 和平共处五项原则", id="第二章"),
    pytest.param("一、坚持独立自主", "heading", "一、坚持独立自主", id="一、heading"),
    pytest.param("Developing Global Partnerships", "heading", "Developing Global Partnerships", id="short title case line"),
    pytest.param("“China will never seek hegemony.”", "quotation", "“China will never seek hegemony.”", id="quotation"),
    pytest.param("「中国永远不称霸。」", "quotation", "「中国永远不称霸。」", id="chinese quotation"),
    pytest.param("“Peace,” he said, “is our goal.”", "paragraph", "“Peace,” he said, “is our goal.”", id="quote with narration"),
    pytest.param("China   opposes\thegemonism  and power politics.", "paragraph", "China opposes hegemonism and power politics.", id="whitespace collapsed"),
]


@pytest.mark.parametrize(("line", "kind", "text"), SECTION_KINDS)
def test_section_kind(line: str, kind: str, text: str) -> None:
    doc = parse(f"Headline\n\n{P1}\n\n{line}\n\n{P2}", name="doc.txt")
    assert (doc.sections[1].kind, doc.sections[1].text) == (kind, text)
    assert [s.text for s in doc.sections[::2]] == [P1, P2]


JOINS = [
    pytest.param(
        "China will build partnerships with those who follow the same path\n\ncan be partners, and so can others.",
        "China will build partnerships with those who follow the same path can be partners, and so can others.",
        id="broken across a blank line",
    ),
    pytest.param(
        "China works with all countries on the basis of equality,\n\nMutual Benefit and peaceful coexistence.",
        "China works with all countries on the basis of equality, Mutual Benefit and peaceful coexistence.",
        id="comma at the break",
    ),
    pytest.param(
        "China will build a framework for major-\n\ncountry relations featuring overall stability and balance.",
        "China will build a framework for major-country relations featuring overall stability and balance.",
        id="hyphen at the break",
    ),
    pytest.param(
        "中方坚持在和平共处五项原则基础上同世界各国发展友好合作关系并推动构建\n\n人类命运共同体，这是我们的一贯立场。",
        "中方坚持在和平共处五项原则基础上同世界各国发展友好合作关系并推动构建人类命运共同体，这是我们的一贯立场。",
        id="chinese broken mid-sentence",
    ),
    pytest.param(
        "China pursues an independent foreign policy of peace and its fundamental\n"
        "goals are to preserve independence and sovereignty and to create a favorable\n"
        "international environment for reform, opening up and modernization.",
        "China pursues an independent foreign policy of peace and its fundamental goals are to preserve "
        "independence and sovereignty and to create a favorable international environment for reform, "
        "opening up and modernization.",
        id="hard-wrapped lines",
    ),
    pytest.param(
        '"China stands ready to work with all countries on the basis of the Five Principles of Peaceful\n'
        'Coexistence," Wang said.',
        '"China stands ready to work with all countries on the basis of the Five Principles of Peaceful '
        'Coexistence," Wang said.',
        id="a long line left mid-sentence, the next capitalised",
    ),
]


@pytest.mark.parametrize(("body", "joined"), JOINS)
def test_broken_paragraphs_are_joined(body: str, joined: str) -> None:
    doc = parse(f"Headline\n\n{body}", name="doc.txt")
    assert [s.text for s in doc.sections] == [joined]


def test_a_heading_set_over_its_paragraph_stays_a_heading() -> None:
    heading = "China's Independent Foreign Policy of Peace in the New Era of Reform and Opening"
    doc = parse(f"Headline\n\n{heading}\n{P1}", name="doc.txt")
    assert [s.text for s in doc.sections] == [heading, P1]


def test_separate_paragraphs_are_not_joined() -> None:
    doc = parse(f"Headline\n\n{P1}\n\nThe Five Principles\n\n{P2}\nChina opposes hegemonism.", name="doc.txt")
    assert [s.text for s in doc.sections] == [P1, "The Five Principles", P2, "China opposes hegemonism."]
