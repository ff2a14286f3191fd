"""Features of a sentence (or any span) for the pentaclass classifier.

Two parts: hashed binary features (lemmas, lemma bigrams, the root verb, and the CAMEO
root / class of each rule event with its modality) and a dense part, the mean of spaCy's
``doc.tensor`` over the span (already computed by the parse, so free).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Span, Token

from eventcoder.model import Event

# CAMEO roots that the pentaclass calls "Make a Statement" (class 0), as benchmarks/events_eval.py.
STATEMENT_ROOTS = frozenset({"01", "02"})
DENSE_DIM = 96
_MAX_DEPTH = 50


def pentaclass(event: Event) -> int:
    """The pentaclass of one event: 0 statement, else its QuadClass."""
    return 0 if event.cameo_root in STATEMENT_ROOTS else event.quadclass


def bucket(feature: str, bits: int) -> int:
    """A stable hash bucket (crc32; Python's own hash changes per process)."""
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < _MAX_DEPTH:
        token, depth = token.head, depth + 1
    return depth


def _trigger_depth(event: Event, span: Span) -> int:
    """Parse depth of the event's trigger (shallower = nearer the main clause)."""
    place = event.trigger or event.evidence
    tokens = [t for t in span if t.idx < place.end and place.start < t.idx + len(t)]
    return min((_depth(t) for t in tokens), default=_MAX_DEPTH)


def span_events(span: Span, events: Iterable[Event]) -> list[Event]:
    """The events whose trigger (or evidence) starts inside the span."""
    return [e for e in events if span.start_char <= (e.trigger or e.evidence).start < span.end_char]


def event_features(span: Span, events: Sequence[Event]) -> list[str]:
    """Features from the rule events: each event's root and class by modality, and the main one."""
    asserted = [e for e in events if not e.negated and not e.hypothetical]
    out = [f"n_ev:{min(len(asserted), 3)}"]
    for event in events:
        mode = "neg" if event.negated else "hyp" if event.hypothetical else "ok"
        out += [f"ev:{mode}:r{event.cameo_root}", f"ev:{mode}:p{pentaclass(event)}"]
        if mode == "ok":
            out.append(f"ev:c{event.cameo}")
    if asserted:
        order = sorted(asserted, key=lambda e: (_trigger_depth(e, span), e.evidence.start))
        main = next((e for e in order if e.cameo_root not in STATEMENT_ROOTS), order[0])
        out += [f"main:p{pentaclass(main)}", f"main:r{main.cameo_root}", f"first:p{pentaclass(order[0])}"]
    return out


def text_features(span: Span) -> list[str]:
    """Features from the words: lemmas, lemma bigrams, the root lemma and its negation."""
    lemmas = [t.lemma_.lower() for t in span if not t.is_punct and not t.is_space]
    out = [f"w:{w}" for w in lemmas]
    out += [f"b:{a}|{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    root = span.root
    out.append(f"root:{root.lemma_.lower()}")
    if any(c.dep_ == "neg" for c in root.children):
        out.append("root:neg")
    return out


def dense_features(span: Span) -> np.ndarray:
    """Mean of the parse's token vectors over the span (zeros when the Doc has none)."""
    tensor = span.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[1] != DENSE_DIM or len(tensor) < span.end:
        return np.zeros(DENSE_DIM, dtype=np.float32)
    return tensor[span.start:span.end].mean(axis=0).astype(np.float32)


def hashed(span: Span, events: Sequence[Event], bits: int, use_events: bool = True) -> np.ndarray:
    """Sorted unique hash buckets of the span's features."""
    names = text_features(span) + (event_features(span, events) if use_events else [])
    return np.unique(np.fromiter((bucket(n, bits) for n in names), dtype=np.int64, count=len(names)))
