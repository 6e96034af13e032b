"""A bad recipe stops the build before any work, exit 2, with the file and the key path."""

from __future__ import annotations

import pytest

from builder.recipe import RecipeError, load_recipe
from tests.conftest import RECIPES, minimal_spec, run_cli, write_recipe


def test_shipped_recipes_are_valid():
    for path in sorted(RECIPES.glob("*.yaml")):
        assert load_recipe(path)["name"]


@pytest.mark.parametrize(
    "change, expected_path",
    [
        (lambda s: s.update(colour="blue"), "(top level): Additional properties are not allowed ('colour'"),
        (lambda s: s["tasks"].update(sentence={}), "tasks: Additional properties are not allowed ('sentence'"),
        (lambda s: s["sources"][0].update(format="pdf"), "sources[0].format: 'pdf' is not one of"),
        (lambda s: s.update(version=1), "version: 1 is not of type 'string'"),
        (lambda s: s["splits"].update(seed="zero"), "splits.seed: 'zero' is not of type 'integer'"),
        (lambda s: s.pop("sources"), "(top level): 'sources' is a required property"),
        (lambda s: s["splits"].update(train=0.9), "splits: train + validation + test must sum to 1"),
        (lambda s: s["sources"].append({"path": "nowhere/*.txt"}), "sources[1].path: 'nowhere/*.txt' matches no readable file"),
    ],
)
def test_bad_recipe_exits_2_naming_the_key_path(tmp_path, inputs_copy, change, expected_path):
    spec = minimal_spec()
    change(spec)
    recipe = write_recipe(tmp_path, spec)
    out = tmp_path / "out"
    result = run_cli("build", recipe, "--out", out)
    assert result.exit_code == 2
    assert str(recipe) in result.stderr
    assert expected_path in result.stderr
    assert not out.exists(), "a bad recipe must not write anything"


def test_not_yaml_and_not_a_mapping(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(RecipeError, match="not valid YAML"):
        load_recipe(broken)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(RecipeError, match="expected a mapping"):
        load_recipe(listing)


def test_missing_recipe_file_exits_2(tmp_path):
    result = run_cli("build", tmp_path / "absent.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "cannot read the recipe" in result.stderr
