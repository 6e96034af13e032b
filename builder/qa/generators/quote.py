"""Quote attribution: '"We will win the group," Finnan said.' -> 'Who said "We will win the
group"?'. The speaker must be a typed name, never a pronoun."""

from __future__ import annotations

from builder.qa import lexicon as lx
from builder.qa.clause import ed_lemma, verb_group_at
from builder.qa.doc import Doc, Sentence
from builder.qa.registry import Candidate, register_generator

_OPEN = frozenset(('"', "“"))
_CLOSE = frozenset(('"', "”"))
_SPEECH = frozenset("said says added adds told tells insisted explained warned admitted".split())


def _fragment(doc: Doc, sent: Sentence, q0: int, q1: int) -> str | None:
    """The first clause of the quote between tokens q0 and q1 (exclusive), 4 to 14 words."""
    toks = sent.tokens[q0:q1]
    words = 0
    end = None
    for k, t in enumerate(toks):
        if t.text in (",", ".", ";", ":", "?", "!", "-"):
            if words >= 4:
                end = k
                break
            if t.text != ",":
                return None
            continue
        words += 1
        if words > 14:
            return None
    if end is None:
        end = len(toks)
        while end > 0 and not toks[end - 1].text[:1].isalnum():
            end -= 1
    if words < 4 or end == 0:
        return None
    if toks[0].lower in lx.PREPOSITIONS or toks[0].lower in lx.SUBORDINATORS:
        return None  # "For consumers interested in style": an opening phrase, not a statement
    if end < len(toks) and any(t.lower in ("that", "which", "who", "if", "when", "because")
                               for t in toks[:end]):
        return None  # "We have to acknowledge that in all of these cases": cut inside a clause
    if not any(t.lower in lx.FINITE_AUX or t.lower in lx.IRREGULAR_PAST
               or (t.text.islower() and t.lower.endswith("ed") and ed_lemma(t.lower))
               or (verb_group_at(toks, k) is not None and toks[k - 1].lower in lx.PRONOUN_SUBJECTS)
               for k, t in enumerate(toks[:end]) if k > 0):
        return None  # no finite verb: a fragment a reader cannot check
    if end < len(toks) and toks[end].text == "," and words < 6 and not (
            end + 1 < len(toks) and toks[end + 1].lower in ("and", "but", "so", "because", "which", "who",
                                                            "while", "although", "as", "if", "when")):
        return None  # "They were these really intriguing, ...": cut before the clause is complete
    return doc.text[toks[0].start:toks[end - 1].end]


def _pronoun_speaker(doc: Doc, sent: Sentence, k: int, options: dict):
    """'"...," he said.': the person the pronoun stands for, named in one of the two sentences
    before in the same paragraph (the only person named there). Returns the entity and the
    index of its sentence, or (None, None)."""
    toks = sent.tokens
    if k >= len(toks) or toks[k].lower not in ("he", "she"):
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
        toks = sent.tokens
        if len(opens) == 1 and opens[0] >= 3 and toks[opens[0] - 1].text in (":", ",") \
                and toks[opens[0] - 2].lower in _SPEECH:
            # 'Mr Davey said: "We are going to win more seats.' (the quote runs on)
            ent, end = _speaker(sent, 0)
            fragment = _fragment(doc, sent, opens[0] + 1, len(toks))
            if ent is not None and end == opens[0] - 2 and fragment:
                yield Candidate(f'Who said "{fragment}"?', ent.start, ent.end, "person", "quote",
                                sent.index, ent.confidence, ())
            continue
        if len(opens) != 2:
            continue
        q0, q1 = opens[0] + 1, opens[1]
        if q1 - q0 < 4:
            continue
        fragment = _fragment(doc, sent, q0, q1)
        if not fragment:
            continue
        after = q1 + 1
        ent = None
        if after + 1 < len(toks) and toks[after].lower in ("he", "she") and toks[after + 1].lower in _SPEECH:
            pronoun_ent, where = _pronoun_speaker(doc, sent, after, options)
            if pronoun_ent is not None and where is not None:
                yield Candidate(f'Who said "{fragment}"?', pronoun_ent.start, pronoun_ent.end, "person",
                                "quote", where, pronoun_ent.confidence * 0.9, ("coreference",))
            continue
        if after + 1 < len(toks):
            if toks[after].lower in _SPEECH:                      # "...," said Read.
                ent, end = _speaker(sent, after + 1)
                if ent is not None and end < len(toks) and toks[end].text not in (".", ","):
                    ent = None
            else:                                               # "...," Read said.
                ent, end = _speaker(sent, after)
                if ent is not None and not (end < len(toks) and toks[end].lower in _SPEECH):
                    ent = None
        if ent is None and opens[0] >= 3 and toks[opens[0] - 1].text in (":", ",") \
                and toks[opens[0] - 2].lower in _SPEECH:                # Read said: "..."
            ent, end = _speaker(sent, 0)
            if ent is not None and end != opens[0] - 2:
                ent = None
        if ent is None:
            continue
        yield Candidate(f'Who said "{fragment}"?', ent.start, ent.end, "person", "quote",
                        sent.index, ent.confidence, ())
