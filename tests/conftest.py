"""Shared test helpers: the repo's own recipes and fixtures, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from builder.cli import main

REPO = Path(__file__).resolve().parent.parent
RECIPES = REPO / "recipes"
INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"


def run_cli(*args: str):
    """Run the `builder` command in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_recipe(folder: Path, spec: dict, name: str = "recipe.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def minimal_spec(**overrides) -> dict:
    spec = {"name": "tiny", "version": "1.0.0", "description": "test", "license": "cc-by-4.0",
            "sources": [{"path": "inputs/*", "format": "auto"}],
            "tasks": {"sentences": {}}, "splits": {"train": 0.6, "validation": 0.2, "test": 0.2, "seed": 0}}
    spec.update(overrides)
    return spec


def build_samples(work: Path, spec: dict, prefixes: list[str]) -> Path:
    """Build `spec` over the sample articles whose file names start with one of `prefixes`
    (copied to work/inputs, which the spec's sources should name); returns the build folder."""
    inputs = work / "inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    for sample in sorted((RECIPES / "samples").glob("*.txt")):
        if sample.name.startswith(tuple(prefixes)):
            shutil.copy(sample, inputs / sample.name)
    result = run_cli("build", write_recipe(work, spec), "--out", work / "out", "--quiet")
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


@pytest.fixture
def inputs_copy(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/inputs under tmp_path/inputs."""
    target = tmp_path / "inputs"
    shutil.copytree(INPUTS, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> Path:
    """The default recipe built once for the session: the folder `<out>/news-qa/1.0.0`."""
    out = tmp_path_factory.mktemp("default-build")
    result = run_cli("build", RECIPES / "news_qa.yaml", "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())
