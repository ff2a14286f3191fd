"""Score coded events against gold: document gold files (.json) and sentence gold lines (.jsonl).

Sentence gold, one JSON object a line (see tests/data/README.md):
    {"id", "text", "date"?, "events": [{"source", "target", "cameo", "plover", "symmetric"?}],
     "non_events": [{"source", "target", "plover"}]}
A predicted event matches a gold one when its category matches (same PLOVER category,
or the same CAMEO root where PLOVER has none) and its dyad matches (source and target
codes equal, either direction for symmetric events). Negated and hypothetical events
are not counted as predictions.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from eventcoder.errors import EventcoderError
from eventcoder.model import Article, CodedArticle, Event
from eventcoder.pipeline import Pipeline


def _category(gold: dict[str, Any], event: Event) -> bool:
    wanted = {p.upper() for p in (gold.get("plover_any") or [gold.get("plover")]) if p}
    if wanted and event.plover and event.plover.upper() in wanted:
        return True
    code = str(gold.get("cameo") or gold.get("cameo_root") or "")
    return bool(code) and event.cameo_root == code[:2]


def _code(actor: Any) -> str:
    if actor is None:
        return ""
    return (actor.get("code") if isinstance(actor, dict) else actor) or ""


def _dyad(gold: dict[str, Any], event: Event, by_country: bool) -> bool:
    def norm(code: str | None) -> str:
        code = (code or "").upper()
        return code[:3] if by_country else code

    want = (norm(_code(gold.get("source"))), norm(_code(gold.get("target"))))
    got = (norm(event.source.code), norm(event.target.code if event.target else ""))
    return got == want or (bool(gold.get("symmetric")) and got == want[::-1])


def score_item(gold: dict[str, Any], coded: CodedArticle, by_country: bool = False) -> dict[str, Any]:
    """Counts for one gold item (a sentence or a document)."""
    asserted = [e for e in coded.events if not e.negated and not e.hypothetical]
    golds = gold.get("events", [])
    counts: Counter[str] = Counter(gold=len(golds), predicted=len(asserted))
    per_category: dict[str, Counter[str]] = {}
    for g in golds:
        category = (g.get("plover") or f"CAMEO{str(g.get('cameo', ''))[:2]}").upper()
        bucket = per_category.setdefault(category, Counter())
        bucket["gold"] += 1
        cat = any(_category(g, e) for e in asserted)
        dyad = any(_dyad(g, e, by_country) for e in asserted)
        full = any(_category(g, e) and _dyad(g, e, by_country) for e in asserted)
        counts["category"] += cat
        counts["dyad"] += dyad
        counts["full"] += full
        bucket["found"] += full
    for e in asserted:
        category = (e.plover or f"CAMEO{e.cameo_root}").upper()
        bucket = per_category.setdefault(category, Counter())
        bucket["predicted"] += 1
        if any(_category(g, e) and _dyad(g, e, by_country) for g in golds):
            counts["correct"] += 1
            bucket["correct"] += 1
    for n in gold.get("non_events", []):
        if any(_category(n, e) and _dyad(n, e, by_country) for e in asserted):
            counts["forbidden"] += 1
    return {"counts": counts, "per_category": per_category}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def summarize(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals and rates over many scored items."""
    total: Counter[str] = Counter()
    categories: dict[str, Counter[str]] = {}
    for item in items:
        total.update(item["counts"])
        for name, bucket in item["per_category"].items():
            categories.setdefault(name, Counter()).update(bucket)
    return {
        "items": len(items), "gold_events": total["gold"], "predicted_events": total["predicted"],
        "category_accuracy": _ratio(total["category"], total["gold"]),
        "dyad_accuracy": _ratio(total["dyad"], total["gold"]),
        "full_match": _ratio(total["full"], total["gold"]),
        "precision": _ratio(total["correct"], total["predicted"]),
        "forbidden_produced": total["forbidden"],
        "per_category": {name: {"gold": b["gold"], "recall": _ratio(b["found"], b["gold"]),
                                "predicted": b["predicted"], "precision": _ratio(b["correct"], b["predicted"])}
                         for name, b in sorted(categories.items())},
    }


def evaluate_sentences(pipeline: Pipeline, lines: list[dict[str, Any]], by_country: bool = False) -> dict[str, Any]:
    """Code every gold sentence and score it."""
    articles = [Article(id=str(g.get("id", n)), text=g["text"],
                        published=date.fromisoformat(g["date"]) if g.get("date") else None)
                for n, g in enumerate(lines)]
    scored = [score_item(g, coded, by_country) for g, coded in zip(lines, pipeline.code_many(articles), strict=True)]
    return summarize(scored)


def evaluate_document(pipeline: Pipeline, gold_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Code the article a document gold file names and score its events by country."""
    document = gold.get("document", {})
    text_path = gold_path.parent.parent / document.get("file", "")
    if not text_path.is_file():
        raise EventcoderError("E020", path=gold_path, reason=f"its article {text_path} is missing")
    published = date.fromisoformat(document["publication_date"]) if document.get("publication_date") else None
    coded = pipeline.code(Article(id=text_path.stem, text=text_path.read_text(encoding="utf-8"), published=published))
    events = [{**g, "source": g["source"].get("country"), "target": (g.get("target") or {}).get("country")}
              for g in gold.get("events", []) if g.get("required")]
    non_events = [{"plover": n["forbidden"]["plover"], "source": n["forbidden"]["source_country"],
                   "target": n["forbidden"]["target_country"]} for n in gold.get("non_events", [])]
    return summarize([score_item({"events": events, "non_events": non_events}, coded, by_country=True)])


def evaluate_file(pipeline: Pipeline, path: Path) -> dict[str, Any]:
    """Score against a gold file: ``.jsonl`` sentence gold or a ``.json`` document gold."""
    if not path.is_file():
        raise EventcoderError("E001", path=path)
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".jsonl":
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            return evaluate_sentences(pipeline, lines)
        return evaluate_document(pipeline, path, json.loads(text))
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise EventcoderError("E020", path=path, reason=str(exc)) from None


def format_report(report: dict[str, Any]) -> str:
    """The report as aligned text."""
    lines = [f"{key:<20} {report[key]}" for key in
             ("items", "gold_events", "predicted_events", "category_accuracy", "dyad_accuracy", "full_match",
              "precision", "forbidden_produced")]
    lines.append(f"\n{'category':<12} {'gold':>5} {'recall':>7} {'pred':>5} {'precision':>9}")
    for name, b in report["per_category"].items():
        lines.append(f"{name:<12} {b['gold']:>5} {b['recall']:>7.2f} {b['predicted']:>5} {b['precision']:>9.2f}")
    return "\n".join(lines)
