"""Quotes: direct, indirect and mixed statements attributed to a resolved speaker.

Public surface (the pipeline calls only this):
    extract_quotes(doc, speaker_of) -> list[Quote]
where ``speaker_of(span)`` resolves a spaCy Span naming the speaker (a name, a title,
a pronoun) to an Actor, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from eventcoder.model import Actor, Quote

SpeakerResolver = Callable[[Span], Actor | None]


def extract_quotes(doc: Doc, speaker_of: SpeakerResolver) -> list[Quote]:
    """Every attributed statement in the document."""
    return []
