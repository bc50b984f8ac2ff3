"""Tidying of short texts that people type: names, titles, one-line fields.

Unicode's directional formatting characters are invisible, yet they reorder what is shown
around them: a name with a right-to-left override can display as someone else's name or
hide part of itself ("Trojan Source", CVE-2021-42574). A short text has no use for them, so
they are removed where such texts enter the system. Letters, including those of
right-to-left scripts, and the joiners some scripts need (U+200C, U+200D) are kept.
"""

from __future__ import annotations

import re
import unicodedata

# LRM, RLM; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; the Arabic letter mark.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def clean_text(value: str | None) -> str:
    """`value` without directional formatting characters, in Unicode normal form C
    (so that "é" typed two ways is one text), trimmed. None gives ""."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", _BIDI.sub("", value)).strip()
