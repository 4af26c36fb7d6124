"""Excerpts: the words of a passage around what was found, escaped, with the matches in <mark>.

An excerpt is made from a window of the passage only, ``headline_chars()`` characters placed
``EXCERPT_MARGIN`` characters before the first of ``excerpt_needles`` found in it: the backends
read that window (``Row.text``) and highlight it (PostgreSQL's ``ts_headline``, FTS5's
``snippet`` for a passage that fits the window); ``excerpt`` turns what they read into the HTML
a result shows, marking the window itself where the database marked nothing (unspaced scripts;
SQLite's long passages). The cost of an excerpt is the same for a passage of 2 KB and of 2 MB.
Matches are marked with the control characters ``START`` and ``STOP``, which queries never hold.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import ENGLISH_STOP_WORDS, UNSPACED_RUN, Query, chinese_variants
from .results import Row

EXCERPT_WORDS = 40
EXCERPT_MARGIN = 100  # characters of a passage kept before its first match in the excerpt window
HIGHLIGHT_WORDS = 8  # distinct words an excerpt is placed and highlighted with, at most

START, STOP = "\x01", "\x02"  # highlight markers: control characters, stripped from queries
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


def mark_excerpt(marked: str) -> SafeString:
    """Escape text that marks matches with \\x01…\\x02, then turn the markers into <mark>."""
    escaped = escape(marked)
    html = _MARKED.sub(r"<mark>\1</mark>", escaped).replace(START, "").replace(STOP, "")
    return mark_safe(html)  # noqa: S308 - every character of the text went through escape()


def headline_chars() -> int:
    """The length of the window of a passage an excerpt is made from (``POLICYARCHIVE_HEADLINE_CHARS``).

    Highlighting (``ts_headline``, FTS5's ``snippet``) costs time and memory that grow faster than
    the text it reads; reading a window of fixed length, placed at the passage's first match, makes
    the cost of an excerpt the same for a passage of 2 KB and of 2 MB."""
    return max(200, int(getattr(settings, "POLICYARCHIVE_HEADLINE_CHARS", 2000)))


_SUFFIXES = ("fulness", "ments", "ment", "ness", "ings", "ing", "ful", "ies", "ied", "ed", "es", "s", "ly", "y", "e")


def _rough_stem(word: str) -> str:
    """The beginning a word's forms share, roughly (developments, developing -> develop): where
    to place an excerpt, and what SQLite marks in a long passage. Never shorter than 4 letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _wanted(query: Query) -> tuple[list[str], list[str], list[str]]:
    """What the query looks for, lower case, each once: quoted phrases and unspaced runs (with
    their Chinese variants), English words (no stop words), and their rough stems."""
    phrases: list[str] = []
    words: list[str] = []
    for term in query.terms:
        if term.negated:
            continue
        if term.unspaced:
            phrases += [variant.lower() for variant in chinese_variants(term.text)]
            continue
        if term.phrase:
            phrases.append(" ".join(term.text.lower().split()))
        words += [w for w in term.words if w not in ENGLISH_STOP_WORDS]
    words = list(dict.fromkeys(words))
    stems = list(dict.fromkeys(_rough_stem(w) for w in words))
    return list(dict.fromkeys(phrases)), words, stems


def excerpt_needles(query: Query) -> list[str]:
    """Lower-case strings that place a passage's excerpt window, by preference: the phrases, the
    words, their rough stems; the first one found in the passage wins (at most HIGHLIGHT_WORDS)."""
    phrases, words, stems = _wanted(query)
    return list(dict.fromkeys(n for n in [*phrases, *words, *stems] if n))[:HIGHLIGHT_WORDS]


def _without_cut_words(text: str, *, head: bool, tail: bool) -> str:
    """``text`` without the words a window's edges may have cut in two (never a marked word).
    Text with no space near its start (Chinese) is left whole."""
    if head and " " in text[:40]:
        first, _, rest = text.lstrip().partition(" ")
        if START not in first and rest.strip():
            text = rest
    if tail and " " in text[-40:]:
        rest, _, last = text.rstrip().rpartition(" ")
        if STOP not in last and rest.strip():
            text = rest
    return text


def _first_words(text: str, count: int = EXCERPT_WORDS, *, before: bool = False, after: bool = False) -> str:
    """The first ``count`` words; ``before``/``after``: the text is a window with more around it."""
    text = _without_cut_words(text, head=before, tail=after)
    words = text.split(None, count)  # stops after ``count`` words, however long the text
    more = len(words) > count or after
    return ("… " if before else "") + " ".join(words[:count]) + (" …" if more else "")


def _marked_window(text: str, pattern: re.Pattern, *, width: int = 60, before: bool = False,
                   after: bool = False) -> str | None:
    """About ``2 * width`` characters of ``text`` from just before the first match of ``pattern``,
    every match marked; None when nothing matches. ``before``/``after`` as for ``_first_words``."""
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - width // 2)
    end = start + width * 2
    cut_before, cut_after = before or start > 0, after or end < len(text)
    window = _without_cut_words(text[start:end], head=cut_before, tail=cut_after)
    window = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
    return ("… " if cut_before else "") + window + (" …" if cut_after else "")


def _clip_headline(headline: str, window: str, *, before: bool, after: bool) -> str:
    """A database excerpt of a window, with an ellipsis wherever the passage goes on beyond it;
    where it reaches the window's edge inside the passage, without the word cut in two there."""
    plain = headline.replace(START, "").replace(STOP, "").split()
    edges = window.split()
    at_start, at_end = plain[:3] == edges[:3], plain[-3:] == edges[-3:]
    clipped = _without_cut_words(headline, head=at_start and before, tail=at_end and after)
    lead = "" if (at_start and not before) or clipped.lstrip().startswith("…") else "… "
    trail = "" if (at_end and not after) or clipped.rstrip().endswith("…") else " …"
    return lead + clipped.strip() + trail


def excerpt(row: Row, query: Query) -> SafeString:
    """The excerpt of a result: the database's highlight of the passage's window when it marked
    something, else the window marked here (unspaced scripts; SQLite's long passages), else the
    window's first words. Reads nothing but the window (``headline_chars()``)."""
    before, after = row.start > 1, row.more
    if row.headline and START in row.headline:
        return mark_excerpt(_clip_headline(row.headline, row.text, before=before, after=after))
    phrases, _, stems = _wanted(query)
    unspaced = [p for p in phrases if UNSPACED_RUN.search(p)]
    alternatives = [re.escape(n) for n in sorted(set(unspaced), key=len, reverse=True)]
    words = [] if row.headline else stems  # no highlight was made (SQLite: a passage longer than the window)
    alternatives += [rf"\b{re.escape(stem)}\w*" for stem in sorted(words, key=len, reverse=True)]
    if alternatives and row.text:
        pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        marked = _marked_window(row.text, pattern, width=120 if words else 60, before=before, after=after)
        if marked:
            return mark_excerpt(marked)
    if row.headline:
        return mark_excerpt(_clip_headline(row.headline, row.text, before=before, after=after))
    return mark_excerpt(_first_words(row.text or "", before=before, after=after))

