"""Tests for documents.importing.reading: bytes -> text, or a clear refusal."""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.importing.reading import read_text
from documents.importing.types import ImportRejected

FIXTURES = Path(__file__).parent / "fixtures"

SPANISH = "Señoras y señores: la política exterior de China se basa en los “Cinco Principios”."
CHINESE = "中方一贯坚持独立自主的和平外交政策，坚持在和平共处五项原则基础上同各国发展友好合作关系。"
TRADITIONAL = "中國政府堅定奉行獨立自主的和平外交政策，始終在和平共處五項原則的基礎上同各國發展友好合作關係。"
ENGLISH = "China pursues an independent foreign policy of peace.\nIts main elements are as follows:\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(ENGLISH.encode("utf-8"), ENGLISH, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + CHINESE.encode("utf-8"), CHINESE, id="utf-8 with BOM"),
        pytest.param(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), ENGLISH, id="utf-16-le with BOM"),
        pytest.param(codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), CHINESE, id="utf-16-be with BOM"),
        pytest.param(ENGLISH.encode("utf-16-le"), ENGLISH, id="utf-16-le without BOM"),
        pytest.param(ENGLISH.encode("utf-16-be"), ENGLISH, id="utf-16-be without BOM"),
        pytest.param(codecs.BOM_UTF32_LE + SPANISH.encode("utf-32-le"), SPANISH, id="utf-32 with BOM"),
        pytest.param((CHINESE * 3).encode("gb18030"), CHINESE * 3, id="gb18030"),
        pytest.param((CHINESE * 3).encode("gbk"), CHINESE * 3, id="gbk"),
        pytest.param((TRADITIONAL * 3).encode("big5"), TRADITIONAL * 3, id="big5"),
        pytest.param((SPANISH + "\n").encode("cp1252") * 3, (SPANISH + "\n") * 3, id="cp1252 with curly quotes"),
        pytest.param("Déclaration du Secrétaire général\n".encode("latin-1") * 3, "Déclaration du Secrétaire général\n" * 3, id="latin-1"),
    ],
)
def test_read_text_detects_the_encoding(data: bytes, expected: str) -> None:
    assert read_text(data=data, name="doc.txt") == expected


@pytest.mark.parametrize(
    ("filename", "must_contain"),
    [
        ("fmprc_press_conference_zh.gb18030.txt", "外交部发言人耿爽主持例行记者会"),
        ("statement_zh_hant.big5.txt", "中華人民共和國外交部發言人聲明"),
        ("declaration_fr.utf16le-bom.txt", "Déclaration du Secrétaire général"),
        ("discurso_es.cp1252.txt", "Señoras y señores"),
        ("white_paper_zh.utf8-bom.crlf.txt", "新时代的中国与世界\n中华人民共和国国务院新闻办公室"),
    ],
)
def test_read_text_decodes_fixture_files(filename: str, must_contain: str) -> None:
    text = read_text(data=(FIXTURES / filename).read_bytes(), name=filename)
    assert must_contain in text
    assert "\r" not in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"one\r\ntwo\r\n", "one\ntwo\n", id="CRLF"),
        pytest.param(b"one\rtwo\r", "one\ntwo\n", id="old Mac CR"),
        pytest.param("one\u2028two".encode(), "one\ntwo", id="unicode line separator"),
        pytest.param("Cafe\u0301 Zhou Enlai".encode(), "Café Zhou Enlai", id="decomposed accent becomes NFC"),
        pytest.param(b"A DOS file\n\x1a", "A DOS file\n", id="stray control character dropped"),
    ],
)
def test_read_text_normalises(data: bytes, expected: str) -> None:
    text = read_text(data=data, name="doc.txt")
    assert text == expected
    assert text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\t\r\n", "empty file (only whitespace)", id="whitespace"),
        pytest.param("\u3000\u00a0\n".encode(), "empty file (only whitespace)", id="unicode whitespace"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "binary file (ZIP archive or Office document)", id="docx"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)", id="png"),
        pytest.param(b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (GZIP)", id="gzip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary file (MS Office (OLE2) document)", id="old word"),
        pytest.param(b"some text\x00\x01\x02\x00\xff\xfe\x00\x00more", "binary file (contains NUL bytes)", id="NUL bytes"),
        pytest.param(b"Valid UTF-8 with one NUL\x00 in the middle.\n", "binary file (contains NUL bytes)", id="one NUL in UTF-8"),
        pytest.param(b"header\x01\x02\x03\x04\x05\x06\x07\x08 trailing text", "binary file (control characters)", id="control characters"),
    ],
)
def test_read_text_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(ImportRejected) as excinfo:
        read_text(data=data, name="upload.bin")
    assert excinfo.value.reason == reason
    assert str(excinfo.value) == f"upload.bin: {reason}"


def test_read_text_rejects_a_file_over_the_limit_and_says_the_limit() -> None:
    data = b"a" * (2 * 1024 * 1024 + 1)
    with pytest.raises(ImportRejected) as excinfo:
        read_text(data=data, name="huge.txt", max_bytes=2 * 1024 * 1024)
    assert "limit 2 MB" in excinfo.value.reason
    assert "2,097,153 bytes" in excinfo.value.reason


def test_read_text_accepts_a_file_exactly_at_the_limit() -> None:
    assert read_text(data=b"abc", name="small.txt", max_bytes=3) == "abc"


def test_random_bytes_are_refused_not_turned_into_mojibake() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4096))  # no NUL: the decoders get their chance
    with pytest.raises(ImportRejected) as excinfo:
        read_text(data=noise, name="noise.dat")
    assert excinfo.value.reason.startswith(("binary file", "cannot decode"))


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"),
    min_size=1,
).filter(lambda s: s.strip() and s.strip("\u200b\u200c\u200d\u2060"))


@given(_TEXT)
def test_any_utf8_text_comes_back_as_nfc(text: str) -> None:
    assert read_text(data=text.encode("utf-8"), name="t.txt") == unicodedata.normalize("NFC", text)


@given(_TEXT)
def test_any_text_with_a_utf16_bom_comes_back(text: str) -> None:
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert read_text(data=data, name="t.txt") == unicodedata.normalize("NFC", text)
