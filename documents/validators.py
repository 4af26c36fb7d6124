"""What makes a source URL a link: one rule for every way a URL enters the archive.

The importer (front matter, HTML metadata), the export loader and the admin (through the
model field's validators) accept a source URL only when ``validate_web_url`` does: an http or
https address. Templates link a stored URL only through ``web_url`` (the ``http_url``
filter), so a row written before the rule existed is shown as text, never as a link.

Nothing here needs Django's settings or the app registry: the import's worker processes use it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

WEB_SCHEMES = ("http", "https")
URL_MAX_LENGTH = 1000  # Document.source_url's max_length

validate_web_url = URLValidator(
    schemes=list(WEB_SCHEMES),
    message="Enter a web address that starts with http:// or https://.",
)

# What a browser ignores in a URL (WHATWG URL parsing): C0 controls and spaces at either end,
# tabs and newlines anywhere. "java\tscript:" and " javascript:" are javascript: URLs to it.
_IGNORED_AT_ENDS = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE_RE = re.compile(r"[\t\n\r]")
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def clean_url(value: str) -> str:
    """``value`` as a browser reads it: without the characters it ignores."""
    return _TAB_OR_NEWLINE_RE.sub("", value).strip(_IGNORED_AT_ENDS)


def web_url_error(value: object) -> str | None:
    """Why ``value`` is not an acceptable source URL (one line), or None when it is."""
    if not isinstance(value, str):
        return "must be text"
    url = clean_url(value)
    if len(url) > URL_MAX_LENGTH:
        return f"is longer than {URL_MAX_LENGTH:,} characters"
    try:
        validate_web_url(url)
    except ValidationError:
        return "is not a web address: only http:// and https:// links are accepted"
    return None


def web_url(value: object) -> str:
    """``value`` if a browser would read it as an http(s) URL, else "" (for templates).

    A scheme test only, not the full validation: an old row with an odd but harmless http
    address keeps its link; anything with another scheme (javascript:, data:…) loses it.
    """
    if not isinstance(value, str):
        return ""
    url = clean_url(value)
    scheme = _SCHEME_RE.match(url)
    return url if scheme and scheme.group(1).lower() in WEB_SCHEMES else ""
