"""The store's tables and their migrations: one function per schema version, applied in order."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]

_ACTOR_COLS = ("{p}_text VARCHAR, {p}_code VARCHAR, {p}_country VARCHAR, {p}_sector VARCHAR, "
               "{p}_name VARCHAR, {p}_start INTEGER, {p}_end INTEGER")


def _v1(con: duckdb.DuckDBPyConnection) -> None:
    """The first schema: articles, events, actors, quotes, places, failures."""
    con.execute("""
        CREATE TABLE articles (
            hash VARCHAR PRIMARY KEY,        -- sha256 of the normalised text
            doc_id VARCHAR, source VARCHAR, kind VARCHAR,
            title VARCHAR, url VARCHAR, publisher VARCHAR,
            published DATE, ingested_at TIMESTAMP,
            n_chars INTEGER, n_sentences INTEGER, n_events INTEGER,
            dup_group VARCHAR,                -- hash of the first article of its near-duplicate group
            minhash BLOB
        )""")
    con.execute(f"""
        CREATE TABLE events (
            event_key BIGINT PRIMARY KEY,     -- stable integer id (GDELT GlobalEventID)
            article_hash VARCHAR, event_id VARCHAR, sentence INTEGER,
            {_ACTOR_COLS.format(p="source")},
            {_ACTOR_COLS.format(p="target")},
            cameo VARCHAR, cameo_base VARCHAR, cameo_root VARCHAR, plover VARCHAR, plover_mode VARCHAR,
            goldstein DOUBLE, quadclass INTEGER, negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE,
            date VARCHAR, date_precision VARCHAR,
            event_day DATE,  -- date, or its first day at month/year precision, else published
            location_text VARCHAR, location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
            location_geonameid BIGINT, location_lat DOUBLE, location_lon DOUBLE, location_feature VARCHAR,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR, pattern VARCHAR
        )""")
    con.execute("""
        CREATE TABLE actors (
            article_hash VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
            code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, how VARCHAR
        )""")
    con.execute("""
        CREATE TABLE quotes (
            article_hash VARCHAR, idx INTEGER, speaker_text VARCHAR, speaker_code VARCHAR,
            text VARCHAR, start_char INTEGER, end_char INTEGER, cue VARCHAR, kind VARCHAR
        )""")
    con.execute("""
        CREATE TABLE places (
            article_hash VARCHAR, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
            name VARCHAR, country VARCHAR, admin1 VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
            feature VARCHAR, is_actor BOOLEAN
        )""")
    con.execute("""
        CREATE TABLE failures (
            failure_key VARCHAR PRIMARY KEY,  -- sha256 of source + reason: a rerun records nothing twice
            source VARCHAR, doc_id VARCHAR, reason VARCHAR, detail VARCHAR, recorded_at TIMESTAMP
        )""")


# MIGRATIONS[n] takes a store at version n to version n + 1; append, never edit.
MIGRATIONS: list[Migration] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the meta table (0 for a new file)."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, migrations: list[Migration] | None = None) -> int:
    """Bring the store up to the latest version, one transaction per step; returns the version."""
    steps = MIGRATIONS if migrations is None else migrations
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    version = current_version(con)
    if version > len(steps):
        raise RuntimeError(f"store schema version {version} is newer than this eventcoder ({len(steps)})")
    while version < len(steps):
        con.execute("BEGIN TRANSACTION")
        try:
            steps[version](con)
            version += 1
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return version
