"""A shallow clause reader: subject, finite verb group, and what follows.

Questions are rebuilt around the predicate: the wh-phrase goes to the front and the finite
auxiliary is inverted with the subject, or "did"/"does" is added for a simple verb ("Nvidia
announced X" -> "What did Nvidia announce?"). Without a tagger, a verb is only recognised when
its form is known (auxiliaries, irregular pasts, -ed/-s forms of listed verbs); anything else
fails the parse, and the sentence is not asked about in that way.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple

from builder.qa import lexicon as lx
from builder.qa.text import WORD_CACHE_SIZE

if TYPE_CHECKING:
    from builder.qa.doc import Sentence

_NOUN_CONTEXT = frozenset("the a an its his her their our my your this these those that "
                          "'s ’s of to".split())
_IMPERATIVES = frozenset("start try make take keep get let avoid use add remember consider look "
                         "check stop go see read click visit imagine think find choose buy".split())
_SUBJECT_BREAKERS = frozenset("say think believe know hope fear warn claim predict expect suggest "
                               "show estimate argue insist reckon feel i we you he she they "
                               "it here there".split())
NEGATIONS = frozenset(("not", "n't", "never"))
_AUX_TAIL = frozenset("not n't be been being have also still already now never just only yet "
                      "reportedly previously recently so far long since ever".split())
_CLAUSE_BREAKS = frozenset(",;:()[]\"“”‘’—–-!?")
# The tokens that end a clause: its breaks and the full stop (what is_clause_break tests; hot loops
# test membership in it directly, a call less per token).
CLAUSE_BREAK_TOKENS = _CLAUSE_BREAKS | {"."}
_KNOWN_LEMMAS = lx.REGULAR_VERBS | frozenset(lx.IRREGULAR_PAST.values())
_QUOTES = frozenset('"“”')
_EED_NOUNS = frozenset("seed need feed speed breed weed bleed deed reed greed steed creed bed red "
                       "shed bred wed fled sled".split())
# Lemmas too often nouns after a plural ("sales rise" is fine, "price rises" is not a verb).
_NOUN_LIKE_LEMMAS = frozenset("plan rise report record fund cost demand increase return change trade "
                              "share state vote need fear hope claim issue order act end release "
                              "control supply support test value work use target head file form "
                              "list mark match note name post price rate result rule sign step "
                              "store total turn face back charge cover date deal figure fire "
                              "fuel function host house lack market model offer place point "
                              "position process profit project race rank rent scale screen "
                              "search shape sort sound star stay stress study talk team tour "
                              "track trial view visit wish watch transfer train".split())
_PLURAL_VERB_FOLLOWERS = frozenset("the a an that this these those its his her their it they he she "
                                   "we to more less some any no all each every".split())
_WH_WORDS = frozenset("what who whom whose which when where why how".split())
# "It is thought", "it was said": no real subject to ask about.
_EXPLETIVE_VERBS = frozenset("thought said believed understood expected reported feared known "
                             "likely possible clear unclear hoped estimated".split())


class VerbGroup(NamedTuple):
    start: int        # first token (pre-verb adverbs included)
    end: int          # one past the last token of the group
    kind: str         # "aux" (finite auxiliary), "past" or "pres3" (need do-support)
    head: str         # the auxiliary to front: "has", "will", "did", "does"
    tail: tuple       # words after the subject in the question ("also", "announce", "been sold")
    lemma: str        # lemma of the main verb when known, else ""
    main: str         # lower-cased main verb form as written


class Clause(NamedTuple):
    start: int                # first token of the clause (connectors skipped)
    subj_start: int
    subj_end: int
    verb: VerbGroup
    intro: tuple | None       # (start, end) of an introductory adjunct "In 2004,"


# A NamedTuple's own constructor runs a Python-level __new__; the parser, which makes a verb
# group or clause for most clause starts, builds the same tuples with tuple.__new__ in C
# (about 2k instructions less a call): _new(VerbGroup, (fields...)) == VerbGroup(fields...).
_new = tuple.__new__


@lru_cache(maxsize=WORD_CACHE_SIZE)  # pure: called for the same words over and over
def ed_lemma(word: str) -> str | None:
    """Lemma of a regular past form, from the verb list or from safe spelling rules."""
    if not word.endswith("ed") or len(word) < 4 or word in _EED_NOUNS:
        return None
    stem = word[:-2]
    candidates = [word[:-1], stem]
    if word.endswith("ied"):
        candidates.insert(0, word[:-3] + "y")
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    for c in candidates:
        if c in _KNOWN_LEMMAS:
            return c
    # Two final consonants that never take a silent e: "jumped" -> "jump", "asked" -> "ask".
    vowels = "aeiou"
    if (len(stem) >= 3 and stem[-1] not in vowels + "sczvgyul" and stem[-2] not in vowels
            and stem[-1] != stem[-2]):
        return stem  # ("rattled" -> "rattle" needs the e: a final consonant + l is left alone)
    return None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def s_lemma(word: str) -> str | None:
    """Lemma of a third-person present form of a listed verb ("says" -> "say")."""
    if not word.endswith("s") or len(word) < 4:
        return None
    for c in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""):
        if c and (c in _KNOWN_LEMMAS or c == "say"):
            return c
    return None


# The listed words that may open a verb group (an adverb or a verb form), as one set.
_LISTED_VERB_OPENERS = lx.PRE_VERB_ADVERBS | lx.FINITE_AUX | frozenset(lx.IRREGULAR_PAST) | _KNOWN_LEMMAS


@lru_cache(maxsize=WORD_CACHE_SIZE)  # pure, and most words are asked about again and again
def may_open_verb_group(word: str) -> bool:
    """Can a verb group start with this token: is it a lower-case word or a listed adverb, and
    an adverb (listed or -ly) or a verb form verb_group_at knows? Most words are neither, and
    verb_group_at rejects them at once; a caller trying many tokens asks this first."""
    low = word.lower()
    if not word.islower() and low not in lx.PRE_VERB_ADVERBS:
        return False
    # (ed_lemma and s_lemma are asked only about the words with their ending: most words are
    # seen here once, and each call would add an entry to their caches too)
    return (low in _LISTED_VERB_OPENERS or low.endswith("ly")
            or (low.endswith("ed") and ed_lemma(low) is not None)
            or (low.endswith("s") and s_lemma(low) is not None))


def verb_group_at(sent: Sentence, j: int, after_comma: bool = False) -> VerbGroup | None:
    """A finite verb group starting at token j of a sentence (optionally after adverbs), or
    None. `after_comma`: the subject ended in an aside ("Delta, which ..., was forced")."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    if j <= 0 or j >= n or not may_open_verb_group(words[j]):
        return None
    first_low = lows[j]
    prev, prev_low = words[j - 1], lows[j - 1]
    if not (after_comma and prev == ","):
        if prev_low in _NOUN_CONTEXT or prev in _CLAUSE_BREAKS:
            return None
        if ("-" in prev or prev[:1].isdigit()) and first_low not in lx.FINITE_AUX:
            return None  # "a five-cent hit", "the 2004 cut": a noun, not a verb
    k = j
    while k < n and k - j < 2 and (lows[k] in lx.PRE_VERB_ADVERBS or (
            lows[k].endswith("ly") and words[k].islower() and len(words[k]) > 4
            and lows[k] not in {"only", "early", "family", "italy", "july", "supply", "apply", "reply"})):
        k += 1
    if k >= n:
        return None
    w, low = words[k], lows[k]
    if not w.isalpha() or not w.islower():
        return None
    adverbs = tuple(words[j:k]) if k > j else ()
    if low in lx.FINITE_AUX:
        m = k + 1
        while m < n and lows[m] in _AUX_TAIL and m - k < 4:
            m += 1
        main = ""
        cand = lows[m] if m < n and words[m].isalpha() and words[m].islower() else ""
        last_aux = lows[m - 1]
        if cand and cand not in lx.FUNCTION_WORDS:
            participle = cand.endswith(("ed", "en")) or cand in lx.IRREGULAR_PARTICIPLE_TO_PAST \
                or cand in lx.IRREGULAR_PAST
            if last_aux in {"has", "have", "had"}:
                ok = participle  # "had winning performances" is not a verb group
            elif last_aux in lx.BE_FORMS or last_aux in {"been", "being", "be"}:
                ok = participle or cand.endswith("ing")
            else:
                ok = cand in _KNOWN_LEMMAS or participle or cand.endswith("ing")
            if ok:
                main = cand
                m += 1
        tail = adverbs + tuple(words[k + 1:m])
        if not main and low in lx.DO_FORMS and m == k + 1:
            # "did their bit": "do" as the main verb, asked with do-support.
            kind = "past" if low == "did" else "pres3" if low == "does" else "pres"
            return _new(VerbGroup, (j, k + 1, kind, low, adverbs + ("do",), "do", low))
        if not main and low in lx.HAVE_FORMS and m == k + 1:
            # "has operations in 14 countries": possession, asked with do-support.
            head = {"has": "does", "have": "do", "had": "did"}[low]
            kind = "past" if low == "had" else "pres3" if low == "has" else "pres"
            return _new(VerbGroup, (j, k + 1, kind, head, adverbs + ("have",), "have", low))
        return _new(VerbGroup, (j, m, "aux", low, tail, "", main))
    # The word after the verb: None at the end of the sentence.
    nxt, nxt_low = (words[k + 1], lows[k + 1]) if k + 1 < n else (None, None)
    if nxt is not None and nxt_low in lx.FINITE_AUX:
        return None  # "the revised figures were": the -ed word is an adjective
    if low in lx.IRREGULAR_PAST:
        lemma = lx.IRREGULAR_PAST[low]
        return _new(VerbGroup, (j, k + 1, "past", "did", adverbs + (lemma,), lemma, low))
    lemma = ed_lemma(low)
    if lemma:
        return _new(VerbGroup, (j, k + 1, "past", "did", adverbs + (lemma,), lemma, low))
    if (low in _KNOWN_LEMMAS and prev_low.endswith("s")
            and (low not in _NOUN_LIKE_LEMMAS or (nxt is not None and nxt_low in {"to", "that"}))
            and not prev_low.endswith(("ss", "'s", "’s")) and prev.isalpha()
            and (nxt is None or nxt_low in _PLURAL_VERB_FOLLOWERS)):
        # "Analysts believe that", "The tobacco companies deny": plural present.
        return _new(VerbGroup, (j, k + 1, "pres", "do", adverbs + (low,), low, low))
    lemma = s_lemma(low)
    if lemma and (prev[:1].isalpha() or after_comma) and not (
            nxt is not None and (nxt_low.endswith("ed") or nxt_low in lx.IRREGULAR_PAST
                                 or nxt in {",", ")"} or (nxt_low in _KNOWN_LEMMAS and nxt.islower())
                                 or nxt_low in {"including", "which", "who", "such"}
                                 or (j == 1 and prev[:1].isupper() and nxt[:1].isupper()))):
        # "Time Warner shares rose": an -s word followed by a verb is a noun.
        return _new(VerbGroup, (j, k + 1, "pres3", "does", adverbs + (lemma,), lemma, low))
    return None


