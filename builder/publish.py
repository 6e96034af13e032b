"""Publish a build folder as an immutable release: to the Hugging Face Hub (one commit holding data
and card, then the tag `v<version>` on exactly that commit) or to a local folder (`<dir>/v<version>/`).

A release is identified by its manifest (fingerprint + sha256 of every file). Publishing a version
that is already out with the same manifest is a no-op; with another manifest it is refused. The tag
is created only after the commit succeeded, so a failure never leaves a tag on partial content; the
retry finds the files already there and tags the same commit.

Only the public `huggingface_hub` API is used (HfApi: create_repo, create_commit, create_tag,
list_repo_refs, list_repo_tree, hf_hub_download), so the client picks the upload protocol.
The token is passed through to HfApi and never printed, logged or written."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from builder.card import load_path_placeholder, merge_card
from builder.read import sha256_file

REPO_TYPE = "dataset"
BRANCH = "main"


# ---------------------------------------------------------------------------------------------
# Failures: one class per kind, each carrying a one-line message (the CLI prints it as is)
# ---------------------------------------------------------------------------------------------

class PublishError(Exception):
    """Publishing did not happen; str(error) is one line meant for the user."""


class InvalidBuild(PublishError):
    """The folder is not a complete, unmodified, releasable build."""


class VersionConflict(PublishError):
    """The version is already published with other content."""


class HubAuthError(PublishError):
    """401/403: no token, a wrong token, or no write access."""


class HubServerError(PublishError):
    """The Hub answered 5xx."""


class HubNetworkError(PublishError):
    """The Hub could not be reached (connection refused, DNS, timeout)."""


class HubRequestError(PublishError):
    """Any other refusal by the Hub (4xx)."""


# ---------------------------------------------------------------------------------------------
# The build folder
# ---------------------------------------------------------------------------------------------

def read_manifest(build_dir: Path) -> dict:
    try:
        return json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InvalidBuild(f"{build_dir} is not a build folder: cannot read manifest.json") from err


def local_files(build_dir: Path) -> list[str]:
    return sorted(p.relative_to(build_dir).as_posix() for p in build_dir.rglob("*") if p.is_file())


def verified_manifest(build_dir: Path) -> dict:
    """The manifest, after checking that the folder holds exactly the files it lists, unmodified,
    and that it is not a --force dev build."""
    manifest = read_manifest(build_dir)
    for key in ("name", "version", "fingerprint", "files"):
        if key not in manifest:
            raise InvalidBuild(f"{build_dir}/manifest.json has no {key!r}: not a build folder")
    if manifest.get("forced"):
        raise InvalidBuild(f"{build_dir} was rebuilt with --force (a dev build): bump the version and build it "
                           "again to publish")
    listed = manifest["files"]
    on_disk = [path for path in local_files(build_dir) if path != "manifest.json"]
    extra = sorted(set(on_disk) - set(listed))
    missing = sorted(set(listed) - set(on_disk))
    if extra or missing:
        detail = ", ".join([f"unlisted {p}" for p in extra[:3]] + [f"missing {p}" for p in missing[:3]])
        raise InvalidBuild(f"{build_dir} does not match its manifest: {detail}")
    modified = [path for path, digest in listed.items() if sha256_file(build_dir / path) != digest]
    if modified:
        raise InvalidBuild(f"{build_dir} was modified after the build: {', '.join(modified[:3])}")
    return manifest


def release_identity(manifest: dict) -> tuple:
    """What makes two releases the same: the fingerprint and every file's sha256."""
    return manifest.get("fingerprint"), manifest.get("files")


def release_tag(manifest: dict) -> str:
    return f"v{manifest['version']}"


def file_plan(build_dir: Path) -> list[dict]:
    return [{"path": path, "size": (build_dir / path).stat().st_size} for path in local_files(build_dir)]


def content_ids(content: bytes | Path) -> set[str]:
    """The ids the Hub may list for these bytes: sha256 (LFS/Xet files) and git blob sha1 (regular files)."""
    size = len(content) if isinstance(content, bytes) else Path(content).stat().st_size
    sha256, blob = hashlib.sha256(), hashlib.sha1(b"blob %d\0" % size)
    for block in blocks(content):
        sha256.update(block)
        blob.update(block)
    return {sha256.hexdigest(), blob.hexdigest()}


