"""Line classification: why one line of a page is furniture, and the furniture inside a kept line.

``furniture_reason`` looks at a line alone: its shape (short, made of menu-like tokens or
separators) together with the vocabulary of ``vocabulary.py``. A line that reads like a real
sentence is kept even when it contains a furniture word such as "copyright" or "comments".
``strip_fragments`` takes a counter or a byline out of a line that also carries a source or a
date; ``site_from_banner`` reads the site's name from a "Welcome to ..." banner.
"""

from __future__ import annotations

import re

from .measure import DATE_HINT_RE, SENTENCE_END_RE, is_prose, strip, text_size
from .vocabulary import (
    BANNER_RE,
    BREADCRUMB_RE,
    COMMENT_ONLY_RE,
    COMMENT_START_RE,
    CONTACT_RE,
    COUNTER_RE,
    CREDIT_RE,
    EDITOR_LINE_RE,
    EDITOR_NEEDS_COLON_RE,
    EMAIL_OR_PHONE_ONLY_RE,
    FONT_CONTROL_RE,
    FOOTER_STRONG_RE,
    FOOTER_WEAK_RE,
    HEADING_TRIM,
    NAV_MARK_RE,
    NAV_SPLIT_RE,
    NAV_WORD_RE,
    PAGER_TOKEN_RE,
    PAGER_WORD_RE,
    PREV_NEXT_RE,
    PROMO_RE,
    RELATED_RE,
    RULE_RE,
    SEGMENT_SPLIT_RE,
    SHARE_RE,
    SITE_PREFIX_RE,
    TOOL_TOKEN_RE,
    WEAK_TOOL_TOKENS,
)


def furniture_reason(line: str) -> str:
    """Say why ``line`` (one line of a page) is furniture, or return ``""``.

    Looks at the line alone; ``clean`` adds the rules that need context (lists
    under a "Related" heading, the page footer block, repeated menus).
    """
    s = strip(line)
    if not s:
        return ""
    if RULE_RE.match(s):
        return "rule"
    size = text_size(s)
    if size > 40 or len(s) > 400:
        return ""
    # Strong signals: these win even over a sentence-like line.
    if FOOTER_STRONG_RE.search(s) and size <= 35:
        return "footer"
    if COMMENT_START_RE.match(s) and size <= 20:
        return "comments"
    if BANNER_RE.match(s) and size <= 15:
        return "banner"
    if is_prose(s):
        return ""
    if COMMENT_ONLY_RE.match(s):
        return "comments"
    if FONT_CONTROL_RE.match(s):
        return "tool bar"
    tokens = _covering_tokens(s, TOOL_TOKEN_RE)
    if tokens and any(t.lower() not in WEAK_TOOL_TOKENS for t in tokens):
        return "tool bar"
    if SHARE_RE.match(s) and size <= 12:
        return "share bar"
    if _is_pager(s):
        return "pager"
    if PREV_NEXT_RE.match(s):
        return "pager"
    if _is_editor_line(s):
        return "editor"
    counter_free = COUNTER_RE.sub("", s)
    if counter_free != s and not re.search(r"\w", counter_free):
        return "counter"
    if RELATED_RE.match(s.strip(HEADING_TRIM)) and size <= 10:
        return "related"
    if CONTACT_RE.match(s) or (EMAIL_OR_PHONE_ONLY_RE.match(s) and not DATE_HINT_RE.search(s)):
        return "contact"
    if FOOTER_WEAK_RE.search(s) and size <= 25:
        return "footer"
    if BREADCRUMB_RE.match(s):
        return "navigation"
    if PROMO_RE.match(s) and size <= 15:
        return "promotion"
    if CREDIT_RE.match(s):
        return "photo credit"
    if _is_menu(s):
        return "navigation"
    parts = [p for p in SEGMENT_SPLIT_RE.split(s)[::2] if strip(p)]
    if len(parts) >= 2:
        # "【纠错】 【责任编辑：王頔】": every part of the line is furniture.
        reasons = [furniture_reason(p) for p in parts]
        if all(reasons):
            return reasons[0]
    return ""


