"""Markdown files read as their words: headings, emphasis, links and block quotes lose their marks.

Lists keep their markers (``blocks.py`` reads them as list items). Every pattern is linear in
the line it reads, unclosed marks included.
"""

from __future__ import annotations

import re

_MD_HEADING_RE = re.compile(r"^#{1,6}[ \t]++(?=\S)", re.MULTILINE)
_MD_LINE_EMPHASIS_RE = re.compile(r"^(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1$", re.MULTILINE)
_MD_INLINE_RES = (
    # Each is linear in the line: what an opening mark encloses never runs over the next place
    # where the same mark could open (as in CommonMark), so a mark left open ("**a **a **a ...",
    # "[a](b[a](b...") is not searched for its end again from every later mark.
    # [text](url), ![alt](src): the text holds no bracket, the url no "](" (where the next link begins).
    (re.compile(r"!?\[([^\[\]\n]++)\]\((?:[^)\s\]]|\](?!\())++(?:\s++\"[^\"]*+\")?+\)"), r"\1"),
    # **bold**: holds no "**" followed by a letter (which would open a bold of its own).
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*\S))+?)(?<=\S)\*\*"), r"\1"),
    # *italic*: holds no "*" that could open an italic (after a space, before a letter).
    (re.compile(r"(?<![\w*])\*(?=[^\s*])((?:[^*\n]|(?<=[\w*])\*|\*(?![^\s*]))+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    # __bold__: holds no "__" that could open one.
    (re.compile(r"(?<!\w)__(?=\S)((?:[^_\n]|(?<=\w)_|_(?!_\S))+?)(?<=\S)__(?!\w)"), r"\1"),
    # "## Heading ##": words are taken a run of spaces and a character at a time, so a run of
    # spaces is tried as the closing run once, not once for each of its spaces.
    (re.compile(r"^#{1,6}[ \t]+((?:[ \t]*+[^ \t\n])*?)(?:[ \t]++#++)?+[ \t]*+$", re.MULTILINE), r"\1"),
    (re.compile(r"^>[ \t]?", re.MULTILINE), ""),  # block quotes
)


def is_markdown(*, name: str, text: str) -> bool:
    """A Markdown file: named ``.md`` or ``.markdown``, or with a line that is a Markdown heading."""
    return name.lower().endswith((".md", ".markdown")) or _MD_HEADING_RE.search(text) is not None


def plain_markdown(text: str) -> str:
    """A Markdown file's words without its markup: "## I. Cooperation" -> "I. Cooperation",
    "**never**" -> "never", "[the speech](https://...)" -> "the speech". Lists keep their markers."""
    text = _MD_LINE_EMPHASIS_RE.sub(r"\2", text)
    for pattern, replacement in _MD_INLINE_RES:
        text = pattern.sub(replacement, text)
    return text
