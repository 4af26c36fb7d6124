"""The data passed between the import stages (``documents/importing/types.py``): a rejection reads
as one line naming the file, and what a worker process prepares reaches the saving process intact."""

from __future__ import annotations

import pickle

from documents.importing.preparing import prepare
from documents.importing.types import ImportRejected, ParsedDocument, TaxonomyRules, ThemeRule


def test_a_rejection_names_the_file_and_the_reason():
    rejected = ImportRejected("seeds/003.txt", "file is empty")
    assert str(rejected) == "seeds/003.txt: file is empty"
    assert (rejected.name, rejected.reason) == ("seeds/003.txt", "file is empty")


def test_a_rejection_and_a_prepared_file_cross_processes_intact():
    rejected = pickle.loads(pickle.dumps(ImportRejected("a.txt", "binary file")))
    assert isinstance(rejected, ImportRejected) and str(rejected) == "a.txt: binary file"

    taxonomy = TaxonomyRules(periods=(), themes=(ThemeRule(slug="peace", parent=None, rules=("peace",)),))
    prepared = prepare(data="Title\n\nWe want peace.\n".encode(), name="a.txt", taxonomy=taxonomy, max_bytes=1000)
    assert pickle.loads(pickle.dumps(prepared)) == prepared


def test_principles_and_eras_not_given_differ_from_given_as_none():
    parsed = ParsedDocument(title="A speech", sections=[])
    assert parsed.themes is None and parsed.periods is None  # "not given": the classifier decides
    assert parsed.status == "" and parsed.tags == []
