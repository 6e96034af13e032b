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
from builder.qa.clause import (NEGATIONS, Clause, _finite_verb_follows, ed_lemma,
                               is_clause_break, verb_group_at)
from builder.qa.doc import Doc, Sentence
from builder.qa.entities import Entity
from builder.qa.registry import Candidate, register_generator
from builder.qa.text import capitalise_first

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
    toks = sent.tokens
    if ent.type in NUMERIC_TYPES:
        if a >= 2 and (toks[a - 2].lower, toks[a - 1].lower) in _APPROXIMATORS_2:
            return a - 2, b
        if a >= 1 and toks[a - 1].lower in _APPROXIMATORS_1 and toks[a - 1].lower != "just":
            return a - 1, b
    return a, b


def is_coordinated(sent: Sentence, a: int, b: int) -> bool:
    """Is the answer one item of a list ("Carr and Finnan")? Then it would be incomplete."""
    toks = sent.tokens
    after = toks[b].lower if b < len(toks) else ""
    before = toks[a - 1].lower if a > 0 else ""
    if after in ("and", "&", "or", "/") or before in ("and", "&", "or", "/"):
        return True
    if after == "," and b + 1 < len(toks) and toks[b + 1].text[:1].isupper() \
            and any(sent.token_span[e][0] == b + 1 for e in sent.entities):
        return True
    return False


def subject_text(doc: Doc, sent: Sentence, clause: Clause) -> str:
    toks = sent.tokens
    first = toks[clause.subj_start]
    text = doc.text[first.start:toks[clause.subj_end - 1].end]
    sentence_initial = clause.subj_start == 0 or (
        clause.subj_start == 1 and toks[0].text in ('"', "“", "‘"))
    nxt = toks[clause.subj_start + 1] if clause.subj_start + 1 < clause.subj_end else None
    name_follows = nxt is not None and nxt.text[:1].isupper() and nxt.lower not in lx.FUNCTION_WORDS \
        and first.lower not in lx.FUNCTION_WORDS and first.lower not in ("a", "an", "the")
    # A lone capitalised subject never seen in lower case is a name ("Gere greeted ..."),
    # unless it looks like a plural noun ("Shares rose").
    lone_name = clause.subj_end - clause.subj_start == 1 and first.lower not in doc.lower_words \
        and not first.lower.endswith("s") and first.lower not in lx.FUNCTION_WORDS \
        and first.lower not in lx.ROLE_WORDS
    if sentence_initial and not doc.is_proper(first, True) and not _starts_entity(sent, clause.subj_start) \
            and not name_follows and not lone_name:
        text = first.text.lower() + text[len(first.text):]
    return text


def _starts_entity(sent: Sentence, k: int) -> bool:
    return any(sent.token_span[e][0] == k for e in sent.entities
               if e.type in ("person", "organisation", "place"))


def _entity_at(sent: Sentence, a: int, b: int) -> Entity | None:
    for e in sent.entities:
        if sent.token_span[e] == (a, b):
            return e
    return None


def resolved_subject(doc: Doc, sent: Sentence, clause: Clause) -> tuple[str, bool] | None:
    """Subject text for the question, and whether it is still a bare pronoun. A pronoun subject
    of a reported clause is replaced by the reporting subject ("Time Warner said it owns")."""
    toks = sent.tokens
    if any(t.lower.endswith(_CONTRACTIONS) or (t.text.islower() and t.lower in _REPORTED)
           for t in toks[clause.subj_start:clause.subj_end]):
        return None  # "You’re promise", "Police reported 5,000 people": not one noun phrase
    if clause.subj_start >= 2 and toks[clause.subj_start - 1].lower in ("and", "or") \
            and toks[clause.subj_start - 2].text != "," and clause.start == clause.subj_start:
        return None  # "His friends and loved ones held ...": only half of the subject was read
    last = toks[clause.subj_end - 1]
    if clause.subj_end - clause.subj_start > 1 and last.text.islower() and last.lower.endswith("ed") \
            and ed_lemma(last.lower):
        return None  # "Its lowered (forecast cut ...)": the subject lost its noun to the verb
    if clause.subj_end - clause.subj_start == 1:
        word = toks[clause.subj_start].lower
        if word in ("we", "i", "you", "this", "that", "there", "these", "those", "one") or word in _QUANTIFIERS \
                or word in _POSSESSIVE_DETS and word != "her":
            return None  # "What have many made?": who is meant is left unsaid
        if word in lx.PRONOUN_SUBJECTS or word in ("him", "her", "them"):
            if clause.start > 0 and clause.verb.kind in ("past", "pres3") or clause.verb.head in lx.MODALS:
                matrix = _reporting_clause(doc, sent, clause.start)
                if matrix:
                    replacement = _antecedent(doc, sent, matrix, word)
                    if replacement:
                        if word == "they" and clause.verb.kind == "pres3":
                            return None
                        return replacement, False
            if word in ("he", "she", "it"):
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
            gap = sent.tokens[clause.verb.end:cs]
            if all(t.text[:1].isalnum() and t.lower not in lx.FINITE_AUX for t in gap):
                return clause  # "said on Friday that it ...": only an adjunct and "that" between
    return None


