"""Dates stage: anchoring relative expressions and dating events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.dates import date_events, find_times
from eventcoder.dates.normalize import resolve
from eventcoder.model import Actor, Event, Span
from eventcoder.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "kremlin_turkey_idlib.txt"
PUB = date(2020, 2, 12)  # a Wednesday


@pytest.mark.parametrize("text,value,precision", [
    ("Wednesday", "2020-02-12", "day"),
    ("earlier Wednesday", "2020-02-12", "day"),
    ("Monday", "2020-02-10", "day"),
    ("yesterday", "2020-02-11", "day"),
    ("two days ago", "2020-02-10", "day"),
    ("in December", "2019-12", "month"),
    ("this month", "2020-02", "month"),
    ("last year", "2019", "year"),
    ("in 2018", "2018", "year"),
    ("March 3, 2019", "2019-03-03", "day"),
    ("last week", "2020-W06", "week"),
    ("two weeks ago", "2020-W05", "week"),
    ("the weekend", "2020-W06-WE", "week"),
    ("the latest quarter", "2019-Q4", "quarter"),
    ("the 1988 second quarter", "1988-Q2", "quarter"),
    ("this summer", "2020-SU", "season"),
    ("last fall", "2019-FA", "season"),
    ("the winter of 1994", "1994-WI", "season"),
    ("the 1990s", "199", "decade"),
    ("now", "PRESENT_REF", "ref"),
    ("recently", "PAST_REF", "ref"),
    ("the near future", "FUTURE_REF", "ref"),
    ("Saturday, April 25", "2020-04-25", "day"),
])
def test_resolve(text: str, value: str, precision: str) -> None:
    assert resolve(text, PUB) == (value, precision)


def test_tense_picks_the_side() -> None:
    assert resolve("Friday", PUB, future=True) == ("2020-02-14", "day")
    assert resolve("March 3", PUB, future=False) == ("2019-03-03", "day")
    assert resolve("March 3", PUB, future=True) == ("2020-03-03", "day")


def test_reference_words_do_not_date_events() -> None:
    doc = parse("Russia now says Turkey attacked Idlib.")
    times = find_times(doc, PUB)
    assert any(t.value == "PRESENT_REF" and t.precision == "ref" for t in times)
    ev = _event(doc, "attacked")
    date_events([ev], times, doc, PUB)
    assert (ev.date, ev.date_precision) == ("2020-02-12", "day")


def test_span_split_on_ended() -> None:
    doc = parse("Profit rose in the quarter ended Sept. 30, the company said.")
    values = {t.text: t.value for t in find_times(doc, date(1989, 10, 26))}
    assert values.get("Sept. 30") == "1989-09-30"


def test_without_publication_date_only_absolute() -> None:
    assert resolve("Wednesday", None) == (None, None)
    assert resolve("in 2018", None) == ("2018", "year")
    assert resolve("March 3, 2019", None) == ("2019-03-03", "day")


def test_reference_article() -> None:
    if not SAMPLE.exists():
        pytest.skip("shared sample article absent")
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    values = {(t.text, t.value) for t in find_times(doc, PUB)}
    assert {("Wednesday", "2020-02-12"), ("2018", "2018"), ("December", "2019-12")} <= values
    assert all(t.value in {None, "2018"} or t.precision == "ref" for t in find_times(doc, None))


def _event(doc, word: str) -> Event:
    start = doc.text.index(word)
    src = Actor("x", 0, 1, "RUSGOV", "RUS")
    sent = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)
    return Event("e1", sent, src, None, "190", "19", "ASSAULT", -10.0, 4, Span(start, start + len(word), word))


def test_event_dates() -> None:
    doc = parse("In 2018, Russia and Turkey agreed a memorandum. Forces attacked Idlib in December. "
                "Turkey protested.")
    times = find_times(doc, PUB)
    evs = [_event(doc, "agreed"), _event(doc, "attacked"), _event(doc, "protested")]
    date_events(evs, times, doc, PUB)
    assert (evs[0].date, evs[0].date_precision) == ("2018", "year")
    assert (evs[1].date, evs[1].date_precision) == ("2019-12", "month")
    assert (evs[2].date, evs[2].date_precision) == ("2020-02-12", "day")
    assert evs[2].notes[-1] == "date: publication date"
    date_events(evs[2:], find_times(doc, None), doc, None)
    assert evs[2].date is None


@pytest.mark.slow
def test_timebank_subset() -> None:
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import time_eval
    if not time_eval.TBAQ.exists():
        pytest.skip("TimeBank absent")
    # Measured: 0.904 of the 228 DATE values in these 40 files (all files: 0.857 of 1,016).
    assert time_eval.evaluate(limit=40).accuracy > 0.87
