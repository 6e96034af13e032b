"""The dataset card: a Hub-valid YAML header generated from `datasets.Features`, and prose: counts,
label distribution, quarantine, leakage, the recipe, the changelog, how to load, citation.
`merge_card` keeps the metadata a user added by hand when a new version is published."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from huggingface_hub import DatasetCard, DatasetCardData

from builder.recipe import SPLIT_NAMES


def data_file(config: str, split: str) -> str:
    """Where a config's split lives (builder.write owns the layout; imported late, as it loads `datasets`)."""
    from builder.write import data_file as layout

    return layout(config, split)


TASKS_OF_CONFIG = {
    "qa": (["question-answering"], ["extractive-qa"]),
    "cloze": (["fill-mask"], ["masked-language-modeling"]),
    "sentences": (["token-classification"], []),
    "labels": (["text-classification"], ["topic-classification"]),
}


def size_category(rows: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if rows < limit:
            return name
    return "n>10M"


def nonempty_splits(config: dict) -> list[str]:
    return [split for split in SPLIT_NAMES if config["counts"][split] > 0]


def loadable_configs(configs: dict[str, dict]) -> dict[str, dict]:
    """Configs with at least one row: `datasets` cannot load a split (or config) that has none."""
    return {name: config for name, config in configs.items() if nonempty_splits(config)}


def card_data(spec: dict, configs: dict[str, dict]) -> DatasetCardData:
    """The YAML header: metadata from the recipe, configs with data_files and dataset_info per config."""
    # `datasets` is imported here, not at the top: publishing (merge_card) must start fast.
    from datasets import DatasetInfo, Features, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs

    task_categories, task_ids = [], []
    for config in configs:
        categories, ids = TASKS_OF_CONFIG.get(config.split("_")[0], ([], []))
        task_categories += [c for c in categories if c not in task_categories]
        task_ids += [i for i in ids if i not in task_ids]
    articles = sum(configs.get("articles", {}).get("counts", {}).values())
    configs = loadable_configs(configs)
    data = DatasetCardData(
        license=spec.get("license", "unknown"), language=[spec.get("language", "en")],
        pretty_name=spec.get("pretty_name", spec["name"]), task_categories=task_categories, task_ids=task_ids,
        size_categories=[size_category(articles)],
    )
    MetadataConfigs({
        name: {"data_files": [{"split": split, "path": data_file(name, split)} for split in nonempty_splits(config)],
               **({"default": True} if name == "articles" else {})}
        for name, config in configs.items()
    }).to_dataset_card_data(data)
    DatasetInfosDict({
        name: DatasetInfo(features=Features(config["features"]),
                          splits=SplitDict({split: SplitInfo(name=split, num_examples=config["counts"][split])
                                            for split in nonempty_splits(config)}))
        for name, config in configs.items()
    }).to_dataset_card_data(data)
    return data


def counts_table(configs: dict[str, dict]) -> str:
    lines = ["| config | " + " | ".join(SPLIT_NAMES) + " |", "|---|" + "---:|" * len(SPLIT_NAMES)]
    lines += [f"| {name} | " + " | ".join(str(config["counts"][s]) for s in SPLIT_NAMES) + " |"
              for name, config in configs.items()]
    return "\n".join(lines)


def quarantine_table(quarantine: dict[str, dict[str, int]]) -> str:
    if not quarantine:
        return "Nothing was quarantined."
    lines = ["| kind | reason | records |", "|---|---|---:|"]
    lines += [f"| {kind} | {reason} | {n} |" for kind, reasons in sorted(quarantine.items())
              for reason, n in sorted(reasons.items())]
    return "\n".join(lines)


def leakage_text(leakage: dict | None) -> str:
    """The leakage report: near-duplicate clusters across splits and QA contexts kept out of two splits."""
    if not leakage:
        return "No leakage check was run."
    return (f"- near-duplicate clusters: {leakage['clusters']} ({leakage['clustered_articles']} articles)\n"
            f"- clusters spanning two splits (leaks): {leakage['leaking_clusters']} "
            f"({leakage['leaking_articles']} articles)\n"
            f"- QA pairs quarantined because their context is already in another split: "
            f"{leakage.get('qa_contexts_in_other_split', 0)}\n"
            f"- exact duplicate texts: {leakage.get('exact_duplicates_dropped', 0)} dropped, "
            f"{leakage.get('exact_duplicates_kept', 0)} kept under their own ids in their original's split")


def load_path_placeholder(name: str) -> str:
    """What the load snippet says in a local build; publishing puts the repo id in its place."""
    return f"<namespace>/{name}"


def render_card(spec: dict, configs: dict[str, dict], quarantine: dict[str, dict[str, int]],
                fingerprint: str, leakage: dict | None = None, *, folder: Path | None = None,
                previous: Path | None = None) -> str:
    """The whole README.md of a build folder.

    `folder`: the build folder being written (its parquet files already there) for the label
    distribution; `previous`: the build folder of the previous version, for the changelog."""
    name, version = spec["name"], spec["version"]
    first_config = next(iter(loadable_configs(configs)), "articles")
    changelog = changelog_lines(version, folder, previous) if folder is not None else [first_release_line(version)]
    body = f"""
# {spec.get('pretty_name', name)}

{spec.get('description', '').strip() or 'A dataset built from news articles by builder.'}

Version **{version}**, build fingerprint `{fingerprint}`.

## Configs and splits

{counts_table(configs)}

Splits and configs without rows are not listed in the YAML header, since they cannot be loaded.

## Label distribution

{label_distribution_text(label_distribution(folder, configs) if folder is not None else None)}

## Quarantine

Records that failed a check were not dropped: they are in `quarantine/<kind>.jsonl` with a reason code.

{quarantine_table(quarantine)}

## Leakage

{leakage_text(leakage)}

## How to load

```python
from datasets import load_dataset

ds = load_dataset("{load_path_placeholder(name)}", "{first_config}", revision="v{version}")
```

Always pass `revision="v<version>"`: the tag is the release; the `main` branch moves with every release.

## How it was built

Built with `builder build` from the recipe `{name}` version {version}; `manifest.json` lists every input
with its sha256, the versions of the tools that shaped the output, and the sha256 of every file here.
The recipe:

```yaml
{recipe_yaml(spec)}
```

{CHANGELOG_HEADING}

{chr(10).join(changelog)}

## Citation

```bibtex
{citation(spec)}
```
"""
    return f"---\n{card_data(spec, configs).to_yaml()}\n---\n{body}"


# ---------------------------------------------------------------------------------------------
# Prose parts
# ---------------------------------------------------------------------------------------------

def recipe_yaml(spec: dict) -> str:
    # Flow style for leaf lists keeps long keyword lists on one line each.
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, default_flow_style=None, width=110).rstrip()