def _antecedent(doc: Doc, sent: Sentence, matrix: Clause, pronoun: str) -> str | None:
    """The reporting subject a pronoun stands for ("Monsanto said it accepted ..."): a person
    entity for he/she; for it/they a short non-pronoun subject that is not a person."""
    ent = _entity_at(sent, matrix.subj_start, matrix.subj_end)
    if pronoun in ("he", "she"):
        return doc.text[ent.start:ent.end] if ent and ent.type == "person" else None
    if ent is not None and ent.type == "person":
        return None
    size = matrix.subj_end - matrix.subj_start
    first = sent.tokens[matrix.subj_start]
    if size > 4 or first.lower in lx.PRONOUN_SUBJECTS:
        return None
    plural = sent.tokens[matrix.subj_end - 1].lower.endswith("s")
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
    toks = sent.tokens
    k = start
    while k < len(toks) and k - start < limit and not is_clause_break(toks[k]) \
            and toks[k].lower not in _PREDICATE_STOP:
        if toks[k].lower in lx.FINITE_AUX and not allow_clause:
            return None  # "the direction New Labour should be taking": a clause inside
        k += 1
    if k - start >= limit and k < len(toks) and not is_clause_break(toks[k]):
        # Cut off mid-phrase: end before the last preposition (not "of") instead, if that
        # still leaves a real predicate; a reported clause must not be cut at all.
        cut = max((m for m in range(start + 2, k) if toks[m].lower in lx.PREPOSITIONS
                   and toks[m].lower != "of" and not (
                       toks[m].lower == "to" and m + 1 < len(toks) and toks[m + 1].lower in _VERB_LEMMAS)),
                  default=None)  # never before "of", nor before an infinitive "to win"
        if cut is None or cut - start < 4 or allow_clause:
            return None
        k = cut
    end = k
    while k > start and (toks[k - 1].lower in lx.FUNCTION_WORDS or toks[k - 1].text in ("'s", "’s")
                         or (toks[k - 1].text.islower() and k - 1 > start
                             and (ed_lemma(toks[k - 1].lower) or ing_lemma(toks[k - 1].lower)
                                  or toks[k - 1].lower in lx.IRREGULAR_PARTICIPLE_TO_PAST))):
        k -= 1  # no dangling "the", "of", or participle ("the slot filled", "saying")
    if allow_clause and (k != end or (k < len(toks) and (
            toks[k].lower in ("and", "or", "but", "than", "as", "when", "if", "unless", "until", "after", "before",
                              "because", "while", "since", "where") or toks[k].text in ('"', "“", "”", "'", "‘", "’", "(", "-")
            or (not is_clause_break(toks[k]) and toks[k].lower not in _PREDICATE_STOP)))):
        return None  # "said it did not know yet what its exposure", "said X would draw": cut short
    if k == start:
        return "", 0
    last = toks[k - 1]
    if (len(last.text) == 1 and last.text.isupper()) or (
            last.lower in _VERB_LEMMAS and k - 2 >= start and toks[k - 2].lower == "to"
            and (last.lower in lx.REPORTING_VERBS or last.lower in _CLAUSE_OBJECT_LEMMAS)):
        return None  # "the Philip K(. Dick award)", "tried to suggest (that ...)": cut short
    if k < len(toks) and toks[k].text in ("'s", "’s", '"', "“", "‘"):
        return None  # "at last week('s hearing)", "called X (“stunning”)": cut short
    if k + 1 < len(toks) and toks[k].lower in ("and", "or") and toks[k + 1].text.islower() \
            and toks[k + 1].lower not in lx.FUNCTION_WORDS and not verb_group_at(toks, k + 1):
        return None  # "the testimony of four national security (and diplomatic officials)": cut short
    return doc.text[toks[start].start:toks[k - 1].end], k - start


# ---------------------------------------------------------------- wh-phrases by type

def _of_phrase(doc: Doc, sent: Sentence, b: int) -> str | None:
    """'of NP' right after a percentage, for "What share of NP"."""
    toks = sent.tokens
    if b >= len(toks) or toks[b].lower != "of":
        return None
    k = b + 1
    while k < len(toks) and k - b <= 5 and not is_clause_break(toks[k]) \
            and toks[k].lower not in lx.PREPOSITIONS and toks[k].lower not in _PREDICATE_STOP:
        k += 1
    if k == b + 1:
        return None
    return doc.text[toks[b].start:toks[k - 1].end]


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
        minute = b < len(sent.tokens) and sent.tokens[b].lower in ("minute", "min")
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
        if prep == "by" or (prep is None and lemma in lx.CHANGE_VERBS and lemma not in ("raise", "cut", "lose", "gain", "boost", "reduce")):
            return "By how much", None
        if prep is None:
            return "How much", None
        if prep == "for":
            return "For how much", None
        if prep in ("to", "from", "at", "with", "on"):
            return "How much", prep
        return None
    if t == "percent":
        of = _of_phrase(doc, sent, b)
        if of and prep is None and lemma not in lx.CHANGE_VERBS:
            return f"What share {of}", None
        if prep == "by" or (prep is None and lemma in lx.CHANGE_VERBS):
            return "By how much", None
        if prep in ("to", "from") and lemma in lx.CHANGE_VERBS:
            return "What percentage", prep
        return None
    if t in ("number", "quantity"):
        unit = ent.info
        if not unit:
            return None
        if prep is None:
            return f"How many {unit}", None
        if prep == "by":
            return f"By how many {unit}", None
        if prep in ("to", "from", "with", "for", "in", "on", "against"):
            return f"How many {unit}", prep
        return None
    if t in ("place", "organisation") and prep is None and lemma in _TEAM_VERBS:
        return "Which team", None  # "Chelsea beat Liverpool": a club, not a city
    if t == "place":
        if prep in ("in", "at"):
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
        if prep in ("to", "with", "for", "against", "from", "by", "about"):
            return "Who", prep
        return None
    if t == "organisation":
        wh = _ORG_WH.get(ent.info, "Which organisation")
        if prep is None:
            return wh, None
        if prep in ("to", "with", "for", "against", "from", "by", "at", "in", "into", "on"):
            return wh, prep
        return None
    return None


# ---------------------------------------------------------------- question builders

