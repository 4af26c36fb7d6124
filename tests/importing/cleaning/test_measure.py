"""Tests for documents.importing.cleaning.measure: a line's size across scripts, and prose or not."""

from __future__ import annotations

import pytest

from documents.importing.cleaning import is_prose, text_size
from tests.importing.cleaning.samples import ARTICLE, ZH_ARTICLE

SIZES = [
    pytest.param("China pursues an independent foreign policy", 6, id="english words"),
    pytest.param("Министерство иностранных дел", 3, id="cyrillic words"),
    pytest.param("中方一贯坚持", 3, id="two CJK characters a word"),
    pytest.param("China 中国 and 日本", 4, id="mixed scripts"),
    pytest.param("2019-11-29 | 16:31:41", 0, id="digits and separators are no words"),
    pytest.param("", 0, id="empty"),
]


@pytest.mark.parametrize(("line", "size"), SIZES)
def test_text_size_counts_words_across_scripts(line: str, size: float) -> None:
    assert text_size(line) == size


PROSE = [
    pytest.param(ARTICLE, True, id="a sentence"),
    pytest.param(ZH_ARTICLE, True, id="a chinese sentence"),
    pytest.param("China will continue to pursue an independent policy.", True, id="eight words and a full stop"),
    pytest.param("China will continue to pursue an independent policy", False, id="eight words, no ending"),
    pytest.param(" ".join(["word"] * 30), True, id="too long for a menu whatever its ending"),
    pytest.param("Thank you!", False, id="short with an ending"),
    pytest.param("Home | China | World | Business | Opinion", False, id="a menu"),
    pytest.param("Headline", False, id="a headline"),
]


@pytest.mark.parametrize(("line", "prose"), PROSE)
def test_is_prose_tells_a_sentence_from_a_label(line: str, prose: bool) -> None:
    assert is_prose(line) is prose
