"""Quotes: direct, indirect and mixed statements attributed to a resolved speaker.

Public surface (the pipeline calls only this):
    extract_quotes(doc, speaker_of) -> list[Quote]
where ``speaker_of(span)`` resolves a spaCy Span naming the speaker (a name, a title,
a pronoun) to an Actor, or None. ``find_quotes`` gives the same quotes with the speaker
Span itself (the Quote type has no field for an unresolved speaker's text).
The rules are documented in ``eventcoder.quotes.extract``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from eventcoder.model import Actor, Quote
from eventcoder.nlp import text_of
from eventcoder.quotes.extract import FoundQuote, find_quotes
from eventcoder.quotes.lexicon import CueLexicon, default_lexicon, load_lexicon

SpeakerResolver = Callable[[Span], Actor | None]

__all__ = ["FoundQuote", "CueLexicon", "extract_quotes", "find_quotes", "load_lexicon", "to_quote"]


def to_quote(doc: Doc, found: FoundQuote, speaker_of: SpeakerResolver) -> Quote:
    """A FoundQuote as the pipeline's Quote, its speaker resolved (None when unresolved)."""
    actor = speaker_of(found.speaker) if found.speaker is not None else None
    return Quote(
        speaker=actor, text=text_of(doc)[found.start : found.end], start=found.start, end=found.end,
        cue=found.cue, kind=found.kind, cue_start=found.cue_start, cue_end=found.cue_end,
    )


def extract_quotes(doc: Doc, speaker_of: SpeakerResolver, lexicon: CueLexicon | None = None) -> list[Quote]:
    """Every attributed statement in the document."""
    lex = lexicon or default_lexicon()
    return [to_quote(doc, f, speaker_of) for f in find_quotes(doc, lex)]