def _covering_tokens(s: str, token_re: re.Pattern[str]) -> list[str]:
    """Tokens of ``token_re`` when they cover every letter/digit of ``s``, else []."""
    tokens: list[str] = []
    pos = 0
    for m in token_re.finditer(s):
        if m.start() > pos and not _is_separators(s[pos : m.start()]):
            return []
        tokens.append(m.group())
        pos = m.end()
    if pos < len(s) and not _is_separators(s[pos:]):
        return []
    return tokens


_SEPARATORS_RE = re.compile(r"[\W_]*")


def _is_separators(gap: str) -> bool:
    return _SEPARATORS_RE.fullmatch(gap) is not None


def _is_pager(s: str) -> bool:
    tokens = _covering_tokens(s, PAGER_TOKEN_RE)
    if not tokens:
        return False
    numbers = sum(t.isdigit() for t in tokens)
    has_nav_word = PAGER_WORD_RE.search(s) is not None
    return numbers >= 2 or has_nav_word or (numbers >= 1 and len(tokens) >= 3)


def _is_editor_line(s: str) -> bool:
    if not EDITOR_NEEDS_COLON_RE.match(s):
        return False
    m = EDITOR_LINE_RE.match(s)
    return m is not None and text_size(m.group("value")) <= 6


def _is_menu(s: str) -> bool:
    """A line of short items separated by bars, bullets, arrows or wide gaps."""
    if DATE_HINT_RE.search(s):
        return False
    items = [i for i in NAV_SPLIT_RE.split(s) if i]
    if len(items) < 2:
        return False
    if len(items) < 4 and not NAV_MARK_RE.search(s):
        # Items only set apart by wide gaps: signatures and tables look like that too.
        return False
    for item in items:
        if text_size(item) > 4 or len(item) > 30 or SENTENCE_END_RE.search(item):
            return False
        if item.endswith((":", "：")):
            return False
    if len(items) >= 3:
        return True
    return any(NAV_WORD_RE.match(i) for i in items)


def strip_fragments(s: str) -> tuple[str, list[str]]:
    """Remove furniture *parts* of a line that also carries something worth keeping.

    "2019-11-29 16:31:41 Click Num:1369" keeps the date and loses the counter;
    "Source: Xinhua | 2020-01-13 | Editor: Li Yan" keeps source and date. Returns the
    new line and the removed fragments.
    """
    removed: list[str] = []
    parts = SEGMENT_SPLIT_RE.split(s)
    # parts alternates: text, separator, text, separator, ...
    if len(parts) > 1:
        kept: list[str] = []
        pending_sep = ""
        for index, part in enumerate(parts):
            if index % 2:
                pending_sep = part
                continue
            if part and furniture_reason(part) and not DATE_HINT_RE.search(part):
                removed.append(strip(part))
                continue
            if kept:
                kept.append(pending_sep)
            kept.append(part)
        if removed:
            s = "".join(kept)
    counters = [m.group().strip() for m in COUNTER_RE.finditer(s)]
    if counters:
        s = COUNTER_RE.sub("", s)
        s = _strip_edge_bars(s)
        s = strip(re.sub(r"[ \t\u00a0\u3000]{2,}", " ", s))
        removed.extend(counters)
    return s, removed


_BARS = ("|", "｜")


def _strip_edge_bars(s: str) -> str:
    """Drop a bar and the whitespace around it at the start and at the end of ``s``.

    "Source: Xinhua | " once its counter is gone -> "Source: Xinhua". Written without a
    pattern: a search for a bar at the end would scan each long run of spaces again from
    each of its spaces.
    """
    head = s.lstrip()
    if head[:1] in _BARS:
        s = head[1:].lstrip()
    tail = s.rstrip()
    if tail[-1:] in _BARS and tail:
        s = tail[:-1].rstrip()
    return s


def site_from_banner(s: str) -> str:
    """"Welcome to China South South Cooperation Network" -> the site's name ("" if no banner)."""
    m = BANNER_RE.match(strip(s))
    if not m:
        return ""
    site = SITE_PREFIX_RE.sub("", m.group("site")).strip(" ,.!！。")
    return site
