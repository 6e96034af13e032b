"""Is every character a pattern matches in a text ASCII? The fast paths of cleaning and keyword
labels hang on it: ASCII-only words can be lowercased and split with byte tables."""

from __future__ import annotations

import re
from typing import Callable

NON_ASCII = re.compile(r"[\x80-\U0010ffff]")
# Characters beyond ASCII that lowercase to an ASCII letter or that a case-insensitive pattern
# matches to one: dotted and dotless I, long s, Kelvin sign. A text without them lowercases its
# ASCII letters only among ASCII ones.
CASE_ODDITIES = "\u0130\u0131\u017f\u212a"


def is_latin1(text: str) -> bool:
    """Whether all characters of the text are below U+0100. Python keeps such a text one byte a
    character and encodes it by copying (other characters are left out, not raised on): cheaper
    than any search."""
    return len(text.encode("latin-1", "ignore")) == len(text)


def latin1_beyond_ascii(matches: Callable[[str], object]) -> bytes:
    """Every Latin-1 byte but those of the non-ASCII characters `matches` accepts (accented letters,
    "ª", "²" ...): deleting them from a Latin-1 text leaves nothing when its matched characters are
    all ASCII."""
    return bytes(code for code in range(256) if code < 0x80 or not matches(chr(code)))


def matches_only_ascii(text: str, pattern: re.Pattern, beyond_ascii: bytes) -> bool:
    """Whether every character of the text that `pattern` matches is ASCII; `beyond_ascii` is
    latin1_beyond_ascii of the same pattern."""
    if text.isascii():
        return True
    latin1 = text.encode("latin-1", "ignore")
    if len(latin1) == len(text):  # a Latin-1 text: a byte a character, encoded by copying
        return not latin1.translate(None, beyond_ascii)
    return not pattern.search("".join(NON_ASCII.findall(text)))


def has_case_oddities(text: str) -> bool:
    # A plain loop: this test runs a dozen times a line, and any() over a generator costs three
    # times as much.
    if text.isascii():
        return False
    for char in CASE_ODDITIES:
        if char in text:
            return True
    return False
