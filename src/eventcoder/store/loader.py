"""Ingest runs: read inputs, skip what is stored, code new articles in batches, commit, then report."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventcoder.ingest import records
from eventcoder.ingest.checks import DEFAULT_MAX_CHARS, check_article, content_hash
from eventcoder.ingest.records import Document, Failure
from eventcoder.ingest.sources import read_inputs
from eventcoder.model import Article, CodedArticle
from eventcoder.store import Store, dedup
from eventcoder.store.rows import ArticleRows, article_rows

Coder = Callable[[list[Article]], Iterable[CodedArticle]]


@dataclass(slots=True)
class IngestOptions:
    """How an ingest run treats its inputs."""

    default_date: date | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 16  # articles per transaction: small, so a kill loses little work
    dup_threshold: float = dedup.THRESHOLD


@dataclass(slots=True)
class IngestSummary:
    """Counts of an ingest run so far; ``processed`` counts every input item handled and committed."""

    processed: int = 0
    coded: int = 0
    events: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready summary (the final line of a non-interactive ingest)."""
        rate = self.coded / self.seconds if self.seconds else 0.0
        return {"processed": self.processed, "coded": self.coded, "events": self.events,
                "already_stored": self.already_stored, "near_duplicates": self.near_duplicates,
                "failed": self.failed, "failures": dict(sorted(self.failures.items())),
                "seconds": round(self.seconds, 3), "articles_per_second": round(rate, 2)}


Progress = Callable[[IngestSummary], None]


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    batch: list[Document | Failure] = []
    for item in items:
        batch.append(item)
        # Failures are cheap; only documents fill a batch.
        if sum(isinstance(i, Document) for i in batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _code(coder: Coder, docs: list[Document]) -> list[CodedArticle | Failure]:
    """Code a batch; when it raises, code one by one so one bad article fails alone."""
    try:
        return list(coder([d.article for d in docs]))
    except Exception:  # noqa: BLE001 - a coding bug must not stop the batch; it is recorded below
        pass
    out: list[CodedArticle | Failure] = []
    for doc in docs:
        try:
            out.extend(coder([doc.article]))
        except Exception as exc:  # noqa: BLE001
            detail = f"{type(exc).__name__}: {exc}"
            out.append(Failure(doc.source, records.CODING_ERROR, detail, doc.article.id))
    return out


def ingest_items(items: Iterable[Document | Failure], store: Store, coder: Coder,
                 options: IngestOptions | None = None, on_progress: Progress | None = None) -> IngestSummary:
    """Code and store items; each batch is one transaction and progress is reported after its commit."""
    options = options or IngestOptions()
    summary = IngestSummary()
    started = time.perf_counter()
    index = store.duplicate_index()
    seen: set[str] = set()
    for batch in _batches(items, options.batch_size):
        failures: list[Failure] = []
        todo: list[tuple[Document, str]] = []
        skipped = 0
        for item in batch:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            problem = check_article(item.article, options.max_chars)
            if problem:
                failures.append(Failure(item.source, problem[0], problem[1], item.article.id))
                continue
            key = content_hash(item.article.text)
            if key in seen or store.has_article(key):
                skipped += 1
                continue
            seen.add(key)
            todo.append((item, key))
        rows: list[ArticleRows] = []
        near = 0
        coded_list = _code(coder, [doc for doc, _ in todo]) if todo else []
        for (doc, key), coded in zip(todo, coded_list, strict=True):
            if isinstance(coded, Failure):
                failures.append(coded)
                continue
            sig = dedup.signature(doc.article.text)
            group = index.find_group(sig, options.dup_threshold)
            near += group is not None
            group = group or key
            index.add(key, sig, group)
            rows.append(article_rows(coded, key, doc.source, doc.kind, len(doc.article.text), group,
                                     dedup.to_bytes(sig)))
        store.write(rows, failures)
        # Counted only now, after the commit: what was reported is on disk.
        summary.processed += len(batch)
        summary.coded += len(rows)
        summary.events += sum(len(r.events) for r in rows)
        summary.already_stored += skipped
        summary.near_duplicates += near
        summary.failures.update(f.reason for f in failures)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary


def ingest(paths: Iterable[str], store: Store, coder: Coder, options: IngestOptions | None = None,
           on_progress: Progress | None = None) -> IngestSummary:
    """Ingest files, directories and globs into the store (see ``ingest_items``)."""
    options = options or IngestOptions()
    return ingest_items(read_inputs(paths, options.default_date), store, coder, options, on_progress)
