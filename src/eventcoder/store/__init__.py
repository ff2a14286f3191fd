"""The event store: a DuckDB file with articles, events, actors, quotes, places and failures.

Public surface:
    Store(path, read_only=False)   # migrates a writable store to the latest schema
    ingest(paths, store, coder, options, on_progress) -> IngestSummary   (store.loader)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType

import duckdb

from eventcoder.ingest.records import Failure
from eventcoder.store import dedup
from eventcoder.store.rows import ArticleRows
from eventcoder.store.schema import SCHEMA_VERSION, current_version, migrate

DEFAULT_DB = "eventcoder.duckdb"
TABLES = ("articles", "events", "actors", "quotes", "places", "failures")


def failure_key(failure: Failure) -> str:
    """The identity of a failure: the same input failing the same way is recorded once."""
    return hashlib.sha256(f"{failure.source}\0{failure.reason}".encode()).hexdigest()


class Store:
    """A DuckDB event store; writable stores are migrated on open, read-only ones are checked."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(self.path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        self.read_only = read_only
        self.version = current_version(self.con) if read_only else migrate(self.con)
        if self.version != SCHEMA_VERSION:
            raise RuntimeError(
                f"store {self.path} has schema version {self.version}, expected {SCHEMA_VERSION}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the write-ahead log)."""
        self.con.close()

    def has_article(self, article_hash: str) -> bool:
        """True when an article with this content hash is stored."""
        row = self.con.execute("SELECT 1 FROM articles WHERE hash = ?", [article_hash]).fetchone()
        return row is not None

    def duplicate_index(self) -> dedup.DuplicateIndex:
        """An LSH index over every stored article's MinHash signature."""
        index = dedup.DuplicateIndex()
        cursor = self.con.execute("SELECT hash, dup_group, minhash FROM articles WHERE minhash IS NOT NULL")
        while batch := cursor.fetchmany(10_000):
            for key, group, blob in batch:
                index.add(key, dedup.from_bytes(blob), group)
        return index

    def write(self, articles: Iterable[ArticleRows], failures: Iterable[Failure] = ()) -> None:
        """Write articles with all their rows, and failures, in one transaction."""
        articles, failures = list(articles), list(failures)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            now = datetime.now()
            if failures:
                con.executemany(
                    "INSERT OR IGNORE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                    [(failure_key(f), f.source, f.doc_id, f.reason, f.detail, now) for f in failures])
            for table in ("articles", "events", "actors", "quotes", "places"):
                rows = [a.article for a in articles] if table == "articles" else \
                    [row for a in articles for row in getattr(a, table)]
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def rows(self, sql: str, params: list | None = None) -> tuple[list[str], Iterator[tuple]]:
        """Column names and rows of a query."""
        cursor = self.con.cursor().execute(sql, params or [])  # its own cursor: other queries may run meanwhile
        columns = [d[0] for d in cursor.description]

        def fetch() -> Iterator[tuple]:
            while batch := cursor.fetchmany(2048):
                yield from batch

        return columns, fetch()
