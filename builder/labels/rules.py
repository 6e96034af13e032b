"""Labeling rules compiled to matchers, and the votes of one item."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from builder.asciitext import has_case_oddities, latin1_beyond_ascii, matches_only_ascii
from builder.labels.config import DEFAULT_FIELD, DEFAULT_MIN_MATCHES, DEFAULT_WEIGHT, RULE_KINDS, TOKEN_RE, Vote


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------

# TOKEN_RE keeps the ASCII letters and digits; every other byte is made a space. In UTF-8 each
# byte of a non-ASCII character is >= 0x80, so when no non-ASCII character is a letter or digit
# the tokens are what str.split finds in the result, at a third of the cost of the regex.
_NON_TOKEN_BYTES_TO_SPACE = bytes(code if TOKEN_RE.fullmatch(chr(code)) else 0x20 for code in range(128)) \
    + b" " * 128
# The same, with the ASCII capitals lowercased on the way.
_NON_TOKEN_BYTES_TO_SPACE_LOWERCASED = _NON_TOKEN_BYTES_TO_SPACE.lower()
_LATIN1_BUT_TOKEN_BEYOND_ASCII = latin1_beyond_ascii(TOKEN_RE.fullmatch)


def has_only_ascii_tokens(text: str) -> bool:
    """Whether every token character of the text is ASCII."""
    return matches_only_ascii(text, TOKEN_RE, _LATIN1_BUT_TOKEN_BEYOND_ASCII)


def tokenize(text: str) -> list[str]:
    """TOKEN_RE.findall(text)."""
    if has_only_ascii_tokens(text):
        return text.encode("utf-8").translate(_NON_TOKEN_BYTES_TO_SPACE).decode("ascii").split()
    return TOKEN_RE.findall(text)


def lowercase_tokens(text: str) -> list[str]:
    """tokenize(text.lower()), without lowercasing a text whose tokens are all ASCII: lowercasing
    makes no other character a token character or an ASCII one (but for the case oddities),
    nor the reverse, so the table lowercases the tokens on the way. (str.lower looks every
    character beyond ASCII up.)"""
    if not has_case_oddities(text) and has_only_ascii_tokens(text):
        return text.encode("utf-8").translate(_NON_TOKEN_BYTES_TO_SPACE_LOWERCASED).decode("ascii").split()
    return tokenize(text.lower())


def prefixed_words(sorted_words: list[str], prefixes: tuple[str, ...]) -> set[str]:
    """The words that start with one of the prefixes: in sorted order, those starting with one
    prefix stand together, from where the prefix would be inserted."""
    found = set()
    for prefix in prefixes:
        index = bisect_left(sorted_words, prefix)
        while index < len(sorted_words) and sorted_words[index].startswith(prefix):
            found.add(sorted_words[index])
            index += 1
    return found


# --------------------------------------------------------------------------------------------
# Compiled rules
# --------------------------------------------------------------------------------------------

def _lead(text: str, min_chars: int = 200) -> str:
    """The opening of a body: its first paragraph(s), at least ``min_chars`` long when possible.

    News writing puts the topic of the story in the lead, so words there say more than words in
    the rest of the body."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    lead = ""
    for p in paragraphs:
        lead = f"{lead}\n\n{p}" if lead else p
        if len(lead) >= min_chars:
            break
    return lead