def object_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                    ) -> tuple[str, tuple] | None:
    """Question for an answer after the verb (or in an introductory adjunct)."""
    toks = sent.tokens
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail):
        return None  # "Where is the musical not expected?" reads oddly and asks little
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None:
        return None
    subject, bare_pronoun = resolved
    flags = ("pronoun_subject",) if bare_pronoun else ()
    if clause.intro and clause.intro[0] <= a and b <= clause.intro[1] + 1:
        if a == clause.intro[0] and ent.type == "date" and b in (clause.intro[1], clause.intro[1] + 1):
            prep = None  # "Last year, ..." / "Last year it made ...": the whole opener is the answer
        else:
            if a != clause.intro[0] + 1 or b != clause.intro[1]:
                return None
            prep = toks[clause.intro[0]].lower
            if prep not in lx.PREPOSITIONS or ent.type not in ("date", "year", "time", "place"):
                return None  # "With IPTV, the speed is ...": only when/where adjuncts open a sentence
        pred = predicate_text(doc, sent, vg.end)
        if pred is None:
            return None
        middle = pred[0]
        strand_ok = True
    elif a >= vg.end:
        between = toks[vg.end:a]
        prep = None
        if ent.type == "time" and len(between) >= 2 and between[-1].lower == "the":
            between = between[:-1]  # "in the 89th minute"
        if between and between[-1].lower in lx.PREPOSITIONS:
            prep = between[-1].lower
            between = between[:-1]
        if len(between) > 10 or any(is_clause_break(t) or t.lower in _BETWEEN_STOP for t in between):
            return None
        if any(t.lower in _CLAUSE_SUBJECTS or (k and t.lower in ("it", "you")) for k, t in enumerate(between)):
            return None  # "waiting for a commission he appointed in February": a relative clause
        if between and between[-1].lower in _NP_INTERNAL and (
                prep is None or between[-1].lower in ("earlier", "later", "early", "late")):
            return None  # "complete its $4.5bn acquisition": the answer is inside a phrase
        if any((not t.text.isalpha() and any(ch.isdigit() for ch in t.text)) or t.lower in lx.IRREGULAR_PAST
               or t.lower in lx.FINITE_AUX
               or t.lower in lx.NUMBER_WORDS for t in between) or any(
                t.lower == "to" and u.lower in _VERB_LEMMAS for t, u in zip(between[1:], between[2:])):
            # (an infinitive right after the verb is fine: "is forecast to grow by 3.5%")
            return None  # another number or a second verb in between makes a clumsy question
        if ent.type in ("date", "year", "time", "place") and any(
                t.text.islower() and t.lower.endswith("ed") and u.lower not in lx.FUNCTION_WORDS
                for u, t in zip(between, between[1:])):
            return None  # "plans agreed in Lisbon in 2000": the date belongs to the participle
        if ent.type in ("date", "year") and len(between) >= 6 and sum(t.lower in lx.PREPOSITIONS for t in between) >= 2:
            return None  # "growth for the trade-driven economy in 2005": the year may qualify the noun
        if between and between[-1].lower in ("it", "them", "him", "her") and ent.type in NUMERIC_TYPES:
            return None  # "made it 13 wins": an idiom, not an object
        if between and prep is None and ent.type in ("number", "quantity", "percent", "money") \
                and not (len(between) == 1 and between[0].lower in ("up", "down")):
            return None  # "boost speeds up to 75 megabits": the object is the other phrase
        if any(t.text.islower() and ing_lemma(t.lower) for t in between):
            return None  # "led the race going into the ceremony with": a clause inside
        if ent.type == "date" and prep == "on" and not between and (vg.lemma or vg.main) in _ON_ARGUMENT_LEMMAS:
            return None  # "betting on 5 May": the date is what is bet on, not when
        if ent.type == "date" and ent.confidence < 0.8 and (len(between) > 4 or any(
                t.lower in lx.PREPOSITIONS for t in between)):
            return None  # "a strike earlier this year": a relative date may qualify the noun
        if len(between) >= 2 and between[-1].lower.endswith(("ed", "en")) and between[-1].text.islower() \
                and between[-2].lower not in lx.FUNCTION_WORDS:
            if prep == "by":
                return None  # "consistent with another announced by MOTIE": the agent of the participle
            between = between[:-1]  # "broke a promise made in 2003": drop the participle
        if len(between) == 1 and between[0].lower in ("up", "down", "out", "off"):
            pass
        middle = doc.text[between[0].start:between[-1].end] if between else ""
        strand_ok = True
    else:
        return None
    after = b + (1 if ent.type in ("number", "quantity") else 0)
    if after < len(toks) and verb_group_at(toks, after):
        return None  # the answer is the subject of a following clause, not an object
    if after + 1 < len(toks) and toks[after].lower == "to" and toks[after + 1].text.islower() \
            and ent.type in ("person", "organisation", "place"):
        return None  # "forced President Kirchner to suspend ...": the object of a complement
    if ent.type in ("person", "organisation") and prep is None and (vg.lemma or vg.main) in _SMALL_CLAUSE_LEMMAS:
        return None  # "may make Gavin Henson his first-choice kicker": the complement is lost
    if ent.type in ("person", "organisation", "place"):
        if prep is None and middle:
            return None  # "owns 8% of search-engine Google": the name sits inside a larger phrase
        if b < len(toks) and not (is_clause_break(toks[b]) or toks[b].lower in lx.FUNCTION_WORDS):
            return None  # "contacted US net registrars": the name modifies a noun
    if ent.type in ("percent", "money") and prep is None and vg.kind == "aux" and vg.head in lx.BE_FORMS \
            and middle in ("up", "down") and not vg.tail:
        # "Net profit was up 6%" -> "By how much was net profit up?"
        question = f"By how much {vg.head} {subject} {middle}?"
        return capitalise_first(question), flags
    phrase = wh_phrase(doc, sent, ent, b, prep, vg.lemma or vg.main)
    if phrase is None or not strand_ok:
        return None
    wh, strand = phrase
    if strand and strand != "by" and vg.kind == "aux" and (vg.head in lx.BE_FORMS or "been" in vg.tail) \
            and vg.main.endswith(("ed", "en")) and ent.type in ("person", "organisation"):
        return None  # "Which organisation have four movies been announced for?"
    if (vg.lemma in lx.REPORTING_VERBS or vg.main in ("said", "says", "told")) and (
            not middle or vg.lemma in _SPEECH_LEMMAS):
        return None  # "When did Time Warner say?", "When did X tell MPs?": the news is cut off
    bare_copula = vg.kind == "aux" and (vg.head in lx.BE_FORMS or vg.tail == ("be",)) and not vg.main
    if bare_copula and (ent.type in NUMERIC_TYPES or ent.type == "year"
                        or (ent.type in ("place", "date") and middle)):
        return None  # "How much was the euro ... at?": no event to ask about
    if middle and toks[vg.end].lower == "to" and vg.kind != "aux" and vg.end + 1 < len(toks) \
            and toks[vg.end + 1].lower in _VERB_LEMMAS:
        return None  # "forced to return to London": the verb's own clause is elsewhere
    if vg.kind == "aux" and not vg.tail and not middle and not strand:
        return None  # "When was the deadline?" is fine, but "Where is he?" alone says little
    words = [wh, _inverted(clause, subject)]
    if middle:
        words.append(middle)
    if strand:
        words.append(strand)
    if prep is None and not strand and ent.type in ("duration", "money", "number", "quantity"):
        after = b + (1 if ent.type in ("number", "quantity") else 0)
        pp = _following_pp(doc, sent, after)
        if pp and (ent.type == "duration" or pp.split()[0].lower() in ("for", "on")):
            # "spent three weeks at the top" -> "How long ... spend at the top?",
            # "paid $40m for the quarry" -> "How much ... pay for the quarry?"
            words.append(pp)
    return capitalise_first(" ".join(words)) + "?", flags


