"""The data types that flow between eventcoder's stages.

Every stage takes and returns these plain dataclasses; offsets are character offsets
into the article text. ``CodedArticle.to_dict`` is the output contract of
``eventcoder code --format json`` (see DESIGN.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Article:
    """One document to code, as read by ``eventcoder.ingest``."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(slots=True)
class Span:
    """A piece of the article text that carries a field (evidence)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Actor:
    """A resolved actor mention: CAMEO-style code plus where it was found."""

    text: str
    start: int
    end: int
    code: str
    country: str | None
    sector: str | None = None
    name: str | None = None
    # How the code was reached (dictionary entry, title, coreference ...), for explain.
    how: str = ""


@dataclass(slots=True)
class Place:
    """A toponym resolved to a gazetteer entry."""

    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    admin1: str | None = None
    feature: str | None = None
    # True when the name stands for a government or state that acts ("Ankara said").
    is_actor: bool = False


@dataclass(slots=True)
class TimeExpr:
    """A time expression resolved against the publication date."""

    text: str
    start: int
    end: int
    value: str | None  # 2020-02-12, 2019-12, 2018; None when the text alone cannot fix it
    precision: str | None  # day | month | year | week | quarter | season | decade | ref (see dates.normalize)


@dataclass(slots=True)
class Event:
    """Who did what to whom: one coded event."""

    id: str
    sentence: int
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    goldstein: float
    quadclass: int
    evidence: Span
    plover_mode: str | None = None
    # The word(s) that carry the event: the verb or noun that fired, and its support verb if any.
    trigger: Span | None = None
    negated: bool = False
    hypothetical: bool = False
    date: str | None = None
    date_precision: str | None = None
    location: Place | None = None
    confidence: float = 1.0
    # The lexicon pattern that fired and why each field has its value, for explain.
    pattern: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """An attributed statement: who said what, and the cue that says so."""

    speaker: Actor | None
    text: str
    start: int
    end: int
    cue: str | None
    kind: str  # direct | indirect | mixed
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    # Learned CAMEO pentaclass (0 statement ... 4 material conflict; eventcoder.classify), None if no words.
    pentaclass: int | None = None
    # Learned argument phrases (eventcoder.classify.arguments): who acts, and on whom or what, as the
    # sentence words them, also where no event could be coded.
    sources: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class CodedArticle:
    """The one output type: everything eventcoder found in an article."""

    id: str
    title: str | None
    published: date | None
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    url: str | None = None
    publisher: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the output contract."""
        out = dataclasses.asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        return out
