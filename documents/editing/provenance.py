"""An editor's word on a document's values: a value the editor confirms or corrects becomes
theirs (``How.EDITOR`` in ``Document.provenance``), which readers see plainly, citations print,
and a re-import keeps (``importing.saving.document_provenance``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..choices import How
from ..decisions import PROVENANCE_FIELDS



def editor_provenance(provenance: dict, *, changed: Iterable[str] = (), confirmed: Iterable[str] = (),
                      editor: str = "") -> dict:
    """The provenance after an editor changed the model fields ``changed`` and confirmed the
    provenance keys ``confirmed``: each becomes ``{"how": "editor"}``, keeping the words it
    came from, if any, as evidence."""
    keys = {PROVENANCE_FIELDS[name] for name in changed if name in PROVENANCE_FIELDS}
    keys |= set(confirmed) & set(PROVENANCE_FIELDS.values())
    result = dict(provenance or {})
    who = f"Confirmed by {editor}" if editor else "Confirmed by an editor"
    for key in sorted(keys):
        before = result.get(key) or {}
        evidence = before.get("evidence", "") if before.get("how") == How.SOURCE_TEXT else who
        result[key] = {"how": How.EDITOR, "evidence": evidence or who}
    return result
