"""Each answer type and each generator, on sentences written for these tests."""

from __future__ import annotations

import pytest

from builder.qa import generate_qa, qa_options
from builder.qa.checks import span_problems
from builder.qa.doc import build_doc
from builder.qa.registry import GENERATORS
from test_qa_helpers import article_from, pairs


def candidates(sentences: list[str], generator: str):
    article, sents = article_from([sentences])
    doc = build_doc(article, sents)
    return {(c.question, doc.text[c.answer_start:c.answer_end], c.answer_type)
            for c in GENERATORS[generator](doc, qa_options({}))}


@pytest.mark.parametrize("sentence, question, answer, answer_type", [
    ("Nvidia announced a new chip on Monday.", "When did Nvidia announce a new chip?", "Monday", "date"),
    ("The bakery opened its second shop in 2019.", "In which year did the bakery open its second shop?",
     "2019", "year"),
    ("Profits at Harbour Foods rose 12% last year.", "By how much did profits at Harbour Foods rise?",
     "12%", "percent"),
    ("Orbital Mining paid $40m for the quarry.", "How much did Orbital Mining pay for the quarry?",
     "$40m", "money"),
    ("The airline lost 3,000 passengers after the strike.", "How many passengers did the airline lose?",
     "3,000", "number"),
    ("The ferry carried 500 tonnes of grain to the island.", "How many tonnes did the ferry carry?",
     "500", "quantity"),
    ("The final will start at 3pm on the coast.", "At what time will the final start?", "3pm", "time"),
    ("The council debated the plan for three hours.", "For how long did the council debate the plan?",
     "three hours", "duration"),
    ("The orchestra performed in Vienna during the winter.", "Where did the orchestra perform?",
     "Vienna", "place"),
    ("Margaret Olsen founded the cooperative with her savings.",
     "Who founded the cooperative with her savings?", "Margaret Olsen", "person"),
    ("The song was written by singer Mike Dalton.", "Which singer wrote the song?", "Mike Dalton", "person"),
    ("The town council hired Kestrel Group for the bridge design.", "Which company did the town council hire?",
     "Kestrel Group", "organisation"),
])
def test_typed_wh_question(sentence, question, answer, answer_type):
    assert (question, answer, answer_type) in candidates([sentence], "wh")


def test_reported_clause_pronoun_is_resolved_and_share_of_phrase_is_asked():
    got = candidates(["Time Warner said on Friday that it now owns 8% of search-engine Google."], "wh")
    assert ("What share of search-engine Google does Time Warner now own?", "8%", "percent") in got


def test_what_object_question_inverts_the_verb():
    got = candidates(["Nvidia announced a faster graphics chip at the show."], "what")
    assert ("What did Nvidia announce?", "a faster graphics chip", "thing") in got


def test_what_skips_lists_and_complements():
    assert not candidates(["Venezuela will now import cattle, medicines and medical equipment."], "what")
    got = candidates(["The bill allows people to give somebody the power of attorney."], "what")
    assert {answer for _, answer, _ in got} <= {"The bill"}  # only the subject is asked about


def test_appositive_role_and_age():
    got = candidates(["Jensen Huang, Nvidia's chief executive, said demand was strong.",
                      "Mr Huang, 61, spoke for an hour."], "appositive")
    assert ("Who is Nvidia's chief executive?", "Jensen Huang", "person") in got
    assert ("How old is Mr Huang?", "61", "number") in got


def test_prenominal_role_with_possessive_owner():
    got = candidates(["Nvidia's chief executive Jensen Huang opened the conference."], "appositive")
    assert ("Who is Nvidia's chief executive?", "Jensen Huang", "person") in got


def test_definition_acronym_copula_and_based():
    got = candidates(["The Disasters Emergency Committee (DEC) is co-ordinating the effort.",
                      "Staff at the London-based Kestrel Group voted to strike."], "definition")
    assert ("What does DEC stand for?", "Disasters Emergency Committee", "organisation") in got
    assert ("Where is the Kestrel Group based?", "London", "place") in got


