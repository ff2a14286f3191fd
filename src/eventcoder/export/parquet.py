"""Parquet export: the event table (with article fields), partitioned hive-style by year= and month=."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds


def write_parquet(table: pa.Table, out: Path) -> int:
    """Write the events under out/year=YYYY/month=M/; returns the number of rows."""
    day = table.column("event_day")
    table = table.drop_columns(["ingested_at"]).append_column("year", pc.year(day)) \
        .append_column("month", pc.month(day))
    ds.write_dataset(
        table, str(out), format="parquet", partitioning=["year", "month"], partitioning_flavor="hive",
        existing_data_behavior="delete_matching", basename_template="events-{i}.parquet",
    )
    return table.num_rows
