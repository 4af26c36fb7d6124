"""The stages before saving, for one file (``documents/importing/preparing.py``): bytes in, a
document parsed and classified out, with no database; whatever goes wrong with a file becomes
its one-line rejection, and the quick fingerprint agrees with the full preparation."""

from __future__ import annotations

import hashlib

import pytest

from documents.importing.preparing import (fingerprint_path, guarded, prepare, prepare_data, prepare_path,
                                           read_file)
from documents.importing.types import ImportRejected, PeriodRule, Prepared, TaxonomyRules, ThemeRule

TAXONOMY = TaxonomyRules(
    periods=(PeriodRule(slug="new-era", start_year=2012, end_year=None),),
    themes=(ThemeRule(slug="hegemonism", parent=None, rules=("hegemonism",)),),
)
TEXT = "A Statement on Peaceful Coexistence\n\n2021-03-04\n\nChina opposes hegemonism and power politics.\n"


def test_a_file_is_read_parsed_and_classified_without_a_database():
    data = TEXT.encode()
    prepared = prepare(data=data, name="statement.txt", taxonomy=TAXONOMY, max_bytes=10_000)
    assert prepared.parsed.title == "A Statement on Peaceful Coexistence"
    assert prepared.parsed.date.isoformat() == "2021-03-04"
    assert [s.text for s in prepared.parsed.sections] == ["China opposes hegemonism and power politics."]
    assert prepared.classification.section_themes == [{"hegemonism"}]
    assert prepared.classification.issued_in == "new-era"
    assert prepared.source.key == "statement.txt"  # the file name, without its folder
    assert prepared.source.content_hash == hashlib.sha256(data).hexdigest()


def test_a_front_matter_slug_is_the_files_identifier():
    data = ("---\nslug: coexistence-2021\n---\n" + TEXT).encode()
    assert prepare(data=data, name="a/b/x.txt", taxonomy=TAXONOMY, max_bytes=10_000).source.key == "coexistence-2021"


@pytest.mark.parametrize(("data", "reason"), [
    (TEXT.encode() * 100, "statement.txt: file is larger than the 1,000-byte limit"),
    (b"---\ntitle: [unclosed\n---\nBody.\n", "statement.txt: "),
])
def test_unusable_input_is_returned_as_the_files_rejection(data, reason):
    rejected = prepare_data(data=data, name="statement.txt", taxonomy=TAXONOMY, max_bytes=1000)
    assert isinstance(rejected, ImportRejected)
    assert str(rejected).startswith(reason) and "\n" not in str(rejected)


@pytest.mark.parametrize(("error", "message"), [
    (RecursionError(), "odd.txt: could not be imported: its structure is nested too deeply"),
    (MemoryError(), "odd.txt: could not be imported: preparing it ran out of memory"),
    (KeyError("surprise"), "odd.txt: could not be imported (KeyError: 'surprise'); please report this file"),
])
def test_a_failure_of_any_kind_becomes_one_line_for_that_file(error, message):
    def work():
        raise error

    assert str(guarded("odd.txt", work)) == message


def test_the_fingerprint_is_what_a_full_preparation_finds(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\nslug: custom\n---\n" + TEXT)
    prepared = prepare_path(path=path, taxonomy=TAXONOMY, max_bytes=10_000)
    assert isinstance(prepared, Prepared)
    assert fingerprint_path(path=path, max_bytes=10_000) == (prepared.source.key, prepared.source.content_hash)

    path.write_text("---\ntitle: [unclosed\n---\nBody.\n")  # and both refuse a bad front matter alike
    assert str(fingerprint_path(path=path, max_bytes=10_000)) == str(
        prepare_path(path=path, taxonomy=TAXONOMY, max_bytes=10_000))


def test_a_missing_or_oversize_file_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(ImportRejected, match="cannot read"):
        read_file(path=tmp_path / "gone.txt", max_bytes=1000)
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    with pytest.raises(ImportRejected, match="larger than the 1,000-byte limit"):
        read_file(path=tmp_path / "big.txt", max_bytes=1000)
