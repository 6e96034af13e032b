"""The dataset card: a Hub-valid YAML header generated from `datasets.Features`, and prose with the counts."""

from __future__ import annotations

from datasets import DatasetInfo, Features, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from builder.recipe import SPLIT_NAMES
from builder.write import data_file

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
            f"{leakage.get('qa_contexts_in_other_split', 0)}")


def render_card(spec: dict, configs: dict[str, dict], quarantine: dict[str, dict[str, int]],
                fingerprint: str, leakage: dict | None = None) -> str:
    """The whole README.md of a build folder."""
    name, version = spec["name"], spec["version"]
    first_config = next(iter(loadable_configs(configs)), "articles")
    body = f"""
# {spec.get('pretty_name', name)}

{spec.get('description', '').strip() or 'A dataset built from news articles by builder.'}

Version **{version}**, build fingerprint `{fingerprint}`.

## Configs and splits

{counts_table(configs)}

Splits and configs without rows are not listed in the YAML header, since they cannot be loaded.

## Quarantine

Records that failed a check were not dropped: they are in `quarantine/<kind>.jsonl` with a reason code.

{quarantine_table(quarantine)}

## Leakage

{leakage_text(leakage)}

## How to load

```python
from datasets import load_dataset

ds = load_dataset("path/or/namespace/{name}", "{first_config}", revision="v{version}")
```

## How it was built

Built with `builder build` from the recipe `{name}` version {version}; `manifest.json` lists every input
with its sha256, the versions of the tools that shaped the output, and the sha256 of every file here.
"""
    return f"---\n{card_data(spec, configs).to_yaml()}\n---\n{body}"