def _following_pp(doc: Doc, sent: Sentence, b: int) -> str | None:
    toks = sent.tokens
    if b >= len(toks) or toks[b].lower not in lx.PREPOSITIONS or toks[b].lower == "of":
        return None
    k = b + 1
    while k < len(toks) and k - b <= 4 and not is_clause_break(toks[k]) \
            and toks[k].lower not in lx.PREPOSITIONS and toks[k].lower not in _PREDICATE_STOP:
        k += 1
    if k == b + 1 or toks[k - 1].lower in lx.FUNCTION_WORDS:
        return None
    return doc.text[toks[b].start:toks[k - 1].end]


def _role_prefix(doc: Doc, sent: Sentence, clause: Clause, a: int) -> str | None:
    """Words before a name inside the subject that say what the person is ("Manager",
    "Former Boyzone singer"), usable as "Which <role>"."""
    toks = sent.tokens
    prefix = toks[clause.subj_start:a]
    if not prefix or len(prefix) > 4:
        return None
    if prefix[-1].lower not in lx.ROLE_WORDS and prefix[-1].lower not in lx.ORG_CUES:
        return None
    if any(not t.text.isalpha() and "-" not in t.text for t in prefix) or any(t.lower in ("and", "or") for t in prefix):
        return None  # ("Trump and Chinese leader Xi Jinping": two people, not one role)
    if prefix[0].lower in ("the", "a", "an", "this", "its", "their") or any(
            t.lower.endswith("est") for t in prefix):
        return None  # "The biggest phone company BT": "Which ..." would not fit
    words = [t.text for t in prefix]
    first = prefix[0]
    keep = doc.is_proper(first, clause.subj_start == 0) or (
        first.lower not in doc.lower_words and first.lower not in lx.ROLE_WORDS
        and first.lower not in lx.FUNCTION_WORDS and first.lower not in ("former", "new", "chief", "top"))
    if not keep:
        words[0] = words[0].lower()
    if words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) if words else None


def numeric_subject_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                             ) -> str | None:
    """A count or share that opens the subject: "About 50,000 people took out loans" -> "How
    many people took out loans?"; "40% of voters backed it" -> "What share of voters backed it?"."""
    toks = sent.tokens
    lead = toks[clause.subj_start:a]
    if any(t.lower not in ("an", "estimated", "some", "about", "around", "nearly", "almost", "more",
                           "than", "over", "up", "to") for t in lead):
        return None
    rest = toks[b:clause.subj_end]
    if ent.type in ("number", "quantity"):
        if not rest or any(not t.text[:1].isalpha() for t in rest) or len(rest) > 5:
            return None
        wh = "How many"
    elif ent.type == "percent":
        if len(rest) < 2 or rest[0].lower != "of" or len(rest) > 6:
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
    verb_text = doc.text[toks[vg.start].start:toks[vg.end - 1].end]
    rest_text = doc.text[rest[0].start:rest[-1].end]
    return f"{wh} {rest_text} {verb_text} {pred[0]}?"


def subject_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                     ) -> tuple[str, tuple, str] | None:
    """Question for a person or organisation that is the subject: keep the verb."""
    if ent.type not in ("person", "organisation") or b != clause.subj_end:
        return None
    toks = sent.tokens
    if a == clause.subj_start:
        wh = "Who" if ent.type == "person" else _ORG_WH.get(ent.info, "Which organisation")
    else:
        role = _role_prefix(doc, sent, clause, a)
        if role is None:
            return None
        wh = f"Which {role}"
    vg = clause.verb
    if vg.kind == "aux" and not vg.main and not any(t.lower in ("to", "due") for t in toks[vg.end:vg.end + 1]):
        return None  # "Who was right to go to court?": a bare copula asks for an opinion
    verb_text = doc.text[toks[vg.start].start:toks[vg.end - 1].end]
    speech = vg.main in _SPEECH_VERBS or (vg.lemma in ("say", "tell", "add") and vg.kind != "aux")
    pred = predicate_text(doc, sent, vg.end, limit=10, allow_clause=speech)
    if pred is None:
        return None
    rest, used = pred
    kind = "wh"
    if speech:
        kind = "quote"
        if used < 4 or not any(verb_group_at(toks, m) for m in range(vg.end + 1, vg.end + used)):
            return None  # "Who told Five's Wright Stuff show?": the reported words are missing
    if not rest or used < 2:
        return None
    if kind == "wh" and (vg.lemma or vg.main) in lx.REPORTING_VERBS and (
            used < 3 or toks[vg.end].lower in lx.PREPOSITIONS):
        return None  # "Which club revealed on Sunday?": the revealed content was cut off
    return f"{wh} {verb_text} {rest}?", ("subject_question",), kind


