"""The body of a document as passages: blocks of lines, lines re-joined, each passage's kind.

``paragraphs`` splits the text into blocks of lines. ``body_sections`` splits the blocks into
passages (joining the lines and blocks a page wrapped or broke mid-sentence) and says what each
is: a heading, a list item, a quotation or a paragraph, or in a dialogue (``dialogue.py``) a
question or an answer by its speaker. ``capped`` splits a passage longer than the cap where its
sentences end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from documents.choices import SectionKind
from documents.importing.cleaning import text_size
from documents.importing.reading import equal_share, nearest_cut
from documents.importing.types import ParsedSection

from .dialogue import BRACKET_SPEAKER_RE, NAME_JOINERS, SPEAKER_LINE_RE, answerers_and_moderators, find_turns
from .scripts import CJK_RE, LATIN_WORD_RE, LOWER_START_RE

_BULLET_RE = re.compile(r"^(?:-{1,3}|[•·●○◦▪■□◆◇►▶➢✓✔※*+–—])\s*(?=\S)")
_ENUM_RE = re.compile(
    r"^(?:\(?\d{1,2}\)|\d{1,2}[.、．](?!\d)|\(?[a-zA-Z]\)|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)|[①-⑳])\s*"
)
NUMBERED_HEADING_RE = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})*(?:\.|\s+(?=(?-i:[A-Z\u4e00-\u9fff])))|(?-i:[IVXLC]{1,6})\.|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
    r"|(?:chapter|part|section|article|annex|appendix|chapitre|partie|capítulo|parte|глава|раздел)\s+[\dIVXLC]+\b[.:]?\s*"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]\s*)",
    re.IGNORECASE,
)
_HEADING_NUMBER_SPACE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.)(?=[A-Za-z\u00c0-\u024f])")
_HEADING_START_RE = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f\d\u3400-\u9fff\"“«(]")
_OPEN_QUOTES = "\"“«「『‘'„"
_CLOSE_QUOTES = {"\"": "\"", "“": "”", "«": "»", "「": "」", "『": "』", "‘": "’", "'": "'", "„": "“"}
_ENDS_SENTENCE_RE = re.compile(r"[.!?…。！？：:;；][\"'”’»」』)）\]]*$")
_ENDS_CONTINUATION_RE = re.compile(r"[,，、]$")
_CJK_END_RE = re.compile(r"[\u4e00-\u9fff]$")
_CJK_START_RE = re.compile(r"^[\u4e00-\u9fff]")
# A document symbol ("SG/SM/21742", "A/RES/75/1"): neither a heading nor a headline.
CODE_RE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9/.\-_()]*$")


def _normalise_space(line: str) -> str:
    """Collapse internal runs of whitespace (Unicode spaces included) into one space."""
    if "\u200b" in line or "\ufeff" in line:
        line = line.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(line.split())


def _ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation or a colon, maybe followed by closing quotes."""
    return _ENDS_SENTENCE_RE.search(text[-10:]) is not None


def list_marker(line: str) -> bool:
    """Opens with a bullet ("•", "-") or a number or letter of a list ("1.", "(a)", "（一）", "①")."""
    return bool(_BULLET_RE.match(line) or _ENUM_RE.match(line))


