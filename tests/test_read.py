"""Reading sources: encodings, gzip, jsonl lines, and bad documents turned into reasons."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.read import UnreadableDocument, decode_bytes, expand_source, input_files, iter_documents, source_files
from tests.conftest import INPUTS


def read_one(path, **source):
    docs = list(iter_documents([{"path": str(path), **source}], path.parent, max_bytes=1_000_000))
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("name, expected", [
    ("latin1.txt", "José Muñoz paid £250"),
    ("cp1252.txt", "\u201c"),
    ("utf8_bom.txt", "Home"),
    ("utf16.txt", "Home"),
    ("crlf.txt", "Home"),
])
def test_encodings_decode(name, expected):
    doc = read_one(INPUTS / name)
    assert doc["reject"] is None
    assert expected in doc["content"]
    assert "\ufeff" not in doc["content"] and "\x00" not in doc["content"]


def test_bom_decides_the_encoding():
    text = "Caf\u00e9 \u201cquoted\u201d"
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\t", "empty"), (bytes(range(256)), "binary")])
def test_undecodable_bytes_have_reasons(data, reason):
    with pytest.raises(UnreadableDocument) as err:
        decode_bytes(data)
    assert err.value.reason == reason


def test_empty_and_binary_files_are_rejected_with_reasons():
    assert read_one(INPUTS / "empty.txt")["reject"]["reason"] == "empty"
    assert read_one(INPUTS / "binary.txt")["reject"]["reason"] == "binary"


def test_gzip_is_read_transparently():
    doc = read_one(INPUTS / "article.txt.gz")
    assert doc["reject"] is None and doc["format"] == "text"
    assert doc["content"].startswith("Home")


def test_oversized_documents_are_rejected(tmp_path):
    page = tmp_path / "big.txt"
    page.write_text("word " * 1000, encoding="utf-8")
    docs = list(iter_documents([{"path": "big.txt"}], tmp_path, max_bytes=100))
    assert docs[0]["reject"]["reason"] == "oversized"
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 10_000))
    docs = list(iter_documents([{"path": "bomb.txt.gz"}], tmp_path, max_bytes=1000))
    assert docs[0]["reject"]["reason"] == "oversized"


def test_jsonl_lines_map_fields_and_reject_bad_lines_with_line_numbers():
    source = {"path": "articles.jsonl", "format": "jsonl", "fields": {"id": "id", "title": "title", "url": "url"}}
    docs = list(iter_documents([source], INPUTS, max_bytes=1_000_000))
    assert [d["uri"] for d in docs] == [f"articles.jsonl#L{n}" for n in (1, 2, 3, 4)]
    good, bad_json, good2, no_text = docs
    assert good["reject"] is None and good["fields"]["id"] == "a001" and good["columns"]["label"] == "business"
    assert good["content_format"] == "clean"
    assert bad_json["reject"]["reason"] == "invalid_json" and "line 2" in bad_json["reject"]["detail"]
    assert bad_json["reject"]["raw"].startswith('{"id": "a002"'), "the rejected line is kept, not lost"
    assert good2["reject"] is None
    assert no_text["reject"]["reason"] == "missing_text"


def test_jsonl_html_column_is_detected(tmp_path):
    (tmp_path / "pages.jsonl").write_text(json.dumps({"text": "<html><body><p>Hi</p></body></html>"}) + "\n")
    doc = read_one(tmp_path / "pages.jsonl", format="jsonl")
    assert doc["content_format"] == "html"


def test_folders_are_walked_in_a_stable_order():
    docs = list(iter_documents([{"path": "."}], INPUTS, max_bytes=1_000_000))
    uris = [d["uri"].split("#")[0] for d in docs]
    assert uris == sorted(uris)
    assert "README.md" not in uris


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="ab-_.~0", min_size=1, max_size=3), min_size=1, max_size=3),
                min_size=1, max_size=8))
def test_files_come_in_path_component_order(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("tree")
    made = []
    for parts in paths:
        parts = [part.replace(".", "x", 1) if part.startswith(".") else part for part in parts]  # (no hidden files)
        target = root.joinpath(*parts[:-1], parts[-1] + ".txt")
        if any(p.exists() and not p.is_dir() for p in target.parents) or target.is_dir():
            continue  # (a file where this path needs a folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
        made.append(target)
    listed = [Path(name) for name in expand_source({"path": "."}, root)]
    assert listed == sorted(set(made))  # (pathlib orders by components: "a/b" before "a-c")


def test_entries_of_files_hashed_as_read_equal_those_hashed_up_front():
    # Two sources naming some files twice: each file is entered once, in the order of its first naming.
    sources = [{"path": "*.txt", "format": "text"}, {"path": ".", "format": "auto"}]
    up_front = list(input_files(source_files(sources, INPUTS), INPUTS))
    as_read: list[dict] = []
    documents = list(iter_documents(sources, INPUTS, 1_000_000, on_input=as_read.append))
    assert as_read == up_front
    assert {e["uri"] for e in as_read} >= {d["uri"].split("#")[0] for d in documents}
    assert any(e["uri"].endswith(".jsonl") for e in as_read) and any(e["uri"].endswith(".txt") for e in as_read)
