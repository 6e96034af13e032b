"""The files a finished shard leaves in the build cache, between the per-article step (workers)
and the corpus step (one process). Written by a worker, read back in input order:

    shard-<n>-<size>-<fingerprint>.keys          corpus keys, a JSON line per document
    shard-<n>-<size>-<fingerprint>.<config>.arrow  the shard's records of a config (Arrow IPC)
    shard-<n>-<size>-<fingerprint>.counts.json   documents and quarantined records
    shard-<n>-<size>-<fingerprint>.jsonl         the rest of every document's result: written
                                                 last, so it exists only when the shard is whole

The records go to Arrow in the worker, where turning Python dicts into columns runs in parallel;
the corpus step then only picks rows (`take`) for each split and encodes parquet."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson
import pyarrow as pa

from builder.split import site_of

# Part of every shard's cache key: a spool written in another layout is not read back.
SPOOL_FORMAT = 2

# The configs whose records a worker turns into tables; label records need the label model,
# which is fitted over the whole corpus.
RECORD_CONFIGS = {"articles": "article", "sentences": "sentences", "qa": "qa", "cloze": "cloze"}


def keys_path(path: Path) -> Path:
    return path.with_suffix(".keys")


def counts_path(path: Path) -> Path:
    return path.with_suffix(".counts.json")


def table_path(path: Path, config: str) -> Path:
    return path.with_suffix(f".{config}.arrow")


def write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    # The partial file is the writer's own: a worker orphaned by a killed build may still be
    # finishing the same shard while the rerun writes it.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    with open(partial, "wb") as handle:
        handle.writelines(chunks)
    os.replace(partial, path)


def json_lines(values: Iterable) -> list[bytes]:
    # orjson: the standard json module spent more time on the spool than segmenting the text.
    return [orjson.dumps(value) + b"\n" for value in values]


def arrow_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def corpus_keys(result: dict) -> dict | None:
    """What the whole-corpus decisions need of one document's result (None: it gave no article):
    a few hundred bytes instead of its records."""
    article = result["article"]
    if article is None:
        return None
    return {"id": article["id"], "text_key": result["text_key"], "published": article["published"],
            "site": site_of(article["url"], article["source"]["uri"]), "votes": result["votes"],
            "qa_keys": result["qa_keys"],
            **({"minhash": result["minhash"]} if "minhash" in result else {})}


def document_rest(result: dict) -> dict:
    """What the corpus step needs of a result besides its keys and its record tables."""
    rest = {"uri": result["uri"], "article": result["article"] is not None, "rejected": result["rejected"],
            "votes": result["votes"],
            "rows": {config: len(result[field]) for config, field in RECORD_CONFIGS.items() if config != "articles"}}
    if "sentence_texts" in result:
        # Sentence-level labels without a sentences config still need each sentence's text.
        rest["sentence_texts"] = {s["id"]: s["text"] for s in result["sentence_texts"]}
    return rest


def write_shard(path: Path, results: list[dict], schemas: dict[str, pa.Schema]) -> dict:
    """Spool one shard's results; returns its counts. `schemas`: the Arrow schema of every config
    the build writes from records (derived from the JSON schemas by the caller)."""
    for config, schema in schemas.items():
        field = RECORD_CONFIGS[config]
        records = ([r["article"] for r in results if r["article"] is not None] if config == "articles"
                   else [record for r in results for record in r[field]])
        write_atomically(table_path(path, config), [arrow_bytes(pa.Table.from_pylist(records, schema=schema))])
    counts = {"documents": len(results), "quarantined": sum(len(r["rejected"]) for r in results)}
    write_atomically(counts_path(path), json_lines([counts]))
    write_atomically(keys_path(path), json_lines(corpus_keys(result) for result in results))
    write_atomically(path, json_lines(document_rest(r) for r in results))
    return counts


def finished_counts(path: Path) -> dict | None:
    """The counts of a shard spooled whole by an earlier run, or None."""
    if not path.is_file():
        return None
    try:
        return orjson.loads(counts_path(path).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


def read_lines(paths: Iterable[Path]) -> Iterator:
    for path in paths:
        with open(path, "rb") as handle:
            for line in handle:
                yield orjson.loads(line)


def read_corpus_keys(spool: list[Path]) -> Iterator[dict | None]:
    """Every document's corpus keys (None when it gave no article), in input order."""
    return read_lines(keys_path(path) for path in spool)


def read_shard(path: Path, configs: Iterable[str]) -> tuple[list[dict], dict[str, pa.Table]]:
    """A shard's per-document rests and its record tables (memory-mapped, not copied)."""
    tables = {config: pa.ipc.open_file(pa.memory_map(str(table_path(path, config)))).read_all()
              for config in configs}
    return list(read_lines([path])), tables
