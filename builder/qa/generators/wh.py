"""Wh-questions by answer type, rebuilt around the predicate.

For an answer inside the predicate, the wh-phrase that fits its type goes to the front and the
auxiliary is inverted ("Nvidia announced a chip on Monday" -> "When did Nvidia announce a
chip?"); everything after the answer is dropped, so the question asks rather than copies. For a
name that is the subject, the question keeps the verb and a trimmed predicate ("Which company
announced a chip?"). A passive with a by-agent is turned active ("The song was written by Mike
Read" -> "Who wrote the song?").
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from builder.qa import lexicon as lx
from builder.qa.clause import CLAUSE_BREAK_TOKENS
from builder.qa.clause import (NEGATIONS, Clause, _finite_verb_follows, ed_lemma,
                               is_clause_break, verb_group_at)
from builder.qa.doc import Doc, Sentence
from builder.qa.entities import Entity
from builder.qa.registry import Candidate, register_generator
from builder.qa.text import WORD_CACHE_SIZE, capitalise_first

_CLAUSE_SUBJECTS = frozenset("he she they we i".split())
_CALENDAR_WORDS = frozenset(w.lower() for w in (*lx.WEEKDAYS, *lx.MONTHS)) - {"may", "march"}
_REPORTED = frozenset("said says reported announced confirmed added told revealed claimed".split())
_QUANTIFIERS = frozenset("many some most others all both few several each another either neither".split())
_CONTRACTIONS = ("’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")
NUMERIC_TYPES = frozenset(("money", "percent", "quantity", "number", "duration"))
_APPROXIMATORS_1 = frozenset("about around nearly almost some roughly approximately over under "
                             "just estimated above below".split())
_APPROXIMATORS_2 = frozenset([("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to"),
                              ("at", "least"), ("just", "over"), ("just", "under"),
                              ("an", "estimated")])
_BETWEEN_STOP = frozenset("that which who whom whose because while although though but when "
                          "where if as after before since and or whereas unlike".split())
_NP_BLOCKERS = frozenset("too very so halfway ahead abroad home together again instead yet "
                         "whereas rather much less more most least hardest".split())
_PREDICATE_STOP = frozenset("that which who whom whose because while although though but when "
                            "where if as after before since and or despite how what why whether".split())
# Words that show the answer is inside a larger noun phrase ("its $4.5bn acquisition").
_NP_INTERNAL = frozenset("the a an its his her their our my your this that these those next last "
                         "past first other another each every 's ’s final previous coming recent "
                         "initial remaining earlier later early late".split())
_VERB_LEMMAS = lx.REGULAR_VERBS | frozenset(lx.IRREGULAR_PAST.values())
_ON_ARGUMENT_LEMMAS = frozenset("bet betting focus rely depend agree decide comment insist "
                                 "concentrate vote count call spend work".split())
_DURATION_LEMMAS = frozenset("last take spend serve wait run remain stay live work continue".split())
_RESULT_VERBS = frozenset("beat defeat win lose edge thrash overcome draw trail lead outclass "
                          "crush".split())
_TEAM_VERBS = _RESULT_VERBS | {"play", "face", "meet", "host", "join"}
_SPEECH_VERBS = frozenset("said says told tells added adds".split())
_SPEECH_LEMMAS = frozenset("say tell add warn claim insist argue admit".split())
_ORG_WH = {"company": "Which company", "club": "Which club", "party": "Which party",
           "team": "Which team", "side": "Which team", "organisation": "Which organisation"}
_PLACE_WH = {"country": "Which country", "city": "Which city", "region": "Which region"}
_PRONOUN_MATCH = {"it": ("organisation",), "he": ("person",), "she": ("person",),
                  "they": ("organisation",)}


# ---------------------------------------------------------------- subject and spans

def answer_span(sent: Sentence, ent: Entity) -> tuple[int, int]:
    """Token range of the answer, widened over approximators ("more than $5m") for numbers."""
    a, b = sent.token_span[ent]
    lows = sent.lowers
    if ent.type in NUMERIC_TYPES:
        if a >= 2 and (lows[a - 2], lows[a - 1]) in _APPROXIMATORS_2:
            return a - 2, b
        if a >= 1 and lows[a - 1] in _APPROXIMATORS_1 and lows[a - 1] != "just":
            return a - 1, b
    return a, b


def is_coordinated(sent: Sentence, a: int, b: int) -> bool:
    """Is the answer one item of a list ("Carr and Finnan")? Then it would be incomplete."""
    lows = sent.lowers
    after = lows[b] if b < len(lows) else ""
    before = lows[a - 1] if a > 0 else ""
    if after in {"and", "&", "or", "/"} or before in {"and", "&", "or", "/"}:
        return True
    if after == "," and b + 1 < len(lows) and sent.words[b + 1][:1].isupper() \
            and any(sent.token_span[e][0] == b + 1 for e in sent.entities):
        return True
    return False


def subject_text(doc: Doc, sent: Sentence, clause: Clause) -> str:
    words, lows = sent.words, sent.lowers
    a = clause.subj_start
    first, first_low = words[a], lows[a]
    text = sent.span_text(a, clause.subj_end)
    sentence_initial = a == 0 or (a == 1 and words[0] in {'"', "“", "‘"})
    name_follows = a + 1 < clause.subj_end and words[a + 1][:1].isupper() \
        and lows[a + 1] not in lx.FUNCTION_WORDS \
        and first_low not in lx.FUNCTION_WORDS and first_low not in {"a", "an", "the"}
    # A lone capitalised subject never seen in lower case is a name ("Gere greeted ..."),
    # unless it looks like a plural noun ("Shares rose").
    lone_name = clause.subj_end - a == 1 and first_low not in doc.lower_words \
        and not first_low.endswith("s") and first_low not in lx.FUNCTION_WORDS \
        and first_low not in lx.ROLE_WORDS
    if sentence_initial and not doc.is_proper(first, first_low, True) and not _starts_entity(sent, a) \
            and not name_follows and not lone_name:
        text = first.lower() + text[len(first):]
    return text


def _starts_entity(sent: Sentence, k: int) -> bool:
    return any(sent.token_span[e][0] == k for e in sent.entities
               if e.type in {"person", "organisation", "place"})


def _entity_at(sent: Sentence, a: int, b: int) -> Entity | None:
    for e in sent.entities:
        if sent.token_span[e] == (a, b):
            return e
    return None


def resolved_subject(doc: Doc, sent: Sentence, clause: Clause) -> tuple[str, bool] | None:
    """Subject text for the question, and whether it is still a bare pronoun. A pronoun subject
    of a reported clause is replaced by the reporting subject ("Time Warner said it owns")."""
    words, lows = sent.words, sent.lowers
    a, b = clause.subj_start, clause.subj_end
    if any(low.endswith(_CONTRACTIONS) or (low in _REPORTED and w.islower())
           for w, low in zip(words[a:b], lows[a:b])):
        return None  # "You’re promise", "Police reported 5,000 people": not one noun phrase
    if a >= 2 and lows[a - 1] in {"and", "or"} and words[a - 2] != "," and clause.start == a:
        return None  # "His friends and loved ones held ...": only half of the subject was read
    if b - a > 1 and words[b - 1].islower() and lows[b - 1].endswith("ed") and ed_lemma(lows[b - 1]):
        return None  # "Its lowered (forecast cut ...)": the subject lost its noun to the verb
    if b - a == 1:
        word = lows[a]
        if word in {"we", "i", "you", "this", "that", "there", "these", "those", "one"} or word in _QUANTIFIERS \
                or word in _POSSESSIVE_DETS and word != "her":
            return None  # "What have many made?": who is meant is left unsaid
        if word in lx.PRONOUN_SUBJECTS or word in {"him", "her", "them"}:
            if clause.start > 0 and clause.verb.kind in {"past", "pres3"} or clause.verb.head in lx.MODALS:
                matrix = _reporting_clause(doc, sent, clause.start)
                if matrix:
                    replacement = _antecedent(doc, sent, matrix, word)
                    if replacement:
                        if word == "they" and clause.verb.kind == "pres3":
                            return None
                        return replacement, False
            if word in {"he", "she", "it"}:
                name = previous_name(doc, sent, clause.subj_start, "person" if word != "it" else "organisation")
                if name:
                    return name, False
            return None  # a bare pronoun makes the question vague out of its context
    return subject_text(doc, sent, clause), False


def previous_name(doc: Doc, sent: Sentence, before: int, kind: str = "person") -> str | None:
    """The one person a "he"/"she" at token `before` can stand for (the one organisation for
    "it", kind="organisation"): the only one named earlier in the sentence, else in the nearest
    of the two sentences before that names any, else (people only) the only person the article
    named so far. Names sharing their last word count as one."""
    def people(s: Sentence, limit: int | None) -> dict:
        found: dict = {}
        for e in s.entities:
            if e.type != kind or (limit is not None and s.token_span[e][1] > limit):
                continue
            name = doc.text[e.start:e.end]
            last = name.split()[-1]
            if len(name) > len(found.get(last, "")):
                found[last] = name
        return found

    found = people(sent, before)
    if not found:
        for back in (1, 2):
            i = sent.index - back
            if i < 0:
                break
            found = people(doc.sentences[i], None)
            if found:
                break
    if not found and kind == "person":
        # Nobody named just before: the article's only person so far, if it has one.
        for s in doc.sentences[:sent.index]:
            for last, name in people(s, None).items():
                if len(name) > len(found.get(last, "")):
                    found[last] = name
            if len(found) > 1:
                return None
    return next(iter(found.values())) if len(found) == 1 else None


def _reporting_clause(doc: Doc, sent: Sentence, cs: int) -> Clause | None:
    """The clause whose verb introduces the clause at cs ("Russia has said (that) it ...")."""
    for s in reversed([s for s in doc.clause_starts(sent) if s < cs]):
        clause = doc.clause(sent, s)
        if clause is not None and 0 <= cs - clause.verb.end <= 5:
            gap = range(clause.verb.end, cs)
            if all(sent.words[k][:1].isalnum() and sent.lowers[k] not in lx.FINITE_AUX for k in gap):
                return clause  # "said on Friday that it ...": only an adjunct and "that" between
    return None


def _antecedent(doc: Doc, sent: Sentence, matrix: Clause, pronoun: str) -> str | None:
    """The reporting subject a pronoun stands for ("Monsanto said it accepted ..."): a person
    entity for he/she; for it/they a short non-pronoun subject that is not a person."""
    ent = _entity_at(sent, matrix.subj_start, matrix.subj_end)
    if pronoun in {"he", "she"}:
        return doc.text[ent.start:ent.end] if ent and ent.type == "person" else None
    if ent is not None and ent.type == "person":
        return None
    size = matrix.subj_end - matrix.subj_start
    if size > 4 or sent.lowers[matrix.subj_start] in lx.PRONOUN_SUBJECTS:
        return None
    plural = sent.lowers[matrix.subj_end - 1].endswith("s")
    if pronoun == "they" and not plural and not (ent and ent.type == "organisation"):
        return None
    if pronoun == "it" and plural and not ent:
        return None
    return subject_text(doc, sent, matrix)


def _inverted(clause: Clause, subject: str) -> str:
    vg = clause.verb
    return " ".join([vg.head, subject, *vg.tail]).strip()


def predicate_text(doc: Doc, sent: Sentence, start: int, limit: int = 8,
                   allow_clause: bool = False) -> tuple[str, int] | None:
    """`allow_clause`: a reported clause may follow the verb ("said the plans would ..."); it
    must then end exactly at a clause break, never be trimmed."""
    """The predicate after the verb up to the first clause break (at most `limit` tokens),
    without dangling function words at its end. Returns (text, tokens used)."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    k = start
    while k < n and k - start < limit and words[k] not in CLAUSE_BREAK_TOKENS and lows[k] not in _PREDICATE_STOP:
        if lows[k] in lx.FINITE_AUX and not allow_clause:
            return None  # "the direction New Labour should be taking": a clause inside
        k += 1
    if k - start >= limit and k < n and not is_clause_break(words[k]):
        # Cut off mid-phrase: end before the last preposition (not "of") instead, if that
        # still leaves a real predicate; a reported clause must not be cut at all.
        cut = max((m for m in range(start + 2, k) if lows[m] in lx.PREPOSITIONS
                   and lows[m] != "of" and not (
                       lows[m] == "to" and m + 1 < n and lows[m + 1] in _VERB_LEMMAS)),
                  default=None)  # never before "of", nor before an infinitive "to win"
        if cut is None or cut - start < 4 or allow_clause:
            return None
        k = cut
    end = k
    while k > start and (lows[k - 1] in lx.FUNCTION_WORDS or words[k - 1] in {"'s", "’s"}
                         or (words[k - 1].islower() and k - 1 > start
                             and (ed_lemma(lows[k - 1]) or ing_lemma(lows[k - 1])
                                  or lows[k - 1] in lx.IRREGULAR_PARTICIPLE_TO_PAST))):
        k -= 1  # no dangling "the", "of", or participle ("the slot filled", "saying")
    if allow_clause and (k != end or (k < n and (
            lows[k] in {"and", "or", "but", "than", "as", "when", "if", "unless", "until", "after", "before",
                        "because", "while", "since", "where"} or words[k] in {'"', "“", "”", "'", "‘", "’", "(", "-"}
            or (not is_clause_break(words[k]) and lows[k] not in _PREDICATE_STOP)))):
        return None  # "said it did not know yet what its exposure", "said X would draw": cut short
    if k == start:
        return "", 0
    last, last_low = words[k - 1], lows[k - 1]
    if (len(last) == 1 and last.isupper()) or (
            last_low in _VERB_LEMMAS and k - 2 >= start and lows[k - 2] == "to"
            and (last_low in lx.REPORTING_VERBS or last_low in _CLAUSE_OBJECT_LEMMAS)):
        return None  # "the Philip K(. Dick award)", "tried to suggest (that ...)": cut short
    if k < n and words[k] in {"'s", "’s", '"', "“", "‘"}:
        return None  # "at last week('s hearing)", "called X (“stunning”)": cut short
    if k + 1 < n and lows[k] in {"and", "or"} and words[k + 1].islower() \
            and lows[k + 1] not in lx.FUNCTION_WORDS and not verb_group_at(sent, k + 1):
        return None  # "the testimony of four national security (and diplomatic officials)": cut short
    return sent.span_text(start, k), k - start


