"""A learned tagger for who acts on whom in a sentence: the source and target argument phrases.

The rules code an event only when its actors resolve to codes and a lexicon pattern fits; the
argument phrases themselves ("the draft truce resolution proposed by the Security Council",
"Prime Minister Hun Sen's government") are often wider or have no code. This linear-chain CRF
(python-crfsuite) labels each token B/I-S (source), B/I-T (target) or O, from the words, the
parse, the actor mentions and the rule events of the sentence, so it learns the phrasing of the
arguments where the rules are silent or cut them short. It is trained on the ConfliBERT /
Multi-CoPED argument spans by ``benchmarks/train_arguments.py`` and stored in
``data/classify/arguments.crfsuite``; its spans fill ``Sentence.sources`` and ``Sentence.targets``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, Span, Token

from eventcoder.classify.features import main_event
from eventcoder.model import Actor, Event
from eventcoder.model import Span as TextSpan
from eventcoder.nlp import text_of

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "classify" / "arguments.crfsuite"
SOURCE, TARGET = "S", "T"
_MAX_DISTANCE = 6
_NEIGHBOUR_KEYS = ("w", "pos", "dep", "rule", "ent", "actor", "rootarg", "tag")
_PATH_STEPS = 6
# A statement's learned target phrase is what it is about, not whom it addresses.
_STATEMENT_ROOT = "01"

Features = dict[str, str | bool | float]


def token_marks(bounds: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """B<label>/I<label>/O for each token (given by its character bounds), from character spans."""
    marks = ["O"] * len(bounds)
    for start, end, label in spans:
        inside = [n for n, (a, b) in enumerate(bounds) if a < end and start < b]
        for n, i in enumerate(inside):
            marks[i] = ("B" if n == 0 else "I") + label
    return marks


def _argument_spans(event: Event) -> list[tuple[int, int, str]]:
    spans = [(event.source.start, event.source.end, SOURCE)]
    if event.target is not None:
        spans.append((event.target.start, event.target.end, TARGET))
    return spans


def _path_to(token: Token, trigger: set[int]) -> str:
    """The last two dependency labels on the way from the token up to the trigger (or the root)."""
    path, walk = [], token
    for _ in range(_PATH_STEPS):
        if walk.i in trigger or walk.head == walk:
            break
        path.append(walk.dep_)
        walk = walk.head
    return "/".join(path[-2:])


def _clause_arguments(sentence: Span) -> dict[int, str]:
    """For each token, the dependency label of the root's child whose subtree holds it."""
    found = {sentence.root.i: "ROOT"}
    for child in sentence.root.children:
        found.update((t.i, child.dep_) for t in child.subtree)
    return found


def token_features(sentence: Span, events: Sequence[Event], actors: Sequence[Actor]) -> list[Features]:
    """One feature dict per token of the sentence."""
    start, end = sentence.start_char, sentence.end_char
    # The events of this sentence (their trigger, source or target is in it) that name their doer.
    asserted = [e for e in events if not e.negated and not e.hypothetical and e.source.text and any(
        a is not None and a.start < end and start < a.end for a in (e.source, e.target, e.trigger or e.evidence))]
    main = main_event(sentence, asserted)
    bounds = [(t.idx, t.idx + len(t)) for t in sentence]
    rule = token_marks(bounds, _argument_spans(main) if main else [])
    rule_all = token_marks(bounds, [s for e in asserted for s in _argument_spans(e)])
    actor = token_marks(bounds, [(a.start, a.end, "A") for a in actors])
    clause = _clause_arguments(sentence)
    trigger: set[int] = set()
    if main is not None and main.trigger is not None:
        trigger = {t.i for t in sentence if t.idx < main.trigger.end and main.trigger.start < t.idx + len(t)}
    first = min(trigger) if trigger else None
    root = sentence.root
    out: list[Features] = []
    for n, token in enumerate(sentence):
        f: Features = {
            "bias": 1.0, "w": token.lower_, "suf": token.lower_[-3:], "shape": token.shape_[:4],
            "pos": token.pos_, "tag": token.tag_, "dep": token.dep_, "hdep": token.head.dep_,
            "hpos": token.head.pos_, "ent": token.ent_iob_ + token.ent_type_, "rule": rule[n],
            "ruleall": rule_all[n], "actor": actor[n], "istrig": token.i in trigger,
            "hastrig": first is not None, "title": token.is_title, "rootarg": clause.get(token.i, "ROOT"),
            "rootside": "L" if token.i < root.i else "R", "rootlem": root.lemma_.lower(),
            "lem": token.lemma_.lower(), "hlem": token.head.lemma_.lower(), "hhdep": token.head.head.dep_,
            "hent": token.head.ent_type_,
            "hrule": rule[token.head.i - sentence.start] if sentence.start <= token.head.i < sentence.end else "O",
        }
        if first is not None:
            f["side"] = "T" if token.i in trigger else "L" if token.i < first else "R"
            f["dist"] = str(min(abs(token.i - first), _MAX_DISTANCE))
            f["in_trig_subtree"] = sentence.doc[first].is_ancestor(token)
            f["path2"] = _path_to(token, trigger)
            f["triglem"] = sentence.doc[first].lemma_.lower()
        out.append(f)
    for n, f in enumerate(out):
        for offset in (-1, 1, -2, 2):
            m = n + offset
            if 0 <= m < len(out):
                for key in _NEIGHBOUR_KEYS:
                    f[f"{offset}{key}"] = out[m][key]
            else:
                f[f"{offset}BOS"] = True
    return out


