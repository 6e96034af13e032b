"""Cloze items in the CNN/Daily Mail style, for the separate `cloze` config.

The query is a sentence of the article with one entity replaced by a placeholder; the context
is the article without that sentence, so the answer must be found elsewhere in it."""

from __future__ import annotations

import re

from builder.qa.doc import Doc
from builder.qa.records import stable_id
from builder.qa.text import contains_words, on_word_boundaries, squad_normalize

CLOZE_TYPES = ("person", "organisation", "place")


def without_span(text: str, start: int, end: int) -> str:
    """The text without text[start:end], joining the two sides with one space (or the break)."""
    before, after = text[:start].rstrip(" "), text[end:].lstrip(" ")
    if not before or before.endswith("\n") or not after or after.startswith("\n"):
        joined = before + after
    else:
        joined = before + " " + after
    if "\n\n\n" in joined:  # (rarely: the regex is slow over a whole article)
        joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip()


def find_whole_words(context: str, answer: str) -> int:
    """Offset of the first occurrence of `answer` on word boundaries, or -1."""
    k = context.find(answer)
    while k != -1 and not on_word_boundaries(context, k, k + len(answer)):
        k = context.find(answer, k + 1)
    return k


def cloze_problems(rec: dict) -> list[tuple[str, str]]:
    ctx, ans, start = rec["context"], rec["answer"], rec["answer_start"]
    out = []
    if start < 0 or ctx[start:start + len(ans)] != ans:
        out.append(("span_mismatch", f"context[{start}:] does not hold {ans!r}"))
    if rec["query"].count(rec["placeholder"]) != 1:
        out.append(("cloze_answer_missing", "the query must hold the placeholder exactly once"))
    norm = squad_normalize(ans)
    if not norm:
        out.append(("empty_answer", "empty answer"))
    elif contains_words(squad_normalize(rec["query"]), norm):
        out.append(("answer_in_question", f"{ans!r} appears in the query"))
    return out


def occurs_twice(text: str, part: str) -> bool:
    """text.count(part) >= 2 for a non-empty part, without counting past the second occurrence
    (count scans the whole article for every entity; a name usually recurs early)."""
    first = text.find(part)
    return first != -1 and text.find(part, first + len(part)) != -1


def generate_cloze(doc: Doc, opts: dict) -> tuple[list[dict], list[dict]]:
    """At most one item per sentence, at most `cloze.max_per_article` per article; an entity
    is only blanked if it also appears in the rest of the article."""
    conf = opts["cloze"]
    placeholder = conf.get("placeholder", "@placeholder")
    limit = int(conf.get("max_per_article", 4))
    kept, rejected, used_answers = [], [], set()
    for sent in doc.sentences:
        if len(kept) >= limit:
            break
        context = None
        for ent in sent.entities:
            if ent.type not in CLOZE_TYPES:
                continue
            answer = doc.text[ent.start:ent.end]
            norm = squad_normalize(answer)
            if norm in used_answers or sent.text.count(answer) > 1 or not occurs_twice(doc.text, answer):
                continue
            if context is None:
                context = without_span(doc.text, sent.start, sent.end)
            start = find_whole_words(context, answer)
            if start < 0:
                continue
            query = sent.text[:ent.start - sent.start] + placeholder + sent.text[ent.end - sent.start:]
            rec = {
                "id": stable_id(doc.article_id, "cloze", query, answer, start),
                "article_id": doc.article_id, "title": doc.title, "context": context,
                "query": query, "answer": answer, "answer_start": start,
                "placeholder": placeholder, "answer_type": ent.type, "kind": "cloze",
            }
            problems = cloze_problems(rec)
            if problems:
                rejected.append({"kind": "cloze", "reason": problems[0][0], "detail": problems[0][1],
                                 "record": rec})
                continue
            kept.append(rec)
            used_answers.add(norm)
            break
    return kept, rejected