# ---------------------------------------------------------------- wh-phrases by type

def _of_phrase(doc: Doc, sent: Sentence, b: int) -> str | None:
    """'of NP' right after a percentage, for "What share of NP"."""
    words, lows = sent.words, sent.lowers
    if b >= len(words) or lows[b] != "of":
        return None
    k = b + 1
    while k < len(words) and k - b <= 5 and not is_clause_break(words[k]) \
            and lows[k] not in lx.PREPOSITIONS and lows[k] not in _PREDICATE_STOP:
        k += 1
    if k == b + 1:
        return None
    return sent.span_text(b, k)


def wh_phrase(doc: Doc, sent: Sentence, ent: Entity, b: int, prep: str | None,
              lemma: str) -> tuple[str, str | None] | None:
    """(fronted wh-phrase, preposition to strand at the end or None) for an object answer;
    None when no phrase fits the type and its preposition."""
    t = ent.type
    if t == "date":
        table = {"on": "When", "in": "When", "at": "When", "during": "When", None: "When",
                 "by": "By when", "since": "Since when", "until": "Until when"}
        return (table[prep], None) if prep in table else None
    if t == "year":
        table = {"in": "In which year", "since": "Since which year", "by": "By which year",
                 "until": "Until which year", "before": "Before which year",
                 "after": "After which year", "from": "From which year", "during": "In which year"}
        return (table[prep], None) if prep in table else None
    if t == "time":
        minute = b < len(sent.lowers) and sent.lowers[b] in {"minute", "min"}
        if minute:
            return ("In which minute", None) if prep == "in" else None
        table = {"at": "At what time", "by": "By what time", "until": "Until what time"}
        return (table[prep], None) if prep in table else None
    if t == "score":
        if prep == "by" or (prep is None and lemma in _RESULT_VERBS):
            return "By what score", None
        return None
    if t == "duration":
        if prep is None and lemma not in _DURATION_LEMMAS:
            return None  # "dominated 2 years of my life" is not a length of time to ask about
        table = {"for": "For how long", None: "How long"}
        return (table[prep], None) if prep in table else None
    if t == "money":
        if prep == "by" or (prep is None and lemma in lx.CHANGE_VERBS and lemma not in {"raise", "cut", "lose", "gain", "boost", "reduce"}):
            return "By how much", None
        if prep is None:
            return "How much", None
        if prep == "for":
            return "For how much", None
        if prep in {"to", "from", "at", "with", "on"}:
            return "How much", prep
        return None
    if t == "percent":
        of = _of_phrase(doc, sent, b)
        if of and prep is None and lemma not in lx.CHANGE_VERBS:
            return f"What share {of}", None
        if prep == "by" or (prep is None and lemma in lx.CHANGE_VERBS):
            return "By how much", None
        if prep in {"to", "from"} and lemma in lx.CHANGE_VERBS:
            return "What percentage", prep
        return None
    if t in {"number", "quantity"}:
        unit = ent.info
        if not unit:
            return None
        if prep is None:
            return f"How many {unit}", None
        if prep == "by":
            return f"By how many {unit}", None
        if prep in {"to", "from", "with", "for", "in", "on", "against"}:
            return f"How many {unit}", prep
        return None
    if t in {"place", "organisation"} and prep is None and lemma in _TEAM_VERBS:
        return "Which team", None  # "Chelsea beat Liverpool": a club, not a city
    if t == "place":
        if prep in {"in", "at"}:
            return "Where", None
        if prep == "to":
            return "Where", None
        if prep == "from":
            return "Where", "from"
        if prep is None and ent.info in _PLACE_WH:
            return _PLACE_WH[ent.info], None
        return None
    if t == "person":
        if prep is None:
            return "Who", None
        if prep in {"to", "with", "for", "against", "from", "by", "about"}:
            return "Who", prep
        return None
    if t == "organisation":
        wh = _ORG_WH.get(ent.info, "Which organisation")
        if prep is None:
            return wh, None
        if prep in {"to", "with", "for", "against", "from", "by", "at", "in", "into", "on"}:
            return wh, prep
        return None
    return None


