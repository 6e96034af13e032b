"""Extractive QA generation: overgenerate with rule-based generators, check, rank, keep the best.

Public entry point: `generate_qa(article, sentences, options) -> {"qa", "cloze", "rejected"}`.
Generators are plug-ins registered by name (`register_generator`); the recipe picks them under
`tasks.qa.generators`. The function is pure and deterministic: same input, same output.
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter

from builder.qa import generators as _builtin_generators  # noqa: F401  (registers built-ins)
from builder.qa.checks import ambiguity, span_problems
from builder.qa.doc import Doc, build_doc
from builder.qa.generators.cloze import generate_cloze
from builder.qa.generators.llm import LLM_ERROR
from builder.qa.options import DEFAULT_OPTIONS, qa_options
from builder.qa.rank import SentenceWords, score, select
from builder.qa.records import context_span, id_prefix, qa_record
from builder.qa.registry import GENERATORS, Candidate, get_generator, register_generator
from builder.qa.text import squad_normalize

__all__ = ["generate_qa", "qa_options", "register_generator", "GENERATORS", "Candidate",
           "DEFAULT_OPTIONS", "build_doc", "candidates_to_records", "qa_dedup_key"]


_entity_type = attrgetter("type")


def qa_dedup_key(record: dict) -> tuple[str, str]:
    """Two qa records with this key are the same question for the same context. One article
    never yields two; near-duplicate articles kept in one build can, so the corpus-level
    stage should keep the first record per key (score_qa.py counts the rest as defects)."""
    return record["context"], squad_normalize(record["question"])


def _rejection(kind: str, reason: str, detail: str, record: dict) -> dict:
    return {"kind": kind, "reason": reason, "detail": detail, "record": record}


def _ungrounded(doc: Doc, cand: Candidate) -> dict:
    """A candidate a generator could not place in the text (an llm answer not found verbatim,
    or a failed request)."""
    if cand.answer_start == LLM_ERROR:
        return _rejection("qa", "llm_error", cand.question, {"article_id": doc.article_id, "kind": cand.kind})
    answer = next((f[len("answer:"):] for f in cand.flags if f.startswith("answer:")), "")
    return _rejection("qa", "not_grounded", f"answer {answer!r} is not in the context",
                      {"article_id": doc.article_id, "question": cand.question, "answer": answer,
                       "kind": cand.kind})


def candidates_to_records(doc: Doc, cands: list[Candidate], opts: dict
                          ) -> tuple[list[dict], list[dict]]:
    """Check, score and select candidates: (kept qa records, rejections)."""
    rejected, scored = [], []
    # Per context span (candidates share a few): its text with the sha1 state of the ids of its
    # records, its sentences and its entity types, found once.
    context_texts: dict = {}
    context_sentences: dict = {}
    context_types: dict = {}
    sentence_words: dict = {}
    for cand in sorted(set(cands)):
        if cand.answer_start < 0:
            rejected.append(_ungrounded(doc, cand))
            continue
        ctx = context_span(doc, cand.sentence, opts["context"], int(opts["window"]))
        found = context_texts.get(ctx)
        if found is None:
            context = doc.text[ctx[0]:ctx[1]]
            found = context_texts[ctx] = context, id_prefix(doc.article_id, context)
        context, prefix = found
        rec = qa_record(doc, cand.question, cand.answer_start, cand.answer_end, ctx,
                        cand.kind, cand.answer_type, context, prefix)
        problems = span_problems(rec)
        if not problems:
            inside = context_sentences.get(ctx)
            if inside is None:
                inside = context_sentences[ctx] = doc.sentences_within(*ctx)
                # (a list to count in: a handful of entities, and a Counter costs more to build)
                context_types[ctx] = list(map(_entity_type, chain.from_iterable(s.entities for s in inside)))
            why = ambiguity(doc, cand, *ctx, context_sentences=inside, context_types=context_types[ctx])
            if why:
                problems = [("ambiguous", why)]
        if problems:
            reason, detail = problems[0]
            rejected.append(_rejection("qa", reason, detail, rec))
            continue
        if cand.sentence not in sentence_words:
            sentence_words[cand.sentence] = SentenceWords(doc.sentences[cand.sentence].text)
        s = score(cand.question, rec["answers"]["text"][0], sentence_words[cand.sentence],
                  cand.kind, cand.confidence, cand.flags, context_types[ctx].count(cand.answer_type))
        scored.append((s, rec["id"], rec, cand.sentence))
    kept, dups = select(scored, int(opts["max_per_article"]), int(opts["max_per_sentence"]),
                        float(opts["min_score"]))
    rejected += [_rejection("qa", "duplicate_question", why, rec) for rec, why in dups]
    return kept, rejected


def generate_qa(article: dict, sentences: list[dict], options: dict | None = None) -> dict:
    """QA pairs and cloze items for one article.

    `article` follows schemas/article.schema.json, `sentences` schemas/sentence.schema.json
    (offsets into article["text"]), `options` is the recipe's `tasks.qa` mapping."""
    opts = qa_options(options)
    doc = build_doc(article, sentences)
    cands: list[Candidate] = []
    for name in opts["generators"]:
        cands.extend(get_generator(name)(doc, opts))
    qa, rejected = candidates_to_records(doc, cands, opts)
    cloze: list[dict] = []
    if opts["cloze"].get("enabled"):
        cloze, cloze_rejected = generate_cloze(doc, opts)
        rejected += cloze_rejected
    return {"qa": qa, "cloze": cloze, "rejected": rejected}
