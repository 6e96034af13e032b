"""Export a build's `qa` config to other tools' formats.

- `export_squad`: SQuAD v1.1 JSON ({"version", "data": [{"title", "paragraphs": [{"context",
  "qas": [{"id", "question", "answers": [{"text", "answer_start"}]}]}]}]}).
- `export_lm_eval`: a task YAML for lm-evaluation-harness (`output_type: generate_until`) that
  loads the published dataset (or the local build folder) with its revision.

Both read the build's parquet files `<build>/qa/<split>-NNNNN-of-NNNNN.parquet` and nothing else
(plus `manifest.json` for the dataset's name and version, when present).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from pathlib import Path

import pyarrow.parquet as pq
import yaml

SPLIT_ORDER = ("train", "validation", "test")
_SHARD_RE = re.compile(r"^(?P<split>[A-Za-z0-9_]+)-\d{5}-of-\d{5}\.parquet$")


def qa_files(build_dir: str | Path, config: str = "qa") -> dict[str, list[Path]]:
    """Parquet files of one config by split name, splits in train/validation/test order."""
    folder = Path(build_dir) / config
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.glob("*.parquet")):
        m = _SHARD_RE.match(path.name)
        if m:
            found.setdefault(m.group("split"), []).append(path)
    order = [s for s in SPLIT_ORDER if s in found] + sorted(s for s in found if s not in SPLIT_ORDER)
    return {s: found[s] for s in order}


def read_qa(build_dir: str | Path, split: str | None = None) -> list[dict]:
    """All qa records of the build (or of one split), in file order."""
    files = qa_files(build_dir)
    if split is not None and split not in files:
        raise ValueError(f"no split {split!r} in {Path(build_dir) / 'qa'}; found {list(files)}")
    rows: list[dict] = []
    for name, paths in files.items():
        if split is None or name == split:
            for path in paths:
                rows.extend(pq.read_table(path).to_pylist())
    return rows


def squad_document(records: list[dict]) -> dict:
    """SQuAD v1.1 layout: one entry per article, one paragraph per distinct context."""
    articles: OrderedDict = OrderedDict()
    for r in records:
        art = articles.setdefault(r["article_id"], {"title": r.get("title") or r["article_id"],
                                                    "paragraphs": OrderedDict()})
        para = art["paragraphs"].setdefault(r["context"], [])
        para.append({
            "id": r["id"],
            "question": r["question"],
            "answers": [{"text": t, "answer_start": int(s)}
                        for t, s in zip(r["answers"]["text"], r["answers"]["answer_start"])],
        })
    data = [{"title": a["title"],
             "paragraphs": [{"context": c, "qas": qas} for c, qas in a["paragraphs"].items()]}
            for a in articles.values()]
    return {"version": "1.1", "data": data}


def export_squad(build_dir: str | Path, out_path: str | Path, split: str | None = None) -> dict:
    """Write the build's qa pairs (all splits, or one) as SQuAD v1.1 JSON; returns counts."""
    records = read_qa(build_dir, split)
    doc = squad_document(records)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"articles": len(doc["data"]), "questions": len(records), "path": str(out)}


def _manifest(build_dir: Path) -> dict:
    path = build_dir / "manifest.json"
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return {}
    return {}


def lm_eval_task(build_dir: str | Path, repo_id: str | None = None, revision: str | None = None,
                 task_name: str | None = None) -> dict:
    """The lm-evaluation-harness task mapping for the build's qa config."""
    build = Path(build_dir).resolve()
    manifest = _manifest(build)
    recipe = manifest.get("recipe") if isinstance(manifest.get("recipe"), dict) else {}
    name = manifest.get("name") or recipe.get("name") or build.parent.name or "dataset"
    version = manifest.get("version") or recipe.get("version") or build.name
    splits = list(qa_files(build))
    if not splits:
        raise ValueError(f"no qa parquet files under {build / 'qa'}")
    test = "test" if "test" in splits else splits[-1]
    task: dict = {
        "task": task_name or re.sub(r"[^a-z0-9_]+", "_", (name if name.lower().endswith("qa") else f"{name}_qa").lower()),
        "dataset_path": repo_id or str(build),
        "dataset_name": "qa",
        "output_type": "generate_until",
        "test_split": test,
    }
    if "validation" in splits and test != "validation":
        task["validation_split"] = "validation"
    if "train" in splits and test != "train":
        task["training_split"] = "train"
        task["fewshot_split"] = "train"
    if repo_id:
        task["dataset_kwargs"] = {"revision": revision or f"v{version}"}
    task.update({
        "doc_to_text": "Title: {{title}}\n\nBackground: {{context}}\n\nQuestion: {{question}}\n\nAnswer:",
        "doc_to_target": "{{answers.text[0]}}",
        "target_delimiter": " ",
        "generation_kwargs": {"until": ["\n"], "do_sample": False, "temperature": 0.0},
        "metric_list": [{"metric": "exact_match", "aggregation": "mean", "higher_is_better": True,
                         "ignore_case": True, "ignore_punctuation": True}],
        "metadata": {"version": 1.0, "dataset_version": str(version)},
    })
    return task


def export_lm_eval(build_dir: str | Path, out_path: str | Path, repo_id: str | None = None,
                   revision: str | None = None) -> dict:
    """Write the lm-eval task YAML; `repo_id` points it at the published dataset (with
    `revision`, default v<version>), else at the local build folder."""
    task = lm_eval_task(build_dir, repo_id, revision)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(task, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return task
