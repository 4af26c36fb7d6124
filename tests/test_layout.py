"""One job per room, kept: no module under documents/ (migrations aside) grows past 500 lines,
and every module of 50 lines or more has a test file of its own at the mirrored path
(``documents/a/b.py`` -> ``tests/a/test_b.py``, or a package ``tests/a/b/`` of tests; a package's
``__init__.py`` -> the tests of ``tests/a/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import documents

APP = Path(documents.__file__).parent
TESTS = Path(__file__).parent
MAX_LINES = 500
TESTED_FROM = 50


def modules() -> list[Path]:
    return sorted(path for path in APP.rglob("*.py") if "migrations" not in path.relative_to(APP).parts)


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_app_has_modules_to_check():
    assert len(modules()) > 40 and any(path.parent != APP for path in modules())


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(APP)))
def test_no_module_is_longer_than_500_lines(path):
    assert lines(path) <= MAX_LINES, f"{path.relative_to(APP)}: {lines(path)} lines; split it by job"


@pytest.mark.parametrize("path", [p for p in modules() if lines(p) >= TESTED_FROM],
                         ids=lambda path: str(path.relative_to(APP)))
def test_every_module_of_50_lines_or_more_has_a_test_file_of_its_own(path):
    relative = path.relative_to(APP)
    mirror = TESTS / relative.parent
    if relative.name == "__init__.py":
        has_tests = any(mirror.glob("test_*.py"))
    else:
        as_file, as_package = mirror / f"test_{relative.stem}.py", mirror / relative.stem
        has_tests = as_file.is_file() or (as_package.is_dir() and any(as_package.glob("test_*.py")))

    assert has_tests, f"documents/{relative} has no tests/{relative.parent / ('test_' + relative.name)}"
