"""CLI commands over the event store: ``ingest``, ``query`` and ``export`` (registered on ``main``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from eventcoder.cli_options import ACTORS_OPTION, LEXICON_OPTION, date_value
from eventcoder.store import DEFAULT_DB

DB_OPTION = click.option("--db", "db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="DuckDB store file.")


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by query and export."""
    options = [
        click.option("--actor", help="Source or target actor code prefix (RUS, TURGOV)."),
        click.option("--dyad", nargs=2, metavar="SOURCE TARGET", help="Directed dyad of code prefixes."),
        click.option("--plover", help="PLOVER category (ASSAULT, AGREE ...)."),
        click.option("--cameo", help="CAMEO code prefix (19, 190, 1951)."),
        click.option("--country", help="Source, target or location country code."),
        click.option("--since", callback=date_value, help="First event day, YYYY-MM-DD."),
        click.option("--until", callback=date_value, help="Last event day, YYYY-MM-DD."),
        click.option("--collapse-duplicates", is_flag=True, help="Count a near-duplicate story group once."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(kw: dict[str, Any]):  # EventFilter; imported late so --help stays fast
    from eventcoder.store.query import EventFilter

    return EventFilter(actor=kw["actor"], dyad=tuple(kw["dyad"]) if kw["dyad"] else None, plover=kw["plover"],
                       cameo=kw["cameo"], country=kw["country"], since=kw["since"], until=kw["until"],
                       collapse_duplicates=kw["collapse_duplicates"])


def _open(db: str, read_only: bool):
    from eventcoder.store import Store

    if read_only and not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `eventcoder ingest` first")
    try:
        return Store(db, read_only=read_only)
    except Exception as exc:  # duckdb lock and version errors, shown as one line
        raise click.ClickException(f"cannot open {db}: {exc}") from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--date", "default_date", callback=date_value, help="Publication date for inputs without one.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input failed.")
@click.option("--max-chars", default=1_000_000, show_default=True, help="Longer documents are failures.")
@click.option("--batch-size", default=16, show_default=True, help="Articles per transaction.")
@ACTORS_OPTION
@LEXICON_OPTION
def ingest(paths: tuple[str, ...], db: str, default_date: date | None, strict: bool, max_chars: int,
           batch_size: int, actor_files: tuple[Path, ...], lexicon_files: tuple[Path, ...]) -> None:
    """Code text, HTML, RSS/Atom and JSONL files (or directories, globs) into the store."""
    from eventcoder.ingest import estimate_count
    from eventcoder.pipeline import Pipeline
    from eventcoder.store.loader import IngestOptions
    from eventcoder.store.loader import ingest as run_ingest

    options = IngestOptions(default_date=default_date, max_chars=max_chars, batch_size=batch_size)
    pipeline = Pipeline(actor_files, lexicon_files)

    def coder(articles):
        return pipeline.code_many(articles)

    with _open(db, read_only=False) as store:
        if sys.stdout.isatty():
            summary = _ingest_with_progress(paths, store, coder, options, estimate_count(paths))
        else:
            summary = run_ingest(paths, store, coder, options)
    result = summary.to_dict() | {"db": db}
    if sys.stdout.isatty():
        _print_summary(result)
    else:
        click.echo(json.dumps(result))
    if strict and summary.failed:
        sys.exit(1)


def _ingest_with_progress(paths, store, coder, options, total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from eventcoder.store.loader import ingest as run_ingest

    columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)

        def report(summary) -> None:
            rate = summary.coded / summary.seconds if summary.seconds else 0.0
            progress.update(task, completed=summary.processed, rate=rate,
                            total=max(total, summary.processed))

        return run_ingest(paths, store, coder, options, report)


def _print_summary(result: dict[str, Any]) -> None:
    from rich.console import Console

    console = Console()
    console.print(f"[bold]{result['coded']}[/] articles coded, {result['events']} events, "
                  f"{result['already_stored']} already stored, {result['near_duplicates']} near-duplicates, "
                  f"{result['failed']} failed in {result['seconds']:.1f}s "
                  f"({result['articles_per_second']:.1f} articles/s) -> {result['db']}")
    for reason, count in result["failures"].items():
        console.print(f"  failed: {reason}: {count}")


def _emit(columns: list[str], rows, fmt: str) -> None:
    if fmt == "json":
        records = [dict(zip(columns, r, strict=True)) for r in rows]
        click.echo(json.dumps(records, default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


@click.command()
@DB_OPTION
@filter_options
@click.option("--limit", default=50, show_default=True, help="Most rows to show (0: all).")
@click.option("--sql", help="Run this SQL on a read-only connection instead of the filters.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def query(db: str, limit: int, sql: str | None, fmt: str, **filters: Any) -> None:
    """Show events from the store, filtered, or the result of raw read-only SQL."""
    from eventcoder.store.query import BRIEF_COLUMNS, select_events

    with _open(db, read_only=True) as store:
        try:
            if sql:
                columns, rows = store.rows(sql)
            else:
                columns, rows = select_events(store, _filter(filters), limit or None)
                if fmt == "table":
                    keep = [columns.index(c) for c in BRIEF_COLUMNS]
                    columns, rows = list(BRIEF_COLUMNS), ([r[i] for i in keep] for r in rows)
            _emit(columns, rows, fmt)
        except Exception as exc:
            if isinstance(exc, click.ClickException):
                raise
            raise click.ClickException(f"query failed: {exc}") from None


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["gdelt", "parquet", "jsonl"]), required=True)
@click.option("--out", required=True, type=click.Path(), help="Output file (a directory for parquet).")
@filter_options
def export(db: str, fmt: str, out: str, **filters: Any) -> None:
    """Export events as GDELT 2.0 TSV, Parquet partitioned by year/month, or JSONL."""
    from eventcoder.export import export as run_export

    with _open(db, read_only=True) as store:
        count = run_export(store, fmt, out, _filter(filters))
    click.echo(json.dumps({"format": fmt, "out": out, "events": count}))
