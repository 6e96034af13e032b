"""Article records from raw documents: metadata lifted out of the body, stable ids, provenance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from builder.article import content_id, make_article
from builder.read import iter_documents
from tests.conftest import INPUTS, minimal_spec, run_cli, write_recipe


def article_of(path: Path, **source) -> dict:
    (doc,) = iter_documents([{"path": path.name, **source}], path.parent, max_bytes=1_000_000)
    article, problem = make_article(doc, "en")
    assert problem is None
    return article


def test_scraped_text_metadata_is_lifted_out_of_the_body():
    article = article_of(INPUTS / "crlf.txt")
    assert article["title"] == "Senate Committee Backs $2bn Water Bill"
    assert article["author"] == "Kate Morrow"
    assert article["published"] == "2025-02-27"
    assert article["section"] == "Politics"
    assert article["text"].startswith("A U.S. Senate committee voted 14-8")
    for chrome in ("Home »", "by Kate Morrow", "February 27, 2025", "\r"):
        assert chrome not in article["text"]
    assert article["source"] == {"uri": "crlf.txt", "sha256": article["source"]["sha256"], "format": "text"}


def test_every_encoding_gives_the_same_kind_of_article():
    for name in ("latin1.txt", "cp1252.txt", "utf8_bom.txt", "utf16.txt", "crlf.txt", "article.txt.gz"):
        article = article_of(INPUTS / name)
        assert article["title"] and article["author"], name
        assert "\ufeff" not in article["text"] and "\r" not in article["text"], name


def test_html_page_metadata():
    page = Path(__file__).parent.parent / "recipes" / "samples" / "09-westmarch-budget.html"
    article = article_of(page, format="html")
    assert article["url"].startswith("https://example-news.test/")
    assert article["title"] and article["author"] and article["published"].startswith("2025-")
    assert article["language"] == "en"
    assert "cookie" not in article["text"].lower() and "newsletter" not in article["text"].lower()


def test_the_same_article_from_any_path_gets_the_same_id(tmp_path):
    first = tmp_path / "a" / "story.txt"
    second = tmp_path / "b" / "copy-of-story.txt.gz"
    first.parent.mkdir()
    second.parent.mkdir()
    shutil.copy(INPUTS / "crlf.txt", first)
    shutil.copy(INPUTS / "article.txt.gz", tmp_path / "other.txt.gz")
    import gzip
    second.write_bytes(gzip.compress(first.read_bytes()))
    one, two = article_of(first), article_of(second)
    assert one["id"] == two["id"] == content_id(one["text"])
    assert one["source"]["uri"] != two["source"]["uri"]


def test_a_mapped_id_column_is_the_article_id_and_must_be_unique(tmp_path):
    (tmp_path / "inputs").mkdir()
    rows = [{"id": "n1", "title": "One", "text": "The first story has a body of two sentences. It ends here."},
            {"id": "n1", "title": "Two", "text": "A different story reuses the id. It must not be kept twice."},
            {"id": "n2", "title": "Three", "text": "The third story is fine. It has its own id."}]
    (tmp_path / "inputs" / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    recipe = write_recipe(tmp_path, minimal_spec(sources=[{"path": "inputs/news.jsonl"}],
                                                 splits={"train": 1.0, "validation": 0.0, "test": 0.0}))
    result = run_cli("build", recipe, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    ids = [row["id"] for row in pq.read_table(folder / "articles" / "train-00000-of-00001.parquet").to_pylist()]
    assert ids == ["n1", "n2"]
    rejected = [json.loads(line) for line in (folder / "quarantine" / "article.jsonl").read_text().splitlines()]
    assert [(r["reason"], r["source"]) for r in rejected] == [("duplicate_id", {"uri": "inputs/news.jsonl", "line": 2})]


def test_jsonl_bad_lines_are_quarantined_with_their_line_numbers(tmp_path, inputs_copy):
    recipe = write_recipe(tmp_path, minimal_spec(sources=[{"path": "inputs/articles.jsonl"}],
                                                 splits={"train": 1.0, "validation": 0.0, "test": 0.0}))
    result = run_cli("build", recipe, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    rejected = [json.loads(line) for line in (folder / "quarantine" / "article.jsonl").read_text().splitlines()]
    assert sorted((r["reason"], r["source"]["line"]) for r in rejected) == [("invalid_json", 2), ("missing_text", 4)]
    assert json.loads((folder / "manifest.json").read_text())["counts"]["articles"]["train"] == 2
