"""Write the build folder: parquet per config and split (streamed in row groups), quarantine, label files."""

from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

ROW_GROUP_ROWS = 2000


def data_file(config: str, split: str) -> str:
    """Where a config's split lives inside the build folder (one shard per split for now)."""
    return f"{config}/{split}-00000-of-00001.parquet"


class ParquetSink:
    """Rows of one config and split, written in row groups of ROW_GROUP_ROWS so memory stays flat
    and the bytes depend only on the rows and their order (not on how they arrived).

    With an `encoder` (a one-thread executor shared by the sinks), row groups are encoded and
    written there: pyarrow lets go of the GIL while it does, so the next rows are gathered
    meanwhile. One thread keeps every file's row groups in order."""

    def __init__(self, path: Path, features: Features, encoder: Executor | None = None):
        self.path, self.schema, self.encoder = path, features.arrow_schema, encoder
        self.pending_rows: list[dict] = []   # rows added one at a time
        self.tables: list[pa.Table] = []     # rows added as tables, not yet in a row group
        self.buffered = 0
        self.writer: pq.ParquetWriter | None = None
        self.written: list[Future] = []
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
        else:
            self.written.append(self.encoder.submit(job, *args))

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
        for job in self.written:
            job.result()  # an encoding or disk error surfaces here
        self.written = []


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


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
