"""Typed answer candidates: numbers, money, dates, and capitalised names typed with cue words.

Each entity is a span of the article text with an answer type, a confidence and a little
extra information the question builders need (the unit of a count, the kind of organisation).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from builder.qa import gazetteer as gz
from builder.qa import lexicon as lx
from builder.qa.text import Token

ANSWER_TYPES = ("person", "organisation", "place", "money", "percent", "quantity", "date",
                "year", "time", "number", "duration", "score", "clause", "thing", "definition")


class Entity(NamedTuple):
    start: int
    end: int
    type: str
    confidence: float
    info: str  # unit for counts, sub-kind for names ("company", "country", ...), else ""


_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:bn|m|k|tn|billion|million|trillion|thousand)"
_NUMWORD = "|".join(sorted((w for w in lx.NUMBER_WORDS if w not in ("hundreds", "thousands")),
                           key=len, reverse=True))
_MONTH = "|".join(lx.MONTHS)
_WEEKDAY = "|".join(lx.WEEKDAYS)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

MONEY_RE = re.compile(
    rf"(?<![\w.,])(?:US\s?\$|\$|£|€|¥)\s?{_NUM}(?:\s?{_SCALE}\b|\b)"
    rf"|(?<![\w.,£$€]){_NUM}(?:\s(?:billion|million|trillion))?\s(?:dollars|pounds|euros|yen|pence|cents)\b"
    r"(?!\s\(\d[\d,.]*\s?(?:kg|g|lb|tonnes)\))"
    r"|(?<![\w.,£$€])\d+p\b")
PERCENT_RE = re.compile(
    rf"(?<![\w.,£$€]){_NUM}(?:%|\s?per ?cent\b|\spercent\b|\spercentage points?\b)")
DATE_RE = re.compile(
    rf"\b(?:(?:{_WEEKDAY}),?\s)?(?:{_DAY}\s(?:{_MONTH})(?:,?\s\d{{4}})?"
    rf"|(?:{_MONTH})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?(?!\d)"
    rf"|(?:{_MONTH})\s(?:19|20)\d\d|(?:[Mm]id|[Ee]arly|[Ll]ate)-(?:19|20)\d\d)\b"
    rf"|\b[oO]n\s(?P<weekday>{_WEEKDAY})\b(?![’']s)"
    rf"|\b(?:in|by|to|until|since)\s(?P<month>{_MONTH})\b(?![’']s)(?!\s\d)")
RELATIVE_DATE_RE = re.compile(
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Ee]arlier this|[Ll]ater this)\s(?:week|month|year|season|summer|winter|"
    r"spring|autumn|weekend|quarter|decade)|[Yy]esterday|[Tt]omorrow)\b(?![’'-])")
YEAR_RE = re.compile(r"(?<![\w$£€.,/-])(?:19[5-9]\d|20[0-4]\d)(?![\w%/-]|[.,]\d|\s?(?:bn|m)\b)")
TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\s?(?:GMT|BST)\b"
    r"|(?<![\d.,])\b\d{1,2}:\d{2}\b(?![:\d])|\b(?:noon|midnight)\b")
DURATION_RE = re.compile(
    rf"(?<![\w.,£$€-])(?:{_NUM}|(?i:{_NUMWORD}))\s(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"
    rf"(?!\s(?:old|ago|earlier|later|before|after)\b|[’'-])")
_UNITS = "|".join(sorted(lx.COUNT_UNITS, key=len, reverse=True))
COUNT_RE = re.compile(
    rf"(?<![\w.,£$€-])((?:{_NUM}|{_NUMWORD})(?:\s(?:million|billion|thousand|hundred))?)"
    rf"\s(?:(?:more|new|extra|additional|other|full-time|British|foreign)\s)?({_UNITS}|[a-z]{{3,}}s)\b(?![’'-])"
    rf"(?!\s(?:down|up|ahead|behind|clear|to\s+\d)\b|\s[a-z]+s\b)")
# Plural words after a number that are not things one counts with "How many".
_NOT_COUNT_NOUNS = frozenset("times years months weeks days hours minutes seconds decades ones "
                             "others is was has this its percentages points".split())

SCORE_RE = re.compile(r"(?<![\w.,-])\d{1,2}-\d{1,2}(?![\w-]|\.\d)")
MINUTE_RE = re.compile(r"(?<![\w.,-])(?P<minute>\d{1,3}(?:st|nd|rd|th))(?=\s(?:minute|min)\b)")



def _first_char(pattern: re.Pattern, chars: str) -> re.Pattern:
    """The same pattern behind a lookahead for the characters a match can start with: the
    regex engine then jumps between candidate positions instead of trying every one."""
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)


MONEY_RE = _first_char(MONEY_RE, r"\dU$£€¥")
PERCENT_RE = _first_char(PERCENT_RE, r"\d")
TIME_RE = _first_char(TIME_RE, r"\dnm")
YEAR_RE = _first_char(YEAR_RE, "12")
SCORE_RE = _first_char(SCORE_RE, r"\d")
MINUTE_RE = _first_char(MINUTE_RE, r"\d")
DURATION_RE = _first_char(DURATION_RE, r"\ddefhnostDEFHNOST")  # a number or a number word
COUNT_RE = _first_char(COUNT_RE, r"\ddefhnost")
RELATIVE_DATE_RE = _first_char(RELATIVE_DATE_RE, "LlNnEeYyTt")
DATE_RE = _first_char(DATE_RE, r"\dMTWFSJAONDmEeLloibtus")

# Answer types found by regular expressions, in priority order when spans overlap.
_PATTERN_TYPES = (("money", MONEY_RE, 0.95), ("percent", PERCENT_RE, 0.95),
                  ("date", DATE_RE, 0.9), ("relative_date", RELATIVE_DATE_RE, 0.7), ("time", TIME_RE, 0.85),
                  ("duration", DURATION_RE, 0.85), ("year", YEAR_RE, 0.85),
                  ("score", SCORE_RE, 0.8), ("minute", MINUTE_RE, 0.8))
# Answer type of each pattern (a minute of a match is asked like a time).
_PATTERN_ANSWER_TYPE = {"minute": "time", "relative_date": "date"}


# Cheap searches that tell when a slower pattern cannot match at all.
_PREFILTER = {
    "money": re.compile(r"[$£€¥]|\d\s?(?:p\b|(?:billion |million |trillion )?(?:dollars|pounds|euros|yen|pence|cents))"),
    "percent": re.compile(r"\d\s?(?:%|per ?cent|percent)"),
    "time": re.compile(r"\d\s?(?:am|pm|gmt|bst)\b|\d:\d\d|noon|midnight"),
    "duration": re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b"),
    "score": re.compile(r"\d-\d"),
    "minute": re.compile(r"\d(?:st|nd|rd|th) min"),
    "date": re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                       r"march|april|may|june|july|august|september|october|november|december|"
                       r"mid-|early-|late-"),
}


def _value_span(m) -> tuple[int, int]:
    """The span of the value itself: a named group when the pattern matched a cue word too."""
    for name, value in m.groupdict().items():
        if value:
            return m.span(name)
    return m.span()


def pattern_entities(text: str) -> list[Entity]:
    """Numeric and calendar entities over the whole article; earlier types win overlaps."""
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    lowered = text.lower()
    for kind, regex, conf in _PATTERN_TYPES:
        cue = _PREFILTER.get(kind)
        if cue is not None and not cue.search(lowered):
            continue
        for m in regex.finditer(text):
            a, b = _value_span(m)
            if free(a, b):
                found.append(Entity(a, b, _PATTERN_ANSWER_TYPE.get(kind, kind), conf, ""))
                taken.append((a, b))
    for m in COUNT_RE.finditer(text):
        a, b = m.span(1)
        if free(a, m.end()):
            unit = m.group(2)
            if unit in _NOT_COUNT_NOUNS or unit.endswith("ss"):
                continue
            kind = "quantity" if unit in lx.MEASURE_UNITS else "number"
            found.append(Entity(a, b, kind, 0.85, text[m.end(1):m.end()].strip()))
            taken.append((a, m.end()))
    return found


_NAME_JOINERS = frozenset(("of", "&", "de", "du", "van", "von", "der", "del", "la", "bin", "al"))
_ROLE_OR_COMMON = lx.FUNCTION_WORDS | lx.ROLE_WORDS | frozenset(
    "former new chief top ex senior junior deputy acting interim veteran young old british "
    "american european international national world global local".split())


def is_capitalised(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and (t[1:2].islower() or t[1:2].isdigit() or len(t) == 1
                                or t.isupper() or "-" in t)


def case_evidence(sentence_tokens: list[list[Token]]) -> tuple[set, set]:
    """Words seen capitalised away from a sentence start, and words seen in lower case."""
    capital, lower = set(), set()
    openers = ('"', "“", "‘", "'", "(", ":")
    for toks in sentence_tokens:
        prev = "("
        for tok in toks:
            c = tok.text[0]
            if c.islower():
                lower.add(tok.lower)
            elif c.isupper() and prev not in openers:
                capital.add(tok.lower)
            prev = tok.text
    return capital, lower


def _starts_name(tok: Token, first: bool, capital: set, lower: set) -> bool:
    if not is_capitalised(tok):
        return False
    if "-" in tok.text and tok.text.rsplit("-", 1)[-1].islower():
        return False  # "London-based", "Oscar-nominated": a modifier, not a name
    if not first:
        return tok.lower not in lx.FUNCTION_WORDS or tok.text.isupper()
    # A sentence-initial capital proves nothing: ask the rest of the article.
    if tok.lower.endswith("ly") or ("-" in tok.text and tok.text.split("-")[-1].islower()):
        return tok.lower in capital and tok.lower not in lower
    if tok.lower in _ROLE_OR_COMMON or tok.lower in lower:
        return tok.text in gz.GIVEN_NAMES or tok.text in gz.PLACES or tok.text in gz.COMPANIES
    return tok.lower in capital or tok.text in gz.GIVEN_NAMES or tok.text in gz.PLACES \
        or tok.text in gz.COMPANIES or tok.text.isupper()


def capitalised_spans(toks: list[Token], capital: set, lower: set) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised name candidates in one sentence."""
    spans, i, n = [], 0, len(toks)
    while i < n:
        if not toks[i].text[0].isupper():
            i += 1  # most tokens: nothing to check
            continue
        first = i == 0 or toks[i - 1].text in ('"', "“", "‘", "(", ":")
        if not _starts_name(toks[i], first, capital, lower) and not (
                first and i + 1 < n and is_capitalised(toks[i]) and is_capitalised(toks[i + 1])
                and toks[i + 1].lower not in lx.FUNCTION_WORDS and not toks[i].lower.endswith("ly")
                and "-" not in toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            if is_capitalised(toks[j]) and toks[j].lower not in ("i",):
                j += 1
            elif (toks[j].lower in _NAME_JOINERS and j + 1 < n and is_capitalised(toks[j + 1])
                  and toks[j + 1].lower not in lx.FUNCTION_WORDS):
                j += 2
            else:
                break
        # "DJ Mike Read", "Manager Brian Kerr": a leading role word is not part of the name.
        while j - i > 1 and toks[i].lower in _ROLE_OR_COMMON and toks[i].lower not in lx.PERSON_TITLES \
                and toks[i].text not in gz.PLACES and toks[i].text not in gz.COMPANIES:
            i += 1
        spans.append((i, j))
        i = j
    return spans


def _org_kind(words: list[str], text: str) -> str:
    last = words[-1].lower()
    if last in ("fc", "rovers", "athletic", "wanderers", "albion"):
        return "club"
    if last == "party":
        return "party"
    if text in gz.COMPANIES or last in ("inc", "inc.", "ltd", "ltd.", "plc", "corp", "corp.",
                                        "corporation", "company", "co", "holdings", "motors",
                                        "airlines", "airways", "industries", "group"):
        return "company"
    return "organisation"


def _role_appositive_follows(toks: list[Token], j: int) -> bool:
    """"Jensen Huang, Nvidia's chief executive,": a role noun in the aside after a name."""
    if j >= len(toks) or toks[j].text != ",":
        return False
    for k, t in enumerate(toks[j + 1:j + 9], start=j + 1):
        if t.text in (",", ".", ";", "(", ")"):
            return False
        if k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
            continue  # "author Ian Fleming's": a title for another name
        if t.lower in lx.ROLE_WORDS and t.lower not in ("member", "partner", "owner", "rival", "star",
                                                        "winner", "champion", "veteran"):
            return True
    return False


def type_name(toks: list[Token], i: int, j: int, text: str) -> tuple[str, float, str] | None:
    """(answer_type, confidence, info) for the capitalised span toks[i:j], or None."""
    words = [t.text for t in toks[i:j]]
    name = text[toks[i].start:toks[j - 1].end]
    prev = toks[i - 1].lower if i > 0 else ""
    if name in gz.PLACES and name not in gz.COMPANIES:
        kind = "country" if name in gz.COUNTRIES else "city" if name in gz.CITIES else "region"
        return "place", 0.9, kind
    if name in gz.COMPANIES:
        return "organisation", 0.9, _org_kind(words, name)
    if words[0].lower().rstrip(".") in lx.PERSON_TITLES and j - i >= 2:
        return "person", 0.9, ""
    if words[-1].lower() in lx.ORG_SUFFIXES and j - i >= 2:
        return "organisation", 0.85, _org_kind(words, name)
    if words[0] in gz.GIVEN_NAMES and 2 <= j - i <= 3 and all(w[:1].isupper() for w in words):
        return "person", 0.85, ""
    if prev in lx.ROLE_WORDS and 2 <= j - i <= 3:
        return "person", 0.8, ""
    if 2 <= j - i <= 3 and _role_appositive_follows(toks, j):
        return "person", 0.75, ""
    if prev in lx.ORG_CUES and j - i <= 3:
        return "organisation", 0.75, "company" if prev not in ("club", "side", "team", "party") else prev
    if j - i == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and words[0].isalpha() \
            and words[0] not in gz.NON_ORG_ACRONYMS:
        if words[0] in gz.PLACE_ACRONYMS:
            return "place", 0.85, "country"
        return "organisation", 0.6, "organisation"
    return None


def name_entities(sent_tokens: list[list[Token]], text: str, evidence: tuple | None = None
                  ) -> list[list[Entity]]:
    """Typed name entities per sentence; a bare surname of a known person is a person too.
    `evidence`: case_evidence(sent_tokens) when the caller has it already."""
    capital, lower = evidence or case_evidence(sent_tokens)
    per_sentence: list[list[tuple[int, int, tuple | None]]] = []
    surnames: set[str] = set()
    for toks in sent_tokens:
        typed = []
        for i, j in capitalised_spans(toks, capital, lower):
            t = type_name(toks, i, j, text)
            typed.append((i, j, t))
            if t and t[0] == "person":
                surnames.add(toks[j - 1].text)
            elif t is None and j - i == 2 and toks[i].lower.rstrip(".") in ("mr", "mrs", "ms", "dr", "miss"):
                surnames.add(toks[j - 1].text)
        per_sentence.append(typed)
    out = []
    for toks, typed in zip(sent_tokens, per_sentence):
        ents = []
        for i, j, t in typed:
            if t is None and j - i == 1 and toks[i].text in surnames:
                t = ("person", 0.7, "")
            if t is None and 2 <= j - i <= 3 and toks[j - 1].text in surnames \
                    and toks[i].text not in gz.PLACES and toks[j - 1].lower not in lx.ORG_SUFFIXES:
                t = ("person", 0.75, "")  # "Jensen Huang" when "Mr Huang" is known
            if t is None and 2 <= j - i <= 3 and j + 2 < len(toks) and toks[j].text == "," \
                    and toks[j + 1].text.isdigit() and toks[j + 2].text == ",":
                t = ("person", 0.8, "")  # "Viktor Makarov, 50, ..."
            if t is None and j - i == 2 and toks[i].lower in ("mr", "mrs", "ms", "dr"):
                t = ("person", 0.85, "")
            if t is not None:
                ents.append(Entity(toks[i].start, toks[j - 1].end, t[0], t[1], t[2]))
        out.append(ents)
    return out
