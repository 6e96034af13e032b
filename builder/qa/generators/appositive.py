"""Appositives and pre-nominal roles: "Jensen Huang, Nvidia's chief executive," and
"Nvidia's chief executive Jensen Huang" -> "Who is Nvidia's chief executive?"; an age
appositive "Huang, 61," -> "How old is Huang?"."""

from __future__ import annotations

from builder.qa import lexicon as lx
from builder.qa.clause import verb_group_at
from builder.qa.doc import Doc, Sentence
from builder.qa.registry import Candidate, register_generator

_OPENERS = frozenset(("the", "a", "an", "former", "chief", "deputy", "senior", "acting"))
_UNRESOLVABLE = frozenset(("his", "her", "their", "its", "our", "my", "your", "this", "that"))
_DESC_STOP = frozenset("who which that whose when where and but because while said says".split())
_ORG_WH = {"company": "Which company", "club": "Which club", "party": "Which party"}


def _wh_for(ent) -> str:
    return "Who" if ent.type == "person" else _ORG_WH.get(ent.info, "Which organisation")


def _description(doc: Doc, sent: Sentence, k: int) -> tuple[str, int] | None:
    """The appositive starting at token k up to the closing comma/full stop (at most 9 tokens)."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    if k >= n or lows[k] in _UNRESOLVABLE:
        return None
    first, first_low = words[k], lows[k]
    possessive_name = k + 1 < n and words[k + 1] in {"'s", "’s"} and first[:1].isupper()
    # "European director for public policy at CompTIA": a capitalised modifier and a role.
    modified_role = first[:1].isupper() and k + 1 < n and lows[k + 1] in lx.ROLE_WORDS \
        and not any(sent.token_span[e][0] == k for e in sent.entities if e.type == "person")
    if not (first_low in _OPENERS or possessive_name or first_low in lx.ROLE_WORDS or modified_role):
        return None
    j = k
    while j < n and words[j] not in {",", ".", ";", ":", "(", ")", '"', "“", "”", "-"}:
        if lows[j] in _DESC_STOP or (j > k and verb_group_at(sent, j)):
            return None
        j += 1
    if j >= n or j - k > 9 or j - k < 2 or words[j] not in {",", "."}:
        return None
    if words[j] == "," and j + 1 < n and words[j + 1][:1].isupper() and words[j - 1].islower():
        return None  # "manager of merchant banking firm, Fortune Financial Services": cut short
    if lx.ROLE_WORDS.isdisjoint(lows[k:j]):
        return None
    if first_low in {"a", "an", "former"} and j - k < 4:
        return None  # "a former MP" fits too many people to ask "Who is a former MP?"
    if lows[j - 1] in lx.FUNCTION_WORDS or (len(words[j - 1]) == 1 and words[j - 1].isupper()):
        return None  # no dangling "of", no initial cut by a full stop ("Captain James T.")
    text = sent.span_text(k, j)
    if modified_role:
        text = "the " + text  # "Jupiter analyst": keep the name's capital
    elif first_low in {"former", "chief", "deputy", "senior", "acting"} or (
            first_low in lx.ROLE_WORDS and first_low not in {"the", "a", "an"}):
        text = "the " + text[0].lower() + text[1:] if not first.isupper() else "the " + text
    return text, j


def _age(sent: Sentence, b: int) -> tuple[int, int] | None:
    words = sent.words
    if b + 2 < len(words) and words[b] == "," and words[b + 1].isdigit() \
            and 16 <= int(words[b + 1]) <= 105 and words[b + 2] == ",":
        return sent.char_span(b + 1, b + 2)
    return None


@register_generator("appositive")
def generate_appositive(doc: Doc, options: dict):
    for sent in doc.sentences:
        words, lows = sent.words, sent.lowers
        if len(words) < 5 or sent.skip:
            continue
        for ent in sent.entities:
            if ent.type not in {"person", "organisation"}:
                continue
            a, b = sent.token_span[ent]
            name = doc.text[ent.start:ent.end]
            if ent.type == "person":
                age = _age(sent, b)
                if age:
                    yield Candidate(f"How old is {name}?", age[0], age[1], "number", "appositive",
                                    sent.index, 0.85, ())
            # "Jensen Huang, Nvidia's chief executive, ..."
            if b < len(words) and words[b] == "," and not (a > 0 and lows[a - 1] in {"and", ","}):
                desc = _description(doc, sent, b + 1)
                if desc:
                    verb = "was" if desc[0].lower().startswith(("the former", "the late")) else "is"
                    yield Candidate(f"{_wh_for(ent)} {verb} {desc[0]}?", ent.start, ent.end, ent.type,
                                    "appositive", sent.index, ent.confidence, ())
                    # The other direction: "Who is Jensen Huang?" -> "Nvidia's chief executive".
                    k, j = b + 1, desc[1]
                    if ent.type == "person" and lows[k] not in {"a", "an"}:
                        yield Candidate(f"Who is {name}?", *sent.char_span(k, j), "definition",
                                        "appositive", sent.index, ent.confidence * 0.9, ())
            # "Nvidia's chief executive Jensen Huang"
            if ent.type == "person" and a >= 3:
                k = a - 1
                while k >= 0 and words[k].islower() and words[k].isalpha() and a - k <= 4:
                    k -= 1
                if k + 1 < a and lows[a - 1] in lx.ROLE_WORDS and k >= 1 and words[k] in {"'s", "’s"} \
                        and words[k - 1][:1].isupper():
                    owner = next((e for e in sent.entities if sent.token_span[e][1] == k), None)
                    if owner is not None and owner.type in {"organisation", "place"}:
                        desc = doc.text[owner.start:sent.char_span(a - 1, a)[1]]
                        yield Candidate(f"Who is {desc}?", ent.start, ent.end, "person", "appositive",
                                        sent.index, ent.confidence, ())
