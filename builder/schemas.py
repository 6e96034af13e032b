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


_TYPE_TESTS = {
    "string": "isinstance({v}, str)",
    # JSON Schema counts 1.0 as an integer: a number with no fractional part.
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
}
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "x-feature", "x-dtype"}
_COMPILED_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "minLength",
                      "pattern", "minimum", "maximum", "enum"}


def _check_expression(node: dict, var: str, constants: dict, depth: int = 0) -> str | None:
    """A Python boolean expression equal to validating `var` against the schema `node`, or None
    when the node uses a keyword not compiled here."""
    if not isinstance(node, dict) or set(node) - _COMPILED_KEYWORDS - _ANNOTATIONS:
        return None
    if node.get("additionalProperties", False) is not False and node.get("additionalProperties") is not True:
        return None
    number = _TYPE_TESTS["number"].format(v=var)
    parts = []
    if "type" in node:
        types = [node["type"]] if isinstance(node["type"], str) else node["type"]
        parts.append("(" + " or ".join(_TYPE_TESTS[t].format(v=var) for t in types) + ")")
    if "enum" in node:
        parts.append(f"{var} in {node['enum']!r}")
    if "minLength" in node:
        parts.append(f"(not isinstance({var}, str) or len({var}) >= {node['minLength']!r})")
    if "pattern" in node:
        name = f"_pattern{len(constants)}"
        constants[name] = re.compile(node["pattern"]).search
        parts.append(f"(not isinstance({var}, str) or {name}({var}) is not None)")
    if "minimum" in node:
        parts.append(f"(not {number} or {var} >= {node['minimum']!r})")
    if "maximum" in node:
        parts.append(f"(not {number} or {var} <= {node['maximum']!r})")
    if "minItems" in node:
        parts.append(f"(not isinstance({var}, list) or len({var}) >= {node['minItems']!r})")
    if "items" in node:
        item = f"_item{depth}"
        inner = _check_expression(node["items"], item, constants, depth + 1)
        if inner is None:
            return None
        parts.append(f"(not isinstance({var}, list) or all({inner} for {item} in {var}))")
    if {"properties", "required", "additionalProperties"} & set(node):
        properties = node.get("properties", {})
        tests = [f"{key!r} in {var}" for key in node.get("required", [])]
        if node.get("additionalProperties", True) is False:
            tests.append(f"{var}.keys() <= {set(properties)!r}")
        for key, sub in properties.items():
            inner = _check_expression(sub, f"{var}[{key!r}]", constants, depth)
            if inner is None:
                return None
            tests.append(inner if key in node.get("required", []) else f"({key!r} not in {var} or {inner})")
        parts.append(f"(not isinstance({var}, dict) or ({' and '.join(tests) or 'True'}))")
    return " and ".join(parts) or "True"


def compile_check(node: dict):
    """A fast yes/no check equivalent to the schema `node`, generated as one Python expression, or
    None when it uses a keyword not compiled here. Records are checked by the thousand per second;
    jsonschema's full validator runs only on a record this check rejects, to say why."""
    constants: dict = {}
    expression = _check_expression(node, "value", constants)
    if expression is None:
        return None
    namespace = dict(constants)
    exec(f"def check(value):\n    return bool({expression})\n", namespace)  # noqa: S102 - our own schema
    return namespace["check"]


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
