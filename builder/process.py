"""The per-article part of the build: one raw document and the recipe in; its article, task
records, label votes, corpus keys and quarantine entries out (read -> clean -> segment -> tasks ->
validate). A pure function, run in this process, in worker processes or on Ray.

This module imports nothing of the writing side (datasets, pyarrow, the Hub client), so a worker
process starts quickly."""

from __future__ import annotations

from builder import labels
from builder.article import make_article
from builder.dedup import context_question_keys, minhash, text_key
from builder.qa import generate_qa, qa_dedup_key
from builder.recipe import dedup_options, label_tasks, labels_sentences
from builder.sentences import sentence_records
from builder.validate import quarantine_entry, record_checker


def vote_on_labels(article: dict, sentences: list[dict], doc: dict, spec: dict, rejected: list) -> dict:
    """Per label task, the rule votes for the article (or for each sentence)."""
    votes = {}
    for task in label_tasks(spec):
        if task.get("level", "article") == "sentence":
            items = [(s["id"], labels.label_item(article, doc, s["text"])) for s in sentences]
        else:
            items = [(article["id"], labels.label_item(article, doc))]
        task_votes = {}
        for item_id, item in items:
            errors = labels.passthrough_errors(item, task)
            if errors:
                rejected.append(quarantine_entry("label", "labels", "unknown_label", "; ".join(errors), doc["uri"],
                                                 {"item_id": item_id, "task": task["name"]}))
                continue
            task_votes[item_id] = labels.rule_votes(item, task)
        votes[task["name"]] = task_votes
    return votes


def keep_valid(kind: str, records: list[dict], uri: str, rejected: list, **context) -> list[dict]:
    kept = []
    problems_of = record_checker(kind, **context)
    for record in records:
        problems = problems_of(record)
        if problems:
            for found in problems:
                rejected.append(quarantine_entry(kind, "validate", found["reason"], found["detail"], uri, record))
        else:
            kept.append(record)
    return kept


def process_document(doc: dict, spec: dict) -> dict:
    """Everything one raw document gives: its article and task records, or why not (pure)."""
    result = {"uri": doc["uri"], "article": None, "sentences": [], "qa": [], "cloze": [], "votes": {}, "rejected": []}
    rejected = result["rejected"]
    if doc["reject"]:
        rejected.append(quarantine_entry("article", "read", doc["reject"]["reason"], doc["reject"]["detail"],
                                         doc["uri"], doc["reject"].get("raw")))
        return result
    article, problem = make_article(doc, spec.get("language", "en"))
    if problem:
        rejected.append(quarantine_entry("article", "clean", problem["reason"], problem["detail"], doc["uri"]))
        return result
    if not keep_valid("article", [article], doc["uri"], rejected):
        return result
    result["article"] = article
    tasks = spec.get("tasks", {})
    sentences = keep_valid("sentence", sentence_records(article), doc["uri"], rejected, article_text=article["text"])
    if "sentences" in tasks:
        result["sentences"] = sentences
    elif labels_sentences(spec):
        result["sentence_texts"] = sentences  # labelled sentences need their text, not written as a config
    if "qa" in tasks:
        generated = generate_qa(article, sentences, tasks["qa"] or {})
        result["qa"] = keep_valid("qa", generated["qa"], doc["uri"], rejected)
        result["cloze"] = keep_valid("cloze", generated["cloze"], doc["uri"], rejected)
        rejected += [quarantine_entry(r["kind"], "qa", r["reason"], r["detail"], doc["uri"], r.get("record"))
                     for r in generated["rejected"]]
    result["votes"] = vote_on_labels(article, sentences, doc, spec, rejected)
    # Hashes the whole-corpus steps compare, made here so the serial part of the build only reads them.
    result["text_key"] = text_key(article["text"])
    result["qa_keys"] = qa_keys(result["qa"])
    options = dedup_options(spec)
    if options["near_duplicates"]:
        result["minhash"] = minhash(article["text"], options["num_perm"], options["shingle_words"])
    return result


def qa_keys(records: list[dict]) -> list[tuple[int, int]]:
    """(context, question) keys of each QA pair: a context seen in two splits leaks its answers, and
    the same question about the same context is asked once."""
    return context_question_keys([qa_dedup_key(record) for record in records])