# ---------------------------------------------------------------- question builders

def object_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                    ) -> tuple[str, tuple] | None:
    """Question for an answer after the verb (or in an introductory adjunct)."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail):
        return None  # "Where is the musical not expected?" reads oddly and asks little
    # (The subject is resolved last, once every cheaper check has passed: most answers fail one.)
    if clause.intro and clause.intro[0] <= a and b <= clause.intro[1] + 1:
        if a == clause.intro[0] and ent.type == "date" and b in (clause.intro[1], clause.intro[1] + 1):
            prep = None  # "Last year, ..." / "Last year it made ...": the whole opener is the answer
        else:
            if a != clause.intro[0] + 1 or b != clause.intro[1]:
                return None
            prep = lows[clause.intro[0]]
            if prep not in lx.PREPOSITIONS or ent.type not in {"date", "year", "time", "place"}:
                return None  # "With IPTV, the speed is ...": only when/where adjuncts open a sentence
        pred = predicate_text(doc, sent, vg.end)
        if pred is None:
            return None
        middle = pred[0]
        strand_ok = True
    elif a >= vg.end:
        # The tokens between the verb and the answer, texts and lower case.
        bw, bl = words[vg.end:a], lows[vg.end:a]
        prep = None
        if ent.type == "time" and len(bl) >= 2 and bl[-1] == "the":
            bw, bl = bw[:-1], bl[:-1]  # "in the 89th minute"
        if bl and bl[-1] in lx.PREPOSITIONS:
            prep = bl[-1]
            bw, bl = bw[:-1], bl[:-1]
        if len(bl) > 10 or any(map(CLAUSE_BREAK_TOKENS.__contains__, bw)) or not _BETWEEN_STOP.isdisjoint(bl):
            return None
        if not _CLAUSE_SUBJECTS.isdisjoint(bl) or "it" in bl[1:] or "you" in bl[1:]:
            return None  # "waiting for a commission he appointed in February": a relative clause
        if bl and bl[-1] in _NP_INTERNAL and (prep is None or bl[-1] in {"earlier", "later", "early", "late"}):
            return None  # "complete its $4.5bn acquisition": the answer is inside a phrase
        if bl and (any((not w.isalpha() and any(ch.isdigit() for ch in w)) or low in lx.IRREGULAR_PAST
                       or low in lx.FINITE_AUX or low in lx.NUMBER_WORDS for w, low in zip(bw, bl)) or any(
                t == "to" and u in _VERB_LEMMAS for t, u in zip(bl[1:], bl[2:]))):
            # (an infinitive right after the verb is fine: "is forecast to grow by 3.5%")
            return None  # another number or a second verb in between makes a clumsy question
        if ent.type in {"date", "year", "time", "place"} and len(bl) > 1 and any(
                w.islower() and low.endswith("ed") and before not in lx.FUNCTION_WORDS
                for before, w, low in zip(bl, bw[1:], bl[1:])):
            return None  # "plans agreed in Lisbon in 2000": the date belongs to the participle
        if ent.type in {"date", "year"} and len(bl) >= 6 and sum(low in lx.PREPOSITIONS for low in bl) >= 2:
            return None  # "growth for the trade-driven economy in 2005": the year may qualify the noun
        if bl and bl[-1] in {"it", "them", "him", "her"} and ent.type in NUMERIC_TYPES:
            return None  # "made it 13 wins": an idiom, not an object
        if bl and prep is None and ent.type in {"number", "quantity", "percent", "money"} \
                and not (len(bl) == 1 and bl[0] in {"up", "down"}):
            return None  # "boost speeds up to 75 megabits": the object is the other phrase
        if bl and any(w.islower() and ing_lemma(low) for w, low in zip(bw, bl)):
            return None  # "led the race going into the ceremony with": a clause inside
        if ent.type == "date" and prep == "on" and not bl and (vg.lemma or vg.main) in _ON_ARGUMENT_LEMMAS:
            return None  # "betting on 5 May": the date is what is bet on, not when
        if ent.type == "date" and ent.confidence < 0.8 and (len(bl) > 4 or not lx.PREPOSITIONS.isdisjoint(bl)):
            return None  # "a strike earlier this year": a relative date may qualify the noun
        if len(bl) >= 2 and bl[-1].endswith(("ed", "en")) and bw[-1].islower() \
                and bl[-2] not in lx.FUNCTION_WORDS:
            if prep == "by":
                return None  # "consistent with another announced by MOTIE": the agent of the participle
            bw, bl = bw[:-1], bl[:-1]  # "broke a promise made in 2003": drop the participle
        middle = sent.span_text(vg.end, vg.end + len(bl)) if bl else ""
        strand_ok = True
    else:
        return None
    after = b + (1 if ent.type in {"number", "quantity"} else 0)
    if after < n and verb_group_at(sent, after):
        return None  # the answer is the subject of a following clause, not an object
    if after + 1 < n and lows[after] == "to" and words[after + 1].islower() \
            and ent.type in {"person", "organisation", "place"}:
        return None  # "forced President Kirchner to suspend ...": the object of a complement
    if ent.type in {"person", "organisation"} and prep is None and (vg.lemma or vg.main) in _SMALL_CLAUSE_LEMMAS:
        return None  # "may make Gavin Henson his first-choice kicker": the complement is lost
    if ent.type in {"person", "organisation", "place"}:
        if prep is None and middle:
            return None  # "owns 8% of search-engine Google": the name sits inside a larger phrase
        if b < n and not (is_clause_break(words[b]) or lows[b] in lx.FUNCTION_WORDS):
            return None  # "contacted US net registrars": the name modifies a noun
    if ent.type in {"percent", "money"} and prep is None and vg.kind == "aux" and vg.head in lx.BE_FORMS \
            and middle in {"up", "down"} and not vg.tail:
        # "Net profit was up 6%" -> "By how much was net profit up?"
        resolved = resolved_subject(doc, sent, clause)
        if resolved is None:
            return None
        subject, bare_pronoun = resolved
        question = f"By how much {vg.head} {subject} {middle}?"
        return capitalise_first(question), ("pronoun_subject",) if bare_pronoun else ()
    phrase = wh_phrase(doc, sent, ent, b, prep, vg.lemma or vg.main)
    if phrase is None or not strand_ok:
        return None
    wh, strand = phrase
    if strand and strand != "by" and vg.kind == "aux" and (vg.head in lx.BE_FORMS or "been" in vg.tail) \
            and vg.main.endswith(("ed", "en")) and ent.type in {"person", "organisation"}:
        return None  # "Which organisation have four movies been announced for?"
    if (vg.lemma in lx.REPORTING_VERBS or vg.main in {"said", "says", "told"}) and (
            not middle or vg.lemma in _SPEECH_LEMMAS):
        return None  # "When did Time Warner say?", "When did X tell MPs?": the news is cut off
    bare_copula = vg.kind == "aux" and (vg.head in lx.BE_FORMS or vg.tail == ("be",)) and not vg.main
    if bare_copula and (ent.type in NUMERIC_TYPES or ent.type == "year"
                        or (ent.type in {"place", "date"} and middle)):
        return None  # "How much was the euro ... at?": no event to ask about
    if middle and lows[vg.end] == "to" and vg.kind != "aux" and vg.end + 1 < n \
            and lows[vg.end + 1] in _VERB_LEMMAS:
        return None  # "forced to return to London": the verb's own clause is elsewhere
    if vg.kind == "aux" and not vg.tail and not middle and not strand:
        return None  # "When was the deadline?" is fine, but "Where is he?" alone says little
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None:
        return None
    subject, bare_pronoun = resolved
    flags = ("pronoun_subject",) if bare_pronoun else ()
    parts = [wh, _inverted(clause, subject)]
    if middle:
        parts.append(middle)
    if strand:
        parts.append(strand)
    if prep is None and not strand and ent.type in {"duration", "money", "number", "quantity"}:
        after = b + (1 if ent.type in {"number", "quantity"} else 0)
        pp = _following_pp(doc, sent, after)
        if pp and (ent.type == "duration" or pp.split()[0].lower() in {"for", "on"}):
            # "spent three weeks at the top" -> "How long ... spend at the top?",
            # "paid $40m for the quarry" -> "How much ... pay for the quarry?"
            parts.append(pp)
    return capitalise_first(" ".join(parts)) + "?", flags


def _following_pp(doc: Doc, sent: Sentence, b: int) -> str | None:
    words, lows = sent.words, sent.lowers
    if b >= len(words) or lows[b] not in lx.PREPOSITIONS or lows[b] == "of":
        return None
    k = b + 1
    while k < len(words) and k - b <= 4 and not is_clause_break(words[k]) \
            and lows[k] not in lx.PREPOSITIONS and lows[k] not in _PREDICATE_STOP:
        k += 1
    if k == b + 1 or lows[k - 1] in lx.FUNCTION_WORDS:
        return None
    return sent.span_text(b, k)


def _role_prefix(doc: Doc, sent: Sentence, clause: Clause, a: int) -> str | None:
    """Words before a name inside the subject that say what the person is ("Manager",
    "Former Boyzone singer"), usable as "Which <role>"."""
    words, lows = sent.words[clause.subj_start:a], sent.lowers[clause.subj_start:a]
    if not words or len(words) > 4:
        return None
    if lows[-1] not in lx.ROLE_WORDS and lows[-1] not in lx.ORG_CUES:
        return None
    if any(not w.isalpha() and "-" not in w for w in words) or "and" in lows or "or" in lows:
        return None  # ("Trump and Chinese leader Xi Jinping": two people, not one role)
    if lows[0] in {"the", "a", "an", "this", "its", "their"} or any(low.endswith("est") for low in lows):
        return None  # "The biggest phone company BT": "Which ..." would not fit
    first_low = lows[0]
    keep = doc.is_proper(words[0], first_low, clause.subj_start == 0) or (
        first_low not in doc.lower_words and first_low not in lx.ROLE_WORDS
        and first_low not in lx.FUNCTION_WORDS and first_low not in {"former", "new", "chief", "top"})
    if not keep:
        words[0] = words[0].lower()
    if words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words) if words else None


def numeric_subject_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                             ) -> str | None:
    """A count or share that opens the subject: "About 50,000 people took out loans" -> "How
    many people took out loans?"; "40% of voters backed it" -> "What share of voters backed it?"."""
    if any(low not in {"an", "estimated", "some", "about", "around", "nearly", "almost", "more",
                       "than", "over", "up", "to"} for low in sent.lowers[clause.subj_start:a]):
        return None
    rest = sent.words[b:clause.subj_end]
    if ent.type in {"number", "quantity"}:
        if not rest or any(not w[:1].isalpha() for w in rest) or len(rest) > 5:
            return None
        wh = "How many"
    elif ent.type == "percent":
        if len(rest) < 2 or sent.lowers[b] != "of" or len(rest) > 6:
            return None
        wh = "What share"
    else:
        return None
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail):
        return None
    pred = predicate_text(doc, sent, vg.end, limit=10)
    if pred is None or pred[1] < 1:
        return None
    verb_text = sent.span_text(vg.start, vg.end)
    rest_text = sent.span_text(b, clause.subj_end)
    return f"{wh} {rest_text} {verb_text} {pred[0]}?"


