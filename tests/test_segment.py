"""builder.segment: offsets, the hard English cases, and properties over arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters

from builder import segment
from builder.segment import adapt_parameters, punkt_parameters, sentence_spans, split_sentences


def check_spans(text: str) -> list[tuple[int, int]]:
    """The span contract: valid, ordered, disjoint, stripped, covering every non-space char."""
    spans = sentence_spans(text)
    covered = [False] * len(text)
    previous_end = 0
    for start, end in spans:
        assert isinstance(start, int) and isinstance(end, int)
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        covered[start:end] = [True] * (end - start)
        previous_end = end
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())
    assert split_sentences(text) == [text[start:end] for start, end in spans]
    return spans


def assert_split(text: str, expected: list[str]) -> None:
    check_spans(text)
    assert split_sentences(text) == expected


# ---------------------------------------------------------------- API


def test_empty_and_blank_texts_have_no_sentences():
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t\u00a0\n ") == []


def test_spans_point_into_the_original_text():
    text = "  The vote passed.   Critics were not happy!\n\nMore later?  "
    spans = check_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "The vote passed.", "Critics were not happy!", "More later?",
    ]
    assert spans[0] == (2, 18)


def test_plain_periods_question_and_exclamation_marks():
    assert_split(
        "The market closed higher. Why did it rise? Nobody knows! Traders were puzzled.",
        ["The market closed higher.", "Why did it rise?", "Nobody knows!",
         "Traders were puzzled."],
    )


def test_repeated_and_mixed_marks_stay_together():
    assert_split("Really?! I had no idea. Wow!!! That is big.",
                 ["Really?!", "I had no idea.", "Wow!!!", "That is big."])


# ---------------------------------------------------------------- abbreviations and titles


def test_titles_before_names_are_not_boundaries():
    assert_split(
        "Mr. Lee met Mrs. Park, Dr. Osei and Prof. Varga. Gen. Ortiz and Sen. Blake arrived later.",
        ["Mr. Lee met Mrs. Park, Dr. Osei and Prof. Varga.",
         "Gen. Ortiz and Sen. Blake arrived later."],
    )


def test_place_titles_before_and_after_names():
    assert_split("They climbed Mt. Kenya and lived on Elm St. near the river.",
                 ["They climbed Mt. Kenya and lived on Elm St. near the river."])
    assert_split("The choir sang at St. Anne's. It was full.",
                 ["The choir sang at St. Anne's.", "It was full."])


def test_company_abbreviations_in_the_middle_and_at_the_end():
    assert_split("Shares of Acme Inc. rose after Bolt Corp. cut prices.",
                 ["Shares of Acme Inc. rose after Bolt Corp. cut prices."])
    assert_split("The deal went to Harlow & Co. It was signed on Friday.",
                 ["The deal went to Harlow & Co.", "It was signed on Friday."])
    assert_split("Profits fell at Delta Ltd. The board met at once.",
                 ["Profits fell at Delta Ltd.", "The board met at once."])


def test_numbering_abbreviations_before_numbers():
    assert_split("See p. 12 and No. 4 in vol. 3 of the report. It is short.",
                 ["See p. 12 and No. 4 in vol. 3 of the report.", "It is short."])


def test_months_before_days_and_at_the_end():
    assert_split("The law took effect on Jan. 1 and was amended in Sept. after a vote.",
                 ["The law took effect on Jan. 1 and was amended in Sept. after a vote."])
    assert_split("Sales peaked in Dec. The new year was slower.",
                 ["Sales peaked in Dec.", "The new year was slower."])


def test_country_abbreviations_before_names_and_at_the_end():
    assert_split("The U.S. Treasury and the U.K. Parliament disagreed.",
                 ["The U.S. Treasury and the U.K. Parliament disagreed."])
    assert_split("She moved to the U.K. Her brother stayed in the U.S. They talk daily.",
                 ["She moved to the U.K.", "Her brother stayed in the U.S.", "They talk daily."])
    assert_split("Prices rose in the U.S. last month.", ["Prices rose in the U.S. last month."])


def test_latin_abbreviations():
    assert_split("Some fruit, e.g. Bananas from Peru, ripens fast.",
                 ["Some fruit, e.g. Bananas from Peru, ripens fast."])
    assert_split("One rule, i.e. The first one, was dropped.",
                 ["One rule, i.e. The first one, was dropped."])
    assert_split("They sold pens, paper, ink etc. The shop closed at six.",
                 ["They sold pens, paper, ink etc.", "The shop closed at six."])


def test_a_common_word_that_looks_like_an_abbreviation_still_ends_a_sentence():
    assert_split("The answer was no. Smith left the room.",
                 ["The answer was no.", "Smith left the room."])


# ---------------------------------------------------------------- initials


def test_initials_are_not_boundaries():
    assert_split("The novel by J. R. R. Tolkien sold well. Harry S. Truman read it.",
                 ["The novel by J. R. R. Tolkien sold well.", "Harry S. Truman read it."])
    assert_split("Our guide was Maria T. Alvarez.", ["Our guide was Maria T. Alvarez."])


def test_pronoun_i_can_end_a_sentence():
    assert_split("It was him and I. Then we left with Henry I. Clarke.",
                 ["It was him and I.", "Then we left with Henry I. Clarke."])


def test_an_initial_before_a_pronoun_ends_the_sentence():
    assert_split("The prize went to Malcolm X. He was not there.",
                 ["The prize went to Malcolm X.", "He was not there."])


# ---------------------------------------------------------------- numbers


def test_decimals_money_and_versions():
    assert_split("Revenue hit $2.5bn, up 3.75% on the year. Version v4.2 ships in 2.5 weeks.",
                 ["Revenue hit $2.5bn, up 3.75% on the year.",
                  "Version v4.2 ships in 2.5 weeks."])


def test_a_number_can_end_a_sentence():
    assert_split("The bill came to £42.50. Nobody paid it.",
                 ["The bill came to £42.50.", "Nobody paid it."])
    assert_split("The firm was founded in 1987. 40 people work there.",
                 ["The firm was founded in 1987.", "40 people work there."])


# ---------------------------------------------------------------- times


def test_times_in_the_middle_and_at_the_end():
    assert_split("The polls open at 7 a.m. on Thursday and close at 10 p.m. Results follow.",
                 ["The polls open at 7 a.m. on Thursday and close at 10 p.m.",
                  "Results follow."])
    assert_split("The talks ended at 4 P.M. Ms. Diaz spoke first.",
                 ["The talks ended at 4 P.M.", "Ms. Diaz spoke first."])


def test_a_time_that_opens_the_sentence_is_not_a_boundary():
    assert_split("By 9 a.m. Police had sealed off the street.",
                 ["By 9 a.m. Police had sealed off the street."])


def test_a_day_or_time_zone_after_the_time_continues_it():
    assert_split("The launch is at 6 p.m. Friday. Tickets are free.",
                 ["The launch is at 6 p.m. Friday.", "Tickets are free."])
    assert_split("Trading opens at 8 a.m. GMT every day.",
                 ["Trading opens at 8 a.m. GMT every day."])


# ---------------------------------------------------------------- lists


def test_numbered_lists_in_running_text():
    assert_split("1. Preheat the oven 2. Mix the flour 3. Bake it",
                 ["1. Preheat the oven", "2. Mix the flour", "3. Bake it"])
    assert_split("1.) Open the box. 2.) Remove the lid.",
                 ["1.) Open the box.", "2.) Remove the lid."])
    assert_split("1) Sign up 2) Log in", ["1) Sign up", "2) Log in"])


def test_lettered_and_roman_lists():
    assert_split("a. Choose a seat b. Sit down c. Relax",
                 ["a. Choose a seat", "b. Sit down", "c. Relax"])
    assert_split("i. Gather facts ii. Write it up iii. Publish",
                 ["i. Gather facts", "ii. Write it up", "iii. Publish"])


def test_bullets_inline_and_at_line_starts():
    assert_split("• 3. Check the tyres • 4. Check the oil",
                 ["• 3. Check the tyres", "• 4. Check the oil"])
    assert_split("What to bring:\n- a tent\n- a stove\n• water",
                 ["What to bring:", "- a tent", "- a stove", "• water"])


def test_a_list_after_a_colon():
    assert_split("Three steps: 1. Mix 2. Knead 3. Bake",
                 ["Three steps:", "1. Mix", "2. Knead", "3. Bake"])
    assert_split("The rule is simple: 1. is the first odd number. Fine.",
                 ["The rule is simple: 1. is the first odd number.", "Fine."])


def test_numbers_that_do_not_follow_on_are_not_a_list():
    assert_split("1. The vote was close with 5 abstentions. It passed.",
                 ["1. The vote was close with 5 abstentions.", "It passed."])


# ---------------------------------------------------------------- ellipses


def test_ellipsis_inside_a_sentence():
    assert_split("He paused ... and then went on. She said . . . nothing at all.",
                 ["He paused ... and then went on.", "She said . . . nothing at all."])
    assert_split("The quote [...] was cut short.", ["The quote [...] was cut short."])


def test_four_dots_end_a_sentence():
    assert_split("It was over.... Everyone went home.",
                 ["It was over....", "Everyone went home."])
    assert_split("The road ends here . . . . A new one starts.",
                 ["The road ends here . . . .", "A new one starts."])


def test_period_then_spaced_ellipsis_opens_the_next_sentence():
    assert_split("The first part ended. . . . The second part was lost.",
                 ["The first part ended.", ". . . The second part was lost."])


def test_attached_ellipsis_before_a_sentence_starter():
    assert_split("We waited... The bus never came.", ["We waited...", "The bus never came."])
    assert_split("The show I'm a Celebrity… Get Me Out of Here! returns.",
                 ["The show I'm a Celebrity… Get Me Out of Here! returns."])


def test_three_dots_before_the_pronoun_i_are_no_boundary():
    assert_split("I thought . . . I was sure of it.", ["I thought . . . I was sure of it."])


# ---------------------------------------------------------------- quotes and brackets


def test_sentence_ending_inside_quotes_and_brackets():
    assert_split('He said, "We won." The crowd cheered.',
                 ['He said, "We won."', "The crowd cheered."])
    assert_split("The plan failed. (Nobody was surprised.) Work resumed.",
                 ["The plan failed.", "(Nobody was surprised.)", "Work resumed."])
    assert_split("“It is done.” She smiled.", ["“It is done.”", "She smiled."])


def test_period_inside_quotes_or_brackets_before_lower_case():
    assert_split('"We are ready." he told reporters.', ['"We are ready." he told reporters.'])
    assert_split("‘Why not?’ she asked.", ["‘Why not?’ she asked."])
    assert_split("The mayor (who had resigned in May.) was absent.",
                 ["The mayor (who had resigned in May.) was absent."])


def test_a_stray_closing_quote_stays_with_its_sentence():
    assert_split('"We will appeal. " The judge left.', ['"We will appeal. "', "The judge left."])


# ---------------------------------------------------------------- names, URLs, files


def test_exclamation_mark_inside_a_name():
    assert_split("He works for Yahoo! in Sunnyvale.", ["He works for Yahoo! in Sunnyvale."])
    assert_split("She read it on Yahoo! News yesterday.",
                 ["She read it on Yahoo! News yesterday."])
    assert_split("Stop! Police are coming.", ["Stop!", "Police are coming."])


def test_urls_emails_and_file_names():
    assert_split("Mail ana.ruiz@example.org. Then open www.example.co.uk/a/b.html today.",
                 ["Mail ana.ruiz@example.org.", "Then open www.example.co.uk/a/b.html today."])
    assert_split("Download report_2024.final.pdf. It is large.",
                 ["Download report_2024.final.pdf.", "It is large."])
    assert_split("See https://example.com/x?id=3. Then reply.",
                 ["See https://example.com/x?id=3.", "Then reply."])


# ---------------------------------------------------------------- paragraphs and headings


def test_blank_line_is_always_a_boundary():
    assert_split("First paragraph without a stop\n\nSecond one\r\n\r\nThird",
                 ["First paragraph without a stop", "Second one", "Third"])


def test_headings_on_their_own_line():
    assert_split("Markets rally\nShares rose on Monday. Oil fell.\nWeather\nRain is due.",
                 ["Markets rally", "Shares rose on Monday.", "Oil fell.", "Weather",
                  "Rain is due."])


def test_wrapped_lines_are_joined():
    text = "The committee said that it would\nreview the decision next week."
    assert split_sentences(text) == [text]


def test_single_newline_after_a_sentence_end():
    assert_split("The vote passed.\nThe bill goes to the Senate.",
                 ["The vote passed.", "The bill goes to the Senate."])


# ---------------------------------------------------------------- parameters


def test_never_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download must not be called")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    fresh = PunktParameters()
    fresh.abbrev_types = {"mr"}
    assert split_sentences("Mr. Kay left. He was tired.", fresh) == ["Mr. Kay left.", "He was tired."]


def test_shipped_parameters_are_english():
    params = punkt_parameters()
    assert {"mr", "inc", "u.s", "etc"} <= params.abbrev_types
    assert "the" in params.sent_starters
    assert params.ortho_context["the"] > 0
    assert punkt_parameters() is not params  # a fresh copy: callers may change it


def test_adapted_parameters_keep_english_and_learn_new_abbreviations():
    corpus = ["The dept. of zool. in Oslo. " * 3 + "Work at the zool. lab in the dept. is hard. " * 30]
    adapted = adapt_parameters(corpus)
    assert "mr" in adapted.abbrev_types
    text = "She joined the zool. Department in May."
    assert split_sentences(text, adapted) == [text]
    assert split_sentences("The Way. It was long.") == ["The Way.", "It was long."]


def test_default_path_is_deterministic():
    text = "Dr. Aziz spoke at 9 a.m. Then he left. • 1. One • 2. Two\n\nEnd"
    assert sentence_spans(text) == sentence_spans(text)


def test_a_long_paragraph_is_fine():
    text = "The quick brown fox jumped over Mr. Jones's fence at 5 p.m. It ran off. " * 20000
    assert len(sentence_spans(text)) == 40000


# ---------------------------------------------------------------- properties

PIECES = st.sampled_from(
    list("aZ9 .?!…\n\t\u00a0\u2029'\"”“()[]•⁃-:,$IiXv")
    + ["Mr", "U.S", "p.m", "etc", "No", "At 5", ". . .", "...", "\n\n", "1.)", "2)", "e.g",
       "Yahoo", "The", "he"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text_gives_valid_spans(text):
    check_spans(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_punctuation_heavy_text_gives_valid_spans(text):
    check_spans(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["One.", "Two!", "Three?", "Mr.", "x", "\n\n", " ", "4."]),
                max_size=30).map(" ".join))
def test_spans_survive_a_prefix(text):
    # shifting a text by a prefix that ends a paragraph shifts its spans and changes nothing else
    prefix = "Intro.\n\n"
    shifted = sentence_spans(prefix + text)
    assert shifted[1:] == [(s + len(prefix), e + len(prefix)) for s, e in sentence_spans(text)]


@pytest.mark.parametrize("name", ["sentence_spans", "split_sentences"])
def test_public_names(name):
    assert name in segment.__all__


def test_sentence_record_ids_past_the_made_suffixes():
    from builder.sentences import sentence_records

    text = " ".join(f"Sentence number {index} is here." for index in range(1002))
    records = sentence_records({"id": "art", "text": text})
    assert [r["id"] for r in records[:2]] == ["art-s0000", "art-s0001"]
    assert [r["id"] for r in records[-3:]] == ["art-s0999", "art-s1000", "art-s1001"]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)
