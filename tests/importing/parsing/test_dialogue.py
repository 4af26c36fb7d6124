"""Tests for documents.importing.parsing.dialogue: speakers' turns, who asks and who answers."""

from __future__ import annotations

import pytest

from tests.importing.parsing.samples import P1, P2, ZH1, ZH2, parse_text

# --- speakers -------------------------------------------------------------------------------

DIALOGUES = [
    pytest.param(
        f"Briefing\n\nQ: {P1}?\n\nA: {P2}\n\nQ: And then?\n\nA: {P1}",
        [("question", "Q"), ("answer", "A"), ("question", "Q"), ("answer", "A")],
        id="inline Q and A",
    ),
    pytest.param(
        f"Regular Press Conference\n\nWang Wenbin: Good afternoon. {P1}\n\nCCTV: Does China have any comment?\n\n"
        f"Wang Wenbin: {P2}\n\nThe Paper: Will the talks continue?\n\nWang Wenbin: {P1}\n\n{P2}",
        [("answer", "Wang Wenbin"), ("question", "CCTV"), ("answer", "Wang Wenbin"), ("question", "The Paper"),
         ("answer", "Wang Wenbin"), ("answer", "Wang Wenbin")],
        id="fmprc english: the spokesperson opens, outlets ask",
    ),
    pytest.param(
        f"Press conference\n\nReporter:\n\n{P1}?\n\nShen Beili:\n\n{P2}\n\nReporter:\n\nOne more question?\n\nMa Zhaoxu:\n\n{P1}",
        [("question", "Reporter"), ("answer", "Shen Beili"), ("question", "Reporter"), ("answer", "Ma Zhaoxu")],
        id="two officials answer",
    ),
    pytest.param(
        f"对话\n\n记者：{ZH1}？\n\n汪文斌：{ZH2}\n\n彭博社记者：还有问题吗？\n\n汪文斌：{ZH1}",
        [("question", "记者"), ("answer", "汪文斌"), ("question", "彭博社记者"), ("answer", "汪文斌")],
        id="chinese names",
    ),
    pytest.param(
        f"Conversation\n\nYang Rui: How do you see the world?\n\nWang Yi: {P1} {P2}\n\nYang Rui: Thank you.\n\nWang Yi: {P2}",
        [("question", "Yang Rui"), ("answer", "Wang Yi"), ("question", "Yang Rui"), ("answer", "Wang Yi")],
        id="two persons: the one who speaks most answers",
    ),
]


@pytest.mark.parametrize(("text", "turns"), DIALOGUES)
def test_dialogue_turns(text: str, turns: list[tuple[str, str]]) -> None:
    doc = parse_text(text)
    assert [(s.kind, s.speaker) for s in doc.sections] == turns
    assert doc.doc_type == "press_conference"
    assert all(":" not in s.text[:12] for s in doc.sections)


NOT_DIALOGUES = [
    pytest.param(f"Plan\n\nGoal: {P1}\n\nPrinciple: {P2}\n\nTask: {P1}", id="labels, each once"),
    pytest.param(f"计划\n\n一是：{ZH1}\n\n二是：{ZH2}\n\n三是：{ZH1}", id="一是 二是 三是"),
    pytest.param(f"Headline\n\nSource: Xinhua\n\nNote: {P1}\n\nBackground: {P2}", id="source and note labels"),
    pytest.param(f"Headline\n\n{P1} Its main elements are as follows:\n\n-- {P2}", id="a colon ending a sentence"),
]


@pytest.mark.parametrize("text", NOT_DIALOGUES)
def test_labels_are_not_speakers(text: str) -> None:
    doc = parse_text(text)
    assert doc.doc_type != "press_conference"
    assert all(not s.speaker for s in doc.sections)
    assert {s.kind for s in doc.sections} <= {"paragraph", "list_item", "heading"}


def test_speakers_in_lenticular_brackets_take_turns() -> None:
    """Japanese (and some Chinese) transcripts: "【記者】question" / "【大臣】answer"."""
    text = ("外務大臣会見記録\n\n【記者】日中関係について伺います。\n\n"
            "【大臣】対話を通じて解決していくことが重要です。\n\n平和的手段による紛争の解決を求めていきます。")
    doc = parse_text(text)
    assert doc.doc_type == "press_conference"
    assert [(s.kind, s.speaker, s.text) for s in doc.sections] == [
        ("question", "記者", "日中関係について伺います。"),
        ("answer", "大臣", "対話を通じて解決していくことが重要です。"),
        ("answer", "大臣", "平和的手段による紛争の解決を求めていきます。"),
    ]


def test_a_bracketed_label_alone_is_not_a_dialogue() -> None:
    doc = parse_text(f"标题\n\n【新华社】{ZH1}\n\n{ZH2}")
    assert doc.doc_type != "press_conference"
    assert doc.sections[0].text == f"【新华社】{ZH1}" and not doc.sections[0].speaker
