"""Hostile inputs through the real import stages (issue 10): lines and passages of any length.

Each input of the issue's reproductions took from half a minute to several minutes on the
importer's old, backtracking patterns; here each one simply runs (a hang would blow the suite's
time budget; no test measures time). The tests also say what comes out: nothing is lost, and no
passage is longer than the cap.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.importing.cleaning import clean
from documents.importing.parsing import DEFAULT_MAX_PASSAGE_CHARS, parse
from documents.importing.preparing import prepare
from documents.importing.reading import MAX_LINE_CHARS, read_text
from documents.importing.taxonomy import load_taxonomy
from documents.importing.types import ParsedSection
from documents.models import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TAXONOMY = load_taxonomy(path=SEEDS / "taxonomy.yaml").taxonomy
TITLE = "Hostile input"


def passages(body: str, *, name: str = "hostile.txt") -> list[ParsedSection]:
    """The passages of a file holding a title line, a blank line and ``body``: every stage."""
    data = f"{TITLE}\n\n{body}\n".encode()
    prepared = prepare(data=data, name=name, taxonomy=TAXONOMY, max_bytes=10 * 1024 * 1024)
    assert prepared.parsed.title == TITLE
    return prepared.parsed.sections


def passages_within_cap(text: str, *, at_least: int) -> list[ParsedSection]:
    """The passages of ``text``, checked to be at least the ``at_least // DEFAULT_MAX_PASSAGE_CHARS``
    that a text of ``at_least`` characters needs, and each within the cap."""
    sections = passages(text)
    assert len(sections) >= at_least // DEFAULT_MAX_PASSAGE_CHARS
    assert all(len(section.text) <= DEFAULT_MAX_PASSAGE_CHARS for section in sections)
    return sections


def letters(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


def sentences(count: int, template: str) -> list[str]:
    return [template.format(i=i) for i in range(count)]


# --- the reproductions of issue 10, item 4 ------------------------------------------------------

ISSUE_INPUTS = [
    pytest.param("A" + " " * 60_000 + "B", "hostile.txt", id="60000-spaces"),
    pytest.param("A" + " " * 120_000 + "B", "hostile.txt", id="120000-spaces"),
    pytest.param("# a" + " " * 60_000 + "b", "hostile.md", id="heading-padded-with-spaces"),
    pytest.param("**a " * 60_000, "hostile.md", id="unclosed-bold-marks"),
    pytest.param("[a](b" * 40_000, "hostile.md", id="unclosed-links"),
]


@pytest.mark.parametrize(("body", "name"), ISSUE_INPUTS)
def test_issue_inputs_import_and_keep_every_letter(body, name):
    sections = passages(body, name=name)
    # Every letter, in order. (Reading breaks these lines of over 10,000 characters; where no
    # place is safe, a mark next to a break may then read as Markdown: "*" as a bullet.)
    assert letters("".join(section.text for section in sections)) == letters(body)
    assert all(len(section.text) <= DEFAULT_MAX_PASSAGE_CHARS for section in sections)


@pytest.mark.parametrize("spaces", [60_000, 120_000])
def test_cleaning_a_line_of_spaces_keeps_both_letters(spaces):
    line = "A" + " " * spaces + "B"
    cleaned = clean(f"{TITLE}\n\n{line}")
    assert cleaned.text == f"{TITLE}\n\n{line}"  # not furniture, not a running header: kept whole
    assert cleaned.removed == []


def test_cleaning_still_finds_running_headers_with_page_numbers():
    header = "China's National Defense in the New Era"
    pages = [f"{header}    {n}\n\nParagraph {n} of the text says something about defence policy." for n in (1, 2, 3)]
    cleaned = clean("\n\n".join(pages))
    assert header not in cleaned.text
    assert f"{header}    2" in cleaned.removed


def test_parsing_a_heading_padded_with_spaces():
    parsed = parse(f"{TITLE}\n\n# a" + " " * 60_000 + "b\n\nThe text under the heading.", name="hostile.md")
    assert [section.text for section in parsed.sections][:2] == ["a b", "The text under the heading."]


def test_parsing_unclosed_bold_marks_still_reads_the_bold_that_closes():
    parsed = parse(f"{TITLE}\n\nText " + "**a " * 60_000 + "**closed bold**", name="hostile.md")
    text = " ".join(section.text for section in parsed.sections)
    # As in CommonMark, the closing ** pairs with the nearest opening one; the others stay.
    assert text == "Text " + "**a " * 60_000 + "closed bold"


def test_parsing_unclosed_links_still_reads_the_link_that_closes():
    parsed = parse(f"{TITLE}\n\n" + "[a](b" * 40_000 + " [the speech](https://example.org/speech)", name="hostile.md")
    text = "".join(section.text for section in parsed.sections)
    assert text.count("[a](b") == 40_000
    assert text.endswith("the speech") and "example.org" not in text


def test_markdown_on_normal_lines_is_unchanged():
    parsed = parse(
        f"{TITLE}\n\n## I. Cooperation ##\n\nChina **never** seeks *hegemony*, as __the speech__ and "
        "[the white paper](https://example.org/wp \"White paper\") say.",
        name="doc.md",
    )
    assert [section.text for section in parsed.sections] == [
        "I. Cooperation",
        "China never seeks hegemony, as the speech and the white paper say.",
    ]


# --- the line-length bound ----------------------------------------------------------------------


def test_reading_breaks_an_over_long_line_without_losing_a_character():
    line = " ".join(f"word{i}" for i in range(5_000))  # about 39,000 characters
    text = read_text(data=f"{TITLE}\n\n{line}\n".encode(), name="long.txt")
    lines = text.split("\n")
    assert max(len(each) for each in lines) <= MAX_LINE_CHARS
    assert "".join(lines[2:]) == line  # only line breaks were added, each after a space
    assert all(each.endswith(" ") for each in lines[2:-2])


# --- the passage cap ----------------------------------------------------------------------------


def test_a_long_paragraph_imports_as_passages_within_the_cap():
    paragraph = " ".join(sentences(700, "Sentence {i} says that China pursues peace and development with every country."))
    assert len(paragraph) > 50_000
    sections = passages_within_cap(paragraph, at_least=50_000)
    assert {section.kind for section in sections} == {"paragraph"}
    # Cut where sentences end, never inside a word; joined with the spaces cut at, the paragraph.
    assert all(section.text.startswith("Sentence ") and section.text.endswith("country.") for section in sections)
    assert " ".join(section.text for section in sections) == paragraph


def test_one_sentence_over_the_cap_is_cut_at_spaces_only():
    sentence = " ".join(["peace", "and", "development"] * 6_000)  # about 100,000 characters, no full stop
    sections = passages_within_cap(sentence, at_least=len(sentence))
    assert {word for section in sections for word in section.text.split(" ")} == {"peace", "and", "development"}
    assert " ".join(section.text for section in sections) == sentence


def test_a_long_chinese_paragraph_splits_after_its_full_stops():
    paragraph = "".join(sentences(900, "中国第{i}次重申坚定奉行独立自主的和平外交政策。"))
    assert len(paragraph) > 20_000
    sections = passages_within_cap(paragraph, at_least=20_000)
    assert all(section.text.startswith("中国第") and section.text.endswith("。") for section in sections)
    assert "".join(section.text for section in sections) == paragraph


def test_an_unspaced_text_without_stops_is_cut_between_characters():
    paragraph = "和平发展合作共赢" * 2_000  # 16,000 characters, no punctuation at all
    parsed = parse(f"{TITLE}\n\n{paragraph}", name="hostile.txt")
    assert all(len(section.text) <= DEFAULT_MAX_PASSAGE_CHARS for section in parsed.sections)
    assert "".join(section.text for section in parsed.sections) == paragraph


def test_a_long_answer_is_split_and_keeps_its_speaker():
    answer = " ".join(sentences(300, "Point {i}: China stands for the peaceful settlement of disputes through dialogue."))
    body = f"Reporter: What is China's position?\n\nWang Wenbin: {answer}\n\nReporter: Thank you."
    sections = passages(body)
    answered = [section for section in sections if section.speaker == "Wang Wenbin"]
    assert len(answered) >= len(answer) // DEFAULT_MAX_PASSAGE_CHARS
    assert {section.kind for section in answered} == {"answer"}
    assert all(len(section.text) <= DEFAULT_MAX_PASSAGE_CHARS for section in answered)
    assert " ".join(section.text for section in answered) == answer
    assert [(s.speaker, s.kind) for s in sections if s.speaker != "Wang Wenbin"] == [("Reporter", "question")] * 2


def test_the_seed_passages_are_under_the_default_cap():
    longest = max(len(line) for path in SEEDS.glob("*.txt") for line in path.read_text(encoding="utf-8").split("\n"))
    assert longest < DEFAULT_MAX_PASSAGE_CHARS


@pytest.mark.django_db
def test_the_cap_is_the_setting_the_import_command_uses(settings, tmp_path):
    settings.POLICYARCHIVE_MAX_PASSAGE_CHARS = 500
    paragraph = " ".join(sentences(60, "Sentence {i} says that China opposes hegemonism and power politics."))
    (tmp_path / "long.txt").write_text(f"{TITLE}\n\n2021-03-04\n\n{paragraph}\n", encoding="utf-8")
    out = StringIO()
    call_command("import_documents", str(tmp_path / "long.txt"), json=True, stdout=out, stderr=StringIO())
    (row,) = json.loads(out.getvalue())
    assert row["status"] == "created", row
    texts = list(Document.objects.get(slug=row["slug"]).sections.order_by("position").values_list("text", flat=True))
    assert len(texts) >= len(paragraph) // 500
    assert all(len(text) <= 500 for text in texts)
    assert " ".join(texts) == paragraph
