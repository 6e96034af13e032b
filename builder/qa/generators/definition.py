"""Definitions the text states outright:

- an acronym in brackets: "the Disasters Emergency Committee (DEC)" -> "What does DEC stand
  for?" (answer: "Disasters Emergency Committee");
- a copula with a name as subject: "Painkiller is a shooter game." -> "What is Painkiller?";
- a "<Place>-based" modifier: "the California-based Institute for the Future" -> "Where is the
  Institute for the Future based?" (answer: "California").
"""

from __future__ import annotations

from builder.qa import gazetteer as gz
from builder.qa import lexicon as lx
from builder.qa.clause import inside_quote, is_clause_break
from builder.qa.doc import Doc, Sentence
from builder.qa.entities import is_capitalised
from builder.qa.registry import Candidate, register_generator

_INITIAL_SKIP = frozenset(("of", "and", "the", "for", "&", "in", "on", "de"))


def acronym_matches(words: list[str], acronym: str) -> bool:
    """Do the initials of `words` (small words optional) spell the acronym?"""
    initials = "".join(w[0] for w in words if w.lower() not in _INITIAL_SKIP).upper()
    full = "".join(w[0] for w in words).upper()
    return acronym.upper() in (initials, full)


def _acronym_items(doc: Doc, sent: Sentence):
    if "(" not in sent.text:
        return  # fast path: no bracket ("(" is always a token of its own)
    words, lows = sent.words, sent.lowers
    for k in range(2, len(words) - 1):
        if words[k] != "(" or k + 2 >= len(words) or words[k + 2] != ")":
            continue
        acro = words[k + 1]
        if not (acro.isupper() and acro.isalpha() and 2 <= len(acro) <= 6):
            continue
        # The name: capitalised words (and small joiners) just before the bracket.
        j = k
        while j > 0 and (is_capitalised(words[j - 1]) or lows[j - 1] in _INITIAL_SKIP) and k - j < 8:
            j -= 1
        while j < k and lows[j] in _INITIAL_SKIP:
            j += 1
        for start in range(j, k):
            if not words[start][:1].isupper():
                continue
            name = words[start:k]
            if len(name) >= 2 and acronym_matches(name, acro):
                yield Candidate(f"What does {acro} stand for?", *sent.char_span(start, k),
                                "organisation", "definition", sent.index, 0.9, ())
                break


def _copula_items(doc: Doc, sent: Sentence):
    words, lows = sent.words, sent.lowers
    n = len(words)
    ents = {span: e for e in sent.entities if (span := sent.token_span[e])[0] == 0}  # (only these count)
    for (a, b), ent in ents.items():
        if a != 0 or ent.type not in {"person", "organisation", "place"}:
            continue
        if b + 2 >= n or lows[b] not in {"is", "was"} or lows[b + 1] not in {"a", "an"}:
            continue
        k = b + 1
        j = k + 1
        while j < n and not is_clause_break(words[j]) and lows[j] not in {
                "who", "which", "that", "and", "but", "because", "while"} and j - k < 10:
            j += 1
        if j - k < 3 or j >= n or words[j] not in {".", ","}:
            continue
        if lows[j - 1] in lx.FUNCTION_WORDS:
            continue
        name = doc.text[ent.start:ent.end]
        wh = "Who" if ent.type == "person" else "What"
        verb = lows[b]
        yield Candidate(f"{wh} {verb} {name}?", *sent.char_span(k, j), "definition",
                        "definition", sent.index, 0.8, ())


def _based_items(doc: Doc, sent: Sentence):
    if "-" not in sent.text or "-based" not in sent.text.lower():
        return  # fast path: most sentences have no "X-based" (nor a hyphen, to lower-case first)
    words, lows = sent.words, sent.lowers
    for k, word in enumerate(words):
        if not lows[k].endswith("-based") or not word[:1].isupper():
            continue
        place = word[:-len("-based")]
        if place not in gz.PLACES:
            continue
        # The organisation it describes: the entity that follows within 4 tokens.
        org = next((e for e in sent.entities if e.type == "organisation"
                    and k < sent.token_span[e][0] <= k + 4), None)
        if org is None:
            continue
        a, b = sent.token_span[org]
        if b < len(words) and words[b] in {"'s", "’s"}:
            continue
        between = words[k + 1:a]
        if any(w[:1].isupper() or not w.isalpha() for w in between):
            continue
        article = "the " if k > 0 and lows[k - 1] == "the" else ""
        noun = " ".join(between)
        subject = f"{article}{noun + ' ' if noun else ''}{doc.text[org.start:org.end]}".strip()
        start = sent.char_span(k, k + 1)[0]
        yield Candidate(f"Where is {subject} based?", start, start + len(place), "place",
                        "definition", sent.index, 0.85, ())


@register_generator("definition")
def generate_definition(doc: Doc, options: dict):
    for sent in doc.sentences:
        if len(sent.words) < 4 or sent.skip:
            continue
        # (Each part's own fast test is made here, to create no generator for most sentences.)
        if "(" in sent.text:
            yield from _acronym_items(doc, sent)
        # _copula_items needs an entity at token 0; the entities are in text order.
        if sent.entities and sent.token_span[sent.entities[0]][0] == 0 and not inside_quote(sent.words, 0):
            yield from _copula_items(doc, sent)
        if "-" in sent.text:
            yield from _based_items(doc, sent)
