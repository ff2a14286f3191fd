"""Score actor resolution on the team's gold mentions (tests/data/actors_gold.jsonl).

Each gold sentence is coded through the real pipeline with its article date. The
predicted actor for a gold mention is a resolved actor whose span overlaps it: one with
the same last word (the head) first, else the one that overlaps it most. A mention is
right when the full code matches; "country" accuracy compares only the first three
letters (the country, or IGO/NGO/IMG). Accuracy is printed overall, by kind and by role,
followed by the misses.

Usage: python benchmarks/actors_eval.py [--gold tests/data/actors_gold.jsonl] [--quiet]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventcoder.model import Actor, Article

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "actors_gold.jsonl"


@dataclass(slots=True)
class Result:
    """Scores of one run: totals, per-kind and per-role tallies, and the misses."""

    total: int = 0
    right: int = 0
    country_right: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_role: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.total if self.total else 0.0


def _pick(actors: list[Actor], start: int, end: int, head: str) -> Actor | None:
    """The predicted actor for a gold span: the same span, else the same start, else the same
    last word (the head), else the largest overlap."""
    overlapping = [a for a in actors if a.start < end and start < a.end]
    if not overlapping:
        return None
    for test in (lambda a: (a.start, a.end) == (start, end), lambda a: a.text.split()[-1:] == [head],
                 lambda a: a.start == start):
        pool = [a for a in overlapping if test(a)]
        if pool:
            break
    else:
        pool = overlapping
    return max(pool, key=lambda a: (min(a.end, end) - max(a.start, start), -abs(a.end - end)))


_POSTMODIFIERS = {"of", "in", "at", "from", "to", "loyal", "backing", "who", "with", "on"}


def _head(mention: str) -> str:
    """The head word of a gold mention: its last word before any post-modifier ("rebels of X")."""
    words = mention.split()
    for index, word in enumerate(words[1:], 1):
        if word.lower() in _POSTMODIFIERS:
            return words[index - 1]
    return words[-1]


def _role(code: str) -> str:
    if code[:3] in {"IGO", "NGO", "IMG"}:
        return code[:3]
    return code[3:] or "(state)"


def evaluate(gold_path: Path = GOLD, actor_files: list[Path] | None = None) -> Result:
    """Code every gold sentence with the pipeline and score its mentions."""
    from eventcoder.pipeline import Pipeline

    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        sentences[(row["text"], row["date"])].append(row)
    keys = list(sentences)
    articles = [Article(id=f"s{i}", text=text, published=date.fromisoformat(day)) for i, (text, day) in enumerate(keys)]
    result = Result()
    for key, coded in zip(keys, Pipeline(actor_files or []).code_many(articles), strict=True):
        for row in sentences[key]:
            head = _head(row["mention"])
            actor = _pick(coded.actors, row["start"], row["end"], head)
            got = actor.code if actor else None
            ok = got == row["code"]
            country_ok = got is not None and got[:3] == row["code"][:3]
            result.total += 1
            result.right += ok
            result.country_right += country_ok
            for table, name in ((result.by_kind, row["kind"]), (result.by_role, _role(row["code"]))):
                table[name][0] += ok
                table[name][1] += 1
            if not ok:
                result.misses.append({**row, "got": got, "got_text": actor.text if actor else None,
                                      "how": actor.how if actor else None})
    return result


def report(result: Result, show_misses: bool = True) -> str:
    """A plain-text report of a run."""
    lines = [f"actors: {result.right}/{result.total} = {result.accuracy:.3f} full code; "
             f"{result.country_right}/{result.total} = {result.country_accuracy:.3f} country only"]
    for title, table in (("by kind", result.by_kind), ("by role", result.by_role)):
        lines.append(f"\n{title}:")
        for name, (ok, n) in sorted(table.items(), key=lambda kv: (-kv[1][1], kv[0])):
            lines.append(f"  {name:36s} {ok:4d}/{n:<4d} {ok / n:.2f}")
    if show_misses:
        lines.append(f"\nmisses ({len(result.misses)}):")
        for miss in sorted(result.misses, key=lambda m: m["kind"]):
            lines.append(f"  [{miss['kind']}] {miss['id']} {miss['date']} {miss['mention']!r}: gold {miss['code']}, "
                         f"got {miss['got']} ({miss['got_text']!r}; {miss['how']})")
            lines.append(f"      {miss['text']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--actors", type=Path, action="append", default=[])
    parser.add_argument("--quiet", action="store_true", help="totals only, no misses")
    args = parser.parse_args()
    print(report(evaluate(args.gold, args.actors), show_misses=not args.quiet))


if __name__ == "__main__":
    main()
