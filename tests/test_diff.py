"""`builder diff`: records added / removed / changed by id, schema changes, and the bump they need.

The CLI tests need the `builder diff` command in builder/cli.py."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.diff import bump_version, declared_bump, diff_builds, format_diff
from builder.manifest import explain_change
from tests.conftest import build_samples, run_cli

TASKS = {"sentences": {}, "qa": {}}
CONFIG = "qa"  # the task config in which one record is changed by hand


# ---------------------------------------------------------------------------------------------
# Small synthetic build folders: parquet per config and split, and a manifest
# ---------------------------------------------------------------------------------------------

def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refresh_manifest(folder: Path, **changes) -> None:
    """Recompute the manifest's file checksums (after editing a build by hand)."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text()) if path.exists() else {}
    manifest.update(changes)
    manifest["files"] = {p.relative_to(folder).as_posix(): sha256_of(p) for p in sorted(folder.rglob("*"))
                         if p.is_file() and p.name != "manifest.json"}
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))


def make_build(folder: Path, version: str, data: dict[str, dict[str, list[dict]]], card: str = "card") -> Path:
    for config, splits in data.items():
        for split, rows in splits.items():
            (folder / config).mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(rows), folder / config / f"{split}-00000-of-00001.parquet")
    (folder / "README.md").write_text(card)
    refresh_manifest(folder, name="toy", version=version, fingerprint=version, recipe={"version": version})
    return folder


def rows(*ids: str, text: str = "t") -> list[dict]:
    return [{"id": i, "text": f"{text} {i}"} for i in ids]


BASE = {"qa": {"train": rows("a", "b"), "test": rows("c", "d")}}


@pytest.mark.parametrize("new_data, bump, reason", [
    (BASE, "patch", "card"),
    ({"qa": {"train": rows("a", "b", "e"), "test": rows("c", "d")}}, "minor", "1 record(s) added to qa/train"),
    ({"qa": {"train": rows("a", "b"), "test": rows("c")}}, "major",
     "1 record(s) removed from qa/test"),
    ({"qa": {"train": rows("a") + rows("b", text="edited"), "test": rows("c", "d")}}, "minor",
     "1 record(s) changed in qa/train"),
    ({"qa": {"train": rows("a", "b"), "test": rows("c") + rows("d", text="edited")}}, "major",
     "1 record(s) changed in qa/test"),
    ({"qa": {"train": [{"id": "a", "text": 1}, {"id": "b", "text": 2}],
             "test": [{"id": "c", "text": 3}, {"id": "d", "text": 4}]}}, "major", "schema of qa changed"),
    ({**BASE, "labels": {"train": rows("x")}}, "minor", "config labels added"),
])
def test_the_bump_follows_what_changed(tmp_path, new_data, bump, reason):
    old = make_build(tmp_path / "old", "1.0.0", BASE)
    new = make_build(tmp_path / "new", "1.0.1", new_data, card="card v2")
    result = diff_builds(old, new)
    assert result["bump"] == bump
    assert any(reason in r for r in result["reasons"]) or (bump == "patch" and "README.md" in result["metadata_files"])


def test_identical_builds_need_no_bump(tmp_path):
    old = make_build(tmp_path / "old", "1.0.0", BASE)
    new = make_build(tmp_path / "new", "1.0.0", BASE)
    assert diff_builds(old, new)["bump"] == "none"


def test_version_arithmetic():
    assert bump_version("1.2.3", "major") == "2.0.0"
    assert bump_version("1.2.3", "minor") == "1.3.0"
    assert bump_version("1.2.3", "patch") == "1.2.4"
    assert declared_bump("1.2.3", "1.3.0") == "minor" and declared_bump("1.2.3", "1.2.3") == "none"
    assert declared_bump("1.2.3", "2.0.0-rc.1") == "major"


# ---------------------------------------------------------------------------------------------
# Real builds of a fixture corpus
# ---------------------------------------------------------------------------------------------

def build(work: Path, version: str, articles: list[str], description: str = "Diff fixture.") -> Path:
    spec = {"name": "diffed", "version": version, "description": description, "license": "cc-by-4.0",
            "sources": [{"path": "inputs/*.txt", "format": "text"}], "tasks": TASKS,
            "splits": {"train": 0.4, "validation": 0.2, "test": 0.4, "seed": 0}}
    return build_samples(work, spec, articles)


