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
from typing import NamedTuple

from builder.qa import lexicon as lx
from builder.qa.text import Token, token_lower

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


@lru_cache(maxsize=1 << 16)  # pure: called for the same words over and over
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


@lru_cache(maxsize=1 << 16)
def s_lemma(word: str) -> str | None:
    """Lemma of a third-person present form of a listed verb ("says" -> "say")."""
    if not word.endswith("s") or len(word) < 4:
        return None
    for c in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""):
        if c and (c in _KNOWN_LEMMAS or c == "say"):
            return c
    return None


@lru_cache(maxsize=1 << 16)
def may_open_verb_group(word: str) -> bool:
    """Can a verb group start with this lower-case word: is it an adverb (listed or -ly) or a
    verb form verb_group_at knows? Most words are neither, and are rejected at once."""
    return (word in lx.PRE_VERB_ADVERBS or word.endswith("ly") or word in lx.FINITE_AUX
            or word in lx.IRREGULAR_PAST or word in _KNOWN_LEMMAS or ed_lemma(word) is not None
            or s_lemma(word) is not None)


def verb_group_at(toks: list[Token], j: int, after_comma: bool = False) -> VerbGroup | None:
    """A finite verb group starting at token j (optionally after adverbs), or None.
    `after_comma`: the subject ended in an aside ("Delta, which ..., was forced")."""
    n = len(toks)
    if j <= 0 or j >= n:
        return None
    first = toks[j]
    if not first.text.islower() and first.lower not in lx.PRE_VERB_ADVERBS:
        return None  # fast path: a verb group opens with a lower-case word (a verb or an adverb)
    if not may_open_verb_group(first.lower):
        return None
    prev = toks[j - 1]
    if not (after_comma and prev.text == ","):
        if prev.lower in _NOUN_CONTEXT or prev.text in _CLAUSE_BREAKS:
            return None
        if ("-" in prev.text or prev.text[:1].isdigit()) and toks[j].lower not in lx.FINITE_AUX:
            return None  # "a five-cent hit", "the 2004 cut": a noun, not a verb
    k = j
    while k < n and k - j < 2 and (toks[k].lower in lx.PRE_VERB_ADVERBS or (
            toks[k].lower.endswith("ly") and toks[k].text.islower() and len(toks[k].text) > 4
            and toks[k].lower not in ("only", "early", "family", "italy", "july", "supply", "apply", "reply"))):
        k += 1
    if k >= n:
        return None
    w = toks[k]
    if not w.text.isalpha() or not w.text.islower():
        return None
    adverbs = tuple(t.text for t in toks[j:k]) if k > j else ()
    if w.lower in lx.FINITE_AUX:
        m = k + 1
        while m < n and toks[m].lower in _AUX_TAIL and m - k < 4:
            m += 1
        main = ""
        cand = toks[m].lower if m < n and toks[m].text.isalpha() and toks[m].text.islower() else ""
        last_aux = toks[m - 1].lower
        if cand and cand not in lx.FUNCTION_WORDS:
            participle = cand.endswith(("ed", "en")) or cand in lx.IRREGULAR_PARTICIPLE_TO_PAST \
                or cand in lx.IRREGULAR_PAST
            if last_aux in ("has", "have", "had"):
                ok = participle  # "had winning performances" is not a verb group
            elif last_aux in lx.BE_FORMS or last_aux in ("been", "being", "be"):
                ok = participle or cand.endswith("ing")
            else:
                ok = cand in _KNOWN_LEMMAS or participle or cand.endswith("ing")
            if ok:
                main = cand
                m += 1
        tail = adverbs + tuple(t.text for t in toks[k + 1:m])
        if not main and w.lower in lx.DO_FORMS and m == k + 1:
            # "did their bit": "do" as the main verb, asked with do-support.
            kind = "past" if w.lower == "did" else "pres3" if w.lower == "does" else "pres"
            return VerbGroup(j, k + 1, kind, w.lower, adverbs + ("do",), "do", w.lower)
        if not main and w.lower in lx.HAVE_FORMS and m == k + 1:
            # "has operations in 14 countries": possession, asked with do-support.
            head = {"has": "does", "have": "do", "had": "did"}[w.lower]
            kind = "past" if w.lower == "had" else "pres3" if w.lower == "has" else "pres"
            return VerbGroup(j, k + 1, kind, head, adverbs + ("have",), "have", w.lower)
        return VerbGroup(j, m, "aux", w.lower, tail, "", main)
    nxt = toks[k + 1] if k + 1 < n else None
    if nxt is not None and nxt.lower in lx.FINITE_AUX:
        return None  # "the revised figures were": the -ed word is an adjective
    if w.lower in lx.IRREGULAR_PAST:
        lemma = lx.IRREGULAR_PAST[w.lower]
        return VerbGroup(j, k + 1, "past", "did", adverbs + (lemma,), lemma, w.lower)
    lemma = ed_lemma(w.lower)
    if lemma:
        return VerbGroup(j, k + 1, "past", "did", adverbs + (lemma,), lemma, w.lower)
    if (w.lower in _KNOWN_LEMMAS and prev.lower.endswith("s")
            and (w.lower not in _NOUN_LIKE_LEMMAS or (nxt is not None and nxt.lower in ("to", "that")))
            and not prev.lower.endswith(("ss", "'s", "’s")) and prev.text.isalpha()
            and (nxt is None or nxt.lower in _PLURAL_VERB_FOLLOWERS)):
        # "Analysts believe that", "The tobacco companies deny": plural present.
        return VerbGroup(j, k + 1, "pres", "do", adverbs + (w.lower,), w.lower, w.lower)
    lemma = s_lemma(w.lower)
    if lemma and (prev.text[:1].isalpha() or after_comma) and not (
            nxt is not None and (nxt.lower.endswith("ed") or nxt.lower in lx.IRREGULAR_PAST
                                 or nxt.text in (",", ")") or (nxt.lower in _KNOWN_LEMMAS
                                                               and nxt.text.islower())
                                 or nxt.lower in ("including", "which", "who", "such")
                                 or (j == 1 and prev.text[:1].isupper() and nxt.text[:1].isupper()))):
        # "Time Warner shares rose": an -s word followed by a verb is a noun.
        return VerbGroup(j, k + 1, "pres3", "does", adverbs + (lemma,), lemma, w.lower)
    return None


