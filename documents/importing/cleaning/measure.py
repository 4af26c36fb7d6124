"""Measuring a line: its size in words across scripts, whether it reads as prose, a date in it.

``text_size`` counts the words of alphabetic scripts and half a word per CJK character;
``is_prose`` tells a real sentence from a menu or a label. The parser measures lines with them
too.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Letters of alphabetic scripts (Latin, Greek, Cyrillic, Arabic), as words.
_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0600-\u06ff]+")
# Han, kana and hangul: one character is roughly half a word.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# A sentence ending, possibly followed by closing quotes or brackets.
SENTENCE_END_RE = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\uff0e][\"'\u201d\u2019\u00bb\u300d\u300f)\uff09\]\s]*$")
DATE_HINT_RE = re.compile(
    r"\b(?:1[89]|20)\d\d[-/.\u5e74]\s*\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:1[89]|20)\d\d"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:1[89]|20)\d\d"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:1[89]|20)\d\d",
    re.IGNORECASE,
)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def strip(text: str) -> str:
    """Strip whitespace (Unicode included) and zero-width characters from both ends."""
    return text.strip().strip(INVISIBLE).strip()


@lru_cache(maxsize=4096)
def text_size(line: str) -> float:
    """A word count that works across scripts: alphabetic words + CJK characters / 2."""
    # Every threshold is below 50 words: the first 400 characters tell.
    head = line[:400]
    words = len(_WORD_RE.findall(head))
    if head.isascii():
        return words
    return words + len(_CJK_RE.findall(head)) / 2


def is_prose(line: str) -> bool:
    """True when ``line`` reads like a real sentence rather than page furniture.

    A sentence ending and at least eight words (sixteen CJK characters), or a
    line too long to be a menu or a label whatever its ending.
    """
    size = text_size(line)
    if size >= 30:
        return True
    return size >= 8 and SENTENCE_END_RE.search(line[-12:]) is not None
