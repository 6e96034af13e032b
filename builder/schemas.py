"""The JSON Schemas in `schemas/`: the single source of truth for the recipe and every record kind."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

RECORD_KINDS = ("article", "sentence", "qa", "cloze", "label")


def schema_dir() -> Path:
    """Where the schemas live: inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "schemas"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "schemas"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """Load `schemas/<name>.schema.json` (name may hold a folder: `tasks/qa`)."""
    return json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Every schema under its `$id`, so `$ref`s between files resolve without any network."""
    resources = []
    for path in sorted(schema_dir().rglob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), registry=registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def key_path(parts) -> str:
    """`tasks.qa.max_per_article` / `sources[0].format` from a jsonschema error path."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def schema_errors(name: str, instance) -> list[str]:
    """Every way `instance` breaks schema `name`, as 'key.path: what was expected' lines."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{key_path(e.absolute_path)}: {e.message}" for e in errors]