def passive_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                     ) -> str | None:
    """"X was written by Mike Read" -> "Who wrote X?"."""
    vg = clause.verb
    toks = sent.tokens
    if ent.type not in ("person", "organisation") or vg.head not in ("was", "were"):
        return None
    if vg.end >= len(toks) or toks[vg.end].lower != "by" or not vg.main:
        return None
    if vg.main in lx.IRREGULAR_PARTICIPLE_TO_PAST:
        past = lx.IRREGULAR_PARTICIPLE_TO_PAST[vg.main]
    elif vg.main.endswith("ed"):
        past = vg.main
    else:
        return None
    if any(w not in (vg.main,) for w in vg.tail):
        return None  # "was not sold", "was also sold": keep it simple and exact
    role_tokens = toks[vg.end + 1:a]
    if len(role_tokens) > 3 or any(not t.text.isalpha() for t in role_tokens):
        return None
    if b < len(toks) and not is_clause_break(toks[b]) and toks[b].lower not in ("in", "on", "at", "for"):
        return None
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None or resolved[1]:
        return None
    subject = resolved[0]
    if role_tokens:
        if role_tokens[-1].lower not in lx.ROLE_WORDS and role_tokens[-1].lower not in lx.ORG_CUES:
            return None
        words = [t.text for t in role_tokens if t.lower not in ("the", "a", "an")]
        wh = "Which " + " ".join(words)
    else:
        wh = "Who" if ent.type == "person" else _ORG_WH.get(ent.info, "Which organisation")
    return f"{wh} {past} {subject}?"


def passive_reverse_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, question: str
                             ) -> Candidate | None:
    """The other side of "The song was written by Mike Read": "What did Mike Read write?"
    (answer: "The song"), when the subject is a short noun phrase with a determiner."""
    toks = sent.tokens
    subj = toks[clause.subj_start:clause.subj_end]
    if not subj or len(subj) > 6 or subj[0].lower not in ("the", "a", "an", "its", "his", "her", "their") \
            or any(not t.text[:1].isalnum() for t in subj) or subj[-1].lower in lx.FUNCTION_WORDS:
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
    return Candidate(f"What did {name} {lemma}?", subj[0].start, subj[-1].end, "thing", "wh", sent.index,
                     0.6, ())


def _is_possessive(sent: Sentence, b: int) -> bool:
    return b < len(sent.tokens) and sent.tokens[b].text in ("'s", "’s", "'", "’")


_THAT_CONJUNCTIONS = frozenset("so such now given except provided so that".split())


def relative_that(sent: Sentence, cs: int) -> bool:
    """Does the clause at cs follow a relative "that" ("the cost that NASA has yet to
    disclose")? Its object is missing, so questions about it would have a gap."""
    toks = sent.tokens
    if cs < 2 or toks[cs - 1].lower != "that":
        return False
    prev = toks[cs - 2]
    if prev.text in (",", ":", ";", "—", "–", "-") or prev.lower in _THAT_CONJUNCTIONS or not prev.text.isalpha():
        return False
    for t in toks[max(0, cs - 6):cs - 1]:  # "said on Friday that ...": a reporting verb before
        word = t.lower
        lemma = ed_lemma(word) or lx.IRREGULAR_PAST.get(word) or (word[:-1] if word.endswith("s") else word)
        if lemma in lx.REPORTING_VERBS or word in lx.REPORTING_VERBS or word in _REPORTED:
            return False  # a content clause, not a relative one
    word = prev.lower
    if word in lx.FINITE_AUX or (ed_lemma(word) or word) in _NO_OBJECT_LEMMAS or word in _CALENDAR_WORDS:
        return False  # "is that ...", "found that ..."
    return word not in lx.FUNCTION_WORDS and not word.endswith("ly")


@register_generator("wh")
def generate_wh(doc: Doc, options: dict):
    """Typed wh-questions: object/adjunct answers, subject names, passive agents."""
    for sent in doc.sentences:
        toks = sent.tokens
        if len(toks) < 5 or not sent.entities or sent.skip:
            continue
        starts = doc.clause_starts(sent)
        for ent in sent.entities:
            a, b = answer_span(sent, ent)
            possessive = _is_possessive(sent, b)
            if (possessive and ent.type not in _POSSESSIVE_WH) or is_coordinated(sent, a, b) \
                    or doc.in_quote(sent, a):
                continue
            if a > 0 and toks[a - 1].text == "(" or (b < len(toks) and toks[b].text == ")"):
                continue  # a conversion or aside in brackets: "$1.13bn (£600m)"
            for cs in reversed(starts[:bisect_right(starts, a)]):  # (the starts s <= a)
                clause = doc.clause(sent, cs)
                if clause is None:
                    continue
                if relative_that(sent, cs):
                    break
                start, end = toks[a].start, toks[b - 1].end
                if possessive:
                    if a >= clause.verb.end:
                        q = possessive_object_question(doc, sent, clause, ent, a, b)
                        if q:
                            yield Candidate(q, start, end, ent.type, "wh", sent.index, ent.confidence, ())
                    break
                if clause.subj_start <= a and b <= clause.subj_end and ent.type in ("number", "quantity", "percent"):
                    q = numeric_subject_question(doc, sent, clause, ent, a, b)
                    if q:
                        yield Candidate(q, start, end, ent.type, "wh", sent.index, ent.confidence,
                                        ("subject_question",))
                    break
                if clause.subj_start <= a and b <= clause.subj_end:
                    made = subject_question(doc, sent, clause, ent, a, b)
                    if made:
                        q, flags, kind = made
                        yield Candidate(q, start, end, ent.type, kind, sent.index, ent.confidence, flags)
                    break
                if a >= clause.verb.end or (clause.intro and clause.intro[0] <= a < clause.intro[1] + 1):
                    q = passive_question(doc, sent, clause, ent, a, b)
                    if q:
                        yield Candidate(q, start, end, ent.type, "wh", sent.index,
                                        ent.confidence, ("passive",))
                        reverse = passive_reverse_question(doc, sent, clause, ent, q)
                        if reverse:
                            yield reverse
                        break
                    made = object_question(doc, sent, clause, ent, a, b)
                    if made:
                        q, flags = made
                        yield Candidate(q, start, end, ent.type, "wh", sent.index, ent.confidence, flags)
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