def _finite_verb_follows(toks: list[Token], k: int) -> bool:
    """Is there a finite verb within the next 8 tokens, before any clause break?"""
    for m in range(k, min(k + 8, len(toks))):
        t = toks[m]
        if is_clause_break(t) or t.lower in ("that", "which", "who", "and", "but") or t.lower in lx.SUBORDINATORS:
            return False
        if t.text.islower() and (t.lower in lx.FINITE_AUX or t.lower in lx.IRREGULAR_PAST
                                 or (t.lower.endswith("ed") and ed_lemma(t.lower))):
            if t.lower not in lx.FINITE_AUX and m + 1 < len(toks) and toks[m + 1].lower == "by":
                continue  # "a round led by X": a participle with its agent, not a finite verb
            return True
    return False


def _skip_connectors(toks: list[Token], i: int) -> int:
    n = len(toks)
    while i < n and toks[i].lower in lx.LEADING_CONNECTORS:
        i += 1
        if i < n and toks[i].text == ",":
            i += 1
    return i


_INTRO_OPENERS = lx.PREPOSITIONS | lx.SUBORDINATORS | lx.LEADING_CONNECTORS | frozenset(
    "last earlier this even next yet once still".split())
_TIME_NOUNS = frozenset("year week month day weekend season quarter century decade".split())


