"""Typed answer candidates: numbers, money, dates, and capitalised names typed with cue words.

Each entity is a span of the article text with an answer type, a confidence and a little
extra information the question builders need (the unit of a count, the kind of organisation).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from builder.asciitext import has_case_oddities, is_latin1
from builder.qa import gazetteer as gz
from builder.qa import lexicon as lx
from builder.qa.text import TOKEN_MARK, WORD_CACHE_SIZE

if TYPE_CHECKING:
    from builder.qa.doc import Sentence

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
_NUMWORD = "|".join(sorted((w for w in lx.NUMBER_WORDS if w not in {"hundreds", "thousands"}),
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


# A pattern type is kept only if its cue occurs somewhere in the lower-cased text (these were
# cheap pre-checks, but they decide what is kept, so they stay as rules).
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


# ---------------------------------------------------------------- where a pattern can match
#
# The regex engine tries a pattern at every position of the text, and that is slow for ten
# patterns over a whole article. But each pattern can only start a match at a word start (its
# lookbehind or \b rules out a word character before it) with a digit, a currency sign or one
# of a few words, and those positions are cheap to find: one scan for digits shared by all the
# patterns, and str.find for the words (in the lower case, which finds "Last" with "last" and
# "Two" with "two"; a capitalised name from the offsets of its initial). A pattern is then
# tried only there, in text order and skipping positions inside its previous match: exactly
# the matches finditer would give.

_DIGIT_WORD_START = re.compile(r"\d(?<!\w\d)")  # a digit with no word character before it
_NUMWORDS = _NUMWORD.split("|")
# Number words to look for: one that another starts with is found with it ("four", "fourteen").
_NUMWORD_STEMS = tuple(w for w in _NUMWORDS if not any(v != w and w.startswith(v) for v in _NUMWORDS))
_RELATIVE_DATE_WORDS = ("last", "next", "earlier", "later", "yesterday", "tomorrow")  # (any initial case)
_DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "decade")


def _by_initial(words) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(initial, the words starting with it) pairs."""
    initials = dict.fromkeys(w[0] for w in words)
    return tuple((c, tuple(w for w in words if w[0] == c)) for c in initials)


# Month and weekday names, grouped by their capital initial.
_CALENDAR_BY_INITIAL = _by_initial((*lx.MONTHS, *lx.WEEKDAYS))


def _find_all(text: str, needles) -> list[int]:
    """Offsets of every occurrence of each needle."""
    out = []
    find = text.find
    for needle in needles:
        k = find(needle)
        while k != -1:
            out.append(k)
            k = find(needle, k + 1)
    return out


def _find_capitalised(text: str, words_by_initial) -> list[int]:
    """Offsets of every occurrence of words that start with a capital (_by_initial pairs).
    Capitals are rare in prose, so the offsets of an initial are found with memchr (a
    one-character str.find) and the words checked there: several times cheaper than a
    search of the whole text per word or a regex scan, which both step through every character."""
    out = []
    find, startswith = text.find, text.startswith
    for initial, words in words_by_initial:
        k = find(initial)
        while k != -1:
            if startswith(words, k):
                out.append(k)
            k = find(initial, k + 1)
    return out


def _word_start_before(text: str, k: int) -> int:
    """Start of the run of word characters that ends at offset k (str.isalnum or "_" is what
    the regex engine calls a word character)."""
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return k


def _digit_word_starts(text: str) -> list[int]:
    """Sorted offsets of the digits with no word character before them (the matches of
    _DIGIT_WORD_START). The regex engine tests each character of the text for a digit; in
    text of Latin-1 characters (almost all), whose only digits are 0-9, a str.find (memchr)
    per digit is several times faster."""
    if not text.isascii() and not is_latin1(text):  # (other scripts have digits of their own)
        return [m.start() for m in _DIGIT_WORD_START.finditer(text)]
    starts = []
    find = text.find
    for digit in "0123456789":
        k = find(digit)
        while k != -1:
            if not k or not (text[k - 1].isalnum() or text[k - 1] == "_"):
                starts.append(k)
            k = find(digit, k + 1)
    starts.sort()
    return starts


