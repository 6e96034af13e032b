"""Score candidate pairs and keep the best few per article.

The score prefers questions whose answer type is certain, of a readable length, that do not
copy their sentence, that a word-matching baseline cannot answer, and whose answer type is rare
in the context (one fitting candidate makes an unambiguous question).
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from itertools import filterfalse

from builder.qa.checks import WH_WORDS
from builder.qa.text import ARTICLES, squad_normalize, strip_punctuation

_KIND_PRIOR = {"appositive": 0.6, "definition": 0.6, "cause": 0.3, "wh": 0.0, "quote": -0.2,
               "llm": 0.2}
_FLAG_PENALTY = {"pronoun_subject": 0.8, "subject_question": 0.3, "passive": -0.3}


def _normalized_token(token: str) -> str:
    """squad_normalize of a whitespace token, inlined: a token is one word or nothing."""
    word = strip_punctuation(token.lower())
    return "" if word in ARTICLES else word


_JOINER = "\x00"
# word -> its squad_normalize form, for a word already lower-cased and stripped of punctuation:
# an article becomes "" and any other word stays (as dict.get(word, word), in C per word).
_ARTICLE_DROPPED = dict.fromkeys(ARTICLES, "")


class SentenceWords:
    """A sentence's words prepared once for scoring many questions about it."""

    def __init__(self, sentence: str):
        self.raw = sentence.split()
        if self.raw and _JOINER not in sentence:
            # One lower() and strip_punctuation over all the tokens joined by a NUL (which
            # neither call touches nor moves) instead of one cached call per token: most
            # sentences are seen once, and many of their words miss the cache.
            words = strip_punctuation(_JOINER.join(self.raw).lower()).split(_JOINER)
            self.norm = list(map(_ARTICLE_DROPPED.get, words, words))
        else:
            self.norm = list(map(_normalized_token, self.raw))
        self.words = list(filter(None, self.norm))
        # The word 4-grams that occur: every scored question needs them, so they are found
        # here rather than on first use (a cached_property costs as much as the set).
        self.fourgram_set = set(word_fourgrams(self.words))

    @cached_property
    def fourgrams(self) -> Counter:
        """How often each word 4-gram occurs (counted once per sentence, on first use)."""
        return Counter(word_fourgrams(self.words))


def word_fourgrams(words: list[str]):
    """The runs of four consecutive words, as tuples."""
    return zip(words, words[1:], words[2:], words[3:])


def _question_words(question: str) -> list[str]:
    """The question's normalised words, wh-words left out (what both scores compare)."""
    return list(filterfalse(WH_WORDS.__contains__, squad_normalize(question).split()))


def copy_share(question: str, sentence: "str | SentenceWords") -> float:
    """Share of the question's word 4-grams (wh-words left out) found verbatim in the sentence."""
    if isinstance(sentence, str):
        sentence = SentenceWords(sentence)
    return _copy_share(_question_words(question), sentence)


def _copy_share(q: list[str], sentence: SentenceWords) -> float:
    total = len(q) - 3  # 4-grams in the question
    if total <= 0:
        return 0.0
    grams = list(word_fourgrams(q))
    distinct = set(grams)
    if len(distinct) == len(grams):
        # Each 4-gram once in the question (as almost always): the multiset intersection
        # counts each one the sentence has once.
        return len(distinct & sentence.fourgram_set) / total
    s4 = sentence.fourgrams
    if s4.keys().isdisjoint(grams):
        return 0.0
    # (the size of the multiset intersection Counter(grams) & s4)
    return sum(min(n, s4[g]) for g, n in Counter(grams).items() if g in s4) / total


def word_matcher_answer(question: str, sentence: "str | SentenceWords") -> str:
    """What a reader with no understanding would answer from this sentence: the longest run
    of sentence words the question lacks (at most 8 words)."""
    if isinstance(sentence, str):
        sentence = SentenceWords(sentence)
    start, end = _unknown_run(set(_question_words(question)), sentence)
    return " ".join(sentence.raw[start:end])


def _unknown_run(q_words: set, sentence: SentenceWords) -> tuple[int, int]:
    """[start, end) of the first longest run of sentence words (of non-empty normalised
    words) not in `q_words`, cut to its first 8 words."""
    # One byte per sentence word, 1 for a word that breaks a run (known to the question, or
    # empty), 0 for the others: the runs are then found in C, not word by word in Python.
    breaking = q_words | {""}
    mask = bytes(map(breaking.__contains__, sentence.norm))
    longest = max(mask.split(b"\x01"), key=len)  # (max keeps the first of equals)
    if not longest:
        return 0, 0
    start = mask.find(longest)  # (no run is longer: the first run of that length starts here)
    return start, start + min(len(longest), 8)


def score(question: str, answer: str, sentence: "str | SentenceWords", kind: str, confidence: float,
          flags: tuple, type_count_in_context: int) -> float:
    if isinstance(sentence, str):
        sentence = SentenceWords(sentence)
    n_words = len(question.split())
    length = 0.0 if 6 <= n_words <= 16 else -0.5 if n_words <= 22 else -1.5
    q = _question_words(question)
    copied = _copy_share(q, sentence)
    # squad_normalize of the word matcher's answer: its words are all non-empty normalised
    # tokens, so normalising the joined raw tokens gives the joined normalised ones.
    start, end = _unknown_run(set(q), sentence)
    trivial = " ".join(sentence.norm[start:end]) == squad_normalize(answer)
    unique = 0.5 if type_count_in_context <= 1 else 0.0
    s = 2.0 * confidence + length - 1.5 * copied - (1.5 if trivial else 0.0) + unique
    s += _KIND_PRIOR.get(kind, 0.0)
    if flags:  # (most candidates have none)
        s -= sum(_FLAG_PENALTY.get(f, 0.0) for f in flags)
    return round(s, 6)


def select(scored: list[tuple[float, str, dict, int]], max_total: int, max_per_sentence: int,
           min_score: float) -> tuple[list[dict], list[tuple[dict, str]]]:
    """Greedy pick by (score desc, id): one question per answer and per normalised question
    in a context, at most `max_per_sentence` per sentence. Returns (kept, duplicates)."""
    kept, dups = [], []
    seen_q, seen_a = set(), set()
    per_sentence: dict = {}
    for s, rid, rec, sent in sorted(scored, key=lambda x: (-x[0], x[1])):
        qkey = (rec["context"], squad_normalize(rec["question"]))
        if qkey in seen_q:
            dups.append((rec, "same question already asked for this context"))
            continue
        if len(kept) >= max_total or s < min_score:
            continue
        akey = (squad_normalize(rec["answers"]["text"][0]), rec["answers"]["answer_start"][0], rec["context"])
        if akey in seen_a or per_sentence.get(sent, 0) >= max_per_sentence:
            continue
        seen_q.add(qkey)
        seen_a.add(akey)
        per_sentence[sent] = per_sentence.get(sent, 0) + 1
        kept.append(rec)
    return kept, dups
