"""Exact and near-duplicate articles: text keys, MinHash signatures over word shingles, LSH clusters.

Near-duplicates (the same wire story on two sites, an updated copy) must stay in one split or the
test scores are inflated; clusters found here become the split's group key."""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache

import numpy as np

_WORD = re.compile(r"\w+")
# Every byte that is not a word byte (ASCII letter, digit or "_") made a space. In UTF-8 each byte
# of a non-ASCII character is >= 0x80, so when no non-ASCII character is a word character the
# words of the text are the runs of bytes this leaves, found by bytes.split (a third of the cost
# of the regex).
_NON_WORD_BYTES_TO_SPACE = bytes(code if re.fullmatch(rb"\w", bytes([code])) else 0x20 for code in range(256))
_NON_ASCII = re.compile(r"[\x80-\U0010ffff]")
_GRAM_BASE = 1_000_003  # multiplier of the gram polynomial; (p-1) * base + p stays far below 2^64
_PRIME = 4294967291  # the largest prime below 2^32: with a, b, x < 2^32, a*x + b fits in uint64


def uint64_constant(value: int) -> np.ndarray:
    """A read-only 0-d uint64 array: as an operand, numpy takes it ~3,000 instructions faster than a
    Python int, which it first has to convert (the arrays hashed here are short)."""
    constant = np.array(value, dtype=np.uint64)
    constant.flags.writeable = False
    return constant


_PRIME_ARRAY = uint64_constant(_PRIME)
_GRAM_BASE_ARRAY = uint64_constant(_GRAM_BASE)


# Each Latin-1 character casefolded, as a byte table; but "µ" and "ß", which casefold to the Greek
# mu and to "ss", beyond one Latin-1 character.
_LATIN1_BEYOND_ONE_BYTE = "µß"
_LATIN1_CASEFOLDED = bytes(code if chr(code) in _LATIN1_BEYOND_ONE_BYTE else ord(chr(code).casefold())
                           for code in range(256))


def casefold(text: str) -> str:
    """text.casefold(). A Latin-1 text (Python keeps it a byte a character and encodes it by
    copying) is casefolded by a byte table, at a fifth of the cost of str.casefold, which looks
    every character beyond ASCII up."""
    if not text.isascii():
        latin1 = text.encode("latin-1", "ignore")
        if len(latin1) == len(text) and not any(char in text for char in _LATIN1_BEYOND_ONE_BYTE):
            return latin1.translate(_LATIN1_CASEFOLDED).decode("latin-1")
    return text.casefold()


# The white space str.split splits at, but " ": in ASCII these control characters; beyond ASCII,
# characters that are all unprintable (str.isprintable), as " " is not.
_ASCII_SPACES_BUT_SPACE = tuple(chr(code) for code in range(128) if chr(code).isspace() and code != 0x20)


def single_spaced(text: str) -> str:
    """" ".join(text.split()). An article's text is single-spaced lines with a blank line between
    paragraphs, so replacing each blank line by a space mostly gives it already; that is checked
    by scans in C, instead of making a string of every word."""
    joined = text.replace("\n\n", " ")
    if joined.isascii():
        no_other_space = not any(space in joined for space in _ASCII_SPACES_BUT_SPACE)
    else:
        no_other_space = joined.isprintable()
    if no_other_space and "  " not in joined and not joined.startswith(" ") and not joined.endswith(" "):
        return joined
    return " ".join(text.split())


def folded(text: str) -> bytes:
    """The text with white space and case folded, UTF-8 encoded: what a text key hashes."""
    return casefold(single_spaced(text)).encode("utf-8")


def key_of(digest) -> int:
    """64 bits of a hashlib digest (an int is the most compact key a corpus-wide set can hold;
    collisions are ~1e-8 at a million texts)."""
    return int.from_bytes(digest.digest()[:8], "big")


def text_key(text: str) -> int:
    """Exact-duplicate key: a 64-bit hash of the text with white space and case folded."""
    return key_of(hashlib.sha256(folded(text)))


