"""The sentences task: an article's sentence records, exact spans of its text."""

from __future__ import annotations

from builder.segment import sentence_spans


# The id suffixes of the first sentences, made once: formatting "04d" costs more per sentence
# than the rest of its record.
_id_suffix = "-s{:04d}".format
_ID_SUFFIXES = tuple(map(_id_suffix, range(1000)))


def sentence_records(article: dict) -> list[dict]:
    text, article_id = article["text"], article["id"]
    spans = sentence_spans(text)
    suffixes = _ID_SUFFIXES if len(spans) <= len(_ID_SUFFIXES) else list(map(_id_suffix, range(len(spans))))
    return [
        {"id": f"{article_id}{suffix}", "article_id": article_id, "index": index,
         "start": start, "end": end, "text": text[start:end]}
        for index, ((start, end), suffix) in enumerate(zip(spans, suffixes))
    ]
