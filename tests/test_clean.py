"""Tests for builder.clean: article bodies and metadata from scraped text and from HTML.

Fixtures are small pages written for these tests (tests/fixtures/clean/); nothing here reads
data from outside the repository or touches the network.
"""
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from builder.clean import (
    BREADCRUMB_SEPARATOR,
    ITEM,
    SHORT,
    TITLE_SEPARATOR,
    TITLE_SEPARATOR_MARK,
    _contains,
    breadcrumb_parts,
    extract_html,
    extract_text,
    find_date,
    html_body,
    mark_table_rows,
    normalise_text,
    text_body,
)

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
RECORD_KEYS = {"text", "title", "author", "published", "site_name", "url", "language", "section"}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scraped():
    return extract_text(fixture("article_with_boilerplate.txt"))


# ------------------------------------------------------------------------- scraped plain text

def test_body_is_the_article_from_first_to_last_paragraph(scraped):
    body = scraped["text"]
    assert body.startswith("The Harbour Bridge will reopen to cars on Monday morning")
    assert body.endswith("which remains free of charge until then.")


def test_subheadings_and_short_paragraphs_are_kept(scraped):
    paragraphs = scraped["text"].split("\n\n")
    assert "What changes for drivers" in paragraphs
    assert "It took a while." in paragraphs


@pytest.mark.parametrize("boilerplate", [
    "Skip to main content",                       # navigation
    "Home » Local",                               # breadcrumb
    "Harbour Bridge Reopens After Eight Months",  # repeated title
    "By Maria Lopez",                             # byline
    "March 3, 2021",                              # dateline
    "Facebook",                                   # share buttons
    "Related: Council approves",                  # inline related link
    "Advertisement",                              # advert
    "Tags:",                                      # tag list
    "You may also like",                          # related block ...
    "Ferry timetable changes",                    # ... and its headlines
    "Comments (2)",                               # comment section ...
    "The detour through the industrial park",     # ... and the comments
    "We use cookies",                             # cookie notice
    "All rights reserved",                        # copyright footer
    "Drivers can cross again from Monday",        # standfirst above the byline
])
def test_boilerplate_is_removed(scraped, boilerplate):
    assert boilerplate.lower() not in scraped["text"].lower()


def test_metadata_is_lifted_from_the_header(scraped):
    assert scraped["title"] == "Harbour Bridge Reopens After Eight Months of Repairs"
    assert scraped["author"] == "Maria Lopez"
    assert scraped["published"] == "2021-03-03"
    assert scraped["section"] == "Local"
    assert scraped["site_name"] == "The Coastal Times"
    assert scraped["language"] == "en"
    assert set(scraped) == RECORD_KEYS


def test_text_body_is_the_text_of_extract_text():
    text = fixture("article_with_boilerplate.txt")
    assert text_body(text) == extract_text(text)["text"]


def test_seed_shaped_page_breadcrumb_title_byline():
    page = "\n\n".join([
        "Home » Quiet Streets: How One Town Banned Cars From Its Centre",
        "Quiet Streets: How One Town Banned Cars From Its Centre",
        "by editor42",
        "When the town council closed the market square to traffic three years ago, shop "
        "owners warned that customers would stay away and the old centre would empty.",
        "The opposite happened. Footfall rose by a fifth in the first year, and two empty "
        "shops on the square reopened as a bakery and a bicycle repair workshop.",
        "Other towns in the region are now studying the plan, which the council says cost "
        "less than a single new roundabout on the ring road.",
        "You may also like",
    ])
    record = extract_text(page)
    assert record["text"].startswith("When the town council closed")
    assert record["text"].endswith("on the ring road.")
    assert record["title"] == "Quiet Streets: How One Town Banned Cars From Its Centre"
    assert record["author"] == "editor42"
    assert record["section"] is None


