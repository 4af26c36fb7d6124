"""The downloads of a CSL-JSON record: CSL-JSON itself, RIS and biblatex ``@online``.

Each is written from the record alone, so the three say the same as the page's citations:
an author only when stated, a date only as precise as known, the access date always
(``Y2`` in RIS, ``urldate`` in biblatex).
"""

from __future__ import annotations

import json
import re

CONTENT_TYPES = {
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
}


def csl_json(record: dict) -> str:
    """A CSL-JSON file: a list of one item."""
    return json.dumps([record], ensure_ascii=False, indent=2) + "\n"


def _parts(record: dict, field: str) -> list[int]:
    return ((record.get(field) or {}).get("date-parts") or [[]])[0]


def _names(record: dict) -> list[str]:
    return [name["literal"] for name in record.get("author", ())]


def ris(record: dict) -> str:
    """An RIS record of type ELEC (a web page)."""
    lines = [("TY", "ELEC"), ("TI", record["title"])]
    lines += [("AU", name) for name in _names(record)]
    lines.append(("T2", record["container-title"]))
    lines.append(("PB", record["publisher"]))
    issued = _parts(record, "issued")
    if issued:
        lines.append(("PY", str(issued[0])))
        lines.append(("DA", "/".join([f"{issued[0]:04d}", *(f"{n:02d}" for n in issued[1:])]) + "/"))
    accessed = _parts(record, "accessed")
    lines.append(("Y2", "/".join(f"{n:02d}" for n in accessed)))
    lines.append(("UR", record["URL"]))
    if record.get("language"):
        lines.append(("LA", record["language"]))
    if record.get("note"):
        lines.append(("N1", record["note"]))
    if record.get("original-publisher"):
        lines.append(("N1", f"First published by {record['original-publisher']}"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def _one_line(value: str) -> str:
    return " ".join(value.split())


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _tex(value: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in _one_line(value))


def _iso(parts: list[int]) -> str:
    return "-".join([f"{parts[0]:04d}", *(f"{n:02d}" for n in parts[1:])])


def biblatex_key(record: dict) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", record["id"]).strip("_")[:80] or "item"


def biblatex(record: dict) -> str:
    """A biblatex ``@online`` entry. Names and titles are double-braced: a body such as
    "Ministry of Foreign Affairs" is one name, and the title keeps its capitalisation."""
    fields = [("title", f"{{{{{_tex(record['title'])}}}}}")]
    names = _names(record)
    if names:
        fields.append(("author", "{" + " and ".join(f"{{{_tex(n)}}}" for n in names) + "}"))
    fields.append(("organization", f"{{{_tex(record['container-title'])}}}"))
    if record.get("publisher") != record.get("container-title"):
        fields.append(("publisher", f"{{{_tex(record['publisher'])}}}"))
    issued = _parts(record, "issued")
    if issued:
        fields.append(("date", f"{{{_iso(issued)}}}"))
    fields.append(("urldate", f"{{{_iso(_parts(record, 'accessed'))}}}"))
    fields.append(("url", f"{{{record['URL']}}}"))
    if record.get("language"):
        fields.append(("langid", f"{{{_tex(record['language'])}}}"))
    notes = [n for n in (record.get("note"), record.get("original-publisher") and
                         f"First published by {record['original-publisher']}") if n]
    if notes:
        fields.append(("note", f"{{{_tex('. '.join(notes))}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@online{{{biblatex_key(record)},\n{body}\n}}\n"


WRITERS = {"json": csl_json, "ris": ris, "bib": biblatex}
