"""``builder labels analyze``: per-rule coverage, overlaps, conflicts and accuracy, and the aggregate."""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from builder.labels.aggregate import _aggregate, decide, fit_label_model
from builder.labels.config import DEFAULT_LEVEL, DEFAULT_METHOD, METHODS, UNLABELLED_ID, Vote
from builder.labels.rules import _compiled, passthrough_errors, rule_votes


# --------------------------------------------------------------------------------------------
# Analysis (``builder labels analyze``)
# --------------------------------------------------------------------------------------------

@dataclass
class RuleStats:
    name: str
    votes_for: str          # the class name, or "(column)" for passthrough rules
    fired: int = 0
    overlaps: int = 0       # fired together with another rule
    conflicts: int = 0      # fired while another rule voted a different class
    with_gold: int = 0      # fired on an item that has a gold label
    correct: int = 0        # ... and voted the gold label
    estimated_accuracy: float | None = None   # the label model's estimate, no gold needed


@dataclass
class AggregateStats:
    method: str
    labelled: int = 0
    correct: int = 0
    predicted: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)   # (gold id, predicted id) -> n


@dataclass
class Analysis:
    task: str
    classes: list[str]
    items: int
    with_gold: int
    quarantined: int
    rules: list[RuleStats]
    aggregates: list[AggregateStats]
    gold_counts: Counter
    seconds: float
    gold_field: str | None = None
    configured_method: str = DEFAULT_METHOD


def _gold_id(item: dict, gold_field: str | None, classes: list[str]) -> int | None:
    if not gold_field:
        return None
    value = (item.get("fields") or {}).get(gold_field, item.get(gold_field))
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(classes):
        return value
    if isinstance(value, str) and value.strip() in classes:
        return classes.index(value.strip())
    return None


def _simple_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n", text) if s.strip()]


def _sentence_items(items: Iterable[dict]) -> Iterable[dict]:
    """Sentence-level items from article items (for analysing sentence tasks)."""
    try:
        from builder.segment import split_sentences
    except Exception:  # segmentation not available: a plain punctuation split is enough here
        split_sentences = _simple_sentences
    for item in items:
        for sentence in split_sentences(item.get("text") or ""):
            yield {**item, "text": sentence}


