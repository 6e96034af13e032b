"""Label tasks: rule matching, recipe checks, aggregation, the label model and the analysis."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from builder import labels as L

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schemas" / "tasks" / "labels.schema.json").read_text(encoding="utf-8"))


def item(text="", title="", url=None, section=None, uri="inputs/a.txt", fields=None):
    return {"title": title, "text": text, "url": url, "section": section, "uri": uri, "fields": fields or {}}


def task(rules, classes=("a", "b", "c"), **extra):
    return {"name": "t", "classes": list(classes), "rules": rules, **extra}


def fired(rule, it, classes=("a", "b", "c")):
    return [name for name, _, _ in L.rule_votes(it, task([{"name": "r", **rule}], classes))] == ["r"]


# ------------------------------------------------------------------------------- matching

def test_keywords_are_whole_words_and_case_insensitive():
    rule = {"class": "a", "keywords": ["art", "Film"]}
    assert fired(rule, item("The FILM opens today."))
    assert fired(rule, item("Modern art."))
    assert not fired(rule, item("A fresh start for the party."))  # "art" inside "start"


def test_keyword_prefix_star_and_possessive():
    rule = {"class": "a", "keywords": ["elect*"]}
    assert fired(rule, item("The electoral roll"))
    assert not fired(rule, item("Re-elected"[3:] .replace("elected", "selected")))
    assert fired({"class": "a", "keywords": ["blair"]}, item("Mr Blair's speech"))


def test_phrases_ignore_spacing_and_punctuation():
    rule = {"class": "a", "phrases": ["prime minister", "e-mail*"]}
    assert fired(rule, item("the Prime\n  Minister said"))
    assert fired(rule, item("junk e-mails"))
    assert fired(rule, item("junk E mail"))
    assert not fired(rule, item("the minister for prime cuts"))


def test_case_sensitive_keywords():
    rule = {"class": "a", "keywords": ["US"], "case_sensitive": True}
    assert fired(rule, item("The US economy"))
    assert not fired(rule, item("Tell us more"))


def test_substring_mode():
    assert fired({"class": "a", "keywords": ["foot"], "whole_word": False}, item("football"))


def test_field_selects_title_body_url():
    assert fired({"class": "a", "keywords": ["goal"], "field": "title"}, item("nothing", title="Late goal"))
    assert not fired({"class": "a", "keywords": ["goal"], "field": "body"}, item("nothing", title="Late goal"))
    assert fired({"class": "a", "keywords": ["goal"], "field": "all"}, item("nothing", title="Late goal"))
    assert fired({"class": "a", "keywords": ["sport"], "field": "url"}, item(url="https://x.org/sport/1"))


def test_min_matches_counts_occurrences_or_distinct_words():
    text = "goal goal goal match"
    assert fired({"class": "a", "keywords": ["goal", "match"], "min_matches": 4}, item(text))
    assert not fired({"class": "a", "keywords": ["goal", "match"], "min_matches": 3, "count": "distinct"},
                     item(text))
    assert fired({"class": "a", "keywords": ["goal", "match"], "min_matches": 2, "count": "distinct"}, item(text))
    assert fired({"class": "a", "keywords": ["goal*"], "min_matches": 3}, item("goals goal goalless"))


def test_regex_rule():
    assert fired({"class": "a", "regex": r"\b\d+-\d+\b"}, item("They won 3-1."))
    assert fired({"class": "a", "regex": [r"x{3}", r"[£$]\d"], "min_matches": 2}, item("£5 and $6"))
    assert not fired({"class": "a", "regex": "ABC", "case_sensitive": True}, item("abc"))


def test_metadata_rules():
    url = {"class": "a", "metadata": {"from": "url_segment", "values": ["sport"]}}
    assert fired(url, item(url="https://news.example/Sport/football/123?x=1"))
    assert not fired(url, item(url="https://sport.example/news/1"))  # the host is not a segment
    section = {"class": "a", "metadata": {"from": "section", "values": ["politics"]}}
    assert fired(section, item(section="Home » News » Politics"))
    assert not fired(section, item(section="Home » Sport"))
    folder = {"class": "a", "metadata": {"from": "source_folder", "values": ["tech"]}}
    assert fired(folder, item(uri="raw/tech/0001.txt"))
    assert not fired(folder, item(uri="raw/tech.txt"))
    column = {"class": "a", "metadata": {"from": "column", "column": "desk", "values": ["Money", 7]}}
    assert fired(column, item(fields={"desk": "money"}))
    assert fired(column, item(fields={"desk": 7}))
    assert not fired(column, item(fields={}))


def test_passthrough_votes_the_column_class_and_reports_unknown_values():
    t = task([{"name": "given", "passthrough": "cat", "map": {"biz": "b"}}])
    assert L.rule_votes(item(fields={"cat": "c"}), t) == [("given", 2, 1.0)]
    assert L.rule_votes(item(fields={"cat": "biz"}), t) == [("given", 1, 1.0)]
    assert L.rule_votes(item(fields={"cat": 0}), t) == [("given", 0, 1.0)]
    assert L.rule_votes(item(fields={"cat": ""}), t) == []
    assert L.passthrough_errors(item(fields={"cat": "c"}), t) == []
    assert L.passthrough_errors(item(fields={}), t) == []
    errors = L.passthrough_errors(item(fields={"cat": "weather"}), t)
    assert len(errors) == 1 and "weather" in errors[0] and "given" in errors[0]
    assert L.rule_votes(item(fields={"cat": "weather"}), t) == []
    assert L.passthrough_errors(item(fields={"cat": 9}), t)


def test_sentence_level_items_use_the_sentence_as_body():
    t = task([{"name": "q", "class": "a", "regex": r"^\W*[\"“]"}], level="sentence")
    assert L.rule_votes(item('"We will win," he said.'), t)
    assert not L.rule_votes(item("He said so."), t)


# ------------------------------------------------------------------------------- recipe checks

GOOD = [task([{"name": "k", "class": "a", "keywords": ["x"], "weight": 2},
              {"name": "p", "passthrough": "gold"},
              {"name": "m", "class": "b", "metadata": {"from": "column", "column": "c", "values": ["v"]}},
              {"name": "r", "class": "c", "regex": "y+", "field": "title", "min_matches": 2}],
             aggregate={"method": "label_model", "tie": "prior", "prior": "fixed", "class_prior": [1, 2, 1]},
             unlabelled="quarantine")]


def test_good_config_passes_schema_and_checks():
    jsonschema.validate(GOOD, SCHEMA)
    assert L.check_labels_config(GOOD) == []


@pytest.mark.parametrize("rule, where, what", [
    ({"name": "k", "class": "zzz", "keywords": ["x"]}, "tasks.labels[0].rules[1].class", "zzz"),
    ({"name": "k", "class": "a", "regex": "(unclosed"}, "tasks.labels[0].rules[1].regex[0]", "invalid"),
    ({"name": "first", "class": "a", "keywords": ["y"]}, "tasks.labels[0].rules[1].name", "duplicate"),
    ({"name": "k", "passthrough": "g", "map": {"x": "nope"}}, "tasks.labels[0].rules[1].map.x", "nope"),
    ({"name": "k", "class": "a", "passthrough": "g"}, "tasks.labels[0].rules[1].class", "passthrough"),
    ({"name": "k", "class": "a", "keywords": ["x"], "regex": "x"}, "tasks.labels[0].rules[1]", "exactly one"),
    ({"name": "k", "class": "a", "metadata": {"from": "column", "values": ["x"]}},
     "tasks.labels[0].rules[1].metadata.column", "required"),
    ({"name": "k", "class": "a", "keywords": ["--"]}, "tasks.labels[0].rules[1].keywords[0]", "word"),
])
def test_config_errors_name_the_key_path(rule, where, what):
    cfg = [task([{"name": "first", "class": "a", "keywords": ["x"]}, rule])]
    errors = L.check_labels_config(cfg)
    assert any(e.startswith(where + ":") and what in e for e in errors), errors


def test_task_level_errors():
    errors = L.check_labels_config([task([{"name": "r", "class": "a", "keywords": ["x"]}], classes=("a", "a"),
                                         aggregate={"class_prior": [1]}),
                                    {"name": "t", "classes": ["a"], "rules": []}])
    assert any("tasks.labels[0].classes: duplicate" in e for e in errors)
    assert any(e.startswith("tasks.labels[0].aggregate.class_prior") for e in errors)
    assert any(e.startswith("tasks.labels[1].name: duplicate") for e in errors)
    assert any(e.startswith("tasks.labels[1].rules") for e in errors)
    assert L.check_labels_config("nope")


def test_schema_rejects_unknown_keys_and_bad_enums():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([task([{"name": "r", "class": "a", "keywords": ["x"], "colour": 1}])], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([task([{"name": "r", "class": "a", "keywords": ["x"]}], level="paragraph")], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([task([{"name": "r", "class": "a"}])], SCHEMA)  # no matcher


def test_shipped_recipe_is_valid():
    spec = yaml.safe_load((REPO / "recipes" / "news_topics.yaml").read_text(encoding="utf-8"))
    cfg = spec["tasks"]["labels"]
    jsonschema.validate(cfg, SCHEMA)
    assert L.check_labels_config(cfg) == []
    assert cfg[0]["classes"] == ["business", "entertainment", "politics", "sport", "tech"]


# Short articles written for this test (not from any dataset).
TOPIC_SAMPLES = {
    "business": ("Shares slide as profits miss forecasts",
                 "Shares in the retailer fell 8% after it reported annual pre-tax profits below analysts' "
                 "forecasts. The firm blamed weak consumer spending and higher interest rates, and its chief "
                 "executive said sales in the fourth quarter had been disappointing for investors."),
    "entertainment": ("Actress wins best film award",
                      "The actress, who starred in the hit film last year, won the award at a ceremony in "
                      "London. The director thanked the cast and the studio, and the film's album topped the "
                      "chart. Critics praised her role and fans queued outside the cinema."),
    "politics": ("Minister defends asylum bill",
                 "The home secretary told MPs the government would not drop the bill. Tory and Lib Dem "
                 "leaders said the legislation was rushed before the general election, and Labour "
                 "backbenchers threatened to vote against it in the Commons."),
    "sport": ("United win cup final",
              "The striker scored twice in the second half as United beat City 3-1 to win the cup. The "
              "manager praised his squad after the match, and the goalkeeper saved a penalty before "
              "half-time. The club will play in the league next season."),
    "tech": ("New mobile phone aims at web users",
             "The handset lets users browse the web over wireless broadband and download music. The "
             "software runs on a new chip, and the firm says the gadget will reach net users and computer "
             "owners. Security experts warned about viruses and spam e-mail."),
}


@pytest.mark.parametrize("topic", sorted(TOPIC_SAMPLES))
def test_shipped_recipe_labels_clear_articles(topic):
    spec = yaml.safe_load((REPO / "recipes" / "news_topics.yaml").read_text(encoding="utf-8"))
    t = spec["tasks"]["labels"][0]
    title, text = TOPIC_SAMPLES[topic]
    votes = L.rule_votes(item(text, title=title), t)
    majority = {**t, "aggregate": {"method": "majority", "tie": "abstain"}}
    label, confidence = L.decide(votes, majority, L.fit_label_model([votes], majority))
    assert t["classes"][label] == topic and 0 < confidence <= 1


# ------------------------------------------------------------------------------- aggregation

def test_majority_vote_weights_and_confidence():
    t = task([{"name": "x", "class": "a", "keywords": ["x"]}])
    assert L.decide([("r1", 0, 1.0), ("r2", 1, 3.0)], t, {}) == (1, 0.75)
    assert L.decide([], t, {}) == (-1, 0.0)


@pytest.mark.parametrize("tie, expected", [("abstain", -1), ("first", 0), ("prior", 2)])
def test_tie_rules(tie, expected):
    t = task([{"name": "x", "class": "a", "keywords": ["x"]}],
             aggregate={"tie": tie, "prior": "fixed", "class_prior": [1, 1, 5]})
    votes = [("r1", 0, 1.0), ("r2", 2, 1.0)]
    label, confidence = L.decide(votes, t, L.fit_label_model([votes], t))
    assert label == expected and confidence == 0.5


def test_estimated_prior_breaks_ties_towards_the_common_class():
    t = task([{"name": "x", "class": "a", "keywords": ["x"]}], aggregate={"tie": "prior"})
    rows = [[("r", 1, 1.0)]] * 5 + [[("r", 0, 1.0)]]
    model = L.fit_label_model(rows, t)
    assert L.decide([("p", 0, 1.0), ("q", 1, 1.0)], t, model)[0] == 1


def test_label_names():
    assert L.label_names(task([], classes=("x", "y"))) == {
        "names": ["x", "y"], "label2id": {"x": 0, "y": 1}, "id2label": {"0": "x", "1": "y"}}


def test_class_counts():
    assert L.class_counts([0, 0, 2, -1], task([])) == {"a": 2, "b": 0, "c": 1, "unlabelled": 1}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["r0", "r1", "r2", "r3"]), st.integers(-2, 4),
                          st.floats(0.1, 5)), max_size=6),
       st.sampled_from(["abstain", "first", "prior"]), st.sampled_from(["majority", "label_model"]))
def test_decide_always_returns_a_valid_label(votes, tie, method):
    rules = [{"name": f"r{i}", "class": c, "keywords": ["w"]} for i, c in enumerate("abca")]
    t = task(rules, aggregate={"method": method, "tie": tie})
    clean = [(n, c, w) for n, c, w in votes if 0 <= c < 3 and ("abca"[int(n[1])] == "abc"[c])]
    model = L.fit_label_model([clean, []], t)
    label, confidence = L.decide(votes, t, model)
    assert -1 <= label < 3 and 0.0 <= confidence <= 1.0
    assert (label == -1 and confidence == 0.0) if not any(0 <= c < 3 for _, c, _ in votes) else True


# ------------------------------------------------------------------------------- label model

def synthetic_votes(n=3000, seed=0):
    """Three classes; per class one precise rule and one noisy rule, plus a rule that fires at random."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 3, n)
    rules = []
    for c, name in enumerate("abc"):
        rules.append({"name": f"{name}_precise", "class": name, "keywords": ["x"], "p_own": 0.6, "p_other": 0.02})
        rules.append({"name": f"{name}_noisy", "class": name, "keywords": ["x"], "p_own": 0.7, "p_other": 0.35})
    rules.append({"name": "junk", "class": "a", "keywords": ["x"], "p_own": 0.3, "p_other": 0.3})
    rows = []
    for g in gold:
        row = []
        for r in rules:
            c = "abc".index(r["class"])
            if rng.random() < (r["p_own"] if c == g else r["p_other"]):
                row.append((r["name"], c, 1.0))
        rows.append(row)
    spec = [{k: v for k, v in r.items() if not k.startswith("p_")} for r in rules]
    return rows, gold, spec


