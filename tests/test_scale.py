"""Workers, Ray and resume: the same output whatever runs the per-article work."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder import execute
from builder.manifest import tool_versions
from tests.conftest import minimal_spec, run_cli, write_recipe


def story(i: int) -> str:
    return (f"Home » Local » Story {i}\n\nHarbour {i} gets a new ferry\n\nby Reporter {i}\n\n"
            f"The harbour board of town {i} bought a ferry for ${i * 2 + 3} million on Monday, after "
            f"{i % 7 + 2} years of delays. Captain Mira Holt said it would carry {i * 10 + 90} people.\n\n"
            f"The first crossing is planned for {i % 12 + 1} June. Tickets will cost {i % 9 + 4} dollars.\n")


@pytest.fixture
def corpus_recipe(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(120):
        (corpus / f"{i:04d}.txt").write_text(story(i), encoding="utf-8")
    spec = minimal_spec(name="ferries", sources=[{"path": "corpus/*.txt", "format": "text"}],
                        tasks={"sentences": {}, "qa": {}})
    return write_recipe(tmp_path, spec)


def parquet_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.parquet"))}


def build_with(recipe: Path, out: Path, *options: str) -> Path:
    result = run_cli("build", recipe, "--out", out, "--quiet", *options)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def test_output_is_byte_identical_for_any_number_of_workers_and_shard_size(tmp_path, corpus_recipe):
    one = build_with(corpus_recipe, tmp_path / "one", "--workers", "1", "--shard-size", "7")
    two = build_with(corpus_recipe, tmp_path / "two", "--workers", "2", "--shard-size", "50")
    assert parquet_bytes(one) and parquet_bytes(one) == parquet_bytes(two)
    # The tool versions (the sentence splitter's parameters among them) come from a worker when
    # there is a pool: the same as this process's.
    manifests = [json.loads((folder / "manifest.json").read_text(encoding="utf-8")) for folder in (one, two)]
    assert manifests[0]["versions"] == manifests[1]["versions"] == tool_versions()
    assert manifests[0]["fingerprint"] == manifests[1]["fingerprint"]
    assert not (tmp_path / "one" / "ferries" / ".cache" / "1.0.0").exists(), "the cache goes once the build is done"


@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="the ray extra is not installed (pip install '.[ray]')")
def test_ray_engine_gives_the_local_engine_output(tmp_path, corpus_recipe):
    local = build_with(corpus_recipe, tmp_path / "local", "--workers", "2")
    ray_built = build_with(corpus_recipe, tmp_path / "ray", "--engine", "ray", "--workers", "2", "--shard-size", "30")
    assert parquet_bytes(local) == parquet_bytes(ray_built)


def test_kill_9_mid_build_then_rerun_reuses_shards_and_gives_the_same_output(tmp_path, corpus_recipe):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "builder", "build", str(corpus_recipe), "--out", str(out), "--workers", "1",
               "--shard-size", "4", "--quiet"]
    log = open(tmp_path / "killed.log", "w")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    cache = out / "ferries" / ".cache" / "1.0.0"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache.glob("shard-*.jsonl"))) < 3:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(list(cache.glob("shard-*.jsonl")))
    assert finished >= 3 and not (out / "ferries" / "1.0.0").exists(), (tmp_path / "killed.log").read_text()
    rerun = subprocess.run(command[:-1], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"reused {finished} finished shards" in rerun.stderr
    fresh = build_with(corpus_recipe, tmp_path / "fresh", "--shard-size", "4")
    assert parquet_bytes(out / "ferries" / "1.0.0") == parquet_bytes(fresh)


def test_collector_paused_gives_the_collector_back_as_it_was_even_after_an_error():
    import gc

    from builder.execute import collector_paused

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("a document's processing failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a caller that had turned the collector off keeps it off"
    finally:
        gc.enable()


def test_long_lived_frozen_freezes_what_lives_and_unfreezes_after_an_error_but_not_a_callers_freeze():
    import gc

    from builder.execute import long_lived_frozen

    def walked() -> set[int]:
        # What the collector walks, frozen objects not among them. (Freeze counts would not do:
        # threads left by earlier tests may free frozen objects meanwhile.)
        return {id(o) for o in gc.get_objects()}

    assert gc.get_freeze_count() == 0
    early = [[] for _ in range(10)]
    with pytest.raises(RuntimeError):
        with long_lived_frozen() as freeze:
            assert gc.get_freeze_count() > 0 and walked().isdisjoint(map(id, early))
            late = [[] for _ in range(1000)]  # tracked containers made after entry
            assert set(map(id, late)) <= walked()
            freeze()
            assert walked().isdisjoint(map(id, late))
            raise RuntimeError("the build failed")
    assert gc.get_freeze_count() == 0 and set(map(id, early + late)) <= walked()
    mine = [[] for _ in range(10)]
    gc.freeze()
    try:
        with long_lived_frozen():
            pass
        assert walked().isdisjoint(map(id, mine)), "what a caller froze stays frozen"
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_mid_build_exits_cleanly_and_the_rerun_reuses_shards(tmp_path, corpus_recipe, workers):
    from builder.cli import EXIT_INTERRUPTED

    out = tmp_path / "out"
    command = [sys.executable, "-m", "builder", "build", str(corpus_recipe), "--out", str(out), "--workers", workers,
               "--shard-size", "4"]
    # Ctrl-C in a terminal signals the whole foreground process group: the build and its workers.
    # (SIGINT set back to its default in the child: a shell running the tests in the background ignores it.)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    cache = out / "ferries" / ".cache" / "1.0.0"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache.glob("shard-*.jsonl"))) < 3:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "interrupted: finished shards are kept" in stderr and "Traceback" not in stderr
    assert stdout == "", "nothing on stdout but results"
    assert not (out / "ferries" / "1.0.0").exists() and not list((out / "ferries").glob(".1.0.0.partial-*"))
    finished = len(list(cache.glob("shard-*.jsonl")))
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"reused {finished} finished shards" in rerun.stderr
    fresh = build_with(corpus_recipe, tmp_path / "fresh", "--shard-size", "4")
    assert parquet_bytes(out / "ferries" / "1.0.0") == parquet_bytes(fresh)


def test_a_pool_whose_workers_cannot_start_says_why_on_its_first_shard(monkeypatch, tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    class NoProcesses(ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise OSError("no more processes allowed")

    monkeypatch.setattr(execute, "ProcessPoolExecutor", NoProcesses)
    engine = execute.PoolEngine(2)  # the workers start from a thread, which must not swallow this
    with pytest.raises(OSError, match="no more processes allowed"):
        engine.submit([], {}, {}, tmp_path / "shard.jsonl")
    with pytest.raises(OSError, match="no more processes allowed"):
        engine.run_all(print, [()])
    engine.close()