class _ItemView:
    """Lazily tokenised fields of one item, shared by all rules of a task."""

    def __init__(self, item: dict, vocabularies: dict[tuple[str, bool], frozenset]):
        self.item = item
        self.vocabularies = vocabularies  # (see _Compiled.vocabularies)
        self._vocabulary_counts: dict[tuple[str, bool], Counter] = {}
        self._text: dict[str, str] = {}
        self._tokens: dict[tuple[str, bool], list[str]] = {}
        self._counts: dict[tuple[str, bool], Counter] = {}
        self._sorted: dict[tuple[str, bool], list[str]] = {}
        self._joined: dict[tuple[str, bool], str] = {}
        self.memo: dict = {}   # per-item results shared between rules (keyword counts)

    def text(self, fld: str) -> str:
        if fld not in self._text:
            item = self.item
            if fld == "title":
                value = item.get("title") or ""
            elif fld == "body":
                value = item.get("text") or ""
            elif fld == "lead":
                value = _lead(item.get("text") or "")
            elif fld == "url":
                value = item.get("url") or ""
            else:  # "all": the title counts as part of the text
                value = f"{item.get('title') or ''}\n{item.get('text') or ''}"
            self._text[fld] = value
        return self._text[fld]

    def tokens(self, fld: str, case_sensitive: bool) -> list[str]:
        key = (fld, case_sensitive)
        if key not in self._tokens:
            if fld == "all":  # title + body, without tokenising the body twice
                self._tokens[key] = self.tokens("title", case_sensitive) + self.tokens("body", case_sensitive)
            else:
                text = self.text(fld)
                self._tokens[key] = tokenize(text) if case_sensitive else lowercase_tokens(text)
        return self._tokens[key]

    def word_counts(self, fld: str, case_sensitive: bool) -> Counter:
        """How often each word occurs in a field."""
        key = (fld, case_sensitive)
        if key not in self._counts:
            self._counts[key] = Counter(self.tokens(fld, case_sensitive))
        return self._counts[key]

    def vocabulary_counts(self, fld: str, case_sensitive: bool) -> Counter:
        """How often each word of the task's vocabulary for the field occurs in it: equal to
        word_counts for those words, and what keyword rules look up. The rare vocabulary words
        are picked out by one C-level pass, instead of counting every word of the text."""
        key = (fld, case_sensitive)
        if key not in self._vocabulary_counts:
            vocabulary = self.vocabularies[key]
            self._vocabulary_counts[key] = Counter(filter(vocabulary.__contains__, self.tokens(fld, case_sensitive)))
        return self._vocabulary_counts[key]

    def sorted_words(self, fld: str, case_sensitive: bool) -> list[str]:
        """The distinct words of a field in sorted order (for prefix lookups)."""
        key = (fld, case_sensitive)
        if key not in self._sorted:
            self._sorted[key] = sorted(self.word_counts(fld, case_sensitive))
        return self._sorted[key]

    def joined(self, fld: str, case_sensitive: bool) -> str:
        """The words of a field joined by single spaces, padded: " w1 w2 ... wn ".

        A phrase then occurs exactly where " w1 w2 " occurs, whatever the punctuation and spacing
        of the original, and str.count finds it in one fast scan."""
        key = (fld, case_sensitive)
        if key not in self._joined:
            self._joined[key] = f" {' '.join(self.tokens(fld, case_sensitive))} "
        return self._joined[key]


@dataclass
class _Rule:
    name: str
    kind: str
    class_id: int          # -1 for passthrough (votes the class its column holds)
    weight: float
    fires: Callable[[_ItemView], Any]   # -> bool, or a class id/None for passthrough


@dataclass
class _Compiled:
    task: dict
    classes: list[str]
    rules: list[_Rule] = field(default_factory=list)
    # (field, case_sensitive) -> every word the whole-word keyword and phrase rules on it name.
    vocabularies: dict[tuple[str, bool], frozenset] = field(default_factory=dict)


_CACHE: dict[int, _Compiled] = {}


def _compiled(task: dict) -> _Compiled:
    # Keyed by object identity (recipes are not mutated after loading); the entry keeps the task
    # alive so an id cannot be reused by another dict while cached.
    hit = _CACHE.get(id(task))
    if hit is not None and hit.task is task:
        return hit
    if len(_CACHE) > 64:
        _CACHE.clear()
    classes = list(task["classes"])
    comp = _Compiled(task, classes, [_compile_rule(r, classes) for r in task["rules"]], _vocabularies(task["rules"]))
    _CACHE[id(task)] = comp
    return comp


def _compile_rule(rule: dict, classes: list[str]) -> _Rule:
    kind = next(k for k in RULE_KINDS if k in rule)
    class_id = classes.index(rule["class"]) if kind != "passthrough" else -1
    weight = float(rule.get("weight", DEFAULT_WEIGHT))
    make = {"keywords": _keyword_matcher, "phrases": _keyword_matcher, "regex": _regex_matcher,
            "metadata": _metadata_matcher, "passthrough": _passthrough_matcher}[kind]
    return _Rule(rule["name"], kind, class_id, weight, make(rule, classes))


def _keyword_tokens(rule: dict) -> list[list[str]]:
    """The tokens of each distinct keyword or phrase of a keyword rule, as its matcher sees them."""
    kind = "keywords" if "keywords" in rule else "phrases"
    case_sensitive = bool(rule.get("case_sensitive", False))
    return [TOKEN_RE.findall(entry if case_sensitive else entry.lower()) for entry in dict.fromkeys(rule[kind])]


def _vocabularies(rules: list[dict]) -> dict[tuple[str, bool], frozenset]:
    """Per (field, case_sensitive), the words of the task's whole-word keyword and phrase rules on
    it (a prefix counted as a word: a superset is harmless)."""
    words: dict[tuple[str, bool], set[str]] = {}
    for rule in rules:
        if ("keywords" in rule or "phrases" in rule) and rule.get("whole_word", True) is not False:
            key = (rule.get("field", DEFAULT_FIELD), bool(rule.get("case_sensitive", False)))
            for toks in _keyword_tokens(rule):
                words.setdefault(key, set()).update(toks)
    return {key: frozenset(found) for key, found in words.items()}


