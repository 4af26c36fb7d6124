"""Front matter: the YAML block at the top of a file that says what the document is.

``split_front_matter`` splits it off and checks it; ``check_document_values`` checks the same
keys from elsewhere (an export's document rows). What a file may say about itself is bounded:
its size, its nesting, the length of each value (the database columns') and the number of items
in a list. Anchors and aliases are refused before anything is built, so a few hundred bytes
cannot expand to gigabytes. Whatever is refused is refused with one line that names the file
and the key; nothing is truncated.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

import yaml

from documents.choices import DatePrecision, DocumentType, Status
from documents.importing.types import ImportRejected
from documents.validators import clean_url, web_url_error

DOC_TYPES = tuple(DocumentType.values)
FRONT_MATTER_KEYS = (
    "slug",
    "title",
    "date",
    "source",
    "outlet",  # the same as source: the site or paper that published the page
    "issuer",
    "url",
    "type",
    "languages",
    "tags",
    "themes",
    "periods",
    "summary",
    "status",
)
_STATUSES = tuple(Status.values)

_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\n(?:(?P<yaml>.*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FM_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLUG_RE = re.compile(r"^[-\w]+$")
_LANG_CODE_RE = re.compile(r"^[a-z]{2}$")

# Bounds on what a file may say about itself; larger is refused, never truncated. The lengths
# are the database columns' (tests/importing/parsing/test_front_matter.py checks they agree).
FRONT_MATTER_MAX_BYTES = 16 * 1024
FRONT_MATTER_MAX_DEPTH = 4  # a mapping of scalars and lists: 2 is all a valid block needs
MAX_LENGTHS = {"title": 500, "source": 300, "slug": 200, "issuer": 300}  # Document.title, .source, .slug, .issuer
TAG_MAX_LENGTH = 100  # taggit's Tag.name
TAXONOMY_SLUG_MAX_LENGTH = 100  # Theme.slug, Period.slug
MAX_ITEMS = 100  # in one list: tags, themes, periods or languages


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that front matter does not allow (an anchor, an alias, deep nesting)."""


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.safe_load`` without timestamps, anchors or aliases, and with bounded nesting.

    Dates stay text, so this module checks them and can say "front matter date: '2019-02-30'
    is not a real date". An alias would let a few hundred bytes expand to gigabytes (a
    "billion laughs"), so an anchor or an alias is refused where the parser meets it, before
    anything is built; nesting is bounded so that composing never recurses deeply.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(problem="YAML anchors and aliases (&name, *name) are not allowed",
                           problem_mark=event.start_mark)
        if self._depth >= FRONT_MATTER_MAX_DEPTH:
            raise _Refused(problem=f"values are nested more than {FRONT_MATTER_MAX_DEPTH} levels deep",
                           problem_mark=event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, *, name: str = "") -> tuple[dict, str]:
    """Split a leading YAML front matter block off ``text``.

    Returns ``(values, body)``; ``values`` is ``{}`` when there is no front matter.
    Values are normalised: ``date`` becomes a ``datetime.date`` with
    ``date_precision`` ("year", "month" or "day") beside it, ``type`` one of
    ``DOC_TYPES``, ``languages``/``tags``/``themes``/``periods`` lists of strings.
    Raises ``ImportRejected`` (named ``name``, one line) for a block larger than
    ``FRONT_MATTER_MAX_BYTES``, malformed YAML, an anchor or alias, a block that is not a
    mapping, an unknown key or a value of the wrong type, length or shape.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text
    block = m.group("yaml") or ""
    size = len(block.encode("utf-8", "surrogatepass"))
    if size > FRONT_MATTER_MAX_BYTES:
        raise ImportRejected(name, f"front matter is {size:,} bytes; at most {FRONT_MATTER_MAX_BYTES:,} are allowed")
    try:
        raw = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" (line {mark.line + 2})"
        problem = " ".join(str(getattr(exc, "problem", None) or "syntax error").split())
        if isinstance(exc, _Refused):
            raise ImportRejected(name, f"front matter: {problem}{where}") from None
        raise ImportRejected(name, f"front matter is not valid YAML: {problem}{where}") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        reason = " ".join(str(exc).split())[:200]
        raise ImportRejected(name, f"front matter cannot be read: {reason}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ImportRejected(name, "front matter must be a mapping of keys to values")
    return normalise_meta(raw, name=name, strict=True), text[m.end() :]


def check_document_values(values: dict, *, name: str, what: str = "front matter") -> dict:
    """Check and normalise a document's front-matter style values, as front matter's are.

    For values that come from elsewhere than a front matter block (an export's document rows):
    the same keys, types and bounds. Raises ``ImportRejected`` naming ``name`` and the key
    (``"<name>: <what> <key>: <reason>"``).
    """
    return normalise_meta(values, name=name, strict=True, what=what)


def normalise_meta(raw: dict, *, name: str, strict: bool, what: str = "front matter") -> dict:
    """Check and normalise front-matter style values.

    ``strict`` (front matter written by a person) rejects unknown keys and bad
    values; otherwise (metadata from code, e.g. HTML) they are skipped.
    """
    out: dict[str, Any] = {}
    label = f"{what} " if what else ""
    for key, value in raw.items():
        key = str(key).strip().lower()
        if key == "date_precision":
            continue  # Comes with "date".
        if key not in FRONT_MATTER_KEYS:
            if strict:
                known = ", ".join(FRONT_MATTER_KEYS)
                raise ImportRejected(name, f"unknown {label}key {_shown(key)} (known: {known})")
            continue
        if value is None or value == "" or value == []:
            continue
        try:
            _normalise_value(out, key, value, raw)
        except ValueError as exc:
            if strict:
                raise ImportRejected(name, f"{label}{key}: {exc}") from None
    return out


def _normalise_value(out: dict, key: str, value: Any, raw: dict) -> None:
    """Store the normalised ``value`` of ``key`` in ``out``; ``ValueError`` (one line) if invalid."""
    if key == "outlet":
        key = "source"
    if key == "date":
        date, precision = _front_matter_date(value)
        given = raw.get("date_precision")
        out["date"] = date
        out["date_precision"] = given if given in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR) else precision
    elif key == "type":
        kind = re.sub(r"[\s-]+", "_", _fold(_text(value)).strip().lower())
        if kind not in DOC_TYPES:
            raise ValueError(f"{_shown(value)} is not one of {', '.join(DOC_TYPES)}")
        out["type"] = kind
    elif key == "status":
        status = _text(value).strip().lower()
        if status not in _STATUSES:
            raise ValueError(f"{_shown(value)} is not draft or published")
        out["status"] = status
    elif key == "slug":
        out["slug"] = _slug(_text(value).strip(), max_length=MAX_LENGTHS["slug"])
    elif key == "languages":
        codes = []
        for item in _as_list(value):
            code = item.lower().replace("_", "-").split("-")[0]
            if not _LANG_CODE_RE.match(code):
                raise ValueError(f"{_shown(item)} is not an ISO 639-1 code such as en or zh")
            if code not in codes:
                codes.append(code)
        out["languages"] = codes
    elif key == "tags":
        tags = _as_list(value)
        for tag in tags:
            if len(tag) > TAG_MAX_LENGTH:
                raise ValueError(f"{_shown(tag)} is longer than {TAG_MAX_LENGTH} characters")
        out["tags"] = tags
    elif key in ("themes", "periods"):
        out[key] = [_slug(item, max_length=TAXONOMY_SLUG_MAX_LENGTH) for item in _as_list(value)]
    elif key == "url":
        url = _text(value)
        error = web_url_error(url)
        if error:
            raise ValueError(f"{_shown(url)} {error}")
        out["url"] = clean_url(url)
    else:  # title, source, summary
        text = re.sub(r"\s+", " ", _text(value)).strip() if key != "summary" else _text(value).strip()
        limit = MAX_LENGTHS.get(key)
        if limit is not None and len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long; at most {limit} are allowed")
        if text:
            out[key] = text


def _text(value: Any) -> str:
    """A scalar value as text; ``ValueError`` for a list, a mapping, a boolean or binary data."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"must be text, not {_kind(value)}")
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return type(value).__name__


def _shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for a one-line message."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _slug(value: str, *, max_length: int) -> str:
    if not _SLUG_RE.match(value):
        raise ValueError(f"{_shown(value)} is not a slug (letters, digits, - and _)")
    if len(value) > max_length:
        raise ValueError(f"{_shown(value)} is longer than {max_length} characters")
    return value


def _front_matter_date(value: Any) -> tuple[datetime.date, DatePrecision]:
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    m = _FM_DATE_RE.match(_text(value).strip())
    if not m:
        raise ValueError(f"{_shown(value)} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return datetime.date(int(year), int(month), int(day)), DatePrecision.DAY
        if month:
            return datetime.date(int(year), int(month), 1), DatePrecision.MONTH
        return datetime.date(int(year), 1, 1), DatePrecision.YEAR
    except ValueError:
        raise ValueError(f"{_shown(value)} is not a real date") from None


def _as_list(value: Any) -> list[str]:
    """Text items from a list or a comma-separated string; ``ValueError`` for nested values or too many."""
    if isinstance(value, str):
        items: list[str] = value.split(",")
    elif isinstance(value, (list, tuple)):
        try:
            items = [_text(item) for item in value]
        except ValueError as exc:
            raise ValueError(f"each item {exc}") from None
    else:
        items = [_text(value)]
    items = [item.strip() for item in items if item.strip()]
    if len(items) > MAX_ITEMS:
        raise ValueError(f"has {len(items):,} items; at most {MAX_ITEMS} are allowed")
    return items


def _fold(text: str) -> str:
    """Strip accents: "communiqué" -> "communique"."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
