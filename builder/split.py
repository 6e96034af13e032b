"""Assign records to train / validation / test by a stable hash of their group key.

The hash depends only on the key and the seed, so adding articles never moves existing ones."""

from __future__ import annotations

import hashlib

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
