"""The reference article must always be coded right (../shared/gold)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from eventcoder.model import Article


def test_reference_article_scores_against_its_gold(shared: Path, pipeline, tmp_path: Path) -> None:
    text = (shared / "samples" / "kremlin_turkey_idlib.txt").read_text(encoding="utf-8")
    coded = pipeline.code(Article(id="ref", text=text, published=date(2020, 2, 12)))
    out = tmp_path / "coded.json"
    out.write_text(json.dumps(coded.to_dict(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(shared / "tools" / "score_gold.py"),
                             str(shared / "gold" / "kremlin_turkey_idlib.gold.json"), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_without_a_date_no_event_gets_an_invented_date(shared: Path, pipeline) -> None:
    text = (shared / "samples" / "kremlin_turkey_idlib.txt").read_text(encoding="utf-8")
    coded = pipeline.code(Article(id="ref", text=text, published=None))
    assert coded.events
    for event in coded.events:
        # Only what the text itself fixes may be given: here that is "in 2018".
        assert event.date in (None, "2018"), (event.evidence.text, event.date)