def accuracy(rows, gold, t, model):
    return float(np.mean([L.decide(v, t, model)[0] == g for v, g in zip(rows, gold)]))


def test_label_model_beats_majority_when_rules_differ_in_quality():
    rows, gold, rules = synthetic_votes()
    lm = task(rules, aggregate={"method": "label_model", "tie": "first"})
    mv = task(rules, aggregate={"method": "majority", "tie": "first"})
    model = L.fit_label_model(rows, lm)
    json.dumps(model)  # plain JSON
    assert model == L.fit_label_model(rows, lm)  # deterministic
    assert accuracy(rows, gold, lm, model) > accuracy(rows, gold, mv, L.fit_label_model(rows, mv)) + 0.03
    est = model["rule_accuracy"]
    assert est["a_precise"] > est["a_noisy"] > est["junk"]


def test_label_model_with_passthrough_and_fixed_prior():
    rows, gold, rules = synthetic_votes(n=1500, seed=1)
    rules = rules + [{"name": "given", "passthrough": "col"}]
    rows = [r + ([("given", int(g), 1.0)] if i % 3 == 0 else []) for i, (r, g) in enumerate(zip(rows, gold))]
    t = task(rules, aggregate={"method": "label_model", "prior": "fixed"})
    model = L.fit_label_model(rows, t)
    assert model["prior"] == pytest.approx([1 / 3] * 3)
    assert model["rule_accuracy"]["given:b"] > 0.9
    assert accuracy(rows, gold, t, model) > 0.8