def _intro_adjunct(toks: list[Token], i: int) -> tuple[int, int] | None:
    """An introductory phrase closed by a comma: "In 2004,", "Even so,", "As soon as 2018,",
    "Opening his defence,". Also a bare time phrase "Last year" (returned as (i, i + 1) with
    the comma position standing for its last token)."""
    n = len(toks)
    if i >= n:
        return None
    first = toks[i]
    opener = first.lower in _INTRO_OPENERS or first.lower.endswith("ly") or (
        first.lower.endswith("ing") and first.text[:1].isupper())
    if opener:
        for k in range(i + 1, min(i + 13, n)):
            if toks[k].text == ",":
                return (i, k)
            if toks[k].text in _CLAUSE_BREAKS:
                return None
    if first.lower in ("last", "this", "next", "earlier", "later") and i + 1 < n \
            and toks[i + 1].lower in _TIME_NOUNS and i + 2 < n and toks[i + 2].text != ",":
        return (i, i + 1)
    return None


_PARTICIPLE_OR_AUX = frozenset(("having", "being")) | lx.FINITE_AUX
# Words that end a subject: a subordinator ("as" is checked apart) or a relative word.
_SUBJECT_STOP_WORDS = (lx.SUBORDINATORS - {"as"}) | frozenset(("that", "which", "who", "whose", "whom"))
_BREAKS_AND_FULL_STOP = _CLAUSE_BREAKS | {"."}


def parse_clause(toks: list[Token], cs: int) -> Clause | None:
    """Subject and finite verb group of the clause starting at token cs."""
    n = len(toks)
    i = _skip_connectors(toks, cs)
    intro = _intro_adjunct(toks, i)
    if intro:
        i = intro[1] + 1
        i = _skip_connectors(toks, i)
    subj_start = i
    if i < n and (toks[i].lower in ("no", "none", "nothing", "nobody", "neither")
                  or (toks[i].lower.endswith("ly") and len(toks[i].text) >= 5 and i + 1 < n
                      and toks[i + 1].text.islower())):
        return None  # "no complaint had been made": a negated subject cannot be asked about
    if i < n and toks[i].text[:1].isupper() and toks[i].lower in _IMPERATIVES:
        return None  # "Start by clearing out ...": an imperative has no subject to ask about
    approximate_count = i + 1 < n and toks[i].lower in ("about", "around", "over", "under", "some", "nearly",
                                                        "almost", "roughly") \
        and (toks[i + 1].text[:1].isdigit() or toks[i + 1].lower in lx.NUMBER_WORDS)
    if i >= n or (toks[i].lower in lx.SUBORDINATORS or toks[i].lower in lx.PREPOSITIONS) and not approximate_count \
            or toks[i].text in _CLAUSE_BREAKS or toks[i].lower in lx.FINITE_AUX \
            or toks[i].lower in _WH_WORDS or not toks[i].text[:1].isalnum():
        return None
    j = i
    while j < n and j - subj_start <= 10:
        t = toks[j]
        if j > subj_start:
            vg = verb_group_at(toks, j)
            if vg and vg.kind == "past" and vg.main.endswith("ed") and _finite_verb_follows(toks, vg.end):
                vg = None  # "the goods intercepted at the border increased": a reduced relative
            if vg:
                subj = toks[subj_start:j]
                words = list(map(token_lower, subj))
                if not _PARTICIPLE_OR_AUX.isdisjoint(words):
                    # "having", "being": a long or participial "subject" means the real verb was
                    # missed; so does an auxiliary: "Claims ... was a tool used"
                    return None
                if (subj[0].lower.endswith("ing") and subj[0].text.islower()) or ("to" in words and any(
                        t == "to" and u in _KNOWN_LEMMAS for t, u in zip(words, words[1:]))):
                    return None  # "failing to investigate ...": a clause as subject
                if ("last" in words or "next" in words) and any(
                        t in ("last", "next") and u in _TIME_NOUNS for t, u in zip(words, words[1:])):
                    return None  # "dealers last year sold": a time phrase inside the subject
                if len(subj) == 1 and vg.kind == "past" and vg.main.endswith("ed") and subj[0].lower.endswith("s") \
                        and j + 1 < n and toks[j + 1].lower in lx.PREPOSITIONS:
                    return None  # "Rules introduced in 2002 demand ...": a reduced relative
                if len(subj) > 1 and not _SUBJECT_BREAKERS.isdisjoint(words):
                    return None  # "posters say Britain", "Here in Cambridge we": not one phrase
                if j - subj_start == 1 and toks[subj_start].lower in ("it", "there") and (
                        vg.main in _EXPLETIVE_VERBS or vg.head in ("is", "was")
                        or vg.lemma in ("take", "seem", "appear", "remain", "emerge")):
                    return None
                return Clause(cs, subj_start, j, vg, intro)
        text, low = t.text, t.lower
        if text == "(" and j + 2 < n and toks[j + 2].text == ")":
            j += 3  # "The Open Society Institute (OSI) has": an acronym in brackets
            continue
        if text in (",", "-", "–", "—"):
            # "Jensen Huang, Nvidia's chief executive, said", "the firm - now MCI - has":
            # skip the aside up to its closing mark.
            for k in range(j + 1, min(j + 15, n)):
                if toks[k].text == t.text:
                    vg = verb_group_at(toks, k + 1, after_comma=True) if k + 1 < n else None
                    if vg and toks[k + 1].text not in _CLAUSE_BREAKS:
                        return Clause(cs, subj_start, j, vg._replace(start=vg.start), intro)
                    break
                if toks[k].text in _CLAUSE_BREAKS:
                    break
            return None
        if low in _SUBJECT_STOP_WORDS or text in _BREAKS_AND_FULL_STOP or low.endswith(("n't", "n’t")):
            return None  # a clause, a full stop or a contraction ("won't") inside the subject
        if low == "as" and j + 1 < n and (toks[j + 1].lower in lx.FUNCTION_WORDS or toks[j + 1].text[:1].isupper()):
            return None  # "a goal as the Bruins beat ...": a clause, not "his term as president"
        j += 1
    return None


