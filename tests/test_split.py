"""Split assignment: stable per key, independent of other keys, close to the ratios."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings, strategies as st

from builder.split import assign_groups, assign_split, unit_interval

RATIOS = {"train": 0.8, "validation": 0.1, "test": 0.1}


@given(st.text(min_size=1), st.integers(min_value=0, max_value=2**31))
def test_unit_interval_is_stable_and_in_range(key, seed):
    value = unit_interval(key, seed)
    assert 0.0 <= value < 1.0
    assert value == unit_interval(key, seed)


@settings(max_examples=50)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=30, unique=True),
       st.lists(st.text(min_size=1), max_size=30))
def test_adding_keys_never_moves_existing_ones(keys, more):
    before = {k: assign_split(k, RATIOS, 0) for k in keys}
    after = {k: assign_split(k, RATIOS, 0) for k in keys + more}
    assert all(after[k] == before[k] for k in keys)


def test_shares_follow_the_ratios():
    counts = Counter(assign_split(f"article-{i}", RATIOS, 7) for i in range(20_000))
    assert abs(counts["train"] / 20_000 - 0.8) < 0.02
    assert abs(counts["validation"] / 20_000 - 0.1) < 0.01


def test_zero_ratio_split_gets_nothing():
    ratios = {"train": 1.0, "validation": 0.0, "test": 0.0}
    assert {assign_split(str(i), ratios, 0) for i in range(500)} == {"train"}


def test_date_cutoff_sends_later_groups_to_test_and_earlier_ones_elsewhere():
    groups = {f"g{i}": (f"2024-{i % 12 + 1:02d}-15", None) for i in range(200)}
    groups["undated"] = (None, None)
    splits = assign_groups(groups, RATIOS, 0, date_cutoff="2024-07-01")
    for key, (published, _) in groups.items():
        if published and published >= "2024-07-01":
            assert splits[key] == "test"
        else:
            assert splits[key] in ("train", "validation")
    assert {"train", "validation"} <= set(splits.values())


def test_stratified_groups_follow_the_ratios_inside_every_class():
    groups = {f"g{i}": (None, i % 3) for i in range(300)}
    splits = assign_groups(groups, RATIOS, 0, stratified=True)
    for stratum in range(3):
        counts = Counter(splits[k] for k, (_, s) in groups.items() if s == stratum)
        assert counts == {"train": 80, "validation": 10, "test": 10}
