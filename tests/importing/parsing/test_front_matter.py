"""Tests for documents.importing.parsing.front_matter: what a file says about itself, within bounds.

Front matter (and ``meta``) override every heuristic of the parser. What follows that is written
as an attacker's files: a YAML "billion laughs" of a few hundred bytes, a tag longer than the
database's column, an oversized block, values of the wrong type, and a file whose preparation
runs out of memory. Each is refused with one line that names the file (and the key), while the
other files of the same import are imported.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from django.core.management import CommandError, call_command
from taggit.models import Tag

from documents.importing.cleaning import clean
from documents.importing.parsing import front_matter, parse
from documents.importing.parsing.front_matter import FRONT_MATTER_MAX_BYTES, split_front_matter
from documents.importing.pipeline import ImportContext, import_bytes
from documents.importing.types import ImportRejected
from documents.models import Document, Period, Theme
from documents.validators import URL_MAX_LENGTH
from tests.factories import make_document
from tests.importing.parsing.samples import P1, D

# --------------------------------------------------------------------------- what front matter says

FRONT_MATTER = """---
slug: independent-foreign-policy
title: The Independent Foreign Policy of Peace
date: 1982-09
source: People's Daily
url: http://example.org/doc
type: white paper
languages: [en, zh-CN]
tags: diplomacy, peace
themes: [independence]
periods: [reform-and-opening-up]
summary: A short summary.
status: published
---
Tools: Save | Print
Foreign Policy
2019-11-29