def change_first_record(folder: Path, config: str, split: str) -> str:
    """Edit one record of a built split by hand (same id, other question/text); returns its id."""
    path = folder / config / f"{split}-00000-of-00001.parquet"
    table = pq.read_table(path)
    records = table.to_pylist()
    field = "question" if "question" in table.column_names else "text"
    records[0][field] = records[0][field] + " (reworded)"
    pq.write_table(pa.Table.from_pylist(records, schema=table.schema), path)
    refresh_manifest(folder)
    return records[0]["id"]


@pytest.fixture(scope="module")
def corpus_builds(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("diff-builds")
    first = ["01-", "02-", "03-", "04-", "05-", "06-"]
    v1 = build(work, "1.0.0", first)
    v1_0_1 = build(work, "1.0.1", first, description="Diff fixture, described better.")
    v2 = build(work, "2.0.0", first + ["07-"])
    changed = change_first_record(v2, CONFIG, "test")
    return {"v1": v1, "v1.0.1": v1_0_1, "v2": v2, "changed": changed}


def ids_of(folder: Path, config: str) -> set[str]:
    return {i for path in (folder / config).glob("*.parquet")
            for i in pq.read_table(path, columns=["id"]).column("id").to_pylist()}


def test_an_added_article_and_a_changed_test_record_need_a_major_bump(corpus_builds):
    v1, v2 = corpus_builds["v1"], corpus_builds["v2"]
    result = diff_builds(v1, v2)
    assert result["bump"] == "major" and result["suggested_version"] == "2.0.0" and result["version_ok"]
    added_articles = [i for s in result["configs"]["articles"]["splits"].values() for i in s["added"]]
    assert set(added_articles) == ids_of(v2, "articles") - ids_of(v1, "articles") and len(added_articles) == 1
    assert result["configs"][CONFIG]["splits"]["test"]["changed"] == [corpus_builds["changed"]]
    assert all(not s["removed"] for c in result["configs"].values() for s in c["splits"].values())
    text = format_diff(result)
    assert added_articles[0] in text and corpus_builds["changed"] in text and "bump: major" in text


def test_a_description_change_is_a_patch(corpus_builds):
    result = diff_builds(corpus_builds["v1"], corpus_builds["v1.0.1"])
    assert result["bump"] == "patch" and "README.md" in result["metadata_files"]
    assert all(not s[k] for c in result["configs"].values() for s in c["splits"].values()
               for k in ("added", "removed", "changed"))


def test_diff_command_names_the_changes_and_the_bump(corpus_builds):
    done = run_cli("diff", corpus_builds["v1"], corpus_builds["v2"])
    assert done.exit_code == 0, done.output
    assert corpus_builds["changed"] in done.stdout and "bump: major" in done.stdout
    patch = run_cli("diff", corpus_builds["v1"], corpus_builds["v1.0.1"], "--json")
    assert json.loads(patch.stdout)["bump"] == "patch"


def test_diff_check_fails_when_the_version_bump_is_too_small(corpus_builds, tmp_path):
    too_small = shutil.copytree(corpus_builds["v2"], tmp_path / "1.1.0")
    refresh_manifest(too_small, version="1.1.0")
    done = run_cli("diff", corpus_builds["v1"], too_small, "--check")
    assert done.exit_code == 1 and "needs at least 2.0.0" in done.stdout
    assert run_cli("diff", corpus_builds["v1"], tmp_path).exit_code == 2


# ---------------------------------------------------------------------------------------------
# Why a rebuild of the same version is refused: explain_change names what differs
# ---------------------------------------------------------------------------------------------

def test_explain_change_names_recipe_keys_inputs_and_tools():
    old = {"recipe": {"name": "n", "description": "a", "tasks": {"qa": {}}},
           "inputs": [{"uri": "a.txt", "sha256": "1"}, {"uri": "b.txt", "sha256": "2"}, {"uri": "c.txt", "sha256": "3"}],
           "versions": {"builder": "0.1.0", "nltk": "3.9"}}
    spec = {"name": "n", "description": "b", "tasks": {"qa": {"max_per_article": 3}}}
    inputs = [{"uri": "a.txt", "sha256": "1"}, {"uri": "b.txt", "sha256": "9"}, {"uri": "d.txt", "sha256": "4"}]
    message = explain_change(old, spec, inputs, {"builder": "0.1.0", "nltk": "3.9.1"})
    assert "recipe changed at description, tasks.qa.max_per_article (added)" in message
    assert "1 input(s) added: d.txt" in message and "1 input(s) removed: c.txt" in message
    assert "1 input(s) changed: b.txt" in message and "nltk 3.9 -> 3.9.1" in message
    assert explain_change(old, old["recipe"], old["inputs"], old["versions"]).startswith("recipe, inputs and tool")