def _candidate_starts(text: str, lowered: str) -> dict[str, list[int]]:
    """Per pattern kind, sorted offsets that include every offset where it can match.
    `lowered`: text.lower()."""
    digits = _digit_word_starts(text)
    # A date starts at a month or weekday name, or 3 or 6 characters before one ("on Monday",
    # "in May", "until June"), or at "mid-", "late-", "early-" before a year ("mid-1990s").
    calendar = _find_capitalised(text, _CALENDAR_BY_INITIAL)
    date = digits + [k - n for k in calendar for n in (0, 3, 6)] \
        + [k - n for k in digits if k and text[k - 1] == "-" for n in (4, 5, 6)]
    if len(lowered) == len(text) and not has_case_oddities(text):
        # Every character kept its offset (lower case never shortens one), and every letter a
        # case-insensitive number word matches lowers to an ASCII one: the number words found
        # in any case are the words a duration in words starts with ("Two years") too, and
        # "last" finds "Last".
        number_words = _find_all(lowered, _NUMWORD_STEMS)
        relative_date = _find_all(lowered, _RELATIVE_DATE_WORDS)
    else:
        number_words = _find_all(text, _NUMWORD_STEMS)
        # The word right before white space and a unit ("Two years").
        number_words += [_word_start_before(text, k - 1) for k in _find_all(text, _DURATION_UNITS)
                         if k > 1 and text[k - 1].isspace()]
        relative_date = _find_all(text, _RELATIVE_DATE_WORDS)
        relative_date += _find_all(text, [w.capitalize() for w in _RELATIVE_DATE_WORDS])
    starts = {
        "money": digits + _find_all(text, ("US", "$", "£", "€", "¥")),
        "date": date,
        "relative_date": relative_date,
        "time": digits + _find_all(text, ("noon", "midnight")),
    }
    out = {kind: sorted({k for k in ks if k >= 0}) for kind, ks in starts.items()}
    out["duration"] = out["count"] = sorted(set(digits + number_words))
    for kind in ("percent", "year", "score", "minute"):
        out[kind] = digits
    return out


