"""Train the pentaclass sentence classifier and measure it against the rules (issue 4).

Data: the ConfliBERT / Multi-CoPED sentences (gold pentaclass), the team's events gold
(CAMEO codes -> class) and, optionally, the leads of the NGEC synthetic stories (PLOVER
pseudo-labels -> class, down-weighted). Every text is coded by the rule pipeline first, so
the classifier sees the same rule events it sees at run time.

Evaluation: 5-fold cross-validation on the ConfliBERT sentences (seeded); each fold is
trained on the other four plus the extra sources. Compared: (a) rules alone, as
events_eval.py scores them; (b) classifier on words only; (c) classifier with the rule
events as features (learned combination); (d) rules, and the classifier where the rules
find no asserted event (back-off). Then the shipped model is trained on all the data.

Usage: python benchmarks/train_pentaclass.py [--folds 5] [--ngec-weight 0] [--save] [--cache FILE]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events_eval import CONFLIBERT, letters_key, macro_f1, main_event, read_ngec, read_tsv  # noqa: E402
from events_eval import pentaclass as rule_class  # noqa: E402

from eventcoder.classify.features import hashed, span_events  # noqa: E402
from eventcoder.classify.predict import MODEL_PATH, PentaModel  # noqa: E402
from eventcoder.model import Article, Event  # noqa: E402
from eventcoder.nlp import parse_many  # noqa: E402
from eventcoder.pipeline import Pipeline  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "events_gold.jsonl"
CLASSES = 5
# PLOVER category -> pentaclass, via the CAMEO roots each stands for. REQUEST is left out:
# it covers both appeals (02, a statement here) and demands (10, verbal conflict).
PLOVER_CLASS = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2,
                "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4,
                "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'][.!?])\s+(?=[A-Z\"])")


@dataclass(slots=True)
class Example:
    """One labelled text with its features and the rules' own answer."""

    source: str
    label: int
    weight: float
    buckets: np.ndarray
    text_buckets: np.ndarray
    rules: int | None  # class of the main asserted event; None without one
    key: str  # letters and digits of the text, to keep repeated sentences together


def cameo_class(code: str) -> int:
    """Pentaclass of a CAMEO code: 01/02 statement, else QuadClass by root."""
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def gold_rows() -> list[tuple[str, int]]:
    """Team gold sentences with at least one event: the class of the first non-statement event."""
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        classes = [cameo_class(e["cameo"]) for e in record.get("events", []) if e.get("cameo")]
        if classes:
            out.append((record["text"], next((c for c in classes if c), 0)))
    return out


def ngec_rows() -> list[tuple[str, int]]:
    """The lead sentence of each NGEC story with its mapped pseudo-label."""
    out = []
    for row in read_ngec():
        if row["label"] in PLOVER_CLASS:
            lead = _SENTENCE_END.split(row["text"].strip(), maxsplit=1)[0][:600]
            out.append((lead, PLOVER_CLASS[row["label"]]))
    return out


def code_texts(texts: Sequence[str]) -> list[tuple[object, list[Event]]]:
    """Parse and code each text with the rule pipeline."""
    pipeline = Pipeline()
    docs = list(parse_many(texts))
    return [(d, pipeline.code_doc(Article(f"t{i}", t), d).events) for i, (t, d) in enumerate(zip(texts, docs,
                                                                                             strict=True))]


