"""Checks every QA pair must pass; a failure is a quarantine reason code.

Reason codes: span_mismatch, untrimmed, not_word_boundary, empty_answer, answer_in_question,
no_question_mark, question_length, ambiguous, duplicate_question (the last one is decided
when pairs are selected, see rank.select).
"""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from builder.qa import lexicon as lx
from builder.qa.doc import Doc
from builder.qa.text import ARTICLES, contains_words, on_word_boundaries, squad_normalize, strip_punctuation

REASON_CODES = ("span_mismatch", "untrimmed", "not_word_boundary", "empty_answer",
                "answer_in_question", "no_question_mark", "question_length", "ambiguous",
                "duplicate_question", "not_grounded", "llm_error", "cloze_answer_missing")
WH_WORDS = frozenset("what who whom whose which when where why how much many".split())
# Kinds whose question pins the answer by its syntactic role rather than by its type alone.
_ROLE_PINNED = frozenset(("appositive", "quote", "cause", "definition", "llm"))
_entity_type = attrgetter("type")


def answer_in_question(answer: str, question: str) -> bool:
    """The answer's words inside the question, also as a possessive ("Mr Glazer's sons")."""
    norm = squad_normalize(answer)
    return contains_words(squad_normalize(question), norm) or contains_words(
        squad_normalize(question.replace("'s", "").replace("’s", "")), norm)


def span_problems(record: dict) -> list[tuple[str, str]]:
    """Reason codes for a qa record's shape: the answer is exactly at its offset, trimmed, whole
    words, not empty, not in the question, and the question is a question."""
    ctx, q = record["context"], record["question"]
    out = []
    for text, start in zip(record["answers"]["text"], record["answers"]["answer_start"]):
        if ctx[start:start + len(text)] != text:
            out.append(("span_mismatch", f"context[{start}:] does not hold {text!r}"))
            continue
        if text != text.strip() or ctx != ctx.strip():
            out.append(("untrimmed", "answer or context has outer white space"))
        if not on_word_boundaries(ctx, start, start + len(text)):
            out.append(("not_word_boundary", f"{text!r} starts or ends inside a word"))
        if not squad_normalize(text):
            out.append(("empty_answer", f"{text!r} is empty after SQuAD normalisation"))
        if answer_in_question(text, q):
            out.append(("answer_in_question", f"{text!r} appears in the question"))
    if not q.rstrip().endswith("?"):
        out.append(("no_question_mark", "question does not end with '?'"))
    n_words = len(q.split())
    if n_words < 3 or n_words > 30:
        out.append(("question_length", f"{n_words} words"))
    return out


_NOT_CONTENT = WH_WORDS | lx.FUNCTION_WORDS
_NOT_CONTENT_OR_ARTICLE = _NOT_CONTENT | ARTICLES


def content_words(text: str) -> set[str]:
    """set(squad_normalize(text).split()) - _NOT_CONTENT, without the join and the second split,
    nor a cache entry for a sentence that is seen once."""
    return set(strip_punctuation(text.lower()).split()) - _NOT_CONTENT_OR_ARTICLE


def in_brackets(text: str, floor: int, offset: int) -> bool:
    """Is `offset` inside an open bracket that starts at or after `floor`?"""
    opening = text.rfind("(", floor, offset)
    return opening != -1 and text.find(")", opening, offset) == -1


def ambiguity(doc: Doc, cand, ctx_start: int, ctx_end: int,
              context_sentences: list | None = None, context_types: list | None = None) -> str | None:
    """Why the question's answer type matches more than one candidate, or None.

    Same sentence: another entity of the answer type (a different value, not named in the
    question) unless the question carries the answer's own preposition and the other value has
    another one. Elsewhere in the context: another sentence with such an entity that shares at
    least as many content words with the question as the answer's sentence does.

    `context_sentences`: the sentences inside [ctx_start, ctx_end) in document order, when the
    caller already has them (several candidates share a context); `context_types`: the types of
    their entities, likewise."""
    if cand.kind in _ROLE_PINNED or cand.answer_type == "clause":
        return None
    home = doc.sentences[cand.sentence]
    if context_sentences is None:
        context_sentences = doc.sentences_within(ctx_start, ctx_end)
    # Rivals are entities of the answer's type: with none in the sentence or the context (as for
    # every "thing" answer) there is nothing to compare, and nothing below need be worked out.
    if context_types is None:
        context_types = [e.type for sent in context_sentences for e in sent.entities]
    if cand.answer_type not in context_types and cand.answer_type not in map(_entity_type, home.entities):
        return None
    answer = squad_normalize(doc.text[cand.answer_start:cand.answer_end])
    q_norm = squad_normalize(cand.question)
    q_lower = " " + cand.question.lower().rstrip("?") + " "
    q_words = set(q_norm.split()) - _NOT_CONTENT  # (= content_words(cand.question), normalised once)

    def rivals(sent):
        for e in sent.entities:
            if e.type != cand.answer_type or e.start == cand.answer_start:
                continue
            if in_brackets(doc.text, sent.start, e.start):
                continue  # "$1.13bn (£600m)": a conversion in brackets restates the same value
            norm = squad_normalize(doc.text[e.start:e.end])
            if norm and norm != answer and norm not in answer and answer not in norm \
                    and not contains_words(q_norm, norm):
                yield e

    def prep_before(sent, start):
        k = bisect_right(sent.ends, start - sent.start)  # (the first token ending after `start`)
        return sent.lowers[k - 1] if 0 < k < len(sent.ends) and sent.char_span(k, k + 1)[0] == start else ""

    if "subject_question" not in cand.flags and "passive" not in cand.flags:
        mine = prep_before(home, cand.answer_start)
        for e in rivals(home):
            theirs = prep_before(home, e.start)
            if not (mine in lx.PREPOSITIONS and mine != theirs and f" {mine} " in q_lower):
                return f"another {cand.answer_type} in the same sentence: {doc.text[e.start:e.end]!r}"
    home_overlap = len(q_words & doc.content_words(home))
    for sent in context_sentences:
        if sent.index == cand.sentence:
            continue
        other = next(rivals(sent), None)
        if other and len(q_words & doc.content_words(sent)) >= max(1, home_overlap):
            return (f"sentence {sent.index} also fits the question with "
                    f"{doc.text[other.start:other.end]!r}")
    return None
