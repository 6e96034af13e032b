"""Run a recipe's label tasks on a jsonl file directly and measure them against a gold column.

    python benchmarks/bench_labels.py RECIPE DATA.jsonl [--gold label] [--text text] [--title title]
        [--url url] [--task NAME] [--report]

Prints accuracy (an abstain counts as wrong) and coverage for the majority vote and for the label
model, and the time taken, without running the whole build pipeline. The gold column is only read
for scoring: it is removed from the item's fields before the rules see it. --report prints the
full per-rule table of `builder labels analyze`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder import labels  # noqa: E402


def read_items(path: Path, text: str, title: str, url: str) -> list[dict]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        items.append({"title": row.get(title), "text": row.get(text) or "", "url": row.get(url),
                      "section": None, "uri": f"{path.name}#L{n}", "fields": row})
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("recipe", type=Path)
    ap.add_argument("data", type=Path)
    ap.add_argument("--gold", default="label")
    ap.add_argument("--text", default="text")
    ap.add_argument("--title", default="title")
    ap.add_argument("--url", default="url")
    ap.add_argument("--task", help="only this label task")
    ap.add_argument("--report", action="store_true", help="print the per-rule table")
    args = ap.parse_args()

    recipe = yaml.safe_load(args.recipe.read_text(encoding="utf8"))
    cfg = (recipe.get("tasks") or {}).get("labels") or []
    errors = labels.check_labels_config(cfg)
    if errors:
        sys.exit("recipe errors:\n  " + "\n  ".join(errors))
    items = read_items(args.data, args.text, args.title, args.url)
    golds = [it["fields"].get(args.gold) for it in items]
    for it in items:  # the rules must never see the gold column
        it["fields"] = {k: v for k, v in it["fields"].items() if k != args.gold}
    for task in cfg:
        if args.task and task["name"] != args.task:
            continue
        t0 = time.perf_counter()
        rows = [labels.rule_votes(it, task) for it in items]
        t_vote = time.perf_counter() - t0
        print(f"task {task['name']}: {len(items)} items, voting {t_vote:.2f} s "
              f"({1000 * t_vote / max(1, len(items)):.2f} ms/item)")
        for method in labels.METHODS:
            variant = {**task, "aggregate": {**(task.get("aggregate") or {}), "method": method}}
            t0 = time.perf_counter()
            model = labels.fit_label_model(rows, variant)
            decided = [labels.decide(v, variant, model) for v in rows]
            t_agg = time.perf_counter() - t0
            names = task["classes"]
            correct = sum(lab >= 0 and names[lab] == g for (lab, _), g in zip(decided, golds))
            covered = sum(lab >= 0 for lab, _ in decided)
            n = len(items)
            print(f"  {method:<12} accuracy={100 * correct / n:.1f}% coverage={100 * covered / n:.1f}% "
                  f"accuracy_on_labelled={100 * correct / max(1, covered):.1f}%  ({t_agg:.2f} s)")
        if args.report:
            scored = [{**it, "fields": {**it["fields"], args.gold: g}} for it, g in zip(items, golds)]
            print(labels.format_analysis(labels.analyze(scored, task, args.gold)))


if __name__ == "__main__":
    main()
