"""Event queries: filters shared by ``eventcoder query`` and ``eventcoder export``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from eventcoder.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

# Every event column, then the article's, for export and for people.
EVENT_SELECT = """
SELECT e.*, a.doc_id, a.title, a.url, a.publisher, a.published, a.source, a.ingested_at, a.dup_group,
       g.group_articles, g.group_sources
FROM events e
JOIN articles a ON a.hash = e.article_hash
JOIN (SELECT dup_group, count(*) AS group_articles,
             count(DISTINCT coalesce(publisher, hash)) AS group_sources
      FROM articles GROUP BY dup_group) g ON g.dup_group = a.dup_group
"""
# A short view for the query table.
BRIEF_COLUMNS = ("event_day", "source_code", "cameo", "plover", "target_code", "goldstein",
                 "location_name", "evidence_text", "doc_id")


@dataclass(slots=True)
class EventFilter:
    """Which events to select; every field left as None selects all."""

    actor: str | None = None  # code prefix, source or target
    dyad: tuple[str, str] | None = None  # source prefix, target prefix (directed)
    plover: str | None = None
    cameo: str | None = None  # code prefix
    country: str | None = None  # source, target or location country
    since: date | None = None
    until: date | None = None
    collapse_duplicates: bool = False  # one article per near-duplicate group

    def where(self) -> tuple[str, list]:
        """The SQL WHERE clause (with a leading WHERE, or empty) and its parameters."""
        clauses: list[str] = []
        params: list = []
        if self.actor:
            clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.dyad:
            clauses.append("starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)")
            params += [self.dyad[0].upper(), self.dyad[1].upper()]
        if self.plover:
            clauses.append("upper(e.plover) = ?")
            params.append(self.plover.upper())
        if self.cameo:
            clauses.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.country:
            clauses.append("? IN (e.source_country, e.target_country, e.location_country)")
            params.append(self.country.upper())
        if self.since:
            clauses.append("e.event_day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.event_day <= ?")
            params.append(self.until)
        if self.collapse_duplicates:
            clauses.append("a.dup_group = a.hash")
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def select_events(store: Store, flt: EventFilter | None = None,
                  limit: int | None = None) -> tuple[list[str], Iterator[tuple]]:
    """Column names and rows of the events that pass the filter, by day then id."""
    where, params = (flt or EventFilter()).where()
    sql = f"{EVENT_SELECT} {where} ORDER BY e.event_day NULLS LAST, e.event_key"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return store.rows(sql, params)


def select_events_arrow(store: Store, flt: EventFilter | None = None) -> pa.Table:
    """The selected events as a pyarrow Table."""
    where, params = (flt or EventFilter()).where()
    sql = f"{EVENT_SELECT} {where} ORDER BY e.event_day NULLS LAST, e.event_key"
    return store.con.cursor().sql(sql, params=params).to_arrow_table()
