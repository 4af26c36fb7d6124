"""documents/editing/reclassifying.py: the classifier run again, an editor's choices kept."""

from __future__ import annotations

import datetime

from documents.editing.reclassifying import reclassify
from tests.factories import make_document


def test_reclassify_rederives_the_era_issued_in_unless_an_editor_chose_it(taxonomy):
    founding, reform = taxonomy["founding"], taxonomy["reform"]
    imported = make_document(issued_on=datetime.date(1985, 1, 1), issued_in=founding,
                             imported_values={"issued_in_id": founding.pk})
    chosen = make_document(issued_on=datetime.date(1985, 1, 1), issued_in=founding,
                           imported_values={"issued_in_id": reform.pk})
    preview = reclassify(apply=False)
    assert [(c.document_id, c.before, c.after) for c in preview.issued_in] == [
        (imported.pk, "Founding era", "Reform and opening-up")]
    imported.refresh_from_db()
    assert imported.issued_in == founding  # a preview changes nothing
    reclassify(apply=True)
    imported.refresh_from_db()
    chosen.refresh_from_db()
    assert imported.issued_in == reform
    assert chosen.issued_in == founding
