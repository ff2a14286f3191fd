"""JSONL export: one CodedArticle-like record per event (the article's fields and a one-event list)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_code"] is None and row[f"{prefix}_text"] is None:
        return None
    return {k: row[f"{prefix}_{k}"] for k in ("text", "start", "end", "code", "country", "sector", "name")}


def _place(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_name"] is None and row["location_lat"] is None:
        return None
    return {"text": row["location_text"], "name": row["location_name"],
            "geonameid": row["location_geonameid"], "country": row["location_country"],
            "admin1": row["location_admin1"],
            "lat": row["location_lat"], "lon": row["location_lon"]}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """The record of one event row from ``select_events``, in the output contract's shape."""
    event = {
        "id": row["event_id"], "sentence": row["sentence"], "source": _actor(row, "source"),
        "target": _actor(row, "target"), "cameo": row["cameo"], "cameo_root": row["cameo_root"],
        "plover": row["plover"], "plover_mode": row["plover_mode"], "goldstein": row["goldstein"],
        "quadclass": row["quadclass"], "date": row["date"], "date_precision": row["date_precision"],
        "location": _place(row), "negated": row["negated"], "hypothetical": row["hypothetical"],
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"],
                     "text": row["evidence_text"]},
        "confidence": row["confidence"],
    }
    published = row["published"]
    return {
        "id": row["doc_id"], "title": row["title"], "published": published.isoformat() if published else None,
        "url": row["url"], "publisher": row["publisher"], "hash": row["article_hash"],
        "dup_group": row["dup_group"], "global_event_id": row["event_key"], "events": [event],
    }


def write_jsonl(columns: list[str], rows: Iterable[tuple], out: IO[str]) -> int:
    """Write one JSON line per event; returns the number of lines."""
    count = 0
    for values in rows:
        record = event_record(dict(zip(columns, values, strict=True)))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