def labelled_spans(sentence: Span, labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(S or T, start char, end char) for each run of B-/I- labels."""
    spans: list[list] = []
    for token, label in zip(sentence, labels, strict=True):
        if label == "O":
            continue
        kind = label[2:]
        if label.startswith("B-") or not spans or spans[-1][0] != kind or spans[-1][3] != token.i - 1:
            spans.append([kind, token.idx, token.idx + len(token), token.i])
        else:
            spans[-1][2:] = [token.idx + len(token), token.i]
    return [(kind, start, end) for kind, start, end, _ in spans]


class ArgumentTagger:
    """The packaged CRF, applied one sentence at a time."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))

    def tag(self, sentence: Span, events: Sequence[Event], actors: Sequence[Actor]) -> list[str]:
        return self.tagger.tag(token_features(sentence, events, actors))


@lru_cache(maxsize=1)
def get_tagger() -> ArgumentTagger | None:
    """The packaged tagger, loaded once per process; None only while the training script makes the first one."""
    return ArgumentTagger() if MODEL_PATH.exists() else None


def sentence_arguments(doc: Doc, events: Sequence[Event],
                       actors: Sequence[Actor]) -> list[tuple[list[TextSpan], list[TextSpan]]]:
    """For each sentence of the Doc, its source phrases and its target phrases."""
    tagger, text = get_tagger(), text_of(doc)
    out: list[tuple[list[TextSpan], list[TextSpan]]] = []
    for sentence in doc.sents:
        if tagger is None:
            out.append(([], []))
            continue
        mine = [a for a in actors if sentence.start_char <= a.start < sentence.end_char]
        words = any(t.is_alpha for t in sentence)
        spans = labelled_spans(sentence, tagger.tag(sentence, events, mine)) if words else []
        found = {kind: [TextSpan(a, b, text[a:b]) for k, a, b in spans if k == kind] for kind in (SOURCE, TARGET)}
        out.append((found[SOURCE], found[TARGET]))
    return out


def aim_events(events: Sequence[Event], arguments: Sequence[tuple[list[TextSpan], list[TextSpan]]],
               actors: Sequence[Actor]) -> list[Event]:
    """Events the rules left without a target, given the actor inside their sentence's learned target
    phrase ("... the standoff with U.N. weapons inspectors"): one of another country than the source."""
    out = []
    for event in events:
        phrases = arguments[event.sentence][1] if event.target is None and event.sentence < len(arguments) else []
        found = next((a for a in actors for p in phrases if p.start <= a.start and a.end <= p.end
                      and a.code != event.source.code and a.country != event.source.country), None)
        if found is None or event.cameo_root == _STATEMENT_ROOT:
            out.append(event)
            continue
        how = f"{found.how}; inside the learned target phrase"
        out.append(replace(event, target=replace(found, how=how), confidence=round(event.confidence - 0.05, 2),
                           notes=[*event.notes, f"target {found.text!r}: the actor in the sentence's learned "
                                                f"target phrase, as the rules found none"]))
    return out