def _finite_verb_follows(sent: Sentence, k: int) -> bool:
    """Is there a finite verb within the next 8 tokens, before any clause break?"""
    words, lows = sent.words, sent.lowers
    n = len(words)
    for m in range(k, min(k + 8, n)):
        w, low = words[m], lows[m]
        if w in CLAUSE_BREAK_TOKENS or low in {"that", "which", "who", "and", "but"} or low in lx.SUBORDINATORS:
            return False
        if w.islower() and (low in lx.FINITE_AUX or low in lx.IRREGULAR_PAST
                            or (low.endswith("ed") and ed_lemma(low))):
            if low not in lx.FINITE_AUX and m + 1 < n and lows[m + 1] == "by":
                continue  # "a round led by X": a participle with its agent, not a finite verb
            return True
    return False


def _skip_connectors(sent: Sentence, i: int) -> int:
    words, lows = sent.words, sent.lowers
    n = len(words)
    while i < n and lows[i] in lx.LEADING_CONNECTORS:
        i += 1
        if i < n and words[i] == ",":
            i += 1
    return i


_INTRO_OPENERS = lx.PREPOSITIONS | lx.SUBORDINATORS | lx.LEADING_CONNECTORS | frozenset(
    "last earlier this even next yet once still".split())
_TIME_NOUNS = frozenset("year week month day weekend season quarter century decade".split())