def citation(spec: dict) -> str:
    """The recipe's own citation when it has one, else a BibTeX entry for this version."""
    if spec.get("citation"):
        return str(spec["citation"]).strip()
    key = re.sub(r"[^A-Za-z0-9]+", "_", f"{spec['name']}_{spec['version']}")
    return (f"@misc{{{key},\n  title = {{{spec.get('pretty_name', spec['name'])}}},\n"
            f"  note = {{Version {spec['version']}, built with builder}},\n}}")


def class_label_names(features: dict) -> list[str] | None:
    """The class names of a `label` ClassLabel feature, if the config has one."""
    label = features.get("label") if hasattr(features, "get") else None
    return list(label.names) if type(label).__name__ == "ClassLabel" else None


def label_distribution(folder: Path, configs: dict[str, dict]) -> dict[str, dict]:
    """config -> {"classes": names, "splits": split -> Counter of class names} for every config with
    a ClassLabel `label` (read back from the parquet files, one column at a time)."""
    import pyarrow.parquet as pq

    distribution = {}
    for name, config in configs.items():
        names = class_label_names(config["features"])
        if names is None:
            continue
        per_split = {}
        for split in nonempty_splits(config):
            path = Path(folder) / data_file(name, split)
            ids = pq.read_table(path, columns=["label"]).column("label").to_pylist() if path.exists() else []
            per_split[split] = Counter(names[i] if i is not None and 0 <= i < len(names) else UNLABELLED for i in ids)
        distribution[name] = {"classes": names, "splits": per_split}
    return distribution


UNLABELLED = "(unlabelled)"


def label_distribution_text(distribution: dict[str, dict] | None) -> str:
    """A table per label config: every class (also those never chosen) by split."""
    if not distribution:
        return "No label config in this build." if distribution is not None else "Not computed."
    lines = ["| config | label | " + " | ".join(SPLIT_NAMES) + " |", "|---|---|" + "---:|" * len(SPLIT_NAMES)]
    for name, found in distribution.items():
        per_split = found["splits"]
        unlabelled = [UNLABELLED] if any(counts[UNLABELLED] for counts in per_split.values()) else []
        lines += [f"| {name} | {c} | " + " | ".join(str(per_split.get(s, Counter())[c]) for s in SPLIT_NAMES) + " |"
                  for c in found["classes"] + unlabelled]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Changelog: this version's entry, then the previous card's entries
