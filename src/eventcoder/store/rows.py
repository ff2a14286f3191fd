"""Flatten a CodedArticle into rows for the store's tables."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from eventcoder.model import Actor, CodedArticle, Event, Place


@dataclass(slots=True)
class ArticleRows:
    """All rows one article adds to the store, written together in one transaction."""

    article: tuple
    events: list[tuple] = field(default_factory=list)
    actors: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    places: list[tuple] = field(default_factory=list)


def event_key(article_hash: str, index: int, event_id: str) -> int:
    """A stable positive 60-bit integer id for an event (the same on every run)."""
    return int(hashlib.sha256(f"{article_hash}:{index}:{event_id}".encode()).hexdigest()[:15], 16)


def event_day(value: str | None, published: date | None) -> date | None:
    """The first day of the event's period (day, week, month, quarter, season, year), else published.

    Values are TimeML-style: 2020-02-12, 2020-W06, 2020-02, 2020-Q3, 2020-SU, 2020.
    """
    if not value or not value[:4].isdigit():
        return published
    year = int(value[:4])
    rest = value[5:]
    try:
        if len(rest) >= 5 and rest[2] == "-":
            return date.fromisoformat(value[:10])
        if rest.startswith("W") and rest[1:3].isdigit():
            return date.fromisocalendar(year, int(rest[1:3]), 1)
        if rest.startswith("Q") and rest[1:2].isdigit():
            return date(year, 3 * int(rest[1]) - 2, 1)
        if rest[:2] in _SEASON_MONTH:
            return date(year, _SEASON_MONTH[rest[:2]], 1)
        if rest[:2].isdigit():
            return date(year, int(rest[:2]), 1)
        if not rest and len(value) == 4:
            return date(year, 1, 1)
    except ValueError:
        pass
    return published


_SEASON_MONTH = {"WI": 1, "SP": 3, "SU": 6, "FA": 9, "AU": 9}


def _actor(actor: Actor | None) -> tuple:
    if actor is None:
        return (None,) * 7
    return (actor.text, actor.code, actor.country, actor.sector, actor.name, actor.start, actor.end)


def _location(place: Place | None) -> tuple:
    if place is None:
        return (None,) * 8
    return (place.text, place.name, place.country, place.admin1, place.geonameid, place.lat, place.lon,
            place.feature)


def _cameo_base(cameo: str) -> str:
    return cameo[:3] if len(cameo) >= 3 else cameo


def event_row(article_hash: str, index: int, ev: Event, published: date | None) -> tuple:
    """One events-table row, columns in schema order."""
    return (
        event_key(article_hash, index, ev.id), article_hash, ev.id, ev.sentence,
        *_actor(ev.source), *_actor(ev.target),
        ev.cameo, _cameo_base(ev.cameo), ev.cameo_root, ev.plover, ev.plover_mode, ev.goldstein, ev.quadclass,
        ev.negated, ev.hypothetical, ev.confidence, ev.date, ev.date_precision, event_day(ev.date, published),
        *_location(ev.location), ev.evidence.start, ev.evidence.end, ev.evidence.text, ev.pattern,
    )


def article_rows(coded: CodedArticle, article_hash: str, source: str, kind: str, n_chars: int,
                 dup_group: str, minhash: bytes) -> ArticleRows:
    """The rows of every table for one coded article."""
    article = (
        article_hash, coded.id, source, kind, coded.title, coded.url, coded.publisher, coded.published,
        datetime.now(), n_chars, len(coded.sentences), len(coded.events), dup_group, minhash,
    )
    return ArticleRows(
        article=article,
        events=[event_row(article_hash, i, ev, coded.published) for i, ev in enumerate(coded.events)],
        actors=[(article_hash, i, a.text, a.start, a.end, a.code, a.country, a.sector, a.name, a.how)
                for i, a in enumerate(coded.actors)],
        quotes=[(article_hash, i, q.speaker and q.speaker.text, q.speaker and q.speaker.code, q.text, q.start,
                 q.end, q.cue, q.kind) for i, q in enumerate(coded.quotes)],
        places=[(article_hash, i, p.text, p.start, p.end, p.name, p.country, p.admin1, p.geonameid, p.lat,
                 p.lon, p.feature, p.is_actor) for i, p in enumerate(coded.places)],
    )