def subject_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                     ) -> tuple[str, tuple, str] | None:
    """Question for a person or organisation that is the subject: keep the verb."""
    if ent.type not in {"person", "organisation"} or b != clause.subj_end:
        return None
    lows = sent.lowers
    if a == clause.subj_start:
        wh = "Who" if ent.type == "person" else _ORG_WH.get(ent.info, "Which organisation")
    else:
        role = _role_prefix(doc, sent, clause, a)
        if role is None:
            return None
        wh = f"Which {role}"
    vg = clause.verb
    if vg.kind == "aux" and not vg.main and not (vg.end < len(lows) and lows[vg.end] in {"to", "due"}):
        return None  # "Who was right to go to court?": a bare copula asks for an opinion
    verb_text = sent.span_text(vg.start, vg.end)
    speech = vg.main in _SPEECH_VERBS or (vg.lemma in {"say", "tell", "add"} and vg.kind != "aux")
    pred = predicate_text(doc, sent, vg.end, limit=10, allow_clause=speech)
    if pred is None:
        return None
    rest, used = pred
    kind = "wh"
    if speech:
        kind = "quote"
        if used < 4 or not any(verb_group_at(sent, m) for m in range(vg.end + 1, vg.end + used)):
            return None  # "Who told Five's Wright Stuff show?": the reported words are missing
    if not rest or used < 2:
        return None
    if kind == "wh" and (vg.lemma or vg.main) in lx.REPORTING_VERBS and (
            used < 3 or lows[vg.end] in lx.PREPOSITIONS):
        return None  # "Which club revealed on Sunday?": the revealed content was cut off
    return f"{wh} {verb_text} {rest}?", ("subject_question",), kind


def passive_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                     ) -> str | None:
    """"X was written by Mike Read" -> "Who wrote X?"."""
    vg = clause.verb
    words, lows = sent.words, sent.lowers
    if ent.type not in {"person", "organisation"} or vg.head not in {"was", "were"}:
        return None
    if vg.end >= len(words) or lows[vg.end] != "by" or not vg.main:
        return None
    if vg.main in lx.IRREGULAR_PARTICIPLE_TO_PAST:
        past = lx.IRREGULAR_PARTICIPLE_TO_PAST[vg.main]
    elif vg.main.endswith("ed"):
        past = vg.main
    else:
        return None
    if any(w not in (vg.main,) for w in vg.tail):
        return None  # "was not sold", "was also sold": keep it simple and exact
    role_words, role_lows = words[vg.end + 1:a], lows[vg.end + 1:a]
    if len(role_words) > 3 or any(not w.isalpha() for w in role_words):
        return None
    if b < len(words) and not is_clause_break(words[b]) and lows[b] not in {"in", "on", "at", "for"}:
        return None
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None or resolved[1]:
        return None
    subject = resolved[0]
    if role_words:
        if role_lows[-1] not in lx.ROLE_WORDS and role_lows[-1] not in lx.ORG_CUES:
            return None
        wh = "Which " + " ".join(w for w, low in zip(role_words, role_lows) if low not in {"the", "a", "an"})
    else:
        wh = "Who" if ent.type == "person" else _ORG_WH.get(ent.info, "Which organisation")
    return f"{wh} {past} {subject}?"


