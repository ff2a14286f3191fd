"""Dates: time expressions resolved against the publication date, and a date per event.

Public surface (the pipeline calls only these):
    find_times(doc, published) -> list[TimeExpr]
    date_events(events, times, doc, published) -> None   # sets event.date and precision
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from eventcoder.dates.attach import attach
from eventcoder.dates.find import find
from eventcoder.model import Event, TimeExpr


def find_times(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Every time expression with its resolved value and precision."""
    return find(doc, published)


def date_events(events: list[Event], times: list[TimeExpr], doc: Doc, published: date | None) -> None:
    """Each event takes the date governing its clause, else the publication date."""
    attach(events, times, doc, published)
