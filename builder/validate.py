"""Check records: the schema of their kind plus what a schema cannot say (offsets, spans, classes).

Every stage calls `record_problems` before a record may be kept; a record with problems goes to
quarantine with the reason codes returned here."""

from __future__ import annotations

from builder.schemas import schema_errors


def problem(reason: str, detail: str) -> dict:
    return {"reason": reason, "detail": detail}


def sentence_problems(sentence: dict, article_text: str) -> list[dict]:
    start, end = sentence["start"], sentence["end"]
    if not 0 <= start < end <= len(article_text) or article_text[start:end] != sentence["text"]:
        return [problem("offset_mismatch", f"article.text[{start}:{end}] is not the sentence text")]
    if sentence["text"] != sentence["text"].strip():
        return [problem("untrimmed", "the sentence has outer white space")]
    return []


def qa_problems(qa: dict) -> list[dict]:
    texts, starts = qa["answers"]["text"], qa["answers"]["answer_start"]
    if len(texts) != len(starts):
        return [problem("answer_mismatch", "answers.text and answers.answer_start differ in length")]
    found = []
    for text, start in zip(texts, starts):
        if qa["context"][start:start + len(text)] != text:
            found.append(problem("answer_mismatch", f"context[{start}:{start + len(text)}] is not {text!r}"))
        elif text != text.strip():
            found.append(problem("untrimmed", f"answer {text!r} has outer white space"))
    return found


def label_problems(label: dict, class_names: list[str]) -> list[dict]:
    if not -1 <= label["label"] < len(class_names):
        return [problem("unknown_label", f"label id {label['label']} is not one of the {len(class_names)} classes")]
    return []


def record_problems(kind: str, record: dict, *, article_text: str | None = None,
                    class_names: list[str] | None = None) -> list[dict]:
    """Why `record` of `kind` may not be kept (empty list: it may)."""
    errors = schema_errors(kind, record)
    if errors:
        return [problem("schema", "; ".join(errors))]
    if kind == "sentence" and article_text is not None:
        return sentence_problems(record, article_text)
    if kind == "qa":
        return qa_problems(record)
    if kind == "label" and class_names is not None:
        return label_problems(record, class_names)
    return []
