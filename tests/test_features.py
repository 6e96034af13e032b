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
