"""Run the per-article function over shards of documents: in this process, in a local process pool,
or on Ray. Shards are fixed-size runs of documents in input order, so the output does not depend on
the number of workers. A finished shard is a file in the build cache named by the fingerprint of
its documents and the recipe: an interrupted build, run again, reuses it."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from builder.memory import use_system_allocator
from builder.spool import SPOOL_FORMAT, finished_counts

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
    """What a shard's output depends on: the recipe and tools (given), its documents' bytes and
    the spool's layout."""
    digest = hashlib.sha256(f"{recipe_fingerprint}\x00{SPOOL_FORMAT}".encode("ascii"))
    for doc in docs:
        digest.update(f"\x00{doc['uri']}\x00{doc['sha256']}".encode("utf-8"))
    return digest.hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while. The per-article step allocates many small
    objects but makes next to no reference cycles (none in a shard of 200 scraped or jsonl
    articles, 30 objects in 85 HTML pages), yet the collections its allocations triggered took
    ~8% of its time. Any cycle made meanwhile is collected once it is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def long_lived_frozen() -> Iterator[Callable[[], None]]:
    """The objects alive on entry, and whenever the yielded function is called, left out of the
    cyclic collector's passes until exit (gc.freeze); they are still freed when unreferenced.

    They are mostly the imported modules' (datasets, pyarrow, ...): hundreds of thousands of
    objects that every full collection walked, and the build's own allocations set off a full
    collection every few seconds: 1.2 s of CPU in a 10,000-article build, 3% of it. (Objects a
    caller had frozen before stay frozen.)"""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        if not frozen_before:
            gc.unfreeze()


def process_shard(docs: list[dict], spec: dict, schemas: dict, path: Path) -> dict:
    """The worker's job: every document of the shard through `process_document`, spooled at
    `path` (see builder.spool). Returns the shard's counts."""
    from builder.process import process_document
    from builder.spool import write_shard

    # The results are spooled and gone before the collector is back on: collecting with a shard's
    # results still alive walked all of them (~30 ms a shard, 4% of the per-article step).
    with collector_paused():
        return write_shard(path, [process_document(doc, spec) for doc in docs], schemas)


class InlineEngine:
    """No pool: the shard runs when submitted (one worker, easy to debug and profile)."""

    def submit(self, *args):
        return process_shard(*args)

    def wait(self, handle):
        return handle

    def run_all(self, function: Callable, calls: list[tuple]) -> list:
        return [function(*args) for args in calls]

    def release(self):
        pass

    def close(self, cancel: bool = False):
        pass


def warm_up() -> None:
    import builder.process  # noqa: F401  (what every shard needs, imported before the first one)


def start_worker() -> None:
    """A pool worker's set-up: Arrow's allocator (see builder.memory), and Ctrl-C left to the build.
    Ctrl-C signals the whole foreground process group: a worker exits at once and quietly, and the
    build process says once that it was interrupted (a KeyboardInterrupt in a worker would print
    its traceback beside that). The shard a worker was on is not kept: spool files appear whole or
    not at all."""
    use_system_allocator()
    signal.signal(signal.SIGINT, exit_quietly)
    # What the fork server imported is never garbage: collections skip it (see long_lived_frozen),
    # and so do not write to the pages this worker shares with the server.
    gc.freeze()


def exit_quietly(signum: int, frame) -> None:
    os._exit(128 + signum)


def worker_context():
    """How worker processes start: forked from a server process that imported the per-article
    code once ("forkserver"), where the platform has it; else fresh interpreters ("spawn"), which
    each import it (~1 s of CPU per worker).

    Either way they do not inherit this process's heap (the input list of a large corpus) nor its
    threads (the progress display), which forking it would copy. The preload list is the standard
    library's, for the server this process starts: a server an earlier build started is reused,
    and if another program started one without the preload, the workers import the code on their
    first shard."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["builder.process", "builder.spool", "builder.memory"])
    return context


class PoolEngine:
    """A local pool of worker processes (see worker_context). They start as soon as the engine is
    made, from a thread: starting one waits until the fork server has imported the per-article
    code (most of a second), and meanwhile this process imports what writing the build needs."""

    def __init__(self, workers: int):
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
                                        initializer=start_worker)
        self.shutdown: threading.Thread | None = None
        self.start_error: BaseException | None = None
        self.starting = threading.Thread(target=self.start_workers, args=(workers,), name="pool-start", daemon=True)
        self.starting.start()

    def start_workers(self, workers: int) -> None:
        try:
            for _ in range(workers):
                self.pool.submit(warm_up)
        except BaseException as err:  # raised again in this process's own thread, on the first submit
            self.start_error = err

    def started(self) -> ProcessPoolExecutor:
        self.starting.join()
        if self.start_error is not None:
            raise self.start_error
        return self.pool

    def submit(self, *args):
        return self.started().submit(process_shard, *args)

    def wait(self, handle):
        return handle.result()

    def run_all(self, function: Callable, calls: list[tuple]) -> list:
        """Each call on a worker, all at once; their results in order."""
        pool = self.started()
        return [future.result() for future in [pool.submit(function, *args) for args in calls]]

    def release(self):
        """No more work: the workers exit while this process finishes the build (an exiting worker
        tears its interpreter down, most of a second at the end of a build otherwise)."""
        if self.shutdown is None:
            self.shutdown = threading.Thread(target=self.pool.shutdown, name="pool-shutdown")
            self.shutdown.start()

    def close(self, cancel: bool = False):
        self.starting.join()
        if self.shutdown is not None:
            self.shutdown.join()
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

    def run_all(self, function: Callable, calls: list[tuple]) -> list:
        # Here, not on the cluster: the build folder is on this machine.
        return [function(*args) for args in calls]

    def release(self):
        pass

    def close(self, cancel: bool = False):
        # A Ray this build started goes with it; its workers would otherwise keep the cores busy.
        if self.started_here:
            self.ray.shutdown()


@contextmanager
def running_engine(engine: str, workers: int, address: str | None = None):
    """The engine that runs the shards; closed on leaving, its pending shards cancelled on an error."""
    if engine == "ray":
        runner = RayEngine(workers, address)
    else:
        runner = PoolEngine(workers) if workers > 1 else InlineEngine()
    try:
        yield runner
    except BaseException:
        runner.close(cancel=True)
        raise
    runner.close()


def run_shards(documents: Iterator[dict], spec: dict, schemas: dict, recipe_fingerprint: str, cache: Path, runner,
               in_flight: int, shard_size: int = SHARD_SIZE,
               on_shard: Callable[[dict], None] = lambda counts: None) -> list[Path]:
    """Spool every document through the per-article function on `runner`; the shard files, in
    input order. At most `in_flight` shards are queued, so memory does not grow with the corpus."""
    cache.mkdir(parents=True, exist_ok=True)
    paths, pending = [], deque()

    def settle(entry) -> None:
        handle, reused = entry
        counts = runner.wait(handle) if not reused else handle
        on_shard({**counts, "reused": reused})

    for index, docs in enumerate(shards(documents, shard_size)):
        path = cache / f"shard-{index:06d}-{shard_size}-{shard_fingerprint(recipe_fingerprint, docs)[:20]}.jsonl"
        paths.append(path)
        counts = finished_counts(path)
        pending.append((counts, True) if counts is not None else (runner.submit(docs, spec, schemas, path), False))
        while len(pending) > in_flight:
            settle(pending.popleft())
    while pending:
        settle(pending.popleft())
    return paths
