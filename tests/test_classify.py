"""Tests of the pentaclass sentence classifier (eventcoder.classify) and its training script."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from eventcoder.classify import sentence_classes, span_class, span_probs
from eventcoder.classify.features import bucket, hashed, pentaclass, span_events, text_features
from eventcoder.classify.predict import MODEL_PATH, PentaModel, get_model
from eventcoder.model import Article
from eventcoder.nlp import parse
from eventcoder.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_pentaclass as tp  # noqa: E402


def _classes(pipeline: Pipeline, text: str) -> list[int | None]:
    doc = parse(text)
    return sentence_classes(doc, pipeline.code_doc(Article("t", text), doc).events)


def test_model_file_is_small_and_loads() -> None:
    assert MODEL_PATH.stat().st_size < 3_000_000
    model = get_model()
    assert model.weights.shape == (1 << model.bits, 5)
    assert model.use_events


def test_hash_is_stable_across_processes() -> None:
    # crc32, not Python's salted hash: the shipped weights depend on these buckets.
    assert bucket("w:attack", 14) == 12644
    assert bucket("w:attack", 14) == bucket("w:attack", 14)


def test_one_class_per_sentence(pipeline: Pipeline) -> None:
    text = "Russian troops shelled the town of Kharkiv on Monday. The two leaders signed a peace agreement."
    classes = _classes(pipeline, text)
    assert len(classes) == len(list(parse(text).sents)) == 2
    assert classes == [4, 1]
    doc = parse("!!! ...")
    assert span_probs(doc[:], []) is None  # no words, no class


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels attacked an army convoy near the border, killing six soldiers.", 4),
    ("Iran accused the United States of supporting terrorism.", 3),
    ("The United Nations delivered food aid to refugees in the camp.", 2),
])
def test_clear_sentences(pipeline: Pipeline, text: str, expected: int) -> None:
    assert _classes(pipeline, text) == [expected]


def test_probabilities_and_event_features(pipeline: Pipeline) -> None:
    text = "Israeli jets bombed targets in Gaza on Tuesday."
    doc = parse(text)
    events = pipeline.code_doc(Article("t", text), doc).events
    probs = span_probs(doc[:], events)
    assert probs is not None and probs.shape == (5,) and abs(float(probs.sum()) - 1) < 1e-5
    assert span_class(doc[:], events) == int(probs.argmax())
    mine = span_events(doc[:], events)
    assert [pentaclass(e) for e in mine] == [4] * len(mine)
    # The rule events change the features: with them there are more buckets than words alone.
    assert len(hashed(doc[:], mine, 14)) > len(hashed(doc[:], mine, 14, use_events=False))


def test_parse_features() -> None:
    doc = parse("Russian troops did not shell the town, but the ministry threatened to retaliate against Kyiv.")
    names = set(text_features(doc[:]))
    # The root with its negation, subject and object; every verb (negated or not) with its object;
    # four-letter pieces of verbs and nouns.
    assert {"root:shell", "root:neg", "rs:troop", "rd:shell|town", "v:shell:neg", "vo:shell|town",
            "v:threaten", "v:retaliate", "cg:<she", "cg:reat"} <= names
    assert "v:shell" not in names


def test_training_learns_a_toy_task(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    examples = []
    for i in range(100):
        label = i % 5
        buckets = np.unique(np.array([label * 10, 60 + int(rng.integers(0, 20))]))
        examples.append(tp.Example("conflibert", label, 1.0, buckets, buckets, None, str(i)))
    model = tp.train(examples, bits=8, use_events=True, epochs=100)
    assert tp.predict(model, examples) == [e.label for e in examples]
    path = tmp_path / "m.npz"
    model.save(path)
    again = PentaModel.load(path)
    assert tp.predict(again, examples) == [e.label for e in examples]
    assert tp.report([0, 1, 2, 3, 4], [0, 1, 2, 3, 3])["per_class_f1"] == [1.0, 1.0, 1.0, 0.667, 0.0]
