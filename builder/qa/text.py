"""Tokens with character offsets, SQuAD answer normalisation and paragraph spans."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import accumulate, filterfalse
from operator import itemgetter
from typing import NamedTuple

# Numbers keep their separators and unit suffix ("1,000", "1.13bn", "76%"); "'s" is its own
# token so possessives can be recognised; everything else is a word or one symbol.
# (A web address and a plain word share one branch: a word is scanned once, not twice.)
TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*(?:%|[a-zA-Z]+)?(?:-\w+)*"
    r"|(?:[A-Z]\.){2,}"
    r"|\w+(?:(?:\.(?:com|org|net|co|uk|gov|tv))+\b|(?:-\w+|[’'](?![sS]\b)\w+)*)"
    r"|[’'][sS]\b"
    r"|\S"
)
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
PUNCT_TABLE = str.maketrans("", "", string.punctuation)
ARTICLES = frozenset(("a", "an", "the"))


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str


_new_token = tuple.__new__  # builds a Token without NamedTuple's slower __new__
token_lower = itemgetter(3)  # Token.lower as a C-level getter, for map()
_plus_one = (1).__add__


@lru_cache(maxsize=1 << 14)  # pure: "said,", "it's", "year." come back in every article
def _piece_tokens(piece: str) -> tuple[tuple[str, int, int, str], ...]:
    """(text, start, end, lower) of the tokens of a piece of text, offsets within the piece."""
    out = []
    pos = 0
    find = piece.find
    for g in TOKEN_RE.findall(piece):  # tokens come in order: find each after the previous one
        start = find(g, pos)
        pos = start + len(g)
        out.append((g, start, pos, g.lower()))
    return tuple(out)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text` with offsets shifted by `offset` (absolute article offsets).

    No token holds white space, and TOKEN_RE never looks behind a match and sees white space
    after one as it sees the end of the text. So the text is cut at spaces and each piece is
    tokenized alone: a piece of letters is one token, any other piece is tokenized once per
    process (_piece_tokens remembers it)."""
    out = []
    add = out.append
    pieces = text.split(" ")
    for piece, start in zip(pieces, accumulate(map(_plus_one, map(len, pieces)), initial=offset)):
        if piece.isalpha():
            add(_new_token(Token, (piece, start, start + len(piece), piece.lower())))
        elif piece:
            for g, a, b, low in _piece_tokens(piece):
                add(_new_token(Token, (g, start + a, start + b, low)))
    return out


@lru_cache(maxsize=8192)  # pure: the same answer or question is normalised many times
def squad_normalize(text: str) -> str:
    """The SQuAD v1.1 answer normalisation: lower case, no punctuation, no articles."""
    return " ".join(filterfalse(ARTICLES.__contains__, text.lower().translate(PUNCT_TABLE).split()))


def contains_words(haystack_norm: str, needle_norm: str) -> bool:
    """Is the normalised word sequence `needle_norm` inside `haystack_norm` on word boundaries?"""
    return bool(needle_norm) and f" {needle_norm} " in f" {haystack_norm} "


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of outer white space."""
    spans, start = [], 0
    for m in PARAGRAPH_BREAK_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            a += len(chunk) - len(chunk.lstrip())
            out.append((a, a + len(stripped)))
    return out


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True if text[start:end] neither starts nor ends inside a word."""
    if start < 0 or end > len(text) or start >= end:
        return False
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    if end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]):
        return False
    return True


def capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
