"""Write the build folder: parquet per config and split (streamed in row groups), quarantine, label files.

`write_part` streams the spool shard by shard and routes every record to its config and split or
to the quarantine, as the corpus plan says; the label of each item is decided here, by the label
model the plan fitted. The QA configs and the others are separate parts, so that two processes can
write them at once. This module imports nothing of `datasets`: a worker process runs it."""

from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from builder import labels
from builder.memory import map_large_blocks
from builder.recipe import SPLIT_NAMES, label_config, label_tasks, labels_sentences
from builder.spool import RECORD_CONFIGS, read_shard
from builder.validate import quarantine_entry, record_checker

ROW_GROUP_ROWS = 2000
ENCODER_BACKLOG = 2  # row groups of one file waiting for the encoder thread
# What the corpus plan decided for a QA pair, besides leaking into a split (its index in SPLIT_NAMES).
QA_KEPT, QA_DUPLICATE_QUESTION = -1, -2
# Record and quarantine kinds written by the QA part; the other part writes every other kind.
QA_KINDS = frozenset({"qa", "cloze"})


def data_file(config: str, split: str) -> str:
    """Where a config's split lives inside the build folder (one shard per split for now)."""
    return f"{config}/{split}-00000-of-00001.parquet"


class ParquetSink:
    """Rows of one config and split, written in row groups of ROW_GROUP_ROWS so memory stays flat
    and the bytes depend only on the rows and their order (not on how they arrived).

    With an `encoder` (a one-thread executor shared by the sinks), row groups are encoded and
    written there: pyarrow lets go of the GIL while it does, so the next rows are gathered
    meanwhile. One thread keeps every file's row groups in order."""

    def __init__(self, path: Path, schema: pa.Schema, encoder: Executor | None = None):
        self.path, self.schema, self.encoder = path, schema, encoder
        self.pending_rows: list[dict] = []   # rows added one at a time
        self.tables: list[pa.Table] = []     # rows added as tables, not yet in a row group
        self.buffered = 0
        self.writer: pq.ParquetWriter | None = None
        self.written: deque[Future] = deque()
        self.rows = 0

    def add(self, row: dict) -> None:
        self.pending_rows.append(row)
        self.rows += 1
        if len(self.pending_rows) >= ROW_GROUP_ROWS:
            self.queue(pa.Table.from_pylist(self.pending_rows, schema=self.schema))
            self.pending_rows = []

    def add_table(self, table: pa.Table) -> None:
        self.rows += table.num_rows
        self.queue(table)

    def queue(self, table: pa.Table) -> None:
        self.tables.append(table)
        self.buffered += table.num_rows
        while self.buffered >= ROW_GROUP_ROWS:
            self.write_group(ROW_GROUP_ROWS)

    def write_group(self, size: int) -> None:
        table = pa.concat_tables(self.tables)  # no copy: the chunks are only listed
        self.run(write_contiguous, self.open(), table.slice(0, size))
        rest = table.slice(size)
        self.tables, self.buffered = ([rest] if rest.num_rows else []), rest.num_rows

    def open(self) -> pq.ParquetWriter:
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.path, self.schema)
        return self.writer

    def run(self, job, *args) -> None:
        if self.encoder is None:
            job(*args)
            return
        self.written.append(self.encoder.submit(job, *args))
        # Wait when the encoder falls behind: each queued row group holds its shard's tables (and
        # their mapped spool files), and a backlog that grew with the corpus cost ~60 MB at 100,000 articles.
        while len(self.written) > ENCODER_BACKLOG:
            self.written.popleft().result()

    def close(self) -> None:
        """Write what is left and wait for the file to be complete. An empty split gets no file at
        all: `datasets` cannot load a split without rows, so the card leaves such splits out."""
        if self.pending_rows:
            self.queue(pa.Table.from_pylist(self.pending_rows, schema=self.schema))
            self.pending_rows = []
        if self.buffered:
            self.write_group(self.buffered)
        if self.writer is not None:
            self.run(self.writer.close)
        while self.written:
            self.written.popleft().result()  # an encoding or disk error surfaces here


def write_contiguous(writer: pq.ParquetWriter, table: pa.Table) -> None:
    # One contiguous table per row group: its bytes then do not depend on the chunks it came in.
    writer.write_table(table.combine_chunks())


