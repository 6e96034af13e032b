"""Tokens with character offsets, SQuAD answer normalisation and paragraph spans."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import compress, filterfalse
from typing import NamedTuple

import numpy as np

# Entries in each cache of a function of one word (lemmas, capitalisation). Frequent words make
# most of the calls; caches of 32,768-65,536 entries kept every word met, and grew with the
# corpus by ~250 bytes an entry (tens of MB at 100,000 articles) for hit rates 2-5 points higher.
WORD_CACHE_SIZE = 1 << 13

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
_PUNCT_BYTES = string.punctuation.encode("ascii")
ARTICLES = frozenset(("a", "an", "the"))


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str


class TokenColumns(NamedTuple):
    """The tokens of a text as parallel lists (one entry per token), and two index lists."""
    words: list[str]        # the token texts
    lowers: list[str]       # the token texts in lower case
    ends: list[int]         # where each token ends in the text (it starts its length before)
    capitals: list[int]     # indices of the tokens with an upper-case initial
    quote_marks: list[int]  # indices of the tokens that are double quote marks


# Marks the token boundaries in the strings _plain_token_columns builds (and in the joined
# tokens article_token_columns hands on). Text holding it (or any white space but single
# spaces) is tokenized the slow way.
TOKEN_MARK = "\x00"
_QUOTE_MARKS = frozenset('"“”')
# Pieces of text (cut at spaces) that are not all letters -> the piece with TOKEN_MARK between its
# tokens. "said,", "it's", "year." come back in every article. A bounded cache, emptied when
# full; a piece of letters is one token and needs no entry.
_MARKED_PIECES: dict[str, str] = {}
_MARKED_PIECES_LIMIT = 1 << 15
_BMP = 0x10000  # characters below it are looked up in _character_tables


def token_columns(text: str) -> TokenColumns:
    return sentence_token_columns([text])[0]


def sentence_token_columns(texts: list[str]) -> list[TokenColumns]:
    """token_columns of each text, found for all of them at once (an article's sentences): each
    step then runs once per article instead of once per sentence, and none runs per token in
    Python."""
    return article_token_columns(texts)[0]


def article_token_columns(texts: list[str]) -> tuple[list[TokenColumns], tuple[str, str] | None]:
    """(sentence_token_columns(texts), joined): `joined` is (the texts of all their tokens
    joined with TOKEN_MARK between them, the same of their lower cases), or None. Tokenizing
    builds those two strings on the way, and the case evidence needs them; None when some text
    is not plain (the caller joins the tokens itself)."""
    joined = " ".join(texts)
    if _is_plain(joined):
        # Then every text is plain: a text that is empty, or holds other white space, or a
        # space at an end or two in a row, leaves one of those in the joined text.
        return _plain_token_columns(texts, joined)
    is_plain = list(map(_is_plain, texts))
    plain = list(compress(texts, is_plain))
    found = iter(_plain_token_columns(plain, " ".join(plain))[0] if plain else ())
    return [next(found) if ok else _slow_token_columns(text) for text, ok in zip(texts, is_plain)], None


def _is_plain(text: str) -> bool:
    """Is the text non-empty, with no white space but single spaces between visible characters?"""
    return bool(text) and _is_printable(text) and "  " not in text and text[0] != " " and text[-1] != " "


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))  # (what str.isprintable accepts below U+0080)


def _is_printable(text: str) -> bool:
    """str.isprintable(text), a few times faster on ASCII text (isascii is a flag, not a scan):
    str.isprintable looks every character up in the Unicode database, deleting the printable
    bytes is one table step a byte."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.isprintable()


def _plain_token_columns(texts: list[str], joined: str
                         ) -> tuple[list[TokenColumns], tuple[str, str]]:
    """token_columns of plain texts (`joined`: the texts joined with spaces), and all their
    tokens joined with TOKEN_MARK, and the same in lower case (see article_token_columns).

    No token holds white space, and TOKEN_RE never looks behind a match and sees white space
    after one as it sees the end of the text. So the texts are joined with spaces and cut at
    spaces, and a piece that is not all letters is tokenized alone (once per process). The
    pieces are then joined again with TOKEN_MARK between all tokens: splitting that one string at
    the marks gives the texts, and where the marks are gives the offsets.

    (Array methods, not the np.* functions that wrap them: on arrays this small a wrapper
    costs more than the work.)"""
    codes = _code_points(joined)
    letters, upper_case, quote_marks = _character_tables()
    bmp_codes = np.minimum(codes, _BMP - 1)  # (the last one is a letter of no kind)
    spaces = codes == 32
    pieces = joined.split(" ")
    # The pieces with a character that is not a letter: piece numbers of such characters.
    not_letters = np.zeros(len(pieces), dtype=bool)
    not_letters[spaces.cumsum().compress(~(letters.take(bmp_codes) | spaces))] = True
    known = _MARKED_PIECES
    for k in not_letters.nonzero()[0].tolist():  # (a piece of letters is one token: left as it is)
        piece = pieces[k]
        pieces[k] = known.get(piece) or _marked_piece(piece)
    marked = f"{TOKEN_MARK} ".join(pieces)
    flat = marked.replace(" ", "")
    words = flat.split(TOKEN_MARK)
    # Lower-casing the marked text equals lower-casing each token: a mark is neither cased
    # nor case-ignorable, so the context rule of a final sigma stops at it.
    flat_lower = flat.lower()
    lowers = flat_lower.split(TOKEN_MARK)

    # Offsets in `joined`: the n-th mark in `marked` is n characters after the end of token n;
    # the token after it starts one character later if a space follows the mark.
    marked_codes = _code_points(marked)
    marks = (marked_codes == 0).nonzero()[0]
    ends = np.empty(len(marks) + 1, dtype=np.int64)
    ends[:-1] = marks - np.arange(len(marks))
    ends[-1] = len(joined)
    starts = np.zeros(len(ends), dtype=np.int64)
    starts[1:] = ends[:-1] + (marked_codes.take(marks + 1) == 32)
    initials = bmp_codes.take(starts)
    capital = upper_case.take(initials)
    for k in (initials == _BMP - 1).nonzero()[0].tolist():  # (rare: looked up one by one)
        capital[k] = words[k][0].isupper()
    quote = quote_marks.take(initials) & (ends - starts == 1)

    # Cut the columns per text: text t covers joined[offsets[t]:offsets[t] + len(texts[t])].
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offsets = (lengths + 1).cumsum() - lengths - 1
    bounds = ends.searchsorted(offsets + lengths, side="right")  # (the tokens up to each text's end)
    firsts = np.empty(len(bounds), dtype=bounds.dtype)  # (the first token of each text)
    firsts[0] = 0
    firsts[1:] = bounds[:-1]
    text_ends = (ends - offsets.repeat(bounds - firsts)).tolist()
    capitals, capital_cuts = _indices_per_text(capital.nonzero()[0], firsts, bounds)
    quote_marks, quote_cuts = _indices_per_text(quote.nonzero()[0], firsts, bounds)
    columns = []
    for a, b, c0, c1, q0, q1 in zip(firsts.tolist(), bounds.tolist(), capital_cuts, capital_cuts[1:],
                                    quote_cuts, quote_cuts[1:]):
        columns.append(TokenColumns(words[a:b], lowers[a:b], text_ends[a:b],
                                    capitals[c0:c1], quote_marks[q0:q1]))
    return columns, (flat, flat_lower)


def _indices_per_text(indices: np.ndarray, firsts: np.ndarray, bounds: np.ndarray
                      ) -> tuple[list[int], list[int]]:
    """Sorted token indices counted from the first token of their text, and where each text's
    share of them starts and ends in that list (text t: [cuts[t], cuts[t + 1]))."""
    cuts = np.zeros(len(bounds) + 1, dtype=np.int64)
    cuts[1:] = indices.searchsorted(bounds)
    return (indices - firsts.repeat(cuts[1:] - cuts[:-1])).tolist(), cuts.tolist()


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@lru_cache(maxsize=1)
def _character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(is a letter, is upper case, is a double quote mark) for every character below _BMP, as
    str.isalpha and str.isupper say. The last one, U+FFFF, is none of them."""
    chars = [chr(c) for c in range(_BMP)]
    return (np.fromiter(map(str.isalpha, chars), dtype=bool, count=_BMP),
            np.fromiter(map(str.isupper, chars), dtype=bool, count=_BMP),
            np.fromiter(map(_QUOTE_MARKS.__contains__, chars), dtype=bool, count=_BMP))


def _marked_piece(piece: str) -> str:
    """A piece of text without white space with TOKEN_MARK between its tokens (they tile it)."""
    marked = _MARKED_PIECES.get(piece)
    if marked is None:
        if len(_MARKED_PIECES) >= _MARKED_PIECES_LIMIT:
            _MARKED_PIECES.clear()
        last = piece[-1]
        if piece[:-1].isalpha() and not (last.isalnum() or last == "_"):
            # A word and a mark after it ("said,", "year."), the commonest new piece: TOKEN_RE
            # takes the letters as one word (they are all word characters, with no "." or
            # digit among them), and the last character alone (no word character follows it).
            marked = piece[:-1] + TOKEN_MARK + last
        else:
            marked = TOKEN_MARK.join(TOKEN_RE.findall(piece))
        _MARKED_PIECES[piece] = marked
    return marked


def _slow_token_columns(text: str) -> TokenColumns:
    words, ends = [], []
    for m in TOKEN_RE.finditer(text):
        words.append(m.group())
        ends.append(m.end())
    return TokenColumns(words, list(map(str.lower, words)), ends,
                        [k for k, word in enumerate(words) if word[0].isupper()],
                        [k for k, word in enumerate(words) if word in _QUOTE_MARKS])


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text` with offsets shifted by `offset` (absolute article offsets)."""
    words, lowers, ends, _, _ = token_columns(text)
    return [Token(w, offset + e - len(w), offset + e, low) for w, low, e in zip(words, lowers, ends)]


@lru_cache(maxsize=8192)  # pure: the same answer or question is normalised many times
def squad_normalize(text: str) -> str:
    """The SQuAD v1.1 answer normalisation: lower case, no punctuation, no articles."""
    return " ".join(filterfalse(ARTICLES.__contains__, strip_punctuation(text.lower()).split()))


def strip_punctuation(text: str) -> str:
    """text.translate(PUNCT_TABLE), several times faster: the ASCII punctuation is deleted from
    the UTF-8 bytes (where an ASCII byte is never part of another character), not looked up
    character by character (str.translate is slowest on text beyond ASCII, as news text is)."""
    return text.encode("utf-8", "surrogatepass").translate(None, _PUNCT_BYTES).decode("utf-8", "surrogatepass")


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