def analyze(items: Iterable[dict], task: dict, gold_field: str | None = None) -> Analysis:
    """Vote every item with every rule and measure the rules and both aggregations."""
    start = time.perf_counter()
    classes = list(task["classes"])
    if task.get("level", DEFAULT_LEVEL) == "sentence":
        items = _sentence_items(items)
    comp = _compiled(task)
    stats = {r.name: RuleStats(r.name, "(column)" if r.kind == "passthrough" else classes[r.class_id])
             for r in comp.rules}
    rows: list[list[Vote]] = []
    golds: list[int | None] = []
    quarantined = 0
    for item in items:
        if passthrough_errors(item, task):
            quarantined += 1
            continue
        votes = rule_votes(item, task)
        gold = _gold_id(item, gold_field, classes)
        rows.append(votes)
        golds.append(gold)
        voted = {c for _, c, _ in votes}
        for name, cls, _ in votes:
            s = stats[name]
            s.fired += 1
            s.overlaps += len(votes) > 1
            s.conflicts += any(c != cls for c in voted)
            if gold is not None:
                s.with_gold += 1
                s.correct += cls == gold
    aggregates = []
    methods = [_aggregate(task)["method"]] + [m for m in METHODS if m != _aggregate(task)["method"]]
    for method in methods:
        variant = {**task, "aggregate": {**(task.get("aggregate") or {}), "method": method}}
        model = fit_label_model(rows, variant)
        if method == "label_model":
            for key, acc in model["rule_accuracy"].items():
                if key in stats:
                    stats[key].estimated_accuracy = acc
        agg = AggregateStats(method)
        for votes, gold in zip(rows, golds):
            label, _ = decide(votes, variant, model)
            agg.predicted[label] += 1
            agg.labelled += label != UNLABELLED_ID
            if gold is not None:
                agg.correct += label == gold
                agg.confusion[(gold, label)] += 1
        aggregates.append(agg)
    return Analysis(task["name"], classes, len(rows), sum(g is not None for g in golds), quarantined,
                    list(stats.values()), aggregates, Counter(g for g in golds if g is not None),
                    time.perf_counter() - start, gold_field, methods[0])


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def format_analysis(a: Analysis) -> str:
    """A plain-text report: one row per rule, then the aggregated labels."""
    n = a.items
    out = [f"label task {a.task!r}: {n} items, {a.with_gold} with gold"
           + (f" ({a.gold_field})" if a.gold_field else "")
           + (f", {a.quarantined} quarantined (passthrough value not a class)" if a.quarantined else "")]
    name_w = max([len("rule")] + [len(r.name) for r in a.rules])
    cls_w = max([len("class")] + [len(r.votes_for) for r in a.rules])
    head = (f"  {'rule':<{name_w}}  {'class':<{cls_w}}  {'fired':>6}  {'coverage':>8}  {'overlaps':>8}  "
            f"{'conflicts':>9}  {'accuracy':>8}  {'est.acc':>7}")
    out += [head, "  " + "-" * (len(head) - 2)]
    for r in a.rules:
        acc = _pct(r.correct, r.with_gold) if a.with_gold else "    -"
        est = f"{100 * r.estimated_accuracy:5.1f}%" if r.estimated_accuracy is not None else "    -"
        out.append(f"  {r.name:<{name_w}}  {r.votes_for:<{cls_w}}  {r.fired:>6}  {_pct(r.fired, n):>8}  "
                   f"{_pct(r.overlaps, n):>8}  {_pct(r.conflicts, n):>9}  {acc:>8}  {est:>7}")
    out.append("  accuracy = share of the rule's votes that match gold; est.acc = the label model's "
               "estimate without gold; overlaps/conflicts as a share of all items")
    for agg in a.aggregates:
        tag = " (recipe)" if agg.method == a.configured_method else ""
        line = f"aggregate {agg.method}{tag}: coverage {_pct(agg.labelled, n).strip()}"
        if a.with_gold:
            covered_gold = sum(v for (g, p), v in agg.confusion.items() if p != UNLABELLED_ID)
            correct_cov = sum(v for (g, p), v in agg.confusion.items() if g == p)
            line += (f", accuracy {_pct(agg.correct, a.with_gold).strip()} (abstain = wrong), "
                     f"{_pct(correct_cov, covered_gold).strip()} on labelled items")
        out.append(line)
        counts = ", ".join(f"{a.classes[c] if c >= 0 else 'unlabelled'}={agg.predicted[c]}"
                           for c in sorted(agg.predicted))
        out.append(f"  predicted: {counts}")
        if a.with_gold:
            out.append("  per class (gold -> recall, precision):")
            for c, name in enumerate(a.classes):
                tp = agg.confusion[(c, c)]
                gold_n = a.gold_counts[c]
                pred_n = sum(v for (g, p), v in agg.confusion.items() if p == c)
                confused = Counter({a.classes[p] if p >= 0 else "unlabelled": v
                                    for (g, p), v in agg.confusion.items() if g == c and p != c})
                worst = ", ".join(f"{k}={v}" for k, v in confused.most_common(3))
                out.append(f"    {name:<{cls_w}}  n={gold_n:<5} recall {_pct(tp, gold_n)}  "
                           f"precision {_pct(tp, pred_n)}" + (f"  confused with: {worst}" if worst else ""))
    out.append(f"({a.seconds:.2f} s)")
    return "\n".join(out)


def analyze_recipe_items(items: Iterable[dict], labels_cfg: list[dict],
                         gold_field: str | None = None) -> str:
    """The report ``builder labels analyze RECIPE [--gold FIELD]`` prints, for every label task."""
    items = list(items)
    return "\n\n".join(format_analysis(analyze(items, task, gold_field)) for task in labels_cfg or [])


def analyze_recipe(recipe_path, gold_field: str | None = None, sources: list[str] | None = None) -> str:
    """`builder labels analyze`: the rule report over a recipe's articles, without building.
    Imports only what reading and cleaning need, so iterating on rules stays quick."""
    from pathlib import Path

    from builder.article import make_article
    from builder.labels.rules import label_item
    from builder.read import iter_documents
    from builder.recipe import load_recipe, max_document_bytes

    recipe_path = Path(recipe_path)
    spec = load_recipe(recipe_path, sources)

    def items():
        for doc in iter_documents(spec["sources"], recipe_path.parent, max_document_bytes(spec)):
            article = None if doc["reject"] else make_article(doc, spec.get("language", "en"))[0]
            if article is not None:
                yield label_item(article, doc)

    return analyze_recipe_items(items(), spec.get("tasks", {}).get("labels", []), gold_field)
