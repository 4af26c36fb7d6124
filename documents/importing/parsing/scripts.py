"""Which script a few characters are written in, for the parsers' tests on one line.

``CJK_RE`` finds a Han character, ``LATIN_WORD_RE`` a word in Latin or Cyrillic letters, and
``LOWER_START_RE`` a line that starts in lower case (maybe after an opening quote). Which
language a whole text is in is ``languages.detect_languages``'s job.
"""

from __future__ import annotations

import re

LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]+")
LOWER_START_RE = re.compile(r"^[\"'“‘(]?[a-z\u00df-\u00ff]")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