def passive_reverse_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, question: str
                             ) -> Candidate | None:
    """The other side of "The song was written by Mike Read": "What did Mike Read write?"
    (answer: "The song"), when the subject is a short noun phrase with a determiner."""
    a, b = clause.subj_start, clause.subj_end
    subj, subj_lows = sent.words[a:b], sent.lowers[a:b]
    if not subj or len(subj) > 6 or subj_lows[0] not in {"the", "a", "an", "its", "his", "her", "their"} \
            or any(not w[:1].isalnum() for w in subj) or subj_lows[-1] in lx.FUNCTION_WORDS:
        return None
    if any(e.type == "person" and sent.token_span[e][0] >= clause.subj_start
           and sent.token_span[e][1] <= clause.subj_end for e in sent.entities):
        return None
    vg = clause.verb
    past = lx.IRREGULAR_PARTICIPLE_TO_PAST.get(vg.main) or (vg.main if vg.main.endswith("ed") else "")
    lemma = lx.IRREGULAR_PAST.get(past) or ed_lemma(past) if past else None
    if not lemma:
        return None
    name = doc.text[ent.start:ent.end]
    return Candidate(f"What did {name} {lemma}?", *sent.char_span(a, b), "thing", "wh", sent.index,
                     0.6, ())


_POSSESSIVE_MARKS = frozenset(("'s", "’s", "'", "’"))  # (after a name: "Sony's", "the Glazers'")


_THAT_CONJUNCTIONS = frozenset("so such now given except provided so that".split())


def relative_that(sent: Sentence, cs: int) -> bool:
    """Does the clause at cs follow a relative "that" ("the cost that NASA has yet to
    disclose")? Its object is missing, so questions about it would have a gap."""
    lows = sent.lowers
    if cs < 2 or lows[cs - 1] != "that":
        return False
    prev = sent.words[cs - 2]
    if prev in {",", ":", ";", "—", "–", "-"} or lows[cs - 2] in _THAT_CONJUNCTIONS or not prev.isalpha():
        return False
    for word in lows[max(0, cs - 6):cs - 1]:  # "said on Friday that ...": a reporting verb before
        lemma = ed_lemma(word) or lx.IRREGULAR_PAST.get(word) or (word[:-1] if word.endswith("s") else word)
        if lemma in lx.REPORTING_VERBS or word in lx.REPORTING_VERBS or word in _REPORTED:
            return False  # a content clause, not a relative one
    word = lows[cs - 2]
    if word in lx.FINITE_AUX or (ed_lemma(word) or word) in _NO_OBJECT_LEMMAS or word in _CALENDAR_WORDS:
        return False  # "is that ...", "found that ..."
    return word not in lx.FUNCTION_WORDS and not word.endswith("ly")


@register_generator("wh")
def generate_wh(doc: Doc, options: dict):
    """Typed wh-questions: object/adjunct answers, subject names, passive agents."""
    for sent in doc.sentences:
        words = sent.words
        if len(words) < 5 or not sent.entities or sent.skip:
            continue
        clause_starts = doc.clause_starts(sent)
        n = len(words)
        for ent in sent.entities:
            a, b = answer_span(sent, ent)
            after = words[b] if b < n else ""
            if (a > 0 and words[a - 1] == "(") or after == ")":
                continue  # a conversion or aside in brackets: "$1.13bn (£600m)"
            possessive = after in _POSSESSIVE_MARKS
            if (possessive and ent.type not in _POSSESSIVE_WH) or is_coordinated(sent, a, b) \
                    or (sent.quote_marks and doc.in_quote(sent, a)):  # (most sentences have none)
                continue
            for cs in reversed(clause_starts[:bisect_right(clause_starts, a)]):  # (the starts s <= a)
                clause = doc.clause(sent, cs)
                if clause is None:
                    continue
                if cs and relative_that(sent, cs):  # (never at 0)
                    break
                if possessive:
                    if a >= clause.verb.end:
                        q = possessive_object_question(doc, sent, clause, ent, a, b)
                        if q:
                            yield Candidate(q, *sent.char_span(a, b), ent.type, "wh", sent.index, ent.confidence, ())
                    break
                if clause.subj_start <= a and b <= clause.subj_end and ent.type in {"number", "quantity", "percent"}:
                    q = numeric_subject_question(doc, sent, clause, ent, a, b)
                    if q:
                        yield Candidate(q, *sent.char_span(a, b), ent.type, "wh", sent.index, ent.confidence,
                                        ("subject_question",))
                    break
                if clause.subj_start <= a and b <= clause.subj_end:
                    made = subject_question(doc, sent, clause, ent, a, b)
                    if made:
                        q, flags, kind = made
                        yield Candidate(q, *sent.char_span(a, b), ent.type, kind, sent.index, ent.confidence, flags)
                    break
                if a >= clause.verb.end or (clause.intro and clause.intro[0] <= a < clause.intro[1] + 1):
                    q = passive_question(doc, sent, clause, ent, a, b)
                    if q:
                        yield Candidate(q, *sent.char_span(a, b), ent.type, "wh", sent.index,
                                        ent.confidence, ("passive",))
                        reverse = passive_reverse_question(doc, sent, clause, ent, q)
                        if reverse:
                            yield reverse
                        break
                    made = object_question(doc, sent, clause, ent, a, b)
                    if made:
                        q, flags = made
                        yield Candidate(q, *sent.char_span(a, b), ent.type, "wh", sent.index, ent.confidence, flags)
                    break


# ---------------------------------------------------------------- "What did X <verb>?"

_NP_START_SKIP = frozenset("it them him her us me you this that these those there here what "
                           "which who whom whose how why when where to not also out up down off "
                           "back away over so as just only even more less most least much little nothing "
                           "something everything anything all none enough itself himself herself "
                           "themselves".split())
# Verbs whose object is followed by a second object or a complement ("gave LG until
# Wednesday", "called X a scandal", "accused X of"): the bare object would be a wrong answer.
_DITRANSITIVE_LEMMAS = frozenset("give offer grant hand award send show pay charge cost owe lend "
                                 "promise teach bring sell put place set".split())
# Verbs whose object is followed by a complement ("called X a scandal", "accused X of"):
# the bare object would be a wrong or incomplete answer.
_COMPLEMENT_LEMMAS = frozenset("call name consider make keep leave accuse elect appoint "
                               "declare label describe brand deem rate let help allow urge ask "
                               "want force persuade expect enable encourage invite press see "
                               "watch hear have get prove become remain sound assure inform remind "
                               "convince warn catch base prompt push".split())
# Verbs whose object is the subject of a small clause ("make Henson his kicker", "see sales fall").
_SMALL_CLAUSE_LEMMAS = frozenset("make keep leave call consider declare label brand deem rate let have "
                                 "get see watch hear find".split())
# "issuing photographers with camera phones": the object is the receiver, not the thing.
_SUPPLY_LEMMAS = frozenset("issue provide supply present equip furnish arm credit".split())
_NON_OBJECT_WORDS = frozenset("year years month months week weeks day days today yesterday "
                              "tomorrow time times place part sure way note action steps use "
                              "place hold account advantage care effect charge control plunge stock shape issue "
                              "aim notice sight heart bit lot hours minutes seconds".split())
_NO_OBJECT_LEMMAS = frozenset("be have do say tell add become remain seem look feel mean get go "
                              "come appear rise fall grow jump drop climb surge slump soar plunge "
                              "decline increase edge slip double".split())
# Verbs whose object is usually a clause ("said (that) ..."); "announce", "reveal" and the like
# take plain objects often enough to be asked about.
_CLAUSE_OBJECT_LEMMAS = lx.REPORTING_VERBS - frozenset(("announce", "confirm", "reveal", "report", "claim"))
_PARTICLES = frozenset("out up off down over back away".split())
_NP_DETERMINERS = frozenset("the a an its his her their our this these those some several "
                            "many few another".split())
_PARTICLE_OBJECT_OPENERS = _NP_DETERMINERS | {"his", "her", "its", "their"}


_ING_LEMMAS = lx.REGULAR_VERBS | frozenset(lx.IRREGULAR_PAST.values()) | _NO_OBJECT_LEMMAS


