"""What the ingest readers yield: a document to code, or a failure to record."""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.model import Article

# Failure reasons; a closed list so queries and tests can rely on them.
EMPTY = "empty"
BINARY = "binary"
NOT_ENGLISH = "not_english"
TOO_LONG = "too_long"
MALFORMED_JSONL = "malformed_jsonl"
UNREADABLE = "unreadable"
NOT_FOUND = "not_found"
CODING_ERROR = "coding_error"
REASONS = (EMPTY, BINARY, NOT_ENGLISH, TOO_LONG, MALFORMED_JSONL, UNREADABLE, NOT_FOUND, CODING_ERROR)


@dataclass(slots=True)
class Document:
    """An article read from an input, with where it came from (path, and #line or #entry)."""

    article: Article
    source: str
    kind: str  # text | html | feed | jsonl


@dataclass(slots=True)
class Failure:
    """An input that could not become a codable article, and why."""

    source: str
    reason: str
    detail: str = ""
    doc_id: str | None = None
