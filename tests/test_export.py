"""SQuAD and lm-eval exports of a build's qa config."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from builder.export import export_lm_eval, export_squad, squad_document
from builder.qa import generate_qa
from test_qa_helpers import article_from


def make_build(tmp_path):
    """A minimal build folder: qa/<split>-00000-of-00001.parquet and a manifest."""
    build = tmp_path / "news-qa" / "1.2.0"
    (build / "qa").mkdir(parents=True)
    article, sents = article_from([["Harbour Foods agreed to buy Kestrel Bakeries for £12m on Tuesday.",
                                    "Kestrel Bakeries was founded in 1987."]], article_id="a1", title="Deal")
    other, other_sents = article_from([["The orchestra performed in Vienna during the winter."]],
                                      article_id="a2", title="Tour")
    recs = generate_qa(article, sents, {})["qa"]
    recs2 = generate_qa(other, other_sents, {})["qa"]
    assert recs and recs2
    pq.write_table(pa.Table.from_pylist(recs), build / "qa" / "train-00000-of-00001.parquet")
    pq.write_table(pa.Table.from_pylist(recs2), build / "qa" / "test-00000-of-00001.parquet")
    (build / "manifest.json").write_text(json.dumps({"recipe": {"name": "news-qa", "version": "1.2.0"}}))
    return build, recs + recs2


def test_squad_export_loads_with_json_in_squad_layout(tmp_path):
    build, recs = make_build(tmp_path)
    out = tmp_path / "squad.json"
    counts = export_squad(build, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == "1.1" and counts["questions"] == len(recs)
    n = 0
    for art in doc["data"]:
        assert set(art) == {"title", "paragraphs"}
        for para in art["paragraphs"]:
            for qa in para["qas"]:
                n += 1
                assert set(qa) == {"id", "question", "answers"}
                for ans in qa["answers"]:
                    s = ans["answer_start"]
                    assert para["context"][s:s + len(ans["text"])] == ans["text"]
    assert n == len(recs)
    only_test = export_squad(build, tmp_path / "test.json", split="test")
    assert only_test["articles"] == 1


def test_squad_document_groups_by_article_and_context():
    rec = {"id": "x", "article_id": "a", "title": "", "context": "C d.", "question": "Q?",
           "answers": {"text": ["d"], "answer_start": [2]}}
    doc = squad_document([rec, dict(rec, id="y", question="R?")])
    assert len(doc["data"]) == 1 and doc["data"][0]["title"] == "a"
    assert [q["id"] for q in doc["data"][0]["paragraphs"][0]["qas"]] == ["x", "y"]


def test_lm_eval_yaml_names_dataset_splits_and_fields(tmp_path):
    build, recs = make_build(tmp_path)
    out = tmp_path / "task.yaml"
    export_lm_eval(build, out, repo_id="me/news-qa")
    task = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert task["dataset_path"] == "me/news-qa"
    assert task["dataset_name"] == "qa"
    assert task["dataset_kwargs"] == {"revision": "v1.2.0"}
    assert task["output_type"] == "generate_until"
    assert task["test_split"] == "test" and task["training_split"] == "train"
    assert "validation_split" not in task
    for field in ("title", "context", "question"):
        assert "{{" + field + "}}" in task["doc_to_text"]
        assert field in recs[0]
    assert task["doc_to_target"] == "{{answers.text[0]}}"
    local = export_lm_eval(build, tmp_path / "local.yaml", revision="v9")
    assert local["dataset_path"] == str(build.resolve()) and "dataset_kwargs" not in local
