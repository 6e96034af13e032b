"""Run QA generation directly over a jsonl of articles and write the pairs as jsonl.

    python benchmarks/bench_qa.py ARTICLES.jsonl [--out qa.jsonl] [--cloze cloze.jsonl]
        [--rejected rejected.jsonl] [--options '{"max_per_article": 8}'] [--limit N]

Each input line needs `id` and `text` (`title` optional). Prints articles/s for generation alone
and pairs per article; score the output with score_qa.py. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.qa import generate_qa  # noqa: E402
from builder.sentences import sentence_records  # noqa: E402

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--out", type=Path, default=Path("qa.jsonl"))
    ap.add_argument("--cloze", type=Path, default=None)
    ap.add_argument("--rejected", type=Path, default=None)
    ap.add_argument("--options", default="{}", help="the tasks.qa options as JSON")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    options = json.loads(args.options)
    rows = [json.loads(line) for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[:args.limit]
    inputs = []
    for row in rows:
        text = row["text"].strip()
        article = {"id": str(row["id"]), "title": row.get("title"), "text": text}
        sentences = sentence_records(article)
        inputs.append((article, sentences))
    t0 = time.perf_counter()
    results = [generate_qa(article, sentences, options) for article, sentences in inputs]
    elapsed = time.perf_counter() - t0
    qa = [r for res in results for r in res["qa"]]
    cloze = [r for res in results for r in res["cloze"]]
    rejected = [r for res in results for r in res["rejected"]]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in qa), encoding="utf-8")
    if args.cloze:
        args.cloze.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in cloze), encoding="utf-8")
    if args.rejected:
        args.rejected.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rejected), encoding="utf-8")
    n = len(inputs)
    print("sentences: builder.sentences (the build's own splitter)")
    print(f"articles={n} qa={len(qa)} ({len(qa) / max(n, 1):.2f}/article) cloze={len(cloze)} "
          f"rejected={len(rejected)} articles_with_0={sum(1 for r in results if not r['qa'])}")
    print("qa by kind:", dict(Counter(r["kind"] for r in qa)))
    print("qa by answer type:", dict(Counter(r["answer_type"] for r in qa)))
    print("rejected by reason:", dict(Counter(r["reason"] for r in rejected)))
    print(f"generation: {n / elapsed:.0f} articles/s ({elapsed:.2f} s)")


if __name__ == "__main__":
    main()
