"""Stage 1 of the import pipeline: bytes -> text.

``read_text`` decides whether a file is text at all, finds its encoding and returns
normalised text (NFC, ``"\\n"`` line endings). Anything the importer cannot use is
refused with :class:`~documents.importing.types.ImportRejected` and a one-line
reason a person can act on.

Order of the checks matters:

1. size and emptiness (cheap, no decoding);
2. known binary formats by their magic number (PDF, ZIP/DOCX, PNG, GZIP, ...);
3. byte-order marks (UTF-8, UTF-32, UTF-16), then UTF-16 *without* a BOM when the
   even/odd NUL pattern of mostly-ASCII UTF-16 is clear -- before the NUL check,
   because UTF-16 text legitimately contains NUL bytes;
4. strict UTF-8 (the fast path: most files are UTF-8);
5. NUL bytes -> binary; otherwise charset-normalizer (GB18030, Big5, cp1252, ...);
6. on the decoded text: share of control characters -> binary.

Last, a line longer than ``MAX_LINE_CHARS`` is broken into lines of about equal length
(``bound_lines``), so that no pattern of the later stages ever sees an unbounded line; only
line breaks are added.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from documents.importing.types import ImportRejected

__all__ = ["MAX_LINE_CHARS", "bound_lines", "read_text"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# No real paragraph is this long on one line (the seeds' longest is 2,526 characters); the
# patterns of the cleaner and the parser each see at most this much at a time.
MAX_LINE_CHARS = 10_000

# Magic numbers of formats people are likely to drop into an import folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document"),
    (b"{\\rtf", "RTF document"),
    (b"\x7fELF", "executable (ELF)"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0/C1 control characters other than tab and newline (CR, FF and VT are turned
# into newlines before this is applied).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK_RE = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Where an over-long line may be broken (``_line_break``), best first. The next line must begin
# with a letter or a digit, and with no colon soon after it: a line that began with a bullet, a
# Markdown mark or "Name:" would be read as a list item, a heading or a speaker's turn.
_LOOK_AHEAD = 64
_CHUNK = 256
_SAFE_START = rf"(?=[^\W_])(?![^\n]{{0,{_LOOK_AHEAD - 1}}}[:：])"
_BREAKS = (
    re.compile(r"\s" + _SAFE_START),  # after a space
    re.compile(r"(?:[。！？]|[\u4e00-\u9fff])(?=[\u4e00-\u9fff])" + _SAFE_START),  # unspaced: the parser rejoins it
    re.compile(r"(?<![^\W_])" + _SAFE_START),  # where a word begins
)
# Characters that are "nothing" for the purpose of the emptiness check.
_BLANK_RE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")

# When charset-normalizer finds several encodings equally good, the most common wins.
_PREFERRED_ENCODINGS = ("utf_8", "gb18030", "big5", "cp932", "cp949", "cp1252", "cp1251", "cp1256", "koi8_r")

_SAMPLE_BYTES = 8192
# More than this share of control characters in the decoded text means binary.
_MAX_CONTROL_SHARE = 0.01


def read_text(
    *, data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES, max_line_chars: int = MAX_LINE_CHARS
) -> str:
    """Decode an imported file to NFC text with ``"\\n"`` line endings and no line longer
    than ``max_line_chars`` (``bound_lines``).

    ``name`` is only used in the rejection message. Raises ``ImportRejected`` for an
    empty or whitespace-only file, a file over ``max_bytes``, a binary file and
    bytes that no known encoding can decode.
    """
    size = len(data)
    if size > max_bytes:
        raise ImportRejected(
            name, f"file too large: {size:,} bytes (limit {_human_size(max_bytes)})"
        )
    if size == 0:
        raise ImportRejected(name, "empty file")
    kind = _binary_kind(data)
    if kind:
        raise ImportRejected(name, f"binary file ({kind})")

    text = _decode(data, name=name)
    if "\x00" in text:
        # Valid UTF-8 or UTF-16 can carry U+0000 too; no text document does.
        raise ImportRejected(name, "binary file (contains NUL bytes)")

    text = _LINE_BREAK_RE.sub("\n", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = len(_CONTROL_RE.findall(text))
    if controls:
        if controls > max(3, len(text) * _MAX_CONTROL_SHARE):
            raise ImportRejected(name, "binary file (control characters)")
        # A stray control character or two (a DOS end-of-file mark, a pasted
        # escape) is dropped rather than kept in the text.
        text = _CONTROL_RE.sub("", text)
    if _BLANK_RE.fullmatch(text):
        raise ImportRejected(name, "empty file (only whitespace)")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return bound_lines(text, max_line_chars=max_line_chars)


def bound_lines(text: str, *, max_line_chars: int = MAX_LINE_CHARS) -> str:
    """``text`` with each line over ``max_line_chars`` broken into lines of about equal length.

    Each break goes to the safe place nearest an equal share (``_BREAKS``): after a space, else
    (an unspaced script) after a full stop or between two Chinese characters, which the parser
    joins back without a space, else where a word begins; only with none of them in the second
    half of the piece, between two characters. Only line breaks are added: removing them gives
    ``text`` back.
    """
    if len(text) <= max_line_chars:
        return text
    lines = text.split("\n")
    if all(len(line) <= max_line_chars for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        start = 0
        while len(line) - start > max_line_chars:
            ideal = equal_share(length=len(line), start=start, limit=max_line_chars)
            cut = _line_break(line, start=start, ideal=ideal, end=start + max_line_chars)
            out.append(line[start:cut])
            start = cut
        out.append(line[start:] if start else line)
    return "\n".join(out)


def _line_break(line: str, *, start: int, ideal: int, end: int) -> int:
    """Where to break ``line[start:end]``: the place nearest ``ideal``, in the second half of
    the piece, of the first kind of ``_BREAKS`` found there; else ``ideal`` itself (moved back
    off a combining mark)."""
    low = start + (end - start) // 2
    found = (_places_near(pattern, line, low=low, ideal=ideal, end=end) for pattern in _BREAKS)
    return nearest_cut(line, next((places for places in found if places), []), start=start, ideal=ideal)


def equal_share(*, length: int, start: int, limit: int) -> int:
    """Where the first piece of ``[start, length)`` ends when it is cut into as few pieces of
    at most ``limit`` as it can be, all of about the same length."""
    remaining = length - start
    return start + -(-remaining // -(-remaining // limit))


def nearest_cut(text: str, places: list[int], *, start: int, ideal: int) -> int:
    """The one of ``places`` nearest ``ideal``; with none, ``ideal`` itself, moved back off a
    combining mark (never to ``start`` or before) so that no character is cut from its accents."""
    if places:
        return min(places, key=lambda place: abs(place - ideal))
    cut = ideal
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def _places_near(pattern: re.Pattern[str], line: str, *, low: int, ideal: int, end: int) -> list[int]:
    """The ends of the matches of ``pattern`` nearest ``ideal`` on either side, within
    ``(low, end]``: the first after it, and the last before it, looked for a chunk at a time
    going back from ``ideal`` (the nearest is usually a few characters away). Each search
    reaches a little further than the places it may return: the look-aheads must see what
    follows them."""
    places = []
    after = pattern.search(line, ideal, min(len(line), end + _LOOK_AHEAD))
    if after and after.end() <= end:
        places.append(after.end())
    top = ideal
    while top > low:
        bottom = max(low, top - _CHUNK)
        found = [m.end() for m in pattern.finditer(line, bottom, min(len(line), top + _LOOK_AHEAD))
                 if bottom < m.end() <= top]
        if found:
            places.append(found[-1])
            break
        top = bottom
    return places


def _decode(data: bytes, *, name: str) -> str:
    """Return ``data`` decoded, or raise ``ImportRejected`` when it cannot be."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ImportRejected(
                    name, f"cannot decode text: invalid {encoding.upper()} after its byte-order mark"
                ) from None

    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass  # Not UTF-16 after all: let the other checks decide.

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    if b"\x00" in data:
        raise ImportRejected(name, "binary file (contains NUL bytes)")

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise ImportRejected(name, "cannot decode text: unknown encoding")
    encoding = best.encoding
    # Several single-byte code pages often fit equally well (Spanish decodes as
    # cp1250, cp1252 and cp1257 alike): take the one most used on the web.
    tied = {
        m.encoding
        for m in matches
        if m.chaos <= best.chaos + 0.005 and m.coherence >= best.coherence - 0.005
    }
    for preferred in _PREFERRED_ENCODINGS:
        if preferred in tied:
            encoding = preferred
            break
    if encoding in ("latin_1", "iso8859_1") and re.search(rb"[\x80-\x9f]", data):
        # Bytes 0x80-0x9F are control characters in Latin-1 but curly quotes and
        # dashes in Windows-1252, which is what such files really are.
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return str(best)


def _binary_kind(data: bytes) -> str:
    """Name the binary format ``data`` starts with, or return ``""``."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        return "Windows executable"
    return ""


def _utf16_without_bom(data: bytes) -> str:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when the NUL pattern says so, else ``""``.

    Text that is mostly ASCII in UTF-16 has a NUL in every other byte: at odd
    offsets for little-endian, at even offsets for big-endian. Binary files have
    NULs at both. CJK-only UTF-16 without a BOM has no such pattern; charset-
    normalizer gets those later.
    """
    sample = data[:_SAMPLE_BYTES]
    if len(sample) < 4:
        return ""
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        return "utf-16-be"
    return ""


def _human_size(size: int) -> str:
    """``10485760`` -> ``"10 MB"``, ``1536`` -> ``"1.5 KB"``."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