Press conference speaker text.
"""


def test_split_front_matter_normalises_values() -> None:
    values, body = split_front_matter(FRONT_MATTER, name="fm.txt")
    assert values == {
        "slug": "independent-foreign-policy",
        "title": "The Independent Foreign Policy of Peace",
        "date": D(1982, 9, 1),
        "date_precision": "month",
        "source": "People's Daily",
        "url": "http://example.org/doc",
        "type": "white_paper",
        "languages": ["en", "zh"],
        "tags": ["diplomacy", "peace"],
        "themes": ["independence"],
        "periods": ["reform-and-opening-up"],
        "summary": "A short summary.",
        "status": "published",
    }
    assert body.startswith("Tools: Save | Print\n")


def test_front_matter_overrides_every_heuristic() -> None:
    doc = parse(clean(FRONT_MATTER).text, name="fm.txt")
    assert doc.title == "The Independent Foreign Policy of Peace"
    assert (doc.date, doc.date_precision) == (D(1982, 9, 1), "month")
    assert (doc.doc_type, doc.source, doc.source_url) == ("white_paper", "People's Daily", "http://example.org/doc")
    assert doc.languages == ["en", "zh"]
    assert (doc.slug, doc.status, doc.summary) == ("independent-foreign-policy", "published", "A short summary.")
    assert (doc.tags, doc.themes, doc.periods) == (["diplomacy", "peace"], ["independence"], ["reform-and-opening-up"])
    assert [s.text for s in doc.sections] == ["Press conference speaker text."]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param("1949", (D(1949, 1, 1), "year"), id="year"),
        pytest.param("'1949-10'", (D(1949, 10, 1), "month"), id="month"),
        pytest.param("1949-10-01", (D(1949, 10, 1), "day"), id="day"),
        pytest.param("'1949-10-01'", (D(1949, 10, 1), "day"), id="day as text"),
    ],
)
def test_front_matter_dates(date: str, expected: tuple) -> None:
    values, _ = split_front_matter(f"---\ndate: {date}\n---\nText", name="d.txt")
    assert (values["date"], values["date_precision"]) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("---\ntitle: [unclosed\n---\nText", "front matter is not valid YAML", id="malformed yaml"),
        pytest.param("---\n- a\n- b\n---\nText", "front matter must be a mapping of keys to values", id="a list"),
        pytest.param("---\njust text\n---\nText", "front matter must be a mapping of keys to values", id="a scalar"),
        pytest.param("---\ntitel: Typo\n---\nText", "unknown front matter key 'titel'", id="unknown key"),
        pytest.param("---\ndate: 29 November 2019\n---\nText", "front matter date:", id="bad date"),
        pytest.param("---\ndate: 2019-02-30\n---\nText", "front matter date:", id="impossible date"),
        pytest.param("---\ntype: blog\n---\nText", "front matter type:", id="unknown type"),
        pytest.param("---\nstatus: live\n---\nText", "front matter status:", id="unknown status"),
        pytest.param("---\nlanguages: english\n---\nText", "front matter languages:", id="language name"),
    ],
)
def test_bad_front_matter_is_rejected_with_the_file_name(text: str, reason: str) -> None:
    with pytest.raises(ImportRejected) as excinfo:
        split_front_matter(text, name="bad.txt")
    assert excinfo.value.name == "bad.txt"
    assert excinfo.value.reason.startswith(reason)
    with pytest.raises(ImportRejected):
        parse(text, name="bad.txt")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("No front matter here.\n---\nnot: yaml\n---", id="not at the top"),
        pytest.param("---\nA horizontal rule, never closed.", id="never closed"),
        pytest.param("", id="empty"),
    ],
)
def test_text_without_front_matter(text: str) -> None:
    assert split_front_matter(text, name="x.txt") == ({}, text)


def test_meta_from_html_is_used_and_front_matter_wins() -> None:
    doc = parse(f"Headline\n\n{P1}", name="x.txt", meta={"title": "Meta title", "date": "2020-01-13", "source": "Site"})
    assert (doc.title, doc.date, doc.date_precision, doc.source) == ("Meta title", D(2020, 1, 13), "day", "Site")
    front = f"---\ntitle: Front title\n---\nHeadline\n\n{P1}"
    assert parse(front, name="x.txt", meta={"title": "Meta title"}).title == "Front title"


# --------------------------------------------------------------------------- a hostile file's front matter

GOOD = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"


def billion_laughs(levels: int) -> str:
    """``tags: [&a0 ["lol" ×9], &a1 [*a0 ×9], …]``: 9**levels strings once the aliases expand."""
    items = ["&a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    items += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "---\ntags: [" + ", ".join(items) + "]\n---\nLaughter\n\nA short text.\n"


def run_import(*paths: Path) -> list[dict]:
    """import_documents --json on ``paths``: the report rows (the command exits 1 when a file fails)."""
    out = StringIO()
    try:
        call_command("import_documents", *map(str, paths), json=True, stdout=out, stderr=StringIO())
    except CommandError as exc:
        assert exc.returncode == 1, exc
    return json.loads(out.getvalue())


def batch_with(tmp_path: Path, name: str, content: str) -> Path:
    """A folder of three files: two good ones around ``name``."""
    (tmp_path / "a.txt").write_text(GOOD.replace("Statement", "First statement"))
    (tmp_path / name).write_text(content)
    (tmp_path / "z.txt").write_text(GOOD.replace("Statement", "Last statement"))
    return tmp_path


def assert_fails_alone(rows: list[dict], path: Path) -> str:
    """``path`` failed with one line naming it; every other file of the batch was created."""
    by_path = {Path(row["path"]).name: row for row in rows}
    assert len(by_path) == 3
    failed = by_path.pop(path.name)
    assert failed["status"] == "failed"
    [error] = failed["errors"]
    assert "\n" not in error and str(path) in error and len(error) < 300
    assert [row["status"] for row in by_path.values()] == ["created", "created"]
    assert Document.objects.count() == 2
    return error


# --------------------------------------------------------------------------- aliases


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [8, 9], ids=["474 bytes, 2 GB expanded", "one level more, MemoryError"])
def test_a_yaml_bomb_fails_alone_and_the_rest_of_its_batch_imports(tmp_path, levels):
    bomb = billion_laughs(levels)
    assert len(bomb.encode()) < 530
    folder = batch_with(tmp_path, "laughs.md", bomb)

    error = assert_fails_alone(run_import(folder), folder / "laughs.md")

    assert "front matter: YAML anchors and aliases" in error and "(line 2)" in error
    assert not Tag.objects.exists()


@pytest.mark.parametrize(
    "block",
    [
        pytest.param("title: &t Title\nsource: *t", id="alias of a scalar"),
        pytest.param("tags: &t [a, b]", id="an anchor, never used"),
        pytest.param("base: &b {title: T}\n<<: *b", id="merge key"),
    ],
)
def test_any_anchor_or_alias_is_refused(block):
    with pytest.raises(ImportRejected) as excinfo:
        split_front_matter(f"---\n{block}\n---\nText", name="anchors.md")
    assert excinfo.value.reason.startswith("front matter: YAML anchors and aliases (&name, *name) are not allowed")


# --------------------------------------------------------------------------- keys, types, lengths


@pytest.mark.django_db
def test_a_tag_longer_than_the_database_allows_is_one_line_naming_the_key(tmp_path):
    folder = batch_with(tmp_path, "long-tag.md", f"---\ntags: [peace, {'t' * 101}]\n---\n{GOOD}")

    error = assert_fails_alone(run_import(folder), folder / "long-tag.md")

    assert "front matter tags:" in error and "longer than 100 characters" in error
    assert "database error" not in error


@pytest.mark.django_db
def test_an_oversized_front_matter_is_refused(tmp_path):
    summary = "A summary that goes on. " * (FRONT_MATTER_MAX_BYTES // 20)
    folder = batch_with(tmp_path, "huge.md", f"---\nsummary: {summary}\n---\n{GOOD}")

    error = assert_fails_alone(run_import(folder), folder / "huge.md")

    assert f"at most {FRONT_MATTER_MAX_BYTES:,} are allowed" in error


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        pytest.param("tags: [[nested, list]]", "front matter tags: each item must be text", id="tag is a list"),
        pytest.param("tags: [{a: 1}]", "front matter tags: each item must be text", id="tag is a mapping"),
        pytest.param("tags: [" + ", ".join(f"t{i}" for i in range(101)) + "]", "front matter tags: has 101 items",
                     id="101 tags"),
        pytest.param("themes: [Five Principles]", "front matter themes: 'Five Principles' is not a slug",
                     id="theme not a slug"),
        pytest.param(f"periods: [{'p' * 101}]", "front matter periods:", id="era slug too long"),
        pytest.param(f"title: {'T' * 501}", "front matter title: is 501 characters long", id="title too long"),
        pytest.param("title: {a: 1}", "front matter title: must be text, not a mapping", id="title a mapping"),
        pytest.param("title: [a, b]", "front matter title: must be text, not a list", id="title a list"),
        pytest.param(f"source: {'S' * 301}", "front matter source: is 301 characters long", id="source too long"),
        pytest.param(f"slug: {'s' * 201}", "front matter slug:", id="slug too long"),
        pytest.param("slug: [a]", "front matter slug: must be text", id="slug a list"),
        pytest.param(f"url: https://example.org/{'u' * URL_MAX_LENGTH}", "front matter url:", id="url too long"),
        pytest.param("url: [https://example.org/]", "front matter url: must be text", id="url a list"),
        pytest.param("languages: [" + ", ".join(["en"] * 101) + "]", "front matter languages: has 101 items",
                     id="101 languages"),
        pytest.param("date: [2020, 1, 1]", "front matter date: must be text", id="date a list"),
        pytest.param("type: [speech]", "front matter type: must be text", id="type a list"),
        pytest.param("status: yes", "front matter status: must be text, not true/false", id="status a boolean"),
        pytest.param("tags: " + "[" * 50 + "]" * 50, "front matter: values are nested more than", id="deep nesting"),
        pytest.param(f"title: {'9' * 5000}", "front matter cannot be read:", id="integer of 5000 digits"),
        pytest.param(f"{'k' * 500}: v", "unknown front matter key 'kkkk", id="long unknown key"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_file_and_the_key(block, reason):
    with pytest.raises(ImportRejected) as excinfo:
        split_front_matter(f"---\n{block}\n---\nText", name="bad.md")
    assert excinfo.value.name == "bad.md"
    assert excinfo.value.reason.startswith(reason), excinfo.value.reason
    assert "\n" not in str(excinfo.value) and len(str(excinfo.value)) < 300


def test_values_of_the_right_shape_still_pass():
    values, _ = split_front_matter(
        "---\ntitle: 1984\ntags: [1955, peace]\nthemes: [five-principles]\n"
        f"periods: [{'p' * 100}]\nurl: ' HTTPS://example.org/a '\n---\nText",
        name="good.md",
    )
    assert values == {"title": "1984", "tags": ["1955", "peace"], "themes": ["five-principles"],
                      "periods": ["p" * 100], "url": "HTTPS://example.org/a"}


def test_the_bounds_are_the_database_columns():
    document = {f.name: f for f in Document._meta.get_fields() if hasattr(f, "max_length")}
    assert {key: document[key].max_length for key in front_matter.MAX_LENGTHS} == front_matter.MAX_LENGTHS
    assert document["source_url"].max_length == URL_MAX_LENGTH
    assert Tag._meta.get_field("name").max_length == front_matter.TAG_MAX_LENGTH
    for model in (Theme, Period):
        assert model._meta.get_field("slug").max_length == front_matter.TAXONOMY_SLUG_MAX_LENGTH


# --------------------------------------------------------------------------- the export loader


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        pytest.param("tags", ["t" * 101], "tags: 't", id="tag too long"),
        pytest.param("title", {"a": 1}, "title: must be text", id="title a mapping"),
        pytest.param("title", "T" * 501, "title: is 501 characters long", id="title too long"),
        pytest.param("languages", [["en"]], "languages: each item must be text", id="nested languages"),
    ],
)
def test_the_export_loader_checks_a_document_as_front_matter_is_checked(tmp_path, field, value, reason):
    make_document(slug="exported", title="Exported")
    export = tmp_path / "archive.json"
    call_command("export_documents", output=str(export), verbosity=0)
    data = json.loads(export.read_text())
    data["documents"][0][field] = value
    export.write_text(json.dumps(data))
    Document.objects.all().delete()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_documents", str(export), stdout=StringIO())

    message = str(excinfo.value)
    assert "document 'exported'" in message and reason in message and "\n" not in message
    assert not Document.objects.exists()


# --------------------------------------------------------------------------- any failure, one file


@pytest.fixture
def greedy_yaml(monkeypatch):
    """YAML parsing that fails as a bomb would for the file whose front matter says "title: Greedy".

    The one stand-in in these tests: a real MemoryError would need the gigabytes the test is about.
    """
    real_load = yaml.load
    state = SimpleNamespace(error=MemoryError)

    def load(stream, Loader):  # noqa: N803 (yaml's own name)
        if "title: Greedy" in str(stream):
            raise state.error
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", load)
    return state


@pytest.mark.django_db
@pytest.mark.parametrize(("error", "said"), [(MemoryError, "ran out of memory"), (RecursionError, "nested too deeply")])
def test_a_file_that_exhausts_memory_or_the_stack_fails_alone(tmp_path, greedy_yaml, error, said):
    greedy_yaml.error = error
    folder = batch_with(tmp_path, "greedy.md", f"---\ntitle: Greedy\n---\n{GOOD}")

    message = assert_fails_alone(run_import(folder), folder / "greedy.md")

    assert said in message


@pytest.mark.django_db
def test_an_upload_that_exhausts_memory_fails_with_a_result_not_an_exception(greedy_yaml):
    greedy_yaml.error = MemoryError
    context = ImportContext.load()

    result = import_bytes(data=f"---\ntitle: Greedy\n---\n{GOOD}".encode(), name="upload.md", context=context)

    assert result.status == "failed"
    assert result.errors == ["upload.md: could not be imported: preparing it ran out of memory"]
    assert import_bytes(data=GOOD.encode(), name="next.txt", context=context).status == "created"