def paragraphs(body: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of whitespace-normalised lines."""
    paras: list[list[str]] = []
    current: list[str] = []
    for raw in body.split("\n"):
        line = _normalise_space(raw)
        if line:
            current.append(line)
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _block_units(lines: list[str]) -> list[str]:
    """Split a block into passages, re-joining lines a page wrapped mid-sentence."""
    if len(lines) == 1:
        return list(lines)
    longest = max(len(line) for line in lines)
    units = [_Joined(lines[0])]
    prev_line = lines[0]
    for line in lines[1:]:
        starts_new = (
            list_marker(line)
            or BRACKET_SPEAKER_RE.match(line) is not None
            or SPEAKER_LINE_RE.match(line) is not None
            or SPEAKER_LINE_RE.match(prev_line) is not None
            or _ends_sentence(prev_line)
        )
        # Hard-wrapped text: lines of about the same, long, width, or a long line left mid-sentence.
        wrapped = LOWER_START_RE.match(line) is not None or wraps_into(prev_line, line) or (
            len(lines) >= 3 and longest >= 60 and len(prev_line) >= 0.75 * longest
        )
        if not starts_new and (wrapped or _ENDS_CONTINUATION_RE.search(prev_line[-1:])):
            units[-1].add(line)
        else:
            units.append(_Joined(line))
        prev_line = line
    return [unit.text() for unit in units]


def wraps_into(line: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence ``line`` leaves open, in one block of lines:
    a long line ending mid-sentence (no final stop, not a heading set in capitals), or one whose
    next line starts in lower case."""
    if _ends_sentence(line) or list_marker(line) or list_marker(following) or SPEAKER_LINE_RE.match(following):
        return False
    if LOWER_START_RE.match(following) or _ENDS_CONTINUATION_RE.search(line[-1:]):
        return True
    return len(line) >= 60 and not NUMBERED_HEADING_RE.match(line) and not _title_case(line)


def _title_case(line: str) -> bool:
    """Most words capitalised, as headings are: "China's Foreign Policy in the New Era"."""
    words = LATIN_WORD_RE.findall(line)
    if len(words) < 2:
        return False
    significant = [w for w in words if w.lower() not in NAME_JOINERS and len(w) > 3]
    return bool(significant) and sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def _separator(first: str, second: str) -> str:
    """What goes between two lines of one passage: nothing after a word broken by a hyphen or
    between Chinese characters, else a space. Only the last two characters of ``first`` count."""
    if first.endswith("-") and first[-2:-1].isalpha() and second[:1].islower():
        return ""
    if _CJK_END_RE.search(first[-1:]) and _CJK_START_RE.match(second):
        return ""
    return " "


def join_lines(first: str, second: str) -> str:
    return first + _separator(first[-2:], second) + second


class _Joined:
    """A passage put together from lines, as ``join_lines`` would join them, in time linear in its
    length (joining strings one line at a time would copy the passage again for every line).

    ``head`` and ``tail`` are the first and last characters, all that the tests on a passage
    still being joined look at: ``text_size`` reads 400 characters, ``_ends_sentence`` 10.
    """

    HEAD = 400
    TAIL = 10

    def __init__(self, text: str):
        self.pieces = [text]
        self.head = text[: self.HEAD]
        self.tail = text[-self.TAIL :]
        self.length = len(text)

    def add(self, text: str) -> None:
        separator = _separator(self.tail, text)
        self.pieces += (separator, text)
        if len(self.head) < self.HEAD:
            self.head = (self.head + separator + text[: self.HEAD])[: self.HEAD]
        self.tail = (self.tail + separator + text[-self.TAIL :])[-self.TAIL :]
        self.length += len(separator) + len(text)

    def text(self) -> str:
        return "".join(self.pieces)


def _rejoin_broken(units: list[str]) -> list[str]:
    """Join a passage that a page broke across a blank line ("…the same path" / "can be…")."""
    out: list[_Joined] = []
    for unit in units:
        if out and _is_broken_pair(out[-1], unit):
            out[-1].add(unit)
        else:
            out.append(_Joined(unit))
    return [passage.text() for passage in out]


def _is_broken_pair(first: _Joined, second: str) -> bool:
    # A "Name:" line is at most 60 characters and a space: its head is the whole of it.
    whole = first.head if first.length == len(first.head) else ""
    if list_marker(second) or SPEAKER_LINE_RE.match(second) or SPEAKER_LINE_RE.match(whole):
        return False
    if _ends_sentence(first.tail):
        return False
    if _ENDS_CONTINUATION_RE.search(first.tail[-1:]) and text_size(first.head) >= 4:
        return True
    if first.tail.endswith("-") and first.tail[-2:-1].isalpha() and second[:1].islower():
        return True  # "major-" / "country relations"
    if text_size(first.head) < 8:
        return False  # A heading or a label, not half a sentence.
    if LOWER_START_RE.match(second):
        return True
    return bool(_CJK_END_RE.search(first.tail[-1:]) and _CJK_START_RE.match(second) and first.length >= 20)


# Classifying a passage --------------------------------------------------------


def _classify(text: str, *, next_text: str | None) -> ParsedSection:
    """Kind of a passage outside a dialogue: heading, list item, quotation, paragraph."""
    ends = _ends_sentence(text)
    short = len(text) <= 160
    if short and not ends and NUMBERED_HEADING_RE.match(text) and text_size(text) <= 15:
        return ParsedSection(kind=SectionKind.HEADING, text=_HEADING_NUMBER_SPACE_RE.sub(r"\1 ", text))
    bullet = _BULLET_RE.match(text)
    if bullet:
        return ParsedSection(kind=SectionKind.LIST_ITEM, text=text[bullet.end() :].strip())
    if _ENUM_RE.match(text):
        return ParsedSection(kind=SectionKind.LIST_ITEM, text=text)
    if text[0] in _OPEN_QUOTES and _is_quotation(text):
        return ParsedSection(kind=SectionKind.QUOTATION, text=text)
    if (
        short
        and next_text is not None
        and not ends
        and not CODE_RE.match(text)
        and not text.endswith((",", "，", "、"))
        and _HEADING_START_RE.match(text)
        and (len(text) <= 30 if CJK_RE.search(text) else text_size(text) <= 12)
        and (text_size(next_text) > text_size(text) or list_marker(next_text))
    ):
        return ParsedSection(kind=SectionKind.HEADING, text=text)
    return ParsedSection(kind=SectionKind.PARAGRAPH, text=text)


def _is_quotation(text: str) -> bool:
    if len(text) < 3 or text[0] not in _OPEN_QUOTES:
        return False
    close = _CLOSE_QUOTES[text[0]]
    stripped = text.rstrip(" .。")
    if not stripped.endswith(close):
        return False
    inner = stripped[1:-1]
    # "A" said B "C" is not a quotation: the quote must not close and reopen with text between.
    if close != text[0]:
        depth = 0
        for ch in inner:
            if ch == text[0]:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth < 0:
                    return False
    return True


def body_sections(paras: list[list[str]]) -> tuple[list[ParsedSection], bool]:
    """Sections of the body; second value: whether the body is a dialogue."""
    units: list[str] = []
    for para in paras:
        units.extend(_block_units(para))
    units = _rejoin_broken(units)
    turns = find_turns(units)
    if turns is None:
        sections = [
            _classify(text, next_text=units[i + 1] if i + 1 < len(units) else None) for i, text in enumerate(units)
        ]
        return sections, False
    answerers, moderators = answerers_and_moderators(turns)
    sections = []
    for i, unit in enumerate(turns):
        if not unit.speaker:
            nxt = turns[i + 1].text if i + 1 < len(turns) else None
            sections.append(_classify(unit.text, next_text=nxt))
        elif unit.speaker in moderators:
            sections.append(ParsedSection(kind=SectionKind.PARAGRAPH, text=unit.text, speaker=unit.speaker))
        else:
            kind = SectionKind.ANSWER if unit.speaker in answerers else SectionKind.QUESTION
            sections.append(ParsedSection(kind=kind, text=unit.text, speaker=unit.speaker))
    return sections, True


# Passages longer than the cap -------------------------------------------------

DEFAULT_MAX_PASSAGE_CHARS = 4000
# Where a sentence ends: ". ! ?" and any closing quotes or brackets, before a space and a word
# that does not begin in lower case ("e.g. the" goes on); "。！？" and any closing quotes.
_SENTENCE_BREAK_RE = re.compile(r"[.!?][\"'”’»)\]]*+(?= (?![a-z\u00df-\u00ff]))|[。！？][”’」』）)\]\"']*+")


def capped(sections: list[ParsedSection], *, limit: int) -> list[ParsedSection]:
    """``sections`` with every passage over ``limit`` characters split into several, each of
    the same kind and speaker (a long answer stays an answer by the same person)."""
    out: list[ParsedSection] = []
    for section in sections:
        if len(section.text) <= limit:
            out.append(section)
        else:
            out.extend(replace(section, text=part) for part in _split_passage(section.text, limit=limit))
    return out


def _split_passage(text: str, *, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` characters: cut where a sentence ends, else (one
    sentence over the limit) at a space, else (no space: an unspaced script) between two
    characters. Each cut is as near as it can be to an equal share of what is left.

    Nothing is lost: a cut is either between two characters or at one space, which no part
    keeps, so ``text`` is the parts joined with a space where the cut was at one (passages are
    whitespace-normalised: one space between words).
    """
    limit = max(limit, 1)
    breaks = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text)]
    parts: list[str] = []
    start = index = 0
    while len(text) - start > limit:
        end = start + limit
        ideal = equal_share(length=len(text), start=start, limit=limit)
        while index < len(breaks) and breaks[index] <= start:
            index += 1
        cut = None
        for position in breaks[index:]:  # the sentence end nearest the ideal, within the limit
            if position > end:
                break
            if cut is None or abs(position - ideal) < abs(cut - ideal):
                cut = position
            if position >= ideal:
                break
        if cut is None:
            cut = _space_near(text, start=start, ideal=ideal, end=end)
        parts.append(text[start:cut])
        start = cut + 1 if text[cut] == " " else cut
    parts.append(text[start:])
    return parts


def _space_near(text: str, *, start: int, ideal: int, end: int) -> int:
    """The space in ``text[start + 1 : end + 1]`` nearest ``ideal``; without one, ``ideal``
    itself, moved back off a combining mark so that no character is cut from its accents."""
    spaces = [i for i in (text.rfind(" ", start + 1, ideal + 1), text.find(" ", ideal, end + 1)) if i >= 0]
    return nearest_cut(text, spaces, start=start, ideal=ideal)