@lru_cache(maxsize=1 << 16)  # pure: called for the same words over and over
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
    toks = sent.tokens
    n = len(toks)
    if k >= n or toks[k].lower in _NP_START_SKIP or toks[k].lower in lx.PREPOSITIONS \
            or is_clause_break(toks[k]) or toks[k].lower.endswith("ly") or toks[k].lower in lx.FINITE_AUX:
        return None
    j = k
    seen_of = False
    while j < n and j - k < 8:
        t = toks[j]
        if is_clause_break(t) or t.lower in _BETWEEN_STOP or t.lower in ("to", "than", "such", "including"):
            break
        if t.lower in lx.PREPOSITIONS:
            if t.lower == "of" and not seen_of and j > k:
                seen_of = True
                j += 1
                continue
            break
        if j > k and t.text.islower() and t.text.isalpha() and not t.lower.endswith("s") \
                and verb_group_at(toks, j):
            break  # a finite verb ends the phrase; an -s word inside it is a plural noun
        j += 1
    if j == k or j - k >= 8:
        return None
    nxt = toks[j] if j < n else None
    if nxt is not None and not (is_clause_break(nxt) or nxt.lower in lx.PREPOSITIONS
                                or nxt.lower in ("that", "which", "who", "to", "as", "after", "before",
                                                 "because", "while", "when", "since", "despite", "such",
                                                 "and", "or", "including")):
        return None
    if nxt is not None and nxt.lower in ("and", "or") and verb_group_at(toks, j + 1) is None:
        return None  # "cattle and medicines": a list (but "the rise and wants ..." is fine)
    if nxt is not None and (nxt.lower == "to" or nxt.text in ('"', "“", "”", "'", "‘")):
        return None  # an infinitive or a quoted title follows: the phrase is not whole
    if nxt is not None and nxt.text == ",":
        # "cattle, medicines and medical equipment": a list would make the answer incomplete.
        for t in toks[j + 1:j + 6]:
            if t.lower in ("and", "or"):
                return None
            if is_clause_break(t) and t.text != ",":
                break
    if any(t.lower == "of" for t in toks[k:j]) and any(t.lower.endswith("ing") for t in toks[k:j]):
        return None  # "a point of wearing ...": an idiom with a gerund
    if not toks[j - 1].text.isalpha() and "-" not in toks[j - 1].text:
        return None  # "a $1.3bn": the phrase was cut before its noun
    if j - k == 1 and not (toks[k].text.islower() and toks[k].lower.endswith(
            ("s", "ion", "ment", "ance", "ence", "ity", "ness", "ship", "ure"))):
        return None  # a lone word is only safe as a noun by its form ("roads", "success", "support")
    last = toks[j - 1]
    if last.text.islower() and j - k > 1 and (last.lower in lx.IRREGULAR_PARTICIPLE_TO_PAST
                                               or (last.lower.endswith("ed") and ed_lemma(last.lower))):
        return None  # "the award chosen (by ...)": a participle clause was cut
    if last.lower in _PARTICLES and j - k > 1:
        return None  # "wanted his work back": a particle ends a complement, not the object
    if last.lower in _CALENDAR_WORDS:
        return None  # "passed a bill Tuesday": a bare date glued to the phrase
    if last.lower in lx.NUMBER_WORDS or last.lower in ("one", "first", "second", "third", "last", "latest"):
        return None  # "the defection of one (of his MPs)": cut before its noun
    if last.lower in lx.FUNCTION_WORDS or last.lower.endswith("ly") or not last.text[:1].isalnum() \
            or last.lower in _NON_OBJECT_WORDS or last.text in ("'s", "’s"):
        return None
    if any(t.lower in _NON_OBJECT_WORDS or t.lower in _NP_BLOCKERS for t in toks[k:j]):
        return None
    if last.lower.endswith("ing") and j - k > 1:
        return None  # "the nominations going": a participle clause starts inside
    if any(t.text.islower() and ing_lemma(t.lower) and u.lower not in lx.FUNCTION_WORDS
           for u, t in zip(toks[k:j], toks[k + 1:j])):
        return None  # "a study showing Indiana": a participle clause inside the phrase
    if any(t.text[0].isdigit() and not any(ch.isalpha() or ch == "%" for ch in t.text) for t in toks[k + 1:j]):
        return None  # "Tommy Robredo 7-6": a bare score or figure glued to the phrase
    if j - k >= 2 and toks[k].text[:1].isupper() and toks[k + 1].text[:1].isupper() \
            and not any(t.text in ("'s", "’s") for t in toks[k:j]):
        return None  # "Irakli Labadze of the Republic": a name, not a thing
    if all(t.text[:1].isupper() or t.lower in ("of", "&") for t in toks[k:j]):
        return None  # an untyped name: "What" would be the wrong question word
    if j - k >= 2 and toks[j - 1].text[:1].isupper() and toks[j - 2].text[:1].isupper() \
            and not any(t.lower == "of" for t in toks[k:j]):
        return None  # "former Royal butler Paul Burrell": a person, not a thing
    if j - k == 1 and toks[k].lower in _NP_DETERMINERS:
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
    """The object phrase toks[a:b] with the prepositional phrase that completes it ("a
    campaign against child cruelty", "lawsuits against 80 banks"), or None when the phrase
    stays incomplete or says nothing alone ("its spot", "concerns", "a challenge")."""
    toks = sent.tokens
    n = len(toks)
    counted = toks[a].text[:1].isdigit() or toks[a].lower in lx.NUMBER_WORDS
    if b < n and not counted and toks[b].lower in _NP_COMPLEMENT_PREPS and not (toks[b].lower == "of" and any(
            t.lower == "of" for t in toks[a:b])) and lemma not in _OWN_PP_LEMMAS:
        k = b + 1
        joined = False
        while k < n and k - b <= 7:
            t = toks[k]
            if t.lower in ("and", "or") and not joined and k > b + 1 and k + 1 < n \
                    and not verb_group_at(toks, k + 1) and toks[k + 1].lower not in _PREDICATE_STOP:
                joined = True  # "deals with Chelsea and Celtic": one list inside the phrase
                k += 1
                continue
            if is_clause_break(t) or t.lower in _PREDICATE_STOP or t.lower in ("to", "than", "including", "such") \
                    or (t.lower in lx.PREPOSITIONS and t.lower != "of") or t.lower in lx.FINITE_AUX \
                    or t.lower.endswith(("n't", "n’t")):
                break
            if t.text.islower() and t.text.isalpha() and not t.lower.endswith("s") and verb_group_at(toks, k):
                break
            k += 1
        end_tok = toks[k] if k < n else None
        pp = toks[b + 1:k]
        if any(e.type in _ADJUNCT_TYPES and sent.token_span[e][0] < k and sent.token_span[e][1] > b
               for e in sent.entities) or (pp and pp[0].text[:1].isdigit()) \
                or any(t.lower in _NON_OBJECT_WORDS or t.lower in ("first", "decades", "ago") for t in pp):
            pass  # "bought the rights for $4m", "held the ceremony for the first time": an adjunct
        elif not pp or (end_tok is not None and not (is_clause_break(end_tok) or end_tok.lower in lx.PREPOSITIONS
                                                     or end_tok.lower in ("that", "which", "who", "to", "as", "after",
                                                                          "before", "because", "while", "when",
                                                                          "since", "despite"))):
            return None  # "reports from the clubs and the police": the phrase runs on
        elif end_tok is not None and end_tok.text == "," and any(
                t.lower in ("and", "or") for t in toks[k + 1:k + 6]
                if not any(is_clause_break(u) and u.text != "," for u in toks[k + 1:toks.index(t, k + 1)])):
            return None  # "pain for farmers, companies and consumers": a list was cut
        elif (pp[-1].lower in lx.FUNCTION_WORDS and not pp[-1].text[:1].isupper()) or not pp[-1].text[:1].isalnum() \
                or pp[-1].text in ("'s", "’s") or pp[-1].lower.endswith("ly") \
                or any(t.text.islower() and ing_lemma(t.lower) for t in pp) \
                or any(t.text[:1].isdigit() and not any(ch.isalpha() for ch in t.text) and t is pp[-1] for t in pp):
            return None
        else:
            return a, k
    words = [t.lower for t in toks[a:b]]
    if words[0] in _POSSESSIVE_DETS and len(words) == 2:
        return None  # "its spot", "his comments": whose and which is left unsaid
    core = [w for w in words if w not in _NP_DETERMINERS and w not in _POSSESSIVE_DETS]
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
    toks = sent.tokens
    if any(t.lower in _NP_DETERMINERS or t.lower in _POSSESSIVE_DETS or t.lower in ("each", "every", "all")
           for t in toks[a + 1:b]) or any(t.text.islower() and ing_lemma(t.lower) for t in toks[a:b]):
        return False
    if toks[a].text[:1].isupper():
        return False  # "called Smith a liar", "named Jones captain"
    if b >= len(toks):
        return True
    nxt = toks[b]
    return (is_clause_break(nxt) and nxt.text not in ('"', "“", "”", "'", "‘", "’", "-", "–", "—", "(")) \
        or nxt.lower in _OBJECT_END_PREPS