@lru_cache(maxsize=WORD_CACHE_SIZE)  # pure: called for the same words over and over
def ing_lemma(word: str) -> str | None:
    """Lemma of an -ing form of a listed verb ("looking" -> "look", "making" -> "make")."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    for c in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if c and c in _ING_LEMMAS:
            return c
    return None


def object_np(sent: Sentence, k: int) -> tuple[int, int] | None:
    """Token range of a direct-object noun phrase starting at k: at most 7 tokens, one
    "of"-phrase allowed, ending before a preposition, a clause break or a relative word."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    if k >= n or lows[k] in _NP_START_SKIP or lows[k] in lx.PREPOSITIONS \
            or is_clause_break(words[k]) or lows[k].endswith("ly") or lows[k] in lx.FINITE_AUX:
        return None
    j = k
    seen_of = False
    while j < n and j - k < 8:
        w, low = words[j], lows[j]
        if w in CLAUSE_BREAK_TOKENS or low in _BETWEEN_STOP or low in {"to", "than", "such", "including"}:
            break
        if low in lx.PREPOSITIONS:
            if low == "of" and not seen_of and j > k:
                seen_of = True
                j += 1
                continue
            break
        if j > k and w.islower() and w.isalpha() and not low.endswith("s") and verb_group_at(sent, j):
            break  # a finite verb ends the phrase; an -s word inside it is a plural noun
        j += 1
    if j == k or j - k >= 8:
        return None
    # The token after the phrase: None at the end of the sentence.
    nxt, nxt_low = (words[j], lows[j]) if j < n else (None, None)
    if nxt is not None and not (is_clause_break(nxt) or nxt_low in lx.PREPOSITIONS
                                or nxt_low in {"that", "which", "who", "to", "as", "after", "before",
                                               "because", "while", "when", "since", "despite", "such",
                                               "and", "or", "including"}):
        return None
    if nxt is not None and nxt_low in {"and", "or"} and verb_group_at(sent, j + 1) is None:
        return None  # "cattle and medicines": a list (but "the rise and wants ..." is fine)
    if nxt is not None and (nxt_low == "to" or nxt in {'"', "“", "”", "'", "‘"}):
        return None  # an infinitive or a quoted title follows: the phrase is not whole
    if nxt == ",":
        # "cattle, medicines and medical equipment": a list would make the answer incomplete.
        for m in range(j + 1, min(j + 6, n)):
            if lows[m] in {"and", "or"}:
                return None
            if is_clause_break(words[m]) and words[m] != ",":
                break
    phrase, phrase_lows = words[k:j], lows[k:j]
    if "of" in phrase_lows and any(low.endswith("ing") for low in phrase_lows):
        return None  # "a point of wearing ...": an idiom with a gerund
    last, last_low = words[j - 1], lows[j - 1]
    if not last.isalpha() and "-" not in last:
        return None  # "a $1.3bn": the phrase was cut before its noun
    if j - k == 1 and not (words[k].islower() and lows[k].endswith(
            ("s", "ion", "ment", "ance", "ence", "ity", "ness", "ship", "ure"))):
        return None  # a lone word is only safe as a noun by its form ("roads", "success", "support")
    if last.islower() and j - k > 1 and (last_low in lx.IRREGULAR_PARTICIPLE_TO_PAST
                                         or (last_low.endswith("ed") and ed_lemma(last_low))):
        return None  # "the award chosen (by ...)": a participle clause was cut
    if last_low in _PARTICLES and j - k > 1:
        return None  # "wanted his work back": a particle ends a complement, not the object
    if last_low in _CALENDAR_WORDS:
        return None  # "passed a bill Tuesday": a bare date glued to the phrase
    if last_low in lx.NUMBER_WORDS or last_low in {"one", "first", "second", "third", "last", "latest"}:
        return None  # "the defection of one (of his MPs)": cut before its noun
    if last_low in lx.FUNCTION_WORDS or last_low.endswith("ly") or not last[:1].isalnum() \
            or last_low in _NON_OBJECT_WORDS or last in {"'s", "’s"}:
        return None
    if not _NON_OBJECT_WORDS.isdisjoint(phrase_lows) or not _NP_BLOCKERS.isdisjoint(phrase_lows):
        return None
    if last_low.endswith("ing") and j - k > 1:
        return None  # "the nominations going": a participle clause starts inside
    if any(w.islower() and ing_lemma(low) and before not in lx.FUNCTION_WORDS
           for before, w, low in zip(phrase_lows, phrase[1:], phrase_lows[1:])):
        return None  # "a study showing Indiana": a participle clause inside the phrase
    if any(w[0].isdigit() and not any(ch.isalpha() or ch == "%" for ch in w) for w in phrase[1:]):
        return None  # "Tommy Robredo 7-6": a bare score or figure glued to the phrase
    if j - k >= 2 and phrase[0][:1].isupper() and phrase[1][:1].isupper() \
            and "'s" not in phrase and "’s" not in phrase:
        return None  # "Irakli Labadze of the Republic": a name, not a thing
    if all(w[:1].isupper() or low in {"of", "&"} for w, low in zip(phrase, phrase_lows)):
        return None  # an untyped name: "What" would be the wrong question word
    if j - k >= 2 and last[:1].isupper() and words[j - 2][:1].isupper() and "of" not in phrase_lows:
        return None  # "former Royal butler Paul Burrell": a person, not a thing
    if j - k == 1 and lows[k] in _NP_DETERMINERS:
        return None
    return k, j


# Prepositions whose phrase completes the noun before it ("a campaign against child cruelty").
# ("on", "from", "over" are left out: "dumped rain on the coast", "took the ball from him".)
_NP_COMPLEMENT_PREPS = frozenset("of for against about with between among".split())
# Verbs with a prepositional phrase of their own ("blamed a weaker dollar for", "closed the show with").
_OWN_PP_LEMMAS = frozenset("blame thank praise criticise criticize condemn punish reward replace fine sue "
                           "arrest charge accuse nominate close open end start begin finish credit "
                           "congratulate mark celebrate protect shield defend swap exchange share "
                           "spend waste invest combine compare mix".split())
_POSSESSIVE_DETS = frozenset("its his her their our my your".split())
_ADJUNCT_TYPES = frozenset(("date", "year", "time", "duration", "money", "percent", "score"))
# Head nouns that say almost nothing alone ("What does Morrison discuss? -> concerns").
GENERIC_NOUNS = frozenset("""challenge challenges claim claims concern concerns program programs programme
programmes problem problems issue issues question questions thing things idea ideas plan plans
proposal proposals partnership partnerships campaign campaigns spot deal deals move moves decision
decisions role roles position positions way ways case cases matter matters effort efforts chance
chances opportunity opportunities statement statements step steps change changes approach system
systems project projects situation company companies firm people work part lot number kind sort type
use need needs interest details result results report reports data information news comments comment
view views action actions measures measure help support things stuff something attention time
look point points rest others option options process effect effects impact list connection connections
notion link links relationship fact possibility prospect say area areas combination increase
increases rise rises fall falls cut cuts dent""".split())


