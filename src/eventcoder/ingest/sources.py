"""Expand paths, directories and globs, and read each file by its format into Documents or Failures."""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from eventcoder.ingest import records
from eventcoder.ingest.checks import looks_binary
from eventcoder.ingest.feeds import looks_like_feed, parse_feed
from eventcoder.ingest.html import iso_day, looks_like_html, parse_html
from eventcoder.ingest.records import Document, Failure
from eventcoder.model import Article

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_GLOB_CHARS = set("*?[")

Item = Document | Failure


def expand_paths(paths: Iterable[str]) -> Iterator[Path | Failure]:
    """Files named by paths: files as they are, directories recursively (sorted, hidden skipped), globs."""
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Failure(raw, records.NOT_FOUND, "glob matched nothing")
            for match in matches:
                yield from expand_paths([match])
        else:
            yield Failure(raw, records.NOT_FOUND, "no such file or directory")


def detect_kind(path: Path, data: bytes) -> str:
    """The format of a file: jsonl, html, feed or text, from its suffix and then its first bytes."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if looks_like_feed(data):
        return "feed"
    if looks_like_html(data):
        return "html"
    return "feed" if suffix in {".rss", ".atom"} else "text"


def read_file(path: Path, default_date: date | None = None) -> Iterator[Item]:
    """Documents (or Failures) from one file of any supported format."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(source, records.UNREADABLE, exc.strerror or str(exc))
        return
    if not data.strip():
        yield Failure(source, records.EMPTY, "empty file", doc_id=path.stem)
        return
    if looks_binary(data):
        yield Failure(source, records.BINARY, "binary content", doc_id=path.stem)
        return
    kind = detect_kind(path, data)
    if kind == "feed":
        for number, article in parse_feed(data, path.stem, default_date):
            yield Document(article, f"{source}#{number}", kind)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        detail = f"not UTF-8: {exc.reason} at byte {exc.start}"
        yield Failure(source, records.BINARY, detail, doc_id=path.stem)
        return
    if kind == "jsonl":
        yield from read_jsonl(text, source, path.stem, default_date)
    elif kind == "html":
        yield Document(parse_html(text, path.stem, default_date), source, kind)
    else:
        yield Document(Article(id=path.stem, text=text, published=default_date), source, kind)


def read_jsonl(text: str, source: str, stem: str, default_date: date | None = None) -> Iterator[Item]:
    """One Document per JSONL line ``{"id","text","date"?,"title"?,"url"?,"publisher"?}``; bad lines fail."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Failure(where, records.MALFORMED_JSONL, f"not JSON: {exc}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Failure(where, records.MALFORMED_JSONL, "not a JSON object with a 'text' string")
            continue
        published = default_date
        if record.get("date"):
            published = iso_day(str(record["date"]))
            if published is None:
                yield Failure(where, records.MALFORMED_JSONL, f"bad date {record['date']!r}")
                continue
        yield Document(Article(
            id=str(record.get("id") or f"{stem}:{number}"), text=record["text"], title=record.get("title"),
            url=record.get("url"), publisher=record.get("publisher"), published=published,
        ), where, "jsonl")


def read_inputs(paths: Iterable[str], default_date: date | None = None) -> Iterator[Item]:
    """Documents and Failures from every file the paths name, in a stable order."""
    for found in expand_paths(paths):
        if isinstance(found, Failure):
            yield found
        else:
            yield from read_file(found, default_date)


def estimate_count(paths: Iterable[str]) -> int:
    """A cheap estimate of how many articles the paths hold (lines of JSONL, entries of feeds), for an ETA."""
    total = 0
    for found in expand_paths(paths):
        if isinstance(found, Failure):
            continue
        suffix = found.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with found.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif suffix in FEED_SUFFIXES:
            head = found.read_bytes()
            total += max(1, head.count(b"<item") + head.count(b"<entry"))
        else:
            total += 1
    return total
