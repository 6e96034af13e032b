"""Scale of a whole build: articles/s per core, peak RSS, the speed-up from 1 to 2 workers, and the
full build's time against sentence splitting alone over the same texts.

    python benchmarks/build_scale.py ../shared/eval/bbc_dev.jsonl [--sizes 1000 10000 100000]
        [--workers 1 2] [--work DIR] [--repeat R]

It makes a corpus of N raw articles in the scraped-text shape: each article is 3-6 paragraphs drawn
from the given jsonl texts, with numbers shifted, wrapped in varied boilerplate (breadcrumb, title
twice, byline, dateline, related links, share lines), so near-duplicate removal keeps them apart.
Then it runs `builder build` with all tasks on and samples the memory of the whole process tree:
the sum of RSS (which counts pages shared by forked workers once per process) and the sum of PSS
(shared pages split between their users: what the build really holds), and counts the CPU time of
the whole tree per article (steady when the machine is busy with other work, unlike seconds;
orphaned descendants such as the pool's fork server are reaped here, so none is left out).
It prints figures; it asserts nothing."""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SECTIONS = ["News", "Business", "World", "Sport", "Tech", "Culture", "Politics", "Science"]
SHARE = ["Share this article: Facebook Twitter LinkedIn", "Follow us on Twitter", "Sign up for our newsletter",
         "Share on WhatsApp | Email | Print", "Subscribe to our daily briefing"]
RECIPE = """name: scale
version: 1.0.0
description: scale benchmark corpus
license: other
sources:
  - path: corpus/*.txt
    format: text
tasks:
  sentences: {{}}
  qa: {{}}
  labels:
    - name: topic
      classes: [business, entertainment, politics, sport, tech]
      rules:
        - {{name: business, class: business, keywords: [shares, profit*, market*, economy, bank*, firm*]}}
        - {{name: entertainment, class: entertainment, keywords: [film*, music, album, star*, award*, show]}}
        - {{name: politics, class: politics, keywords: [government, minister*, election*, labour, tory, party]}}
        - {{name: sport, class: sport, keywords: [match, cup, coach, season, player*, win*]}}
        - {{name: tech, class: tech, keywords: [software, computer*, phone*, internet, online, digital]}}
splits: {{train: 0.8, validation: 0.1, test: 0.1, seed: 0}}
{extra}"""


def paragraphs_of(jsonl: Path) -> tuple[list[str], list[str]]:
    paragraphs, titles = [], []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        titles.append(record.get("title") or "Untitled")
        paragraphs += [p.strip() for p in record["text"].split("\n") if len(p.split()) >= 8]
    return paragraphs, titles


def shift_numbers(text: str, rng: random.Random) -> str:
    return re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + rng.randint(1, 9)), text)


def scraped_article(i: int, paragraphs: list[str], titles: list[str]) -> str:
    rng = random.Random(i)
    title = f"{rng.choice(titles)} ({i})"
    body = [shift_numbers(p, rng) for p in rng.sample(paragraphs, rng.randint(3, 6))]
    related = [rng.choice(titles) for _ in range(rng.randint(2, 4))]
    return "\n\n".join([
        f"Home » {rng.choice(SECTIONS)} » {title}", title, title if i % 2 else f"{rng.randint(1, 28)} March 2025",
        f"by Reporter {rng.randint(1, 500)}", *body, "You may also like", *related, rng.choice(SHARE),
    ]) + "\n"


def make_corpus(folder: Path, n: int, paragraphs: list[str], titles: list[str]) -> None:
    corpus = folder / "corpus"
    if corpus.is_dir() and len(list(corpus.iterdir())) == n:
        return
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for i in range(n):
        (corpus / f"{i:07d}.txt").write_text(scraped_article(i, paragraphs, titles), encoding="utf-8")


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    tree, stack = [], [pid]
    while stack:
        current = stack.pop()
        tree.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return tree