def test_breadcrumb_section_and_labelled_date():
    page = "\n".join([
        "Rail Strike Called Off - Daily Post",
        "Home › Business › Rail Strike Called Off",
        "Rail Strike Called Off",
        "Published: 19 November 2019, 08:38",
        "Unions called off next week's rail strike on Tuesday evening after the operator "
        "agreed to review the new rosters together with staff representatives.",
        "The walkout would have halted most regional trains for three days during the busiest "
        "shopping weekend of the year, the operator said in a statement.",
    ])
    record = extract_text(page)
    assert record["section"] == "Business"
    assert record["published"] == "2019-11-19"
    assert record["title"] == "Rail Strike Called Off"
    assert "Published" not in record["text"]


def test_list_that_ends_the_article_is_kept():
    page = "\n".join([
        "Band Announces Reunion Tour",
        "The band will play eight cities next summer, its first tour together in twenty "
        "years, the singer told fans at the end of a concert on Saturday night.",
        "Tickets go on sale on Friday at ten in the morning through the venues' own websites, "
        "and fans who bought the last live album get early access.",
        "Tour dates:",
        "June 9 – Leeds, First Direct Arena",
        "June 11 – Glasgow, Hydro",
        "June 14 – Cardiff, Motorpoint Arena",
        "June 17 – London, The O2",
        "More from Music",
        "Singer cancels autumn shows",
    ])
    body = text_body(page)
    assert "June 17 – London, The O2" in body
    assert "Singer cancels" not in body


def test_page_without_an_article_gives_empty_record():
    record = extract_text(fixture("not_an_article.txt"))
    assert record["text"] == ""
    assert set(record) == RECORD_KEYS
    assert text_body("") == ""
    assert text_body("Home\nNews\nSport\nContact us") == ""


# ------------------------------------------------------------------------------------- HTML

@pytest.fixture(scope="module")
def page_record():
    return extract_html(fixture("article.html"),
                        url="https://valleyherald.example/community/library-hours")


def test_html_body_keeps_article_and_drops_page_furniture(page_record):
    body = page_record["text"]
    assert body.startswith("The central library will stay open until nine")
    assert "More staff for the evenings" in body
    assert body.endswith("still find a quiet desk.”")
    for furniture in ("Bridge works finish early", "All rights reserved", "Privacy", "Sport"):
        assert furniture not in body
    assert "\n\n" in body and "\n\n\n" not in body


def test_html_metadata(page_record):
    assert page_record["title"] == "Library Extends Opening Hours"
    assert page_record["author"] == "Sam Okafor"
    assert page_record["published"] == "2022-05-14"
    assert page_record["site_name"] == "The Valley Herald"
    assert page_record["url"] == "https://valleyherald.example/community/library-hours"
    assert page_record["language"] == "en"
    assert page_record["section"] == "Community"
    assert set(page_record) == RECORD_KEYS


def test_html_body_is_the_text_of_extract_html():
    html = fixture("article.html")
    assert html_body(html) == extract_html(html)["text"]


def test_html_without_an_article_is_empty():
    assert html_body("") == ""
    assert html_body("<html><body><nav><a href='/'>Home</a></nav></body></html>") == ""


# --------------------------------------------------------------------------- normalisation

def test_line_ends_are_normalised():
    assert normalise_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_text_is_nfc():
    decomposed = "Cafe\u0301 Zu\u0308rich"
    assert normalise_text(decomposed) == "Café Zürich"


def test_invisible_characters_are_removed():
    text = "\ufeffzero\u200bwidth\u200c joiner\u200d soft\u00adhyphen\u2060 mark\u200e"
    assert normalise_text(text) == "zerowidth joiner softhyphen mark"


def test_typographic_quotes_and_dashes_are_kept():
    text = "“Quoted” and ‘single’ – dash — em «guillemets»"
    assert normalise_text(text) == text


def test_spaces_collapse_and_lines_are_stripped():
    assert normalise_text("  a \t  b\u00a0\u00a0c  \n\n\n\n  d  ") == "a b c\n\nd"


