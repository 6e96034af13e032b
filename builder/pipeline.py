"""The build: recipe -> per-article records -> corpus decisions -> build folder, in one direction.

1. `process.process_document` is the per-article part: a pure function of one raw document and the
   recipe (read -> clean -> segment -> tasks -> validate). `execute.run_shards` runs it over shards
   of documents and `spool` writes each shard's results to disk; they are never all held in memory.
2. `plan_corpus` reads compact per-article keys back (text hashes, MinHash signatures, label votes,
   QA context and question hashes) and decides what needs the whole corpus: duplicates,
   near-duplicate clusters, label models, the split of every group and the QA pairs whose context
   is already in another split or whose question is already asked.
3. `write_build` streams the spool shard by shard and routes every record to its config and split
   or to the quarantine, as planned.
The version folder appears only when everything is written (a rename), so a crash leaves none."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

import numpy as np

from builder import labels
from builder.dedup import merge_clusters, near_duplicate_clusters
from builder.execute import SHARD_SIZE, long_lived_frozen, run_shards, running_engine
from builder.manifest import explain_change, file_checksums, fingerprint, spill, spilled, spilled_line, tool_versions
from builder.memory import hand_back_free_heap, use_system_allocator
from builder.read import estimated_documents, file_format, input_files, iter_documents, source_files
from builder.recipe import (SPLIT_NAMES, dedup_options, label_config, label_tasks, load_recipe, max_document_bytes,
                            split_ratios, split_seed)
from builder.split import assign_groups
from builder.spool import RECORD_CONFIGS, read_corpus_keys
from builder.write import QA_DUPLICATE_QUESTION, QA_KEPT, write_json, write_part, write_parts


class BuildFailed(Exception):
    """The build stopped and wrote no version (exit 1): the version exists with other content,
    a quarantine limit was passed, or a near-duplicate cluster leaks across splits."""


# ---------------------------------------------------------------------------------------------
# 1. Per article: builder.process.process_document, run over shards by builder.execute and
#    spooled by builder.spool
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# 2. Whole corpus, over compact keys
# ---------------------------------------------------------------------------------------------

def leak_report(clusters: np.ndarray, splits: np.ndarray) -> dict:
    """Near-duplicate clusters whose members landed in more than one split; `clusters` holds each
    kept article's cluster label (its first member's position), `splits` its split code. Counted
    over arrays: a set of splits per cluster cost ~300 bytes an article."""
    sizes = np.bincount(clusters, minlength=len(clusters))
    lowest = np.full(len(sizes), np.iinfo(np.int8).max, dtype=np.int8)
    highest = np.full(len(sizes), np.iinfo(np.int8).min, dtype=np.int8)
    np.minimum.at(lowest, clusters, splits)
    np.maximum.at(highest, clusters, splits)
    clustered, leaking = sizes > 1, (sizes > 0) & (lowest != highest)
    return {"clusters": int(clustered.sum()), "clustered_articles": int(sizes[clustered].sum()),
            "leaking_clusters": int(leaking.sum()), "leaking_articles": int(sizes[leaking].sum())}


def plan_corpus(spec: dict, spool: list[Path]) -> dict:
    """Decisions that need the whole corpus, made over compact per-article keys: exact duplicates
    (the first copy wins), near-duplicate clusters, a fitted model per label task, the split of
    every kept article and what becomes of each of its QA pairs.

    Returns `drop` (spool index -> (reason, detail)), `label_models`, `split` (an array over the
    spool: the index in SPLIT_NAMES, -1 for no article), `qa` (see qa_decisions) and `leakage`."""
    options = dedup_options(spec)
    stratify_task = spec.get("splits", {}).get("stratify_by")
    first_by_text: dict[int, int] = {}
    exact_pairs: list[tuple[int, int]] = []
    ids: set[str] = set()
    drop: dict[int, tuple[str, str]] = {}
    # Per kept article, in columns: spool index, id, published date, site (repeated strings and
    # vote rows held once, in `shared`); signatures and QA keys in flat arrays. A tuple per article
    # would cost ~100 bytes more each.
    positions = array("l")
    article_ids: list[str] = []
    published_dates: list[str | None] = []
    sites: list[str] = []
    shared: dict = {}
    signatures = array("I")
    qa_member, qa_contexts, qa_questions = array("l"), array("Q"), array("Q")
    # The label models need how often each distinct vote row occurs, not the rows one by one.
    vote_patterns: dict[str, Counter] = defaultdict(Counter)
    stratify_votes: list[tuple] = []
    documents = 0
    for index, keys in enumerate(read_corpus_keys(spool)):
        documents += 1
        if keys is None:
            continue
        key, article_id = keys["text_key"], keys["id"]
        if key in first_by_text:
            # Same text under the same (content-derived) id is the same article: it can only be kept once.
            if options["exact"] == "one" or article_id in ids:
                drop[index] = ("exact_duplicate", f"same text as article {article_ids[first_by_text[key]]}")
                continue
            exact_pairs.append((first_by_text[key], len(article_ids)))
        elif article_id in ids:
            drop[index] = ("duplicate_id", f"another article already has id {article_id!r}")
            continue
        else:
            first_by_text[key] = len(article_ids)
        ids.add(article_id)
        for context, question in keys["qa_keys"]:
            qa_member.append(len(article_ids))
            qa_contexts.append(context)
            qa_questions.append(question)
        positions.append(index)
        article_ids.append(article_id)
        published_dates.append(shared.setdefault(keys["published"], keys["published"]))
        sites.append(shared.setdefault(keys["site"], keys["site"]))
        if options["near_duplicates"]:
            signatures.extend(keys["minhash"])
        for task_name, task_votes in keys["votes"].items():
            for votes in task_votes.values():
                vote_patterns[task_name][compact_votes(votes, shared)] += 1
        if stratify_task:
            stratify_votes.append(compact_votes(keys["votes"].get(stratify_task, {}).get(article_id, []), shared))
    del first_by_text, ids
    models = {task["name"]: labels.fit_label_model(
                  [row for row, n in vote_patterns[task["name"]].items() for _ in range(n)], task)
              for task in label_tasks(spec)}
    del vote_patterns
    if options["near_duplicates"] and article_ids:
        # (a view of the signatures, gone with the call: the signatures' memory is freed below)
        clusters = near_duplicate_clusters(np.frombuffer(signatures, dtype=np.uint32).reshape(
            len(article_ids), options["num_perm"]), options["threshold"])
    else:
        clusters = list(range(len(article_ids)))
    del signatures
    # Exact copies kept under their own ids share a split like any near-duplicates.
    clusters = merge_clusters(clusters, exact_pairs)
    if options["keep"] == "one":
        for position, cluster in enumerate(clusters):
            if cluster != position:
                drop[positions[position]] = ("near_duplicate", f"near-duplicate of article {article_ids[cluster]}")
    splits_spec = spec.get("splits", {})
    group_by = splits_spec.get("group_by", "cluster")
    # A cluster is named by its smallest article id, so the key does not depend on file order.
    cluster_name: dict[int, str] = {}
    for position, cluster in enumerate(clusters):
        if cluster not in cluster_name or article_ids[position] < cluster_name[cluster]:
            cluster_name[cluster] = article_ids[position]

    def group_key(position: int) -> str:
        if group_by == "article":
            return article_ids[position]
        if group_by == "site":
            return "site:" + sites[position]
        return cluster_name[clusters[position]]

    # Per group: (earliest published date, stratum) — the first member decides the stratum.
    groups: dict[str, tuple[str | None, int | None]] = {}
    for position, published in enumerate(published_dates):
        key = group_key(position)
        if key not in groups:
            stratum = None
            if stratify_task:
                task = next(t for t in label_tasks(spec) if t["name"] == stratify_task)
                stratum = labels.decide(stratify_votes[position], task, models[stratify_task])[0]
            groups[key] = (published, stratum)
        elif published and (not groups[key][0] or published < groups[key][0]):
            groups[key] = (published, groups[key][1])
    split_of_group = assign_groups(groups, split_ratios(spec), split_seed(spec),
                                   date_cutoff=splits_spec.get("date_cutoff") if group_by == "date" else None,
                                   stratified=bool(stratify_task))
    split_codes = np.fromiter((SPLIT_NAMES.index(split_of_group[group_key(position)])
                               for position in range(len(article_ids))), dtype=np.int8, count=len(article_ids))
    del groups, split_of_group
    spool_index = np.frombuffer(positions, dtype=np.int64) if positions else np.zeros(0, dtype=np.int64)
    split = np.full(documents, -1, dtype=np.int8)
    split[spool_index] = split_codes
    dropped = np.isin(spool_index, np.fromiter(drop, dtype=np.int64, count=len(drop)))
    members = np.frombuffer(qa_member, dtype=np.int64) if qa_member else np.zeros(0, dtype=np.int64)
    written = ~dropped[members]
    qa = qa_decisions(np.frombuffer(qa_contexts, dtype=np.uint64)[written],
                      np.frombuffer(qa_questions, dtype=np.uint64)[written], split_codes[members[written]])
    leakage = leak_report(np.asarray(clusters, dtype=np.int64), split_codes)
    return {"drop": drop, "label_models": models, "split": split, "qa": qa,
            "leakage": {**leakage, "exact_duplicates_kept": len(exact_pairs),
                        "exact_duplicates_dropped": sum(1 for reason, _ in drop.values() if reason == "exact_duplicate")}}


def qa_decisions(contexts: np.ndarray, questions: np.ndarray, splits: np.ndarray) -> np.ndarray:
    """What becomes of each QA pair that is written, in spool order (keys and split codes given per
    pair): QA_KEPT; the split code of a context's first pair, when this pair's context is already
    in another split (its answer would leak); or QA_DUPLICATE_QUESTION, when an earlier pair not
    leaking asked the same question about the same context (copies of a paragraph in other articles)."""
    decisions = np.full(len(contexts), QA_KEPT, dtype=np.int8)
    if not len(contexts):
        return decisions
    _, first, inverse = np.unique(contexts, return_index=True, return_inverse=True)
    first_split = splits[first][inverse]
    leaking = first_split != splits
    decisions[leaking] = first_split[leaking]
    candidates = np.flatnonzero(~leaking)
    _, first_asked = np.unique(questions[candidates], return_index=True)
    repeated = np.ones(len(candidates), dtype=bool)
    repeated[first_asked] = False
    decisions[candidates[repeated]] = QA_DUPLICATE_QUESTION
    return decisions


def compact_votes(votes: list, shared: dict) -> tuple:
    """A vote row as a tuple of (rule, class id, weight) tuples, one copy per distinct row (spooled
    JSON makes new lists and strings each time)."""
    row = tuple((sys.intern(name), class_id, weight) for name, class_id, weight in votes)
    return shared.setdefault(row, row)


# ---------------------------------------------------------------------------------------------
# 3. Write
# ---------------------------------------------------------------------------------------------

def config_features(spec: dict) -> dict:
    """config name -> (record kind, Features): what the build folder will hold."""
    from builder.features import features_for  # (imports datasets: see build)

    tasks = spec.get("tasks", {})
    configs = {"articles": ("article", features_for("article"))}
    if "sentences" in tasks:
        configs["sentences"] = ("sentence", features_for("sentence"))
    if "qa" in tasks:
        configs["qa"] = ("qa", features_for("qa"))
        configs["cloze"] = ("cloze", features_for("cloze"))
    for task in label_tasks(spec):
        configs[label_config(task, label_tasks(spec))] = ("label", features_for("label", task["classes"]))
    return configs


def write_build(spec: dict, spool: list[Path], plan: dict, folder: Path, runner) -> dict:
    """Write parquet, quarantine and label files into `folder`, its parts at once on the engine's
    workers (see write.write_parts); returns counts per config and split, and quarantine reasons."""
    configs = config_features(spec)
    schemas = {name: (kind, features.arrow_schema) for name, (kind, features) in configs.items()}
    parts = runner.run_all(write_part, [(spec, spool, plan, folder, schemas, part) for part in write_parts(schemas)])
    counts = {name: part_counts for part in parts for name, part_counts in part["counts"].items()}
    reasons: dict[str, Counter] = defaultdict(Counter)
    for part in parts:
        for kind, kind_reasons in part["quarantine"].items():
            reasons[kind].update(kind_reasons)
    return {"configs": {name: {"features": features, "counts": counts[name]} for name, (_, features) in configs.items()},
            "quarantine": {kind: dict(sorted(c.items())) for kind, c in sorted(reasons.items())}}


# ---------------------------------------------------------------------------------------------
# The whole build
# ---------------------------------------------------------------------------------------------

def limit_breaches(spec: dict, counts: dict, quarantine: dict) -> list[str]:
    """Every `limits.max_quarantined_share` the build went over, as a sentence naming the limit."""
    kinds = defaultdict(list)
    for config, (kind, _) in config_features(spec).items():
        kinds[kind].append(config)
    breaches = []
    for kind, limit in spec.get("limits", {}).get("max_quarantined_share", {}).items():
        bad = sum(quarantine.get(kind, {}).values())
        total = bad + sum(sum(counts[config].values()) for config in kinds[kind])
        if total and bad / total > limit:
            breaches.append(f"limits.max_quarantined_share.{kind}: {bad} of {total} {kind} records quarantined "
                            f"({bad / total:.1%}), over the limit of {limit:.1%}")
    return breaches


def version_folder(spec: dict, out: Path) -> Path:
    return Path(out) / spec["name"] / spec["version"]


def existing_fingerprint(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError):
        return None


def build(recipe_path: str | Path, out: str | Path = "build", force: bool = False, workers: int = 1,
          engine: str = "local", address: str | None = None, shard_size: int = SHARD_SIZE,
          sources: list[str] | None = None, on_shard: Callable[[dict], None] = lambda counts: None) -> dict:
    """Build the recipe into `out/<name>/<version>/`. Raises RecipeError (bad recipe, nothing done)
    or BuildFailed. Returns a summary: status, folder, counts, quarantine, documents, shards reused.

    Finished shards wait in `out/<name>/.cache/<version>/` until the build is complete, so an
    interrupted build run again reuses them; the cache is removed after a successful build.
    This process allocates differently from then on (builder.memory): Arrow from the system
    allocator, and large blocks mapped on their own once it writes the build folder."""
    recipe_path = Path(recipe_path)
    spec = load_recipe(recipe_path, sources)
    use_system_allocator()
    base_dir = recipe_path.parent
    files = source_files(spec["sources"], base_dir)
    if engine == "local" and estimated_documents(files) <= shard_size:
        workers = 1  # one shard: starting worker processes would cost more than the work
    # The number of documents is known up front unless a jsonl file holds many of them.
    expected = None if any(file_format(path) == "jsonl" for path in files) else len(files)
    # `datasets` and the card's huggingface_hub (a second of imports) are imported from here on,
    # while the worker processes start and import the per-article code.
    with running_engine(engine, workers, address) as runner, tempfile.TemporaryFile() as inputs, \
            long_lived_frozen() as freeze:
        schemas = {config: features.arrow_schema for config, (_, features) in config_features(spec).items()
                   if config in RECORD_CONFIGS}
        freeze()  # (datasets is imported now)
        # Asked of a worker, which has loaded the sentence splitter whose parameters are among the
        # versions: this process does not need it (half a second to load).
        versions = runner.run_all(tool_versions, [()])[0]
        # The list of inputs waits on disk. Over an existing version, every input is hashed before
        # any work, to find whether this is the same build; a new version's inputs are hashed as
        # they are read for the work, so each file is read once.
        target = version_folder(spec, out)
        previous, hashed_as_read = None, None
        if target.exists():
            spill(input_files(files, base_dir), inputs)
            build_fingerprint = fingerprint(spec, spilled(inputs), versions)
            previous = existing_fingerprint(target)
            if previous == build_fingerprint and not force:
                manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
                return {"status": "up_to_date", "folder": target, "counts": manifest["counts"],
                        "quarantine": manifest["quarantine"], "documents": manifest["documents"], "shards_reused": 0}
            if not force:
                old_manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8")) if previous else {}
                raise BuildFailed(f"{target} already holds version {spec['version']} with other content "
                                  f"({explain_change(old_manifest, spec, list(spilled(inputs)), versions)}): bump the "
                                  f"version in {recipe_path}, or pass --force for an unreleased dev build")
        else:
            def hashed_as_read(entry: dict) -> None:
                inputs.write(spilled_line(entry))
        del files
        cache = target.parent / ".cache" / spec["version"]
        tally = {"documents": 0, "shards_reused": 0}

        def count(shard: dict) -> None:
            tally["documents"] += shard["documents"]
            tally["shards_reused"] += shard["reused"]
            on_shard({**shard, "expected": expected})

        # Shards depend on the recipe and tools, not on the other inputs: unchanged documents are reused.
        # Two shards per worker in flight: one running, one waiting, and no more held in memory.
        spool = run_shards(iter_documents(spec["sources"], base_dir, max_document_bytes(spec), hashed_as_read), spec,
                           schemas, fingerprint(spec, [], versions), cache, runner, 2 * workers, shard_size, count)
        if hashed_as_read:
            build_fingerprint = fingerprint(spec, spilled(inputs), versions)
        plan = plan_corpus(spec, spool)
        hand_back_free_heap()
        leakage = plan["leakage"]
        if leakage["leaking_clusters"] and spec.get("leakage", "fail") == "fail":
            raise BuildFailed(f"{leakage['leaking_clusters']} near-duplicate clusters ({leakage['leaking_articles']} "
                              f"articles) would span two splits with splits.group_by="
                              f"{spec.get('splits', {}).get('group_by')}: group by cluster, or set leakage: report")
        # Written beside the target and renamed into place when whole: a crash leaves no version.
        with tempfile.TemporaryDirectory(prefix=f".{spec['version']}.partial-", dir=target.parent,
                                         ignore_cleanup_errors=True) as work:
            folder = Path(work) / "build"
            written = write_build(spec, spool, plan, folder, runner)
            runner.release()
            counts = {name: config["counts"] for name, config in written["configs"].items()}
            leakage["qa_contexts_in_other_split"] = written["quarantine"].get("qa", {}).get("context_in_other_split", 0)
            breaches = limit_breaches(spec, counts, written["quarantine"])
            if breaches:
                raise BuildFailed("quarantine over the recipe's limits, no version written:\n  " + "\n  ".join(breaches))
            from builder.card import previous_build, render_card  # (see above)

            (folder / "README.md").write_text(render_card(spec, written["configs"], written["quarantine"],
                                                          build_fingerprint, leakage=leakage, folder=folder,
                                                          previous=previous_build(target.parent, spec["version"])),
                                              encoding="utf-8")
            manifest = {"name": spec["name"], "version": spec["version"], "fingerprint": build_fingerprint,
                        "forced": bool(force and previous is not None), "recipe": spec,
                        "versions": versions, "documents": tally["documents"], "counts": counts,
                        "quarantine": written["quarantine"], "leakage": leakage, "files": file_checksums(folder)}
            write_json(folder / "manifest.json", manifest, streamed=("inputs", spilled(inputs)))
            if target.exists():
                shutil.rmtree(target)
            os.replace(folder, target)
        shutil.rmtree(cache, ignore_errors=True)
    return {"status": "built", "folder": target, "counts": counts, "quarantine": written["quarantine"],
            "documents": tally["documents"], "leakage": leakage, "shards_reused": tally["shards_reused"]}

