"""What changed between two build folders, and which semantic-version bump that change needs.

Records are matched by their stable `id` per config and split; a record whose id stays but whose
fields differ is "changed". Everything here reads the two folders and returns plain data (pure apart
from reading files); `format_diff` turns the result into the text `builder diff` prints.

Bump rules (issue 8), from the strongest:
- major: a schema changed, a config disappeared, records were removed (any split), or records in
  the test split changed: results measured on the old release no longer hold.
- minor: records were added (or a config appeared), or train/validation records changed.
- patch: only the card or metadata changed (README, manifest recipe text, quarantine files).
- none: the two folders hold the same files."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pyarrow.parquet as pq

from builder.manifest import canonical_json

BUMPS = ("none", "patch", "minor", "major")
DATA_FILE = re.compile(r"^(?P<config>[^/]+)/(?P<split>[^/]+)-\d{5}-of-\d{5}\.parquet$")
TEST_SPLIT = "test"
ROW_BATCH = 4096


class NotABuild(Exception):
    """The folder is not a build folder (no readable manifest.json)."""


# ---------------------------------------------------------------------------------------------
# Reading a build folder
# ---------------------------------------------------------------------------------------------

def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NotABuild(f"{folder} is not a build folder: cannot read manifest.json ({err})") from err


def data_files_by_split(folder: Path) -> dict[str, dict[str, list[Path]]]:
    """config -> split -> parquet shards, from the files actually in the folder."""
    found: dict[str, dict[str, list[Path]]] = {}
    for path in sorted(Path(folder).rglob("*.parquet")):
        match = DATA_FILE.match(path.relative_to(folder).as_posix())
        if match:
            found.setdefault(match["config"], {}).setdefault(match["split"], []).append(path)
    return found


def row_digest(row: dict) -> bytes:
    """A short hash of a whole record, to notice a changed record without holding it."""
    return hashlib.sha256(canonical_json(row)).digest()[:16]


def record_digests(shards: list[Path]) -> dict[str, bytes]:
    """id -> digest of every record in a split; memory grows with ids, not with record size."""
    digests: dict[str, bytes] = {}
    for shard in shards:
        for batch in pq.ParquetFile(shard).iter_batches(batch_size=ROW_BATCH):
            for row in batch.to_pylist():
                digests[str(row["id"])] = row_digest(row)
    return digests


def config_schema(shards: list[Path]) -> dict[str, str]:
    """field -> type of a config, as `datasets` sees it (ClassLabel names included) when the
    parquet carries Hugging Face features, else as arrow types."""
    schema = pq.read_schema(shards[0])
    hf_meta = (schema.metadata or {}).get(b"huggingface")
    if hf_meta:
        features = json.loads(hf_meta).get("info", {}).get("features", {})
        if features:
            return {name: json.dumps(feature, sort_keys=True) for name, feature in features.items()}
    return {field.name: str(field.type) for field in schema}


# ---------------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------------

def compare_records(old: dict[str, bytes], new: dict[str, bytes]) -> dict:
    return {"added": sorted(new.keys() - old.keys()), "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(i for i in old.keys() & new.keys() if old[i] != new[i]),
            "old_rows": len(old), "new_rows": len(new)}


def compare_schemas(old: dict[str, str], new: dict[str, str]) -> dict:
    return {"added": sorted(new.keys() - old.keys()), "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(name for name in old.keys() & new.keys() if old[name] != new[name])}


def schema_changed(schema: dict) -> bool:
    return any(schema[k] for k in ("added", "removed", "changed"))


def compare_config(old_shards: dict[str, list[Path]], new_shards: dict[str, list[Path]]) -> dict:
    """One config present in either build: status, schema change and per-split record changes."""
    status = "added" if not old_shards else "removed" if not new_shards else "kept"
    any_old = next(iter(old_shards.values()), None)
    any_new = next(iter(new_shards.values()), None)
    schema = compare_schemas(config_schema(any_old) if any_old else {}, config_schema(any_new) if any_new else {})
    if status != "kept":  # a whole config appearing or going is reported as such, not as field changes
        schema = {"added": [], "removed": [], "changed": []}
    splits = {split: compare_records(record_digests(old_shards.get(split, [])),
                                     record_digests(new_shards.get(split, [])))
              for split in sorted(old_shards.keys() | new_shards.keys())}
    return {"status": status, "schema": schema, "splits": splits}


def changed_metadata_files(old_files: dict[str, str], new_files: dict[str, str]) -> list[str]:
    """Non-data files (card, label files, quarantine) added, removed or changed, by manifest sha256."""
    paths = old_files.keys() | new_files.keys()
    return sorted(p for p in paths if not DATA_FILE.match(p) and old_files.get(p) != new_files.get(p))


def bump_for(configs: dict, metadata_changed: bool) -> tuple[str, list[str]]:
    """The bump the change needs, with the reasons that decided it (strongest first)."""
    major, minor = [], []
    for name, config in configs.items():
        if config["status"] == "removed":
            major.append(f"config {name} removed")
        elif config["status"] == "added":
            minor.append(f"config {name} added")
        if schema_changed(config["schema"]):
            major.append(f"schema of {name} changed")
        for split, records in config["splits"].items():
            where = f"{name}/{split}"
            if records["removed"] and config["status"] != "removed":
                major.append(f"{len(records['removed'])} record(s) removed from {where}")
            if records["changed"]:
                needs = major if split == TEST_SPLIT else minor
                needs.append(f"{len(records['changed'])} record(s) changed in {where}")
            if records["added"] and config["status"] != "added":
                minor.append(f"{len(records['added'])} record(s) added to {where}")
    if major:
        return "major", major + minor
    if minor:
        return "minor", minor
    if metadata_changed:
        return "patch", ["only the card or metadata changed"]
    return "none", ["same data, card and metadata"]


# ---------------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------------

def parse_version(version: str) -> tuple[int, int, int, str]:
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(?:-(.+))?", version)
    if not match:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch, pre = match.groups()
    return int(major), int(minor), int(patch), pre or ""


def bump_version(version: str, bump: str) -> str:
    major, minor, patch, _ = parse_version(version)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def declared_bump(old_version: str, new_version: str) -> str:
    """Which bump the two version numbers express ("none" if equal or going backwards)."""
    old, new = parse_version(old_version)[:3], parse_version(new_version)[:3]
    if new <= old:
        return "none"
    if new[0] > old[0]:
        return "major"
    if new[1] > old[1]:
        return "minor"
    return "patch"


# ---------------------------------------------------------------------------------------------
# The whole diff
# ---------------------------------------------------------------------------------------------

def compare_data(old: str | Path, new: str | Path) -> dict:
    """config -> comparison, over the parquet files alone (no manifest needed: the card uses this
    while the new build is still being written)."""
    old_data, new_data = data_files_by_split(Path(old)), data_files_by_split(Path(new))
    return {name: compare_config(old_data.get(name, {}), new_data.get(name, {}))
            for name in sorted(old_data.keys() | new_data.keys())}


def diff_builds(old: str | Path, new: str | Path) -> dict:
    """Compare two build folders. Raises NotABuild when one has no manifest."""
    old, new = Path(old), Path(new)
    old_manifest, new_manifest = read_manifest(old), read_manifest(new)
    configs = compare_data(old, new)
    metadata = changed_metadata_files(old_manifest.get("files", {}), new_manifest.get("files", {}))
    if old_manifest.get("recipe") != new_manifest.get("recipe") and "manifest.json" not in metadata:
        metadata.append("manifest.json")  # the recipe lives in the manifest, which lists no checksum of itself
    bump, reasons = bump_for(configs, bool(metadata))
    old_version, new_version = old_manifest.get("version", "0.0.0"), new_manifest.get("version", "0.0.0")
    declared = declared_bump(old_version, new_version)
    return {
        "old": {"folder": str(old), "version": old_version, "fingerprint": old_manifest.get("fingerprint")},
        "new": {"folder": str(new), "version": new_version, "fingerprint": new_manifest.get("fingerprint")},
        "configs": configs, "metadata_files": metadata, "bump": bump, "reasons": reasons,
        "suggested_version": bump_version(old_version, bump),
        "declared_bump": declared, "version_ok": BUMPS.index(declared) >= BUMPS.index(bump),
    }


def short_list(ids: list[str], limit: int) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", ... (+{len(ids) - limit} more)" if len(ids) > limit else "")


def format_diff(result: dict, limit: int = 10) -> str:
    """The human report: per config and split what was added / removed / changed, then the bump."""
    old, new = result["old"], result["new"]
    lines = [f"{old['folder']} (v{old['version']}) -> {new['folder']} (v{new['version']})"]
    for name, config in result["configs"].items():
        split_lines = []
        for split, records in config["splits"].items():
            parts = [f"{key} {len(records[key])}: {short_list(records[key], limit)}"
                     for key in ("added", "removed", "changed") if records[key]]
            if parts:
                split_lines.append(f"  {split} ({records['old_rows']} -> {records['new_rows']} rows)")
                split_lines += [f"    {part}" for part in parts]
        schema = config["schema"]
        schema_lines = [f"  schema: {key} {', '.join(schema[key])}" for key in ("added", "removed", "changed")
                        if schema[key]]
        if config["status"] != "kept" or split_lines or schema_lines:
            lines.append(f"{name}{'' if config['status'] == 'kept' else ' (config ' + config['status'] + ')'}")
            lines += schema_lines + split_lines
    if result["metadata_files"]:
        lines.append("metadata changed: " + ", ".join(result["metadata_files"]))
    lines.append(f"bump: {result['bump']} ({'; '.join(result['reasons'])})")
    if result["bump"] != "none":
        verdict = "ok" if result["version_ok"] else f"too small, needs at least {result['suggested_version']}"
        lines.append(f"version {old['version']} -> {new['version']} is a {result['declared_bump']} bump: {verdict}")
    return "\n".join(lines)
