"""Matching: which principles' rules and era cues match which sections of one document.

Searching every section with every principle's expression costs a search per section and
principle. So each section's words are collected into a set and intersected with the anchor
words of the compiled taxonomy (``compiled``, ``anchors``): a section is searched with a rule
only when it has the rule's anchor, once at most. Rules whose anchor is not a whole word
(Chinese text, for instance) are looked for with ``str.find``; a rule without any anchor is
searched in every section. The answers are the same as searching every section with every
combined expression. Each search (RE2) is linear in the section's length.
"""

from __future__ import annotations

import bisect
import re

from ..types import ParsedSection
from .anchors import ALNUM
from .compiled import YEAR_WORDS, AnchorUsers, CompiledTaxonomy
from .rules import DROPPED, normalise_same_length, normalise_text

_SEPARATOR = "\n\n"
# Bytes of lower-cased ASCII text that make up words; every other byte separates them.
_WORD_BYTES = bytes(code if chr(code) in ALNUM else 32 for code in range(256))


def join_sections(sections: list[ParsedSection]) -> tuple[str, list[int], list[int]]:
    """The normalised text of all sections, joined, with each section's start and end offset."""
    raw = _SEPARATOR.join(section.text for section in sections)
    if any(char in raw for char in DROPPED):
        texts = [normalise_text(section.text) for section in sections]
        raw = _SEPARATOR.join(texts)
    else:
        texts = [section.text for section in sections]
    starts, ends, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        ends.append(offset + len(text))
        offset += len(text) + len(_SEPARATOR)
    return normalise_same_length(raw), starts, ends


def _non_ascii_characters(text: str, ascii_text: bytes) -> frozenset[str]:
    """The non-ASCII characters of ``text`` (cheap when there are few; may include "?")."""
    others = ascii_text.count(b"?") - text.count("?")  # characters the encoding made "?"
    if others == 0:
        return frozenset()
    if others > 64:
        return frozenset(text)
    found = set()
    position = ascii_text.find(b"?")
    while position >= 0:
        found.add(text[position])
        position = ascii_text.find(b"?", position + 1)
    return frozenset(found)


class _Matching:
    """The theme and cue matches of one document: each rule is searched (by RE2, in the
    section's UTF-8 bytes, in time linear in its length) at most once per section, and only in
    the sections that contain its anchor."""

    def __init__(self, text: str, starts: list[int], ends: list[int], compiled: CompiledTaxonomy):
        self.text, self.starts, self.ends = text, starts, ends
        self.rules = compiled.rules
        self.width = len(compiled.targets)
        self.found: set[int] = set()  # section * width + target, for each match
        self.tried: set[int] = set()  # section * len(rules) + rule index, for each search
        self.encoded: dict[int, bytes] = {}  # section -> its text in UTF-8, for RE2

    def try_rules(self, section: int, users: AnchorUsers) -> None:
        """Search ``section`` with each of ``users``' rules whose target it does not have yet."""
        base, tried_base = section * self.width, section * len(self.rules)
        for index, target in users:
            if base + target in self.found or tried_base + index in self.tried:
                continue
            self.tried.add(tried_base + index)
            if self.rules[index].regex.search(self.utf8(section)):
                self.found.add(base + target)

    def utf8(self, section: int) -> bytes:
        """The section's text as UTF-8 (encoded once): RE2 reads bytes, and would encode a
        str again at every search."""
        data = self.encoded.get(section)
        if data is None:
            text = self.text[self.starts[section] : self.ends[section]]
            data = self.encoded[section] = text.encode("utf-8", "replace")
        return data

    def try_where_found(
        self, haystack: str | bytes, needle: str | bytes, users: AnchorUsers
    ) -> None:
        """Try ``users``' rules in each section where ``needle`` occurs in ``haystack``."""
        position = haystack.find(needle)
        while position >= 0:
            section = bisect.bisect_right(self.starts, position) - 1
            if position + len(needle) <= self.ends[section]:
                self.try_rules(section, users)
                position = haystack.find(needle, self.ends[section])  # on to the next section
            else:
                position = haystack.find(needle, position + 1)


# A word of four digits, or four and "s", in ``spaced`` (see find_matches); linear: no nesting.
_YEAR_WORD = re.compile(rb"(?<= )[0-9]{4}s?(?= )")


def find_matches(
    text: str, starts: list[int], ends: list[int], compiled: CompiledTaxonomy
) -> tuple[set[int], list[int]]:
    """The matches, as ``section * len(compiled.targets) + target``, and the offsets of the
    words that may be years."""
    matching = _Matching(text, starts, ends, compiled)
    years: list[int] = []
    ascii_text = text.encode("ascii", "replace").lower()  # same offsets as ``text``
    # The words separated by spaces, one space in front: " word " is at the offset of "word"
    # in ``text``, and finding " word " finds whole words only.
    spaced = b" " + ascii_text.translate(_WORD_BYTES) + b" "
    anchors = compiled.word_anchors
    for section, (start, end) in enumerate(zip(starts, ends)):
        stop, has_years = end + 2, False
        for word in compiled.anchor_words.intersection(spaced[start:stop].split()):
            users, is_year = anchors[word]
            matching.try_rules(section, users)
            has_years = has_years or is_year
        if has_years:  # one pass over the section for all of them
            for found in _YEAR_WORD.finditer(spaced, start, stop):
                if found.group() in YEAR_WORDS:
                    years.append(found.start() - 1)  # spaced has one byte more in front
    non_ascii = None
    for string, chars, users in compiled.text_anchors:
        if chars:  # Chinese: finding it in a long text is slow, so first check its characters
            if non_ascii is None:
                non_ascii = _non_ascii_characters(text, ascii_text)
            if chars <= non_ascii:
                matching.try_where_found(text, string, users)
        else:
            matching.try_where_found(ascii_text, string.encode("ascii"), users)
    for index in compiled.unanchored:
        for section in range(len(starts)):
            matching.try_rules(section, ((index, compiled.rules[index].target),))
    return matching.found, years

