"""The seed taxonomy, compiled once per test module."""

from __future__ import annotations

import pytest

from documents.importing.classifying import CompiledTaxonomy, compile_taxonomy
from documents.importing.taxonomy import load_taxonomy
from tests.importing.classifying.helpers import SEEDS


@pytest.fixture(scope="module")
def compiled() -> CompiledTaxonomy:
    return compile_taxonomy(load_taxonomy(path=SEEDS / "taxonomy.yaml").taxonomy)
