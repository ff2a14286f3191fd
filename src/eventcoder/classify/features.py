"""Features of a sentence (or any span) for the pentaclass classifier.

All features are hashed binary ones: the words (lemmas, lemma bigrams, four-letter pieces of
verbs and nouns), the dependency parse (the root verb with its object, preposition, particle,
subject type, complement and modal; every verb with its negation and object) and the CAMEO
root / class of each rule event with its modality. A dense part (the mean of spaCy's
``doc.tensor``) was tried and dropped: it lowered cross-validated F1 (it overfits the small data).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from spacy.tokens import Span, Token

from eventcoder.model import Event

# CAMEO roots that the pentaclass calls "Make a Statement" (class 0), as benchmarks/events_eval.py.
STATEMENT_ROOTS = frozenset({"01", "02"})
_MAX_DEPTH = 50
# Dependents of the root verb that say what kind of act it is, by the feature family they feed.
_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
# Words whose spelling pieces are features: they generalise over inflections and compounds
# ("shelling", "airstrikes") where the lemma alone is rare.
_PIECE_POS = frozenset({"VERB", "NOUN"})
_PIECE_LEN = 4


# The sentence classes follow the Phoenix quad classes, not GDELT's QuadClass: investigations (09) and
# reduced relations (16) count as verbal conflict, protests (14) as material conflict. So the ConfliBERT
# training labels have it: of our events with these roots, 17 of 18 (09), 59 of 63 (16) and 13 of 18 (14).
CLASS_OF_ROOT = {"09": 3, "16": 3, "14": 4}


def pentaclass(event: Event) -> int:
    """The sentence class of one event: 0 statement, else its quad class."""
    if event.cameo_root in STATEMENT_ROOTS:
        return 0
    return CLASS_OF_ROOT.get(event.cameo_root, event.quadclass)


def bucket(feature: str, bits: int) -> int:
    """A stable hash bucket (crc32; Python's own hash changes per process)."""
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < _MAX_DEPTH:
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


def _by_depth(span: Span, events: Sequence[Event]) -> list[Event]:
    asserted = [e for e in events if not e.negated and not e.hypothetical]
    return sorted(asserted, key=lambda e: (_trigger_depth(e, span), e.evidence.start))


def main_event(span: Span, events: Sequence[Event]) -> Event | None:
    """The span's main asserted event: the trigger nearest the parse root, a statement only when
    there is nothing else (the reported act outranks "said")."""
    order = _by_depth(span, span_events(span, events))
    return next((e for e in order if e.cameo_root not in STATEMENT_ROOTS), order[0] if order else None)


def event_features(span: Span, events: Sequence[Event]) -> list[str]:
    """Features from the rule events: each event's root and class by modality, and the main one."""
    order = _by_depth(span, events)
    out = [f"n_ev:{min(len(order), 3)}"]
    for event in events:
        mode = "neg" if event.negated else "hyp" if event.hypothetical else "ok"
        out += [f"ev:{mode}:r{event.cameo_root}", f"ev:{mode}:p{pentaclass(event)}"]
        if mode == "ok":
            out.append(f"ev:c{event.cameo}")
    if order:
        main = next((e for e in order if e.cameo_root not in STATEMENT_ROOTS), order[0])
        out += [f"main:p{pentaclass(main)}", f"main:r{main.cameo_root}", f"first:p{pentaclass(order[0])}"]
    return out


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def word_features(span: Span) -> list[str]:
    """Lemmas, lemma bigrams and four-letter pieces of the verbs and nouns."""
    lemmas = [_lemma(t) for t in span if not t.is_punct and not t.is_space]
    out = [f"w:{w}" for w in lemmas]
    out += [f"b:{a}|{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    for token in span:
        if token.pos_ in _PIECE_POS:
            word = f"<{token.lower_}>"
            out += [f"cg:{word[i:i + _PIECE_LEN]}" for i in range(len(word) - _PIECE_LEN + 1)]
    return out


def root_features(span: Span) -> list[str]:
    """The root lemma, its negation, and the root with each dependent that says what the act is."""
    root = span.root
    lemma = _lemma(root)
    out = [f"root:{lemma}"]
    for child in root.children:
        dep = child.dep_
        if dep == "neg":
            out.append("root:neg")
        elif dep in _OBJECT_DEPS:
            out.append(f"rd:{lemma}|{_lemma(child)}")
        elif dep == "prep":
            out.append(f"rp:{lemma}|{child.lower_}")
            out += [f"rpo:{lemma}|{child.lower_}|{_lemma(g)}" for g in child.children if g.dep_ == "pobj"]
        elif dep == "prt":
            out.append(f"rprt:{lemma}|{child.lower_}")
        elif dep in _SUBJECT_DEPS:
            # The entity type generalises over names ("Russia", "Moscow" -> GPE).
            out.append(f"rs:{child.ent_type_ or _lemma(child)}")
        elif dep in _CLAUSE_DEPS:
            out += [f"rc:{lemma}|{_lemma(child)}", f"c:{_lemma(child)}"]
        elif dep == "aux" and child.tag_ == "MD":
            out.append(f"md:{child.lower_}")
    return out


def verb_features(span: Span) -> list[str]:
    """Every verb's lemma (marked when negated) and each verb with its direct object."""
    out = []
    for token in span:
        if token.pos_ != "VERB":
            continue
        lemma = _lemma(token)
        negated = any(c.dep_ == "neg" for c in token.children)
        out.append(f"v:{lemma}:neg" if negated else f"v:{lemma}")
        out += [f"vo:{lemma}|{_lemma(c)}" for c in token.children if c.dep_ in ("dobj", "obj")]
    return out


def text_features(span: Span) -> list[str]:
    """Features from the words and the parse (no rule events)."""
    return word_features(span) + root_features(span) + verb_features(span)


def hashed(span: Span, events: Sequence[Event], bits: int, use_events: bool = True) -> np.ndarray:
    """Sorted unique hash buckets of the span's features."""
    names = text_features(span) + (event_features(span, events) if use_events else [])
    return np.unique(np.fromiter((bucket(n, bits) for n in names), dtype=np.int64, count=len(names)))
