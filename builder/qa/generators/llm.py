"""Optional generator backed by an OpenAI-compatible chat-completions endpoint.

Off by default. For each paragraph it asks the model for question/answer pairs whose answer is
copied verbatim from the paragraph, then grounds every answer: it must occur in the paragraph on
word boundaries, else the pair is reported as `not_grounded`. Only the standard library is used
for HTTP. The API key is read from the environment variable named in the options and is never
logged or put in a record. A model at temperature 0 is usually, not provably, deterministic.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request

from builder.qa.doc import Doc
from builder.qa.registry import Candidate, register_generator
from builder.qa.text import on_word_boundaries

SYSTEM_PROMPT = (
    "You write reading-comprehension questions about a news paragraph. Reply with a JSON list of "
    'objects {"question": ..., "answer": ...}. Each answer must be a short span copied exactly '
    "from the paragraph. Each question must be answerable from the paragraph alone, must not "
    "contain its answer, must not copy the sentence it comes from, and must end with '?'."
)
# Marks a candidate the generator could not ground or fetch; see candidates_to_records.
NOT_GROUNDED = -1
LLM_ERROR = -2


def chat_completion(base_url: str, model: str, messages: list[dict], api_key: str | None,
                    timeout: float, temperature: float) -> str:
    """POST one chat-completions request; the reply's first message content."""
    body = json.dumps({"model": model, "messages": messages, "temperature": temperature}).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    req = urllib.request.Request(base_url.rstrip("/") + "/chat/completions", data=body, headers=headers,
                                 method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        payload = json.loads(resp.read().decode("utf-8"))
    return payload["choices"][0]["message"]["content"]


def parse_pairs(content: str) -> list[dict]:
    """The list of {question, answer} in a reply, tolerating code fences around the JSON."""
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("pairs") or data.get("questions") or []
    return [d for d in data if isinstance(d, dict) and isinstance(d.get("question"), str)
            and isinstance(d.get("answer"), str)]


def ground(paragraph: str, answer: str) -> int:
    """Offset of `answer` in the paragraph on word boundaries (outer punctuation trimmed), or -1."""
    answer = answer.strip().strip(".,;:!?\"'“”")
    if not answer:
        return -1
    k = paragraph.find(answer)
    while k != -1 and not on_word_boundaries(paragraph, k, k + len(answer)):
        k = paragraph.find(answer, k + 1)
    return k


def _sentence_at(doc: Doc, offset: int) -> int:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return s.index
    return 0


@register_generator("llm")
def generate_llm(doc: Doc, options: dict):
    conf = options.get("llm", {})
    api_key = os.environ.get(conf.get("api_key_env") or "OPENAI_API_KEY")
    limit = int(conf.get("max_questions", 5))
    for p_start, p_end in doc.paragraphs:
        paragraph = doc.text[p_start:p_end]
        messages = [{"role": "system", "content": SYSTEM_PROMPT},
                    {"role": "user", "content": f"Write up to {limit} pairs.\n\nParagraph:\n{paragraph}"}]
        try:
            content = chat_completion(conf.get("base_url", ""), conf.get("model", ""), messages, api_key,
                                      float(conf.get("timeout", 30)), float(conf.get("temperature", 0.0)))
            pairs = parse_pairs(content)
        except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError, TypeError) as err:
            # The error text names the endpoint, never the key.
            yield Candidate(f"(llm request failed: {type(err).__name__}: {err})", LLM_ERROR, LLM_ERROR,
                            "other", "llm", _sentence_at(doc, p_start), 0.0, ())
            continue
        for pair in pairs[:limit]:
            question = pair["question"].strip()
            k = ground(paragraph, pair["answer"])
            if k < 0:
                yield Candidate(question, NOT_GROUNDED, NOT_GROUNDED, "other", "llm",
                                _sentence_at(doc, p_start), 0.0, ("answer:" + pair["answer"],))
                continue
            answer = pair["answer"].strip().strip(".,;:!?\"'“”")
            start = p_start + k
            yield Candidate(question, start, start + len(answer), "other", "llm",
                            _sentence_at(doc, start), 0.7, ())
