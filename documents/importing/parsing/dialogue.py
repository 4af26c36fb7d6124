"""Dialogues: the speakers' turns of a press conference or an interview, and who answers.

A text is a dialogue when its passages open with speaker labels ("Ma Zhaoxu:", "Q: ...",
"【記者】...") naming at least two speakers who ask and answer, or who take the floor again.
``find_turns`` gives each passage its speaker (a passage without a label continues the turn);
``answerers_and_moderators`` decides who answers (spokespersons, the person asked) and who
moderates; everyone else asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from documents.importing.cleaning import furniture_reason

from .scripts import CJK_RE

SPEAKER_LINE_RE = re.compile(r"^(?P<name>[^:：]{1,60}?)\s*[:：]$")
INLINE_SPEAKER_RE = re.compile(r"^(?P<name>[^:：]{1,60}?)\s*[:：]\s*(?P<text>\S.*)$")
# Japanese and Chinese transcripts set the speaker in lenticular brackets: "【記者】…", "【大臣】…".
BRACKET_SPEAKER_RE = re.compile(r"^【(?P<name>[^【】:：]{1,20})】\s*(?P<text>\S.*)?$")


@dataclass
class Turn:
    """One passage on its way to becoming a section, with its speaker ("" when no one is speaking)."""

    text: str
    speaker: str = ""
    label_only: bool = False  # a "Name:" line announcing the next turn


_ASKER_LABELS = frozenset(
    "q|q.|question|questions|reporter|journalist|correspondent|interviewer|问|問|记者|記者|提问|提問"
    "|pregunta|вопрос|frage".split("|")
)
_ANSWER_LABELS = frozenset(
    "a|a.|answer|answers|spokesperson|spokesman|spokeswoman|答|回答|发言人|發言人|réponse|respuesta|ответ|antwort".split("|")
)
_MODERATOR_LABELS = frozenset(
    "host|moderator|presenter|anchor|chair|chairman|chairperson|chairwoman|mc|主持人|主持".split("|")
)
_NOT_SPEAKERS = frozenset(
    "source|sources|editor|editors|date|time|note|notes|nb|photo|photos|video|tel|fax|email|e-mail|address|tags"
    "|keywords|key words|url|link|title|subject|from|to|by|update|updated|published|location|venue|attachment"
    "|annex|summary|abstract|background|example|examples|definition|conclusion|introduction|result|results"
    "|warning|important|ps|p.s|re|cc|tip|caption|credit|credits|contact|website|web|remarks|agenda|topic|theme"
    "|place|author|authors|translator|translated by|chapter|part|article|section|step|phase|figure|table"
    "|politically|economically|culturally|militarily|socially|finally|meanwhile|however|therefore|moreover|in short"
    "|来源|來源|编辑|編輯|时间|時間|日期|地点|地點|作者|注|附件|关键词|關鍵詞|标签|摘要|备注|说明|原文|链接|题目|主题|译者".split("|")
)
_ENUMERATION_LABEL_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十\d]+|其[一二三四五六七八九十次]|首先|其次|再次|最后|此外|另外"
    r"|(?:first|second|third|fourth|fifth|last)(?:ly)?|step\s+\d+|\d+)$"
)
_OUTLET_RE = re.compile(
    r"(?<![A-Za-z])(?:news|tv|radio|agency|daily|times|post|press|journal|herald|tribune|media|network|broadcast"
    r"|broadcasting|channel|magazine|weekly|gazette|reuters|afp|ap|bloomberg|cnn|bbc|nhk|kyodo|yonhap|xinhua|cctv"
    r"|cgtn|phoenix|tass|sputnik|ria|efe|dpa|ansa|al\s+jazeera|asahi|nikkei|ifeng|caixin|dw|rfi|abc|nbc|cbs|fox"
    r"|npr|sbs|kbs|mbc|arirang|reporter|journalist|correspondent)(?![A-Za-z])"
    r"|社$|报$|報$|台$|网$|網$|记者|記者|新闻|新聞|通讯社|通訊社|媒体|媒體|电视|電視|周刊|週刊|杂志|雜誌",
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"^(?:[A-Z\u00c0-\u00de\u0400-\u042f][\w.'’\-]*|\d+\w*|[A-Z]\.|\(.*\)|&)$")
NAME_JOINERS = frozenset("of the de da di du del della van von bin al el la le y and for from at with".split())
_CJK_NAME_RE = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9·•（）()\s]{1,16}$")


def speaker_role(name: str) -> str | None:
    """Role a label implies: "q" (asker), "a" (answerer), "m" (moderator), "" (a person), None (not a speaker)."""
    label = name.strip().lower().rstrip(".")
    if not label or label in _NOT_SPEAKERS or label.split()[0] in _NOT_SPEAKERS:
        return None
    if _ENUMERATION_LABEL_RE.match(label):
        return None
    if label in _ASKER_LABELS or _without_number(label) in ("q", "question", "问", "問"):
        return "q"
    if label in _ANSWER_LABELS or _without_number(label) in ("a", "answer", "答"):
        return "a"
    if label in _MODERATOR_LABELS:
        return "m"
    if not _looks_like_name(name) or furniture_reason(name):
        return None
    if re.search(r"(?:spokes(?:person|man|woman)|发言人|發言人)$", label):
        return "a"
    if _OUTLET_RE.search(name):
        return "q"
    return ""


def _without_number(label: str) -> str:
    """A numbered label without its number: "q 2" -> "q", "question3" -> "question"."""
    end = len(label)
    while end and label[end - 1].isdecimal():
        end -= 1
    return label[:end].rstrip() if end < len(label) else label


def _looks_like_name(name: str) -> bool:
    """A person, an outlet or an office: "Ma Zhaoxu", "Phoenix TV", "法新社记者", "H.E. Wang Yi"."""
    name = name.strip()
    if CJK_RE.search(name):
        return _CJK_NAME_RE.match(name) is not None
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50:
        return False
    if any(ch in name for ch in ",;!?\"“”"):
        return False
    if words[0].lower() in _SENTENCE_STARTERS:
        return False  # "Since the 16", "In 2019", "This year": the start of a sentence.
    capitals = 0
    for word in words:
        if _NAME_WORD_RE.match(word):
            capitals += 1
        elif word.lower() not in NAME_JOINERS:
            return False
    return capitals >= 1 and bool(re.match(r"^[A-Z\u00c0-\u00de\u0400-\u042f\d(]", name))


_SENTENCE_STARTERS = frozenset(
    "since when while after before in on at for from with as if this that these those it we they he she i you"
    " our its their there here and but or so also then thus today now some all any each every both many most"
    " such no not only even yet still however moreover therefore meanwhile furthermore besides what why how"
    " who which where one two three first second third last next finally overall".split()
)


def _speaker_label(text: str) -> tuple[str, str] | None:
    """(speaker, what they say here) when ``text`` opens a turn: "【記者】…", "Ma Zhaoxu:" on its
    own line (nothing said yet), "Q: …"; ``None`` for a label that names no speaker."""
    matches = [BRACKET_SPEAKER_RE.match(text)]
    if ":" in text[:64] or "：" in text[:64]:
        matches.append(SPEAKER_LINE_RE.match(text) or INLINE_SPEAKER_RE.match(text))
    for m in matches:
        if m and speaker_role(m.group("name")) is not None:
            return m.group("name").strip(), (m.groupdict().get("text") or "").strip()
    return None


def find_turns(units: list[str]) -> list[Turn] | None:
    """Read the units as a dialogue; ``None`` when the text is not one.

    A dialogue has turns announced by "Name:" lines or "Name: text" openings:
    at least two distinct speakers (or a question/answer pair such as Q:/A:).
    """
    marked: list[Turn] = []
    speakers: dict[str, str | None] = {}
    for text in units:
        label = _speaker_label(text)
        if label is None:
            marked.append(Turn(text=text))
            continue
        name, said = label
        speakers[name] = speaker_role(name)
        marked.append(Turn(text=said, speaker=name, label_only=not said))
    roles = set(speakers.values())
    if len(speakers) < 2:
        return None
    qa_pair = "q" in roles and ("a" in roles or "" in roles)
    if not qa_pair and not _takes_turns([u.speaker for u in marked if u.speaker]):
        # "Goal: ...", "Principle: ...", "Task: ..." are labels, not speakers:
        # a dialogue has someone asking or speakers taking the floor again.
        return None
    # Continuation paragraphs belong to whoever is speaking.
    current = ""
    turns: list[Turn] = []
    for unit in marked:
        if unit.speaker:
            current = unit.speaker
            if unit.label_only:
                continue
        elif current:
            unit.speaker = current
        turns.append(unit)
    if not any(unit.speaker for unit in turns):
        return None  # Labels with nothing said after them.
    return turns


def _takes_turns(sequence: list[str]) -> bool:
    """True when a speaker takes the floor again after someone else (A, B, A)."""
    seen: set[str] = set()
    previous = ""
    for speaker in sequence:
        if speaker != previous:
            if speaker in seen:
                return True
            seen.add(speaker)
            previous = speaker
    return False


def answerers_and_moderators(turns: list[Turn]) -> tuple[set[str], set[str]]:
    """Decide who answers and who moderates.

    Generic labels decide first (A:, 答：, Spokesperson; Q:, 记者：; Host:);
    outlets and journalists ask. When persons remain, they answer if someone
    already asks; otherwise the person who speaks most is the one answering.
    """
    chars: dict[str, int] = {}
    order: list[str] = []
    for unit in turns:
        if unit.speaker:
            if unit.speaker not in chars:
                order.append(unit.speaker)
            chars[unit.speaker] = chars.get(unit.speaker, 0) + len(unit.text)
    roles = {name: speaker_role(name) for name in order}
    answer = {n for n, r in roles.items() if r == "a"}
    moderators = {n for n, r in roles.items() if r == "m"}
    askers = {n for n, r in roles.items() if r == "q"}
    persons = [n for n, r in roles.items() if r == ""]
    if persons:
        # A person who takes the floor right after a journalist answers them.
        previous = ""
        for unit in turns:
            if unit.speaker and unit.speaker != previous:
                if previous in askers and unit.speaker in persons:
                    answer.add(unit.speaker)
                previous = unit.speaker
        if not answer:
            answer.add(max(persons, key=lambda n: chars[n]))
    if not answer:
        answer.add(max(order, key=lambda n: chars[n]))
    return answer, moderators
