"""Score date resolution on TimeBank (TBAQ-cleaned): share of DATE TIMEX3 values we get right.

The document creation time is the publication date. Usage:
python benchmarks/time_eval.py [--limit N] [--errors]
The data is read from ../shared/data/time/TimeBank_TBAQ (never copied into the repo).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "time" / "TimeBank_TBAQ" / "TimeBank"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class TimeScore:
    """Counts behind the reported figures."""

    gold: int = 0
    found: int = 0  # gold DATEs overlapped by one of our expressions
    correct: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    refs: int = 0  # gold PRESENT_REF / PAST_REF / FUTURE_REF: not calendar dates
    refs_correct: int = 0

    @property
    def accuracy_calendar(self) -> float:
        """Accuracy over the DATEs that name a calendar period (without the *_REF ones)."""
        n = self.gold - self.refs
        return (self.correct - self.refs_correct) / n if n else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def parse_tml(path: Path) -> tuple[date, str, list[tuple[int, int, str, str]]]:
    """(creation date, plain text, DATE timexes as (start, end, text, value))."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>|<DCT><TIMEX3([^>]*)>', raw)
    dct_value = re.search(r'value="(\d{4}-\d\d-\d\d)', raw[raw.index("<DCT>"):]) if dct else None
    published = date.fromisoformat(dct_value[1]) if dct_value else date(1998, 1, 1)
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    text: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold = []
    for m in TAG.finditer(body):
        chunk = body[pos : m.start()]
        text.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m[2] != "TIMEX3":
            continue
        if not m[1]:
            open_timex = (length, dict(ATTR.findall(m[3])))
        elif open_timex is not None:
            start, attrs = open_timex
            if attrs.get("type") == "DATE":
                gold.append((start, length, attrs.get("value", "")))
            open_timex = None
    text.append(body[pos:])
    plain = "".join(text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return published, plain, [(s, e, plain[s:e], v) for s, e, v in gold]


def as_timeml(value: str | None, precision: str | None) -> str | None:
    """Our value in TimeML form (older outputs gave a week as the date of its Monday)."""
    if value and precision == "week" and "W" not in value:
        y, w, _ = date.fromisoformat(value).isocalendar()
        return f"{y}-W{w:02d}"
    return value


def evaluate(limit: int | None = None) -> TimeScore:
    """Run the dates stage over TimeBank and compare normalised values."""
    from eventcoder.dates import find_times
    from eventcoder.nlp import parse_many

    files = sorted(TBAQ.glob("*.tml"))[:limit]
    docs = [parse_tml(p) for p in files]
    score = TimeScore()
    for (published, _text, gold), doc in zip(docs, parse_many(t for _, t, _ in docs), strict=True):
        times = find_times(doc, published)
        for start, end, gtext, value in gold:
            score.gold += 1
            score.refs += value.endswith("_REF")
            hit = next((t for t in times if t.start < end and start < t.end), None)
            if hit is None:
                score.errors.append(("missed", gtext, value))
                continue
            score.found += 1
            ours = as_timeml(hit.value, hit.precision)
            if ours == value:
                score.correct += 1
                score.refs_correct += value.endswith("_REF")
            else:
                score.errors.append(("wrong", f"{gtext} [{hit.text}] {published}", f"{ours} != {value}"))
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    s = evaluate(args.limit)
    print(f"gold DATE={s.gold} found={s.recall:.3f} value accuracy={s.accuracy:.3f} "
          f"calendar-only accuracy={s.accuracy_calendar:.3f} (excluding {s.refs} *_REF)")
    if args.errors:
        for (kind, text, detail), n in Counter(s.errors).most_common(150):
            print(n, kind, text, "|", detail)


if __name__ == "__main__":
    main()
