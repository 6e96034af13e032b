"""End to end through the CLI: the default recipe, bad inputs, determinism, versions, crashes."""

from __future__ import annotations

import json
import subprocess
import tempfile
import sys
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml

from builder import pipeline
from tests.conftest import RECIPES, minimal_spec, run_cli, write_recipe

CONFIGS = ("articles", "sentences", "qa", "labels")


def card_header(folder: Path) -> dict:
    text = (folder / "README.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def load(folder: Path, config: str) -> datasets.DatasetDict:
    # A private cache: datasets keys local loads by folder and file names, so two builds of the same
    # version in different places could otherwise share cached rows.
    return datasets.load_dataset(str(folder), config, cache_dir=tempfile.mkdtemp(prefix="hf-cache-"))


def test_default_recipe_gives_every_config_and_split(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text())
    infos = {info["config_name"]: info for info in card_header(default_build)["dataset_info"]}
    for config in CONFIGS:
        loaded = load(default_build, config)
        assert set(loaded) == {"train", "validation", "test"}, f"{config} lacks a split"
        card_counts = {s["name"]: s["num_examples"] for s in infos[config]["splits"]}
        assert card_counts == {split: ds.num_rows for split, ds in loaded.items()}
        assert card_counts == manifest["counts"][config]


def test_qa_answers_and_sentence_offsets_are_exact(default_build):
    articles = {row["id"]: row["text"] for split in load(default_build, "articles").values() for row in split}
    sentences = load(default_build, "sentences")
    assert sum(ds.num_rows for ds in sentences.values()) > 50
    for split in sentences.values():
        for row in split:
            assert articles[row["article_id"]][row["start"]:row["end"]] == row["text"]
    qa = load(default_build, "qa")
    assert sum(ds.num_rows for ds in qa.values()) >= 10
    for split in qa.values():
        for row in split:
            for text, start in zip(row["answers"]["text"], row["answers"]["answer_start"]):
                assert row["context"][start:start + len(text)] == text


def test_records_follow_their_article_split(default_build):
    article_split = {row["id"]: split for split, ds in load(default_build, "articles").items() for row in ds}
    for config in ("sentences", "qa", "labels"):
        for split, ds in load(default_build, config).items():
            assert all(article_split[row["article_id"]] == split for row in ds)


def test_labels_are_a_class_label_with_a_label_file(default_build):
    names = json.loads((default_build / "labels" / "label_names.json").read_text())
    features = load(default_build, "labels")["train"].features
    assert features["label"].names == names["names"] == ["business", "entertainment", "politics", "sport", "tech"]
    assert names["label2id"]["sport"] == 3 and names["id2label"]["3"] == "sport"


def test_manifest_lists_inputs_and_file_checksums(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text())
    assert len(manifest["inputs"]) == 10 and all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    on_disk = sorted(p.relative_to(default_build).as_posix() for p in default_build.rglob("*")
                     if p.is_file() and p.name != "manifest.json")
    assert sorted(manifest["files"]) == on_disk


def test_bad_documents_are_quarantined_and_latin1_is_read(tmp_path, inputs_copy):
    for name in list(inputs_copy.iterdir()):
        if name.name not in ("empty.txt", "binary.txt", "latin1.txt"):
            name.unlink()
    recipe = write_recipe(tmp_path, minimal_spec(splits={"train": 1.0, "validation": 0.0, "test": 0.0}))
    result = run_cli("build", recipe, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    rejected = [json.loads(line) for line in (folder / "quarantine" / "article.jsonl").read_text().splitlines()]
    assert sorted((r["source"]["uri"], r["reason"]) for r in rejected) == [
        ("inputs/binary.txt", "binary"), ("inputs/empty.txt", "empty")]
    (article,) = load(folder, "articles")["train"]
    assert "José Muñoz paid £250" in article["text"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["quarantine"]["article"] == {"binary": 1, "empty": 1}


def test_two_builds_give_byte_identical_parquet(tmp_path, default_build):
    result = run_cli("build", RECIPES / "news_qa.yaml", "--out", tmp_path, "--quiet")
    assert result.exit_code == 0, result.output
    again = Path(result.stdout.strip())
    files = sorted(p.relative_to(default_build) for p in default_build.rglob("*.parquet"))
    assert files and files == sorted(p.relative_to(again) for p in again.rglob("*.parquet"))
    for relative in files:
        assert (default_build / relative).read_bytes() == (again / relative).read_bytes(), relative


def test_same_version_same_inputs_is_up_to_date_other_inputs_refused(tmp_path, inputs_copy):
    (inputs_copy / "binary.txt").unlink()
    recipe = write_recipe(tmp_path, minimal_spec())
    out = tmp_path / "out"
    assert run_cli("build", recipe, "--out", out, "--quiet").exit_code == 0
    manifest = out / "tiny" / "1.0.0" / "manifest.json"
    stamp = manifest.stat().st_mtime_ns
    again = run_cli("build", recipe, "--out", out)
    assert again.exit_code == 0 and "up to date" in again.stderr
    assert manifest.stat().st_mtime_ns == stamp, "an up-to-date build rewrites nothing"
    (inputs_copy / "extra.txt").write_text("Home » News\n\nA new story arrived today. It has two sentences.\n")
    refused = run_cli("build", recipe, "--out", out)
    assert refused.exit_code == 1 and "bump the version" in refused.stderr
    assert manifest.stat().st_mtime_ns == stamp
    forced = run_cli("build", recipe, "--out", out, "--force", "--quiet")
    assert forced.exit_code == 0
    assert json.loads(manifest.read_text())["forced"] is True


def test_a_crash_mid_build_leaves_no_version_folder(tmp_path, inputs_copy, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "write_build", explode)
    recipe = write_recipe(tmp_path, minimal_spec())
    with pytest.raises(RuntimeError):
        run_cli("build", recipe, "--out", tmp_path / "out", "--quiet")
    assert [p.name for p in (tmp_path / "out" / "tiny").iterdir()] == [".cache"], "only finished shards remain"


def test_the_installed_command_runs_as_a_module(tmp_path, inputs_copy):
    recipe = write_recipe(tmp_path, minimal_spec())
    done = subprocess.run([sys.executable, "-m", "builder", "build", str(recipe), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "out" / "tiny" / "1.0.0")
    assert "articles" in done.stderr, "the summary table goes to stderr"
    assert pq.read_table(tmp_path / "out" / "tiny" / "1.0.0" / "articles" / "train-00000-of-00001.parquet").num_rows > 0


def test_sentences_rebuild_every_sample_article(default_build):
    """Joining each article's sentence spans in order, with the white space between them, gives back
    the article text: no character is lost or invented."""
    by_article = {}
    for split in load(default_build, "sentences").values():
        for row in split:
            by_article.setdefault(row["article_id"], []).append(row)
    articles = [row for split in load(default_build, "articles").values() for row in split]
    assert len(articles) == 10
    for article in articles:
        text, rebuilt, previous = article["text"], "", 0
        for sentence in sorted(by_article[article["id"]], key=lambda s: s["index"]):
            gap = text[previous:sentence["start"]]
            assert not gap.strip(), f"non-space text between sentences: {gap!r}"
            rebuilt += gap + sentence["text"]
            previous = sentence["end"]
        assert rebuilt + text[previous:] == text and not text[previous:].strip()
