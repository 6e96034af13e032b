"""Publishing releases, end to end: the real huggingface_hub client and the real `datasets` talk to
the Hub double (tests/hub_server.py) on 127.0.0.1, in subprocesses that read HF_ENDPOINT at import.

Needs the `builder publish` command in builder/cli.py (the Hub tests run `python -m builder publish`)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.publish import InvalidBuild, VersionConflict, publish_to_folder
from tests.conftest import RECIPES, run_cli, write_recipe
from tests.hub_server import start_hub

TOKEN = "hf_" + secrets.token_hex(16)  # must never show up anywhere but the Authorization header
REPO_ID = "ns/news"
SAMPLES = RECIPES / "samples"
FIRST_ARTICLES = [f"0{i}-" for i in range(1, 7)]  # v1.0.0: articles 01..06; v1.1.0 adds 07 and 08
TASKS = {"sentences": {}, "qa": {}}
CONFIG = "qa"  # the config whose rows are compared between releases

LOAD_AND_LIST = r"""
import json, sys
import datasets
from huggingface_hub import HfApi
repo_id, config, revisions = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = {}
for revision in revisions:
    loaded = datasets.load_dataset(repo_id, config, revision=revision)
    rows[revision] = {split: sorted(ds["id"]) for split, ds in loaded.items()}
refs = HfApi().list_repo_refs(repo_id, repo_type="dataset")
print(json.dumps({"rows": rows, "tags": {t.name: t.target_commit for t in refs.tags},
                  "branches": {b.name: b.target_commit for b in refs.branches}}))
"""


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def news_spec(version: str, description: str = "News QA for publishing tests.") -> dict:
    return {"name": "news", "version": version, "description": description, "license": "cc-by-4.0",
            "sources": [{"path": "inputs/*.txt", "format": "text"}], "tasks": TASKS,
            "splits": {"train": 0.5, "validation": 0.25, "test": 0.25, "seed": 0}}


def build_release(workdir: Path, version: str, articles: list[str], out: Path, with_empty_file: bool = False,
                  **spec_changes) -> Path:
    """Build the `news` recipe over the sample articles whose names start with `articles` (and an
    empty file, which the build quarantines, when asked)."""
    inputs = workdir / "inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir(parents=True)
    for sample in sorted(SAMPLES.glob("*.txt")):
        if sample.name.startswith(tuple(articles)):
            shutil.copy(sample, inputs / sample.name)
    if with_empty_file:
        (inputs / "00-empty.txt").write_text("")
    recipe = write_recipe(workdir, {**news_spec(version), **spec_changes})
    result = run_cli("build", recipe, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def client_env(endpoint: str, home: Path, token: str | None = TOKEN) -> dict:
    """The environment of a client subprocess: the double as endpoint, a private HF_HOME, our token."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update(HF_ENDPOINT=endpoint, HF_HOME=str(home), HF_HUB_DISABLE_TELEMETRY="1",
               HF_HUB_DISABLE_PROGRESS_BARS="1", HF_DATASETS_DISABLE_PROGRESS_BARS="1",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")  # never via a proxy
    if token is not None:
        env["HF_TOKEN"] = token
    return env


class Outputs:
    """Every stdout/stderr a client subprocess printed, to look for the token afterwards."""

    def __init__(self):
        self.texts: list[str] = []

    def run(self, env: dict, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=180)
        self.texts += [done.stdout, done.stderr]
        return done

    def publish(self, env: dict, *args) -> subprocess.CompletedProcess:
        return self.run(env, "-m", "builder", "publish", *map(str, args))


def error_lines(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.strip()]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# One Hub for the module: v1.0.0, a hand edit of the card on the Hub, then v1.1.0
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hub():
    server = start_hub(token=TOKEN)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def outputs() -> Outputs:
    return Outputs()