def _intro_adjunct(sent: Sentence, i: int) -> tuple[int, int] | None:
    """An introductory phrase closed by a comma: "In 2004,", "Even so,", "As soon as 2018,",
    "Opening his defence,". Also a bare time phrase "Last year" (returned as (i, i + 1) with
    the comma position standing for its last token). None unless the phrase opens with a word
    of _INTRO_OPENERS or one ending in -ly/-ing (parse_clause calls it only for one)."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    if i >= n:
        return None
    first_low = lows[i]
    opener = first_low in _INTRO_OPENERS or (first_low.endswith(("ly", "ing")) and (
        first_low.endswith("ly") or words[i][:1].isupper()))  # ("Opening his defence,")
    if opener:
        for k in range(i + 1, min(i + 13, n)):
            if words[k] == ",":
                return (i, k)
            if words[k] in _CLAUSE_BREAKS:
                return None
    if first_low in {"last", "this", "next", "earlier", "later"} and i + 1 < n \
            and lows[i + 1] in _TIME_NOUNS and i + 2 < n and words[i + 2] != ",":
        return (i, i + 1)
    return None


_NEGATED_SUBJECTS = frozenset(("no", "none", "nothing", "nobody", "neither"))
_APPROXIMATORS = frozenset(("about", "around", "over", "under", "some", "nearly", "almost", "roughly"))
_PARTICIPLE_OR_AUX = frozenset(("having", "being")) | lx.FINITE_AUX
# First words of a clause with no subject to ask about (tested as one set; a clause break is
# not alphanumeric, and is tested so). A preposition that can open a count ("about 50
# people") is tested apart, as _COUNT_PREPOSITIONS.
_NON_SUBJECT_OPENERS = (_NEGATED_SUBJECTS | lx.FINITE_AUX | _WH_WORDS
                        | ((lx.SUBORDINATORS | lx.PREPOSITIONS) - _APPROXIMATORS))
_COUNT_PREPOSITIONS = (lx.SUBORDINATORS | lx.PREPOSITIONS) & _APPROXIMATORS
# Words that end a subject: a subordinator ("as" is checked apart) or a relative word.
_SUBJECT_STOP_WORDS = (lx.SUBORDINATORS - {"as"}) | frozenset(("that", "which", "who", "whose", "whom"))
# Tokens parse_clause looks at twice inside a subject (and words ending in "n't").
_SUBJECT_MARKERS = _SUBJECT_STOP_WORDS | CLAUSE_BREAK_TOKENS | {"(", ",", "-", "–", "—", "as"}


def parse_clause(sent: Sentence, cs: int) -> Clause | None:
    """Subject and finite verb group of the clause starting at token cs of a sentence."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    # (most clauses open with no connector: the call is made only for one)
    i = _skip_connectors(sent, cs) if cs < n and lows[cs] in lx.LEADING_CONNECTORS else cs
    # (an adjunct opens with one of these words; most clauses do not, and the call is made only for one)
    intro = _intro_adjunct(sent, i) if i < n and (lows[i] in _INTRO_OPENERS or lows[i].endswith(("ly", "ing"))) \
        else None
    if intro:
        i = intro[1] + 1
        i = _skip_connectors(sent, i)
    subj_start = i
    if i >= n:
        return None
    first, first_low = words[i], lows[i]
    if first_low in _NON_SUBJECT_OPENERS or not first[:1].isalnum():
        # "no complaint had been made": a negated subject cannot be asked about; nor can a
        # clause opened by an auxiliary, a wh-word, a subordinator or a preposition, or a break
        return None
    if first_low in _COUNT_PREPOSITIONS and not (
            i + 1 < n and (words[i + 1][:1].isdigit() or lows[i + 1] in lx.NUMBER_WORDS)):
        return None  # (but "about 50 people", "over 2,000 jobs": a count as the subject)
    if first_low.endswith("ly") and len(first) >= 5 and i + 1 < n and words[i + 1].islower():
        return None  # an adverb before a lower-case word opens the clause, not a subject
    if first_low in _IMPERATIVES and first[:1].isupper():
        return None  # "Start by clearing out ...": an imperative has no subject to ask about
    # A contraction ("won't", "isn’t") holds an apostrophe: without one in the sentence, no word
    # of the subject needs the suffix test below.
    apostrophe = "'" in sent.text or "’" in sent.text
    j = i
    last = min(n, subj_start + 11)  # (a subject of at most 10 words before its verb)
    while j < last:
        if j > subj_start and may_open_verb_group(words[j]):
            vg = verb_group_at(sent, j)
            if vg and vg.kind == "past" and vg.main.endswith("ed") and _finite_verb_follows(sent, vg.end):
                vg = None  # "the goods intercepted at the border increased": a reduced relative
            if vg:
                subj = lows[subj_start:j]
                if not _PARTICIPLE_OR_AUX.isdisjoint(subj):
                    # "having", "being": a long or participial "subject" means the real verb was
                    # missed; so does an auxiliary: "Claims ... was a tool used"
                    return None
                if (subj[0].endswith("ing") and words[subj_start].islower()) or ("to" in subj and any(
                        t == "to" and u in _KNOWN_LEMMAS for t, u in zip(subj, subj[1:]))):
                    return None  # "failing to investigate ...": a clause as subject
                if ("last" in subj or "next" in subj) and any(
                        t in {"last", "next"} and u in _TIME_NOUNS for t, u in zip(subj, subj[1:])):
                    return None  # "dealers last year sold": a time phrase inside the subject
                if len(subj) == 1 and vg.kind == "past" and vg.main.endswith("ed") and subj[0].endswith("s") \
                        and j + 1 < n and lows[j + 1] in lx.PREPOSITIONS:
                    return None  # "Rules introduced in 2002 demand ...": a reduced relative
                if len(subj) > 1 and not _SUBJECT_BREAKERS.isdisjoint(subj):
                    return None  # "posters say Britain", "Here in Cambridge we": not one phrase
                if j - subj_start == 1 and subj[0] in {"it", "there"} and (
                        vg.main in _EXPLETIVE_VERBS or vg.head in {"is", "was"}
                        or vg.lemma in {"take", "seem", "appear", "remain", "emerge"}):
                    return None
                return _new(Clause, (cs, subj_start, j, vg, intro))
        low = lows[j]
        if low not in _SUBJECT_MARKERS and not (apostrophe and low.endswith(("n't", "n’t"))):
            j += 1  # most words: part of the subject
            continue
        text = words[j]
        if text == "(" and j + 2 < n and words[j + 2] == ")":
            j += 3  # "The Open Society Institute (OSI) has": an acronym in brackets
            continue
        if text in {",", "-", "–", "—"}:
            # "Jensen Huang, Nvidia's chief executive, said", "the firm - now MCI - has":
            # skip the aside up to its closing mark.
            for k in range(j + 1, min(j + 15, n)):
                if words[k] == text:
                    vg = verb_group_at(sent, k + 1, after_comma=True) if k + 1 < n else None
                    if vg and words[k + 1] not in _CLAUSE_BREAKS:
                        return _new(Clause, (cs, subj_start, j, vg, intro))
                    break
                if words[k] in _CLAUSE_BREAKS:
                    break
            return None
        if low in _SUBJECT_STOP_WORDS or text in CLAUSE_BREAK_TOKENS or low.endswith(("n't", "n’t")):
            return None  # a clause, a full stop or a contraction ("won't") inside the subject
        if low == "as" and j + 1 < n and (lows[j + 1] in lx.FUNCTION_WORDS or words[j + 1][:1].isupper()):
            return None  # "a goal as the Bruins beat ...": a clause, not "his term as president"
        j += 1
    return None