def test_label_model_scales_to_many_rows():
    rows, gold, rules = synthetic_votes(n=2000)
    t = task(rules, aggregate={"method": "label_model"})
    model = L.fit_label_model(rows * 50, t)  # 100,000 rows collapse to their distinct vote patterns
    small = L.fit_label_model(rows, t)
    assert accuracy(rows, gold, t, model) == pytest.approx(accuracy(rows, gold, t, small), abs=0.01)


def test_label_model_handles_empty_and_silent_corpora():
    t = task([{"name": "r", "class": "a", "keywords": ["x"]}], aggregate={"method": "label_model"})
    for rows in ([], [[], []]):
        model = L.fit_label_model(rows, t)
        assert L.decide([], t, model) == (-1, 0.0)
        assert L.decide([("r", 0, 1.0)], t, model)[0] in (0, -1)


# ------------------------------------------------------------------------------- analysis

def test_analyze_reports_rules_and_aggregate_with_gold():
    t = task([{"name": "says_a", "class": "a", "keywords": ["alpha"]},
              {"name": "says_b", "class": "b", "keywords": ["beta"]},
              {"name": "given", "passthrough": "src"}])
    items = [item("alpha", fields={"gold": "a"}), item("alpha beta", fields={"gold": "b"}),
             item("beta", fields={"gold": "b"}), item("nothing", fields={"gold": "c"}),
             item("alpha", fields={"gold": "a", "src": "unknown"})]
    result = L.analyze(items, t, "gold")
    stats = {r.name: r for r in result.rules}
    assert result.items == 4 and result.quarantined == 1 and result.with_gold == 4
    assert stats["says_a"].fired == 2 and stats["says_a"].correct == 1 and stats["says_a"].conflicts == 1
    assert stats["says_b"].overlaps == 1
    text = L.analyze_recipe_items(items, [t], "gold")
    for word in ("says_a", "says_b", "coverage", "conflicts", "accuracy", "aggregate majority", "label_model"):
        assert word in text
    assert "50.0%" in text  # says_a: one of its two votes is right