# ---------------------------------------------------------------------------------------------

CHANGELOG_HEADING = "## Changelog"


def first_release_line(version: str) -> str:
    return f"- **{version}**: first release."


def previous_build(builds_root: Path, version: str) -> Path | None:
    """The folder of the highest version below `version` among `builds_root/<version>/` builds."""
    from builder.diff import parse_version

    current = parse_version(version)
    candidates = []
    for manifest in Path(builds_root).glob("*/manifest.json"):
        try:
            candidate = parse_version(manifest.parent.name)
        except ValueError:
            continue
        if candidate[:3] < current[:3]:
            candidates.append((candidate[:3], manifest.parent))
    return max(candidates)[1] if candidates else None


def changelog_entries_of_card(card_text: str) -> list[str]:
    """The bullet lines of a card's changelog section (what earlier builds wrote there)."""
    _, found, rest = card_text.partition(f"\n{CHANGELOG_HEADING}\n")
    if not found:
        return []
    section = rest.split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- **")]


def change_summary(configs: dict) -> str:
    """`qa: +3 -1 ~2` per config that changed (added, removed, changed records over all splits)."""
    parts = []
    for name, config in configs.items():
        totals = {key: sum(len(r[key]) for r in config["splits"].values()) for key in ("added", "removed", "changed")}
        counts = " ".join(f"{sign}{totals[key]}" for sign, key in (("+", "added"), ("-", "removed"), ("~", "changed"))
                          if totals[key])
        if config["status"] != "kept":
            parts.append(f"{name}: config {config['status']}")
        elif counts:
            parts.append(f"{name}: {counts}")
    return "; ".join(parts) or "same records"


def changelog_lines(version: str, folder: Path, previous: Path | None) -> list[str]:
    """This version's line (its bump and record changes against `previous`), then the previous
    card's lines; a first release when there is no previous build."""
    if previous is None:
        return [first_release_line(version)]
    from builder.diff import bump_for, compare_data

    configs = compare_data(previous, folder)
    bump, _ = bump_for(configs, metadata_changed=True)  # a new version changed at least its card
    previous_version = Path(previous).name
    line = f"- **{version}** ({bump} change from {previous_version}): {change_summary(configs)}."
    try:
        earlier = changelog_entries_of_card((Path(previous) / "README.md").read_text(encoding="utf-8"))
    except OSError:
        earlier = []
    return [line] + (earlier or [f"- **{previous_version}**"])


# ---------------------------------------------------------------------------------------------
# Re-publishing: keep what a user added by hand to the YAML header
# ---------------------------------------------------------------------------------------------

# Keys the build writes from the recipe and the data; every other key is the user's, kept as is.
GENERATED_KEYS = ("license", "language", "pretty_name", "task_categories", "task_ids", "size_categories",
                  "configs", "dataset_info")
# Generated lists a user may extend by hand: the union keeps their additions.
EXTENSIBLE_LISTS = ("language", "task_categories", "task_ids")


def as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def merged_metadata(generated: dict, existing: dict) -> dict:
    """Generated keys win (the recipe and the data say what they are), with hand-added entries of
    extensible lists kept; keys only the existing card has are kept untouched."""
    merged = {key: value for key, value in existing.items() if key not in GENERATED_KEYS}
    for key, value in generated.items():
        if key in EXTENSIBLE_LISTS:
            value = as_list(value) + [v for v in as_list(existing.get(key)) if v not in as_list(value)]
        merged[key] = value
    return merged


def merge_card(new_card: str, existing_card: str | None) -> str:
    """`new_card` with the YAML metadata a user added to `existing_card` (the card now published)."""
    if not existing_card:
        return new_card
    new = DatasetCard(new_card)
    try:
        existing = DatasetCard(existing_card, ignore_metadata_errors=True).data.to_dict()
    except (ValueError, yaml.YAMLError):  # an unreadable header on the Hub: nothing to keep from it
        return new_card
    data = DatasetCardData(**merged_metadata(new.data.to_dict(), existing))
    return f"---\n{data.to_yaml()}\n---\n{new.text}"