_REPORTING_TRIGGERS = frozenset(("said", "says", "added", "warned", "believes", "believed", "thinks",
                                 "say", "think", "believe", "predict", "suggest", "expect", "show", "feel",
                                 "announced", "confirmed", "reported", "predicted", "expects", "expected",
                                 "claimed", "insisted", "argued", "admitted", "revealed", "estimated"))
_PLAIN_OBJECT_TRIGGERS = frozenset(("announced", "confirmed", "reported", "revealed", "estimated", "show",
                                    "expect", "expects", "expected"))
# The tokens clause_starts looks at. (", and" / ", but" are found at the conjunction, not at
# the comma: a sentence has many more commas than conjunctions.)
_START_TRIGGERS = _REPORTING_TRIGGERS | frozenset((";", "and", "but", "that", "who", "which"))


def clause_starts(sent: Sentence) -> list[int]:
    """Token indices where a clause may start: the sentence start, after a reporting verb
    (+ "that"), after a semicolon, and after ", and" / ", but"."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    starts = [0]
    for k in compress(range(n), map(_START_TRIGGERS.__contains__, lows)):
        low = lows[k]
        if low == "and" or low == "but":
            if k > 0 and words[k - 1] == ",":
                starts.append(k)  # ", and" / ", but"
            if low == "and" and k + 1 < n and words[k + 1].islower() \
                    and (vg := verb_group_at(sent, k + 1)) and vg.kind != "pres3":
                starts.append(k + 1)  # "and signed autographs": a second predicate, same subject
        elif low in _REPORTING_TRIGGERS:
            nxt = k + 1
            if nxt < n and lows[nxt] == "that":
                nxt += 1
            elif low in _PLAIN_OBJECT_TRIGGERS:
                continue  # these take plain objects too ("announced their support for ...")
            if nxt < n and words[nxt] not in _CLAUSE_BREAKS and words[nxt] != ".":
                starts.append(nxt)
        elif low == ";":
            starts.append(k + 1)
        elif low == "that":
            if k + 1 < n and (lows[k + 1] in lx.PRONOUN_SUBJECTS or lows[k + 1] in {"the", "its", "his", "her", "their"}
                              or words[k + 1][:1].isupper()):
                starts.append(k + 1)
        elif k >= 2 and words[k - 1] == "," and k + 1 < n and words[k - 2][:1].isupper():  # "who", "which"
            starts.append(k + 1)  # "Delta, which lost $646m, ...": a clause about the name before
    # (most sentences have no start but 0: no sort then)
    return starts if len(starts) == 1 else sorted(set(starts))


def inside_quote(words: list[str], k: int) -> bool:
    """True if token k sits inside double quotes (an odd number of quote marks before it)."""
    if k <= 0:
        return False  # (nothing before it)
    return sum(1 for w in words[:k] if w in _QUOTES) % 2 == 1


def is_clause_break(word: str) -> bool:
    return word in CLAUSE_BREAK_TOKENS  # (_CLAUSE_BREAKS and ".")


def is_question_or_quote_tail(text: str, quote_marks: list[int], n_tokens: int) -> bool:
    """A sentence that is itself a question, or the tail of a quote opened earlier, from its
    text and tokens (`quote_marks`: the indices of the tokens that are double quote marks):
    a double quote mark is always a token of its own, so they are all counted, and the last
    token holds the last visible character."""
    return "?" in text or (len(quote_marks) % 2 == 1 and quote_marks[-1] == n_tokens - 1)


def coordinated_clause(sent: Sentence, cs: int, earlier: list) -> Clause | None:
    """The clause of a second predicate "X greeted the crowd and signed autographs": the verb at
    cs with the subject of the nearest earlier clause whose verb comes before it."""
    words, lows = sent.words, sent.lowers
    if cs == 0 or lows[cs - 1] != "and":
        return None
    vg = verb_group_at(sent, cs)
    if vg is None or (vg.kind == "past" and cs + 1 < len(words) and lows[cs + 1] == "by"):
        return None  # "and hosted by Jonathan Ross": a passive participle, not a second verb
    for clause in reversed(earlier):
        if clause is not None and clause.verb.end < cs - 1:
            if any(w in {";", ":", ",", '"', "“", "”"} or low in {"who", "which", "that"}
                   or low in lx.SUBORDINATORS or low in lx.FINITE_AUX
                   for w, low in zip(words[clause.verb.end:cs - 1], lows[clause.verb.end:cs - 1])):
                return None  # another clause sits in between: its subject may be different
            return _new(Clause, (cs, clause.subj_start, clause.subj_end, vg, None))
    return None


def relative_clause(sent: Sentence, cs: int, name_span: tuple[int, int] | None) -> Clause | None:
    """"Delta, which lost $646m in the quarter, ...": the clause after "who"/"which" with the
    name before the comma as its subject (`name_span` = that name's token range)."""
    if name_span is None or cs < 3 or sent.lowers[cs - 1] not in {"who", "which"} or sent.words[cs - 2] != ",":
        return None
    if name_span[1] != cs - 2:
        return None
    vg = verb_group_at(sent, cs)
    if vg is None:
        return None
    return _new(Clause, (cs, name_span[0], name_span[1], vg, None))
