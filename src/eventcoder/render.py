"""Human-readable views of a CodedArticle (the CLI's table format)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eventcoder.model import CodedArticle


def _actor(actor: object) -> str:
    if actor is None:
        return "-"
    return f"{actor.code} ({actor.text})" if actor.text else actor.code  # an unnamed doer has no words


def events_table(coded: CodedArticle) -> Table:
    """One row per event: date, dyad, codes, place and the evidence."""
    table = Table(title=f"{coded.id}: {len(coded.events)} events", show_lines=False, expand=False)
    for column in ("date", "source", "CAMEO", "PLOVER", "target", "where", "flags", "evidence"):
        table.add_column(column, overflow="fold")
    for event in coded.events:
        flags = ",".join(f for f, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on)
        table.add_row(event.date or "", _actor(event.source), event.cameo, event.plover or "", _actor(event.target),
                      event.location.name if event.location else "", flags, event.evidence.text)
    return table


def quotes_table(coded: CodedArticle) -> Table:
    table = Table(title=f"{len(coded.quotes)} quotes")
    for column in ("speaker", "kind", "cue", "quote"):
        table.add_column(column, overflow="fold")
    for quote in coded.quotes:
        table.add_row(_actor(quote.speaker), quote.kind, quote.cue or "", quote.text)
    return table


def print_table(coded: CodedArticle, console: Console | None = None) -> None:
    """Print the article's events and quotes as tables."""
    console = console or Console()
    console.print(events_table(coded))
    if coded.quotes:
        console.print(quotes_table(coded))
