"""Loading the packaged pentaclass model and applying it to sentences."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from eventcoder.classify.features import hashed, span_events
from eventcoder.model import Event

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "classify" / "pentaclass.npz"


class PentaModel:
    """Multinomial logistic regression over hashed binary features."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, bits: int, use_events: bool = True) -> None:
        self.weights, self.bias = weights, bias
        self.bits, self.use_events = bits, use_events

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PentaModel:
        """Read a model saved by benchmarks/train_pentaclass.py."""
        with np.load(path) as z:
            return cls(z["weights"].astype(np.float32), z["bias"].astype(np.float32), int(z["bits"]),
                       bool(z["use_events"]))

    def save(self, path: Path) -> None:
        """Write the model as a compressed .npz (float16 weights keep it small)."""
        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=self.bias,
                            bits=np.int64(self.bits), use_events=np.bool_(self.use_events))

    def scores(self, buckets: np.ndarray) -> np.ndarray:
        """Unnormalised class scores for one example."""
        return self.bias + self.weights[buckets].sum(axis=0)

    def probs(self, span: Span, events: Sequence[Event]) -> np.ndarray:
        """Class probabilities for one span given all the Doc's events."""
        mine = span_events(span, events)
        s = self.scores(hashed(span, mine, self.bits, self.use_events))
        e = np.exp(s - s.max())
        return e / e.sum()


@lru_cache(maxsize=1)
def get_model() -> PentaModel:
    """The packaged model, loaded once per process."""
    return PentaModel.load()


def _has_words(span: Span) -> bool:
    return any(t.is_alpha for t in span)


def span_probs(span: Span, events: Sequence[Event]) -> np.ndarray | None:
    """The five class probabilities of a span (a sentence, or a whole short Doc); None without words."""
    return get_model().probs(span, events) if _has_words(span) else None


def span_class(span: Span, events: Sequence[Event]) -> int | None:
    """The most likely pentaclass of a span; None without words."""
    p = span_probs(span, events)
    return None if p is None else int(p.argmax())


def sentence_classes(doc: Doc, events: Sequence[Event]) -> list[int | None]:
    """One pentaclass per sentence of the Doc (None for a sentence without words)."""
    return [span_class(sent, events) for sent in doc.sents]