@pytest.fixture(scope="module")
def releases(hub, outputs, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("releases")
    env = client_env(hub.url, work / "hf-home")
    v1 = build_release(work / "recipe", "1.0.0", FIRST_ARTICLES, work / "out", with_empty_file=True)
    assert (v1 / "quarantine").is_dir()  # v1.1.0 has no quarantine: publishing it must delete v1's files
    first = outputs.publish(env, v1, "--repo-id", REPO_ID)
    assert first.returncode == 0, first.stderr
    # A user adds metadata to the card and a file in the Hub's editor; the next release keeps both.
    card = hub.state.files_at(REPO_ID)["README.md"].decode()
    card = card.replace("---\n", "---\ntags:\n- news\nannotations_creators:\n- machine-generated\n", 1)
    hub.state.edit_on_hub(REPO_ID, "README.md", card.encode())
    hub.state.edit_on_hub(REPO_ID, "notes/by-hand.md", b"added on the Hub")
    v2 = build_release(work / "recipe", "1.1.0", FIRST_ARTICLES + ["07-", "08-"], work / "out")
    second = outputs.publish(env, v2, "--repo-id", REPO_ID, "--message", "Add two articles")
    assert second.returncode == 0, second.stderr
    loaded = outputs.run(env, "-c", LOAD_AND_LIST, REPO_ID, CONFIG, "v1.0.0", "v1.1.0")
    assert loaded.returncode == 0, loaded.stderr
    return {"work": work, "env": env, "v1": v1, "v2": v2, "first": first, "second": second,
            "hub": json.loads(loaded.stdout.strip().splitlines()[-1])}


def local_rows(build: Path, config: str) -> dict[str, list[str]]:
    import pyarrow.parquet as pq

    return {path.name.split("-")[0]: sorted(pq.read_table(path, columns=["id"]).column("id").to_pylist())
            for path in sorted((build / config).glob("*.parquet"))}


def test_each_tag_loads_its_own_rows(releases):
    rows = releases["hub"]["rows"]
    assert rows["v1.0.0"] == local_rows(releases["v1"], CONFIG)
    assert rows["v1.1.0"] == local_rows(releases["v2"], CONFIG)
    assert rows["v1.0.0"] != rows["v1.1.0"]


def test_tags_point_at_the_release_commits(releases, hub):
    tags = releases["hub"]["tags"]
    assert set(tags) == {"v1.0.0", "v1.1.0"}
    assert tags["v1.1.0"] == releases["hub"]["branches"]["main"]
    assert json.loads(hub.state.files_at(REPO_ID, tags["v1.0.0"])["manifest.json"]) == \
        json.loads((releases["v1"] / "manifest.json").read_text())
    assert tags["v1.0.0"] in releases["first"].stdout and tags["v1.1.0"] in releases["second"].stdout
    assert hub.state.repo(REPO_ID).commits[tags["v1.1.0"]].message == "Add two articles"


def test_a_release_holds_exactly_the_build_folder(releases, hub):
    for tag, build in (("v1.0.0", releases["v1"]), ("v1.1.0", releases["v2"])):
        published = hub.state.files_at(REPO_ID, tag)
        local = {p.relative_to(build).as_posix(): p.read_bytes() for p in build.rglob("*") if p.is_file()}
        assert set(published) - {".gitattributes", "notes/by-hand.md"} == set(local)
        assert all(published[path] == content for path, content in local.items() if path != "README.md")


def test_republishing_keeps_metadata_added_on_the_hub(releases, hub):
    assert "notes/by-hand.md" in hub.state.files_at(REPO_ID, "v1.1.0")
    card = hub.state.files_at(REPO_ID, "v1.1.0")["README.md"].decode()
    header = yaml.safe_load(card.split("---\n")[1])
    assert header["tags"] == ["news"] and header["annotations_creators"] == ["machine-generated"]
    assert header["license"] == "cc-by-4.0" and {c["config_name"] for c in header["configs"]} >= {CONFIG, "articles"}
    assert f'load_dataset("{REPO_ID}", "articles", revision="v1.1.0")' in card
    assert "- **1.1.0**" in card or "v1.1.0" in card


def test_publishing_the_same_release_again_is_a_no_op(releases, hub, outputs):
    before = hub.state.snapshot()
    again = outputs.publish(releases["env"], releases["v1"], "--repo-id", REPO_ID)
    assert again.returncode == 0, again.stderr
    assert "already published" in again.stdout
    assert hub.state.snapshot() == before


def test_other_content_under_a_published_version_is_refused(releases, hub, outputs):
    work = releases["work"]
    other = build_release(work / "other-recipe", "1.0.0", ["01-", "02-", "03-"], work / "other-out")
    before = hub.state.snapshot()
    refused = outputs.publish(releases["env"], other, "--repo-id", REPO_ID)
    assert refused.returncode == 1
    assert len(error_lines(refused)) == 1 and "bump the version" in refused.stderr
    assert hub.state.snapshot() == before


def test_dry_run_prints_the_plan_and_sends_nothing(releases, hub, outputs):
    requests = len(hub.state.requests)
    dry = outputs.publish(releases["env"], releases["v2"], "--repo-id", "ns/elsewhere", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "tag: v1.1.0" in dry.stdout and "commit to: main" in dry.stdout
    assert f"{CONFIG}/train-00000-of-00001.parquet" in dry.stdout and "manifest.json" in dry.stdout
    assert len(hub.state.requests) == requests


def test_a_failed_commit_leaves_no_release_and_a_retry_succeeds(releases, hub, outputs):
    repo_id = "ns/flaky"
    hub.state.fail_next("commit", 500)
    failed = outputs.publish(releases["env"], releases["v1"], "--repo-id", repo_id, "--private")
    assert failed.returncode == 1
    assert len(error_lines(failed)) == 1 and "HTTP 500" in failed.stderr
    repo = hub.state.repo(repo_id)
    assert repo.private and repo.tags == {} and len(repo.commits) == 1  # only the Hub's initial commit
    retried = outputs.publish(releases["env"], releases["v1"], "--repo-id", repo_id)
    assert retried.returncode == 0, retried.stderr
    assert repo.tags == {"v1.0.0": repo.branches["main"]}
    assert "manifest.json" in hub.state.files_at(repo_id, "v1.0.0")


def test_a_missing_tag_after_a_failed_tag_call_is_added_by_the_retry(releases, hub, outputs):
    repo_id = "ns/tag-flaky"
    hub.state.fail_next("tag", 503)
    failed = outputs.publish(releases["env"], releases["v1"], "--repo-id", repo_id)
    assert failed.returncode == 1 and "HTTP 503" in failed.stderr
    repo = hub.state.repo(repo_id)
    committed = repo.branches["main"]
    assert repo.tags == {}
    retried = outputs.publish(releases["env"], releases["v1"], "--repo-id", repo_id)
    assert retried.returncode == 0, retried.stderr
    assert repo.tags == {"v1.0.0": committed} and repo.branches["main"] == committed  # no second commit


def test_a_wrong_token_gives_one_clear_line(releases, hub, outputs):
    env = client_env(hub.url, releases["work"] / "hf-home-wrong", token="hf_wrong")
    refused = outputs.publish(env, releases["v1"], "--repo-id", "ns/unauthorized")
    assert refused.returncode == 1
    assert len(error_lines(refused)) == 1 and "HTTP 401" in refused.stderr and "HF_TOKEN" in refused.stderr
    assert ("dataset", "ns/unauthorized") not in hub.state.repos


def test_an_unreachable_hub_gives_one_clear_line(releases, outputs):
    env = client_env(f"http://127.0.0.1:{closed_port()}", releases["work"] / "hf-home-down")
    down = outputs.publish(env, releases["v1"], "--repo-id", REPO_ID)
    assert down.returncode == 1
    assert len(error_lines(down)) == 1 and "cannot reach the Hub" in down.stderr


def test_the_token_appears_nowhere(releases, hub, outputs):
    """Runs last among the Hub tests (file order): every output of the module is collected by then."""
    assert all(TOKEN not in text for text in outputs.texts)
    assert TOKEN.encode() not in hub.state.all_bytes()
    assert all(TOKEN not in line for line in hub.state.requests)
    for build in (releases["v1"], releases["v2"]):
        assert all(TOKEN.encode() not in path.read_bytes() for path in build.rglob("*") if path.is_file())


# ---------------------------------------------------------------------------------------------
# Publishing to a local folder
# ---------------------------------------------------------------------------------------------

def test_publish_to_a_folder_gives_a_loadable_release(releases, tmp_path):
    import datasets

    target = tmp_path / "releases"
    published = run_cli("publish", releases["v1"], "--to", target)
    assert published.exit_code == 0, published.output
    release = target / "v1.0.0"
    assert sorted(p.name for p in release.iterdir()) == sorted(p.name for p in releases["v1"].iterdir())
    # A private cache: `datasets` keys local-folder caches by folder name and file names, not content.
    loaded = datasets.load_dataset(str(release), CONFIG, cache_dir=str(tmp_path / "datasets-cache"))
    assert {split: sorted(ds["id"]) for split, ds in loaded.items()} == local_rows(releases["v1"], CONFIG)
    again = run_cli("publish", releases["v1"], "--to", target)
    assert again.exit_code == 0 and "already published" in again.stdout


def test_publish_to_a_folder_refuses_other_content_under_the_same_version(releases, tmp_path):
    target = tmp_path / "releases"
    publish_to_folder(releases["v1"], target)
    other = tmp_path / "other"
    shutil.copytree(releases["v1"], other)
    manifest = json.loads((other / "manifest.json").read_text())
    manifest["fingerprint"] = "0" * 64
    (other / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(VersionConflict, match="bump the version"):
        publish_to_folder(other, target)
    refused = run_cli("publish", other, "--to", target)
    assert refused.exit_code == 1


def test_a_modified_build_folder_is_not_published(releases, tmp_path):
    tampered = tmp_path / "tampered"
    shutil.copytree(releases["v1"], tampered)
    (tampered / CONFIG / "train-00000-of-00001.parquet").write_bytes(b"not parquet")
    with pytest.raises(InvalidBuild, match="modified"):
        publish_to_folder(tampered, tmp_path / "releases")
    refused = run_cli("publish", tampered, "--to", tmp_path / "releases")
    assert refused.exit_code == 2 and not (tmp_path / "releases" / "v1.0.0").exists()
