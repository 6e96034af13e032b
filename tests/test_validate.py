"""`builder validate` re-checks a build folder, including one edited by hand."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq
import yaml

from tests.conftest import run_cli


def test_a_fresh_build_is_valid(default_build):
    result = run_cli("validate", default_build)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


def test_hand_broken_build_names_every_problem(tmp_path, default_build):
    folder = tmp_path / "broken"
    shutil.copytree(default_build, folder)
    # 1. a qa row with a wrong answer_start
    qa_path = next(p for p in sorted((folder / "qa").glob("*.parquet")) if pq.ParquetFile(p).metadata.num_rows)
    table = pq.read_table(qa_path)
    rows = table.to_pylist()
    rows[0]["answers"]["answer_start"] = [rows[0]["answers"]["answer_start"][0] + 1]
    pq.write_table(type(table).from_pylist(rows, schema=table.schema), qa_path)
    # 2. a deleted parquet file
    deleted = sorted((folder / "sentences").glob("*.parquet"))[0]
    deleted.unlink()
    # 3. a card count changed by hand
    card = (folder / "README.md").read_text(encoding="utf-8")
    _, header, prose = card.split("---\n", 2)
    meta = yaml.safe_load(header)
    articles_info = next(i for i in meta["dataset_info"] if i["config_name"] == "articles")
    articles_info["splits"][0]["num_examples"] += 5
    (folder / "README.md").write_text(f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{prose}", encoding="utf-8")

    result = run_cli("validate", folder)
    assert result.exit_code == 1
    out = result.stdout
    assert f"{qa_path.relative_to(folder).as_posix()} row 0" in out and "answer_mismatch" in out
    assert f"{deleted.relative_to(folder).as_posix()}: listed in manifest.json but missing" in out
    assert f"dataset_info articles/{articles_info['splits'][0]['name']} says" in out
