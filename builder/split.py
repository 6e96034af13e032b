"""Assign records to train / validation / test by a stable hash of their group key.

The hash depends only on the key and the seed, so adding articles never moves existing ones."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from urllib.parse import urlsplit

from builder.recipe import SPLIT_NAMES


def unit_interval(key: str, seed: int) -> float:
    """A number in [0, 1) fixed by (seed, key): uniform enough for ratios, stable across runs and machines."""
    digest = hashlib.sha256(f"{seed}\x00{key}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_split(key: str, ratios: dict[str, float], seed: int) -> str:
    point, edge = unit_interval(key, seed), 0.0
    for name in SPLIT_NAMES:
        edge += ratios[name]
        if point < edge:
            return name
    return next(name for name in reversed(SPLIT_NAMES) if ratios[name] > 0)


def site_of(url: str | None, uri: str) -> str:
    """The site an article came from: the url's host, else the first folder of its source path."""
    if url:
        host = urlsplit(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return uri.split("/")[0] if "/" in uri else "."


def assign_by_rank(keys: list[str], ratios: dict[str, float], seed: int) -> dict[str, str]:
    """Split `keys` in the ratios as exactly as their number allows (used within a stratum):
    keys are ranked by their stable hash and cut at the cumulative ratios."""
    ranked = sorted(keys, key=lambda key: unit_interval(key, seed))
    bounds, edge = [], 0.0
    for name in SPLIT_NAMES:
        edge += ratios[name]
        bounds.append((edge, name))
    out = {}
    for position, key in enumerate(ranked):
        point = (position + 0.5) / len(ranked)
        out[key] = next((name for edge, name in bounds if point < edge), bounds[-1][1])
    return out


def assign_groups(groups: dict[str, tuple[str | None, object]], ratios: dict[str, float], seed: int,
                  date_cutoff: str | None = None, stratified: bool = False) -> dict[str, str]:
    """Split per group key; `groups[key]` is (earliest published date or None, stratum or None).

    With a date cutoff, groups published on or after it go to test, the rest to train/validation in
    their ratios (undated groups too). Stratified, each stratum is split in the ratios by rank."""
    if date_cutoff is not None:
        before = {"train": ratios["train"], "validation": ratios["validation"], "test": 0.0}
        total = before["train"] + before["validation"] or 1.0
        before = {name: share / total for name, share in before.items()}
        return {key: "test" if published and published[:10] >= date_cutoff[:10] else assign_split(key, before, seed)
                for key, (published, _) in groups.items()}
    if stratified:
        strata = defaultdict(list)
        for key, (_, stratum) in groups.items():
            strata[stratum].append(key)
        out = {}
        for keys in strata.values():
            out.update(assign_by_rank(keys, ratios, seed))
        return out
    return {key: assign_split(key, ratios, seed) for key in groups}
