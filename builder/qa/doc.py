"""The article as the generators see it: sentences with tokens and typed entities."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from builder.qa import gazetteer as gz
from builder.qa import lexicon as lx
from builder.qa.entities import Entity, case_evidence, name_entities, pattern_entities
from builder.qa.clause import (clause_starts, coordinated_clause, is_question_or_quote_tail,
                               parse_clause, relative_clause)
from builder.qa.text import Token, article_token_columns, paragraph_spans

_UNPARSED = object()  # (a clause memo entry can be None)
_FALLBACK_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’')\]]*|$)")


@dataclass
class Sentence:
    """A sentence and its tokens, held as parallel lists (one entry per token): a list per
    attribute costs far less to build and to read than an object per token."""
    index: int
    start: int
    end: int
    text: str
    words: list[str]       # the token texts
    lowers: list[str]      # the token texts in lower case
    ends: list[int]        # where each token ends in `text` (it starts its length before)
    capitals: list[int]    # indices of the tokens with an upper-case initial
    quote_marks: list[int]  # indices of the tokens that are double quote marks
    entities: list[Entity] = field(default_factory=list)
    # entity -> (first token index, last token index + 1)
    token_span: dict = field(default_factory=dict)
    # A question, or the tail of a quote opened in an earlier sentence: not asked about.
    skip: bool = False

    def span_text(self, a: int, b: int) -> str:
        """The text of the tokens [a, b) (a < b)."""
        return self.text[self.ends[a] - len(self.words[a]):self.ends[b - 1]]

    def char_span(self, a: int, b: int) -> tuple[int, int]:
        """Article offsets of the text of the tokens [a, b) (a < b)."""
        return self.start + self.ends[a] - len(self.words[a]), self.start + self.ends[b - 1]

    @property
    def tokens(self) -> list[Token]:
        """The tokens as Token tuples with article offsets (for callers outside the generators)."""
        return [Token(w, self.start + e - len(w), self.start + e, low)
                for w, low, e in zip(self.words, self.lowers, self.ends)]


@dataclass
class Doc:
    article_id: str
    title: str
    text: str
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    capital_words: set
    lower_words: set  # (or entities.LowerCaseWords: either answers `word in ...`)
    # Per-call memo tables (this document only): parses and word sets reused by generators.
    _clauses: dict = field(default_factory=dict)
    _starts: dict = field(default_factory=dict)
    _content: dict = field(default_factory=dict)

    def in_quote(self, sent: "Sentence", k: int) -> bool:
        """clause.inside_quote(sent.words, k), with the quote marks of a sentence found once."""
        marks = sent.quote_marks
        # An odd number of quote marks before token k.
        return bool(marks) and bisect_left(marks, k) % 2 == 1

    def clause(self, sent: "Sentence", cs: int):
        """The clause starting at token cs (memoised); a second predicate after "and" borrows
        the subject of the clause before it."""
        key = (sent.index, cs)
        found = self._clauses.get(key, _UNPARSED)
        if found is not _UNPARSED:
            return found
        found = parse_clause(sent, cs)
        words, lows = sent.words, sent.lowers
        if found is None and cs > 0 and lows[cs - 1] == "and":
            earlier = [self.clause(sent, s) for s in self.clause_starts(sent) if s < cs]
            found = coordinated_clause(sent, cs, earlier)
        if found is None and cs > 2 and lows[cs - 1] in {"who", "which"}:

            def free_standing(k: int) -> bool:
                # The name must not sit inside a larger phrase ("son of the late Beatle X").
                return k == 0 or words[k - 1] in {",", ":", "(", ";"} or lows[k - 1] in {"and", "but"}

            name = next((sent.token_span[e] for e in sent.entities
                         if sent.token_span[e][1] == cs - 2 and free_standing(sent.token_span[e][0])
                         and e.type in {"person", "organisation", "place"}), None)
            if name is None:  # an untyped name: up to three capitalised words
                k = cs - 2
                while k > 0 and cs - 2 - k < 3 and words[k - 1][:1].isupper() and words[k - 1].isalpha():
                    k -= 1
                if k < cs - 2 and free_standing(k):
                    if lows[k] not in {"the", "a", "an", "this", "but", "and"}:
                        name = (k, cs - 2)
            found = relative_clause(sent, cs, name)
        self._clauses[key] = found
        return found

    def clause_starts(self, sent: "Sentence") -> list[int]:
        starts = self._starts.get(sent.index)
        if starts is None:
            starts = self._starts[sent.index] = clause_starts(sent)
        return starts

    def sentences_within(self, start: int, end: int) -> list["Sentence"]:
        """The sentences inside the article span [start, end), in document order."""
        return [s for s in self.sentences if start <= s.start and s.end <= end]

    def content_words(self, sent: "Sentence") -> set:
        if sent.index not in self._content:
            from builder.qa.checks import content_words
            self._content[sent.index] = content_words(sent.text)
        return self._content[sent.index]

    def is_proper(self, word: str, low: str, sentence_initial: bool) -> bool:
        """Should this capitalised word (`low`: in lower case) keep its capital inside a question?"""
        if not word[:1].isupper():
            return False
        if word.isupper() and len(word) > 1:
            return True
        if low in lx.FUNCTION_WORDS:
            return False
        if not sentence_initial or any(ch.isupper() for ch in word[1:]):
            return True
        if word in gz.GIVEN_NAMES or word in gz.PLACES or word in gz.COMPANIES:
            return True
        if low.endswith(("ish", "ian", "ese", "can")) and low not in self.lower_words \
                and low not in {"finish", "dish", "wish", "median", "these", "can"}:
            return True  # nationality adjectives: "Irish", "Italian", "Chinese", "American"
        if "-" in word:  # "Oscar-nominated": proper if its first part is
            head = low.split("-")[0]
            return head in self.capital_words and head not in self.lower_words
        return low in self.capital_words and low not in self.lower_words


def fallback_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Only used when the caller passes no sentences: a plain punctuation split."""
    spans = []
    for m in _FALLBACK_SENTENCE_RE.finditer(text):
        chunk = m.group()
        stripped = chunk.strip()
        if stripped:
            a = m.start() + len(chunk) - len(chunk.lstrip())
            spans.append((a, a + len(stripped)))
    return spans


