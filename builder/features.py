"""`datasets.Features` derived from the record schemas, so the parquet files, the card and
`load_dataset` all see the shape written once in `schemas/`."""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from builder.schemas import load_schema

_SCALARS = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


def _non_null_type(spec: dict) -> str:
    types = spec.get("type")
    types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
    return types[0]


def feature_from_schema(spec: dict, class_names: list[str] | None = None):
    """One JSON Schema node -> one `datasets` feature (nullable types map to their non-null type)."""
    kind = _non_null_type(spec)
    if spec.get("x-feature") == "ClassLabel" and class_names is not None:
        return ClassLabel(names=list(class_names))
    if kind == "object":
        return {name: feature_from_schema(sub, class_names) for name, sub in spec["properties"].items()}
    if kind == "array":
        return List(feature_from_schema(spec["items"], class_names))
    return Value(spec.get("x-dtype", _SCALARS[kind]))


def features_for(kind: str, class_names: list[str] | None = None) -> Features:
    """Features of record kind `kind` (`article`, `sentence`, `qa`, `cloze`, `label`).

    `class_names` turns a field marked `"x-feature": "ClassLabel"` into a ClassLabel."""
    schema = load_schema(kind)
    return Features({name: feature_from_schema(spec, class_names) for name, spec in schema["properties"].items()})
