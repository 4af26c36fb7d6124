"""A text cleaned line by line: each line's own rules, then the rules that need the lines around it.

``clean_lines`` asks ``furniture.py`` about every line, then drops the link-like lines under a
"Related ..." heading, the site's name above the navigation (the masthead), the page footer
after the last real paragraph, menus repeated at the top and the bottom, and the running
headers and footers of a paginated text (a PDF's) with their page numbers. It returns the text
with its blank lines, what it removed in page order, and what the page says about itself.
"""

from __future__ import annotations

import re
from collections import Counter

from .furniture import furniture_reason, site_from_banner, strip_fragments
from .vocabulary import COUNTER_RE
from .measure import DATE_HINT_RE, INVISIBLE, SENTENCE_END_RE, is_prose, strip, text_size

# A page number set beside a running header or footer, after a wide gap or a rule of dashes.
# Linear: a match may only begin where a run of whitespace begins ``(?<!\s)``, so the search
# does not scan a long run again from each of its spaces; the runs are taken possessively.
_FOLIO_RE = re.compile(
    r"(?<!\s)(?:\s{3,}+|\s++[-–—|·]\s*+)\d{1,4}+\s*+$|^\d{1,4}+(?:\s{3,}+|\s*+[-–—|·]\s+)"
)

_BULLET_RE = re.compile(r"^(?:[•·●○◦▪■□◆◇►▶➢>»\-–—*]+|\d{1,2}[.)、])\s*")


def clean_lines(lines: list[str]) -> tuple[str, list[str], dict]:
    """Apply the line rules and the context rules; return text, removed, meta."""
    n = len(lines)
    stripped = [strip(line) for line in lines]
    reasons = [furniture_reason(s) if s else "" for s in stripped]
    prose = [bool(s) and not reasons[i] and is_prose(s) for i, s in enumerate(stripped)]
    drop = [bool(r) for r in reasons]
    fragments: dict[int, list[str]] = {}
    new_text: dict[int, str] = {}
    meta: dict = {}

    for i, reason in enumerate(reasons):
        if reason == "banner" and "source" not in meta:
            site = site_from_banner(stripped[i])
            if site:
                meta["source"] = site
        elif reason == "related":
            _drop_related_list(i, stripped, prose, drop, reasons)

    _drop_masthead(stripped, prose, drop, reasons, meta)
    _drop_navigation(stripped, prose, drop, reasons, meta)

    # The page footer: after the last real paragraph, everything from the first
    # furniture line on is furniture too ("Product Directory", "Hot Buys", ...).
    last_prose = max((i for i in range(n) if prose[i] and not drop[i]), default=-1)
    if last_prose >= 0:
        first_tail = next((i for i in range(last_prose + 1, n) if drop[i] and reasons[i] != "rule"), n)
        for i in range(first_tail, n):
            if stripped[i] and not drop[i]:
                drop[i] = True
                reasons[i] = "page footer"

    # Menus repeated at the top and the bottom of the page.
    repeated = Counter(s for s in stripped if s and ("|" in s or "｜" in s))
    for i, s in enumerate(stripped):
        if not drop[i] and repeated.get(s, 0) >= 2 and not prose[i] and not DATE_HINT_RE.search(s):
            drop[i] = True
            reasons[i] = "repeated menu"

    # Running headers and footers of a paginated text (a PDF's): the same short line over and
    # over with the page number beside it ("China's National Defense in the New Era    2").
    folio_free = [_FOLIO_RE.sub("", s) if s else "" for s in stripped]
    running = Counter(f for f, s in zip(folio_free, stripped) if f and f != s)
    for i, s in enumerate(stripped):
        f = folio_free[i]
        if (not drop[i] and f and f != s and running.get(f, 0) >= 2 and not prose[i]
                and text_size(f) <= 15 and re.search(r"\w", f)):
            drop[i] = True
            reasons[i] = "running header"

    # Fragments inside lines that are kept.
    for i, s in enumerate(stripped):
        if s and not drop[i] and not prose[i]:
            new, parts = strip_fragments(s)
            if parts:
                fragments[i] = parts
                if strip(new):
                    new_text[i] = new
                    if "posted" not in meta and any(COUNTER_RE.search(part) for part in parts):
                        # "2019-11-29 16:31:41 Click Num:1369": the line, without its counter,
                        # gives when a portal posted the page, not when the document was issued.
                        meta["posted"] = strip(new)
                else:
                    drop[i] = True

    out: list[str] = []
    removed: list[str] = []
    gap_has_removal = False
    for i, line in enumerate(lines):
        if drop[i]:
            if i in fragments and not stripped[i]:
                removed.extend(fragments[i])
            else:
                removed.append(stripped[i])
            gap_has_removal = True
            continue
        if i in fragments:
            removed.extend(fragments[i])
            line = new_text[i]
        line = line.rstrip().rstrip(INVISIBLE).rstrip()
        if not strip(line):
            # Collapse blank runs left around a removed line into one blank line.
            if gap_has_removal and out and out[-1] == "":
                continue
            out.append("")
            continue
        gap_has_removal = False
        out.append(line)
    while out and out[0] == "":
        out.pop(0)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out), removed, meta


