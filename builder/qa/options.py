"""Defaults for the `tasks.qa` options of a recipe (schemas/tasks/qa.schema.json documents them)."""

from __future__ import annotations

import copy

DEFAULT_OPTIONS = {
    "generators": ["wh", "what", "whose", "appositive", "definition", "quote", "cause"],
    "max_per_article": 15,
    "min_score": -2.0,
    "context": "paragraph",
    "window": 2,
    "max_per_sentence": 3,
    "cloze": {"enabled": True, "max_per_article": 4, "placeholder": "@placeholder"},
    "llm": {
        "enabled": False,
        "base_url": "http://127.0.0.1:8000/v1",
        "model": "",
        "api_key_env": "OPENAI_API_KEY",
        "timeout": 30,
        "max_questions": 5,
        "temperature": 0.0,
    },
}


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _all_scalars(values) -> bool:
    return all(map(_SCALARS.__contains__, map(type, values)))


def _copied(value):
    """copy.deepcopy for the plain data of options (mappings, lists and scalars), faster: it runs
    once per article."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    # A mapping or list of scalars only (as most are) is copied by one C-level call; in the
    # others a scalar is kept as it is, without a call.
    if kind is dict:
        if _all_scalars(value.values()):
            return value.copy()
        return {k: v if type(v) in _SCALARS else _copied(v) for k, v in value.items()}
    if kind is list:
        if _all_scalars(value):
            return value.copy()
        return [v if type(v) in _SCALARS else _copied(v) for v in value]
    return copy.deepcopy(value)


def qa_options(options: dict | None) -> dict:
    """The user's options over the defaults (nested mappings merged one level deep)."""
    merged = _copied(DEFAULT_OPTIONS)
    for key, value in (options or {}).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update(value)
        else:
            merged[key] = _copied(value)
    if merged["llm"].get("enabled") and "llm" not in merged["generators"]:
        merged["generators"] = list(merged["generators"]) + ["llm"]
    return merged