def build(bits: int, ngec_weight: float, cache: Path | None) -> list[Example]:
    """All examples, coded once (and cached when asked, since coding takes a few minutes)."""
    sources = {"conflibert": read_tsv(CONFLIBERT / "cameo_class_train.tsv"), "gold": gold_rows()}
    if ngec_weight > 0:
        sources["ngec"] = ngec_rows()
    if cache and cache.exists():
        coded = pickle.loads(cache.read_bytes())
    else:
        coded = {}
    for name, rows in sources.items():
        if name not in coded:
            started = time.perf_counter()
            coded[name] = code_texts([t for t, _ in rows])
            print(f"coded {name}: {len(rows)} texts in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    if cache:
        cache.write_bytes(pickle.dumps(coded))
    weights = {"conflibert": 1.0, "gold": 1.0, "ngec": ngec_weight}
    out = []
    for name, rows in sources.items():
        for (_, label), (doc, events) in zip(rows, coded[name], strict=True):
            span = doc[:]
            mine = span_events(span, events)
            main = main_event(events, doc, "content")
            out.append(Example(name, label, weights[name], hashed(span, mine, bits), hashed(span, mine, bits, False),
                               None if main is None else rule_class(main), letters_key(doc.text)))
    return out


def train(examples: Sequence[Example], bits: int, use_events: bool, l2: float = 3e-5, epochs: int = 300,
          lr: float = 0.05) -> PentaModel:
    """Multinomial logistic regression by full-batch Adam on weighted examples."""
    rows = [e.buckets if use_events else e.text_buckets for e in examples]
    lengths = np.array([len(r) for r in rows])
    cols = np.concatenate(rows)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.eye(CLASSES)[[e.label for e in examples]]
    sw = np.array([e.weight for e in examples])
    sw = sw / sw.sum()
    size = 1 << bits
    params = [np.zeros((size, CLASSES)), np.zeros(CLASSES)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, epochs + 1):
        w, b = params
        s = b + np.add.reduceat(w[cols], starts, axis=0)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * sw[:, None]
        gw = np.stack([np.bincount(cols, weights=g[row_of, k], minlength=size) for k in range(CLASSES)], axis=1)
        grads = [gw + l2 * w, g.sum(axis=0)]
        for param, grad, (m, v) in zip(params, grads, moments, strict=True):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return PentaModel(params[0].astype(np.float32), params[1].astype(np.float32), bits, use_events)


def predict(model: PentaModel, examples: Sequence[Example]) -> list[int]:
    """Predicted class of each example."""
    out = []
    for e in examples:
        buckets = e.buckets if model.use_events else e.text_buckets
        out.append(int(model.scores(buckets).argmax()))
    return out


def per_class_f1(gold: Sequence[int], pred: Sequence[int]) -> list[float]:
    """F1 of each class."""
    out = []
    for k in range(CLASSES):
        tp = sum(g == p == k for g, p in zip(gold, pred, strict=True))
        fp = sum(p == k != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == k != p for g, p in zip(gold, pred, strict=True))
        out.append(round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0)
    return out


def report(gold: Sequence[int], pred: Sequence[int]) -> dict:
    """Macro F1, accuracy and per-class F1."""
    return {"macro_f1": round(macro_f1(gold, pred), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
            "per_class_f1": per_class_f1(gold, pred)}


def cross_validate(examples: Sequence[Example], folds: int, bits: int, l2: float, seed: int = 0) -> dict:
    """k-fold figures on the ConfliBERT sentences for the rules, the classifiers and the back-off."""
    target = [i for i, e in enumerate(examples) if e.source == "conflibert"]
    extra = [e for e in examples if e.source != "conflibert"]
    # Repeated sentences (a few in the TSV) share a fold, so none is tested on its own copy.
    groups = list(dict.fromkeys(examples[i].key for i in target))
    order = np.random.default_rng(seed).permutation(len(groups))
    group_fold = {groups[j]: n % folds for n, j in enumerate(order)}
    fold_of = {i: group_fold[examples[i].key] for i in target}
    gold, preds = [], {"rules": [], "words": [], "learned": [], "backoff": []}
    for fold in range(folds):
        test = [examples[i] for i in target if fold_of[i] == fold]
        train_set = [examples[i] for i in target if fold_of[i] != fold] + extra
        words = predict(train(train_set, bits, False, l2), test)
        learned = predict(train(train_set, bits, True, l2), test)
        gold += [e.label for e in test]
        preds["rules"] += [0 if e.rules is None else e.rules for e in test]
        preds["words"] += words
        preds["learned"] += learned
        preds["backoff"] += [w if e.rules is None else e.rules for e, w in zip(test, learned, strict=True)]
    return {name: report(gold, p) for name, p in preds.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, then (with --save) train the shipped model on all the data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--bits", type=int, default=18, help="hash space is 2**bits buckets")
    parser.add_argument("--l2", type=float, default=3e-5,
                        help="L2 penalty on the weights (1e-4 underfit the parse features; 1e-5 overfit)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fold assignment")
    parser.add_argument("--ngec-weight", type=float, default=0.0,
                        help="weight of NGEC leads; 0 (default) leaves them out: they lowered CV F1")
    parser.add_argument("--no-gold", action="store_true", help="leave the team's events gold out")
    parser.add_argument("--cache", type=Path, help="pickle of the coded texts, reused across runs")
    parser.add_argument("--save", action="store_true", help=f"train on everything and write {MODEL_PATH.name}")
    args = parser.parse_args(argv)
    examples = build(args.bits, args.ngec_weight, args.cache)
    if args.no_gold:
        examples = [e for e in examples if e.source != "gold"]
    counts = {s: sum(e.source == s for e in examples) for s in ("conflibert", "gold", "ngec")}
    result: dict = {"examples": counts, "bits": args.bits, "l2": args.l2, "ngec_weight": args.ngec_weight,
                    "seed": args.seed}
    if args.folds > 1:
        result["cv"] = cross_validate(examples, args.folds, args.bits, args.l2, args.seed)
    if args.save:
        model = train(examples, args.bits, True, args.l2)
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        model.save(MODEL_PATH)
        result["saved"] = f"{MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes)"
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
