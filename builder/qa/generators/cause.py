"""Cause and purpose where the text marks them: "X rose because demand grew" -> "Why did X
rise?" (answer: "demand grew"); "because of", "due to", "thanks to", "in order to"."""

from __future__ import annotations

from builder.qa import lexicon as lx
from builder.qa.clause import CLAUSE_BREAK_TOKENS
from builder.qa.clause import is_clause_break
from builder.qa.doc import Doc, Sentence
from builder.qa.generators.wh import resolved_subject
from builder.qa.registry import Candidate, register_generator
from builder.qa.text import capitalise_first

_VERB_LEMMAS = lx.REGULAR_VERBS | frozenset(lx.IRREGULAR_PAST.values()) | {"be", "have"}
_NP_OPENERS = frozenset("the a an its his her their poor bad high low rising falling strong weak "
                        "heavy continued lack".split())
_MIDDLE_STOP = frozenset("that which who whom whose while although though but when where if "
                         "and or".split())


# The first word of every marker _marker_at and _means_at know.
_MARKER_FIRST_WORDS = frozenset(("because", "thanks", "due", "as", "in", "by"))
# A word every marker has ("as a result of": "result", "in order to": "order", ...): a sentence
# with none of them has no marker.
_MARKER_WORDS = frozenset(("because", "thanks", "due", "result", "order", "bid", "effort", "attempt", "by"))


def _marker_at(sent: Sentence, k: int) -> int | None:
    """Number of marker tokens at k, answer starting right after them (purpose keeps "to")."""
    w = sent.lowers[k:k + 4]
    if w[:2] == ["because", "of"] or w[:2] == ["thanks", "to"]:
        return 2
    if w[:2] == ["due", "to"]:
        # "due to a knee injury" is a cause; "due to run out" is a schedule.
        if k + 2 >= len(sent.words):
            return None
        nxt, nxt_low = sent.words[k + 2], sent.lowers[k + 2]
        if nxt_low in _VERB_LEMMAS or (nxt.islower() and nxt_low not in _NP_OPENERS
                                       and not nxt_low.endswith(("s", "ing"))):
            return None
        return 2
    if w[:4] == ["as", "a", "result", "of"]:
        return 4
    if w[:1] == ["because"]:
        return 1
    if w[:3] == ["in", "order", "to"]:
        return 2  # the answer keeps "to": "to protect the other players"
    if w[:2] in (["in", "a"], ["in", "an"]) and len(w) == 4 and w[2] in {"bid", "effort", "attempt"} \
            and w[3] == "to":
        return 3  # "in a bid to cut costs" -> "to cut costs"
    return None


def _means_at(sent: Sentence, k: int) -> bool:
    """"by cutting costs": "by" and an -ing verb of a listed lemma, for "How did ...?"."""
    if sent.lowers[k] != "by" or k + 1 >= len(sent.lowers):
        return False
    nxt = sent.lowers[k + 1]
    if not nxt.endswith("ing") or len(nxt) < 6:
        return False
    stem = nxt[:-3]
    return any(c in _VERB_LEMMAS for c in (stem, stem + "e", stem[:-1]))


def _answer_end(sent: Sentence, k: int) -> int:
    words, lows = sent.words, sent.lowers
    j = k
    while j < len(words) and words[j] not in CLAUSE_BREAK_TOKENS and j - k < 20:  # (is_clause_break, inlined)
        j += 1
    while j > k and (lows[j - 1] in lx.FUNCTION_WORDS or not words[j - 1][:1].isalnum()):
        j -= 1
    return j


@register_generator("cause")
def generate_cause(doc: Doc, options: dict):
    for sent in doc.sentences:
        words, lows = sent.words, sent.lowers
        if len(words) < 6 or sent.skip or _MARKER_WORDS.isdisjoint(lows):
            continue
        lowered = sent.text.lower()
        means = "ing" in lowered and " by " in lowered
        if not ("because" in lowered or "due to" in lowered or "thanks to" in lowered
                or "result of" in lowered or "order to" in lowered or " bid to" in lowered
                or "effort to" in lowered or "attempt to" in lowered or means):
            continue
        for m in range(2, len(words) - 2):
            if lows[m] not in _MARKER_FIRST_WORDS:
                continue  # most words: no marker starts here
            size = _marker_at(sent, m)
            wh = "Why"
            if not size and means:
                if _means_at(sent, m):
                    size, wh = 1, "How"
            if not size:
                continue
            a = m + size
            b = _answer_end(sent, a)
            if b - a < 2 or (b < len(words) and words[b] not in {".", ",", ";", "!"}):
                continue  # the reason must end where its clause ends, not at a dash or bracket
            clause = None
            for cs in reversed([s for s in doc.clause_starts(sent) if s < m]):
                clause = doc.clause(sent, cs)
                if clause:
                    break
            if clause is None or clause.verb.end > m:
                continue
            if lows[m - 1] in {"be", "is", "was", "are", "were", "been"} or (
                    clause.verb.kind == "aux" and clause.verb.head in lx.BE_FORMS and not clause.verb.tail
                    and clause.verb.end == m):
                continue  # "this could be because ...", "X is due to Y": no event to explain
            if clause.subj_end - clause.subj_start == 1 and lows[clause.subj_start] in {"this", "that"}:
                continue
            if clause.verb.lemma == "fail" or clause.verb.main in {"failed", "fail"}:
                continue  # "failed in an attempt to sue": the attempt is not a purpose
            middle_end = m  # (the words between the verb and the marker: [verb end, middle_end))
            while middle_end > clause.verb.end and (lows[middle_end - 1].endswith("ly") or lows[middle_end - 1] in {
                    "just", "only", "partly", "simply", "largely", "mainly", "mostly", "also"}):
                middle_end -= 1  # "reduced simply because": the adverb goes with "because"
            if middle_end - clause.verb.end > 10 or any(
                    is_clause_break(w) for w in words[clause.verb.end:middle_end]) \
                    or not _MIDDLE_STOP.isdisjoint(lows[clause.verb.end:middle_end]):
                continue
            resolved = resolved_subject(doc, sent, clause)
            if resolved is None:
                continue
            subject, bare = resolved
            vg = clause.verb
            parts = [wh, vg.head, subject, *vg.tail]
            if middle_end > clause.verb.end:
                parts.append(sent.span_text(clause.verb.end, middle_end))
            question = capitalise_first(" ".join(w for w in parts if w)) + "?"
            if wh == "How" and vg.kind == "aux" and (
                    (vg.head in lx.BE_FORMS and not vg.tail) or "been" in vg.tail
                    or (vg.head in lx.BE_FORMS and vg.main.endswith(("ed", "en")))):
                continue  # "been challenged by developing robots": a passive agent, not a means
            yield Candidate(question, *sent.char_span(a, b), "clause", "cause", sent.index,
                            0.8, ("pronoun_subject",) if bare else ())
            break
