"""Tests for documents/importing/taxonomy.py and the data file seeds/taxonomy.yaml.

Run without a database:
    .venv/bin/python -m pytest tests/importing/test_taxonomy.py -q -p no:django
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from documents.importing.taxonomy import TaxonomyData, load_taxonomy

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def data() -> TaxonomyData:
    return load_taxonomy(path=SEEDS / "taxonomy.yaml")


# --------------------------------------------------------------------------------------------
# The seed taxonomy
# --------------------------------------------------------------------------------------------

ERAS = [
    ("founding-of-new-china", 1949, 1955),
    ("five-principles-and-bandung", 1954, 1959),
    ("against-the-two-superpowers", 1960, 1969),
    ("opening-to-the-united-states", 1969, 1978),
    ("reform-and-opening-up", 1978, 1991),
    ("after-the-cold-war", 1991, 2002),
    ("peaceful-development", 2002, 2012),
    ("new-era", 2012, None),
]


def test_the_eras_the_seeds_tell_in_order(data):
    assert [(row["slug"], row["start_year"], row["end_year"]) for row in data.periods] == ERAS


def test_eras_leave_no_gap_and_only_the_current_one_is_open(data):
    for previous, current in zip(data.periods, data.periods[1:]):
        assert previous["order"] < current["order"]
        assert previous["end_year"] is not None
        assert current["start_year"] <= previous["end_year"] + 1  # may share an edge year
    assert data.periods[-1]["end_year"] is None


def test_every_era_has_a_plain_summary_and_cues(data):
    for row in data.periods:
        sentences = re.findall(r"[.!?](?:\s|$)", row["summary"])
        assert 2 <= len(sentences) <= 4, row["slug"]
        assert "\n" not in row["summary"]
        assert row["name"] and row["cues"], row["slug"]


FIVE_PRINCIPLES = {
    "mutual-respect-for-sovereignty",
    "mutual-non-aggression",
    "non-interference",
    "equality-and-mutual-benefit",
    "peaceful-coexistence",
}
REQUIRED_THEMES = FIVE_PRINCIPLES | {
    "independence-and-self-reliance",
    "non-alignment",
    "five-principles",
    "seeking-common-ground",
    "opposing-hegemonism",
    "peaceful-settlement-of-disputes",
    "new-international-order",
    "multilateralism-and-the-un",
    "solidarity-with-developing-countries",
    "neighbourhood-diplomacy",
    "major-country-relations",
    "opening-up-and-win-win-cooperation",
    "counter-terrorism",
    "diversity-of-civilizations",
    "community-with-a-shared-future",
}


def test_the_required_themes_are_there(data):
    assert REQUIRED_THEMES <= {row["slug"] for row in data.themes}


def test_the_five_principles_are_the_parent_of_exactly_its_five_members(data):
    parents = {row["slug"]: row["parent"] for row in data.themes}
    children = {slug for slug, parent in parents.items() if parent == "five-principles"}
    assert children == FIVE_PRINCIPLES
    assert {parent for parent in parents.values()} == {None, "five-principles"}


def test_theme_rows_list_each_parent_before_its_children(data):
    seen = set()
    for row in data.themes:
        assert row["parent"] is None or row["parent"] in seen, row["slug"]
        seen.add(row["slug"])


def test_rows_carry_the_model_fields(data):
    assert all(
        set(row) == {"slug", "name", "start_year", "end_year", "summary", "order", "cues"}
        for row in data.periods
    )
    assert all(
        set(row) == {"slug", "name", "description", "parent", "order", "rules"}
        for row in data.themes
    )
    assert all(row["description"] and row["rules"] for row in data.themes)


def test_the_classifier_taxonomy_matches_the_rows(data):
    periods = [(p.slug, p.start_year, p.end_year, list(p.cues)) for p in data.taxonomy.periods]
    assert periods == [
        (row["slug"], row["start_year"], row["end_year"], row["cues"]) for row in data.periods
    ]
    themes = {(t.slug, t.parent, tuple(t.rules)) for t in data.taxonomy.themes}
    assert themes == {(row["slug"], row["parent"], tuple(row["rules"])) for row in data.themes}


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

VALID = {
    "periods": [
        {
            "slug": "early",
            "name": "Early years",
            "start_year": 1949,
            "end_year": 1960,
            "order": 1,
            "summary": "First sentence. Second sentence.",
            "cues": ["founding of New China"],
        },
        {
            "slug": "now",
            "name": "Now",
            "start_year": 1960,
            "end_year": None,
            "order": 2,
            "summary": "First sentence. Second sentence.",
        },
    ],
    "themes": [
        {
            "slug": "principles",
            "name": "Principles",
            "order": 1,
            "description": "The parent.",
            "rules": ["five principles"],
        },
        {
            "slug": "child",
            "name": "Child",
            "order": 2,
            "description": "A child.",
            "parent": "principles",
            "rules": ["re:\\bchild(?:ren)?\\b", "孩子"],
        },
    ],
}


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_a_small_valid_file_loads(tmp_path):
    loaded = load_taxonomy(path=write(tmp_path, VALID))
    assert [row["slug"] for row in loaded.periods] == ["early", "now"]
    assert loaded.periods[0]["cues"] == ["founding of New China"]
    assert loaded.periods[1]["cues"] == []  # cues are optional
    assert [(row["slug"], row["parent"]) for row in loaded.themes] == [
        ("principles", None),
        ("child", "principles"),
    ]


def _set(path: tuple, value):
    def mutate(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple):
    def mutate(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _append_copy(kind: str, index: int):
    def mutate(document):
        document[kind].append(copy.deepcopy(document[kind][index]))

    return mutate


INVALID = [
    ("unknown parent", _set(("themes", 1, "parent"), "nowhere"), "unknown parent 'nowhere'"),
    ("duplicate theme", _append_copy("themes", 0), "themes: duplicate slug 'principles'"),
    ("duplicate era", _append_copy("periods", 0), "periods: duplicate slug 'early'"),
    ("start after end", _set(("periods", 0, "start_year"), 1970), "start_year 1970 is after end_year 1960"),
    ("invalid regex", _set(("themes", 1, "rules"), ["re:(?:unclosed"]), "themes[1] (child): rules[0] 're:(?:unclosed': not a valid regular expression"),
    ("invalid cue", _set(("periods", 0, "cues"), ["re:[a-"]), "periods[0] (early): cues[0] 're:[a-': not a valid regular expression"),
    ("rule matching nothing", _set(("themes", 0, "rules"), ["re:x*"]), "can match an empty text"),
    ("capturing group", _set(("themes", 0, "rules"), ["re:(five) principles"]), "capturing groups"),
    ("no rules", _set(("themes", 0, "rules"), []), "'rules' is empty"),
    ("missing key", _delete(("themes", 0, "description")), "themes[0] (principles): missing key 'description'"),
    ("misspelt key", _set(("periods", 0, "end_yaer"), 1960), "unknown key 'end_yaer'"),
    ("bad slug", _set(("themes", 0, "slug"), "Five Principles"), "slug 'Five Principles' must be lower-case words"),
    ("parent cycle", _set(("themes", 0, "parent"), "child"), "parent cycle"),
    ("year as text", _set(("periods", 0, "start_year"), "1949"), "'start_year' must be a year"),
    ("order as text", _set(("themes", 0, "order"), "first"), "'order' must be a whole number"),
    ("empty summary", _set(("periods", 1, "summary"), " "), "'summary' must be a non-empty text"),
    ("no periods", _set(("periods",), []), "'periods' must be a non-empty list"),
    ("extra top-level key", _set(("eras",), []), "unknown top-level key 'eras'"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "mutate", "message"), INVALID, ids=[case for case, *_ in INVALID])
def test_an_invalid_file_is_refused_with_its_name_and_the_problem(tmp_path, case, mutate, message):
    document = copy.deepcopy(VALID)
    mutate(document)
    path = write(tmp_path, document)
    with pytest.raises(ValueError) as raised:
        load_taxonomy(path=path)
    assert str(raised.value).startswith(f"{path}:")
    assert message in str(raised.value)


def test_every_problem_is_listed_at_once(tmp_path):
    document = copy.deepcopy(VALID)
    document["themes"][1]["parent"] = "nowhere"
    document["periods"][0]["start_year"] = 1970
    with pytest.raises(ValueError) as raised:
        load_taxonomy(path=write(tmp_path, document))
    message = str(raised.value)
    assert "2 problems" in message
    assert "unknown parent 'nowhere'" in message
    assert "start_year 1970 is after end_year 1960" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("periods: [\n  - slug: a\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("", "must be a mapping"),
    ],
)
def test_a_file_that_is_not_a_taxonomy_is_refused(tmp_path, content, message):
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_taxonomy(path=path)
    assert str(raised.value).startswith(f"{path}:")
    assert message in str(raised.value)