def test_analyze_without_gold_and_sentence_level():
    t = task([{"name": "q", "class": "a", "regex": "said"}], level="sentence")
    text = L.analyze_recipe_items([item("He said yes. Nothing else. She said no.")], [t], None)
    assert "3 items, 0 with gold" in text and "q" in text


def test_lead_field_is_the_opening_of_the_body():
    body = "Short first.\n\nSecond paragraph about the goal.\n\n" + "Later text about a film. " * 20
    rule = {"class": "a", "keywords": ["goal"], "field": "lead"}
    assert fired(rule, item(body))                       # first paragraphs up to 200 characters
    assert not fired({**rule, "keywords": ["film"]}, item("A goal. " * 40 + "\n\nfilm"))


def test_phrase_with_prefix_last_word_and_repeated_counts():
    rule = {"class": "a", "phrases": ["academy award*"], "min_matches": 2}
    assert fired(rule, item("Academy Awards night; an Academy Award winner"))
    assert not fired(rule, item("Academy Awards night"))
    overlapping = {"class": "a", "keywords": ["elect*", "election*"], "min_matches": 2}
    assert not fired(overlapping, item("the election"))  # one word, counted once


def test_recipe_with_unknown_class_is_refused_before_work(tmp_path):
    from builder.recipe import RecipeError, load_recipe

    (tmp_path / "a.txt").write_text("Title\n\nSome text about a goal.\n", encoding="utf-8")
    spec = {"name": "bad-labels", "version": "1.0.0", "description": "x", "license": "cc-by-4.0",
            "sources": [{"path": "*.txt", "format": "text"}],
            "tasks": {"labels": [task([{"name": "r", "class": "sport", "keywords": ["goal"]}])]},
            "splits": {"train": 0.8, "validation": 0.1, "test": 0.1, "seed": 0}}
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(RecipeError) as err:
        load_recipe(path)
    assert "tasks.labels[0].rules[0].class" in str(err.value) and "sport" in str(err.value)