def what_object_question(doc: Doc, sent: Sentence, clause: Clause) -> Candidate | None:
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and vg.head in lx.DO_FORMS):
        return None
    if vg.kind == "aux":
        if not vg.main or vg.main in ("been", "being", "had", "have", "done"):
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
    if lemma and sent.tokens[clause.subj_end - 1].lower == lemma:
        return None  # "The honour honours figures": asking it reads as a riddle
    if not lemma or lemma in _NO_OBJECT_LEMMAS or lemma in _CLAUSE_OBJECT_LEMMAS:
        return None
    two_place = lemma in _COMPLEMENT_LEMMAS or lemma in _DITRANSITIVE_LEMMAS
    if two_place and lemma not in _PLAIN_OBJECT_TOO:
        return None
    particle = ""
    toks = sent.tokens
    if vg.end + 1 < len(toks) and toks[vg.end].lower in _PARTICLES \
            and toks[vg.end + 1].lower in _PARTICLE_OBJECT_OPENERS:
        particle = toks[vg.end].lower  # "has thrown out a bill" -> "What has ... thrown out?"
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
    if b - a <= 2 and b + 1 < len(toks) and toks[b].lower in ("that", "which", "who") \
            and toks[b + 1].lower not in ("is", "was", "are", "were"):
        return None  # "created a speaker that sounds ...": the relative clause says which one
    if two_place and not _plain_object(sent, a, b):
        return None
    if lemma in _SUPPLY_LEMMAS and b < len(toks) and toks[b].lower == "with":
        return None
    if any(sent.token_span[e] == (a, b) for e in sent.entities):
        return None  # a typed answer gets a typed question
    resolved = resolved_subject(doc, sent, clause)
    if resolved is None:
        return None
    subject, bare = resolved
    question = capitalise_first(f"What {_inverted(clause, subject)}{' ' + particle if particle else ''}") + "?"
    return Candidate(question, toks[a].start, toks[b - 1].end, "thing", "wh", sent.index, 0.6,
                     ("pronoun_subject",) if bare else ())


