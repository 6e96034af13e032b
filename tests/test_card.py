"""The dataset card: a Hub-valid header, the prose sections, the changelog across versions, and
merging with metadata a user added by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard

from builder.card import changelog_entries_of_card, changelog_lines, citation, merge_card, previous_build
from tests.conftest import build_samples

TOPIC = {"name": "topic", "classes": ["business", "politics", "sport", "other"],
         "rules": [{"name": "money", "class": "business", "keywords": ["shares", "profit*", "acquisition", "port"]},
                   {"name": "council", "class": "politics", "keywords": ["council*", "vote*", "budget", "mayor"]},
                   {"name": "games", "class": "sport", "keywords": ["match", "cup", "final", "marathon"]}],
         "aggregate": {"method": "majority", "tie": "abstain"}, "unlabelled": "keep"}


def build(work: Path, version: str, articles: list[str], description: str = "Card fixture.") -> Path:
    spec = {"name": "carded", "version": version, "description": description, "license": "cc-by-4.0",
            "pretty_name": "Carded News", "sources": [{"path": "inputs/*.txt", "format": "text"}],
            "tasks": {"sentences": {}, "labels": [TOPIC]},
            "splits": {"train": 0.5, "validation": 0.25, "test": 0.25, "seed": 0}}
    return build_samples(work, spec, articles)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("card-builds")
    return {"1.0.0": build(work, "1.0.0", ["01-", "02-", "03-", "04-"]),
            "1.1.0": build(work, "1.1.0", ["01-", "02-", "03-", "04-", "06-", "08-"]),
            "1.1.1": build(work, "1.1.1", ["01-", "02-", "03-", "04-", "06-", "08-"], description="Reworded.")}


def header(card: str) -> dict:
    return yaml.safe_load(card.split("---\n")[1])


def test_header_is_hub_metadata_that_datasets_reads(builds):
    card = DatasetCard((builds["1.1.0"] / "README.md").read_text())
    data = card.data.to_dict()
    for key in ("license", "language", "task_categories", "task_ids", "size_categories", "pretty_name",
                "configs", "dataset_info"):
        assert key in data, key
    assert data["pretty_name"] == "Carded News" and "text-classification" in data["task_categories"]
    configs = MetadataConfigs.from_dataset_card_data(card.data)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    manifest = json.loads((builds["1.1.0"] / "manifest.json").read_text())
    for name, info in infos.items():
        assert {s: v.num_examples for s, v in info.splits.items()} == \
               {s: n for s, n in manifest["counts"][name].items() if n}
        assert {f["split"] for f in configs[name]["data_files"]} == set(info.splits)
    assert infos["labels"].features["label"].names == TOPIC["classes"]


def test_prose_has_every_section(builds):
    card = (builds["1.1.0"] / "README.md").read_text()
    for heading in ("## Configs and splits", "## Label distribution", "## Quarantine", "## Leakage",
                    "## How to load", "## How it was built", "## Changelog", "## Citation"):
        assert heading in card, heading
    assert 'revision="v1.1.0"' in card and "```bibtex" in card
    recipe = yaml.safe_load(card.split("The recipe:\n\n```yaml\n")[1].split("```")[0])
    assert recipe["name"] == "carded" and recipe["tasks"]["labels"][0]["name"] == "topic"


def test_label_distribution_matches_the_label_files(builds):
    folder = builds["1.1.0"]
    card = (folder / "README.md").read_text()
    names = TOPIC["classes"]
    for path in sorted((folder / "labels").glob("*.parquet")):
        split = path.name.split("-")[0]
        counts = Counter(pq.read_table(path, columns=["label"]).column("label").to_pylist())
        for label_id, n in counts.items():
            label = names[label_id] if label_id >= 0 else "(unlabelled)"
            row = next(line for line in card.splitlines() if line.startswith(f"| labels | {label} |"))
            cells = [c.strip() for c in row.strip("|").split("|")]
            assert cells[2 + ["train", "validation", "test"].index(split)] == str(n)


def test_changelog_lists_each_version_with_its_bump(builds):
    lines = changelog_lines("1.1.1", builds["1.1.1"], builds["1.1.0"])
    assert lines[0].startswith("- **1.1.1** (patch change from 1.1.0)")
    assert previous_build(builds["1.1.1"].parent, "1.1.1") == builds["1.1.0"]
    assert previous_build(builds["1.0.0"].parent, "1.0.0") is None
    minor = changelog_lines("1.1.0", builds["1.1.0"], builds["1.0.0"])[0]
    assert minor.startswith("- **1.1.0** (minor change from 1.0.0)") and "articles: +2" in minor


def test_built_card_carries_the_changelog_of_every_version(builds):
    """Needs the pipeline to pass folder= and previous= to render_card (see the report)."""
    entries = changelog_entries_of_card((builds["1.1.1"] / "README.md").read_text())
    assert [line.split("**")[1] for line in entries] == ["1.1.1", "1.1.0", "1.0.0"]


def test_citation_is_the_recipes_own_or_a_bibtex_entry():
    assert citation({"name": "x", "version": "1.0.0", "citation": "@article{mine}"}) == "@article{mine}"
    generated = citation({"name": "news-qa", "version": "1.2.0"})
    assert generated.startswith("@misc{news_qa_1_2_0,") and "Version 1.2.0" in generated


# ---------------------------------------------------------------------------------------------
# Merging with a card edited by hand
# ---------------------------------------------------------------------------------------------

def test_merge_keeps_hand_added_metadata_and_refreshes_generated_keys(builds):
    old, new = (builds["1.0.0"] / "README.md").read_text(), (builds["1.1.0"] / "README.md").read_text()
    edited = old.replace("---\n", "---\ntags:\n- news\nsource_datasets:\n- original\nmy_note: keep me\n", 1)
    edited = edited.replace("task_categories:\n", "task_categories:\n- summarization\n", 1)
    edited = edited.replace("\n# Carded News", "\nProse edited by hand.\n\n# Carded News")
    merged = merge_card(new, edited)
    data, new_data = header(merged), header(new)
    assert data["tags"] == ["news"] and data["source_datasets"] == ["original"] and data["my_note"] == "keep me"
    assert data["task_categories"] == new_data["task_categories"] + ["summarization"]
    assert data["configs"] == new_data["configs"] and data["dataset_info"] == new_data["dataset_info"]
    assert merged.split("\n---\n", 1)[1] == new.split("\n---\n", 1)[1]  # the prose is the new build's
    DatasetCard(merged)  # still a valid card


@pytest.mark.parametrize("existing", [None, "", "# only prose, no header\n", "---\n: : not yaml [\n---\nbody\n"])
def test_merge_with_nothing_usable_gives_the_new_card(builds, existing):
    new = (builds["1.1.0"] / "README.md").read_text()
    assert header(merge_card(new, existing)) == header(new)
