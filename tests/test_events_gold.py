"""Accuracy gate: the team-written event gold set (tests/data/events_gold.jsonl).

Floors are pinned at what the coder measured when they were last raised; raising one is
a deliberate commit, and a change that drops a figure below its floor fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.evaluate import evaluate_sentences

GOLD = Path(__file__).resolve().parent / "data" / "events_gold.jsonl"
FLOORS = {"category_accuracy": 0.885, "full_match": 0.60, "precision": 0.585}


@pytest.fixture(scope="module")
def report(pipeline) -> dict:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return evaluate_sentences(pipeline, lines)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_event_gold_floor(report: dict, metric: str) -> None:
    assert report[metric] >= FLOORS[metric], {k: v for k, v in report.items() if k != "per_category"}


def test_no_forbidden_event_in_most_hard_negatives(report: dict) -> None:
    assert report["forbidden_produced"] <= 2


def test_cli_eval_prints_the_report(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Greece accused Turkey of violating its airspace.",
                                "date": "2024-03-14", "events": [{"source": "GRC", "target": "TUR",
                                                                  "cameo": "112", "plover": "ACCUSE"}]}) + "\n")
    result = CliRunner().invoke(main, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "full_match" in result.output and "ACCUSE" in result.output
    result = CliRunner().invoke(main, ["eval", str(gold), "--format", "json"])
    assert json.loads(result.output)["full_match"] == 1.0