def memory_kib(pid: int, field: str) -> int:
    """VmRSS (from status) or Pss (from smaps_rollup) of one process, in KiB; 0 once it is gone."""
    source = "status" if field == "VmRSS" else "smaps_rollup"
    try:
        return int(re.search(rf"^{field}:\s+(\d+)", Path(f"/proc/{pid}/{source}").read_text(), re.M).group(1))
    except (OSError, AttributeError):
        return 0


def tree_memory_kib(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) over the process tree. Forked workers share the parent's pages, which
    RSS counts once per process; PSS splits shared pages between their users, so its sum is the
    memory the whole build really holds."""
    tree = process_tree(pid)
    return sum(memory_kib(p, "VmRSS") for p in tree), sum(memory_kib(p, "Pss") for p in tree)


PR_SET_CHILD_SUBREAPER = 36  # prctl option, from linux/prctl.h


def adopt_orphans() -> None:
    """Become the reaper of the build's orphaned descendants (Linux). The worker pool's fork server
    outlives the build process by a moment; reaped by init, its CPU time and its workers' would be
    missing from the count."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans() -> None:
    """Wait for every descendant left behind by a finished build (see adopt_orphans)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(folder: Path, workers: int) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS and PSS (KiB) of the build's process tree, and its CPU seconds (the
    build's and its workers': they are counted when reaped, so a busy machine does not inflate it)."""
    out = folder / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    cpu_before = children_cpu_seconds()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "builder", "build", str(folder / "recipe.yaml"), "--out",
                                str(out), "--workers", str(workers), "--quiet"], stdout=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss, pss = tree_memory_kib(process.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    reap_orphans()
    if process.returncode != 0:
        sys.exit(f"build failed with exit {process.returncode} in {folder}")
    return elapsed, peak_rss, peak_pss, children_cpu_seconds() - cpu_before


def splitting_alone(folder: Path) -> float:
    """Seconds to clean nothing and only split the same article texts into sentences."""
    from builder.segment import split_sentences

    texts = [p.read_text(encoding="utf-8") for p in sorted((folder / "corpus").iterdir())]
    started = time.perf_counter()
    for text in texts:
        split_sentences(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--work", type=Path, default=Path("/tmp/builder-scale"))
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the worker counts this many times in turn: a virtual machine's speed can drift "
                             "by a fifth between runs minutes apart, so speed-ups are taken from runs back to back")
    args = parser.parse_args()
    adopt_orphans()
    paragraphs, titles = paragraphs_of(args.jsonl)
    print(f"{'articles':>9} {'workers':>7} {'seconds':>8} {'art/s':>8} {'art/s/core':>10} {'CPU ms/art':>10} "
          f"{'peak RSS MB':>11} {'peak PSS MB':>11} {'split-only s':>12} {'build/split':>11}")
    for n in args.sizes:
        folder = args.work / str(n)
        make_corpus(folder, n, paragraphs, titles)
        (folder / "recipe.yaml").write_text(RECIPE.format(extra=""), encoding="utf-8")
        split_seconds = splitting_alone(folder)
        speed_ups = []
        for _ in range(args.repeat):
            times = {}
            for workers in args.workers:
                elapsed, peak_rss, peak_pss, cpu = timed_build(folder, workers)
                times[workers] = elapsed
                print(f"{n:>9} {workers:>7} {elapsed:>8.1f} {n / elapsed:>8.0f} {n / elapsed / workers:>10.0f} "
                      f"{1000 * cpu / n:>10.2f} {peak_rss / 1024:>11.0f} {peak_pss / 1024:>11.0f} "
                      f"{split_seconds:>12.1f} {elapsed / split_seconds:>11.1f}", flush=True)
            if 1 in times and 2 in times:
                speed_ups.append(times[1] / times[2])
                print(f"{n:>9} speed-up from 1 to 2 workers: {speed_ups[-1]:.2f}x", flush=True)
        if len(speed_ups) > 1:
            print(f"{n:>9} speed-up, median of {len(speed_ups)} back-to-back pairs: {statistics.median(speed_ups):.2f}x "
                  f"(each: {', '.join(f'{x:.2f}' for x in speed_ups)})", flush=True)


if __name__ == "__main__":
    main()
