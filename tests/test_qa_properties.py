"""Property tests: whatever the text, every kept pair's answer is exactly at its offset."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.qa import generate_qa
from builder.qa.checks import span_problems
from builder.qa.generators.llm import ground
from builder.qa.text import on_word_boundaries, squad_normalize, tokenize
from test_qa_helpers import article_from

SUBJECTS = ["Harbour Foods", "The council", "Margaret Olsen", "Mr Dalton", "Kestrel Group", "Sales",
            "The firm", "It", "Orbital Mining (OM)", "The London-based Kestrel Group"]
VERBS = ["announced", "rose", "paid", "opened", "has bought", "will open", "lost", "said it owns",
         "was founded", "signed", "sold", "is planning"]
TAILS = ["12% to £40m", "$3.5bn for the quarry", "a new depot in Leeds", "on Monday", "in 1987",
         "3,000 jobs", "for three hours", "at 3pm", "8% of Orbital Mining", "because demand fell",
         "by cutting costs", "5 March 2004", "more than 200 passengers", "by singer Mike Dalton"]
sentence = st.builds(lambda s, v, t, end: f"{s} {v} {t}{end}", st.sampled_from(SUBJECTS),
                     st.sampled_from(VERBS), st.sampled_from(TAILS), st.sampled_from([".", "!", "."]))
quoted = st.builds(lambda q, who: f'"{q}," {who} said.', st.sampled_from(
    ["We will open three more shops", "The results were strong this year", "It is a great day"]),
    st.sampled_from(["Margaret Olsen", "Mr Dalton", "she"]))
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40).map(
    lambda t: (t.strip() or "x") + ".")
paragraphs = st.lists(st.lists(st.one_of(sentence, sentence, quoted, noise), min_size=1, max_size=5),
                      min_size=1, max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.sampled_from(["paragraph", "window", "article"]))
def test_every_kept_pair_is_exact_and_clean(paras, context):
    article, sents = article_from(paras)
    result = generate_qa(article, sents, {"context": context})
    seen = set()
    for rec in result["qa"]:
        assert span_problems(rec) == []
        text, start = rec["answers"]["text"][0], rec["answers"]["answer_start"][0]
        assert rec["context"][start:start + len(text)] == text
        assert text == text.strip() and text
        assert on_word_boundaries(rec["context"], start, start + len(text))
        assert rec["question"].endswith("?")
        key = (rec["context"], squad_normalize(rec["question"]))
        assert key not in seen
        seen.add(key)
        assert rec["context"] in article["text"]
    for c in result["cloze"]:
        assert c["context"][c["answer_start"]:c["answer_start"] + len(c["answer"])] == c["answer"]
        assert c["query"].count(c["placeholder"]) == 1
    assert len({r["id"] for r in result["qa"]}) == len(result["qa"])
    assert generate_qa(article, sents, {"context": context}) == result


@given(st.text(max_size=200))
def test_tokens_are_exact_slices(text):
    for tok in tokenize(text, 7):
        assert text[tok.start - 7:tok.end - 7] == tok.text


@given(st.text(max_size=120), st.integers(0, 119), st.integers(1, 30))
def test_grounding_returns_an_exact_word_span(paragraph, start, size):
    answer = paragraph[start:start + size]
    k = ground(paragraph, answer)
    if k >= 0:
        found = answer.strip().strip(".,;:!?\"'“”")
        assert paragraph[k:k + len(found)] == found
        assert on_word_boundaries(paragraph, k, k + len(found))


@given(st.text(max_size=80))
def test_squad_normalisation_is_idempotent(text):
    once = squad_normalize(text)
    assert squad_normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 a_é.,-٣²\u00a0") | st.characters(codec="utf-8",
                                                                                    exclude_categories=["Cs"])))
def test_digit_word_starts_are_the_regex_matches(text):
    # The str.find path (Latin-1 text) and the regex must agree on every text: digits of other
    # scripts ("٣"), digit-like Latin-1 characters ("²") and "_" before a digit included.
    from builder.qa.entities import _DIGIT_WORD_START, _digit_word_starts

    assert _digit_word_starts(text) == [m.start() for m in _DIGIT_WORD_START.finditer(text)]


_PATTERN_PIECES = ("One", "two", "TWO", "\u017fix", "s\u0131x", "\u0130", "\u212a", "fourteen", "years", "year", "week",
                   "people", "Last", "last", "next", "Earlier", "this", "Yesterday", "tomorrow", "May", "Monday",
                   "on", "in", "until", "mid", "US", "$", "£", "5", "12", "1990", "3rd", "noon", "minute", "pm",
                   "per cent", " ", " ", "\n", "\u00a0", ",", "-", ".", "’", "é", "x")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_PIECES) | st.characters(codec="utf-8", exclude_categories=["Cs"]),
                max_size=25).map("".join))
def test_pattern_matches_from_candidate_starts_are_the_regex_matches(text):
    # The candidate offsets (found with str.find, in the lower case when that keeps every
    # offset) must hold every match start of each pattern: case oddities such as "ſ", which
    # a case-insensitive number word matches as "s", included.
    from builder.qa.entities import _PATTERN_TYPES, COUNT_RE, _candidate_starts, _matches

    starts = _candidate_starts(text, text.lower())
    for kind, regex, _ in (*_PATTERN_TYPES, ("count", COUNT_RE, 0)):
        assert [m.span() for m in _matches(regex, text, starts[kind])] \
            == [m.span() for m in regex.finditer(text)], kind


_NAME_WORDS = ("Police", "London", "John", "Google", "It", "The", "Chief", "Rarely", "NATO", "Smith", "Well-known",
               "Oscar-nominated", "However", "US", "A", "I")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_NAME_WORDS), st.sets(st.sampled_from([w.lower() for w in _NAME_WORDS])),
       st.sets(st.sampled_from([w.lower() for w in _NAME_WORDS])))
def test_sentence_initial_name_start_is_the_written_rule(word, capital, lower):
    # _starts_name asks the (costly) lower-case evidence last; the rule it must keep:
    from builder.qa import gazetteer as gz
    from builder.qa.entities import _ROLE_OR_COMMON, _starts_name, is_capitalised

    low = word.lower()
    known = word in gz.GIVEN_NAMES or word in gz.PLACES or word in gz.COMPANIES
    if not is_capitalised(word) or ("-" in word and word.rsplit("-", 1)[-1].islower()):
        rule = False
    elif low.endswith("ly"):
        rule = low in capital and low not in lower
    elif low in _ROLE_OR_COMMON or low in lower:
        rule = known
    else:
        rule = low in capital or known or word.isupper()
    assert _starts_name(word, low, True, capital, lower) == rule


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab "“”?.,\n\t\u00a0x’\'') | st.characters(codec="utf-8",
                                                                              exclude_categories=["Cs"])))
def test_question_or_quote_tail_from_tokens_matches_the_text(text):
    # The skip flag is read off the tokens: every double quote mark is a token of its own, and
    # the last token holds the last visible character.
    from builder.qa.clause import _QUOTES, is_question_or_quote_tail
    from builder.qa.text import token_columns

    quotes = text.count('"') + text.count("“") + text.count("”")
    expected = "?" in text or (quotes % 2 == 1 and text.rstrip()[-1:] in _QUOTES)
    columns = token_columns(text)
    assert is_question_or_quote_tail(text, columns.quote_marks, len(columns.words)) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé_'’.-,;:\"”)(!?$%0123456789\u0301ª²") | st.characters(
    codec="utf-8", exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"]), min_size=1, max_size=8))
def test_marked_pieces_are_the_token_pattern_matches(piece):
    # A piece of a plain text (no white space) is tokenized once and cached; a word with one
    # mark after it takes a short cut past the regex.
    from builder.qa import text as tx

    if not piece.isprintable():
        return
    tx._MARKED_PIECES.pop(piece, None)
    assert tx._marked_piece(piece) == tx.TOKEN_MARK.join(tx.TOKEN_RE.findall(piece))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=3),
       st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=3))
def test_an_id_continued_from_shared_first_parts_is_the_stable_id_of_all_parts(first, rest):
    # The records of one context hash the (long) context once and continue from a copy.
    from builder.qa.records import continued_id, id_prefix, stable_id

    assert continued_id(id_prefix(*first), *rest) == stable_id(*first, *rest)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ", max_size=30), st.text(alphabet="ab", min_size=1, max_size=3))
def test_occurs_twice_is_a_count_of_two_or_more(text, part):
    # The cloze generator asks whether an answer recurs without counting the whole article.
    from builder.qa.generators.cloze import occurs_twice

    assert occurs_twice(text, part) == (text.count(part) >= 2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('aZé _\'’.-,;:"”)(?$%0123\u00a0\n\x00İΣς')
                        | st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
                min_size=1, max_size=4))
def test_joined_tokens_from_tokenizing_are_the_tokens_joined(texts):
    # The case evidence takes the tokens of all the sentences joined with a mark, and their
    # lower cases, from the tokenizer (which builds them on the way) instead of joining again.
    from builder.qa import text as tx

    columns, joined = tx.article_token_columns(texts)
    assert columns == tx.sentence_token_columns(texts) == [tx.token_columns(t) for t in texts]
    if joined is not None:
        words = [w for c in columns for w in c.words]
        lowers = [w for c in columns for w in c.lowers]
        assert joined == (tx.TOKEN_MARK.join(words), tx.TOKEN_MARK.join(lowers))


@given(st.tuples(st.integers(), st.integers(), st.text(), st.text(), st.lists(st.text()).map(tuple),
                 st.text(), st.text()))
def test_verb_groups_built_in_c_are_the_named_tuples(fields):
    # The parser builds its VerbGroup and Clause tuples with tuple.__new__, not the slower
    # NamedTuple constructor: the objects must be the same.
    from builder.qa.clause import Clause, VerbGroup, _new

    made = _new(VerbGroup, fields)
    assert type(made) is VerbGroup and made == VerbGroup(*fields) and made.main == fields[6]
    clause = _new(Clause, (fields[0], fields[1], fields[1], made, None))
    assert type(clause) is Clause and clause == Clause(fields[0], fields[1], fields[1], made, None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_printable_check_is_str_isprintable(text):
    # ASCII text is checked by deleting its printable bytes, not by str.isprintable.
    from builder.qa.text import _is_printable

    assert _is_printable(text) == text.isprintable()
