"""Speed of builder.segment.split_sentences against plain NLTK Punkt, in one process and one run.

    python benchmarks/bench_segment.py PATH [--min-mb 5] [--repeat 3]

PATH is an English text file, or a .jsonl whose `text` fields are joined by blank lines. The text
is repeated until it holds at least --min-mb megabytes (UTF-8), then split as one string by both
splitters, each timed --repeat times (best run kept, runs alternate). Punkt gets the same English
parameters builder.segment uses. Prints MB/s for both and the ratio. Not a test: asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nltk.redos  # noqa: E402
from nltk.tokenize.punkt import PunktSentenceTokenizer  # noqa: E402

from builder.segment import punkt_parameters, split_sentences  # noqa: E402


def load_text(path: Path) -> str:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf8") as lines:
            return "\n\n".join(json.loads(line)["text"] for line in lines if line.strip())
    return path.read_text(encoding="utf8")


def repeat_to_size(text: str, min_bytes: int) -> str:
    size = len(text.encode("utf8"))
    if size == 0:
        raise SystemExit("the input holds no text")
    copies = max(1, -(-min_bytes // size))
    return "\n\n".join([text] * copies)


@contextmanager
def no_regex_time_cap() -> Iterator[None]:
    """NLTK 3.10 caps one regex pass at 5 s of wall clock, and Punkt's pass over a whole
    multi-megabyte text takes longer than that; lift the cap while the baseline runs."""
    saved = nltk.redos.DEFAULT_TIMEOUT
    nltk.redos.DEFAULT_TIMEOUT = None
    try:
        yield
    finally:
        nltk.redos.DEFAULT_TIMEOUT = saved


def best_seconds(split: Callable[[str], list], text: str, repeat: int) -> tuple[float, int]:
    timings, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = len(split(text))
        timings.append(time.perf_counter() - started)
    return min(timings), count


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("path", type=Path)
    ap.add_argument("--min-mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    text = repeat_to_size(load_text(args.path), int(args.min_mb * 1_000_000))
    megabytes = len(text.encode("utf8")) / 1_000_000
    punkt = PunktSentenceTokenizer(punkt_parameters())
    split_sentences("Warm up. Load the model.")  # build the cached tokenizer outside the clock

    ours, punkts = [], []
    with no_regex_time_cap():
        for _ in range(args.repeat):  # alternate so that neither gets a warmer machine
            ours.append(best_seconds(split_sentences, text, 1))
            punkts.append(best_seconds(punkt.tokenize, text, 1))
    ours_seconds, ours_count = min(ours)
    punkt_seconds, punkt_count = min(punkts)

    print(f"text: {megabytes:.2f} MB from {args.path}, best of {args.repeat} runs, one process")
    print(f"builder.segment.split_sentences: {megabytes / ours_seconds:7.2f} MB/s "
          f"({ours_seconds:.2f} s, {ours_count} sentences)")
    print(f"nltk punkt tokenize:             {megabytes / punkt_seconds:7.2f} MB/s "
          f"({punkt_seconds:.2f} s, {punkt_count} sentences)")
    print(f"ratio (segment / punkt): {punkt_seconds / ours_seconds:.2f}")


if __name__ == "__main__":
    main()
