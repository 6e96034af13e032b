"""Run the per-article function over shards of documents: in this process, in a local process pool,
or on Ray. Shards are fixed-size runs of documents in input order, so the output does not depend on
the number of workers. A finished shard is a file in the build cache named by the fingerprint of
its documents and the recipe: an interrupted build, run again, reuses it."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from itertools import chain, islice
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

import orjson

SHARD_SIZE = 200
ENGINES = ("local", "ray")


def shards(documents: Iterator[dict], size: int = SHARD_SIZE) -> Iterator[list[dict]]:
    batch = []
    for doc in documents:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def shard_fingerprint(recipe_fingerprint: str, docs: list[dict]) -> str:
    """What a shard's output depends on: the recipe and tools (given) and its documents' bytes."""
    digest = hashlib.sha256(recipe_fingerprint.encode("ascii"))
    for doc in docs:
        digest.update(f"\x00{doc['uri']}\x00{doc['sha256']}".encode("utf-8"))
    return digest.hexdigest()


def write_atomically(path: Path, lines: list[bytes]) -> None:
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as handle:
        handle.writelines(lines)
    os.replace(partial, path)


def json_lines(values: list) -> list[bytes]:
    # orjson: the spool is written once per document and read back whole, and the standard json
    # module spent more time on it than segmenting the text.
    return [orjson.dumps(value) + b"\n" for value in values]


def keys_path(spool_path: Path) -> Path:
    """The shard's corpus keys (one line per document): all the whole-corpus decisions read."""
    return spool_path.with_suffix(".keys")


def process_shard(docs: list[dict], spec: dict, path: Path) -> dict:
    """The worker's job: every document of the shard through `process_document`, spooled to `path`
    with the corpus keys beside it. Returns the shard's counts; the spool file appears (by a
    rename) last, only when everything else is complete."""
    from builder.process import corpus_keys, process_document

    results = [process_document(doc, spec) for doc in docs]
    counts = {"documents": len(results), "quarantined": sum(len(r["rejected"]) for r in results)}
    write_atomically(path.with_suffix(".counts.json"), json_lines([counts]))
    write_atomically(keys_path(path), json_lines([corpus_keys(result) for result in results]))
    write_atomically(path, json_lines(results))
    return counts


def cached_counts(path: Path) -> dict | None:
    if not path.is_file() or not keys_path(path).is_file():
        return None
    try:
        return orjson.loads(path.with_suffix(".counts.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


class InlineEngine:
    """No pool: the shard runs when submitted (one worker, easy to debug and profile)."""

    def submit(self, *args):
        return process_shard(*args)

    def wait(self, handle):
        return handle

    def close(self, cancel: bool = False):
        pass


class PoolEngine:
    """Worker processes started fresh ("spawn"): they do not inherit the parent's heap (the input
    list of a large corpus) nor its threads (the progress display), which forking would copy."""

    def __init__(self, workers: int):
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, *args):
        return self.pool.submit(process_shard, *args)

    def wait(self, handle):
        return handle.result()

    def close(self, cancel: bool = False):
        self.pool.shutdown(wait=True, cancel_futures=cancel)


class RayEngine:
    """The same shard function as Ray tasks, on a local Ray or the cluster at `address`."""

    def __init__(self, workers: int, address: str | None):
        try:
            import ray
        except ImportError as err:
            raise RuntimeError("the ray engine needs the ray extra: pip install '.[ray]'") from err
        self.ray = ray
        self.started_here = not ray.is_initialized()
        if self.started_here:
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        self.remote = ray.remote(process_shard)

    def submit(self, *args):
        return self.remote.remote(*args)

    def wait(self, handle):
        return self.ray.get(handle)

    def close(self, cancel: bool = False):
        # A Ray this build started goes with it; its workers would otherwise keep the cores busy.
        if self.started_here:
            self.ray.shutdown()


def make_engine(engine: str, workers: int, address: str | None = None):
    if engine == "ray":
        return RayEngine(workers, address)
    return PoolEngine(workers) if workers > 1 else InlineEngine()


def run_shards(documents: Iterator[dict], spec: dict, recipe_fingerprint: str, cache: Path, workers: int,
               engine: str = "local", address: str | None = None, shard_size: int = SHARD_SIZE,
               on_shard: Callable[[dict], None] = lambda counts: None) -> list[Path]:
    """Spool every document through the per-article function; the shard files, in input order.

    At most two shards per worker are in flight, so memory does not grow with the corpus."""
    cache.mkdir(parents=True, exist_ok=True)
    batches = shards(documents, shard_size)
    first_two = list(islice(batches, 2))
    if len(first_two) < 2 and engine == "local":
        workers = 1  # one shard: starting worker processes would cost more than the work
    runner = make_engine(engine, workers, address)
    paths, pending = [], deque()

    def settle(entry) -> None:
        handle, reused = entry
        counts = runner.wait(handle) if not reused else handle
        on_shard({**counts, "reused": reused})

    try:
        for index, docs in enumerate(chain(first_two, batches)):
            path = cache / f"shard-{index:06d}-{shard_size}-{shard_fingerprint(recipe_fingerprint, docs)[:20]}.jsonl"
            paths.append(path)
            counts = cached_counts(path)
            pending.append((counts, True) if counts is not None else (runner.submit(docs, spec, path), False))
            while len(pending) > 2 * workers:
                settle(pending.popleft())
        while pending:
            settle(pending.popleft())
    except BaseException:
        runner.close(cancel=True)
        raise
    runner.close()
    return paths