def test_quote_attribution():
    got = candidates(['"We will open three more shops next year," Margaret Olsen said.'], "quote")
    assert ('Who said "We will open three more shops next year"?', "Margaret Olsen", "person") in got


def test_quote_by_pronoun_is_not_asked():
    assert not candidates(['"We will open three more shops next year," she said.'], "quote")


def test_cause_purpose_and_means():
    got = candidates(["The ferry service stopped because the harbour wall collapsed.",
                      "The council raised parking fees in order to fund the new library.",
                      "The club balanced its books by selling two players."], "cause")
    assert ("Why did the ferry service stop?", "the harbour wall collapsed", "clause") in got
    assert ("Why did the council raise parking fees?", "to fund the new library", "clause") in got
    assert ("How did the club balance its books?", "selling two players", "clause") in got


def test_due_to_a_schedule_is_not_a_cause():
    assert not candidates(["The court is due to consider the request on Monday."], "cause")


def test_generate_qa_end_to_end_records_pass_checks():
    article, sents = article_from([
        ["Harbour Foods agreed to buy Kestrel Bakeries for £12m on Tuesday.",
         "Harbour Foods said the deal would create 200 jobs in Leeds."],
        ['"This is a great day for the town," said Margaret Olsen, the firm\'s chief executive.',
         "Kestrel Bakeries was founded in 1987."]])
    result = generate_qa(article, sents, {})
    assert result["qa"], result["rejected"]
    for rec in result["qa"]:
        assert not span_problems(rec), rec
        assert rec["context"] in article["text"]
        assert set(rec) == {"id", "article_id", "title", "context", "question", "answers", "kind", "answer_type"}
    assert ("In which year was Kestrel Bakeries founded?", "1987") in pairs(result)


def test_cloze_is_separate_and_answer_is_elsewhere_in_context():
    article, sents = article_from([["Kestrel Group opened a depot in Leeds.",
                                    "Analysts expect Kestrel Group to hire drivers soon."]])
    result = generate_qa(article, sents, {})
    assert all(r["kind"] != "cloze" for r in result["qa"])
    assert result["cloze"]
    for c in result["cloze"]:
        assert c["query"].count("@placeholder") == 1
        assert c["context"][c["answer_start"]:c["answer_start"] + len(c["answer"])] == c["answer"]
        assert c["query"].replace("@placeholder", c["answer"]) not in c["context"]


def test_context_options_window_and_article():
    article, sents = article_from([["Nvidia announced a faster chip on Monday.", "It costs $500."],
                                   ["Shares in Nvidia rose 4% in 2024."]])
    para = generate_qa(article, sents, {"generators": ["wh"], "cloze": {"enabled": False}})
    whole = generate_qa(article, sents, {"generators": ["wh"], "context": "article",
                                          "cloze": {"enabled": False}})
    window = generate_qa(article, sents, {"generators": ["wh"], "context": "window", "window": 0,
                                           "cloze": {"enabled": False}})
    assert all("\n\n" not in r["context"] for r in para["qa"])
    assert all(r["context"] == article["text"] for r in whole["qa"])
    assert all(r["context"] in [s["text"] for s in sents] for r in window["qa"])


def test_max_per_article_and_determinism():
    article, sents = article_from([["Harbour Foods agreed to buy Kestrel Bakeries for £12m on Tuesday.",
                                    "The firm opened its first shop in 1987.",
                                    "Sales rose 12% to £40m last year."]])
    one = generate_qa(article, sents, {"max_per_article": 1})
    assert len(one["qa"]) == 1
    assert generate_qa(article, sents, {}) == generate_qa(article, sents, {})


