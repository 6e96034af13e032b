"""The manifest's inputs are streamed (spilled to disk, hashed and written item by item); the
fingerprint and the manifest file must read exactly as if the whole list were held in memory."""

from __future__ import annotations

import hashlib
import json
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.manifest import canonical_json, fingerprint, spill, spilled
from builder.write import write_json

entries = st.lists(st.fixed_dictionaries({
    "uri": st.text(min_size=1, max_size=30),
    "sha256": st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    "bytes": st.integers(min_value=0, max_value=2**40)}), max_size=6)
recipes = st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers(), st.none()), max_size=4)


@given(entries, recipes)
@settings(max_examples=60, deadline=None)
def test_streamed_fingerprint_is_the_digest_of_the_whole_payload(inputs, spec):
    versions = {"builder": "0.1.0", "nltk": "3.9.1"}
    whole = {"recipe": spec, "inputs": [(i["uri"], i["sha256"]) for i in inputs], "versions": versions}
    assert fingerprint(spec, iter(inputs), versions) == hashlib.sha256(canonical_json(whole)).hexdigest()


@given(entries)
@settings(max_examples=60, deadline=None)
def test_spilled_inputs_come_back_whole_and_in_order(inputs):
    with tempfile.TemporaryFile() as handle:
        assert spill(iter(inputs), handle) == len(inputs)
        assert list(spilled(handle)) == inputs
        assert list(spilled(handle)) == inputs  # (read again from the start)


@given(entries, recipes)
@settings(max_examples=60, deadline=None)
def test_streamed_manifest_reads_as_the_whole_one(tmp_path_factory, inputs, spec):
    folder = tmp_path_factory.mktemp("manifest")
    manifest = {"name": "demo", "version": "1.0.0", "recipe": spec, "counts": {"qa": {"train": 3}},
                "files": {"qa/train.parquet": "ab"}, "versions": {"builder": "0.1.0"}}
    write_json(folder / "whole.json", {**manifest, "inputs": inputs})
    write_json(folder / "streamed.json", manifest, streamed=("inputs", iter(inputs)))
    assert (folder / "streamed.json").read_bytes() == (folder / "whole.json").read_bytes()
    assert json.loads((folder / "streamed.json").read_text(encoding="utf-8"))["inputs"] == inputs
