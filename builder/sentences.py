"""The sentences task: an article's sentence records, exact spans of its text."""

from __future__ import annotations

from builder.segment import sentence_spans


def sentence_records(article: dict) -> list[dict]:
    text, article_id = article["text"], article["id"]
    return [
        {"id": f"{article_id}-s{index:04d}", "article_id": article_id, "index": index,
         "start": start, "end": end, "text": text[start:end]}
        for index, (start, end) in enumerate(sentence_spans(text))
    ]