def blocks(content: bytes | Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes in pieces, so a large parquet file is never held whole."""
    if isinstance(content, bytes):
        yield content
        return
    with open(content, "rb") as handle:
        yield from iter(lambda: handle.read(size), b"")


# ---------------------------------------------------------------------------------------------
# Publishing to a local folder
# ---------------------------------------------------------------------------------------------

def publish_to_folder(build_dir: str | Path, target_dir: str | Path, dry_run: bool = False) -> dict:
    """Copy the build into `<target_dir>/v<version>/` (the files the Hub tag holds), atomically.
    Returns {"status": "dry_run" | "published" | "already_published", "path", "tag", "files"}."""
    build_dir, target_dir = Path(build_dir), Path(target_dir)
    manifest = verified_manifest(build_dir)
    tag = release_tag(manifest)
    destination = target_dir / tag
    if dry_run:
        return {"status": "dry_run", "path": str(destination), "tag": tag, "files": file_plan(build_dir)}
    if destination.exists():
        try:
            existing = read_manifest(destination)
        except InvalidBuild:
            existing = {}
        if release_identity(existing) == release_identity(manifest):
            return {"status": "already_published", "path": str(destination), "tag": tag, "files": file_plan(build_dir)}
        raise VersionConflict(f"{destination} already holds {tag} with other content "
                              f"(fingerprint {existing.get('fingerprint')}): bump the version")
    target_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{tag}.partial-", dir=target_dir))
    try:
        shutil.copytree(build_dir, staging / tag)
        os.replace(staging / tag, destination)  # the version appears complete or not at all
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"status": "published", "path": str(destination), "tag": tag, "files": file_plan(build_dir)}


# ---------------------------------------------------------------------------------------------
# Publishing to the Hub
# ---------------------------------------------------------------------------------------------

def network_error_types() -> tuple[type[BaseException], ...]:
    """The HTTP library's transport errors (huggingface_hub moved between http libraries)."""
    types: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for module in ("httpx2", "httpx", "requests"):
        with contextlib.suppress(ImportError, AttributeError):
            imported = __import__(module)
            types.append(getattr(imported, "TransportError", None) or imported.exceptions.ConnectionError)
    return tuple(types)


@contextlib.contextmanager
def hub_errors(repo_id: str, doing: str) -> Iterator[None]:
    """Turn what huggingface_hub raises into one PublishError with one clear line (no token in it)."""
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    try:
        yield
    except HfHubHTTPError as err:
        status = err.response.status_code if err.response is not None else None
        if status in (401, 403):
            raise HubAuthError(f"the Hub refused to {doing} {repo_id} (HTTP {status}): check that HF_TOKEN or "
                               "`hf auth login` gives a token with write access") from None
        if status == 412:
            raise HubRequestError(f"{repo_id} changed on the Hub while publishing (HTTP 412): publish again") from None
        if status is not None and status >= 500:
            raise HubServerError(f"the Hub failed to {doing} {repo_id} (HTTP {status}): retry later; publishing "
                                 "again is safe") from None
        raise HubRequestError(f"the Hub refused to {doing} {repo_id} (HTTP {status})") from None
    except OfflineModeIsEnabled:
        raise HubNetworkError(f"cannot {doing} {repo_id}: HF_HUB_OFFLINE is set") from None
    except ValueError as err:  # e.g. the Hub found the card's YAML invalid before the upload
        first_line = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise HubRequestError(f"the Hub refused to {doing} {repo_id}: {first_line}") from None
    except network_error_types() as err:
        raise HubNetworkError(f"cannot reach the Hub to {doing} {repo_id}: {type(err).__name__}") from None


def hub_api(token: str | None):
    """An HfApi; with token=None it uses HF_TOKEN or the saved `hf auth login` token."""
    from huggingface_hub import HfApi

    return HfApi(token=token)


def remote_refs(api, repo_id: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """(branches, tags) as name -> commit, or None if the repo does not exist (or is not visible)."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        refs = api.list_repo_refs(repo_id, repo_type=REPO_TYPE)
    except RepositoryNotFoundError:
        return None
    return ({ref.name: ref.target_commit for ref in refs.branches}, {ref.name: ref.target_commit for ref in refs.tags})


def remote_text(api, repo_id: str, path: str, revision: str) -> str | None:
    """A text file of the repo at a revision, or None if it is not there."""
    from huggingface_hub.errors import EntryNotFoundError

    try:
        local = api.hf_hub_download(repo_id, path, repo_type=REPO_TYPE, revision=revision)
    except EntryNotFoundError:
        return None
    return Path(local).read_text(encoding="utf-8")


def remote_manifest(api, repo_id: str, revision: str) -> dict:
    text = remote_text(api, repo_id, "manifest.json", revision)
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {}


def remote_file_ids(api, repo_id: str, revision: str) -> dict[str, str]:
    """path -> content id on the Hub: sha256 for LFS/Xet files, git blob sha1 for regular ones."""
    entries = api.list_repo_tree(repo_id, repo_type=REPO_TYPE, revision=revision, recursive=True)
    return {entry.path: (entry.lfs.sha256 if entry.lfs else entry.blob_id)
            for entry in entries if hasattr(entry, "blob_id")}


def hub_card(build_dir: Path, manifest: dict, repo_id: str, published_card: str | None) -> bytes:
    """The card as published: the repo id in the load snippet, metadata added by hand on the Hub kept."""
    card = (build_dir / "README.md").read_text(encoding="utf-8")
    card = card.replace(f'"{load_path_placeholder(manifest["name"])}"', f'"{repo_id}"')
    return merge_card(card, published_card).encode("utf-8")


def stale_paths(previous_release_files: list[str], remote_ids: dict[str, str], paths: list[str]) -> list[str]:
    """Files the previous release on `main` listed in its manifest that this build no longer has.
    Only those are deleted: files a user added on the Hub (and .gitattributes) stay."""
    released = set(previous_release_files) | {"manifest.json", "README.md"}
    return sorted((released & set(remote_ids)) - set(paths))


def commit_operations(build_dir: Path, card: bytes, remote_ids: dict[str, str],
                      previous_release_files: list[str]) -> tuple[list, dict]:
    """Additions for files that differ from the Hub's `main`, deletions for files of the previous
    release no longer in the build, and how many of each (unchanged files are not sent again)."""
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete

    paths = local_files(build_dir)
    operations = []
    for path in paths:
        content = card if path == "README.md" else build_dir / path
        if remote_ids.get(path) not in content_ids(content):
            operations.append(CommitOperationAdd(path_in_repo=path, path_or_fileobj=content if path == "README.md"
                                                 else str(content)))
    uploaded = len(operations)
    stale = stale_paths(previous_release_files, remote_ids, paths)
    operations += [CommitOperationDelete(path_in_repo=path) for path in stale]
    return operations, {"uploaded": uploaded, "unchanged": len(paths) - uploaded, "deleted": len(stale)}


def publish_to_hub(build_dir: str | Path, repo_id: str, private: bool = False, dry_run: bool = False,
                   message: str | None = None, token: str | None = None) -> dict:
    """Publish the build as `v<version>` of the dataset repo `repo_id`.

    Returns {"status": "dry_run" | "published" | "already_published", "repo_id", "tag", "revision",
    "commit", "files", ...}. Raises a PublishError subclass, with nothing tagged, on any failure."""
    from huggingface_hub.errors import HfHubHTTPError

    build_dir = Path(build_dir)
    manifest = verified_manifest(build_dir)
    tag = release_tag(manifest)
    plan = {"repo_id": repo_id, "tag": tag, "revision": BRANCH, "private": private,
            "files": file_plan(build_dir), "fingerprint": manifest["fingerprint"]}
    if dry_run:  # the plan needs no network and no token
        return {"status": "dry_run", **plan}
    api = hub_api(token)
    with hub_errors(repo_id, "read the refs of"):
        refs = remote_refs(api, repo_id)
    if refs is not None and tag in refs[1]:
        return already_published_or_conflict(api, repo_id, tag, refs[1][tag], manifest, plan)
    with hub_errors(repo_id, "create"):
        if refs is None:
            # private=None leaves the visibility to the owner's default; an existing repo keeps its own.
            api.create_repo(repo_id, repo_type=REPO_TYPE, private=True if private else None, exist_ok=True)
            refs = remote_refs(api, repo_id) or ({}, {})
    parent = refs[0].get(BRANCH)
    with hub_errors(repo_id, "read the files of"):
        remote_ids = remote_file_ids(api, repo_id, parent) if parent else {}
        published_card = remote_text(api, repo_id, "README.md", parent) if "README.md" in remote_ids else None
        previous_release = remote_manifest(api, repo_id, parent) if "manifest.json" in remote_ids else {}
    card = hub_card(build_dir, manifest, repo_id, published_card)
    operations, counts = commit_operations(build_dir, card, remote_ids, list(previous_release.get("files", {})))
    commit = parent
    if operations:
        with hub_errors(repo_id, "commit to"):
            description = f"{manifest['name']} {tag}, fingerprint {manifest['fingerprint']}"
            info = api.create_commit(repo_id, operations, repo_type=REPO_TYPE, revision=BRANCH, parent_commit=parent,
                                     commit_message=message or f"Release {tag}", commit_description=description)
        commit = info.oid
    # Only now, with the content committed, does the version exist.
    with hub_errors(repo_id, f"tag {tag} in"):
        try:
            api.create_tag(repo_id, tag=tag, revision=commit, repo_type=REPO_TYPE,
                           tag_message=f"{manifest['name']} {tag} ({manifest['fingerprint'][:12]})")
        except HfHubHTTPError as err:
            if err.response is None or err.response.status_code != 409:
                raise
            # Someone tagged this version meanwhile: same release or a conflict, as if it had been there.
            return already_published_or_conflict(api, repo_id, tag, remote_refs(api, repo_id)[1][tag], manifest, plan)
    with hub_errors(repo_id, f"check the tag {tag} of"):
        tagged = (remote_refs(api, repo_id) or ({}, {}))[1].get(tag)
    if tagged != commit:  # a tag is only a pointer: check it points where we put it
        raise HubRequestError(f"{repo_id} {tag} points to {tagged} instead of the release commit {commit}")
    return {"status": "published", **plan, "commit": commit, **counts}


def already_published_or_conflict(api, repo_id: str, tag: str, commit: str, manifest: dict, plan: dict) -> dict:
    """The tag exists: fine if it holds this very release, refused otherwise (nothing is changed)."""
    with hub_errors(repo_id, f"read {tag} of"):
        published = remote_manifest(api, repo_id, commit)
    if release_identity(published) == release_identity(manifest):
        return {"status": "already_published", **plan, "commit": commit}
    raise VersionConflict(f"{repo_id} already has {tag} on commit {commit[:12]} with other content "
                          f"(fingerprint {str(published.get('fingerprint'))[:12]}, this build "
                          f"{manifest['fingerprint'][:12]}): bump the version")


# ---------------------------------------------------------------------------------------------
# Text for the CLI
# ---------------------------------------------------------------------------------------------

def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


def format_plan(result: dict) -> str:
    """What a dry run would do: target, revision and tag, every file with its size."""
    total = sum(f["size"] for f in result["files"])
    if "path" in result:
        lines = [f"copy to: {result['path']} (release {result['tag']})"]
    else:
        lines = [f"repo: {result['repo_id']} (dataset{', private' if result['private'] else ''})",
                 f"commit to: {result['revision']}, then tag: {result['tag']}"]
    lines.append(f"files: {len(result['files'])}, {human_size(total)}")
    lines += [f"  {f['path']}  {human_size(f['size'])}" for f in result["files"]]
    return "\n".join(lines)


def format_result(result: dict) -> str:
    if result["status"] == "dry_run":
        return "dry run, nothing sent:\n" + format_plan(result)
    if result["status"] == "already_published":
        where = result.get("repo_id") or result.get("path")
        return f"{where} {result['tag']} already published with this content; nothing to do"
    if "path" in result:
        return f"published {result['tag']} to {result['path']}"
    return (f"published {result['repo_id']} {result['tag']} at commit {result['commit']} "
            f"({result['uploaded']} file(s) uploaded, {result['unchanged']} unchanged, {result['deleted']} deleted)")