def context_question_keys(pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(text_key(context), text_key(context + NUL + question)) of each (context, question) pair,
    for a trimmed context and question. An article's pairs share a few contexts: each is folded
    and hashed once, and the pair's hash goes on from the context's."""
    hashed: dict[str, object] = {}
    keys = []
    for context, question in pairs:
        state = hashed.get(context)
        if state is None:
            state = hashed[context] = hashlib.sha256(folded(context))
        pair = state.copy()
        pair.update(b"\x00" + folded(question))
        keys.append((key_of(state), key_of(pair)))
    return keys


def utf8_words(folded: str) -> list[bytes]:
    """The \\w+ words of a text, UTF-8 encoded ([b""] for a text without words)."""
    if folded.isascii() or not _WORD.search("".join(_NON_ASCII.findall(folded))):
        return folded.encode("utf-8").translate(_NON_WORD_BYTES_TO_SPACE).split() or [b""]
    return [word.encode("utf-8") for word in _WORD.findall(folded)] or [b""]


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the word `size`-grams of the text (lower-cased words), one per position:
    a gram that occurs twice is there twice (MinHash takes minima, which repeats do not change).

    Each word is hashed once (crc32) and a gram's hash is a polynomial of its words' hashes,
    computed for all grams at once: no gram strings are built."""
    words = utf8_words(casefold(text))
    word_hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    if len(word_hashes) < size:
        word_hashes = np.concatenate([word_hashes, np.zeros(size - len(word_hashes), dtype=np.uint64)])
    count = len(word_hashes) - size + 1
    grams = word_hashes[:count] % _PRIME_ARRAY
    for offset in range(1, size):
        grams *= _GRAM_BASE_ARRAY
        grams += word_hashes[offset:offset + count]
        grams %= _PRIME_ARRAY
    return grams


@lru_cache(maxsize=8)
def permutations(count: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of `count` universal hash functions h(x) = (a*x + b) mod p, fixed by the seed."""
    generator = np.random.default_rng(seed)
    a = generator.integers(1, _PRIME, size=count, dtype=np.uint64)
    b = generator.integers(0, _PRIME, size=count, dtype=np.uint64)
    return a, b


# Shingles hashed at a time: bounds the row arrays of function_rows (512 KB each at 64 functions).
_BLOCK_SHINGLES = 1024


@lru_cache(maxsize=4)
def function_rows(count: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The a and b of permutations(count, seed) as (count x _BLOCK_SHINGLES) arrays, row i all a[i]
    (b[i]). Combined with a block of shingles as the columns [:, :n] of these, no operand is a
    broadcast column (a[:, newaxis]), which numpy copies into its buffer element by element."""
    a, b = permutations(count, seed)
    a_rows = np.repeat(a, _BLOCK_SHINGLES).reshape(count, _BLOCK_SHINGLES)
    b_rows = np.repeat(b, _BLOCK_SHINGLES).reshape(count, _BLOCK_SHINGLES)
    a_rows.flags.writeable = b_rows.flags.writeable = False
    return a_rows, b_rows


def minhash(text: str, num_perm: int = 64, shingle_words: int = 5) -> list[int]:
    """The MinHash signature: per hash function, the least hash over the text's shingles."""
    hashes = shingle_hashes(text, shingle_words)
    a_rows, b_rows = function_rows(num_perm)
    signature = None
    for start in range(0, len(hashes), _BLOCK_SHINGLES):
        block = hashes[start:start + _BLOCK_SHINGLES]
        # One (functions x shingles) array, worked in place: temporaries of this size cost more
        # than the arithmetic, and each function's minimum is then over a contiguous row.
        values = a_rows[:, :len(block)] * block
        values += b_rows[:, :len(block)]
        # values % p as values - (values // p) * p: NumPy divides by a scalar with a multiply and a
        # shift (libdivide), but takes a remainder with the CPU's division, twice as slow here.
        quotients = values // _PRIME_ARRAY
        quotients *= _PRIME_ARRAY
        values -= quotients
        minima = values.min(axis=1)
        signature = minima if signature is None else np.minimum(signature, minima)
    return signature.tolist()


def band_count(num_perm: int, threshold: float) -> int:
    """Bands for LSH: the band layout whose S-curve midpoint (1/b)^(1/r) is closest to the threshold."""
    options = [b for b in range(1, num_perm + 1) if num_perm % b == 0]
    return min(options, key=lambda b: abs((1 / b) ** (b / num_perm) - threshold))


def find_root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_clusters(clusters: list[int], pairs: list[tuple[int, int]]) -> list[int]:
    """Clusters with each (i, j) pair joined; labels stay the index of each cluster's first member."""
    parent = list(range(len(clusters)))
    for i, root in enumerate(clusters):
        parent[i] = root
    for i, j in pairs:
        root_i, root_j = find_root(parent, i), find_root(parent, j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)
    return [find_root(parent, i) for i in range(len(clusters))]


def near_duplicate_clusters(signatures: np.ndarray, threshold: float) -> list[int]:
    """Cluster label per row of the signature matrix (the index of the cluster's first member).

    Candidate pairs share a whole LSH band; a pair joins a cluster only when the share of equal
    signature positions (the Jaccard estimate) reaches the threshold. Each bucket's later members
    are compared with its first."""
    count, num_perm = signatures.shape
    if count < 2:
        return list(range(count))
    rows = num_perm // band_count(num_perm, threshold)
    pairs: list[tuple[int, int]] = []
    for start in range(0, num_perm, rows):
        band = signatures[:, start:start + rows]
        # Equal bands sit together in a stable sort, in input order (the bands compared exactly;
        # a dict of buckets keyed per row cost seconds and ~200 bytes a row at 100,000 articles).
        order = np.lexsort(band.T[::-1])
        ordered = band[order]
        opens = np.ones(count, dtype=bool)  # (a sorted position that starts a bucket)
        opens[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
        first = order[np.flatnonzero(opens)][np.cumsum(opens) - 1]  # (of each sorted position's bucket)
        later = np.flatnonzero(~opens)
        a, b = first[later], order[later]
        similar = (signatures[a] == signatures[b]).mean(axis=1) >= threshold
        pairs.extend(zip(a[similar].tolist(), b[similar].tolist()))
    return merge_clusters(list(range(count)), pairs)
