"""Read the taxonomy data file (``seeds/taxonomy.yaml``): the eras and the themes.

``load_taxonomy`` validates the file and returns it in the two shapes its users need:

- ``TaxonomyData.taxonomy``: the ``types.TaxonomyRules`` the classify stage compiles;
- ``TaxonomyData.periods`` / ``TaxonomyData.themes``: one plain dict of model fields per row,
  for the seed import to upsert (it creates missing rows and never overwrites an editor's edits).

The file's layout and the way rules match are described in the comments at the top of
``seeds/taxonomy.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from documents.importing.classifying import compile_taxonomy, validate_rule
from documents.importing.types import PeriodRule, TaxonomyRules, ThemeRule

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_PERIOD_REQUIRED = ("slug", "name", "start_year", "end_year", "order", "summary")
_PERIOD_OPTIONAL = ("cues",)
_THEME_REQUIRED = ("slug", "name", "order", "description", "rules")
_THEME_OPTIONAL = ("parent",)


@dataclass(frozen=True)
class TaxonomyData:
    """The taxonomy file, validated.

    ``periods`` rows have the keys slug, name, start_year, end_year (None for the open, current
    era), summary, order and cues (list of str); ``themes`` rows have slug, name, description,
    parent (the parent theme's slug, None at the top level), order and rules (list of str).
    Theme rows list every parent before its children, so they can be saved in order.
    """

    taxonomy: TaxonomyRules
    periods: list[dict[str, Any]]
    themes: list[dict[str, Any]]


def load_taxonomy(*, path: Path) -> TaxonomyData:
    """Read and validate the taxonomy YAML file at ``path``.

    Raises ``ValueError`` starting with the file's path and listing every problem found: YAML
    syntax, a missing or unknown key, a wrong type, a malformed or duplicate slug, an unknown
    parent or a parent cycle, a start year after the end year, an invalid rule.
    """
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text: {exc}") from None

    problems: list[str] = []
    periods, themes = _top_level(document, problems)
    period_rows = [_period_row(index, item, problems) for index, item in enumerate(periods)]
    theme_rows = [_theme_row(index, item, problems) for index, item in enumerate(themes)]
    period_rows = [row for row in period_rows if row is not None]
    theme_rows = [row for row in theme_rows if row is not None]
    _check_unique("periods", period_rows, problems)
    _check_unique("themes", theme_rows, problems)
    declared = {item.get("slug") for item in themes if isinstance(item, dict)}
    _check_parents(theme_rows, declared, problems)
    if problems:
        raise ValueError(_report(path, problems))

    period_rows.sort(key=lambda row: (row["order"], row["slug"]))
    theme_rows.sort(key=lambda row: (_depth(row, theme_rows), row["order"], row["slug"]))
    taxonomy = TaxonomyRules(
        periods=tuple(
            PeriodRule(
                slug=row["slug"],
                start_year=row["start_year"],
                end_year=row["end_year"],
                cues=tuple(row["cues"]),
            )
            for row in period_rows
        ),
        themes=tuple(
            ThemeRule(slug=row["slug"], parent=row["parent"], rules=tuple(row["rules"]))
            for row in sorted(theme_rows, key=lambda row: (row["order"], row["slug"]))
        ),
    )
    try:
        compile_taxonomy(taxonomy)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    return TaxonomyData(taxonomy=taxonomy, periods=period_rows, themes=theme_rows)


def _report(path: Path, problems: list[str]) -> str:
    if len(problems) == 1:
        return f"{path}: {problems[0]}"
    listed = "\n".join(f"  - {problem}" for problem in problems)
    return f"{path}: {len(problems)} problems:\n{listed}"


def _top_level(document: object, problems: list[str]) -> tuple[list, list]:
    """The ``periods`` and ``themes`` lists of the file (empty where they are unusable)."""
    if not isinstance(document, dict):
        problems.append("the file must be a mapping with the keys 'periods' and 'themes'")
        return [], []
    for key in sorted(set(document) - {"periods", "themes"}, key=str):
        problems.append(f"unknown top-level key {key!r} (expected 'periods' and 'themes')")
    lists = []
    for key in ("periods", "themes"):
        value = document.get(key)
        if not isinstance(value, list) or not value:
            problems.append(f"'{key}' must be a non-empty list")
            value = []
        lists.append(value)
    return lists[0], lists[1]


def _where(kind: str, index: int, item: object) -> str:
    slug = item.get("slug") if isinstance(item, dict) else None
    return f"{kind}[{index}]" + (f" ({slug})" if isinstance(slug, str) else "")


def _check_keys(
    where: str,
    item: dict,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: list[str],
) -> bool:
    ok = True
    for key in required:
        if key not in item:
            problems.append(f"{where}: missing key {key!r}")
            ok = False
    for key in item:
        if key not in required and key not in optional:
            allowed = ", ".join(required + optional)
            problems.append(f"{where}: unknown key {key!r} (allowed: {allowed})")
            ok = False
    return ok


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(where: str, key: str, value: object, problems: list[str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key!r} must be a non-empty text")
        return None
    return " ".join(value.split())


def _rules(where: str, key: str, value: object, problems: list[str]) -> list[str] | None:
    if not isinstance(value, list):
        problems.append(f"{where}: {key!r} must be a list of rules")
        return None
    rules = []
    for position, rule in enumerate(value):
        try:
            validate_rule(rule)
        except ValueError as exc:
            problems.append(f"{where}: {key}[{position}] {rule!r}: {exc}")
            continue
        rules.append(rule)
    return rules if len(rules) == len(value) else None


def _common(where: str, item: dict, problems: list[str]) -> dict[str, Any] | None:
    """slug, name and order, checked."""
    row: dict[str, Any] = {}
    slug = item["slug"]
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.append(f"{where}: slug {slug!r} must be lower-case words joined by hyphens")
        return None
    row["slug"] = slug
    row["name"] = _text(where, "name", item["name"], problems)
    if not _is_int(item["order"]):
        problems.append(f"{where}: 'order' must be a whole number, not {item['order']!r}")
        return None
    row["order"] = item["order"]
    return row if row["name"] else None


def _period_row(index: int, item: object, problems: list[str]) -> dict[str, Any] | None:
    where = _where("periods", index, item)
    if not isinstance(item, dict):
        problems.append(f"{where}: each period must be a mapping of keys to values")
        return None
    if not _check_keys(where, item, _PERIOD_REQUIRED, _PERIOD_OPTIONAL, problems):
        return None
    row = _common(where, item, problems)
    start, end = item["start_year"], item["end_year"]
    summary = _text(where, "summary", item["summary"], problems)
    cues = _rules(where, "cues", item.get("cues", []), problems)
    if not _is_int(start):
        problems.append(f"{where}: 'start_year' must be a year, not {start!r}")
        return None
    if end is not None and not _is_int(end):
        problems.append(f"{where}: 'end_year' must be a year or null (open era), not {end!r}")
        return None
    if end is not None and start > end:
        problems.append(f"{where}: start_year {start} is after end_year {end}")
        return None
    if row is None or summary is None or cues is None:
        return None
    return {
        "slug": row["slug"],
        "name": row["name"],
        "start_year": start,
        "end_year": end,
        "summary": summary,
        "order": row["order"],
        "cues": cues,
    }


def _theme_row(index: int, item: object, problems: list[str]) -> dict[str, Any] | None:
    where = _where("themes", index, item)
    if not isinstance(item, dict):
        problems.append(f"{where}: each theme must be a mapping of keys to values")
        return None
    if not _check_keys(where, item, _THEME_REQUIRED, _THEME_OPTIONAL, problems):
        return None
    row = _common(where, item, problems)
    description = _text(where, "description", item["description"], problems)
    rules = _rules(where, "rules", item["rules"], problems)
    if rules == []:
        problems.append(f"{where}: 'rules' is empty, so the theme could never be suggested")
        return None
    parent = item.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.append(f"{where}: 'parent' must be a theme slug, not {parent!r}")
        return None
    if row is None or description is None or rules is None:
        return None
    return {
        "slug": row["slug"],
        "name": row["name"],
        "description": description,
        "parent": parent,
        "order": row["order"],
        "rules": rules,
    }


def _check_unique(kind: str, rows: list[dict[str, Any]], problems: list[str]) -> None:
    seen: set[str] = set()
    for row in rows:
        if row["slug"] in seen:
            problems.append(f"{kind}: duplicate slug {row['slug']!r}")
        seen.add(row["slug"])


def _check_parents(rows: list[dict[str, Any]], declared: set, problems: list[str]) -> None:
    """Each parent is a theme of the file (``declared``: every slug written, valid or not),
    and no theme is its own ancestor."""
    parent_of = {row["slug"]: row["parent"] for row in rows}
    for row in rows:
        parent = row["parent"]
        if parent is not None and parent not in declared:
            problems.append(f"themes ({row['slug']}): unknown parent {parent!r}")
    reported: set[frozenset[str]] = set()
    for slug in parent_of:
        path = [slug]
        while parent_of.get(path[-1]) is not None and parent_of[path[-1]] in parent_of:
            parent = parent_of[path[-1]]
            if parent in path:
                cycle = path[path.index(parent) :] + [parent]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    problems.append(f"themes: parent cycle {' -> '.join(cycle)}")
                break
            path.append(parent)


def _depth(row: dict[str, Any], rows: list[dict[str, Any]]) -> int:
    parent_of = {other["slug"]: other["parent"] for other in rows}
    depth, parent = 0, row["parent"]
    while parent is not None:
        depth, parent = depth + 1, parent_of.get(parent)
    return depth
