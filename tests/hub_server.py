"""A Hub-compatible test double of the *server*: the real `huggingface_hub` client and the real
`datasets.load_dataset` talk HTTP to it on 127.0.0.1 (see the routes in `HubHandler`).

Repos live in memory as git-like commits (path -> bytes) with branches and tags. Every upload is
answered "regular" so files travel base64 inside the commit (no LFS/Xet to fake). Switches let a
test fail the next commit (e.g. with 500) or demand a token, to check what a client does then."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

REPO_TYPES = {"datasets": "dataset", "models": "model", "spaces": "space"}
INITIAL_GITATTRIBUTES = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"


def git_blob_sha(content: bytes) -> str:
    """The id git gives a file's bytes; the client compares it with its own to skip unchanged files."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


@dataclass
class Commit:
    sha: str
    parent: str | None
    message: str
    files: dict[str, bytes]


@dataclass
class Repo:
    repo_id: str
    repo_type: str
    private: bool
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    def resolve(self, revision: str) -> Commit | None:
        """A branch, a tag, or a (prefix of a) commit sha -> that commit."""
        revision = unquote(revision)
        sha = self.branches.get(revision) or self.tags.get(revision)
        if sha is None and re.fullmatch(r"[0-9a-f]{7,40}", revision):
            sha = next((s for s in self.commits if s.startswith(revision)), None)
        return self.commits.get(sha) if sha else None


class HubState:
    """Everything the server knows, and the switches tests pull. Guarded by one lock."""

    def __init__(self, token: str | None = None):
        self.lock = threading.Lock()
        self.repos: dict[tuple[str, str], Repo] = {}
        self.required_token = token  # when set, writes need `Authorization: Bearer <token>`
        self.failures: dict[str, list[int]] = {}  # action -> statuses to answer next, in order
        self.requests: list[str] = []  # "METHOD path" per request (no headers: they hold the token)
        self._counter = itertools.count()

    def fail_next(self, action: str, status: int = 500, times: int = 1) -> None:
        """Answer the next `times` requests of `action` ("commit", "tag", "create", "preupload") with `status`."""
        with self.lock:
            self.failures.setdefault(action, []).extend([status] * times)

    def pop_failure(self, action: str) -> int | None:
        with self.lock:
            queued = self.failures.get(action)
            return queued.pop(0) if queued else None

    def new_commit(self, repo: Repo, parent: str | None, message: str, files: dict[str, bytes]) -> Commit:
        blobs = sorted((path, git_blob_sha(content)) for path, content in files.items())
        seed = json.dumps([parent, message, next(self._counter), blobs])
        commit = Commit(hashlib.sha1(seed.encode()).hexdigest(), parent, message, files)
        repo.commits[commit.sha] = commit
        return commit

    def create_repo(self, repo_type: str, repo_id: str, private: bool) -> Repo | None:
        """The new repo with its initial commit (like the Hub: a .gitattributes), or None if it exists."""
        with self.lock:
            if (repo_type, repo_id) in self.repos:
                return None
            repo = Repo(repo_id, repo_type, private)
            repo.branches["main"] = self.new_commit(repo, None, "initial commit",
                                                    {".gitattributes": INITIAL_GITATTRIBUTES}).sha
            self.repos[(repo_type, repo_id)] = repo
            return repo

    # What tests look at --------------------------------------------------------------------------

    def repo(self, repo_id: str, repo_type: str = "dataset") -> Repo:
        return self.repos[(repo_type, repo_id)]

    def files_at(self, repo_id: str, revision: str = "main", repo_type: str = "dataset") -> dict[str, bytes]:
        return dict(self.repo(repo_id, repo_type).resolve(revision).files)

    def edit_on_hub(self, repo_id: str, path: str, content: bytes, branch: str = "main",
                    repo_type: str = "dataset") -> str:
        """A commit made outside the client, like a user editing a file in the Hub's web page."""
        with self.lock:
            repo = self.repo(repo_id, repo_type)
            files = {**repo.commits[repo.branches[branch]].files, path: content}
            commit = self.new_commit(repo, repo.branches[branch], f"Update {path}", files)
            repo.branches[branch] = commit.sha
            return commit.sha

    def snapshot(self) -> dict:
        """Branches, tags and commits of every repo: compare two to see that nothing changed."""
        with self.lock:
            return {key: (dict(repo.branches), dict(repo.tags), sorted(repo.commits))
                    for key, repo in self.repos.items()}

    def all_bytes(self) -> bytes:
        """Every byte ever stored in every repo, to look for things that must not be there."""
        return b"\n".join(content for repo in self.repos.values() for commit in repo.commits.values()
                          for content in [*commit.files.values(), commit.message.encode()])


