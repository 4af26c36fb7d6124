"""documents/search/ returns data: none of its modules imports the page layer (views, the search
page, filters, facets with their links, forms, URLs, templates). Read from the import statements
of the source (ast), not from what happens to be loaded."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import documents.search

PACKAGE = Path(documents.search.__file__).parent
FORBIDDEN = (
    "documents.views", "documents.search_page", "documents.filters", "documents.facets", "documents.forms",
    "documents.urls", "documents.templatetags", "django.urls", "django.template", "django.shortcuts",
    "django.views",
)


def imported(source: str, module: str) -> set[str]:
    """Absolute names of the modules (and names within them) that ``source``, the text of the
    module ``module`` (dotted, for a package its ``__init__``), imports anywhere in its body."""
    package = module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def forbidden_in(names: set[str]) -> set[str]:
    """The forbidden modules that ``names`` are, or are within."""
    return {bad for name in names for bad in FORBIDDEN if name == bad or name.startswith(bad + ".")}


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        # A package's __init__ is named as a module inside it: relative imports start from the package.
        found.append((".".join(path.relative_to(PACKAGE.parent.parent).with_suffix("").parts), path))
    return found


@pytest.mark.parametrize(("source", "module", "bad"), [
    ("from ..filters import DocumentFilter", "documents.search.query", {"documents.filters"}),
    ("from ... import views", "documents.search.backends.base", {"documents.views"}),
    ("from .. import facets", "documents.search.__init__", {"documents.facets"}),
    ("def f():\n    from django.urls import reverse", "documents.search.results", {"django.urls"}),
    ("import documents.search_page", "documents.search.excerpts", {"documents.search_page"}),
    ("from ..models import Section\nfrom .query import Query", "documents.search.results", set()),
])
def test_the_check_sees_every_way_of_importing(source, module, bad):
    assert forbidden_in(imported(source, module)) == bad


def test_the_search_package_imports_no_page_layer():
    found = modules()
    assert len(found) >= 8, found  # the package and its backends, all read
    offending = {str(path.relative_to(PACKAGE.parent.parent)): sorted(forbidden_in(imported(path.read_text(), name)))
                 for name, path in found}
    assert {path: names for path, names in offending.items() if names} == {}