def complete_np(doc: Doc, sent: Sentence, a: int, b: int, lemma: str = "") -> tuple[int, int] | None:
    """The object phrase of tokens [a, b) with the prepositional phrase that completes it ("a
    campaign against child cruelty", "lawsuits against 80 banks"), or None when the phrase
    stays incomplete or says nothing alone ("its spot", "concerns", "a challenge")."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    counted = words[a][:1].isdigit() or lows[a] in lx.NUMBER_WORDS
    if b < n and not counted and lows[b] in _NP_COMPLEMENT_PREPS and not (lows[b] == "of" and "of" in lows[a:b]) \
            and lemma not in _OWN_PP_LEMMAS:
        k = b + 1
        joined = False
        while k < n and k - b <= 7:
            w, low = words[k], lows[k]
            if low in {"and", "or"} and not joined and k > b + 1 and k + 1 < n \
                    and not verb_group_at(sent, k + 1) and lows[k + 1] not in _PREDICATE_STOP:
                joined = True  # "deals with Chelsea and Celtic": one list inside the phrase
                k += 1
                continue
            if w in CLAUSE_BREAK_TOKENS or low in _PREDICATE_STOP or low in {"to", "than", "including", "such"} \
                    or (low in lx.PREPOSITIONS and low != "of") or low in lx.FINITE_AUX \
                    or low.endswith(("n't", "n’t")):
                break
            if w.islower() and w.isalpha() and not low.endswith("s") and verb_group_at(sent, k):
                break
            k += 1
        # The token after the prepositional phrase (None at the end), and the phrase after the preposition.
        end_tok, end_low = (words[k], lows[k]) if k < n else (None, None)
        pp, pp_lows = words[b + 1:k], lows[b + 1:k]
        if any(e.type in _ADJUNCT_TYPES and sent.token_span[e][0] < k and sent.token_span[e][1] > b
               for e in sent.entities) or (pp and pp[0][:1].isdigit()) \
                or any(low in _NON_OBJECT_WORDS or low in {"first", "decades", "ago"} for low in pp_lows):
            pass  # "bought the rights for $4m", "held the ceremony for the first time": an adjunct
        elif not pp or (end_tok is not None and not (is_clause_break(end_tok) or end_low in lx.PREPOSITIONS
                                                     or end_low in {"that", "which", "who", "to", "as", "after",
                                                                    "before", "because", "while", "when",
                                                                    "since", "despite"})):
            return None  # "reports from the clubs and the police": the phrase runs on
        elif end_tok == "," and any(
                lows[m] in {"and", "or"} for m in range(k + 1, min(k + 6, n))
                if not any(is_clause_break(u) and u != "," for u in words[k + 1:m])):
            return None  # "pain for farmers, companies and consumers": a list was cut
        elif (pp_lows[-1] in lx.FUNCTION_WORDS and not pp[-1][:1].isupper()) or not pp[-1][:1].isalnum() \
                or pp[-1] in {"'s", "’s"} or pp_lows[-1].endswith("ly") \
                or any(w.islower() and ing_lemma(low) for w, low in zip(pp, pp_lows)) \
                or (pp[-1][:1].isdigit() and not any(ch.isalpha() for ch in pp[-1])):
            return None
        else:
            return a, k
    phrase = lows[a:b]
    if phrase[0] in _POSSESSIVE_DETS and len(phrase) == 2:
        return None  # "its spot", "his comments": whose and which is left unsaid
    core = [w for w in phrase if w not in _NP_DETERMINERS and w not in _POSSESSIVE_DETS]
    if len(core) == 1 and core[0] in GENERIC_NOUNS:
        return None
    return a, b


# Two-place verbs that often take one plain object too ("made a profit.", "sold its stake in ...").
_PLAIN_OBJECT_TOO = frozenset("make give offer grant award send show pay sell bring promise teach "
                              "want ask get prove win".split())
_OBJECT_END_PREPS = frozenset("in on for with from after during by across over under within "
                              "without against amid".split())


def _plain_object(sent: Sentence, a: int, b: int) -> bool:
    """A two-place verb's phrase is a plain object when no second phrase can hide inside it
    (no determiner after its first word: "gave the team a boost") and it ends at a clause
    break or an adjunct preposition ("made a profit.", "sold 300 cars in March")."""
    words, lows = sent.words, sent.lowers
    if any(low in _NP_DETERMINERS or low in _POSSESSIVE_DETS or low in {"each", "every", "all"}
           for low in lows[a + 1:b]) or any(w.islower() and ing_lemma(low) for w, low in zip(words[a:b], lows[a:b])):
        return False
    if words[a][:1].isupper():
        return False  # "called Smith a liar", "named Jones captain"
    if b >= len(words):
        return True
    nxt = words[b]
    return (is_clause_break(nxt) and nxt not in {'"', "“", "”", "'", "‘", "’", "-", "–", "—", "("}) \
        or lows[b] in _OBJECT_END_PREPS


def what_object_question(doc: Doc, sent: Sentence, clause: Clause) -> Candidate | None:
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and vg.head in lx.DO_FORMS):
        return None
    if vg.kind == "aux":
        if not vg.main or vg.main in {"been", "being", "had", "have", "done"}:
            return None
        progressive = vg.main.endswith("ing")
        perfect = vg.head in lx.HAVE_FORMS and vg.main.endswith(("ed", "en")) \
            or vg.head in lx.HAVE_FORMS and vg.main in lx.IRREGULAR_PARTICIPLE_TO_PAST
        modal = vg.head in lx.MODALS and (vg.main in lx.REGULAR_VERBS or vg.main in lx.IRREGULAR_PAST.values())
        if not (progressive or perfect or modal) or "been" in vg.tail or "be" in vg.tail:
            return None
        participle_past = lx.IRREGULAR_PARTICIPLE_TO_PAST.get(vg.main, "")
        lemma = ing_lemma(vg.main) if progressive else (
            lx.IRREGULAR_PAST.get(participle_past) or ed_lemma(vg.main) or vg.main)
        if progressive and lemma is None:
            return None
    else:
        lemma = vg.lemma
    if lemma and sent.lowers[clause.subj_end - 1] == lemma:
        return None  # "The honour honours figures": asking it reads as a riddle
    if not lemma or lemma in _NO_OBJECT_LEMMAS or lemma in _CLAUSE_OBJECT_LEMMAS:
        return None
    two_place = lemma in _COMPLEMENT_LEMMAS or lemma in _DITRANSITIVE_LEMMAS
    if two_place and lemma not in _PLAIN_OBJECT_TOO:
        return None
    particle = ""
    lows = sent.lowers
    n = len(lows)
    if vg.end + 1 < n and lows[vg.end] in _PARTICLES and lows[vg.end + 1] in _PARTICLE_OBJECT_OPENERS:
        particle = lows[vg.end]  # "has thrown out a bill" -> "What has ... thrown out?"
    np = object_np(sent, vg.end + (1 if particle else 0))
    if np is None:
        return None
    a, b = np
    if doc.in_quote(sent, a):
        return None
    full = complete_np(doc, sent, a, b, lemma)
    if full is None:
        return None
    a, b = full
    if b - a <= 2 and b + 1 < n and lows[b] in {"that", "which", "who"} \
            and lows[b + 1] not in {"is", "was", "are", "were"}:
        return None  # "created a speaker that sounds ...": the relative clause says which one
    if two_place and not _plain_object(sent, a, b):
        return None
    if lemma in _SUPPLY_LEMMAS and b < n and lows[b] == "with":
        return None
    if any(sent.token_span[e] == (a, b) for e in sent.entities):
        return None  # a typed answer gets a typed question
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None:
        return None
    subject, bare = resolved
    question = capitalise_first(f"What {_inverted(clause, subject)}{' ' + particle if particle else ''}") + "?"
    return Candidate(question, *sent.char_span(a, b), "thing", "wh", sent.index, 0.6,
                     ("pronoun_subject",) if bare else ())


@register_generator("what")
def generate_what(doc: Doc, options: dict):
    """Direct-object questions: "Nvidia announced a new chip" -> "What did Nvidia announce?"."""
    for sent in doc.sentences:
        if len(sent.words) < 5 or sent.skip:
            continue
        for cs in doc.clause_starts(sent):
            if cs and (doc.in_quote(sent, cs) or relative_that(sent, cs)):
                continue  # (both checked before parsing, the costly part; neither holds at 0)
            clause = doc.clause(sent, cs)
            if clause is None:
                continue
            cand = what_object_question(doc, sent, clause)
            if cand:
                yield cand
            cand = what_subject_question(doc, sent, clause)
            if cand:
                yield cand


_ANIMATE_HEADS = frozenset("""athlete athletes sheriff electorate watchdog community regulator authorities
officials critics analysts experts judge judges jury court government council committee commission panel
agency agencies firm firms company companies bank banks union unions army band couple pair duo trio star stars
champion champions side squad crew audience public voters residents victims survivors suspects pupils users
customers consumers buyers shoppers investors shareholders chief boss bosses doctor doctors nurse nurses
child kids girl girls boy boys baby mother father wife husband son daughter brother sister parents friend
friends guy guys woman women man men person people players coach coaches teammates opponents opposition
rivals colleagues staff employees workers police troops forces soldiers rebels militants protesters
crowd fans family families couple generation student students host hosts actress actor singer teams
clubs nations countries""".split())
_LINKING_LEMMAS = frozenset("seem appear become remain look sound feel begin start continue tend "
                            "stay prove try want need have be".split())
_ANIMATE_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")


def what_subject_question(doc: Doc, sent: Sentence, clause: Clause) -> Candidate | None:
    """A thing that is the subject: "A storm system dumped 2 inches of rain on Tuesday" ->
    "What dumped 2 inches of rain?" (answer: "A storm system"). Only a short phrase opened by
    an article, naming no person, place or organisation and not a bare generic noun."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    a, b = clause.subj_start, clause.subj_end
    if not 2 <= b - a <= 6 or lows[a] not in {"the", "a", "an"}:
        return None
    subj, subj_lows = words[a:b], lows[a:b]
    if any(not (w[:1].isalnum()) or low in _CLAUSE_SUBJECTS or low in {"of", "and", "or"}
           for w, low in zip(subj[1:], subj_lows[1:])) or subj_lows[-1] in lx.FUNCTION_WORDS:
        return None
    last = subj_lows[-1]
    if any(w[:1].isupper() for w in subj[1:]) or (b < n and words[b] in {",", "(", "-", "–", "—"}):
        return None  # "the national carrier, Qantas,": a name in an aside, asked with "Which"
    if last in {"new", "old", "other", "same", "own", "former", "latest", "more", "first", "last", "such"}:
        return None  # "The rate on new (financed vehicles)": the verb was misread inside the subject
    if last in _ANIMATE_HEADS or (len(last) > 4 and last.endswith(_ANIMATE_SUFFIXES)) or "-old" in last:
        return None  # "the investigators", "the 30-year-old": people are not asked with "What"
    if last in lx.ROLE_WORDS or last in lx.ORG_CUES or last in GENERIC_NOUNS or last in _NON_OBJECT_WORDS \
            or last in {"people", "man", "woman", "men", "women", "family", "children", "fans", "government",
                        "police", "players", "team", "side", "club", "group", "board", "staff", "workers"}:
        return None  # "the company", "the minister": who, and which one, is left unsaid
    if subj[-1][:1].isupper() or any(sent.token_span[e][0] < b and sent.token_span[e][1] > a
                                     for e in sent.entities):
        return None
    vg = clause.verb
    if vg.start != b or not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and not vg.main):
        return None  # (a verb away from its subject: a second predicate or an aside between)
    if vg.kind == "past" and vg.end < n and lows[vg.end] == "by":
        return None  # "A book published by X": a reduced relative, not the verb
    if (vg.lemma or vg.main) in lx.REPORTING_VERBS or vg.main in _SPEECH_VERBS or vg.lemma in _SPEECH_LEMMAS \
            or (vg.lemma or vg.main) in _CLAUSE_OBJECT_LEMMAS:
        return None
    if (vg.lemma or ing_lemma(vg.main) or vg.main) in _LINKING_LEMMAS or (vg.end < n and lows[vg.end] == "to"):
        return None  # "What seems to be different?", "What begins to hum?": no event is asked about
    pred = predicate_text(doc, sent, vg.end, limit=9)
    if pred is None or pred[1] < 2:
        return None
    nxt, nxt_low = words[vg.end], lows[vg.end]
    if vg.kind == "past" and _finite_verb_follows(sent, vg.end):
        return None  # "a cell meant for 35 held 155 men": a reduced relative, not the verb
    if nxt_low in {"it", "them", "him", "her"} and pred[1] <= 3:
        return None  # "What made it look?": the complement was cut off
    if nxt.islower() and (nxt_low in lx.IRREGULAR_PAST or (nxt_low.endswith("ed") and ed_lemma(nxt_low))):
        return None  # "the tax cut favoured ...": the real verb follows, the "verb" was a noun
    verb_text = sent.span_text(vg.start, vg.end)
    return Candidate(f"What {verb_text} {pred[0]}?", *sent.char_span(a, b), "thing", "wh",
                     sent.index, 0.5, ("subject_question",))