@pytest.mark.parametrize("with_sentences", [True, False])
def test_sentence_level_labels_carry_their_sentence_with_or_without_a_sentences_config(tmp_path, with_sentences):
    import datasets

    from conftest import build_samples, minimal_spec

    tasks = {"labels": [task([{"name": "said", "class": "a", "keywords": ["said"]}], level="sentence")]}
    if with_sentences:
        tasks["sentences"] = {}
    folder = build_samples(tmp_path, minimal_spec(tasks=tasks), ["0"])
    rows = datasets.load_dataset(str(folder), "labels", split="train")
    articles = {row["id"]: row["text"] for row in datasets.load_dataset(str(folder), "articles", split="train")}
    assert len(rows) > len(articles) > 0
    for row in rows:
        assert row["text"] != articles[row["article_id"]] and row["text"] in articles[row["article_id"]]
        assert (row["label"] == 0) == bool(re.search(r"\bsaid\b", row["text"], re.IGNORECASE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["el", "Elect", "election", "elections", "lect", "x", "élan", "e-lect"]), max_size=12),
       st.lists(st.sampled_from(["el", "elect", "Elect", "election", "x", "é"]), min_size=1, max_size=3),
       st.booleans(), st.integers(1, 4))
def test_prefix_keywords_count_the_words_they_start(words, prefixes, distinct, min_matches):
    """Prefixes are counted by a search of the joined words unless one starts another: either way
    each word counts once (by occurrence), or each prefix once (distinct)."""
    text = " ".join(words)
    entries = list(dict.fromkeys(prefix + "*" for prefix in prefixes))
    tokens = re.findall(r"[^\W_]+", text.lower())
    lowered = [entry[:-1].lower() for entry in entries]
    if distinct:
        expected = sum(any(token.startswith(prefix) for token in tokens) for prefix in lowered)
    else:
        expected = sum(any(token.startswith(prefix) for prefix in lowered) for token in tokens)
    rule = {"class": "a", "keywords": entries, "min_matches": min_matches,
            "count": "distinct" if distinct else "occurrences"}
    assert fired(rule, item(text)) == (expected >= min_matches)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "market", "markets", "a", "x", "été", "Été"]), max_size=15),
       st.lists(st.sampled_from(["the", "market", "a", "été", "zzz"]), min_size=1, max_size=4),
       st.booleans(), st.booleans(), st.integers(1, 6))
