"""documents/importing/classifying/rules.py: how a rule matches, and which rules are refused.

Editors' rules run in RE2 (issue 10, item 2): no rule can make classifying hang.

A rule RE2 cannot run (look-around, backreferences, atomic groups, possessive quantifiers) is
refused wherever a rule enters: the admin's principle and era forms, the taxonomy file and an
export being loaded, each time with a message naming the construct. A rule RE2 runs, however
it is written, classifies in time linear in the text: the rule that hung every import
(``\\bpeace\\b(?:\\s?[a-z]+)+;``, exponential for a backtracking engine) now classifies a 100 KB
passage made to defeat it, and the re-classification preview that followed it answers.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
import re2
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.importing.classifying import classify, compile_taxonomy
from documents.importing.classifying.rules import normalise_text, rule_pattern, validate_rule
from documents.importing.exchange import load_archive
from documents.importing.taxonomy import load_taxonomy
from documents.importing.types import ParsedSection, TaxonomyRules, ThemeRule
from documents.models import Document, Period, Theme
from tests.admin.conftest import editor, editor_client, taxonomy  # noqa: F401 (fixtures)
from tests.admin.formdata import form_data
from tests.factories import make_document
from tests.importing.classifying.helpers import SEEDS

# The rule that hung every import: for Python's engine, each run of letters after "peace" can
# be cut into words in exponentially many ways, all tried before giving up for want of a ";".
BACKTRACKING_RULE = r"re:\bpeace\b(?:\s?[a-z]+)+;"
# The same, with a look-behind RE2 does not have.
LOOKBEHIND_RULE = r"re:(?<=\bpeace )(?:\s?[a-z]+)+;"
# 100 KB that a backtracking engine cannot get through: "peace" and one long run of words.
HOSTILE_PASSAGE = "peace " + "a" * 30 + (" abcdefghij" * 9_100)

REFUSED = [
    (LOOKBEHIND_RULE, "lookbehind (?<=...) is not supported: rules run in RE2, which guarantees "
                      "linear time"),
    (r"re:(?<!principles of )\bpeaceful coexistence\b",
     "negative lookbehind (?<!...) is not supported"),
    (r"re:\bthird world\b(?! wars?\b)", "negative lookahead (?!...) is not supported"),
    (r"re:\bpeace(?=ful)", "lookahead (?=...) is not supported"),
    (r"re:\b(\w+) and \1\b", "a backreference (\\1, (?P=name)) is not supported"),
    (r"re:\b(?P<w>\w+) and (?P=w)\b", "a backreference (\\1, (?P=name)) is not supported"),
    (r"re:(?>peace|peaceful) coexistence", "an atomic group (?>...) is not supported"),
    (r"re:\bpeace\w++;", "a possessive quantifier (*+, ++, ?+, {m,n}+) is not supported"),
    (r"re:(peace)?(?(1)ful|war)", "a conditional group (?(1)...|...) is not supported"),
    (r"re:\bpeace[a-z]{1,5000}", "a repeat count over 1000 is not supported"),
    ("re:" + "peace|" * 200 + "war", "longer than 1,000 characters"),
]


@pytest.mark.parametrize(("rule", "message"), REFUSED)
def test_a_rule_re2_cannot_run_is_refused_naming_the_construct(rule, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        validate_rule(rule)


def test_rules_are_compiled_by_re2(compiled_hostile):
    """Every expression classify uses is an RE2 object (Python's engine would backtrack)."""
    patterns = list(compiled_hostile.theme_patterns.values())
    patterns += list(compiled_hostile.cue_patterns.values())
    patterns += [rule.regex for rule in compiled_hostile.rules]
    assert patterns and all(isinstance(pattern, re2._Regexp) for pattern in patterns)


@pytest.fixture(scope="module")
def compiled_hostile():
    """The seed taxonomy plus a principle whose only rule is the one that hung imports."""
    seeds = load_taxonomy(path=SEEDS / "taxonomy.yaml").taxonomy
    hostile = ThemeRule(slug="hostile", parent=None, rules=(BACKTRACKING_RULE,))
    return compile_taxonomy(TaxonomyRules(periods=seeds.periods, themes=seeds.themes + (hostile,)))


def test_the_backtracking_rule_classifies_a_hostile_passage(compiled_hostile):
    """Minutes (at least) for Python's engine; RE2 reads the 100 KB once. No time is asserted:
    the test finishes only because matching is linear."""
    assert isinstance(compiled_hostile.theme_patterns["hostile"], re2._Regexp)
    sections = [ParsedSection("paragraph", text) for text in (HOSTILE_PASSAGE, "Peace and quiet;")]
    result = classify(sections=sections, date=None, taxonomy=compiled_hostile)
    assert "hostile" not in result.section_themes[0]  # no ";" anywhere
    assert "hostile" in result.section_themes[1]


# --------------------------------------------------------------------------------------------
# Every entry point: the admin, the taxonomy file, an export being loaded
# --------------------------------------------------------------------------------------------


def _change_url(obj) -> str:
    return reverse(f"admin:documents_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_admin_refuses_a_principle_rule_re2_cannot_run(editor_client, taxonomy):  # noqa: F811
    theme = taxonomy["interference"]
    data = form_data(editor_client.get(_change_url(theme)), "theme_form")
    data["rules"] = f"internal affairs\n{LOOKBEHIND_RULE}"
    response = editor_client.post(_change_url(theme), data)
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "lookbehind (?&lt;=...) is not supported: rules run in RE2" in html
    theme.refresh_from_db()
    assert theme.rules == ["internal affairs"]


def test_the_admin_refuses_an_era_cue_re2_cannot_run(editor_client, taxonomy):  # noqa: F811
    era = taxonomy["reform"]
    data = form_data(editor_client.get(_change_url(era)), "period_form")
    data["cues"] = "reform and opening-up\nre:\\bsince (\\w+) \\1\\b"
    response = editor_client.post(_change_url(era), data)
    assert response.status_code == 200
    assert "a backreference (\\1, (?P=name)) is not supported" in response.content.decode()
    era.refresh_from_db()
    assert era.cues == ["reform and opening-up"]


def test_the_backtracking_rule_saved_in_the_admin_previews_over_a_hostile_passage(
    editor_client, taxonomy  # noqa: F811
):
    """RE2 runs the rule that hung the preview at the worker timeout: it is accepted, and the
    preview of re-classifying an archive with a passage made to defeat it answers."""
    theme = taxonomy["hegemonism"]
    make_document(sections=[HOSTILE_PASSAGE, "Peace and quiet;"])
    data = form_data(editor_client.get(_change_url(theme)), "theme_form")
    data["rules"] = BACKTRACKING_RULE
    response = editor_client.post(_change_url(theme), data)
    preview_url = reverse("admin:documents_theme_reclassify", args=[theme.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    preview = editor_client.get(preview_url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "would change 1 passage and" in html and "+ Opposition to hegemonism" in html


def test_a_rule_stored_before_rules_ran_in_re2_sends_the_preview_back_to_the_form(
    editor_client, taxonomy  # noqa: F811
):
    """A look-behind saved by an earlier version: the preview says which rule, and why."""
    theme = taxonomy["hegemonism"]
    Theme.objects.filter(pk=theme.pk).update(rules=[r"re:(?<!anti-)\bhegemon"])
    preview_url = reverse("admin:documents_theme_reclassify", args=[theme.pk])
    response = editor_client.get(preview_url, follow=True)
    assert response.redirect_chain == [(_change_url(theme), 302)]
    assert "negative lookbehind (?&lt;!...) is not supported" in response.content.decode()


def _seed_taxonomy_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (SEEDS / "taxonomy.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_taxonomy_file_refuses_a_rule_re2_cannot_run(tmp_path):
    kept = "      - 和平发展道路\n"  # "peaceful rise" is a rule of two themes: this one's
    old, new = "      - peaceful rise\n" + kept, f"      - '{LOOKBEHIND_RULE}'\n" + kept
    path = _seed_taxonomy_with(tmp_path, old, new)
    with pytest.raises(ValueError) as refused:
        load_taxonomy(path=path)
    message = str(refused.value)
    assert message.startswith(f"{path}: themes[")
    assert "(path-of-peaceful-development)" in message
    assert "lookbehind (?<=...) is not supported: rules run in RE2" in message


def _export(tmp_path: Path, *, rules: list[str]) -> Path:
    path = tmp_path / "archive.json"
    themes = [{"slug": "quiet", "name": "Quiet", "parent": None, "description": "", "rules": rules,
               "order": 1}]
    periods = [{"slug": "calm", "name": "Calm", "start_year": 1949, "end_year": None, "summary": "",
                "cues": ["calm"], "order": 1}]
    document = {
        "slug": "exported", "title": "Exported", "date": None, "date_precision": "",
        "type": "article", "source": "", "source_url": "", "languages": ["en"], "status": "draft",
        "published_at": None, "summary": "", "tags": [], "themes": [], "issued_in": None,
        "periods": [], "import_key": None,
        "raw_text": "Peace.", "removed_text": [], "content_hash": "", "imported_values": {},
        "sections": [{"position": 1, "kind": "paragraph", "speaker": "", "text": "Peace.",
                      "anchor": "p1", "themes": [], "periods": []}],
    }
    path.write_text(json.dumps({"periods": periods, "themes": themes, "documents": [document]}),
                    encoding="utf-8")
    return path


@pytest.mark.django_db
def test_an_export_with_a_rule_re2_cannot_run_is_refused_and_changes_nothing(tmp_path):
    path = _export(tmp_path, rules=["quiet", LOOKBEHIND_RULE])
    with pytest.raises(ValueError, match=re.escape("principle 'quiet': rule ")) as refused:
        load_archive(path=path)
    assert "lookbehind (?<=...) is not supported: rules run in RE2" in str(refused.value)
    assert not (Theme.objects.exists() or Period.objects.exists() or Document.objects.exists())

    refusal = re.escape("lookbehind (?<=...) is not supported")
    with pytest.raises(CommandError, match=refusal) as command:
        call_command("import_documents", str(path), stdout=StringIO(), stderr=StringIO())
    assert "\n" not in str(command.value)  # one line
    assert not Theme.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_an_export_with_rules_re2_runs_loads(tmp_path):
    load_archive(path=_export(tmp_path, rules=["quiet", BACKTRACKING_RULE]))
    assert Theme.objects.get().rules == ["quiet", BACKTRACKING_RULE]
    assert Document.objects.get().slug == "exported"


# --------------------------------------------------------------------------------------------
# How a plain phrase or a "re:" rule matches, and the rules no engine could use
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("non-interference", "noninterference", True),
        ("non-interference", "non interference", True),
        ("non-interference", "Non‑Interference", True),  # non-breaking hyphen, capitals
        ("good-neighbourly", "good neighbourly", True),
        ("peaceful coexistence", "peaceful-coexistence", True),
        ("peaceful coexistence", "peacefulcoexistence", False),
        ("UN", "unswervingly", False),
        ("UN", "the UN Charter", True),
        ("others' internal affairs", "others’ internal affairs", True),  # curly apostrophe
        ("霸权", "反对霸权主义", True),
        ("re:\\bhegemon(?:y|ism)\\b", "HEGEMONISM", True),
        ("re:\\bhegemon(?:y|ism)\\b", "hegemonic", False),
        # "*" is the rest of a word: the plain phrase form an editor writes instead of a regex.
        ("seek* hegemony", "China will never seek hegemony", True),
        ("seek* hegemony", "nor is it seeking  hegemony", True),
        ("seek* hegemony", "seekhegemony", False),
        ("seek* hegemony", "to pursue hegemony", False),
        ("hegemon*", "opposing hegemonism", True),
        ("hegemon*", "the hegemon", True),
        ("non-interfer*", "Non-Interference in internal affairs", True),
        ("和平共*", "和平共处五项原则", True),
        ("和平共*", "和平发展", False),
    ],
)
def test_how_a_rule_matches(rule, text, expected):
    pattern = re.compile(rule_pattern(rule), re.IGNORECASE)
    assert bool(pattern.search(normalise_text(text))) is expected


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("", "empty rule"),
        ("re:", "empty regular expression"),
        ("re:(unclosed", "not a valid regular expression"),
        ("re:(hegemony)", "capturing groups"),
        ("re:\\b(?:x)?", "empty text"),
        ("*", "a letter or a digit besides '*'"),
        ("* - *", "a letter or a digit besides '*'"),
    ],
)
def test_unusable_rules_are_refused(rule, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        rule_pattern(rule)


def test_a_plain_phrase_with_a_wildcard_saved_in_the_admin_shows_its_match_in_the_preview(
    editor_client, taxonomy  # noqa: F811
):
    """An editor writes "seek* hegemony" instead of a regular expression; the preview shows the
    passage it would now tag, counted as one passage."""
    theme = taxonomy["hegemonism"]
    make_document(sections=["China will never be seeking hegemony in the region.", "Trade grew."])
    data = form_data(editor_client.get(_change_url(theme)), "theme_form")
    data["rules"] = "seek* hegemony"
    response = editor_client.post(_change_url(theme), data)
    preview_url = reverse("admin:documents_theme_reclassify", args=[theme.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    html = editor_client.get(preview_url).content.decode()
    assert "would change 1 passage and" in html
    assert "+ Opposition to hegemonism" in html and "seeking hegemony in the region" in html
