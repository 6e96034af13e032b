"""Combining votes: weighted majority vote and a Dawid-Skene label model; label files."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np

from builder.labels.config import (DEFAULT_ITERATIONS, DEFAULT_METHOD, DEFAULT_PRIOR, DEFAULT_TIE, DEFAULT_WEIGHT,
                                   TIE_EPS, UNLABELLED_ID, Vote)


def label_names(task: dict) -> dict:
    names = list(task["classes"])
    return {"names": names,
            "label2id": {n: i for i, n in enumerate(names)},
            "id2label": {str(i): n for i, n in enumerate(names)}}


def class_counts(labels: Iterable[int], task: dict) -> dict[str, int]:
    """Counts per class name (and ``"unlabelled"`` for -1), e.g. for the card."""
    names = list(task["classes"])
    counts = Counter(labels)
    out = {n: counts.get(i, 0) for i, n in enumerate(names)}
    if counts.get(UNLABELLED_ID):
        out["unlabelled"] = counts[UNLABELLED_ID]
    return out


def _aggregate(task: dict) -> dict:
    agg = task.get("aggregate") or {}
    return {"method": agg.get("method", DEFAULT_METHOD), "tie": agg.get("tie", DEFAULT_TIE),
            "prior": agg.get("prior", DEFAULT_PRIOR), "class_prior": agg.get("class_prior"),
            "iterations": int(agg.get("iterations", DEFAULT_ITERATIONS))}


def _fixed_prior(task: dict) -> np.ndarray:
    k = len(task["classes"])
    given = _aggregate(task)["class_prior"]
    p = np.asarray(given, dtype=float) if given else np.ones(k)
    return p / p.sum()


def _majority_scores(votes: Iterable[Vote], k: int) -> np.ndarray:
    scores = np.zeros(k)
    for _, cls, weight in votes:
        if 0 <= cls < k:
            scores[cls] += weight
    return scores


def _break_tie(tied: list[int], tie: str, prior: np.ndarray) -> int:
    if tie == "first":
        return min(tied)
    if tie == "prior":
        # The most frequent class among the tied ones; class order settles equal priors.
        return max(tied, key=lambda c: (prior[c], -c))
    return UNLABELLED_ID


def _pick(scores: np.ndarray, probs: np.ndarray, tie: str, prior: np.ndarray) -> tuple[int, float]:
    top = scores.max()
    tied = [int(c) for c in np.flatnonzero(scores >= top - TIE_EPS * max(1.0, abs(top)))]
    winner = tied[0] if len(tied) == 1 else _break_tie(tied, tie, prior)
    if winner == UNLABELLED_ID:
        return UNLABELLED_ID, float(probs.max())
    return winner, float(probs[winner])


def decide(votes: list[Vote], task: dict, model: dict | None = None) -> tuple[int, float]:
    """The label (class id, or -1 when no rule voted / on an abstaining tie) and its confidence."""
    k = len(task["classes"])
    agg = _aggregate(task)
    votes = [v for v in votes if 0 <= v[1] < k]
    if not votes:
        return UNLABELLED_ID, 0.0
    model = model or {}
    prior = np.asarray(model.get("prior") or _fixed_prior(task), dtype=float)
    if model.get("method") == "label_model":
        log_post = _label_model_log_posterior(votes, model)
        probs = np.exp(log_post - log_post.max())
        probs /= probs.sum()
        return _pick(log_post, probs, agg["tie"], prior)
    scores = _majority_scores(votes, k)
    return _pick(scores, scores / scores.sum(), agg["tie"], prior)


# --------------------------------------------------------------------------------------------
# Label model (Dawid-Skene EM over rule outputs, numpy only)
# --------------------------------------------------------------------------------------------
#
# Each rule is an annotator whose output is "abstain" or one class. For every class k the model
# learns P(rule j outputs v | true class k). Rules vote one fixed class (passthrough rules any
# class), so the outputs are encoded as indicator columns, one per (rule, class it can vote):
# X[i, m] = 1 when item i got output m. Because the outputs of one rule exclude each other,
#   log P(votes_i | k) = sum_j log P(abstain_j | k) + X[i] @ (log P(m | k) - log P(abstain_j(m) | k))
# which is one matrix product per EM iteration. Identical vote patterns are collapsed first, so the
# cost depends on the number of distinct patterns, not on the corpus size.

ALPHA_OWN, BETA_OWN = 2.0, 2.0        # Beta prior of P(rule fires | its own class)
ALPHA_OTHER, BETA_OTHER = 1.0, 4.0    # Beta prior of P(rule fires | another class)
PRIOR_PSEUDO = 5.0                    # Dirichlet pseudo-count per class for an estimated prior


def _columns(task: dict) -> list[tuple[str, int]]:
    """The (rule name, class id) output columns of the label model."""
    k = len(task["classes"])
    cols = []
    for rule in task["rules"]:
        if "passthrough" in rule:
            cols += [(rule["name"], c) for c in range(k)]
        else:
            cols.append((rule["name"], task["classes"].index(rule["class"])))
    return cols


def _pattern_matrix(vote_rows: list[list[Vote]], cols: list[tuple[str, int]]):
    """Distinct vote patterns as a 0/1 matrix, with how often each occurs."""
    index = {c: m for m, c in enumerate(cols)}
    patterns: Counter = Counter()
    for votes in vote_rows:
        patterns[tuple(sorted({index[(n, c)] for n, c, _ in votes if (n, c) in index}))] += 1
    keys = sorted(patterns)
    x = np.zeros((len(keys), len(cols)), dtype=np.float64)
    for row, key in enumerate(keys):
        x[row, list(key)] = 1.0
    counts = np.asarray([patterns[k] for k in keys], dtype=np.float64)
    return x, counts


def fit_label_model(vote_rows: list[list[Vote]], task: dict) -> dict:
    """Fit the task's aggregation on the votes of the whole corpus (run once, after voting)."""
    agg = _aggregate(task)
    k = len(task["classes"])
    if agg["method"] != "label_model":
        return _fit_majority(vote_rows, task)
    cols = _columns(task)
    rule_names = [r["name"] for r in task["rules"]]
    rule_of_col = np.asarray([rule_names.index(n) for n, _ in cols])
    x, counts = _pattern_matrix(vote_rows, cols)
    n_rules = len(rule_names)
    fixed = agg["prior"] == "fixed"
    prior = _fixed_prior(task)

    # Start from the weighted majority vote (soft), so class k keeps meaning "class k".
    weights = np.asarray([_rule_weight(task, n) for n, _ in cols])
    onehot = np.zeros((len(cols), k))
    onehot[np.arange(len(cols)), [c for _, c in cols]] = 1.0
    scores = (x * weights) @ onehot
    post = np.where(scores.sum(1, keepdims=True) > 0, scores + 1e-3, prior)
    post = post / post.sum(1, keepdims=True)

    # Pseudo-counts (a weak Beta prior per rule and class): a rule is assumed to fire on about half
    # of the items of its own class, Beta(2, 2), and on a fifth of the others, Beta(1, 4). On a
    # small corpus this keeps the model close to a vote; on a large one the data decide. It also
    # keeps EM away from swapped or degenerate solutions.
    own = onehot.T > 0                                                # k x m
    pseudo = np.where(own, ALPHA_OWN, ALPHA_OTHER)                    # k x m
    own_rule = _sum_by_rule(own.astype(float), rule_of_col, n_rules) > 0   # k x rules
    pseudo_abstain = np.where(own_rule, BETA_OWN, BETA_OTHER)          # k x rules
    pseudo_rule = _sum_by_rule(pseudo, rule_of_col, n_rules) + pseudo_abstain
    ll_prev, it = -np.inf, 0
    for it in range(1, agg["iterations"] + 1):
        w = post * counts[:, None]                       # expected class counts per pattern
        class_total = w.sum(0)                           # k
        fired = w.T @ x                                  # k x m: expected fires per class
        fired_rule = _sum_by_rule(fired, rule_of_col, n_rules)          # k x rules
        abstain = np.maximum(class_total[:, None] - fired_rule, 0.0) + pseudo_abstain
        denom = class_total[:, None] + pseudo_rule                      # k x rules
        log_fire = np.log(fired + pseudo) - np.log(denom[:, rule_of_col])
        log_abst = np.log(abstain) - np.log(denom)
        if not fixed:
            prior = (class_total + PRIOR_PSEUDO) / (class_total.sum() + k * PRIOR_PSEUDO)
        w_mat = (log_fire - log_abst[:, rule_of_col]).T   # m x k
        const = np.log(prior) + log_abst.sum(1)
        log_lik = x @ w_mat + const
        top = log_lik.max(1, keepdims=True)
        norm = top + np.log(np.exp(log_lik - top).sum(1, keepdims=True))
        post = np.exp(log_lik - norm)
        ll = float((norm[:, 0] * counts).sum())
        converged = abs(ll - ll_prev) < 1e-7 * max(1.0, abs(ll))
        ll_prev = ll
        if converged:
            break
    # Estimated accuracy of each (rule, class) column: P(true class = voted class | it fired).
    fires = counts @ x
    col_acc = ((post * counts[:, None]).T @ x * onehot.T).sum(0) / np.maximum(fires, 1e-9)
    return {"method": "label_model", "classes": list(task["classes"]),
            "columns": [[n, c] for n, c in cols],
            "weights": w_mat.round(8).tolist(), "const": (log_abst.sum(1)).round(8).tolist(),
            "prior": prior.round(8).tolist(), "iterations": it, "log_likelihood": round(ll_prev, 4),
            "rule_accuracy": {f"{n}:{task['classes'][c]}" if _is_passthrough(task, n) else n:
                              (round(float(a), 4) if f > 0 else None)
                              for (n, c), a, f in zip(cols, col_acc, fires)}}


