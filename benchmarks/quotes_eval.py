"""Score the quotes stage (and textacy's direct-quotation extractor) on PolNeAR's dev split.

Matching rule (characters, marks included in the gold spans):
- a gold Content is *found* when the predicted quotes overlapping it together cover
  at least ``MIN_COVER`` (50%) of its characters (gold Contents can be discontinuous:
  ``“A,” he said. “B.”`` is one gold Content and two predicted quotes);
- a predicted quote is *correct* when at least ``MIN_COVER`` of its characters lie
  inside one gold Content, or it covers at least ``MIN_COVER`` of one gold Content;
- the *speaker* of a found gold Content is right when the predicted quote that overlaps
  it most has a speaker span overlapping the gold Source (relations without a Source
  are left out of speaker accuracy).
Precision = correct / predicted, recall = found / gold. Gold scored "in scope" is the
part of PolNeAR we set out to extract: relations whose Cue contains a cue of our
lexicon (said, told, according to, ...) or whose Content holds a double quotation mark.
"eventcoder_fragments" scores a mixed quote by its quoted fragment alone instead of the
reported clause around it (Quote.text, which is what PolNeAR marks as Content).
Where an article has several annotators, the first annotator file (sorted) is used.

Usage: python benchmarks/quotes_eval.py [--split dev] [--root ../shared/data/quotes/PolNeAR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from eventcoder.nlp import parse_many
from eventcoder.quotes import find_quotes
from eventcoder.quotes.lexicon import CueLexicon, default_lexicon

ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "PolNeAR"
MIN_COVER = 0.5
DOUBLE_MARKS = "\"“”"

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class GoldRelation:
    """One PolNeAR attribution: Content, Cue and (optional) Source, each possibly discontinuous."""

    content: Spans
    cue: Spans
    source: Spans = field(default_factory=list)


@dataclass(slots=True)
class Pred:
    """A predicted quote: content bounds and speaker bounds (None when no speaker)."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    kind: str = ""