def test_ambiguous_question_is_quarantined():
    article, sents = article_from([["Sales rose 4% in Leeds and 9% in York."]])
    result = generate_qa(article, sents, {"generators": ["wh"]})
    assert not any(r["answer_type"] == "percent" for r in result["qa"])
    assert any(r["reason"] == "ambiguous" for r in result["rejected"])


def test_registry_accepts_plugins():
    from builder.qa import register_generator
    from builder.qa.registry import Candidate

    @register_generator("test_fixed")
    def fixed(doc, options):
        start = doc.text.index("Leeds")
        yield Candidate("Where did the firm open a depot?", start, start + 5, "place", "test_fixed", 0, 0.9)

    article, sents = article_from([["Kestrel Group opened a depot in Leeds."]])
    result = generate_qa(article, sents, {"generators": ["test_fixed"]})
    assert pairs(result) == {("Where did the firm open a depot?", "Leeds")}
    with pytest.raises(KeyError):
        generate_qa(article, sents, {"generators": ["no_such_generator"]})


@pytest.mark.parametrize("sentences, question, answer, answer_type, generator", [
    (["Chelsea beat Liverpool 3-1 at Stamford Bridge on Saturday."],
     "By what score did Chelsea beat Liverpool?", "3-1", "score", "wh"),
    (["Owen scored in the 89th minute."], "In which minute did Owen score?", "89th", "time", "wh"),
    (["About 50,000 people signed the petition last week."],
     "How many people signed the petition last week?", "About 50,000", "number", "wh"),
    (["Net profit was up 6% at the bakery chain."], "By how much was net profit up?", "6%", "percent", "wh"),
    (["Harbour Foods bought Kestrel Group's bread unit for a small sum."],
     "Which company's bread unit did Harbour Foods buy?", "Kestrel Group", "organisation", "wh"),
    (["Kestrel Group's profits tripled in the spring."],
     "Which company's profits tripled in the spring?", "Kestrel Group", "organisation", "whose"),
    (["The European Parliament has thrown out a bill on software patents."],
     "What has the European Parliament thrown out?", "a bill", "thing", "what"),
    (["Gere greeted the crowd and signed autographs."], "What did Gere sign?", "autographs", "thing", "what"),
])
def test_more_question_shapes(sentences, question, answer, answer_type, generator):
    assert (question, answer, answer_type) in candidates(sentences, generator)


def test_quote_by_pronoun_is_attributed_to_the_only_person_named_before():
    got = candidates(["Margaret Olsen opened the shop in Leeds.",
                      '"We will open three more shops next year," she said.'], "quote")
    assert ('Who said "We will open three more shops next year"?', "Margaret Olsen", "person") in got
    assert not candidates(["Margaret Olsen met Mike Dalton in Leeds.",
                           '"We will open three more shops next year," she said.'], "quote")


def test_reverse_appositive_asks_who_someone_is():
    got = candidates(["Jensen Huang, Nvidia's chief executive, said demand was strong."], "appositive")
    assert ("Who is Jensen Huang?", "Nvidia's chief executive", "definition") in got


def test_answer_in_question_also_catches_possessives():
    from builder.qa.checks import answer_in_question
    assert answer_in_question("Mr Glazer", "Whose move is led by Mr Glazer's sons?")
    assert not answer_in_question("Glazer", "Whose move is led by the family?")


def test_relative_clause_about_a_name_is_asked():
    got = candidates(["Delta, which lost $646m in the quarter, was forced to cut jobs."], "wh")
    assert ("How much did Delta lose?", "$646m", "money") in got


def test_no_questions_from_imperatives_contractions_or_headline_lists():
    assert not candidates(["Start by clearing out processed snack foods like chips."], "what")
    assert not candidates(["Those features won't hit other platforms until 2020."], "what")
    assert not candidates(["2. Never urged Ukraine to investigate the deal."], "wh")


def test_relative_date_is_a_when_answer():
    got = candidates(["Profits fell sharply last year."], "wh")
    assert ("When did profits fall sharply?", "last year", "date") in got
