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
    toks = sent.tokens
    for k in range(2, len(toks) - 1):
        if toks[k].text != "(" or k + 2 >= len(toks) or toks[k + 2].text != ")":
            continue
        acro = toks[k + 1].text
        if not (acro.isupper() and acro.isalpha() and 2 <= len(acro) <= 6):
            continue
        # The name: capitalised words (and small joiners) just before the bracket.
        j = k
        while j > 0 and (is_capitalised(toks[j - 1]) or toks[j - 1].lower in _INITIAL_SKIP) and k - j < 8:
            j -= 1
        while j < k and toks[j].lower in _INITIAL_SKIP:
            j += 1
        for start in range(j, k):
            if not toks[start].text[:1].isupper():
                continue
            words = [t.text for t in toks[start:k]]
            if len(words) >= 2 and acronym_matches(words, acro):
                yield Candidate(f"What does {acro} stand for?", toks[start].start, toks[k - 1].end,
                                "organisation", "definition", sent.index, 0.9, ())
                break


def _copula_items(doc: Doc, sent: Sentence):
    toks = sent.tokens
    ents = {span: e for e in sent.entities if (span := sent.token_span[e])[0] == 0}  # (only these count)
    for (a, b), ent in ents.items():
        if a != 0 or ent.type not in ("person", "organisation", "place"):
            continue
        if b + 2 >= len(toks) or toks[b].lower not in ("is", "was") or toks[b + 1].lower not in ("a", "an"):
            continue
        k = b + 1
        j = k + 1
        while j < len(toks) and not is_clause_break(toks[j]) and toks[j].lower not in (
                "who", "which", "that", "and", "but", "because", "while") and j - k < 10:
            j += 1
        if j - k < 3 or j >= len(toks) or toks[j].text not in (".", ","):
            continue
        if toks[j - 1].lower in lx.FUNCTION_WORDS:
            continue
        name = doc.text[ent.start:ent.end]
        wh = "Who" if ent.type == "person" else "What"
        verb = toks[b].lower
        yield Candidate(f"{wh} {verb} {name}?", toks[k].start, toks[j - 1].end, "definition",
                        "definition", sent.index, 0.8, ())


def _based_items(doc: Doc, sent: Sentence):
    if "-based" not in sent.text.lower():
        return  # fast path: most sentences have no "X-based"
    toks = sent.tokens
    for k, tok in enumerate(toks):
        if not tok.lower.endswith("-based") or not tok.text[:1].isupper():
            continue
        place = tok.text[:-len("-based")]
        if place not in gz.PLACES:
            continue
        # The organisation it describes: the entity that follows within 4 tokens.
        org = next((e for e in sent.entities if e.type == "organisation"
                    and k < sent.token_span[e][0] <= k + 4), None)
        if org is None:
            continue
        a, b = sent.token_span[org]
        if b < len(toks) and toks[b].text in ("'s", "’s"):
            continue
        between = toks[k + 1:a]
        if any(t.text[:1].isupper() or not t.text.isalpha() for t in between):
            continue
        article = "the " if k > 0 and toks[k - 1].lower == "the" else ""
        noun = " ".join(t.text for t in between)
        subject = f"{article}{noun + ' ' if noun else ''}{doc.text[org.start:org.end]}".strip()
        yield Candidate(f"Where is {subject} based?", tok.start, tok.start + len(place), "place",
                        "definition", sent.index, 0.85, ())


@register_generator("definition")
def generate_definition(doc: Doc, options: dict):
    for sent in doc.sentences:
        if len(sent.tokens) < 4 or sent.skip:
            continue
        yield from _acronym_items(doc, sent)
        if not inside_quote(sent.tokens, 0):
            yield from _copula_items(doc, sent)
        yield from _based_items(doc, sent)
