"""Tokens with character offsets, SQuAD answer normalisation and paragraph spans."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import accumulate, filterfalse
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


# Marks token boundaries inside a piece of text, and piece boundaries, in the strings
# token_columns builds. Text holding it (or any white space but " ") is tokenized the slow way.
_MARK = "\x00"
# Pieces of text (cut at spaces) that are not all letters -> the piece with _MARK between its
# tokens. "said,", "it's", "year." come back in every article. A bounded cache, emptied when
# full; a piece of letters is one token and needs no entry.
_MARKED_PIECES: dict[str, str] = {}
_MARKED_PIECES_LIMIT = 1 << 15


def _remember_pieces(pieces: set[str]) -> None:
    """Put all the pieces in _MARKED_PIECES (emptied first when they would not fit)."""
    if len(_MARKED_PIECES) + len(pieces) > _MARKED_PIECES_LIMIT:
        _MARKED_PIECES.clear()
    for piece in pieces.difference(_MARKED_PIECES):  # (no white space in a piece: its tokens tile it)
        _MARKED_PIECES[piece] = _MARK.join(TOKEN_RE.findall(piece))


def token_columns(text: str) -> tuple[list[str], list[str], list[int]]:
    """The tokens of `text` as three parallel lists: texts, lower-cased texts and end offsets
    (a token starts at its end minus its length).

    No token holds white space, and TOKEN_RE never looks behind a match and sees white space
    after one as it sees the end of the text. So the text is cut at spaces, each piece is
    tokenized alone (once per process), and the pieces are joined again with a mark between
    all tokens: splitting that one string at the marks gives every column at C speed, without
    a Python step per token."""
    if not text or not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        return _slow_token_columns(text)  # other white space, or empty pieces
    pieces = text.split(" ")
    not_letters = set(filterfalse(str.isalpha, pieces))
    if not_letters.difference(_MARKED_PIECES):
        _remember_pieces(not_letters)
    marked = f"{_MARK} ".join(map(_MARKED_PIECES.get, pieces, pieces))
    joined = marked.replace(" ", "")
    # Lower-casing the marked text equals lower-casing each token: a mark is neither cased
    # nor case-ignorable, so the context rule of a final sigma stops at it.
    lowers = joined.lower().split(_MARK)
    # Each token with the space before it, if any: their lengths add up to the token ends.
    return joined.split(_MARK), lowers, list(accumulate(map(len, marked.split(_MARK))))


def _slow_token_columns(text: str) -> tuple[list[str], list[str], list[int]]:
    words, ends = [], []
    for m in TOKEN_RE.finditer(text):
        words.append(m.group())
        ends.append(m.end())
    return words, list(map(str.lower, words)), ends


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text` with offsets shifted by `offset` (absolute article offsets)."""
    words, lowers, ends = token_columns(text)
    return [Token(w, offset + e - len(w), offset + e, low) for w, low, e in zip(words, lowers, ends)]


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
