"""Read sources lazily into raw documents: files, folders and globs of text, HTML and jsonl, gzip or not.

A raw document is a dict: `uri` (path relative to the recipe, `#L<n>` for a jsonl line), `sha256`
of its bytes, `format` (text | html | jsonl), `content` (decoded str), `content_format` (how to clean
it: scraped | html | clean), `fields` (jsonl record fields mapped by the recipe), `columns` (the
whole jsonl object) and `reject` (None, or {reason, detail} when it cannot be read)."""

from __future__ import annotations

import codecs
import functools
import glob
import gzip
import hashlib
import json
import os
import re
import zlib
from pathlib import Path
from typing import Callable, Iterator

READABLE_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
# A jsonl column named like a record field feeds that field unless the recipe maps it elsewhere.
DEFAULT_FIELDS = {name: name for name in ("id", "text", "title", "url", "author", "published", "language", "section")}
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return: text has almost none.
_CONTROL_BYTES = bytes(i for i in range(32) if i not in (9, 10, 11, 12, 13))
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class UnreadableDocument(Exception):
    """A document that cannot become text; `reason` is the quarantine reason code."""

    def __init__(self, reason: str, detail: str):
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason}: {detail}")


def file_format(path: str | Path, declared: str = "auto") -> str | None:
    """text | html | jsonl for `path` (a `.gz` suffix is looked through); None when not readable."""
    if declared != "auto":
        return declared
    name = os.path.basename(path)
    name = name[:-3] if name.endswith(".gz") else name
    return READABLE_SUFFIXES.get(os.path.splitext(name)[1].lower())


def expand_source(source: dict, base_dir: Path) -> Iterator[str]:
    """The files a source names, in a stable order: a file, every readable file under a folder, or
    a glob. Strings: a Path per file of a large corpus cost the parent process seconds."""
    pattern = os.path.join(base_dir, os.path.expanduser(source["path"]))
    declared = source.get("format", "auto")
    if os.path.isdir(pattern):
        candidates = [os.path.join(folder, name) for folder, _, names in os.walk(pattern) for name in names]
    else:
        candidates = glob.glob(pattern, recursive=True)
    # Ordered by path components, as pathlib orders paths ("a/b" before "a-c"): the separator made
    # NUL, which sorts before any character a name can hold. Plain strings are sorted, as a million
    # Paths (or lists of components) would be slow and take hundreds of MB.
    for name in sorted(candidates, key=lambda name: name.replace(os.sep, "\0")):
        if not os.path.basename(name).startswith(".") and file_format(name, declared) is not None \
                and os.path.isfile(name):
            yield name


