"""Contexts, stable ids and the record layouts of the `qa` and `cloze` configs."""

from __future__ import annotations

import hashlib

from builder.qa.doc import Doc


def stable_id(*parts) -> str:
    """A content-derived id: sha1 over the parts joined by a unit separator, 16 hex digits."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def id_prefix(*parts):
    """The sha1 state of stable_id after its first parts, for ids that share them (the records
    of one context share a long one): see continued_id."""
    return hashlib.sha1(("\x1f".join(map(str, parts)) + "\x1f").encode("utf-8"))


def continued_id(prefix, *parts) -> str:
    """stable_id(*first_parts, *parts) for prefix = id_prefix(*first_parts): sha1 reads its
    input as a stream, so a copy of the state goes on from where the first parts left it."""
    digest = prefix.copy()
    digest.update("\x1f".join(map(str, parts)).encode("utf-8"))
    return digest.hexdigest()[:16]


def context_span(doc: Doc, sentence: int, mode: str, window: int) -> tuple[int, int]:
    """Character span of the context for an answer in sentence `sentence`."""
    sent = doc.sentences[sentence]
    if mode == "article":
        text = doc.text
        start = len(text) - len(text.lstrip())
        return start, len(text.rstrip())
    if mode == "window":
        lo = max(0, sentence - window)
        hi = min(len(doc.sentences) - 1, sentence + window)
        return doc.sentences[lo].start, doc.sentences[hi].end
    for a, b in doc.paragraphs:
        if a <= sent.start and sent.end <= b:
            return a, b
    # A sentence that crosses a paragraph break: the paragraphs it touches.
    touching = [(a, b) for a, b in doc.paragraphs if a < sent.end and sent.start < b]
    return (min(a for a, _ in touching), max(b for _, b in touching)) if touching else (sent.start, sent.end)


def qa_record(doc: Doc, question: str, answer_start: int, answer_end: int, ctx: tuple[int, int],
              kind: str, answer_type: str, context: str | None = None, prefix=None) -> dict:
    """`context`: doc.text[ctx[0]:ctx[1]] when the caller already holds it (the records of one
    context then share one string, hashed once when records are compared); `prefix`: its
    id_prefix(doc.article_id, context), likewise."""
    if context is None:
        context = doc.text[ctx[0]:ctx[1]]
    answer = doc.text[answer_start:answer_end]
    rel = answer_start - ctx[0]
    return {
        "id": continued_id(prefix if prefix is not None else id_prefix(doc.article_id, context),
                           question, answer, rel),
        "article_id": doc.article_id,
        "title": doc.title,
        "context": context,
        "question": question,
        "answers": {"text": [answer], "answer_start": [rel]},
        "kind": kind,
        "answer_type": answer_type,
    }
