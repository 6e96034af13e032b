"""Recipe side of label tasks: defaults, allowed values and the semantic checks of ``tasks.labels``."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

# Defaults, mirrored as "default" in schemas/tasks/labels.schema.json.
DEFAULT_LEVEL = "article"
DEFAULT_FIELD = "all"
DEFAULT_WEIGHT = 1.0
DEFAULT_MIN_MATCHES = 1
DEFAULT_METHOD = "majority"
DEFAULT_TIE = "abstain"
DEFAULT_PRIOR = "estimated"
DEFAULT_UNLABELLED = "keep"
DEFAULT_ITERATIONS = 100

LEVELS = ("article", "sentence")
FIELDS = ("title", "lead", "body", "url", "all")
METHODS = ("majority", "label_model")
TIES = ("abstain", "first", "prior")
PRIORS = ("fixed", "estimated")
UNLABELLED = ("keep", "drop", "quarantine")
METADATA_FROM = ("url_segment", "section", "source_folder", "column")
RULE_KINDS = ("keywords", "phrases", "regex", "metadata", "passthrough")

UNLABELLED_ID = -1
TASK_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Words are runs of letters/digits; keywords are tokenised the same way, so "e-mail" matches the
# two-token phrase "e mail" and "Blair's" still contains the word "blair".
TOKEN_RE = re.compile(r"[^\W_]+")
TIE_EPS = 1e-9

Vote = tuple[str, int, float]


# --------------------------------------------------------------------------------------------
# Recipe checks
# --------------------------------------------------------------------------------------------

def check_labels_config(cfg: Any) -> list[str]:
    """Semantic errors in ``tasks.labels`` that the JSON schema cannot express."""
    if cfg is None:
        return []
    if not isinstance(cfg, list):
        return ["tasks.labels: expected a list of label tasks"]
    errors: list[str] = []
    seen_tasks: set[str] = set()
    for t, task in enumerate(cfg):
        path = f"tasks.labels[{t}]"
        if not isinstance(task, dict):
            errors.append(f"{path}: expected a mapping")
            continue
        name = task.get("name")
        if not isinstance(name, str) or not TASK_NAME_RE.match(name):
            errors.append(f"{path}.name: {name!r} must be lowercase letters, digits, '_' or '-' "
                          "(it names the label folder)")
        elif name in seen_tasks:
            errors.append(f"{path}.name: duplicate task name {name!r}")
        else:
            seen_tasks.add(name)
        errors += _check_enum(task, "level", LEVELS, path)
        errors += _check_enum(task, "unlabelled", UNLABELLED, path)
        classes = task.get("classes")
        if not isinstance(classes, list) or not classes or not all(
                isinstance(c, str) and c.strip() for c in classes):
            errors.append(f"{path}.classes: expected a non-empty list of class names")
            classes = []
        else:
            for c, count in Counter(classes).items():
                if count > 1:
                    errors.append(f"{path}.classes: duplicate class name {c!r}")
        errors += _check_aggregate(task.get("aggregate") or {}, len(classes), f"{path}.aggregate")
        rules = task.get("rules")
        if not isinstance(rules, list) or not rules:
            errors.append(f"{path}.rules: expected a non-empty list of rules")
            continue
        seen_rules: set[str] = set()
        for r, rule in enumerate(rules):
            rpath = f"{path}.rules[{r}]"
            if not isinstance(rule, dict):
                errors.append(f"{rpath}: expected a mapping")
                continue
            rname = rule.get("name")
            if not isinstance(rname, str) or not rname:
                errors.append(f"{rpath}.name: every rule needs a name (votes are reported by name)")
            elif rname in seen_rules:
                errors.append(f"{rpath}.name: duplicate rule name {rname!r}")
            else:
                seen_rules.add(rname)
            errors += _check_rule(rule, classes, rpath)
    return errors


def _check_enum(obj: dict, key: str, allowed: tuple, path: str) -> list[str]:
    if key in obj and obj[key] not in allowed:
        return [f"{path}.{key}: {obj[key]!r} is not one of {', '.join(allowed)}"]
    return []


def _check_aggregate(agg: dict, n_classes: int, path: str) -> list[str]:
    if not isinstance(agg, dict):
        return [f"{path}: expected a mapping"]
    errors = (_check_enum(agg, "method", METHODS, path) + _check_enum(agg, "tie", TIES, path)
              + _check_enum(agg, "prior", PRIORS, path))
    prior = agg.get("class_prior")
    if prior is not None:
        if (not isinstance(prior, list) or len(prior) != n_classes
                or not all(isinstance(p, (int, float)) and p > 0 for p in prior)):
            errors.append(f"{path}.class_prior: expected {n_classes} positive numbers, one per class")
    iterations = agg.get("iterations", DEFAULT_ITERATIONS)
    if not isinstance(iterations, int) or isinstance(iterations, bool) or iterations < 1:
        errors.append(f"{path}.iterations: expected an integer >= 1")
    return errors


def _check_rule(rule: dict, classes: list[str], path: str) -> list[str]:
    kinds = [k for k in RULE_KINDS if k in rule]
    if len(kinds) != 1:
        return [f"{path}: a rule needs exactly one of {', '.join(RULE_KINDS)} (found {kinds or 'none'})"]
    kind = kinds[0]
    errors: list[str] = []
    if kind == "passthrough":
        if not isinstance(rule["passthrough"], str) or not rule["passthrough"]:
            errors.append(f"{path}.passthrough: expected the name of a source column")
        if "class" in rule:
            errors.append(f"{path}.class: a passthrough rule votes the class its column holds; "
                          "remove 'class' (use 'map' to rename values)")
        for raw, target in (rule.get("map") or {}).items():
            if target not in classes:
                errors.append(f"{path}.map.{raw}: unknown class {target!r} "
                              f"(classes: {', '.join(classes)})")
    else:
        cls = rule.get("class")
        if cls not in classes:
            errors.append(f"{path}.class: unknown class {cls!r} (classes: {', '.join(classes)})")
    errors += _check_enum(rule, "field", FIELDS, path)
    weight = rule.get("weight", DEFAULT_WEIGHT)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight <= 0:
        errors.append(f"{path}.weight: expected a positive number")
    min_matches = rule.get("min_matches", DEFAULT_MIN_MATCHES)
    if not isinstance(min_matches, int) or isinstance(min_matches, bool) or min_matches < 1:
        errors.append(f"{path}.min_matches: expected an integer >= 1")
    if kind in ("keywords", "phrases"):
        words = rule[kind]
        if not isinstance(words, list) or not words:
            errors.append(f"{path}.{kind}: expected a non-empty list")
        else:
            for i, w in enumerate(words):
                if not isinstance(w, str) or not TOKEN_RE.search(w.rstrip("*")):
                    errors.append(f"{path}.{kind}[{i}]: {w!r} has no word characters")
    elif kind == "regex":
        patterns = rule["regex"] if isinstance(rule["regex"], list) else [rule["regex"]]
        for i, p in enumerate(patterns):
            try:
                re.compile(p)
            except (re.error, TypeError) as exc:
                errors.append(f"{path}.regex[{i}]: invalid regular expression {p!r}: {exc}")
    elif kind == "metadata":
        meta = rule["metadata"]
        if not isinstance(meta, dict):
            errors.append(f"{path}.metadata: expected a mapping")
        else:
            errors += _check_enum(meta, "from", METADATA_FROM, f"{path}.metadata")
            if "from" not in meta:
                errors.append(f"{path}.metadata.from: required ({', '.join(METADATA_FROM)})")
            if meta.get("from") == "column" and not meta.get("column"):
                errors.append(f"{path}.metadata.column: required when from is 'column'")
            values = meta.get("values")
            if not isinstance(values, list) or not values:
                errors.append(f"{path}.metadata.values: expected a non-empty list")
    return errors
