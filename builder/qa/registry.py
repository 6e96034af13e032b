"""The generator plug-in registry and the candidate pairs generators produce.

A generator is a function `(doc, options) -> iterable of Candidate`. Register one with
`@register_generator("name")`; a recipe selects generators by name under `tasks.qa.generators`.
"""

from __future__ import annotations

from typing import Callable, Iterable, NamedTuple

# The one piece of module-level mutable state: name -> generator function.
GENERATORS: dict[str, Callable] = {}


class Candidate(NamedTuple):
    question: str
    answer_start: int     # offset in the article text
    answer_end: int
    answer_type: str
    kind: str             # generator name
    sentence: int         # index of the sentence holding the answer
    confidence: float     # how sure the generator is of the answer type and the parse
    flags: tuple = ()     # hints for ranking: "pronoun_subject", "subject_question", ...


def register_generator(name: str) -> Callable:
    """Decorator: register `fn(doc, options) -> Iterable[Candidate]` under `name`."""
    def wrap(fn: Callable[..., Iterable[Candidate]]) -> Callable:
        GENERATORS[name] = fn
        return fn
    return wrap


def get_generator(name: str) -> Callable:
    if name not in GENERATORS:
        raise KeyError(f"unknown QA generator {name!r}; registered: {sorted(GENERATORS)}")
    return GENERATORS[name]
