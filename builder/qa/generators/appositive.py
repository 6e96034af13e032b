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
    toks = sent.tokens
    first = toks[k] if k < len(toks) else None
    if first is None or first.lower in _UNRESOLVABLE:
        return None
    possessive_name = k + 1 < len(toks) and toks[k + 1].text in ("'s", "’s") and first.text[:1].isupper()
    # "European director for public policy at CompTIA": a capitalised modifier and a role.
    modified_role = first.text[:1].isupper() and k + 1 < len(toks) and toks[k + 1].lower in lx.ROLE_WORDS \
        and not any(sent.token_span[e][0] == k for e in sent.entities if e.type == "person")
    if not (first.lower in _OPENERS or possessive_name or first.lower in lx.ROLE_WORDS or modified_role):
        return None
    j = k
    while j < len(toks) and toks[j].text not in (",", ".", ";", ":", "(", ")", '"', "“", "”", "-"):
        if toks[j].lower in _DESC_STOP or (j > k and verb_group_at(toks, j)):
            return None
        j += 1
    if j >= len(toks) or j - k > 9 or j - k < 2 or toks[j].text not in (",", "."):
        return None
    if toks[j].text == "," and j + 1 < len(toks) and toks[j + 1].text[:1].isupper() \
            and toks[j - 1].text.islower():
        return None  # "manager of merchant banking firm, Fortune Financial Services": cut short
    if not any(t.lower in lx.ROLE_WORDS for t in toks[k:j]):
        return None
    if first.lower in ("a", "an", "former") and j - k < 4:
        return None  # "a former MP" fits too many people to ask "Who is a former MP?"
    if toks[j - 1].lower in lx.FUNCTION_WORDS or (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper()):
        return None  # no dangling "of", no initial cut by a full stop ("Captain James T.")
    text = doc.text[toks[k].start:toks[j - 1].end]
    if modified_role:
        text = "the " + text  # "Jupiter analyst": keep the name's capital
    elif first.lower in ("former", "chief", "deputy", "senior", "acting") or (
            first.lower in lx.ROLE_WORDS and first.lower not in ("the", "a", "an")):
        text = "the " + text[0].lower() + text[1:] if not first.text.isupper() else "the " + text
    return text, j


def _age(sent: Sentence, b: int) -> tuple[int, int] | None:
    toks = sent.tokens
    if b + 2 < len(toks) and toks[b].text == "," and toks[b + 1].text.isdigit() \
            and 16 <= int(toks[b + 1].text) <= 105 and toks[b + 2].text == ",":
        return toks[b + 1].start, toks[b + 1].end
    return None


@register_generator("appositive")
def generate_appositive(doc: Doc, options: dict):
    for sent in doc.sentences:
        toks = sent.tokens
        if len(toks) < 5 or sent.skip:
            continue
        for ent in sent.entities:
            if ent.type not in ("person", "organisation"):
                continue
            a, b = sent.token_span[ent]
            name = doc.text[ent.start:ent.end]
            if ent.type == "person":
                age = _age(sent, b)
                if age:
                    yield Candidate(f"How old is {name}?", age[0], age[1], "number", "appositive",
                                    sent.index, 0.85, ())
            # "Jensen Huang, Nvidia's chief executive, ..."
            if b < len(toks) and toks[b].text == "," and not (a > 0 and toks[a - 1].lower in ("and", ",")):
                desc = _description(doc, sent, b + 1)
                if desc:
                    verb = "was" if desc[0].lower().startswith(("the former", "the late")) else "is"
                    yield Candidate(f"{_wh_for(ent)} {verb} {desc[0]}?", ent.start, ent.end, ent.type,
                                    "appositive", sent.index, ent.confidence, ())
                    # The other direction: "Who is Jensen Huang?" -> "Nvidia's chief executive".
                    k, j = b + 1, desc[1]
                    if ent.type == "person" and toks[k].lower not in ("a", "an"):
                        yield Candidate(f"Who is {name}?", toks[k].start, toks[j - 1].end, "definition",
                                        "appositive", sent.index, ent.confidence * 0.9, ())
            # "Nvidia's chief executive Jensen Huang"
            if ent.type == "person" and a >= 3:
                k = a - 1
                while k >= 0 and toks[k].text.islower() and toks[k].text.isalpha() and a - k <= 4:
                    k -= 1
                role = toks[k + 1:a]
                if role and role[-1].lower in lx.ROLE_WORDS and k >= 1 and toks[k].text in ("'s", "’s") \
                        and toks[k - 1].text[:1].isupper():
                    owner = next((e for e in sent.entities if sent.token_span[e][1] == k), None)
                    if owner is not None and owner.type in ("organisation", "place"):
                        desc = doc.text[owner.start:role[-1].end]
                        yield Candidate(f"Who is {desc}?", ent.start, ent.end, "person", "appositive",
                                        sent.index, ent.confidence, ())