def test_whole_word_keywords_count_each_occurrence(words, keywords, distinct, case_sensitive, min_matches):
    """Each occurrence of a listed word counts (a word listed twice once), or each listed word
    present once (distinct), repeats next to each other too."""
    text = " ".join(words)
    tokens = re.findall(r"[^\W_]+", text if case_sensitive else text.lower())
    listed = set(keywords)
    expected = len(listed & set(tokens)) if distinct else sum(token in listed for token in tokens)
    rule = {"class": "a", "keywords": keywords, "min_matches": min_matches, "case_sensitive": case_sensitive,
            "count": "distinct" if distinct else "occurrences"}
    assert fired(rule, item(text)) == (expected >= min_matches)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["keywords", "phrases"]),
                          st.lists(st.sampled_from(["the", "Market", "market*", "a", "été", "the market", "a x*"]),
                                   min_size=1, max_size=3),
                          st.sampled_from(["title", "body", "all"]), st.booleans(), st.booleans(), st.integers(1, 3)),
                min_size=1, max_size=4),
       st.lists(st.sampled_from(["the", "The", "market", "markets", "a", "x", "été", "Été", "\n"]), max_size=15),
       st.lists(st.sampled_from(["the", "Market", "a", "xs"]), max_size=4))
def test_rules_of_a_task_vote_as_each_would_alone(rules, words, title_words):
    """The words of a task's keyword rules are counted together, once per item: each rule still
    votes as it does in a task of its own."""
    it = item(" ".join(words), title=" ".join(title_words))
    specs = [{"name": f"r{i}", "class": "a", kind: entries, "field": fld, "case_sensitive": case_sensitive,
              "count": "distinct" if distinct else "occurrences", "min_matches": min_matches}
             for i, (kind, entries, fld, case_sensitive, distinct, min_matches) in enumerate(rules)]
    together = [name for name, _, _ in L.rule_votes(it, task(specs))]
    alone = [spec["name"] for spec in specs if L.rule_votes(it, task([spec]))]
    assert together == alone
