"""Near-duplicates stay in one split, leaks are reported, splits are stable, limits stop a build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from hypothesis import given, settings, strategies as st

from builder.dedup import (band_count, context_question_keys, minhash, near_duplicate_clusters, permutations,
                           shingle_hashes, single_spaced, text_key)
from tests.conftest import RECIPES, minimal_spec, run_cli, write_recipe

SAMPLES = sorted((RECIPES / "samples").glob("*.txt"))


def syndicated_copy(page: str, n: int) -> str:
    """The same story on another site: other chrome around it and a few words edited."""
    lines = page.splitlines()
    body = [line for line in lines if len(line.split()) > 12]
    edited = [re.sub(r"\bthe\b", "a", line, count=1) if i % 2 == 0 else line for i, line in enumerate(body)]
    return "\n\n".join([f"Wire » World » Story {n}", f"by Staff Reporter {n}", *edited,
                        "Related stories", "Follow us on social media"]) + "\n"


def planted_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in SAMPLES:
        shutil.copy(path, folder / path.name)
        (folder / f"copy-{path.name}").write_text(syndicated_copy(path.read_text(encoding="utf-8"), 1), encoding="utf-8")
    return folder


def article_splits(folder: Path) -> dict[str, str]:
    return {row["id"]: path.name.split("-")[0]
            for path in (folder / "articles").glob("*.parquet") for row in pq.read_table(path).to_pylist()}


def build(tmp_path: Path, spec: dict, *extra: str):
    recipe = write_recipe(tmp_path, spec, name=f"{spec['name']}-{spec['version']}.yaml")
    return run_cli("build", recipe, "--out", tmp_path / "out", "--quiet", *extra)


def corpus_spec(**splits) -> dict:
    return minimal_spec(name="planted", sources=[{"path": "corpus/*.txt", "format": "text"}],
                        splits={"train": 0.6, "validation": 0.2, "test": 0.2, "seed": 0, **splits})


def test_planted_near_duplicates_stay_in_one_split(tmp_path):
    planted_corpus(tmp_path / "corpus")
    result = build(tmp_path, corpus_spec())
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["leakage"]["clusters"] == len(SAMPLES)
    assert manifest["leakage"]["leaking_clusters"] == 0
    assert "clusters spanning two splits (leaks): 0" in (folder / "README.md").read_text()
    split_of_uri = {row["source"]["uri"]: path.name.split("-")[0]
                    for path in (folder / "articles").glob("*.parquet") for row in pq.read_table(path).to_pylist()}
    assert len(split_of_uri) == 2 * len(SAMPLES)
    for path in SAMPLES:
        assert split_of_uri[f"corpus/{path.name}"] == split_of_uri[f"corpus/copy-{path.name}"], path.name


def test_grouping_by_article_reports_the_leaks_it_would_have(tmp_path):
    planted_corpus(tmp_path / "corpus")
    failed = build(tmp_path, corpus_spec(group_by="article"))
    assert failed.exit_code == 1
    assert "near-duplicate clusters" in failed.stderr and "would span two splits" in failed.stderr
    assert not (tmp_path / "out" / "planted" / "1.0.0").exists()
    reported = build(tmp_path, {**corpus_spec(group_by="article"), "leakage": "report"})
    assert reported.exit_code == 0, reported.output
    leakage = json.loads((Path(reported.stdout.strip()) / "manifest.json").read_text())["leakage"]
    assert leakage["leaking_clusters"] > 0


def test_keep_one_quarantines_the_other_copies(tmp_path):
    planted_corpus(tmp_path / "corpus")
    result = build(tmp_path, {**corpus_spec(), "dedup": {"keep": "one"}})
    assert result.exit_code == 0, result.output
    manifest = json.loads((Path(result.stdout.strip()) / "manifest.json").read_text())
    assert manifest["quarantine"]["article"] == {"near_duplicate": len(SAMPLES)}
    assert sum(manifest["counts"]["articles"].values()) == len(SAMPLES)


def invented_story(i: int) -> str:
    return (f"Home » Local » Story {i}\n\nCouncil {i} approves a new budget\n\nby Reporter {i}\n\n"
            f"The council of district {i} approved a budget of ${i * 3 + 5} million on Tuesday after a debate "
            f"that lasted {i % 5 + 2} hours. Officials said the money would repair {i * 11} roads.\n\n"
            f"Mayor Ann Lee-{i} said the plan was fair. Critics said district {i} needed {i + 40} more buses "
            f"and that the vote on day {i} had been rushed.\n")


def test_adding_articles_moves_no_existing_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:03d}.txt").write_text(invented_story(i))
    first = build(tmp_path, corpus_spec())
    assert first.exit_code == 0, first.output
    before = article_splits(Path(first.stdout.strip()))
    assert len(before) == 40 and len(set(before.values())) == 3
    for i in range(40, 44):
        (corpus / f"{i:03d}.txt").write_text(invented_story(i))
    second = build(tmp_path, {**corpus_spec(), "version": "1.1.0"})
    assert second.exit_code == 0, second.output
    after = article_splits(Path(second.stdout.strip()))
    assert len(after) == 44
    assert {k: after[k] for k in before} == before


def test_quarantine_limit_fails_the_build_and_writes_no_version(tmp_path, inputs_copy):
    spec = minimal_spec(limits={"max_quarantined_share": {"article": 0.0}})
    result = build(tmp_path, spec)
    assert result.exit_code == 1
    assert "limits.max_quarantined_share.article" in result.stderr
    assert not (tmp_path / "out" / "tiny" / "1.0.0").exists()
    assert [p.name for p in (tmp_path / "out" / "tiny").iterdir()] == [".cache"]


def test_exact_duplicates_are_kept_once_and_counted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES[0], corpus / "a.txt")
    shutil.copy(SAMPLES[0], corpus / "b.txt")
    result = build(tmp_path, corpus_spec())
    assert result.exit_code == 0, result.output
    manifest = json.loads((Path(result.stdout.strip()) / "manifest.json").read_text())
    assert manifest["quarantine"]["article"] == {"exact_duplicate": 1}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), min_size=5, max_size=40))
def test_minhash_of_equal_texts_is_equal_and_clusters_them(words):
    text = " ".join(words)
    assert minhash(text) == minhash(text)
    signatures = np.array([minhash(t) for t in (text, "zzz unrelated words here now", text)], dtype=np.uint32)
    clusters = near_duplicate_clusters(signatures, 0.8)
    assert clusters[0] == clusters[2] == 0


def clusters_by_buckets(signatures: np.ndarray, threshold: float) -> list[int]:
    """The LSH rule spelled out: per band, a bucket per distinct band value; each later member of
    a bucket joins its first when their signatures agree in at least `threshold` of positions;
    a cluster is named by its smallest index."""
    count, num_perm = signatures.shape
    label = list(range(count))
    rows = num_perm // band_count(num_perm, threshold)
    for start in range(0, num_perm, rows):
        buckets: dict[bytes, list[int]] = {}
        for index in range(count):
            buckets.setdefault(signatures[index, start:start + rows].tobytes(), []).append(index)
        for first, *later in buckets.values():
            for other in later:
                if np.mean(signatures[first] == signatures[other]) >= threshold:
                    old, new = max(label[first], label[other]), min(label[first], label[other])
                    label = [new if x == old else x for x in label]
    return label


trimmed_texts = st.text(alphabet=st.sampled_from("aAbßΣς \n\t.é"), max_size=20).map(str.strip)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ctx one.", "ctx  ONE.", "Über zwei"]) | trimmed_texts, trimmed_texts),
                max_size=8))
def test_context_question_keys_hash_the_pair_as_one_text(pairs):
    # Each context is hashed once per article, then each question after it; the keys must be
    # the text keys of the context and of the pair joined, as the corpus-wide dedup compares.
    assert context_question_keys(pairs) == [(text_key(context), text_key(f"{context}\x00{question}"))
                                            for context, question in pairs]


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=1, max_value=30), st.sampled_from([4, 8, 16]), st.sampled_from([0.5, 0.7, 0.8]),
       st.integers(min_value=1, max_value=3), st.randoms(use_true_random=False))
def test_near_duplicate_clusters_follow_the_bucket_rule(count, num_perm, threshold, values, rng):
    # Few distinct values, so that bands collide and candidates are both accepted and refused.
    signatures = np.array([[rng.randint(0, values) for _ in range(num_perm)] for _ in range(count)], dtype=np.uint32)
    assert near_duplicate_clusters(signatures, threshold) == clusters_by_buckets(signatures, threshold)


WORDISH = st.text(alphabet=st.sampled_from("ab Z_9 \n\t\r\x0b\x0c\x1c\u00a0\u2003\u3000éßµΣ.,-"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDISH, max_size=6))
def test_single_spaced_is_split_and_joined(paragraphs):
    for text in (" ".join(paragraphs), "\n\n".join(paragraphs), "\n\n\n".join(paragraphs)):
        assert single_spaced(text) == " ".join(text.split())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=12), min_size=0, max_size=40),
       st.integers(min_value=1, max_value=6))
def test_minhash_is_the_least_of_each_hash_function(words, shingle_words):
    text = " ".join(words)
    hashes = [int(h) for h in shingle_hashes(text, shingle_words)]
    a, b = permutations(16)
    assert minhash(text, 16, shingle_words) == [min((int(ai) * h + int(bi)) % 4294967291 for h in hashes)
                                                 for ai, bi in zip(a, b)]


def test_minhash_of_a_text_longer_than_a_block_is_that_of_its_shingles():
    words = [f"w{i % 3000}" for i in range(5000)]
    text = " ".join(words)
    hashes = np.array([int(h) for h in shingle_hashes(text, 5)], dtype=object)
    a, b = permutations(8)
    assert minhash(text, 8, 5) == [int(((int(ai) * hashes + int(bi)) % 4294967291).min()) for ai, bi in zip(a, b)]