@register_generator("what")
def generate_what(doc: Doc, options: dict):
    """Direct-object questions: "Nvidia announced a new chip" -> "What did Nvidia announce?"."""
    for sent in doc.sentences:
        toks = sent.tokens
        if len(toks) < 5 or sent.skip:
            continue
        for cs in doc.clause_starts(sent):
            if doc.in_quote(sent, cs):
                continue
            clause = doc.clause(sent, cs)
            if clause is None or relative_that(sent, cs):
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
    toks = sent.tokens
    a, b = clause.subj_start, clause.subj_end
    subj = toks[a:b]
    if not 2 <= len(subj) <= 6 or subj[0].lower not in ("the", "a", "an"):
        return None
    if any(not (t.text[:1].isalnum()) or t.lower in _CLAUSE_SUBJECTS or t.lower in ("of", "and", "or")
           for t in subj[1:]) or subj[-1].lower in lx.FUNCTION_WORDS:
        return None
    last = subj[-1].lower
    if any(t.text[:1].isupper() for t in subj[1:]) or (b < len(toks) and toks[b].text in (",", "(", "-", "–", "—")):
        return None  # "the national carrier, Qantas,": a name in an aside, asked with "Which"
    if last in ("new", "old", "other", "same", "own", "former", "latest", "more", "first", "last", "such"):
        return None  # "The rate on new (financed vehicles)": the verb was misread inside the subject
    if last in _ANIMATE_HEADS or (len(last) > 4 and last.endswith(_ANIMATE_SUFFIXES)) or "-old" in last:
        return None  # "the investigators", "the 30-year-old": people are not asked with "What"
    if last in lx.ROLE_WORDS or last in lx.ORG_CUES or last in GENERIC_NOUNS or last in _NON_OBJECT_WORDS \
            or last in ("people", "man", "woman", "men", "women", "family", "children", "fans", "government",
                        "police", "players", "team", "side", "club", "group", "board", "staff", "workers"):
        return None  # "the company", "the minister": who, and which one, is left unsaid
    if subj[-1].text[:1].isupper() or any(sent.token_span[e][0] < b and sent.token_span[e][1] > a
                                          for e in sent.entities):
        return None
    vg = clause.verb
    if vg.start != b or not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and not vg.main):
        return None  # (a verb away from its subject: a second predicate or an aside between)
    if vg.kind == "past" and vg.end < len(toks) and toks[vg.end].lower == "by":
        return None  # "A book published by X": a reduced relative, not the verb
    if (vg.lemma or vg.main) in lx.REPORTING_VERBS or vg.main in _SPEECH_VERBS or vg.lemma in _SPEECH_LEMMAS \
            or (vg.lemma or vg.main) in _CLAUSE_OBJECT_LEMMAS:
        return None
    if (vg.lemma or ing_lemma(vg.main) or vg.main) in _LINKING_LEMMAS or (vg.end < len(toks) and toks[vg.end].lower == "to"):
        return None  # "What seems to be different?", "What begins to hum?": no event is asked about
    pred = predicate_text(doc, sent, vg.end, limit=9)
    if pred is None or pred[1] < 2:
        return None
    nxt = toks[vg.end]
    if vg.kind == "past" and _finite_verb_follows(toks, vg.end):
        return None  # "a cell meant for 35 held 155 men": a reduced relative, not the verb
    if nxt.lower in ("it", "them", "him", "her") and pred[1] <= 3:
        return None  # "What made it look?": the complement was cut off
    if nxt.text.islower() and (nxt.lower in lx.IRREGULAR_PAST or (nxt.lower.endswith("ed") and ed_lemma(nxt.lower))):
        return None  # "the tax cut favoured ...": the real verb follows, the "verb" was a noun
    verb_text = doc.text[toks[vg.start].start:toks[vg.end - 1].end]
    return Candidate(f"What {verb_text} {pred[0]}?", subj[0].start, subj[-1].end, "thing", "wh",
                     sent.index, 0.5, ("subject_question",))


# ---------------------------------------------------------------- "Which company's profits ...?"

_POSSESSIVE_WH = {"organisation": "Which company's", "place": "Which country's", "person": "Whose"}


def possessive_subject_question(doc: Doc, sent: Sentence, clause: Clause) -> Candidate | None:
    """A name that owns the subject: "Sony's profits tripled in 2004" -> "Which company's
    profits tripled in 2004?" (answer: "Sony")."""
    toks = sent.tokens
    ent = next((e for e in sent.entities if sent.token_span[e][0] == clause.subj_start), None)
    if ent is None or ent.type not in _POSSESSIVE_WH:
        return None
    a, b = sent.token_span[ent]
    if b >= clause.subj_end - 1 or toks[b].text not in ("'s", "’s"):
        return None
    head = toks[b + 1:clause.subj_end]
    if not head or len(head) > 4 or any(not t.text.isalpha() or t.text[:1].isupper() for t in head):
        return None
    if ent.type == "place" and ent.info != "country":
        return None
    wh = _POSSESSIVE_WH[ent.type]
    if ent.type == "organisation" and ent.info in ("club", "party"):
        wh = f"Which {ent.info}'s"
    vg = clause.verb
    if not NEGATIONS.isdisjoint(vg.tail) or (vg.kind == "aux" and not vg.main):
        return None  # "Apple's service was a perfect example": too vague to ask
    pred = predicate_text(doc, sent, vg.end, limit=10)
    if pred is None or pred[1] < 1:
        return None
    verb_text = doc.text[toks[vg.start].start:toks[vg.end - 1].end]
    head_text = doc.text[head[0].start:head[-1].end]
    question = f"{wh} {head_text} {verb_text} {pred[0]}?"
    return Candidate(question, ent.start, ent.end, ent.type, "wh", sent.index, ent.confidence,
                     ("subject_question",))


def possessive_object_question(doc: Doc, sent: Sentence, clause: Clause, ent: Entity, a: int, b: int
                               ) -> str | None:
    """"Nvidia bought Arm's chip unit" -> "Which company's chip unit did Nvidia buy?"."""
    toks = sent.tokens
    vg = clause.verb
    if ent.type not in _POSSESSIVE_WH or (ent.type == "place" and ent.info != "country"):
        return None
    k = b + 1
    j = k
    while j < len(toks) and j - k < 3 and toks[j].text.isalpha() and toks[j].text.islower() \
            and toks[j].lower not in lx.FUNCTION_WORDS and toks[j].lower not in lx.PREPOSITIONS \
            and toks[j].lower not in _PARTICLES and toks[j].lower not in _NP_BLOCKERS:
        j += 1
    if j == k or (j < len(toks) and not (is_clause_break(toks[j]) or toks[j].lower in lx.PREPOSITIONS
                                         or toks[j].lower in ("that", "which", "who"))):
        return None
    between = toks[vg.end:a]
    prep = None
    if between and between[-1].lower in lx.PREPOSITIONS:
        prep = between[-1].lower
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
    if ent.type == "organisation" and ent.info in ("club", "party"):
        wh = f"Which {ent.info}'s"
    noun = doc.text[toks[k].start:toks[j - 1].end]
    words = [f"{wh} {noun}", _inverted(clause, resolved[0])]
    if prep:
        words.append(prep)
    return capitalise_first(" ".join(words)) + "?"


@register_generator("whose")
def generate_whose(doc: Doc, options: dict):
    """Possessive subjects asked with "Which company's" / "Which country's" / "Whose"."""
    for sent in doc.sentences:
        toks = sent.tokens
        if len(toks) < 5 or sent.skip or not sent.entities:
            continue
        for cs in doc.clause_starts(sent):
            clause = doc.clause(sent, cs)
            if clause is None or doc.in_quote(sent, clause.subj_start):
                continue
            cand = possessive_subject_question(doc, sent, clause)
            if cand:
                yield cand
