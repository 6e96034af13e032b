"""Quote attribution: '"We will win the group," Finnan said.' -> 'Who said "We will win the
group"?'. The speaker must be a typed name, never a pronoun."""

from __future__ import annotations

from typing import NamedTuple

from builder.qa import lexicon as lx
from builder.qa.clause import ed_lemma, verb_group_at
from builder.qa.doc import Doc, Sentence
from builder.qa.registry import Candidate, register_generator

_OPEN = frozenset(('"', "“"))
_CLOSE = frozenset(('"', "”"))


class _Words(NamedTuple):
    """Some tokens of a sentence, read by verb_group_at as a sentence of their own."""
    words: list[str]
    lowers: list[str]


_SPEECH = frozenset("said says added adds told tells insisted explained warned admitted".split())


def _fragment(doc: Doc, sent: Sentence, q0: int, q1: int) -> str | None:
    """The first clause of the quote between tokens q0 and q1 (exclusive), 4 to 14 words."""
    quote = _Words(sent.words[q0:q1], sent.lowers[q0:q1])
    words, lows = quote.words, quote.lowers
    n = len(words)
    count = 0
    end = None
    for k, w in enumerate(words):
        if w in {",", ".", ";", ":", "?", "!", "-"}:
            if count >= 4:
                end = k
                break
            if w != ",":
                return None
            continue
        count += 1
        if count > 14:
            return None
    if end is None:
        end = n
        while end > 0 and not words[end - 1][:1].isalnum():
            end -= 1
    if count < 4 or end == 0:
        return None
    if lows[0] in lx.PREPOSITIONS or lows[0] in lx.SUBORDINATORS:
        return None  # "For consumers interested in style": an opening phrase, not a statement
    if end < n and any(low in {"that", "which", "who", "if", "when", "because"} for low in lows[:end]):
        return None  # "We have to acknowledge that in all of these cases": cut inside a clause
    if not any(lows[k] in lx.FINITE_AUX or lows[k] in lx.IRREGULAR_PAST
               or (words[k].islower() and lows[k].endswith("ed") and ed_lemma(lows[k]))
               or (lows[k - 1] in lx.PRONOUN_SUBJECTS and verb_group_at(quote, k) is not None)
               for k in range(1, end)):
        return None  # no finite verb: a fragment a reader cannot check
    if end < n and words[end] == "," and count < 6 and not (
            end + 1 < n and lows[end + 1] in {"and", "but", "so", "because", "which", "who",
                                              "while", "although", "as", "if", "when"}):
        return None  # "They were these really intriguing, ...": cut before the clause is complete
    return sent.span_text(q0, q0 + end)



def _pronoun_speaker(doc: Doc, sent: Sentence, k: int, options: dict):
    """'"...," he said.': the person the pronoun stands for, named in one of the two sentences
    before in the same paragraph (the only person named there). Returns the entity and the
    index of its sentence, or (None, None)."""
    if k >= len(sent.lowers) or sent.lowers[k] not in {"he", "she"}:
        return None, None
    mode, window = options.get("context", "paragraph"), int(options.get("window", 2))
    para = next(((a, b) for a, b in doc.paragraphs if a <= sent.start < b), None)
    for back in (1, 2):
        i = sent.index - back
        if i < 0 or (mode == "window" and back > window):
            break
        prev = doc.sentences[i]
        if para is None or prev.start < para[0]:
            break
        people = [e for e in prev.entities if e.type == "person"]
        names = {doc.text[e.start:e.end] for e in people}
        if len(names) == 1 and not prev.quote_marks:
            return people[-1], i
        if people:
            break
    return None, None


def _speaker(sent: Sentence, k: int):
    """A person entity starting at token k, with its end token."""
    for e in sent.entities:
        if e.type == "person" and sent.token_span[e][0] == k:
            return e, sent.token_span[e][1]
    return None, None


@register_generator("quote")
def generate_quote(doc: Doc, options: dict):
    for sent in doc.sentences:
        opens = sent.quote_marks  # the tokens in _OPEN | _CLOSE
        if not opens or "?" in sent.text:  # ("?" is always a token of its own)
            continue
        words, lows = sent.words, sent.lowers
        n = len(words)
        if len(opens) == 1 and opens[0] >= 3 and words[opens[0] - 1] in {":", ","} \
                and lows[opens[0] - 2] in _SPEECH:
            # 'Mr Davey said: "We are going to win more seats.' (the quote runs on)
            ent, end = _speaker(sent, 0)
            # (The speaker is looked for first: most quotes have none, and the fragment costs more.)
            fragment = None
            if ent is not None and end == opens[0] - 2:
                fragment = _fragment(doc, sent, opens[0] + 1, n)
            if fragment:
                yield Candidate(f'Who said "{fragment}"?', ent.start, ent.end, "person", "quote",
                                sent.index, ent.confidence, ())
            continue
        if len(opens) != 2:
            continue
        q0, q1 = opens[0] + 1, opens[1]
        if q1 - q0 < 4:
            continue
        # (The fragment of the quote is made only once a speaker is found, as above.)
        after = q1 + 1
        ent = None
        if after + 1 < n and lows[after] in {"he", "she"} and lows[after + 1] in _SPEECH:
            pronoun_ent, where = _pronoun_speaker(doc, sent, after, options)
            if pronoun_ent is not None and where is not None:
                fragment = _fragment(doc, sent, q0, q1)
                if fragment:
                    yield Candidate(f'Who said "{fragment}"?', pronoun_ent.start, pronoun_ent.end, "person",
                                    "quote", where, pronoun_ent.confidence * 0.9, ("coreference",))
            continue
        if after + 1 < n:
            if lows[after] in _SPEECH:                      # "...," said Read.
                ent, end = _speaker(sent, after + 1)
                if ent is not None and end < n and words[end] not in {".", ","}:
                    ent = None
            else:                                               # "...," Read said.
                ent, end = _speaker(sent, after)
                if ent is not None and not (end < n and lows[end] in _SPEECH):
                    ent = None
        if ent is None and opens[0] >= 3 and words[opens[0] - 1] in {":", ","} \
                and lows[opens[0] - 2] in _SPEECH:                # Read said: "..."
            ent, end = _speaker(sent, 0)
            if ent is not None and end != opens[0] - 2:
                ent = None
        if ent is None:
            continue
        fragment = _fragment(doc, sent, q0, q1)
        if fragment:
            yield Candidate(f'Who said "{fragment}"?', ent.start, ent.end, "person", "quote",
                            sent.index, ent.confidence, ())
