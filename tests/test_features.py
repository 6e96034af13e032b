"""Features come from the schemas: every schema field appears, with the type it declares."""

from __future__ import annotations

import pytest
from datasets import ClassLabel, List, Value

from builder.features import features_for
from builder.schemas import load_schema, schema_errors


@pytest.mark.parametrize("kind", ["article", "sentence", "qa", "label"])
def test_every_schema_field_is_a_feature(kind):
    assert list(features_for(kind)) == list(load_schema(kind)["properties"])


def test_squad_layout_and_class_label():
    qa = features_for("qa")
    assert qa["answers"] == {"text": List(Value("string")), "answer_start": List(Value("int32"))}
    label = features_for("label", ["a", "b"])
    assert label["label"] == ClassLabel(names=["a", "b"])


def test_schema_errors_name_the_key_path():
    bad = {"id": "x", "article_id": "a", "index": -1, "start": 0, "end": 1, "text": "A"}
    assert schema_errors("sentence", bad) == ["index: -1 is less than the minimum of 0"]


from hypothesis import given, settings, strategies as st  # noqa: E402

from builder.schemas import fast_check, validator  # noqa: E402

JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2, allow_nan=False) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)


def mutated_record(base: dict):
    """A valid record with some fields replaced by arbitrary JSON, dropped, or joined by extras."""
    keys = sorted(base)
    return st.fixed_dictionaries({}).flatmap(lambda _: st.tuples(
        st.dictionaries(st.sampled_from(keys + ["extra"]), JSON, max_size=3),
        st.sets(st.sampled_from(keys), max_size=2),
    )).map(lambda change: {**{k: v for k, v in base.items() if k not in change[1]}, **change[0]})


VALID = {
    "sentence": {"id": "a-s0", "article_id": "a", "index": 0, "start": 0, "end": 5, "text": "Hello"},
    "qa": {"id": "q", "article_id": "a", "title": "T", "context": "Hi there", "question": "Who?",
           "answers": {"text": ["Hi"], "answer_start": [0]}, "kind": "k", "answer_type": "person"},
    "label": {"id": "l", "article_id": "a", "text": "x", "label": 1, "confidence": 0.5, "votes": ["r"]},
}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_fast_check_agrees_with_jsonschema(kind):
    check = fast_check(kind)
    assert check is not None and check(VALID[kind])

    @settings(max_examples=150, deadline=None)
    @given(mutated_record(VALID[kind]))
    def agree(record):
        assert check(record) == validator(kind).is_valid(record)

    agree()