# Keyword lists interned to small ints: cheap per-item memo keys (tuple hashes are not cached).
_MEMO_KEYS: dict[tuple, int] = {}


def _keyword_matcher(rule: dict, classes: list[str]) -> Callable[[_ItemView], bool]:
    """Whole-word keywords and phrases; a trailing ``*`` matches any word ending."""
    kind = "keywords" if "keywords" in rule else "phrases"
    fld = rule.get("field", DEFAULT_FIELD)
    case_sensitive = bool(rule.get("case_sensitive", False))
    min_matches = int(rule.get("min_matches", DEFAULT_MIN_MATCHES))
    distinct = rule.get("count", "occurrences") == "distinct"
    if rule.get("whole_word", True) is False:
        return _substring_matcher(rule[kind], fld, case_sensitive, min_matches, distinct)
    words: set[str] = set()                      # single words, looked up in the word counts
    word_prefixes: list[str] = []                # "elect*"
    phrases: dict[str, list[tuple]] = {}         # first word -> (needle, other words) to count
    for entry, toks in zip(dict.fromkeys(rule[kind]), _keyword_tokens(rule)):  # an entry listed twice counts once
        star = entry.endswith("*")
        if len(toks) == 1:
            (word_prefixes.append if star else words.add)(toks[0])
        else:
            # " w1 w2 " for a phrase; " w1 w2" (no closing space) when w2 is a prefix.
            needle = " " + " ".join(toks) + ("" if star else " ")
            must_have = frozenset(toks[1:-1] if star else toks[1:])
            phrases.setdefault(toks[0], []).append((needle, must_have))
    words_set = frozenset(words)
    prefix_tuple = tuple(word_prefixes)
    # In the joined words " w1 w2 ... " a word starting with a prefix is an occurrence of
    # " prefix", so str.count finds the words a prefix matches in one scan, without sorting the
    # words. Summed over the prefixes, a word is counted once as long as no prefix starts
    # another (or repeats it); else the sorted words say which words any prefix matches.
    prefix_needles = tuple(" " + prefix for prefix in prefix_tuple)
    prefixes_nest = any(i != j and a.startswith(b) for i, a in enumerate(prefix_tuple)
                        for j, b in enumerate(prefix_tuple))
    first_words = frozenset(phrases)
    # Rules that share a word list at different thresholds count it once per item.
    memo_key = _MEMO_KEYS.setdefault(
        ("kw", fld, case_sensitive, distinct, words_set, prefix_tuple,
         tuple(sorted((w, tuple(v)) for w, v in phrases.items()))), len(_MEMO_KEYS))

    def count(view: _ItemView) -> int:
        # Every word looked up here is in the vocabulary, so its counts say what the word counts would.
        counts = view.vocabulary_counts(fld, case_sensitive)
        keys = counts.keys()
        found = words_set & keys
        total = len(found) if distinct else sum(map(counts.__getitem__, found))
        if prefix_tuple:
            if distinct:
                joined = view.joined(fld, case_sensitive)
                total += sum(map(joined.__contains__, prefix_needles))
            elif not prefixes_nest:
                joined = view.joined(fld, case_sensitive)
                total += sum(map(joined.count, prefix_needles))
            else:
                all_counts = view.word_counts(fld, case_sensitive)
                sorted_words = view.sorted_words(fld, case_sensitive)
                total += sum(all_counts[w] for w in prefixed_words(sorted_words, prefix_tuple))
        if first_words:
            joined = None
            for first in first_words & keys:          # only phrases whose words all occur
                for needle, must_have in phrases[first]:
                    if must_have <= keys:
                        joined = joined or view.joined(fld, case_sensitive)
                        hits = joined.count(needle)
                        total += (hits > 0) if distinct else hits
        return total

    def fires(view: _ItemView) -> bool:
        got = view.memo.get(memo_key)
        if got is None:
            got = view.memo[memo_key] = count(view)
        return got >= min_matches

    return fires


def _substring_matcher(words, fld, case_sensitive, min_matches, distinct):
    needles = [w if case_sensitive else w.lower() for w in words]

    def fires(view: _ItemView) -> bool:
        text = view.text(fld) if case_sensitive else view.text(fld).lower()
        counts = [text.count(n) for n in needles]
        total = sum(c > 0 for c in counts) if distinct else sum(counts)
        return total >= min_matches

    return fires


