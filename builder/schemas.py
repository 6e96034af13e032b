"""The JSON Schemas in `schemas/`: the single source of truth for the recipe and every record kind."""

from __future__ import annotations

import json
import re
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


_TYPES = {
    "string": lambda v: isinstance(v, str),
    # JSON Schema counts 1.0 as an integer: a number with no fractional part.
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "x-feature", "x-dtype"}
_COMPILED_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "minLength",
                      "pattern", "minimum", "maximum", "enum"}


def compile_check(node: dict):
    """A fast yes/no check equivalent to the schema `node`, or None when it uses a keyword not
    compiled here. Records are checked by the thousand per second; jsonschema's full validator
    runs only on a record this check rejects, to say why."""
    if not isinstance(node, dict) or set(node) - _COMPILED_KEYWORDS - _ANNOTATIONS:
        return None
    checks = []
    if "type" in node:
        types = [node["type"]] if isinstance(node["type"], str) else node["type"]
        type_checks = [_TYPES[t] for t in types]
        checks.append(lambda v: any(check(v) for check in type_checks))
    if "enum" in node:
        allowed = node["enum"]
        checks.append(lambda v: v in allowed)
    if "minLength" in node:
        checks.append(lambda v, n=node["minLength"]: not isinstance(v, str) or len(v) >= n)
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "minimum" in node:
        checks.append(lambda v, n=node["minimum"]: not _TYPES["number"](v) or v >= n)
    if "maximum" in node:
        checks.append(lambda v, n=node["maximum"]: not _TYPES["number"](v) or v <= n)
    if "minItems" in node:
        checks.append(lambda v, n=node["minItems"]: not isinstance(v, list) or len(v) >= n)
    if "items" in node:
        item = compile_check(node["items"])
        if item is None:
            return None
        checks.append(lambda v: not isinstance(v, list) or all(item(x) for x in v))
    if "properties" in node or "required" in node or "additionalProperties" in node:
        properties = {}
        for name, sub in node.get("properties", {}).items():
            properties[name] = compile_check(sub)
            if properties[name] is None:
                return None
        required = node.get("required", [])
        closed = node.get("additionalProperties", True) is False
        if node.get("additionalProperties", True) not in (True, False):
            return None

        def check_object(v) -> bool:
            if not isinstance(v, dict):
                return True
            if any(name not in v for name in required) or (closed and any(k not in properties for k in v)):
                return False
            return all(check(v[name]) for name, check in properties.items() if name in v)

        checks.append(check_object)
    return lambda v: all(check(v) for check in checks)


@lru_cache(maxsize=None)
def fast_check(name: str):
    return compile_check(load_schema(name))


def key_path(parts) -> str:
    """`tasks.qa.max_per_article` / `sources[0].format` from a jsonschema error path."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def schema_errors(name: str, instance) -> list[str]:
    """Every way `instance` breaks schema `name`, as 'key.path: what was expected' lines."""
    check = fast_check(name)
    if check is not None and check(instance):
        return []
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{key_path(e.absolute_path)}: {e.message}" for e in errors]