@functools.lru_cache(maxsize=4096)
def relative_folder(folder: str, base: str) -> str:
    """The absolute `folder` seen from the absolute `base`, symbolic links resolved, as a uri prefix."""
    relative = os.path.relpath(os.path.realpath(folder), os.path.realpath(base))
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def relative_uri(path: str | Path, base_dir: Path) -> str:
    """The path from the recipe's folder to the file (symbolic links followed), with forward slashes."""
    # Folders are resolved once each: resolving every file of a large corpus cost seconds.
    absolute = os.path.abspath(path)
    if os.path.islink(absolute):
        absolute = os.path.realpath(absolute)
    return relative_folder(os.path.dirname(absolute), os.path.abspath(base_dir)) + os.path.basename(absolute)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 1% control bytes: no text encoding we accept makes those."""
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in sample or controls > len(sample) / 100


def decode_bytes(data: bytes) -> str:
    """Text from bytes: a BOM decides (UTF-8/16/32), else UTF-8, else cp1252 (then Latin-1).

    Raises UnreadableDocument(empty | binary | undecodable)."""
    if not data.strip():
        raise UnreadableDocument("empty", "the document has no content")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise UnreadableDocument("undecodable", f"{encoding} with a BOM, but {err.reason} at byte {err.start}") from err
    if looks_binary(data):
        raise UnreadableDocument("binary", "the document holds NUL or control bytes: not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1")


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """The document's bytes (decompressed when `.gz`) and the sha256 of the file as stored.

    Refuses a file over `max_bytes` before reading it, and stops decompressing past the limit."""
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableDocument("oversized", f"{size} bytes, over the limit of {max_bytes}")
    stored = path.read_bytes()
    sha256 = hashlib.sha256(stored).hexdigest()
    if not path.name.endswith(".gz"):
        return stored, sha256
    try:
        decompressor = zlib.decompressobj(wbits=31)  # 31: gzip header and trailer
        data = decompressor.decompress(stored, max_bytes + 1)
    except zlib.error as err:
        raise UnreadableDocument("undecodable", f"not a valid gzip file: {err}") from err
    if len(data) > max_bytes:
        raise UnreadableDocument("oversized", f"over the limit of {max_bytes} bytes once decompressed")
    return data, sha256


def sha256_file(path: str | Path) -> str:
    # Read into one small buffer: a fresh 1 MB block per read cost a third of a millisecond per
    # file, most of the parent process's time on a corpus of small pages.
    digest = hashlib.sha256()
    buffer = bytearray(1 << 16)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
    return digest.hexdigest()


def raw_document(uri: str, sha256: str, fmt: str, content: str = "", content_format: str = "scraped",
                 fields: dict | None = None, columns: dict | None = None, reject: dict | None = None) -> dict:
    return {"uri": uri, "sha256": sha256, "format": fmt, "content": content, "content_format": content_format,
            "fields": fields or {}, "columns": columns or {}, "reject": reject}


def read_page(path: Path, uri: str, fmt: str, max_bytes: int) -> dict:
    """One text or HTML file as one raw document."""
    try:
        data, sha256 = read_bytes(path, max_bytes)
    except UnreadableDocument as err:
        return raw_document(uri, sha256_file(path), fmt, reject={"reason": err.reason, "detail": err.detail})
    try:
        content = decode_bytes(data)
    except UnreadableDocument as err:
        return raw_document(uri, sha256, fmt, reject={"reason": err.reason, "detail": err.detail})
    return raw_document(uri, sha256, fmt, content, "html" if fmt == "html" else "scraped")


def jsonl_content_format(text: str, declared: str) -> str:
    if declared != "auto":
        return declared
    return "html" if _HTML_START.match(text) else "clean"


def read_jsonl_line(line: bytes, number: int, uri: str, source: dict, max_bytes: int) -> dict:
    """One jsonl line as one raw document, its columns mapped by the source's `fields`."""
    line_uri = f"{uri}#L{number}"
    sha256 = hashlib.sha256(line).hexdigest()

    def reject(reason: str, detail: str) -> dict:
        return raw_document(line_uri, sha256, "jsonl", reject={"reason": reason, "detail": detail,
                                                              "line": number, "raw": line.decode("utf-8", "replace")})

    if len(line) > max_bytes:
        return reject("oversized", f"line {number}: {len(line)} bytes, over the limit of {max_bytes}")
    try:
        columns = json.loads(decode_bytes(line))
    except UnreadableDocument as err:
        return reject(err.reason, f"line {number}: {err.detail}")
    except json.JSONDecodeError as err:
        return reject("invalid_json", f"line {number}: not valid JSON ({err.msg} at column {err.colno})")
    if not isinstance(columns, dict):
        return reject("invalid_json", f"line {number}: expected a JSON object, got {type(columns).__name__}")
    mapping = {**DEFAULT_FIELDS, **source.get("fields", {})}
    text = columns.get(mapping["text"])
    if not isinstance(text, str) or not text.strip():
        return reject("missing_text", f"line {number}: column {mapping['text']!r} is missing or holds no text")
    fields = {field: columns[column] for field, column in mapping.items() if columns.get(column) is not None}
    return raw_document(line_uri, sha256, "jsonl", text, jsonl_content_format(text, source.get("content", "auto")),
                        fields=fields, columns=columns)


def read_jsonl(path: Path, uri: str, source: dict, max_bytes: int) -> Iterator[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield read_jsonl_line(line.rstrip(b"\r\n"), number, uri, source, max_bytes)
    except (OSError, EOFError, zlib.error) as err:
        yield raw_document(uri, sha256_file(path), "jsonl", reject={"reason": "undecodable", "detail": f"cannot read: {err}"})


def iter_documents(sources: list[dict], base_dir: Path, max_bytes: int,
                   on_input: Callable[[dict], None] | None = None) -> Iterator[dict]:
    """Every raw document of every source, lazily and in a stable order.

    `on_input`, if given, is called with each input file's entry (as `input_files` makes it, in
    the same order, each file once) when its documents have been read: a build that hashes its
    inputs as it reads them reads every file once."""
    entered: set[str] | None = set() if on_input is not None and len(sources) > 1 else None
    for source in sources:
        for name in expand_source(source, base_dir):
            uri, path = relative_uri(name, base_dir), Path(name)
            fmt = file_format(name, source.get("format", "auto"))
            if fmt == "jsonl":
                yield from read_jsonl(path, uri, source, max_bytes)
                sha256 = None
            else:
                page = read_page(path, uri, fmt, max_bytes)
                yield page
                sha256 = page["sha256"]  # a page's is its file's
            if on_input is None or (entered is not None and name in entered):
                continue
            if entered is not None:
                entered.add(name)  # two sources can name the same file
            on_input({"uri": uri, "sha256": sha256 or sha256_file(path), "bytes": os.stat(path).st_size})


def source_files(sources: list[dict], base_dir: Path) -> list[str]:
    """Every input file once, in the order the sources name them. Strings, not Paths: a corpus of
    a million files held as Path objects would take hundreds of MB for the whole build."""
    seen: dict[str, None] = {}
    for source in sources:
        for path in expand_source(source, base_dir):
            seen.setdefault(path, None)
    return list(seen)


def estimated_documents(paths: list[str]) -> int:
    """About how many documents the files hold, from their sizes alone: one per page, one per
    2 KB of jsonl (a news article with its fields)."""
    return sum(os.stat(path).st_size // 2048 if file_format(path) == "jsonl" else 1 for path in paths)


def input_files(paths: list[str], base_dir: Path) -> Iterator[dict]:
    """The input files with their sha256, lazily: what a build's fingerprint is taken over."""
    for path in paths:
        yield {"uri": relative_uri(path, base_dir), "sha256": sha256_file(path), "bytes": os.stat(path).st_size}
