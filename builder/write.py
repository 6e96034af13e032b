"""Write the build folder: parquet per config and split (streamed in row groups), quarantine, label files."""

from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

ROW_GROUP_ROWS = 2000


def data_file(config: str, split: str) -> str:
    """Where a config's split lives inside the build folder (one shard per split for now)."""
    return f"{config}/{split}-00000-of-00001.parquet"


class ParquetSink:
    """Rows of one config and split, written in fixed-size row groups so memory stays flat and the
    bytes depend only on the rows and their order.

    With an `encoder` (a one-thread executor shared by the sinks), row groups are encoded and
    written there: pyarrow lets go of the GIL while it does, so the next rows are gathered
    meanwhile. One thread keeps every file's row groups in order."""

    def __init__(self, path: Path, features: Features, encoder: Executor | None = None):
        self.path, self.schema, self.encoder = path, features.arrow_schema, encoder
        self.buffer: list[dict] = []
        self.writer: pq.ParquetWriter | None = None
        self.written: list[Future] = []
        self.rows = 0

    def add(self, row: dict) -> None:
        self.buffer.append(row)
        self.rows += 1
        if len(self.buffer) >= ROW_GROUP_ROWS:
            self.flush()

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

    def flush(self) -> None:
        if self.buffer:
            self.run(self.open().write_table, pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def close(self) -> None:
        """Flush what is left and wait for the file to be complete. An empty split gets no file at
        all: `datasets` cannot load a split without rows, so the card leaves such splits out."""
        self.flush()
        if self.writer is not None:
            self.run(self.writer.close)
        for job in self.written:
            job.result()  # an encoding or disk error surfaces here
        self.written = []


class JsonlSink:
    """Append-only jsonl (quarantine files), opened on first use so clean builds have none."""

    def __init__(self, path: Path):
        self.path, self.handle, self.rows = path, None, 0

    def add(self, row: dict) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "w", encoding="utf-8")
        self.handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        self.rows += 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
