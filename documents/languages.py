"""Language names for codes stored on documents and passages (``zh`` -> "Chinese")."""

from __future__ import annotations

from django.conf.locale import LANG_INFO

# Django's names for Chinese are its own locales (zh-hans, zh-hant); the archive stores ``zh`` too.
LANGUAGE_NAMES = {"zh": "Chinese", "zh-hans": "Chinese (Simplified)", "zh-hant": "Chinese (Traditional)"}


def language_name(code: str) -> str:
    """The English name of a language code, in any case; an unknown code is shown as itself."""
    code = (code or "").lower()
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    info = LANG_INFO.get(code)
    return info["name"] if info and "name" in info else code