class JsonlSink:
    """Append-only jsonl (quarantine files), opened on first use so clean builds have none."""

    def __init__(self, path: Path):
        self.path, self.handle, self.rows = path, None, 0

    def add(self, row: dict) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "wb")
        self.handle.write(json_line(row))
        self.rows += 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def json_line(row: dict) -> bytes:
    """One compact JSON line, keys sorted, UTF-8 unescaped (orjson: a large quarantine spent its
    time in the json module); the json module takes what orjson refuses (integers over 64 bits)."""
    try:
        return orjson.dumps(row, option=orjson.OPT_SORT_KEYS) + b"\n"
    except TypeError:
        return (json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def write_json(path: Path, value: dict, streamed: tuple[str, Iterable] | None = None) -> None:
    """`value` as indented JSON with sorted keys. `streamed`: (key, items) of one more top-level
    list, written item by item rather than held in memory (a manifest's inputs, one per file of the
    corpus); the file reads exactly as if the list were in `value`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if streamed is None:
        path.write_text(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    key, items = streamed
    placeholder = "\0streamed\0"  # (no other value of a build's JSON holds a NUL)
    head, tail = json.dumps({**value, key: placeholder}, ensure_ascii=False, indent=2,
                            sort_keys=True).split(json.dumps(placeholder), 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        opening = "[\n    "
        for item in items:
            # An item at depth 2 of a file indented by 2: its own lines shifted by 4.
            # (orjson indents as json.dumps(indent=2, sort_keys=True) does, several times faster)
            out.write(opening + orjson.dumps(item, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
                      .decode("utf-8").replace("\n", "\n    "))
            opening = ",\n    "
        out.write("[]" if opening.startswith("[") else "\n  ]")
        out.write(tail + "\n")


def label_records(article_id: str, article_text: str, sentence_texts: dict, rest: dict, spec: dict, plan: dict,
                  rejected: list, decided: dict):
    """(config, record) for every label decided for this article's items; unlabelled per the recipe.
    `decided` remembers the decision per task and vote row: a corpus has few distinct rows."""
    for task in label_tasks(spec):
        config = label_config(task, label_tasks(spec))
        for item_id, votes in rest["votes"].get(task["name"], {}).items():
            row = (task["name"], *map(tuple, votes))
            if row not in decided:
                decided[row] = labels.decide(list(row[1:]), task, plan["label_models"][task["name"]])
            label, confidence = decided[row]
            record = {"id": f"{item_id}-{task['name']}", "article_id": article_id,
                      "text": sentence_texts.get(item_id, article_text),
                      "label": label, "confidence": round(confidence, 6), "votes": [v[0] for v in votes]}
            if label == labels.UNLABELLED_ID and task.get("unlabelled", "keep") != "keep":
                if task.get("unlabelled") == "quarantine":
                    rejected.append(quarantine_entry("label", "labels", "unlabelled", "no rule decided a class",
                                                     rest["uri"], record))
                continue
            yield config, record, task


def with_spooled_records(entries: list[tuple[dict, str | None, int]], tables: dict) -> Iterator[dict]:
    """Quarantine entries whose record is a row of a spooled table (config, row) get that row as
    their record, fetched with one `take` per table; the others pass as they are."""
    wanted = defaultdict(list)
    for _, config, row in entries:
        if config is not None:
            wanted[config].append(row)
    fetched = {config: iter(tables[config].take(rows).to_pylist()) for config, rows in wanted.items()}
    for entry, config, _ in entries:
        yield entry if config is None else {**entry, "record": next(fetched[config])}


def add_rows(runs: list[list[int]], start: int, stop: int) -> None:
    """Rows [start, stop) of a shard's table picked after `runs` (runs of consecutive rows, ascending)."""
    if runs and runs[-1][1] == start:
        runs[-1][1] = stop
    elif stop > start:
        runs.append([start, stop])


def pick_rows(table, runs: list[list[int]]):
    """The picked rows of a table, copied into one table (measured faster than slicing each run)."""
    return table.take([row for start, stop in runs for row in range(start, stop)])


def write_parts(configs: dict[str, tuple[str, pa.Schema]]) -> list[bool | None]:
    """The parts the build folder is written in: the QA part (True) and the rest (False) when the
    build has QA pairs, else one part with everything (None)."""
    return [False, True] if any(kind in QA_KINDS for kind, _ in configs.values()) else [None]


def in_part(kind: str, qa_part: bool | None) -> bool:
    return qa_part is None or (kind in QA_KINDS) == qa_part


def write_part(spec: dict, spool: list[Path], plan: dict, folder: Path, configs: dict[str, tuple[str, pa.Schema]],
               qa_part: bool | None = None) -> dict:
    """Write one part of the build folder (see write_parts) from the spool, as the plan says;
    `configs`: config name -> (record kind, Arrow schema) of the whole build. Returns the rows per
    config and split, and the quarantined records per kind and reason, of this part.
    Parquet row groups are encoded on a second thread while the spool is read on this one."""
    map_large_blocks()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet") as encoder:
        return write_records(spec, spool, plan, folder, configs, qa_part, encoder)


def write_records(spec: dict, spool: list[Path], plan: dict, folder: Path, configs: dict, qa_part: bool | None,
                  encoder: Executor) -> dict:
    """Shard by shard: every document's records picked for its split (or quarantined, as the plan
    says), labels decided."""
    mine = {name for name, (kind, _) in configs.items() if in_part(kind, qa_part)}
    # Every config's rows are counted to find a document's records; only this part's are read.
    record_configs = [config for config in RECORD_CONFIGS if config in configs]
    writes_labels = in_part("label", qa_part)
    read_configs = [config for config in record_configs
                    if config in mine or (writes_labels and config == "articles")
                    or (writes_labels and config == "sentences" and labels_sentences(spec))]
    sinks = {(name, split): ParquetSink(folder / data_file(name, split), schema, encoder)
             for name, (_, schema) in configs.items() if name in mine for split in SPLIT_NAMES}
    quarantine: dict[str, JsonlSink] = {}
    reasons: dict[str, Counter] = defaultdict(Counter)
    label_checks = {label_config(t, label_tasks(spec)): record_checker("label", class_names=t["classes"])
                    for t in label_tasks(spec)}
    decided: dict[tuple, tuple[int, float]] = {}

    def reject(entry: dict) -> None:
        kind = entry["kind"]
        if not in_part(kind, qa_part):
            return  # the other part's
        if kind not in quarantine:
            quarantine[kind] = JsonlSink(folder / "quarantine" / f"{kind}.jsonl")
        quarantine[kind].add(entry)
        reasons[kind][entry["reason"]] += 1

    index, next_pair = -1, 0
    for path in spool:
        rests, tables = read_shard(path, read_configs)
        if writes_labels:
            article_ids = tables["articles"].column("id").to_pylist()
            article_texts = tables["articles"].column("text").to_pylist()
        shard_sentence_texts = (dict(zip(tables["sentences"].column("id").to_pylist(),
                                         tables["sentences"].column("text").to_pylist()))
                                if writes_labels and labels_sentences(spec) and "sentences" in tables else {})
        picks = defaultdict(list)  # (config, split) -> runs of rows of the shard's table, in document order
        # The shard's quarantine entries in order, as (entry, config, row): a spooled record is
        # fetched for all of them at once (config None: the entry holds its record).
        rejects: list[tuple[dict, str | None, int]] = []
        next_row = dict.fromkeys(record_configs, 0)
        for rest in rests:
            index += 1
            rejects += [(entry, None, 0) for entry in rest["rejected"]]
            if not rest["article"]:
                continue
            article_row = next_row["articles"]
            rows = {"articles": range(article_row, article_row + 1)}
            for config in record_configs[1:]:
                rows[config] = range(next_row[config], next_row[config] + rest["rows"][config])
            for config, span in rows.items():
                next_row[config] = span.stop
            if index in plan["drop"]:
                if in_part("article", qa_part):
                    reason, detail = plan["drop"][index]
                    rejects.append((quarantine_entry("article", "dedup", reason, detail, rest["uri"]), "articles",
                                    article_row))
                continue
            split = SPLIT_NAMES[plan["split"][index]]
            for config in ("articles", "sentences", "cloze"):
                if config in rows and config in mine:
                    add_rows(picks[(config, split)], rows[config].start, rows[config].stop)
            qa_rows = rows.get("qa", range(0)) if "qa" in mine else range(0)
            for row, decision in zip(qa_rows, plan["qa"][next_pair:next_pair + len(qa_rows)].tolist()):
                if decision == QA_KEPT:
                    add_rows(picks[("qa", split)], row, row + 1)
                elif decision == QA_DUPLICATE_QUESTION:
                    rejects.append((quarantine_entry("qa", "dedup", "duplicate_question",
                                                     "the same question about the same context is already kept",
                                                     rest["uri"]), "qa", row))
                else:
                    rejects.append((quarantine_entry("qa", "leakage", "context_in_other_split",
                                                     f"the same context is already in {SPLIT_NAMES[decision]}",
                                                     rest["uri"]), "qa", row))
            next_pair += len(rows.get("qa", ()))
            if not writes_labels:
                continue
            late_rejects: list = []
            sentence_texts = rest.get("sentence_texts") or shard_sentence_texts
            for config, record, task in label_records(article_ids[article_row], article_texts[article_row],
                                                      sentence_texts, rest, spec, plan, late_rejects, decided):
                problems = label_checks[config](record)
                if problems:
                    late_rejects += [quarantine_entry("label", "validate", p["reason"], p["detail"], rest["uri"],
                                                      record) for p in problems]
                else:
                    sinks[(config, split)].add(record)
            rejects += [(entry, None, 0) for entry in late_rejects]
        for entry in with_spooled_records(rejects, tables):
            reject(entry)
        for (config, split), picked in picks.items():
            if picked:
                sinks[(config, split)].add_table(pick_rows(tables[config], picked))
    for sink in [*sinks.values(), *quarantine.values()]:
        sink.close()
    if writes_labels:
        for task in label_tasks(spec):
            write_json(folder / label_config(task, label_tasks(spec)) / "label_names.json", labels.label_names(task))
    return {"counts": {name: {split: sinks[(name, split)].rows for split in SPLIT_NAMES} for name in mine},
            "quarantine": reasons}