def _drop_related_list(
    heading: int, stripped: list[str], prose: list[bool], drop: list[bool], reasons: list[str]
) -> None:
    """Drop the short link-like lines listed under a "Related ..." heading."""
    n = len(stripped)
    j = heading + 1
    while j < n:
        s = stripped[j]
        if not s or drop[j]:
            j += 1
            continue
        if prose[j] or text_size(s) > 30 or len(s) > 250:
            return
        nxt = next((k for k in range(j + 1, n) if stripped[k] and not drop[k]), None)
        listed = _BULLET_RE.match(s) is not None or DATE_HINT_RE.search(s) is not None
        if nxt is not None and prose[nxt] and not listed:
            # A short line right before a real paragraph is that paragraph's
            # headline or title, not one more link.
            return
        drop[j] = True
        reasons[j] = "related list"
        j += 1


def _drop_masthead(
    stripped: list[str], prose: list[bool], drop: list[bool], reasons: list[str], meta: dict
) -> None:
    """Drop the site name printed above the page's navigation bar or breadcrumb.

    Only at the head of the page, only a few short lines, and only when a line
    (the headline) is left between the navigation and the first paragraph.
    """
    first_prose = next((i for i, p in enumerate(prose) if p), len(stripped))
    nav = next(
        (i for i in range(first_prose) if reasons[i] == "navigation"),
        None,
    )
    if nav is None:
        return
    if not any(stripped[i] and not drop[i] for i in range(nav + 1, first_prose)):
        return
    above = [i for i in range(nav) if stripped[i] and not drop[i]]
    if not above or len(above) > 3 or any(text_size(stripped[i]) > 12 for i in above):
        return
    for i in above:
        drop[i] = True
        reasons[i] = "masthead"
    if "source" not in meta and not DATE_HINT_RE.search(stripped[above[0]]):
        meta["source"] = stripped[above[0]]


# A language switch names languages in their own words; a closed set, whatever the site.
LANGUAGE_ENDONYMS = frozenset(
    """english 中文 简体中文 繁體中文 简体 繁體 français francais español espanol русский العربية عربي deutsch
    日本語 한국어 português portugues italiano""".split())
NAVIGATION_RUN = 3  # consecutive short lines before the text: a menu, however it is worded
NAVIGATION_ITEM_SIZE = 5  # words (CJK characters / 2) in one menu item at most


def _is_language_switch(s: str) -> bool:
    items = [item for item in re.split(r"[\s|/｜·•]+", s.casefold()) if item]
    return bool(items) and all(item in LANGUAGE_ENDONYMS for item in items)


def _drop_navigation(stripped: list[str], prose: list[bool], drop: list[bool], reasons: list[str],
                     meta: dict) -> None:
    """Before the first paragraph, a language switch, and every run of at least
    ``NAVIGATION_RUN`` consecutive short lines with no sentence or date in them (a site menu).
    The page's first line, when a menu follows it, is the site's name: the outlet."""
    first_prose = next((i for i, p in enumerate(prose) if p and not drop[i]), len(stripped))
    first_line = next((i for i, s in enumerate(stripped) if s), None)
    run: list[int] = []

    def close() -> None:
        # Lines already furniture extend a menu but do not make one: a section label and a
        # title between widget lines ("Tools: Save | Print", "Adjust font size:") stay.
        if sum(not drop[j] for j in run) >= NAVIGATION_RUN:
            for j in run:
                if not drop[j]:
                    drop[j], reasons[j] = True, "site menu"
            before = [j for j in range(first_line if first_line is not None else 0, run[0]) if stripped[j]]
            if before == [first_line] and not prose[first_line] and "source" not in meta:
                meta["source"] = stripped[first_line]
                drop[first_line], reasons[first_line] = True, "banner"
        run.clear()

    for i in range(first_prose):
        s = stripped[i]
        if not s:
            close()
            continue
        if drop[i]:  # furniture already: part of the menu around it
            run.append(i)
            continue
        if _is_language_switch(s):
            drop[i], reasons[i] = True, "language switch"
            run.append(i)
            continue
        if (text_size(s) <= NAVIGATION_ITEM_SIZE and not SENTENCE_END_RE.search(s[-12:])
                and not DATE_HINT_RE.search(s) and not re.search(r"[:：]\s*$", s)):
            run.append(i)
        else:
            close()
    close()

