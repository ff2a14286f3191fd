"""Exports of the event store: GDELT 2.0 event TSV, Parquet partitioned by date, JSONL.

Public surface:
    export(store, fmt, out, flt=None) -> int   # number of events written; fmt in FORMATS
"""

from __future__ import annotations

from pathlib import Path

from eventcoder.export.gdelt import write_gdelt
from eventcoder.export.jsonl import write_jsonl
from eventcoder.export.parquet import write_parquet
from eventcoder.store import Store
from eventcoder.store.query import EventFilter, select_events, select_events_arrow

FORMATS = ("gdelt", "parquet", "jsonl")


def export(store: Store, fmt: str, out: str | Path, flt: EventFilter | None = None) -> int:
    """Write the events that pass the filter to out (a file, or a directory for parquet)."""
    out = Path(out)
    if fmt == "parquet":
        return write_parquet(select_events_arrow(store, flt), out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    columns, rows = select_events(store, flt)
    writer = write_gdelt if fmt == "gdelt" else write_jsonl
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        return writer(columns, rows, handle)