def _sum_by_rule(per_col: np.ndarray, rule_of_col: np.ndarray, n_rules: int) -> np.ndarray:
    """Sum the columns (rule outputs) of a k x m matrix per rule: k x rules."""
    out = np.zeros((per_col.shape[0], n_rules))
    np.add.at(out.T, rule_of_col, per_col.T)
    return out


def _rule_weight(task: dict, name: str) -> float:
    rule = next(r for r in task["rules"] if r["name"] == name)
    return float(rule.get("weight", DEFAULT_WEIGHT))


def _is_passthrough(task: dict, name: str) -> bool:
    return any(r["name"] == name and "passthrough" in r for r in task["rules"])


def _fit_majority(vote_rows: list[list[Vote]], task: dict) -> dict:
    """Majority vote needs no fitting; the class prior (for ``tie: prior``) is estimated or fixed."""
    agg = _aggregate(task)
    k = len(task["classes"])
    prior = _fixed_prior(task)
    if agg["prior"] == "estimated":
        counts = np.ones(k)
        for votes in vote_rows:
            scores = _majority_scores(votes, k)
            if scores.max() > 0 and (scores == scores.max()).sum() == 1:
                counts[int(scores.argmax())] += 1
        prior = counts / counts.sum()
    return {"method": "majority", "classes": list(task["classes"]), "prior": prior.round(8).tolist()}


def _label_model_log_posterior(votes: list[Vote], model: dict) -> np.ndarray:
    index = {(n, c): m for m, (n, c) in enumerate(model["columns"])}
    w = np.asarray(model["weights"])
    score = np.log(np.asarray(model["prior"])) + np.asarray(model["const"])
    for m in {index[(n, c)] for n, c, _ in votes if (n, c) in index}:
        score = score + w[m]
    return score
