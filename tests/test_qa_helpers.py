"""Helpers for the QA tests (no tests here): an article and its sentence records from a list
of paragraphs, each a list of sentences (so the tests do not depend on a sentence splitter)."""

from __future__ import annotations


def article_from(paragraphs: list[list[str]], article_id: str = "t1", title: str = "Test"):
    text_parts, sentences, offset = [], [], 0
    for p, para in enumerate(paragraphs):
        if p:
            text_parts.append("\n\n")
            offset += 2
        for s, sent in enumerate(para):
            if s:
                text_parts.append(" ")
                offset += 1
            sentences.append({"id": f"{article_id}-s{len(sentences)}", "article_id": article_id,
                              "index": len(sentences), "start": offset, "end": offset + len(sent),
                              "text": sent})
            text_parts.append(sent)
            offset += len(sent)
    article = {"id": article_id, "title": title, "text": "".join(text_parts)}
    return article, sentences


def pairs(result: dict) -> set[tuple[str, str]]:
    return {(r["question"], r["answers"]["text"][0]) for r in result["qa"]}
