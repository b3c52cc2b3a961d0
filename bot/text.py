"""Member-typed text made safe to store and show: no control characters, no bidi tricks.

Discord renders what we send, so a note made of NUL bytes, zero-width spaces or a right-to-left override
would be stored and shown as a blank (or a reversed) line. Newlines and tabs stay; joiners inside emoji stay.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, and the bidi embeddings, overrides and isolates.
_STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Characters that take no space on screen: text made only of these (and blanks) says nothing.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u3164\u115f\u1160\u2800")


def clean(text: str) -> str:
    """`text` without control and bidi characters, stripped of surrounding blanks."""
    return _STRIP.sub("", text).strip()


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show on screen."""
    return all(ch.isspace() or ch in _INVISIBLE or unicodedata.category(ch) == "Cf" for ch in text)


# A bracket with the backslashes before it: each of those is doubled, so the bracket's own escape is not
# cancelled by one the member typed (`\[x](url)` would otherwise become `\\[x](url)`, a link again).
_BRACKET = re.compile(r"(\\*)([\[\]])")


def no_links(text: str) -> str:
    """`text` for Discord with its brackets escaped, so `[click me](https://evil.example)` shows as typed
    instead of as a masked link to somewhere else. Discord shows the escaped text unchanged; a bare URL
    still shows as the URL it is."""
    return _BRACKET.sub(lambda m: m[1] * 2 + "\\" + m[2], text)