def token_range(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """(first token index, last token index + 1) of the tokens spanning exactly [start, end),
    or None when start or end falls inside a token (token offsets are strictly increasing)."""
    words, ends = sent.words, sent.ends
    start -= sent.start
    end -= sent.start
    i = bisect_right(ends, start)  # (the first token ending after `start`: it must start there)
    j = bisect_left(ends, end)
    if i == len(ends) or j == len(ends) or ends[i] - len(words[i]) != start or ends[j] != end or j < i:
        return None
    return i, j + 1


def build_doc(article: dict, sentences: list[dict]) -> Doc:
    text = article.get("text") or ""
    spans = [(s["start"], s["end"]) for s in sentences
             if text[s["start"]:s["end"]] == s["text"] and s["text"].strip()]
    if not spans:
        spans = fallback_sentence_spans(text)
    chunks = [text[a:b] for a, b in spans]
    token_columns, joined_tokens = article_token_columns(chunks)
    sents = [Sentence(k, a, b, chunk, *columns,
                      skip=is_question_or_quote_tail(chunk, columns.quote_marks, len(columns.words)))
             for k, ((a, b), chunk, columns) in enumerate(zip(spans, chunks, token_columns))]
    capital, lower = evidence = case_evidence(sents, text, joined_tokens)
    names = name_entities(sents, text, evidence)
    patterns = sorted(pattern_entities(text))
    p = 0
    for sent, ents in zip(sents, names):
        while p < len(patterns) and patterns[p].start < sent.start:
            p += 1
        inside = []
        q = p
        while q < len(patterns) and patterns[q].start < sent.end:
            if patterns[q].end <= sent.end:
                inside.append(patterns[q])
            q += 1
        if inside:  # a name overlapping a pattern entity gives way to it
            taken = [(e.start, e.end) for e in inside]
            inside += [e for e in ents if all(e.end <= a or e.start >= b for a, b in taken)]
        else:
            inside = ents
        for e in sorted(inside):
            rng = token_range(sent, e.start, e.end)
            if rng:
                sent.entities.append(e)
                sent.token_span[e] = rng
    return Doc(article_id=str(article.get("id") or ""), title=article.get("title") or "",
               text=text, sentences=sents, paragraphs=paragraph_spans(text),
               capital_words=capital, lower_words=lower)