def tree_entries(files: dict[str, bytes], folder: str, recursive: bool) -> list[dict]:
    """Hub tree listing of `folder` ("" = root): files and directories, direct children unless recursive."""
    prefix = f"{folder.strip('/')}/" if folder.strip("/") else ""
    entries, folders = [], set()
    for path in sorted(files):
        if not path.startswith(prefix):
            continue
        rest = path[len(prefix):].split("/")
        for depth in range(1, len(rest)):
            if recursive or depth == 1:
                folders.add(prefix + "/".join(rest[:depth]))
        if recursive or len(rest) == 1:
            entries.append({"type": "file", "oid": git_blob_sha(files[path]), "size": len(files[path]), "path": path})
    dirs = [{"type": "directory", "oid": hashlib.sha1(d.encode()).hexdigest(), "size": 0, "path": d}
            for d in sorted(folders)]
    return dirs + entries


def path_info(files: dict[str, bytes], path: str) -> dict | None:
    path = path.strip("/")
    if path in files:
        return {"type": "file", "oid": git_blob_sha(files[path]), "size": len(files[path]), "path": path}
    if any(p.startswith(path + "/") for p in files):
        return {"type": "directory", "oid": hashlib.sha1(path.encode()).hexdigest(), "size": 0, "path": path}
    return None


API_REPO = re.compile(r"^/api/(datasets|models|spaces)/([^/]+/[^/]+)"
                      r"(?:/(preupload|commit|tag|refs|revision|tree|paths-info)(?:/([^/]+)(/.*)?)?)?$")
RESOLVE = re.compile(r"^/(datasets/|spaces/)?([^/]+/[^/]+)/resolve/([^/]+)/(.+)$")


class HubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the client expects
    state: HubState  # set on the subclass made by `start_hub`

    def log_message(self, format, *args):  # noqa: A002  (quiet unless HUB_DOUBLE_VERBOSE is set)
        if os.environ.get("HUB_DOUBLE_VERBOSE"):
            super().log_message(format, *args)

    # Plumbing -------------------------------------------------------------------------------------

    def read_body(self) -> None:
        """Always read the body first: an unread one corrupts the next request on a kept-alive
        connection (one handler object serves all requests of a connection, so no caching across)."""
        self._body = self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def body(self) -> bytes:
        return self._body

    def send(self, status: int, payload=None, headers: dict | None = None, raw: bytes | None = None,
             head_only: bool = False) -> None:
        data = raw if raw is not None else (b"" if payload is None else json.dumps(payload).encode())
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if raw is None else "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def error(self, status: int, code: str | None, message: str, head_only: bool = False) -> None:
        self.send(status, {"error": message}, {"X-Error-Code": code} if code else None, head_only=head_only)

    def authorized(self) -> bool:
        expected = self.state.required_token
        if expected is None:
            return True
        given = self.headers.get("Authorization", "")
        if given != f"Bearer {expected}":
            self.error(401, None, "Invalid credentials in Authorization header")
            return False
        return True

    def failed(self, action: str) -> bool:
        status = self.state.pop_failure(action)
        if status is None:
            return False
        self.error(status, None, f"injected failure of {action}")
        return True

    def find_repo(self, kind: str, repo_id: str, head_only: bool = False) -> Repo | None:
        repo = self.state.repos.get((REPO_TYPES.get(kind, "model"), repo_id))
        if repo is None:
            self.error(404, "RepoNotFound", f"Repository not found: {repo_id}", head_only)
        return repo

    def find_commit(self, repo: Repo, revision: str, head_only: bool = False) -> Commit | None:
        commit = repo.resolve(revision)
        if commit is None:
            self.error(404, "RevisionNotFound", f"Invalid rev id: {unquote(revision)}", head_only)
        return commit

    # Verbs ----------------------------------------------------------------------------------------

    def do_HEAD(self):
        self.route("HEAD")

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method: str) -> None:
        self.read_body()
        url = urlsplit(self.path)
        self.state.requests.append(f"{method} {url.path}")
        query = parse_qs(url.query)
        if method == "POST" and url.path == "/api/repos/create":
            return self.create_repo()
        if method == "POST" and url.path == "/api/validate-yaml":
            return self.validate_yaml()
        if method == "GET" and url.path == "/api/whoami-v2":
            return self.send(200, {"type": "user", "name": "ns", "auth": {"accessToken": {"role": "write"}}})
        match = API_REPO.match(url.path)
        if match:
            kind, repo_id, action, revision, rest = match.groups()
            return self.repo_api(method, kind, unquote(repo_id), action, revision or "main", unquote(rest or ""), query)
        match = RESOLVE.match(url.path)
        if match and method in ("GET", "HEAD"):
            kind, repo_id, revision, path = match.groups()
            return self.resolve(method, (kind or "models/").rstrip("/"), unquote(repo_id), revision, unquote(path))
        self.error(404, None, f"no such route: {method} {url.path}", head_only=method == "HEAD")

    def repo_api(self, method, kind, repo_id, action, revision, rest, query) -> None:
        handlers = {("POST", "preupload"): self.preupload, ("POST", "commit"): self.commit,
                    ("POST", "tag"): self.tag, ("GET", "refs"): self.refs, ("GET", "revision"): self.revision_info,
                    ("GET", None): self.revision_info, ("GET", "tree"): self.tree,
                    ("POST", "paths-info"): self.paths_info}
        handler = handlers.get((method, action))
        if handler is None:
            return self.error(404, None, f"no such route: {method} {action}")
        repo = self.find_repo(kind, repo_id)
        if repo is not None:
            handler(repo, revision, rest, query)

    # Writes ---------------------------------------------------------------------------------------

    def create_repo(self) -> None:
        if not self.authorized() or self.failed("create"):
            return
        request = json.loads(self.body() or b"{}")
        repo_id = f"{request.get('organization') or 'ns'}/{request['name']}"
        repo_type = request.get("type") or "model"
        kind = {"dataset": "datasets", "space": "spaces"}.get(repo_type, "")
        url = f"http://{self.headers.get('Host')}/{kind + '/' if kind else ''}{repo_id}"
        private = bool(request.get("private")) or request.get("visibility") == "private"
        if self.state.create_repo(repo_type, repo_id, private) is None:
            return self.send(409, {"error": "You already created this repo", "url": url})
        self.send(200, {"url": url, "name": repo_id})

    def validate_yaml(self) -> None:
        content = json.loads(self.body() or b"{}").get("content", "")
        errors = []
        if content.startswith("---"):
            try:
                yaml.safe_load(content.split("---", 2)[1])
            except yaml.YAMLError as err:
                errors.append({"message": str(err)})
        self.send(400 if errors else 200, {"errors": errors, "warnings": []})

    def preupload(self, repo, revision, rest, query) -> None:
        if not self.authorized() or self.failed("preupload"):
            return
        current = repo.resolve(revision)
        files = current.files if current else {}
        answer = [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False,
                   "oid": git_blob_sha(files[f["path"]]) if f["path"] in files else None}
                  for f in json.loads(self.body())["files"]]
        self.send(200, {"files": answer, "commitOid": current.sha if current else None})

    def commit(self, repo, branch, rest, query) -> None:
        if not self.authorized() or self.failed("commit"):
            return  # a failed commit changes nothing
        lines = [json.loads(line) for line in self.body().splitlines() if line.strip()]
        header = next(line["value"] for line in lines if line["key"] == "header")
        branch = unquote(branch)
        with self.state.lock:
            head = repo.branches.get(branch)
            if head is None:
                return self.error(404, "RevisionNotFound", f"Invalid rev id: {branch}")
            parent = header.get("parentCommit")
            if parent and not head.startswith(parent):
                return self.error(412, None, "A commit has happened since. Please refresh and try again.")
            files = dict(repo.commits[head].files)
            for line in lines:
                value = line["value"]
                if line["key"] == "file":
                    files[value["path"]] = base64.b64decode(value["content"]) if value.get("encoding") == "base64" \
                        else value["content"].encode()
                elif line["key"] == "deletedFile":
                    files.pop(value["path"], None)
                elif line["key"] == "deletedFolder":
                    folder = value["path"].rstrip("/") + "/"
                    files = {p: c for p, c in files.items() if not p.startswith(folder)}
                elif line["key"] != "header":
                    return self.error(400, None, f"operation {line['key']} is not supported by the test double")
            commit = self.state.new_commit(repo, head, header.get("summary", ""), files)
            repo.branches[branch] = commit.sha
        host = self.headers.get("Host")
        url = f"http://{host}/datasets/{repo.repo_id}/commit/{commit.sha}"
        self.send(200, {"commitOid": commit.sha, "commitUrl": url, "success": True})

    def tag(self, repo, revision, rest, query) -> None:
        if not self.authorized() or self.failed("tag"):
            return
        request = json.loads(self.body() or b"{}")
        with self.state.lock:
            commit = repo.resolve(revision)
            if commit is None:
                return self.error(404, "RevisionNotFound", f"Invalid rev id: {unquote(revision)}")
            if request["tag"] in repo.tags:
                return self.error(409, None, f"Tag {request['tag']} already exists")
            repo.tags[request["tag"]] = commit.sha
        self.send(200, {})

    # Reads ----------------------------------------------------------------------------------------

    def refs(self, repo, revision, rest, query) -> None:
        def refs_of(names: dict[str, str], kind: str) -> list[dict]:
            return [{"name": n, "ref": f"refs/{kind}/{n}", "targetCommit": sha} for n, sha in sorted(names.items())]

        self.send(200, {"branches": refs_of(repo.branches, "heads"), "tags": refs_of(repo.tags, "tags"),
                        "converts": [], "pullRequests": []})

    def revision_info(self, repo, revision, rest, query) -> None:
        commit = self.find_commit(repo, revision)
        if commit is None:
            return
        self.send(200, {"id": repo.repo_id, "_id": repo.repo_id, "sha": commit.sha, "private": repo.private,
                        "disabled": False, "gated": False, "downloads": 0, "likes": 0, "tags": [],
                        "lastModified": "2026-01-01T00:00:00.000Z", "cardData": {},
                        "siblings": [{"rfilename": p} for p in sorted(commit.files)]})

    def tree(self, repo, revision, rest, query) -> None:
        commit = self.find_commit(repo, revision)
        if commit is None:
            return
        folder = rest.strip("/")
        if folder and path_info(commit.files, folder) is None:
            return self.error(404, "EntryNotFound", f"{folder} does not exist on {revision}")
        recursive = query.get("recursive", ["false"])[0].lower() in ("true", "1")
        self.send(200, tree_entries(commit.files, folder, recursive))

    def paths_info(self, repo, revision, rest, query) -> None:
        commit = self.find_commit(repo, revision)
        if commit is None:
            return
        body = self.body().decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            paths = json.loads(body).get("paths", [])
        else:
            paths = parse_qs(body).get("paths", [])
        infos = [info for info in (path_info(commit.files, p) for p in paths) if info is not None]
        self.send(200, infos)

    def resolve(self, method, kind, repo_id, revision, path) -> None:
        head_only = method == "HEAD"
        repo = self.find_repo(kind, repo_id, head_only)
        if repo is None:
            return
        commit = self.find_commit(repo, revision, head_only)
        if commit is None:
            return
        if path not in commit.files:
            return self.error(404, "EntryNotFound", f"{path} does not exist on {revision}", head_only)
        content = commit.files[path]
        headers = {"X-Repo-Commit": commit.sha, "ETag": f'"{git_blob_sha(content)}"', "Accept-Ranges": "bytes"}
        status, data = 200, content
        ranged = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        if ranged and content:
            first, last = ranged.groups()
            start = int(first) if first else max(len(content) - int(last), 0)
            end = min(int(last), len(content) - 1) if first and last else len(content) - 1
            status, data = 206, content[start:end + 1]
            headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
        self.send(status, headers=headers, raw=data, head_only=head_only)


class Hub:
    """A running double: `url` for HF_ENDPOINT, `state` for switches and inspection, `stop()`."""

    def __init__(self, token: str | None = None):
        self.state = HubState(token)
        handler = type("BoundHubHandler", (HubHandler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "Hub":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_hub(token: str | None = None) -> Hub:
    return Hub(token).start()
