"""The languages a document is written in, main language first, as ISO 639-1 codes.

Han, kana and hangul are counted; alphabetic text goes to the lingua detector, on a sample and
among the languages of diplomacy only, so that detection stays fast. A language is listed only
when it holds a real share of the text.
"""

from __future__ import annotations

import re
import threading
from typing import Any

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_CJK_ANY_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_ALPHA_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f]")
_LATIN_SAMPLE = 250  # characters per sample: lingua's time grows with the sample
_MIN_SHARE = 0.12  # of the text, for a language to be listed
# A translation into English takes about four characters (spaces included) for
# every Chinese character: CJK characters weigh four when shares are compared.
_CJK_WEIGHT = 4
_detector: Any = None
_detector_lock = threading.Lock()
# The UN languages, the other big languages of diplomacy, and China's neighbours. Each
# extra alphabetic language costs time on every document (about 7 µs a sample).
_DETECTOR_LANGUAGES = (
    "ENGLISH", "CHINESE", "FRENCH", "SPANISH", "RUSSIAN", "ARABIC", "GERMAN", "JAPANESE", "KOREAN",
    "PORTUGUESE", "ITALIAN", "VIETNAMESE", "INDONESIAN", "PERSIAN", "HINDI",
)


def _get_detector() -> Any:
    """The lingua detector, built once per process on first use."""
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [getattr(Language, n) for n in _DETECTOR_LANGUAGES]
                _detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    return _detector


def detect_languages(*, texts: list[str], title: str = "") -> list[str]:
    """ISO 639-1 codes of the languages of ``texts`` (paragraphs), main language first.

    Each paragraph counts for the script it is mostly written in: Han/kana/hangul
    paragraphs are Chinese, Japanese or Korean; alphabetic paragraphs go to lingua
    (on a sample, for speed). A language must hold a real share of the text, so a
    "(四)" in an English title does not make a document bilingual. When two
    languages hold about the same share, the one of ``title`` comes first.
    """
    cjk_weight = 0.0
    alpha_weight = 0.0
    han = kana = hangul = 0
    alpha_parts: list[str] = []
    for text in texts:
        n_han = n_kana = n_hangul = 0
        if not text.isascii() and _CJK_ANY_RE.search(text):
            n_han = len(_HAN_RE.findall(text))
            n_kana = len(_KANA_RE.findall(text))
            n_hangul = len(_HANGUL_RE.findall(text))
        n_cjk = n_han + n_kana + n_hangul
        # Everything else counts as alphabetic: spaces and punctuation add about
        # the same share to every alphabetic language, so the comparison holds.
        n_alpha = len(text) - n_cjk if n_cjk * _CJK_WEIGHT < len(text) else len(_ALPHA_RE.findall(text))
        if n_cjk * _CJK_WEIGHT >= n_alpha:
            if n_cjk:
                cjk_weight += n_cjk * _CJK_WEIGHT
                han += n_han
                kana += n_kana
                hangul += n_hangul
        elif n_alpha:
            alpha_weight += n_alpha
            alpha_parts.append(text)
    total = cjk_weight + alpha_weight
    if not total:
        return []
    scored: list[tuple[float, str]] = []
    if cjk_weight / total >= _MIN_SHARE:
        if hangul > max(han, kana):
            code = "ko"
        elif kana >= 0.1 * (han + kana):
            code = "ja"
        else:
            code = "zh"
        scored.append((cjk_weight, code))
    if alpha_weight / total >= _MIN_SHARE:
        for code, share in _alphabetic_languages(alpha_parts):
            scored.append((alpha_weight * share, code))
    if len(scored) == 2 and min(scored)[0] >= 0.75 * max(scored)[0] and title:
        # A parallel bilingual text: the title's script decides which is main.
        title_cjk = len(_CJK_ANY_RE.findall(title)) * _CJK_WEIGHT >= len(_ALPHA_RE.findall(title))
        scored.sort(key=lambda item: (item[1] in ("zh", "ja", "ko")) != title_cjk)
    else:
        scored.sort(key=lambda item: -item[0])
    codes: list[str] = []
    for _, code in scored:
        if code not in codes:
            codes.append(code)
    return codes


def _alphabetic_languages(parts: list[str]) -> list[tuple[str, float]]:
    """Languages of alphabetic paragraphs: a sample from the start, and one from the
    second half when the text is long enough to hold a second language."""
    detector = _get_detector()
    samples = [_sample(parts)]
    if len(parts) >= 6 and sum(len(p) for p in parts) >= 8 * _LATIN_SAMPLE:
        samples.append(_sample(parts[len(parts) // 2 :]))
    results: list[str] = []
    for sample in samples:
        language = detector.detect_language_of(sample)
        if language is not None:
            results.append(language.iso_code_639_1.name.lower())
    if not results:
        return []
    if len(results) == 2 and results[0] != results[1]:
        return [(results[0], 0.5), (results[1], 0.5)]
    return [(results[0], 1.0)]


def _sample(parts: list[str]) -> str:
    out: list[str] = []
    size = 0
    for part in parts:
        out.append(part)
        size += len(part)
        if size >= _LATIN_SAMPLE:
            break
    return " ".join(out)[:_LATIN_SAMPLE].rsplit(" ", 1)[0]
