"""Ingest: read documents into Articles.

Public surface:
    read_source(path, default_date=None) -> Iterator[Article]   # text, HTML, feed or JSONL; "-" is stdin
    read_inputs(paths, default_date=None) -> Iterator[Document | Failure]
        # files, directories (recursive) and globs; text, HTML, RSS/Atom and JSONL; failures are data
    check_article(article, max_chars) -> (reason, detail) | None;  content_hash(text) -> sha256 hex
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from eventcoder.errors import EventcoderError
from eventcoder.ingest.checks import DEFAULT_MAX_CHARS, check_article, content_hash, normalise
from eventcoder.ingest.feeds import looks_like_feed, parse_feed
from eventcoder.ingest.html import looks_like_html, parse_html
from eventcoder.ingest.records import Document, Failure
from eventcoder.ingest.sources import estimate_count, expand_paths, read_inputs
from eventcoder.model import Article

__all__ = [
    "DEFAULT_MAX_CHARS", "Document", "Failure", "check_article", "content_hash", "estimate_count",
    "expand_paths", "normalise", "parse_date", "read_inputs", "read_source",
]


def parse_date(value: str) -> date:
    """A YYYY-MM-DD date, or E003."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise EventcoderError("E003", value=value) from None


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.exists():
        raise EventcoderError("E001", path=path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise EventcoderError("E002", path=path, reason=exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EventcoderError("E006", path=path) from None


def read_source(path: str, default_date: date | None = None) -> Iterator[Article]:
    """Articles from a text or HTML page (one article), an RSS/Atom feed or a JSONL file (one per entry)."""
    text = _read_text(path)
    if path.endswith(".jsonl"):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError("no 'text' string")
            except ValueError as exc:
                raise EventcoderError("E004", path=path, line=number, reason=str(exc)) from None
            published = parse_date(record["date"]) if record.get("date") else default_date
            yield Article(id=str(record.get("id", number)), text=record["text"], title=record.get("title"),
                          url=record.get("url"), publisher=record.get("publisher"), published=published)
    else:
        name = "stdin" if path == "-" else Path(path).stem
        data = text.encode("utf-8")
        if looks_like_feed(data):
            yield from (article for _number, article in parse_feed(data, name, default_date))
        elif looks_like_html(data):
            yield parse_html(text, name, default_date)
        else:
            yield Article(id=name, text=text, published=default_date)
