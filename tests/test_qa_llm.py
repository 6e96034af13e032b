"""The optional llm generator against a tiny OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from builder.qa import generate_qa
from builder.qa.generators.llm import parse_pairs
from test_qa_helpers import article_from

REPLY = [
    {"question": "Which firm agreed to buy Kestrel Bakeries?", "answer": "Harbour Foods"},
    {"question": "How much will the deal cost?", "answer": "£12m."},
    {"question": "Who runs the moon base?", "answer": "Captain Nobody"},
]


class FakeChat(BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):  # noqa: N802 (http.server naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        content = "```json\n" + json.dumps(REPLY) + "\n```"
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    FakeChat.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_llm_pairs_are_grounded_checked_and_ungrounded_ones_quarantined(server, monkeypatch):
    monkeypatch.setenv("TEST_LLM_KEY", "sk-test-secret")
    article, sents = article_from([["Harbour Foods agreed to buy Kestrel Bakeries for £12m on Tuesday."]])
    opts = {"generators": [], "cloze": {"enabled": False},
            "llm": {"enabled": True, "base_url": server, "model": "tiny", "api_key_env": "TEST_LLM_KEY"}}
    result = generate_qa(article, sents, opts)
    got = {(r["question"], r["answers"]["text"][0], r["kind"]) for r in result["qa"]}
    assert ("Which firm agreed to buy Kestrel Bakeries?", "Harbour Foods", "llm") in got
    assert ("How much will the deal cost?", "£12m", "llm") in got
    reasons = {r["reason"] for r in result["rejected"]}
    assert "not_grounded" in reasons
    assert FakeChat.seen[0]["path"] == "/v1/chat/completions"
    assert FakeChat.seen[0]["body"]["model"] == "tiny"
    assert FakeChat.seen[0]["auth"] == "Bearer sk-test-secret"
    assert "sk-test-secret" not in json.dumps(result)


def test_llm_is_off_by_default(server):
    article, sents = article_from([["Harbour Foods agreed to buy Kestrel Bakeries for £12m."]])
    generate_qa(article, sents, {"llm": {"base_url": server}})
    assert FakeChat.seen == []


def test_unreachable_endpoint_is_reported_not_raised():
    article, sents = article_from([["Harbour Foods agreed to buy Kestrel Bakeries for £12m."]])
    opts = {"generators": [], "llm": {"enabled": True, "base_url": "http://127.0.0.1:9/v1", "timeout": 2}}
    result = generate_qa(article, sents, opts)
    assert result["qa"] == []
    assert [r["reason"] for r in result["rejected"] if r["kind"] == "qa"] == ["llm_error"]


def test_parse_pairs_accepts_fenced_json_and_wrapped_lists():
    assert parse_pairs('```json\n[{"question": "Q?", "answer": "A"}]\n```') == [{"question": "Q?", "answer": "A"}]
    assert parse_pairs('{"pairs": [{"question": "Q?", "answer": "A"}, {"q": 1}]}') == [{"question": "Q?", "answer": "A"}]
