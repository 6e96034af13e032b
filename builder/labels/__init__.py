"""Label tasks: declarative labeling rules, vote aggregation and rule analysis.

A recipe's ``tasks.labels`` is a list of label tasks. Each task names its classes (list order =
class ids) and a list of rules; every rule either votes for one class or abstains on an item
(Snorkel's labeling functions, written as data instead of code). Votes are combined per item by a
weighted majority vote or by a label model that learns each rule's reliability without gold labels
(Dawid-Skene EM). ``analyze`` reports coverage, overlaps, conflicts and (with a gold column)
accuracy per rule, so weak rules can be found and fixed.

Contract with the pipeline (all pure and deterministic):

- ``check_labels_config(cfg)``          semantic recipe errors, each naming its key path
- ``passthrough_errors(item, task)``    quarantine reasons for one item (checked before voting)
- ``rule_votes(item, task)``            [(rule name, class id, weight)] of the rules that fired
- ``fit_label_model(vote_rows, task)``  corpus-level model (JSON-serialisable dict)
- ``decide(votes, task, model)``        (class id or -1, confidence)
- ``label_names(task)``                 the label file content
- ``analyze_recipe_items(items, cfg, gold_field)``  the text table ``builder labels analyze`` prints

An *item* is ``{"title", "text", "url", "section", "uri", "fields"}``; for sentence-level tasks
``text`` is the sentence.

Modules: ``config`` (defaults and recipe checks), ``rules`` (matchers and votes), ``aggregate``
(majority vote, label model, label files), ``analysis`` (the rule report).
"""
from builder.labels.aggregate import class_counts, decide, fit_label_model, label_names
from builder.labels.analysis import Analysis, analyze, analyze_recipe, analyze_recipe_items, format_analysis
from builder.labels.config import (FIELDS, LEVELS, METADATA_FROM, METHODS, PRIORS, RULE_KINDS, TIES, UNLABELLED,
                                   UNLABELLED_ID, Vote, check_labels_config)
from builder.labels.rules import label_item, passthrough_errors, rule_votes

__all__ = ["Analysis", "FIELDS", "LEVELS", "METADATA_FROM", "METHODS", "PRIORS", "RULE_KINDS", "TIES",
           "UNLABELLED", "UNLABELLED_ID", "Vote", "analyze", "analyze_recipe", "analyze_recipe_items", "check_labels_config",
           "class_counts", "decide", "fit_label_model", "format_analysis", "label_item", "label_names",
           "passthrough_errors", "rule_votes"]
