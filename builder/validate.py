"""Check records: the schema of their kind plus what a schema cannot say (offsets, spans, classes).

Every stage calls `record_problems` (or `record_checker`, for many records of one kind) before a
record may be kept; a record with problems goes to quarantine with the reason codes returned here."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Callable

import pyarrow.parquet as pq
import yaml

from builder.read import sha256_file
from builder.schemas import fast_check, schema_errors


def quarantine_entry(kind: str, stage: str, reason: str, detail: str, uri: str, record=None) -> dict:
    """A line of quarantine/<kind>.jsonl: what was rejected, at which stage and why, and its source
    (a jsonl document's line number apart from the file's uri)."""
    uri_path, _, line = uri.partition("#L")
    source = {"uri": uri_path, **({"line": int(line)} if line else {})}
    return {"kind": kind, "stage": stage, "reason": reason, "detail": detail, "source": source, "record": record}


def problem(reason: str, detail: str) -> dict:
    return {"reason": reason, "detail": detail}


def sentence_problems(sentence: dict, article_text: str) -> list[dict]:
    start, end, text = sentence["start"], sentence["end"], sentence["text"]
    # article_text[start:end] == text, and text == text.strip(), without copying the text twice.
    if not (0 <= start < end <= len(article_text) and end - start == len(text)
            and article_text.startswith(text, start)):
        return [problem("offset_mismatch", f"article.text[{start}:{end}] is not the sentence text")]
    if text[0].isspace() or text[-1].isspace():
        return [problem("untrimmed", "the sentence has outer white space")]
    return []


def qa_problems(qa: dict) -> list[dict]:
    texts, starts = qa["answers"]["text"], qa["answers"]["answer_start"]
    if len(texts) != len(starts):
        return [problem("answer_mismatch", "answers.text and answers.answer_start differ in length")]
    found = []
    for text, start in zip(texts, starts):
        if qa["context"][start:start + len(text)] != text:
            found.append(problem("answer_mismatch", f"context[{start}:{start + len(text)}] is not {text!r}"))
        elif text != text.strip():
            found.append(problem("untrimmed", f"answer {text!r} has outer white space"))
    return found


def no_problems(record: dict) -> list[dict]:
    return []


def label_problems(label: dict, class_names: list[str]) -> list[dict]:
    if not -1 <= label["label"] < len(class_names):
        return [problem("unknown_label", f"label id {label['label']} is not one of the {len(class_names)} classes")]
    return []


def record_checker(kind: str, *, article_text: str | None = None,
                   class_names: list[str] | None = None) -> Callable[[dict], list[dict]]:
    """Why a record of `kind` may not be kept (empty list: it may), as a function of the record.
    Which checks apply depends on the kind and the context only, so they are chosen once for
    the records of an article rather than per record."""
    if kind == "sentence" and article_text is not None:
        semantic = lambda record: sentence_problems(record, article_text)  # noqa: E731
    elif kind == "qa":
        semantic = qa_problems
    elif kind == "label" and class_names is not None:
        semantic = lambda record: label_problems(record, class_names)  # noqa: E731
    else:
        semantic = no_problems
    # Without a quick check compiled for the schema, every record goes to jsonschema.
    quick = fast_check(kind) or (lambda record: False)

    def problems(record: dict) -> list[dict]:
        # The quick check passes almost every record, and then jsonschema would find nothing.
        if not quick(record):
            errors = schema_errors(kind, record)
            if errors:
                return [problem("schema", "; ".join(errors))]
        return semantic(record)

    return problems


def record_problems(kind: str, record: dict, *, article_text: str | None = None,
                    class_names: list[str] | None = None) -> list[dict]:
    """Why `record` of `kind` may not be kept (empty list: it may)."""
    return record_checker(kind, article_text=article_text, class_names=class_names)(record)


# ---------------------------------------------------------------------------------------------
# A whole build folder, as written or as edited by hand
# ---------------------------------------------------------------------------------------------

def kind_of_config(config: str) -> str | None:
    return {"articles": "article", "sentences": "sentence", "qa": "qa", "cloze": "cloze"}.get(
        config, "label" if config.startswith("labels") else None)


def card_header(folder: Path) -> dict:
    text = (folder / "README.md").read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def checksum_problems(folder: Path, manifest: dict) -> list[str]:
    problems = []
    listed = manifest.get("files", {})
    for relative, sha256 in listed.items():
        path = folder / relative
        if not path.is_file():
            problems.append(f"{relative}: listed in manifest.json but missing")
        elif sha256_file(path) != sha256:
            problems.append(f"{relative}: sha256 differs from manifest.json (the file was changed)")
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative != "manifest.json" and relative not in listed:
            problems.append(f"{relative}: not listed in manifest.json")
    return problems


def card_problems(folder: Path, manifest: dict, rows: dict[tuple[str, str], int]) -> list[str]:
    """Card and manifest counts against the rows really in the parquet files."""
    problems = []
    header = card_header(folder)
    infos = header.get("dataset_info", [])
    infos = [infos] if isinstance(infos, dict) else infos
    for info in infos:
        config = info.get("config_name", "default")
        for split in info.get("splits", []):
            actual = rows.get((config, split["name"]), 0)
            if split.get("num_examples") != actual:
                problems.append(f"README.md: dataset_info {config}/{split['name']} says {split.get('num_examples')} "
                                f"rows, the parquet files hold {actual}")
    for config in header.get("configs", []):
        for entry in config.get("data_files", []):
            paths = entry["path"] if isinstance(entry["path"], list) else [entry["path"]]
            for relative in paths:
                if not (folder / relative).is_file():
                    problems.append(f"README.md: configs {config['config_name']}/{entry['split']} names "
                                    f"{relative}, which does not exist")
    for config, counts in manifest.get("counts", {}).items():
        for split, count in counts.items():
            if rows.get((config, split), 0) != count:
                problems.append(f"manifest.json: counts {config}/{split} says {count} rows, "
                                f"the parquet files hold {rows.get((config, split), 0)}")
    return problems


def record_file_problems(folder: Path, files: dict[tuple[str, str], list[Path]]) -> list[str]:
    """Schema and semantic checks of every row; ids unique; records point to an article in their split."""
    problems = []
    articles = {}
    for (config, split), paths in files.items():
        if config == "articles":
            for path in paths:
                for row in pq.read_table(path).to_pylist():
                    articles[row["id"]] = (split, row["text"])
    for (config, split), paths in sorted(files.items()):
        kind = kind_of_config(config)
        names_file = folder / config / "label_names.json"
        class_names = json.loads(names_file.read_text(encoding="utf-8"))["names"] if names_file.is_file() else None
        seen = set()
        for path in paths:
            relative = path.relative_to(folder).as_posix()
            for number, row in enumerate(pq.read_table(path).to_pylist()):
                where = f"{relative} row {number} (id {row.get('id')!r})"
                if row.get("id") in seen:
                    problems.append(f"{where}: duplicate id")
                seen.add(row.get("id"))
                article = articles.get(row.get("article_id")) if kind != "article" else None
                if kind != "article" and article is None:
                    problems.append(f"{where}: article_id {row.get('article_id')!r} is not an article of this build")
                elif kind != "article" and article[0] != split:
                    problems.append(f"{where}: its article is in {article[0]}, not {split}")
                for found in record_problems(kind, row, article_text=article[1] if article else None,
                                             class_names=class_names):
                    problems.append(f"{where}: {found['reason']}: {found['detail']}")
    return problems


def loading_problems(folder: Path) -> list[str]:
    """Every config in the card must load with `datasets` (streamed: nothing is cached)."""
    import datasets

    problems = []
    for config in card_header(folder).get("configs", []):
        name = config["config_name"]
        try:
            loaded = datasets.load_dataset(str(folder), name, streaming=True)
            for split, stream in loaded.items():
                next(iter(stream), None)
        except Exception as err:  # any failure to load is the finding itself
            problems.append(f"load_dataset({str(folder)!r}, {name!r}) fails: {type(err).__name__}: {err}")
    return problems


def validate_build(folder: str | Path, load: bool = True) -> list[str]:
    """Every problem found in a build folder, each naming the file and what is wrong; [] = valid."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"manifest.json: cannot be read ({err})"]
    files: dict[tuple[str, str], list[Path]] = defaultdict(list)
    rows: dict[tuple[str, str], int] = defaultdict(int)
    for path in sorted(folder.glob("*/*.parquet")):
        config, split = path.parent.name, path.name.split("-")[0]
        files[(config, split)].append(path)
        rows[(config, split)] += pq.ParquetFile(path).metadata.num_rows
    problems = checksum_problems(folder, manifest)
    problems += card_problems(folder, manifest, rows)
    problems += record_file_problems(folder, files)
    if load:
        problems += loading_problems(folder)
    return problems
