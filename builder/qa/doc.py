"""The article as the generators see it: sentences with tokens and typed entities."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

from builder.qa import gazetteer as gz
from builder.qa import lexicon as lx
from builder.qa.entities import Entity, case_evidence_and_capitals, name_entities, pattern_entities
from builder.qa.clause import (_QUOTES, clause_starts, coordinated_clause, is_question_or_quote_tail_text,
                               parse_clause, relative_clause)
from builder.qa.text import Token, paragraph_spans, tokenize

_UNPARSED = object()  # (a clause memo entry can be None)
_FALLBACK_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’')\]]*|$)")


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token]
    entities: list[Entity] = field(default_factory=list)
    # entity -> (first token index, last token index + 1)
    token_span: dict = field(default_factory=dict)
    # A question, or the tail of a quote opened in an earlier sentence: not asked about.
    skip: bool = False
    # Indices of the tokens that are double quote marks.
    quote_marks: list = field(default_factory=list)


@dataclass
class Doc:
    article_id: str
    title: str
    text: str
    sentences: list[Sentence]
    paragraphs: list[tuple[int, int]]
    capital_words: set
    lower_words: set
    # Per-call memo tables (this document only): parses and word sets reused by generators.
    _clauses: dict = field(default_factory=dict)
    _starts: dict = field(default_factory=dict)
    _content: dict = field(default_factory=dict)

    def in_quote(self, sent: "Sentence", k: int) -> bool:
        """clause.inside_quote(sent.tokens, k), with the quote marks of a sentence found once."""
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
        found = parse_clause(sent.tokens, cs)
        if found is None and cs > 0 and sent.tokens[cs - 1].lower == "and":
            earlier = [self.clause(sent, s) for s in self.clause_starts(sent) if s < cs]
            found = coordinated_clause(sent.tokens, cs, earlier)
        if found is None and cs > 2 and sent.tokens[cs - 1].lower in ("who", "which"):
            toks = sent.tokens

            def free_standing(k: int) -> bool:
                # The name must not sit inside a larger phrase ("son of the late Beatle X").
                return k == 0 or toks[k - 1].text in (",", ":", "(", ";") or toks[k - 1].lower in ("and", "but")

            name = next((sent.token_span[e] for e in sent.entities
                         if sent.token_span[e][1] == cs - 2 and free_standing(sent.token_span[e][0])
                         and e.type in ("person", "organisation", "place")), None)
            if name is None:  # an untyped name: up to three capitalised words
                k = cs - 2
                while k > 0 and cs - 2 - k < 3 and sent.tokens[k - 1].text[:1].isupper() \
                        and sent.tokens[k - 1].text.isalpha():
                    k -= 1
                if k < cs - 2 and free_standing(k):
                    first = sent.tokens[k]
                    if first.lower not in ("the", "a", "an", "this", "but", "and"):
                        name = (k, cs - 2)
            found = relative_clause(sent.tokens, cs, name)
        self._clauses[key] = found
        return found

    def clause_starts(self, sent: "Sentence") -> list[int]:
        starts = self._starts.get(sent.index)
        if starts is None:
            starts = self._starts[sent.index] = clause_starts(sent.tokens)
        return starts

    def content_words(self, sent: "Sentence") -> set:
        if sent.index not in self._content:
            from builder.qa.checks import content_words
            self._content[sent.index] = content_words(sent.text)
        return self._content[sent.index]

    def is_proper(self, tok: Token, sentence_initial: bool) -> bool:
        """Should this capitalised word keep its capital inside a question?"""
        if not tok.text[:1].isupper():
            return False
        if tok.text.isupper() and len(tok.text) > 1:
            return True
        if tok.lower in lx.FUNCTION_WORDS:
            return False
        if not sentence_initial or any(ch.isupper() for ch in tok.text[1:]):
            return True
        if tok.text in gz.GIVEN_NAMES or tok.text in gz.PLACES or tok.text in gz.COMPANIES:
            return True
        if tok.lower.endswith(("ish", "ian", "ese", "can")) and tok.lower not in self.lower_words \
                and tok.lower not in ("finish", "dish", "wish", "median", "these", "can"):
            return True  # nationality adjectives: "Irish", "Italian", "Chinese", "American"
        if "-" in tok.text:  # "Oscar-nominated": proper if its first part is
            head = tok.lower.split("-")[0]
            return head in self.capital_words and head not in self.lower_words
        return tok.lower in self.capital_words and tok.lower not in self.lower_words


def quote_marks(sent: Sentence) -> list[int]:
    """Indices of the double quote marks among the tokens (each is a token of its own)."""
    if '"' not in sent.text and "“" not in sent.text and "”" not in sent.text:
        return []
    return [i for i, t in enumerate(sent.tokens) if t.text in _QUOTES]


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


_token_start = attrgetter("start")
_token_end = attrgetter("end")


def token_range(toks: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """(first token index, last token index + 1) of the tokens spanning exactly [start, end),
    or None when start or end falls inside a token (token offsets are strictly increasing)."""
    i = bisect_left(toks, start, key=_token_start)
    j = bisect_left(toks, end, key=_token_end)
    if i == len(toks) or j == len(toks) or toks[i].start != start or toks[j].end != end or j < i:
        return None
    return i, j + 1


def build_doc(article: dict, sentences: list[dict]) -> Doc:
    text = article.get("text") or ""
    spans = [(s["start"], s["end"]) for s in sentences
             if text[s["start"]:s["end"]] == s["text"] and s["text"].strip()]
    if not spans:
        spans = fallback_sentence_spans(text)
    sents = [Sentence(k, a, b, text[a:b], tokenize(text[a:b], a)) for k, (a, b) in enumerate(spans)]
    for s in sents:
        s.skip = is_question_or_quote_tail_text(s.text)
        s.quote_marks = quote_marks(s)
    tokens = [s.tokens for s in sents]
    capital, lower, capitals = case_evidence_and_capitals(tokens)
    names = name_entities(tokens, text, (capital, lower, capitals))
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
        taken = [(e.start, e.end) for e in inside]
        for e in ents:
            if all(e.end <= a or e.start >= b for a, b in taken):
                inside.append(e)
        for e in sorted(inside):
            rng = token_range(sent.tokens, e.start, e.end)
            if rng:
                sent.entities.append(e)
                sent.token_span[e] = rng
    return Doc(article_id=str(article.get("id") or ""), title=article.get("title") or "",
               text=text, sentences=sents, paragraphs=paragraph_spans(text),
               capital_words=capital, lower_words=lower)