_START_TRIGGERS = frozenset([";", ",", "and", "that", "who", "which", "said", "says", "added", "warned", "believes",
                            "believed", "thinks", "say", "think", "believe", "predict", "suggest",
                            "expect", "show", "feel", "announced", "confirmed", "reported",
                            "predicted", "expects", "expected", "claimed", "insisted", "argued",
                            "admitted", "revealed", "estimated"])


_REPORTING_TRIGGERS = frozenset(("said", "says", "added", "warned", "believes", "believed", "thinks",
                                 "say", "think", "believe", "predict", "suggest", "expect", "show", "feel",
                                 "announced", "confirmed", "reported", "predicted", "expects", "expected",
                                 "claimed", "insisted", "argued", "admitted", "revealed", "estimated"))
_PLAIN_OBJECT_TRIGGERS = frozenset(("announced", "confirmed", "reported", "revealed", "estimated", "show",
                                    "expect", "expects", "expected"))


def clause_starts(toks: list[Token]) -> list[int]:
    """Token indices where a clause may start: the sentence start, after a reporting verb
    (+ "that"), after a semicolon, and after ", and" / ", but"."""
    starts = [0]
    for k in compress(range(len(toks)), map(_START_TRIGGERS.__contains__, map(token_lower, toks))):
        t = toks[k]
        if t.text == ";" or (t.text == "," and k + 1 < len(toks) and toks[k + 1].lower in ("and", "but")):
            starts.append(k + 1)
        elif t.lower in _REPORTING_TRIGGERS:
            nxt = k + 1
            if nxt < len(toks) and toks[nxt].lower == "that":
                nxt += 1
            elif t.lower in _PLAIN_OBJECT_TRIGGERS:
                continue  # these take plain objects too ("announced their support for ...")
            if nxt < len(toks) and toks[nxt].text not in _CLAUSE_BREAKS and toks[nxt].text != ".":
                starts.append(nxt)
        elif t.lower in ("who", "which") and k >= 2 and toks[k - 1].text == "," and k + 1 < len(toks) \
                and toks[k - 2].text[:1].isupper():
            starts.append(k + 1)  # "Delta, which lost $646m, ...": a clause about the name before
        elif t.lower == "and" and k + 1 < len(toks) and toks[k + 1].text.islower() \
                and (vg := verb_group_at(toks, k + 1)) and vg.kind != "pres3":
            starts.append(k + 1)  # "and signed autographs": a second predicate, same subject
        elif t.lower == "that" and k + 1 < len(toks) and (
                toks[k + 1].lower in lx.PRONOUN_SUBJECTS or toks[k + 1].lower in ("the", "its", "his", "her", "their")
                or toks[k + 1].text[:1].isupper()):
            starts.append(k + 1)
    return sorted(set(starts))