def _regex_matcher(rule: dict, classes: list[str]) -> Callable[[_ItemView], bool]:
    fld = rule.get("field", DEFAULT_FIELD)
    flags = 0 if rule.get("case_sensitive", False) else re.IGNORECASE
    patterns = rule["regex"] if isinstance(rule["regex"], list) else [rule["regex"]]
    compiled = [re.compile(p, flags) for p in patterns]
    min_matches = int(rule.get("min_matches", DEFAULT_MIN_MATCHES))

    def fires(view: _ItemView) -> bool:
        text = view.text(fld)
        if min_matches == 1:
            return any(c.search(text) for c in compiled)
        return sum(len(c.findall(text)) for c in compiled) >= min_matches

    return fires


def _metadata_values(item: dict, meta: dict) -> list[str]:
    """The metadata strings a metadata rule compares against."""
    on = meta["from"]
    if on == "url_segment":
        url = item.get("url") or ""
        path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.I).split("?")[0].split("#")[0]
        return [s for s in path.split("/") if s]
    if on == "section":
        section = item.get("section") or ""
        # Breadcrumbs come as "News > UK > Politics" or "News / Politics"; every part counts.
        parts = [p.strip() for p in re.split(r"[>/|»›]", section) if p.strip()]
        return parts + ([section.strip()] if len(parts) > 1 else [])
    if on == "source_folder":
        uri = (item.get("uri") or "").split("#")[0]
        return [s for s in re.split(r"[/\\]", uri)[:-1] if s and s not in (".", "..")]
    value = (item.get("fields") or {}).get(meta.get("column"))
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _metadata_matcher(rule: dict, classes: list[str]) -> Callable[[_ItemView], bool]:
    meta = rule["metadata"]
    case_sensitive = bool(rule.get("case_sensitive", False))
    norm = (lambda s: s.strip()) if case_sensitive else (lambda s: s.strip().casefold())
    wanted = {norm(str(v)) for v in meta["values"]}

    def fires(view: _ItemView) -> bool:
        return any(norm(v) in wanted for v in _metadata_values(view.item, meta))

    return fires


def _passthrough_class(rule: dict, classes: list[str], value: Any) -> int | None | str:
    """Class id for a passthrough value; None = abstain (empty); a str = the error reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    mapping = rule.get("map") or {}
    if isinstance(value, bool):
        return f"value {value!r} is not a class name"
    if isinstance(value, int):
        if 0 <= value < len(classes):
            return value
        return f"class id {value} out of range 0..{len(classes) - 1}"
    text = str(value).strip()
    text = mapping.get(text, text)
    if text in classes:
        return classes.index(text)
    return f"value {str(value)!r} is not one of the classes ({', '.join(classes)})"


def _passthrough_matcher(rule: dict, classes: list[str]) -> Callable[[_ItemView], Any]:
    column = rule["passthrough"]

    def fires(view: _ItemView):
        got = _passthrough_class(rule, classes, (view.item.get("fields") or {}).get(column))
        return got if isinstance(got, int) else None

    return fires


# --------------------------------------------------------------------------------------------
# Voting
# --------------------------------------------------------------------------------------------

def passthrough_errors(item: dict, task: dict) -> list[str]:
    """Reasons to quarantine ``item``: passthrough columns holding a label outside the classes."""
    classes = list(task["classes"])
    reasons = []
    for rule in task["rules"]:
        if "passthrough" not in rule:
            continue
        value = (item.get("fields") or {}).get(rule["passthrough"])
        got = _passthrough_class(rule, classes, value)
        if isinstance(got, str):
            reasons.append(f"rule {rule['name']!r} column "
                           f"{rule['passthrough']!r}: {got}")
    return reasons


def rule_votes(item: dict, task: dict) -> list[Vote]:
    """(rule name, class id, weight) for every rule of ``task`` that fired on ``item``."""
    comp = _compiled(task)
    view = _ItemView(item, comp.vocabularies)
    votes: list[Vote] = []
    for rule in comp.rules:
        got = rule.fires(view)
        if rule.kind == "passthrough":
            if got is not None:
                votes.append((rule.name, int(got), rule.weight))
        elif got:
            votes.append((rule.name, rule.class_id, rule.weight))
    return votes


def label_item(article: dict, doc: dict, text: str | None = None) -> dict:
    """What a labeling rule may look at: the article's title, text (or one sentence), url, section,
    source path and every column of its source line."""
    return {"title": article["title"], "text": text if text is not None else article["text"], "url": article["url"],
            "section": article["section"], "uri": doc["uri"], "fields": doc["columns"]}
