"""Measure how fast builder.clean extracts articles from web pages and from scraped text.

    python benchmarks/bench_clean.py FOLDER [--repeat N]

FOLDER holds html/*.html.gz (web pages) and/or text/*.txt (pages already turned into plain
text), e.g. an article-extraction benchmark folder. Pages are read and decoded first, so the
figures time extraction alone (extract_html with the metadata, and extract_text), in one
process. Prints pages per second (wall clock and CPU time) and the median time per page for
each path; asserts nothing.
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.clean import extract_html, extract_text  # noqa: E402


def read_pages(folder: Path) -> tuple[list[str], list[str]]:
    html = [gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            for path in sorted(folder.glob("html/*.html.gz"))]
    text = [path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(folder.glob("text/*.txt"))]
    return html, text


def time_pages(extract, pages: list[str], repeat: int) -> dict:
    """Wall-clock pages/s and median ms/page, CPU pages/s (steadier on a shared machine) and
    the number of pages with an empty body, over `repeat` rounds."""
    durations, empty = [], 0
    cpu_start = time.process_time()
    for round_number in range(repeat):
        for page in pages:
            start = time.perf_counter()
            record = extract(page)
            durations.append(time.perf_counter() - start)
            if round_number == 0 and not record["text"]:
                empty += 1
    cpu = time.process_time() - cpu_start
    return {"rate": len(durations) / sum(durations),
            "median_ms": 1000 * statistics.median(durations),
            "cpu_rate": len(durations) / cpu if cpu else float("inf"),
            "empty": empty}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="rounds over the pages (default 1)")
    args = parser.parse_args()
    html, text = read_pages(args.folder)
    if not html and not text:
        parser.error(f"no html/*.html.gz or text/*.txt under {args.folder}")
    for name, extract, pages in (("html", extract_html, html), ("text", extract_text, text)):
        if not pages:
            continue
        extract(pages[0])  # warm up imports and caches outside the timing
        figures = time_pages(extract, pages, args.repeat)
        print(f"{name}: {len(pages)} pages, {figures['rate']:.1f} pages/s "
              f"({figures['cpu_rate']:.1f} pages/s of CPU time), "
              f"median {figures['median_ms']:.1f} ms/page, empty bodies {figures['empty']}")


if __name__ == "__main__":
    main()
