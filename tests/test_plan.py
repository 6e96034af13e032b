"""The corpus plan's QA pair decisions: vectorised over the whole corpus, they must say exactly
what checking the pairs one by one, in spool order, says."""

import numpy as np
from hypothesis import given, settings, strategies as st

from builder.pipeline import leak_report, qa_decisions
from builder.write import QA_DUPLICATE_QUESTION, QA_KEPT


def decisions_one_by_one(contexts, questions, splits):
    """The reference: a context belongs to the split that used it first; a question about a context
    is asked once, by the first pair that does not leak."""
    context_split, questions_seen, out = {}, set(), []
    for context, question, split in zip(contexts, questions, splits):
        first = context_split.setdefault(context, split)
        if first != split:
            out.append(first)
        elif question in questions_seen:
            out.append(QA_DUPLICATE_QUESTION)
        else:
            questions_seen.add(question)
            out.append(QA_KEPT)
    return out


pairs = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 2)), max_size=60)


@given(pairs)
def test_qa_decisions_match_checking_pairs_in_order(rows):
    contexts = [c for c, _, _ in rows]
    # A question key is asked of one context: make it depend on the context, as qa_keys does.
    questions = [c * 10 + q for c, q, _ in rows]
    splits = [s for _, _, s in rows]
    got = qa_decisions(np.asarray(contexts, dtype=np.uint64), np.asarray(questions, dtype=np.uint64),
                       np.asarray(splits, dtype=np.int8))
    assert got.tolist() == decisions_one_by_one(contexts, questions, splits)


def test_qa_decisions_name_the_split_a_leaking_context_is_in():
    contexts = np.asarray([2**63 + 5, 7, 2**63 + 5, 7, 7], dtype=np.uint64)  # 64-bit keys keep their bits
    questions = np.asarray([1, 2, 3, 2, 4], dtype=np.uint64)
    splits = np.asarray([0, 2, 1, 2, 2], dtype=np.int8)
    assert qa_decisions(contexts, questions, splits).tolist() == [QA_KEPT, QA_KEPT, 0, QA_DUPLICATE_QUESTION, QA_KEPT]
    assert qa_decisions(contexts[:0], questions[:0], splits[:0]).tolist() == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=2)), max_size=30))
def test_leak_report_counts_clusters_spanning_splits(members):
    # Cluster labels are positions of a cluster's first member, as near_duplicate_clusters gives them.
    clusters = [min(i for i, (c, _) in enumerate(members) if c == cluster) for cluster, _ in members]
    splits = [split for _, split in members]
    by_cluster: dict[int, list[int]] = {}
    for cluster, split in zip(clusters, splits):
        by_cluster.setdefault(cluster, []).append(split)
    leaking = [s for s in by_cluster.values() if len(set(s)) > 1]
    assert leak_report(np.asarray(clusters, dtype=np.int64), np.asarray(splits, dtype=np.int8)) == {
        "clusters": sum(1 for s in by_cluster.values() if len(s) > 1),
        "clustered_articles": sum(len(s) for s in by_cluster.values() if len(s) > 1),
        "leaking_clusters": len(leaking), "leaking_articles": sum(len(s) for s in leaking)}