def read_ann(path: Path) -> list[GoldRelation]:
    """Parse one BRAT .ann file into attribution relations."""
    spans: dict[str, Spans] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [(int(a), int(b)) for a, b in (seg.split() for seg in offsets.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out: list[GoldRelation] = []
    for args in events:
        roles: dict[str, Spans] = {}
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            roles.setdefault(role.rstrip("0123456789"), []).extend(spans.get(tid, []))
        if roles.get("Content"):
            out.append(GoldRelation(roles["Content"], roles.get("Cue", []), roles.get("Source", [])))
    return out


def load_split(root: Path, split: str) -> list[tuple[str, str, list[GoldRelation]]]:
    """(name, text, relations) for every article of a split, first annotator only."""
    docs = []
    ann_dir = root / split / "attributions"
    for txt in sorted((root / split / "text").glob("*.txt")):
        anns = sorted(ann_dir.glob(txt.stem + "_*.ann"))
        if anns:
            docs.append((txt.stem, txt.read_text(encoding="utf-8"), read_ann(anns[0])))
    return docs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def in_scope(rel: GoldRelation, doc: Doc, lex: CueLexicon) -> bool:
    """Whether a gold relation is of a kind this stage extracts."""
    if any(m in doc.text[s:e] for s, e in rel.content for m in DOUBLE_MARKS):
        return True
    for s, e in rel.cue:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        words = [t.lower_ for t in span]
        if any(t.lemma_.lower() in lex.verbs for t in span):
            return True
        if any(tuple(words[i : i + len(p)]) == p for p in lex.phrases for i in range(len(words))):
            return True
    return False


@dataclass(slots=True)
class Tally:
    """Counts for one system over one gold subset."""

    gold: int = 0
    found: int = 0
    pred: int = 0
    correct: int = 0
    with_source: int = 0
    speaker_ok: int = 0

    def report(self) -> dict[str, float | int]:
        p = self.correct / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_ok / self.with_source if self.with_source else 0.0
        return {"gold": self.gold, "pred": self.pred, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f, 3), "speaker_acc": round(acc, 3), "speaker_n": self.with_source}


def score_doc(golds: list[GoldRelation], preds: list[Pred], tally: Tally, count_preds: bool = True) -> None:
    """Add one document's matches to the tally."""
    for g in golds:
        tally.gold += 1
        glen = _length(g.content)
        hits = [p for p in preds if any(_overlap((p.start, p.end), c) for c in g.content)]
        covered = sum(_overlap((p.start, p.end), c) for p in hits for c in g.content)
        if glen == 0 or covered < MIN_COVER * glen:
            continue
        tally.found += 1
        if g.source:
            tally.with_source += 1
            best = max(hits, key=lambda p: sum(_overlap((p.start, p.end), c) for c in g.content))
            if best.speaker and any(_overlap(best.speaker, s) for s in g.source):
                tally.speaker_ok += 1
    if not count_preds:
        return
    for p in preds:
        tally.pred += 1
        plen = max(1, p.end - p.start)
        for g in golds:
            inter = sum(_overlap((p.start, p.end), c) for c in g.content)
            if inter >= MIN_COVER * plen or inter >= MIN_COVER * max(1, _length(g.content)):
                tally.correct += 1
                break


def ours(doc: Doc, lex: CueLexicon, fragments: bool = False) -> list[Pred]:
    """Our stage's predictions; with fragments, a mixed quote counts as its quoted fragment only."""
    out = []
    for q in find_quotes(doc, lex):
        spk = (q.speaker.start_char, q.speaker.end_char) if q.speaker is not None else None
        if fragments and q.marked_start is not None and q.marked_end is not None:
            out.append(Pred(q.marked_start, q.marked_end, spk, q.kind))
        else:
            out.append(Pred(q.start, q.end, spk, q.kind))
    return out


def textacy_preds(doc: Doc) -> list[Pred] | None:
    """textacy's direct quotations, or None when it refuses the document."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # it bails out on an odd number of quotation marks
        return None
    out = []
    for t in triples:
        spk = (t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1])) if t.speaker else None
        out.append(Pred(t.content.start_char, t.content.end_char, spk, "direct"))
    return out


def evaluate(root: Path = ROOT, split: str = "dev", with_textacy: bool = True,
             docs: Iterable[tuple[str, str, list[GoldRelation]]] | None = None) -> dict:
    """Scores for our stage (and textacy) on all gold and on in-scope gold."""
    lex = default_lexicon()
    data = list(docs) if docs is not None else load_split(root, split)
    systems = ["eventcoder", "eventcoder_fragments"] + (["textacy"] if with_textacy else [])
    tallies = {(s, scope): Tally() for s in systems for scope in ("all", "in_scope", "quoted")}
    kinds: dict[str, int] = {}
    bailed = 0
    seconds = 0.0
    for (_, _, golds), doc in zip(data, parse_many(t for _, t, _ in data), strict=True):
        scoped = [g for g in golds if in_scope(g, doc, lex)]
        quoted = [g for g in golds if any(m in doc.text[s:e] for s, e in g.content for m in DOUBLE_MARKS)]
        t0 = time.perf_counter()
        mine = ours(doc, lex)
        seconds += time.perf_counter() - t0
        for p in mine:
            kinds[p.kind] = kinds.get(p.kind, 0) + 1
        runs = {"eventcoder": mine, "eventcoder_fragments": ours(doc, lex, fragments=True)}
        if with_textacy:
            theirs = textacy_preds(doc)
            if theirs is None:
                bailed += 1
            runs["textacy"] = theirs or []
        for name, preds in runs.items():
            score_doc(golds, preds, tallies[(name, "all")])
            score_doc(scoped, preds, tallies[(name, "in_scope")], count_preds=False)
            score_doc(quoted, preds, tallies[(name, "quoted")], count_preds=False)
    result: dict = {"split": split, "documents": len(data), "min_cover": MIN_COVER,
                    "predicted_kinds": kinds, "eventcoder_seconds": round(seconds, 3)}
    for name in systems:
        for scope in ("all", "in_scope", "quoted"):
            rep = tallies[(name, scope)].report()
            if scope != "all":
                # Precision does not depend on the gold subset: every prediction is judged
                # against all gold, so only recall (and F1) change.
                base = tallies[(name, "all")]
                rep.update(pred=base.pred, precision=round(base.correct / base.pred, 3) if base.pred else 0.0)
                p, r = rep["precision"], rep["recall"]
                rep["f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
            result[f"{name}/{scope}"] = rep
    if with_textacy:
        import textacy

        result["textacy_version"] = textacy.__version__
        result["textacy_bailed_documents"] = bailed
    return result


def main() -> None:
    """Command line: print the scores as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--no-textacy", action="store_true")
    args = ap.parse_args()
    with_textacy = not args.no_textacy and importlib.util.find_spec("textacy") is not None
    if not args.no_textacy and not with_textacy:
        # textacy is not a dependency: the comparison runs where it was installed by hand (pip install textacy).
        print("textacy is not installed: scoring eventcoder alone", file=sys.stderr)
    print(json.dumps(evaluate(args.root, args.split, with_textacy), indent=2))


if __name__ == "__main__":
    main()
