"""The pattern language (docs/lexicon.md): slots, particles and subject constraints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.errors import EventcoderError
from eventcoder.events.lexicon import parse_pattern, parse_patterns
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline

CLASSES = {"warplane": ["warplane", "jet"], "troops": ["troop", "soldier"], "arm": ["arm", "weapon"]}


def test_subject_class_before_a_verb() -> None:
    pattern = parse_pattern("195", "verb", "{warplane} strike {troops}", CLASSES)
    assert pattern.head == "strike" and pattern.subjects == frozenset({"warplane", "jet"})
    assert pattern.objects == frozenset({"troop", "soldier"})
    assert pattern.words == 3  # more specific than plain "strike"


def test_subject_constraint_only_on_verbs() -> None:
    with pytest.raises(ValueError):
        parse_pattern("195", "noun", "{warplane} strike", CLASSES)
    with pytest.raises(ValueError):
        parse_pattern("195", "verb", "{nosuchclass} strike", CLASSES)


def test_constraint_after_a_particle_is_the_object() -> None:
    before, after = (parse_pattern("0831", "verb", text, CLASSES) for text in ("lay {arm} down", "lay down {arm}"))
    assert before.objects == after.objects == frozenset({"arm", "weapon"})
    assert len(parse_patterns("0831", "verb", "hand over =power", CLASSES)) == 2  # "over" is a preposition too


def test_user_pattern_with_a_subject(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('classes:\n  navy: [frigate, corvette]\n"195":\n  verbs: ["{navy} shell"]\n', encoding="utf-8")
    pipeline = Pipeline(lexicon_files=[extra])
    coded = pipeline.code(Article(id="s", text="Russian frigates shelled Odesa.", published=date(2022, 7, 1)))
    assert any(e.cameo == "195" for e in coded.events)
    coded = pipeline.code(Article(id="t", text="Russian troops shelled Odesa.", published=date(2022, 7, 1)))
    assert all(e.cameo != "195" for e in coded.events)


def test_malformed_user_pattern_is_e011(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('"190":\n  nouns: ["{warplane} raid"]\n', encoding="utf-8")
    with pytest.raises(EventcoderError) as error:
        Pipeline(lexicon_files=[bad]).code(Article(id="x", text="Jets raided the town."))
    assert error.value.code == "E011"
