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


# The type tests of the quick check take the types records are made of as they are: a subclass of
# str or dict fails it and goes to the full validator, which decides.
_TYPE_TESTS = {
    "string": "type({v}) is str",
    # JSON Schema counts 1.0 as an integer: a number with no fractional part.
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "type({v}) in (int, float)",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
}
# Keywords that constrain one kind of value and let any other pass: the JSON types of that kind,
# and the test for it where a node names no type.
_KEYWORD_KINDS = {
    "string": ({"string"}, "isinstance({v}, str)"),
    "number": ({"integer", "number"}, "(isinstance({v}, (int, float)) and not isinstance({v}, bool))"),
    "array": ({"array"}, "isinstance({v}, list)"),
    "object": ({"object"}, "isinstance({v}, dict)"),
}
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "x-feature", "x-dtype"}
_COMPILED_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "minLength",
                      "pattern", "minimum", "maximum", "enum"}


def _node_types(node: dict) -> set[str] | None:
    if "type" not in node:
        return None
    return {node["type"]} if isinstance(node["type"], str) else set(node["type"])


def _kind_test(node: dict, kind: str, var: str) -> str | None:
    """When keywords of `kind` (string, number, array, object) constrain `var`: "" always (the
    node's type test already settled that it is of that kind), None never (its type excludes the
    kind), else the condition to test."""
    kind_types, untyped_test = _KEYWORD_KINDS[kind]
    types = _node_types(node)
    if types is None:
        return untyped_test.format(v=var)
    if types <= kind_types:
        return ""
    if not types & kind_types:
        return None
    # The type test passed, so the value is exactly one of the node's types.
    return "type({v}) in (int, float)".format(v=var) if kind == "number" else _TYPE_TESTS[kind].format(v=var)


def _check_expression(node: dict, var: str, constants: dict, depth: int = 0,
                      source: str | None = None) -> str | None:
    """A Python boolean expression that is true only where validating `var` against the schema
    `node` passes (and is for values made of plain JSON types), or None when the node uses a
    keyword not compiled here. With `source`, `var` is a fresh name for the value of `source`
    (a member of an object), bound where the expression first looks at it."""
    if not isinstance(node, dict) or set(node) - _COMPILED_KEYWORDS - _ANNOTATIONS:
        return None
    if node.get("additionalProperties", False) is not False and node.get("additionalProperties") is not True:
        return None
    if "enum" in node and not all(isinstance(option, str) for option in node["enum"]):
        return None  # Python's == takes True for 1 and 1.0 for 1; JSON Schema's enum does not
    parts = []

    def constant(prefix: str, value) -> str:
        name = f"_{prefix}{len(constants)}"
        constants[name] = value
        return name

    def constrain(kind: str, test: str) -> None:
        when = _kind_test(node, kind, var)
        if when is not None:
            parts.append(f"({test})" if when == "" else f"(not {when} or {test})")

    types = _node_types(node)
    if types is not None:
        tests = [_TYPE_TESTS[t].format(v=var) for t in sorted(types)]
        if source is not None:
            # The type test comes first and always runs: it looks the member up, once, for all
            # the tests of its value (a dict lookup each time otherwise).
            tests[0] = _TYPE_TESTS[sorted(types)[0]].replace("{v}", f"({var} := {source})", 1).format(v=var)
        parts.append("(" + " or ".join(tests) + ")")
    if "enum" in node:
        parts.append(f"{var} in {tuple(node['enum'])!r}")
    if "minLength" in node:
        constrain("string", f"len({var}) >= {node['minLength']!r}")
    if "pattern" in node:
        constrain("string", f"{constant('pattern', re.compile(node['pattern']).search)}({var}) is not None")
    if "minimum" in node:
        constrain("number", f"{var} >= {node['minimum']!r}")
    if "maximum" in node:
        constrain("number", f"{var} <= {node['maximum']!r}")
    if "minItems" in node:
        constrain("array", f"len({var}) >= {node['minItems']!r}")
    if "items" in node:
        item = f"_item{depth}"
        inner = _check_expression(node["items"], item, constants, depth + 1)
        if inner is None:
            return None
        constrain("array", f"all({inner} for {item} in {var})")
    if {"properties", "required", "additionalProperties"} & set(node):
        properties = node.get("properties", {})
        required = node.get("required", [])
        # Key sets as constants: one set comparison each instead of a test per key.
        closed = node.get("additionalProperties", True) is False
        if closed and set(required) == set(properties):
            tests = [f"{var}.keys() == {constant('keys', frozenset(required))}"]  # one pass, not two
        else:
            tests = [f"{var}.keys() >= {constant('required', frozenset(required))}"] if required else []
            if closed:
                tests.append(f"{var}.keys() <= {constant('allowed', frozenset(properties))}")
        for key, sub in properties.items():
            member = f"{var}[{key!r}]"
            if isinstance(sub, dict) and "type" in sub:
                # A local name for the member's value (reserved among the constants, so unique).
                inner = _check_expression(sub, constant("member", None), constants, depth, source=member)
            else:
                inner = _check_expression(sub, member, constants, depth)
            if inner is None:
                return None
            tests.append(inner if key in required else f"({key!r} not in {var} or {inner})")
        constrain("object", " and ".join(tests) or "True")
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
