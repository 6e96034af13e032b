"""Load a recipe file and check it completely before any work is done."""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from builder.schemas import schema_errors

SPLIT_NAMES = ("train", "validation", "test")
DEFAULT_SPLITS = {"train": 0.8, "validation": 0.1, "test": 0.1, "seed": 0}
DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000


class RecipeError(Exception):
    """A recipe that cannot be built; `problems` are 'key.path: what was expected' lines."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


def read_recipe_file(path: Path) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise RecipeError(path, [f"cannot read the recipe: {err.strerror or err}"]) from err
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise RecipeError(path, [f"not valid YAML: {err}"]) from err
    if not isinstance(spec, dict):
        raise RecipeError(path, ["(top level): expected a mapping of recipe keys"])
    return spec


def semantic_problems(spec: dict, base_dir: Path) -> list[str]:
    """What the schema cannot say: split ratios sum to 1, sources exist, label rules are coherent."""
    from builder.read import expand_source  # the reader owns what a source path means
    from builder import labels

    problems = []
    ratios = split_ratios(spec)
    if not math.isclose(sum(ratios.values()), 1.0, abs_tol=1e-6):
        problems.append(f"splits: train + validation + test must sum to 1, got {sum(ratios.values()):g}")
    for index, source in enumerate(spec["sources"]):
        if not any(True for _ in expand_source(source, base_dir)):
            problems.append(f"sources[{index}].path: {source['path']!r} matches no readable file")
    if "labels" in spec.get("tasks", {}):
        problems += labels.check_labels_config(spec["tasks"]["labels"])
    return problems


def override_sources(spec: dict, paths: list[str]) -> dict:
    """The recipe with its sources replaced by files given on the command line (absolute paths,
    format from each file's extension; jsonl columns map to fields of the same name)."""
    return {**spec, "sources": [{"path": str(Path(p).resolve())} for p in paths]}


def load_recipe(path: str | Path, sources: list[str] | None = None) -> dict:
    """The recipe at `path`, validated against schemas/recipe.schema.json and checked for sense.
    `sources`, when given, replaces the recipe's sources.

    Raises RecipeError naming the file, the key path and what was expected."""
    path = Path(path)
    spec = read_recipe_file(path)
    if sources:
        spec = override_sources(spec, sources)
    problems = schema_errors("recipe", spec)
    if not problems:
        problems = semantic_problems(spec, path.parent)
    if problems:
        raise RecipeError(path, problems)
    return spec


def split_ratios(spec: dict) -> dict[str, float]:
    splits = {**DEFAULT_SPLITS, **spec.get("splits", {})}
    return {name: float(splits[name]) for name in SPLIT_NAMES}


def split_seed(spec: dict) -> int:
    return int(spec.get("splits", {}).get("seed", DEFAULT_SPLITS["seed"]))


def max_document_bytes(spec: dict) -> int:
    return int(spec.get("limits", {}).get("max_document_bytes", DEFAULT_MAX_DOCUMENT_BYTES))


# Readers of the recipe's task settings, shared by the per-article step and the corpus and write
# steps (here, not in builder.process: with worker processes, the main one never imports the per-article code).

def label_tasks(spec: dict) -> list[dict]:
    return spec.get("tasks", {}).get("labels", [])


def labels_sentences(spec: dict) -> bool:
    """Whether a label task labels each sentence (not the whole article)."""
    return any(task.get("level", "article") == "sentence" for task in label_tasks(spec))


def label_config(task: dict, tasks: list[dict]) -> str:
    """The config a label task is published as: `labels` when it is the only one."""
    return "labels" if len(tasks) == 1 else f"labels_{task['name']}"


def dedup_options(spec: dict) -> dict:
    """The recipe's `dedup` mapping over the defaults."""
    return {"near_duplicates": True, "threshold": 0.8, "shingle_words": 5, "num_perm": 64, "keep": "all",
            "exact": "one", **spec.get("dedup", {})}