def _matches(regex: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """regex.finditer(text), trying only the offsets `starts` (which hold every match start)."""
    found, end = [], 0
    match = regex.match
    for k in starts:
        if k >= end:
            m = match(text, k)
            if m:
                found.append(m)
                end = m.end()
    return found


def pattern_entities(text: str) -> list[Entity]:
    """Numeric and calendar entities over the whole article; earlier types win overlaps."""
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    lowered = text.lower()
    starts = _candidate_starts(text, lowered)
    for kind, regex, conf in _PATTERN_TYPES:
        matches = _matches(regex, text, starts[kind])
        if not matches:
            continue
        cue = _PREFILTER.get(kind)
        if cue is not None:
            # The cue is almost always inside the first match: search from there first.
            if not (cue.search(lowered, matches[0].start()) or cue.search(lowered)):
                continue
        for m in matches:
            a, b = _value_span(m)
            if free(a, b):
                found.append(Entity(a, b, _PATTERN_ANSWER_TYPE.get(kind, kind), conf, ""))
                taken.append((a, b))
    for m in _matches(COUNT_RE, text, starts["count"]):
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


@lru_cache(maxsize=WORD_CACHE_SIZE)  # pure, and names repeat
def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and (word[1:2].islower() or word[1:2].isdigit() or len(word) == 1
                                   or word.isupper() or "-" in word)


_OPENERS = frozenset(('"', "“", "‘", "'", "(", ":"))


class LowerCaseWords:
    """The lower-cased words of an article's tokens that have a lower-case initial: the case
    evidence, as a set that is asked word by word.

    The whole set would cost a step per token; the generators ask about a few words. So each
    answer is searched for in the tokens joined into one string (and remembered)."""

    def __init__(self, joined: str, joined_lower: str):
        # joined: "\x00w\x00w\x00" (every token between TOKEN_MARK), joined_lower its lower
        # case, with the same offsets.
        self._joined, self._joined_lower = joined, joined_lower
        self._answers: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self._answers.get(word)
        if found is None:
            found = self._answers[word] = self._search(word)
        return found

    def _search(self, word: str) -> bool:
        joined, find = self._joined, self._joined_lower.find
        needle = TOKEN_MARK + word + TOKEN_MARK
        k = find(needle)  # (a token whose lower case is `word` starts at k + 1)
        while k != -1:
            if joined[k + 1].islower():
                return True
            k = find(needle, k + 1)
        return False


def case_evidence(sentences: list[Sentence], text: str,
                  joined_tokens: tuple[str, str] | None = None) -> tuple:
    """(capital, lower): the words seen capitalised away from a sentence start and an opening
    mark, and the words seen in lower case, in the sentences of `text` (in lower case; sets,
    or LowerCaseWords for `lower` when that is exact). `joined_tokens`: the words and the
    lower cases of all the sentences' tokens, each joined with TOKEN_MARK, when the caller has
    them (text.article_token_columns builds them while tokenizing)."""
    capital = set()
    for sent in sentences:
        words, lows = sent.words, sent.lowers
        for k in sent.capitals:  # (the tokens with an upper-case initial: a few per sentence)
            if k and words[k - 1] not in _OPENERS:
                capital.add(lows[k])
    if joined_tokens is None:
        joined_tokens = (TOKEN_MARK.join(chain.from_iterable(sent.words for sent in sentences)),
                         TOKEN_MARK.join(chain.from_iterable(sent.lowers for sent in sentences)))
    joined = TOKEN_MARK + joined_tokens[0] + TOKEN_MARK
    # The separator is neither cased nor case-ignorable, so the lower case of the joined tokens
    # joins their lower cases; the same length means every character kept its offset.
    joined_lower = TOKEN_MARK + joined_tokens[1] + TOKEN_MARK
    if len(joined_lower) == len(joined) and TOKEN_MARK not in text:
        return capital, LowerCaseWords(joined, joined_lower)
    lower = set()
    for sent in sentences:
        for word, low in zip(sent.words, sent.lowers):
            if word[0].islower():
                lower.add(low)
    return capital, lower


def _starts_name(word: str, low: str, first: bool, capital: set, lower: set) -> bool:
    if not is_capitalised(word):
        return False
    if "-" in word and word.rsplit("-", 1)[-1].islower():
        return False  # "London-based", "Oscar-nominated": a modifier, not a name
    if not first:
        return low not in lx.FUNCTION_WORDS or word.isupper()
    # A sentence-initial capital proves nothing: ask the rest of the article.
    if low.endswith("ly") or ("-" in word and word.split("-")[-1].islower()):
        return low in capital and low not in lower
    if word in gz.GIVEN_NAMES or word in gz.PLACES or word in gz.COMPANIES:
        return True
    # A common word, or one the article writes in lower case, is no name; `lower` is asked
    # last: its answer can cost a search of the article.
    return (low in capital or word.isupper()) and low not in _ROLE_OR_COMMON and low not in lower


# Tokens after which a capital proves nothing, as at a sentence start.
_NAME_OPENERS = frozenset(('"', "“", "‘", "(", ":"))


def capitalised_spans(sent: Sentence, capital: set, lower: set, caps: list[int]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised name candidates in one sentence. `caps`: the
    indices of the tokens with an upper-case initial."""
    words, lows = sent.words, sent.lowers
    spans, n, done = [], len(words), 0
    for i in caps:  # only a token with an upper-case initial can start a name
        if i < done:
            continue  # inside the name found last
        word = words[i]
        if i and words[i - 1] not in _NAME_OPENERS:
            # (_starts_name away from a sentence start, inlined: most capitals are here)
            if not is_capitalised(word) or (lows[i] in lx.FUNCTION_WORDS and not word.isupper()) \
                    or ("-" in word and word.rsplit("-", 1)[-1].islower()):
                continue
        elif not _starts_name(word, lows[i], True, capital, lower) and not (
                i + 1 < n and is_capitalised(word) and is_capitalised(words[i + 1])
                and lows[i + 1] not in lx.FUNCTION_WORDS and not lows[i].endswith("ly")
                and "-" not in word):
            continue
        j = i + 1
        while j < n:
            if is_capitalised(words[j]) and lows[j] != "i":
                j += 1
            elif (lows[j] in _NAME_JOINERS and j + 1 < n and is_capitalised(words[j + 1])
                  and lows[j + 1] not in lx.FUNCTION_WORDS):
                j += 2
            else:
                break
        # "DJ Mike Read", "Manager Brian Kerr": a leading role word is not part of the name.
        while j - i > 1 and lows[i] in _ROLE_OR_COMMON and lows[i] not in lx.PERSON_TITLES \
                and words[i] not in gz.PLACES and words[i] not in gz.COMPANIES:
            i += 1
        spans.append((i, j))
        done = j
    return spans


def _org_kind(words: list[str], text: str) -> str:
    last = words[-1].lower()
    if last in {"fc", "rovers", "athletic", "wanderers", "albion"}:
        return "club"
    if last == "party":
        return "party"
    if text in gz.COMPANIES or last in {"inc", "inc.", "ltd", "ltd.", "plc", "corp", "corp.",
                                        "corporation", "company", "co", "holdings", "motors",
                                        "airlines", "airways", "industries", "group"}:
        return "company"
    return "organisation"


def _role_appositive_follows(sent: Sentence, j: int) -> bool:
    """"Jensen Huang, Nvidia's chief executive,": a role noun in the aside after a name."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    if j >= n or words[j] != ",":
        return False
    for k in range(j + 1, min(j + 9, n)):
        if words[k] in {",", ".", ";", "(", ")"}:
            return False
        if k + 1 < n and words[k + 1][:1].isupper():
            continue  # "author Ian Fleming's": a title for another name
        if lows[k] in lx.ROLE_WORDS and lows[k] not in {"member", "partner", "owner", "rival", "star",
                                                        "winner", "champion", "veteran"}:
            return True
    return False


def type_name(sent: Sentence, i: int, j: int, text: str) -> tuple[str, float, str] | None:
    """(answer_type, confidence, info) for the capitalised span of tokens [i, j), or None."""
    words, lows = sent.words[i:j], sent.lowers
    name = sent.span_text(i, j)
    prev = lows[i - 1] if i > 0 else ""
    if name in gz.PLACES and name not in gz.COMPANIES:
        kind = "country" if name in gz.COUNTRIES else "city" if name in gz.CITIES else "region"
        return "place", 0.9, kind
    if name in gz.COMPANIES:
        return "organisation", 0.9, _org_kind(words, name)
    if lows[i].rstrip(".") in lx.PERSON_TITLES and j - i >= 2:
        return "person", 0.9, ""
    if lows[j - 1] in lx.ORG_SUFFIXES and j - i >= 2:
        return "organisation", 0.85, _org_kind(words, name)
    if words[0] in gz.GIVEN_NAMES and 2 <= j - i <= 3 and all(w[:1].isupper() for w in words):
        return "person", 0.85, ""
    if prev in lx.ROLE_WORDS and 2 <= j - i <= 3:
        return "person", 0.8, ""
    if 2 <= j - i <= 3 and _role_appositive_follows(sent, j):
        return "person", 0.75, ""
    if prev in lx.ORG_CUES and j - i <= 3:
        return "organisation", 0.75, "company" if prev not in {"club", "side", "team", "party"} else prev
    if j - i == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and words[0].isalpha() \
            and words[0] not in gz.NON_ORG_ACRONYMS:
        if words[0] in gz.PLACE_ACRONYMS:
            return "place", 0.85, "country"
        return "organisation", 0.6, "organisation"
    return None


def _surname_type(words: list[str], lows: list[str], i: int, j: int, surnames: set
                  ) -> tuple[str, float, str] | None:
    """The type of an untyped capitalised span [i, j) from the people the article names."""
    if j - i == 1 and words[i] in surnames:
        return "person", 0.7, ""
    if 2 <= j - i <= 3 and words[j - 1] in surnames \
            and words[i] not in gz.PLACES and lows[j - 1] not in lx.ORG_SUFFIXES:
        return "person", 0.75, ""  # "Jensen Huang" when "Mr Huang" is known
    if 2 <= j - i <= 3 and j + 2 < len(words) and words[j] == "," \
            and words[j + 1].isdigit() and words[j + 2] == ",":
        return "person", 0.8, ""  # "Viktor Makarov, 50, ..."
    if j - i == 2 and lows[i] in {"mr", "mrs", "ms", "dr"}:
        return "person", 0.85, ""
    return None


def name_entities(sentences: list[Sentence], text: str, evidence: tuple) -> list[list[Entity]]:
    """Typed name entities per sentence; a bare surname of a known person is a person too.
    `evidence`: case_evidence(sentences, text)."""
    capital, lower = evidence
    per_sentence: list[list[tuple[int, int, tuple | None]]] = []
    surnames: set[str] = set()
    for sent in sentences:
        typed = []
        words, lows = sent.words, sent.lowers
        for i, j in capitalised_spans(sent, capital, lower, sent.capitals):
            t = type_name(sent, i, j, text)
            typed.append((i, j, t))
            if t and t[0] == "person":
                surnames.add(words[j - 1])
            elif t is None and j - i == 2 and lows[i].rstrip(".") in {"mr", "mrs", "ms", "dr", "miss"}:
                surnames.add(words[j - 1])
        per_sentence.append(typed)
    out = []
    for sent, typed in zip(sentences, per_sentence):
        ents = []
        words, lows = sent.words, sent.lowers
        for i, j, t in typed:
            if t is None:
                t = _surname_type(words, lows, i, j, surnames)
            if t is not None:
                ents.append(Entity(*sent.char_span(i, j), *t))
        out.append(ents)
    return out