def test_body_of_messy_input_is_normalised():
    sentence = ("The council approved the plan on Tuesday after a long debate about the "
                "costs of the new bridge and the cycle lanes.")
    messy = "Title line\r\n\r\n" + sentence.replace(" ", "  ").replace("council", "coun\u00adcil")
    body = text_body(messy + "\r\n" + sentence.replace("plan", "second plan"))
    assert "\r" not in body and "  " not in body and "\u00ad" not in body
    assert body.split("\n\n")[0] == sentence


@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


# -------------------------------------------------------------------------------------- dates

@pytest.mark.parametrize("line, expected", [
    ("Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
    ("By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19"),
    ("Updated: 18 Nov 2019 9:38 pm", "2019-11-18"),
    ("2018-08-25 15:24", "2018-08-25"),
    ("publiziert am 25. September 2018", "2018-09-25"),
    ("13.11.2019, 23:06", "2019-11-13"),
    ("2016年12月1日", "2016-12-01"),
    ("no date here", None),
    ("31/02/2019", None),
])
def test_find_date(line, expected):
    assert find_date(line) == expected


def test_a_breadcrumb_first_line_gives_the_section_not_a_site_name():
    page = ("Home » Sport » Rovers Win the Cup\n\nRovers Win the Cup\n\nby Sam Hill\n\n"
            "Rovers beat United 2-1 in the final on Saturday, with a late goal from Ana Ruiz. "
            "The club had not won the cup for eleven years.\n\n"
            "\"It means everything to this town,\" the manager said after the match.\n")
    extracted = extract_text(page)
    assert extracted["section"] == "Sport" and extracted["site_name"] is None
    assert extracted["title"] == "Rovers Win the Cup"


# ------------------------------------------------------------- cheap tests before separator patterns


@given(st.text(alphabet=" \t\u00a0»›>/|→aZ"))
def test_breadcrumb_parts_are_the_parts_the_separator_splits(line):
    assert breadcrumb_parts(line) == [part for part in BREADCRUMB_SEPARATOR.split(line) if part]


@given(st.text(alphabet=" \t\u00a0|-–—:»·•aZ"))
def test_a_title_separator_holds_one_of_its_marks(line):
    assert TITLE_SEPARATOR_MARK.search(line) or not TITLE_SEPARATOR.search(line)


@given(st.text(alphabet=" \t\u00a0»›>/|→aZ"))
def test_the_first_breadcrumb_part_is_the_first_part_of_the_whole_split(line):
    assert BREADCRUMB_SEPARATOR.split(line, maxsplit=1)[0] == BREADCRUMB_SEPARATOR.split(line)[0]


# ------------------------------------------------------------- fast paths that equal a plain rule

_WORD_LISTS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "the", "a1"]), max_size=8)


@given(_WORD_LISTS, _WORD_LISTS)
def test_contains_is_a_contiguous_run_of_whole_words(outer, inner):
    size = len(inner)
    expected = size > 0 and any(outer[i:i + size] == inner for i in range(len(outer) - size + 1))
    assert _contains(tuple(outer), tuple(inner)) == expected


def _table_rows_by_scanning(lines, kinds):
    """mark_table_rows as a plain scan: every run of ROW_RUN or more short lines of one
    non-empty punctuation shape."""
    from builder.clean import ROW_RUN, punctuation_shape
    kinds = list(kinds)
    shapes = [punctuation_shape(line) if kind == SHORT else "" for line, kind in zip(lines, kinds)]
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and shapes[start] and shapes[end] == shapes[start]:
            end += 1
        if shapes[start] and end - start >= ROW_RUN:
            kinds[start:end] = [ITEM] * (end - start)
        start = end
    return kinds


@given(st.lists(st.tuples(st.sampled_from(["a: b", "a (b)", "a: (b)", "a b", "a - b"]),
                          st.sampled_from([SHORT, SHORT, "prose", "heading"])), max_size=12))
def test_table_rows_are_the_runs_a_plain_scan_finds(rows):
    lines = [line for line, _ in rows]
    kinds = [kind for _, kind in rows]
    expected = _table_rows_by_scanning(lines, kinds)
    mark_table_rows(lines, kinds)
    assert kinds == expected