# ---------------------------------------------------------------- "Which company's profits ...?"

_POSSESSIVE_WH = {"organisation": "Which company's", "place": "Which country's", "person": "Whose"}


def possessive_subject_question(doc: Doc, sent: Sentence, clause: Clause) -> Candidate | None:
    """A name that owns the subject: "Sony's profits tripled in 2004" -> "Which company's
    profits tripled in 2004?" (answer: "Sony")."""
    ent = next((e for e in sent.entities if sent.token_span[e][0] == clause.subj_start), None)
    if ent is None or ent.type not in _POSSESSIVE_WH:
        return None
    a, b = sent.token_span[ent]
    if b >= clause.subj_end - 1 or sent.words[b] not in {"'s", "’s"}:
        return None
    head = sent.words[b + 1:clause.subj_end]
    if not head or len(head) > 4 or any(not w.isalpha() or w[:1].isupper() for w in head):
        return None
    if ent.type == "place" and ent.info != "country":
        return None
    wh = _POSSESSIVE_WH[ent.type]
    if ent.type == "organisation" and ent.info in {"club", "party"}:
        wh = f"Which {ent.info}'s"
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and not vg.main):
        return None  # "Apple's service was a perfect example": too vague to ask
    pred = predicate_text(doc, sent, vg.end, limit=10)
    if pred is None or pred[1] < 1:
        return None
    verb_text = sent.span_text(vg.start, vg.end)
    head_text = sent.span_text(b + 1, clause.subj_end)
    question = f"{wh} {head_text} {verb_text} {pred[0]}?"
    return Candidate(question, ent.start, ent.end, ent.type, "wh", sent.index, ent.confidence,
                     ("subject_question",))


def possessive_object_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                               ) -> str | None:
    """"Nvidia bought Arm's chip unit" -> "Which company's chip unit did Nvidia buy?"."""
    words, lows = sent.words, sent.lowers
    n = len(words)
    vg = clause.verb
    if ent.type not in _POSSESSIVE_WH or (ent.type == "place" and ent.info != "country"):
        return None
    k = b + 1
    j = k
    while j < n and j - k < 3 and words[j].isalpha() and words[j].islower() \
            and lows[j] not in lx.FUNCTION_WORDS and lows[j] not in lx.PREPOSITIONS \
            and lows[j] not in _PARTICLES and lows[j] not in _NP_BLOCKERS:
        j += 1
    if j == k or (j < n and not (is_clause_break(words[j]) or lows[j] in lx.PREPOSITIONS
                                 or lows[j] in {"that", "which", "who"})):
        return None
    between = lows[vg.end:a]
    prep = None
    if between and between[-1] in lx.PREPOSITIONS:
        prep = between[-1]
        between = between[:-1]
    if between or not NEGATIONS.isdisjoint(vg.tail):
        return None  # only a direct object or a single preposition before the owner
    if vg.kind == "pres" or (vg.kind == "aux" and (vg.head in lx.BE_FORMS or "been" in vg.tail
                                                   or "being" in vg.tail)):
        return None  # passives ("is being represented by Spain's ...") and unsure plural verbs
    if vg.lemma in lx.REPORTING_VERBS or vg.main in _SPEECH_VERBS or (vg.kind == "aux" and not vg.main):
        return None
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None or resolved[1]:
        return None
    wh = _POSSESSIVE_WH[ent.type]
    if ent.type == "organisation" and ent.info in {"club", "party"}:
        wh = f"Which {ent.info}'s"
    noun = sent.span_text(k, j)
    parts = [f"{wh} {noun}", _inverted(clause, resolved[0])]
    if prep:
        parts.append(prep)
    return capitalise_first(" ".join(parts)) + "?"


def _has_possessive_owner(sent: Sentence) -> bool:
    """Is some entity of a type asked with "Whose"/"Which ...'s" followed by "'s"? Without one,
    possessive_subject_question finds nothing in the sentence."""
    words = sent.words
    n = len(words)
    for e in sent.entities:
        b = sent.token_span[e][1]
        if e.type in _POSSESSIVE_WH and b < n and words[b] in {"'s", "’s"}:
            return True
    return False


@register_generator("whose")
def generate_whose(doc: Doc, options: dict):
    """Possessive subjects asked with "Which company's" / "Which country's" / "Whose"."""
    for sent in doc.sentences:
        if len(sent.words) < 5 or sent.skip or ("'s" not in sent.text and "’s" not in sent.text) \
                or not _has_possessive_owner(sent):
            continue  # (checked before any clause is parsed for it; most sentences have no "'s")
        for cs in doc.clause_starts(sent):
            clause = doc.clause(sent, cs)
            if clause is None or doc.in_quote(sent, clause.subj_start):
                continue
            cand = possessive_subject_question(doc, sent, clause)
            if cand:
                yield cand