def inside_quote(toks: list[Token], k: int) -> bool:
    """True if token k sits inside double quotes (an odd number of quote marks before it)."""
    if k <= 0:
        return False  # (nothing before it)
    return sum(1 for t in toks[:k] if t.text in _QUOTES) % 2 == 1


def is_clause_break(tok: Token) -> bool:
    return tok.text in _BREAKS_AND_FULL_STOP  # (_CLAUSE_BREAKS and ".")


def is_question_or_quote_tail(toks: list[Token]) -> bool:
    """A sentence that is itself a question, or the tail of a quote opened earlier."""
    texts = [t.text for t in toks]
    if "?" in texts:
        return True
    quotes = [k for k, t in enumerate(texts) if t in _QUOTES]
    return bool(quotes) and len(quotes) % 2 == 1 and texts[-1] in _QUOTES


def is_question_or_quote_tail_text(text: str) -> bool:
    """is_question_or_quote_tail(tokenize(text)) without the tokens: "?" and the double quote
    marks are always tokens of their own, and the last token holds the last visible character."""
    if "?" in text:
        return True
    quotes = text.count('"') + text.count("“") + text.count("”")
    return quotes % 2 == 1 and text.rstrip()[-1:] in _QUOTES


def coordinated_clause(toks: list[Token], cs: int, earlier: list) -> Clause | None:
    """The clause of a second predicate "X greeted the crowd and signed autographs": the verb at
    cs with the subject of the nearest earlier clause whose verb comes before it."""
    if cs == 0 or toks[cs - 1].lower != "and":
        return None
    vg = verb_group_at(toks, cs)
    if vg is None or (vg.kind == "past" and cs + 1 < len(toks) and toks[cs + 1].lower == "by"):
        return None  # "and hosted by Jonathan Ross": a passive participle, not a second verb
    for clause in reversed(earlier):
        if clause is not None and clause.verb.end < cs - 1:
            between = toks[clause.verb.end:cs - 1]
            if any(t.text in (";", ":", ",", '"', "“", "”") or t.lower in ("who", "which", "that")
                   or t.lower in lx.SUBORDINATORS or t.lower in lx.FINITE_AUX for t in between):
                return None  # another clause sits in between: its subject may be different
            return Clause(cs, clause.subj_start, clause.subj_end, vg, None)
    return None


def relative_clause(toks: list[Token], cs: int, name_span: tuple[int, int] | None) -> Clause | None:
    """"Delta, which lost $646m in the quarter, ...": the clause after "who"/"which" with the
    name before the comma as its subject (`name_span` = that name's token range)."""
    if name_span is None or cs < 3 or toks[cs - 1].lower not in ("who", "which") or toks[cs - 2].text != ",":
        return None
    if name_span[1] != cs - 2:
        return None
    vg = verb_group_at(toks, cs)
    if vg is None:
        return None
    return Clause(cs, name_span[0], name_span[1], vg, None)
