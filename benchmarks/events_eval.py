"""Score eventcoder's event coding on three development data sets (issue 4, item 6).

Only asserted events count as predictions (``negated`` and ``hypothetical`` both False).

conflibert  ConfliBERT / Multi-CoPED train split.
    *Pentaclass*: each sentence of ``cameo_class_train.tsv`` gets the class of its main
    event (``--main``): CAMEO roots in ``STATEMENT_ROOTS`` -> 0 (statement), otherwise the
    quad class 1..4 as the data set's labels count it (Phoenix's: 09 and 16 verbal conflict, 14
    material conflict; ``eventcoder.classify.features.CLASS_OF_ROOT``); a sentence without an
    asserted event gets ``--fallback``. Macro F1 and accuracy over the five classes.
    *Spans*: each sentence of ``cameo_ner_train.txt`` (CoNLL, B/I tags S source, T target,
    R joint actor) is coded on its own; the CoNLL file is NOT aligned with the TSV line by
    line (only 935 of its 1,153 sentences occur in the TSV, in another order), so sentences
    are matched by their letters and digits and coded from the TSV's raw text when they
    match, else from a detokenised text. Predicted spans are the source and target actor
    spans of the main event (``--spans all``: of every asserted event; ``--spans learned``: the
    learned argument phrases of each sentence, ``Sentence.sources`` and ``targets``, a figure on
    the tagger's own training data; cross-validated: ``train_arguments.py``). Three figures:
    exact-span F1 (token boundaries equal, as seqeval scores ConfliBERT's NER), overlap
    span F1 (one-to-one, any shared token), token F1 (micro over S and T tokens). Gold R
    (joint actor) tokens are left out: a prediction on them is neither right nor wrong.
petrarch    PETR2_GSR_validation.xml (UniversalPetrarch): gold (source, target, event code)
    triples. A gold triple is found when an unused asserted event in its sentence has the
    same source, target and CAMEO root. "strict" compares the full actor codes, "country"
    their first three letters (country, IGO, ---); a missing target is "---". Precision
    counts every asserted event, also in the sentences coded ``noevents``.
ngec        NGEC synthetic stories: the share whose PLOVER label is among the PLOVER
    categories of the story's asserted events; a deterministic sample (``--sample``,
    0 for all 4,500), read straight from the zip. A story is coded as published: the
    headline and dateline it was generated from, then its text (``--body-only``: the text).

Usage: python benchmarks/events_eval.py {conflibert,petrarch,ngec,all} [--errors N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from eventcoder.classify import span_class
from eventcoder.classify.features import CLASS_OF_ROOT
from eventcoder.model import Article, CodedArticle, Event
from eventcoder.nlp import parse_many
from eventcoder.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"
CONFLIBERT = ROOT / "conflibert_cameo_train"
PETRARCH = ROOT / "petrarch_validation" / "PETR2_GSR_validation.xml"
NGEC_ZIP = ROOT / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.zip"

# CAMEO roots that the pentaclass calls "Make a Statement" (class 0).
STATEMENT_ROOTS: tuple[str, ...] = ("01", "02")
CLASSES = (0, 1, 2, 3, 4)
NGEC_SAMPLE = 600
# One-for-one replacements, so character offsets survive normalisation.
_SAME_LENGTH = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "’", "’s", "'re",
                    "'ve"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


# ---- shared ------------------------------------------------------------------------------
def asserted(events: Iterable[Event]) -> list[Event]:
    """The events that count as predictions: neither negated nor hypothetical."""
    return [e for e in events if not e.negated and not e.hypothetical]


def code_all(articles: Sequence[Article], pipeline: Pipeline | None = None) -> list[tuple[CodedArticle, Doc]]:
    """Code articles, keeping each spaCy Doc (main-event choice looks at the parse)."""
    pipeline = pipeline or Pipeline()
    docs = parse_many(a.text for a in articles)
    return [(pipeline.code_doc(a, d), d) for a, d in zip(articles, docs, strict=True)]


def trigger_depth(event: Event, doc: Doc) -> int:
    """Dependency depth of the event's trigger (the pattern's first lemma inside its evidence)."""
    lemma = event.pattern.split(" ")[0].lstrip("=")
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    chosen = [t for t in tokens if t.lemma_.lower() == lemma] or tokens
    depths = []
    for token in chosen:
        depth, walk = 0, token
        while walk.head != walk and depth < 50:
            walk, depth = walk.head, depth + 1
        depths.append(depth)
    return min(depths, default=99)


def main_event(events: Sequence[Event], doc: Doc, strategy: str = "content",
               statement_roots: Sequence[str] = STATEMENT_ROOTS) -> Event | None:
    """The sentence's main asserted event.

    first: earliest evidence; root: trigger nearest the parse root; content: like root, but
    a statement only when there is nothing else (the reported act outranks "said").
    """
    events = asserted(events)
    if not events:
        return None
    if strategy == "first":
        return min(events, key=lambda e: (e.evidence.start, e.evidence.end))
    order = sorted(events, key=lambda e: (trigger_depth(e, doc), e.evidence.start))
    if strategy == "content":
        return next((e for e in order if e.cameo_root not in statement_roots), order[0])
    return order[0]


def pentaclass(event: Event | None, fallback: int = 0,
               statement_roots: Sequence[str] = STATEMENT_ROOTS) -> int:
    """The ConfliBERT pentaclass of an event: 0 statement, else its quad class (CLASS_OF_ROOT)."""
    if event is None:
        return fallback
    return 0 if event.cameo_root in statement_roots else CLASS_OF_ROOT.get(event.cameo_root, event.quadclass)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def macro_f1(gold: Sequence[int], pred: Sequence[int], labels: Sequence[int] = CLASSES) -> float:
    """Unweighted mean of the per-class F1."""
    scores = []
    for label in labels:
        tp = sum(g == label == p for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        scores.append(prf(tp, fp, fn)["f1"])
    return sum(scores) / len(scores)


# ---- ConfliBERT: reading and aligning ----------------------------------------------------
def read_tsv(path: Path) -> list[tuple[str, int]]:
    """Sentences and pentaclass labels."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text:
            out.append((text, int(label)))
    return out


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """CoNLL sentences as (token, tag) lists; blank lines separate sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition(" ")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def letters_key(text: str) -> str:
    """Letters and digits only, lower-cased: the key that matches a CoNLL sentence to its TSV line."""
    return re.sub(r"[\W_]", "", text.lower())


def align_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int]] | None:
    """Character offsets of each token in text, or None when the tokens do not spell it."""
    plain = text.translate(_SAME_LENGTH)
    offsets, cursor = [], 0
    for token in tokens:
        while cursor < len(plain) and plain[cursor].isspace():
            cursor += 1
        want = token.translate(_SAME_LENGTH)
        if not plain.startswith(want, cursor):
            return None
        offsets.append((cursor, cursor + len(want)))
        cursor += len(want)
    return offsets


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """A readable text from tokens (no space before punctuation and clitics) and each token's offsets."""
    parts: list[str] = []
    offsets = []
    length, glue, quote_open = 0, True, False
    for token in tokens:
        space = not glue and token not in _NO_SPACE_BEFORE and not (token == '"' and quote_open)
        if space:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        glue = token in _NO_SPACE_AFTER or (token == '"' and not quote_open)
        if token == '"':
            quote_open = not quote_open
    return "".join(parts), offsets


def gold_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first token, end token) for each B/I run."""
    spans: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (not spans or spans[-1][0] != label or spans[-1][2] != i)):
            spans.append((label, i, i + 1))
        elif prefix == "I":
            spans[-1] = (label, spans[-1][1], i + 1)
    return spans


@dataclass(slots=True)
class NerSentence:
    """One CoNLL sentence with the text we code and each token's offsets in it."""

    tokens: list[str]
    tags: list[str]
    text: str
    offsets: list[tuple[int, int]]
    from_tsv: bool


def ner_sentences(conll: list[list[tuple[str, str]]], tsv: list[tuple[str, int]]) -> list[NerSentence]:
    """Pair each CoNLL sentence with its raw TSV text where one matches, else a detokenised text."""
    raw = {letters_key(text): text for text, _ in tsv}
    out = []
    for sentence in conll:
        tokens, tags = [t for t, _ in sentence], [g for _, g in sentence]
        text = raw.get(letters_key("".join(tokens)))
        offsets = align_tokens(text, tokens) if text else None
        if text is None or offsets is None:
            out.append(NerSentence(tokens, tags, *detokenize(tokens), from_tsv=False))
        else:
            out.append(NerSentence(tokens, tags, text, offsets, from_tsv=True))
    return out


# ---- ConfliBERT: span scoring -------------------------------------------------------------
def token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span overlaps, as [first, end)."""
    hit = [i for i, (a, b) in enumerate(offsets) if a < end and start < b]
    return (hit[0], hit[-1] + 1) if hit else None


def score_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]],
                predicted: Iterable[tuple[str, int, int]]) -> dict[str, Counter[str]]:
    """Exact, overlap and token counts (tp/fp/fn) for predicted (label, start char, end char) spans."""
    gold = gold_spans(tags)
    joint = [(a, b) for label, a, b in gold if label == "R"]
    gold = [g for g in gold if g[0] in {"S", "T"}]
    preds = []
    for label, start, end in predicted:
        rng = token_range(offsets, start, end)
        if rng is None or any(a < rng[1] and rng[0] < b for a, b in joint):
            continue
        if (label, *rng) not in preds:
            preds.append((label, *rng))
    counts = {"exact": Counter[str](), "overlap": Counter[str](), "token": Counter[str]()}
    exact = set(preds) & set(gold)
    counts["exact"].update(tp=len(exact), fp=len(preds) - len(exact), fn=len(gold) - len(exact))
    free = list(gold)
    for label, a, b in preds:
        match = next((g for g in free if g[0] == label and g[1] < b and a < g[2]), None)
        if match is not None:
            free.remove(match)
            counts["overlap"]["tp"] += 1
        else:
            counts["overlap"]["fp"] += 1
    counts["overlap"]["fn"] += len(free)
    gold_tok = ["O"] * len(tags)
    for label, a, b in gold:
        gold_tok[a:b] = [label] * (b - a)
    pred_tok = ["O"] * len(tags)
    for label, a, b in sorted(preds, key=lambda p: p[0] != "S"):  # a token both S and T counts as S
        for i in range(a, b):
            pred_tok[i] = pred_tok[i] if pred_tok[i] != "O" else label
    skip = {i for a, b in joint for i in range(a, b)}
    for i, (g, p) in enumerate(zip(gold_tok, pred_tok, strict=True)):
        if i in skip or g == p == "O":
            continue
        counts["token"]["tp" if g == p else "fn" if p == "O" else "fp"] += 1
        if g != p and g != "O" and p != "O":
            counts["token"]["fn"] += 1
    return counts


def event_spans(events: Iterable[Event | None]) -> list[tuple[str, int, int]]:
    """Source and target actor spans of events, labelled S and T."""
    out = []
    for event in events:
        if event is None:
            continue
        out.append(("S", event.source.start, event.source.end))
        if event.target is not None:
            out.append(("T", event.target.start, event.target.end))
    return out


def learned_spans(article: CodedArticle) -> list[tuple[str, int, int]]:
    """The learned source and target phrases of every sentence, labelled S and T."""
    return [(label, span.start, span.end) for sentence in article.sentences
            for label, spans in (("S", sentence.sources), ("T", sentence.targets)) for span in spans]


def describe(event: Event | None) -> str:
    """A one-line account of an event for error listings."""
    if event is None:
        return "no event"
    target = f"{event.target.code}[{event.target.text}]" if event.target else "-"
    return f"{event.cameo} q{event.quadclass} {event.source.code}[{event.source.text}] -> {target} " \
           f"via '{event.pattern}'"


@dataclass(slots=True)
class ConfliData:
    """The ConfliBERT sentences and, for each distinct text, its coded article and parse."""

    tsv: list[tuple[str, int]]
    ner: list[NerSentence]
    coded: dict[str, tuple[CodedArticle, Doc]]


def code_conflibert(root: Path = CONFLIBERT, pipeline: Pipeline | None = None) -> ConfliData:
    """Read both ConfliBERT files and code every distinct sentence once."""
    tsv = read_tsv(root / "cameo_class_train.tsv")
    ner = ner_sentences(read_conll(root / "cameo_ner_train.txt"), tsv)
    texts = list(dict.fromkeys([t for t, _ in tsv] + [s.text for s in ner]))
    coded = code_all([Article(f"c{i}", t) for i, t in enumerate(texts)], pipeline)
    return ConfliData(tsv, ner, dict(zip(texts, coded, strict=True)))


def eval_conflibert(root: Path = CONFLIBERT, pipeline: Pipeline | None = None, strategy: str = "content",
                    fallback: int = 0, statement_roots: Sequence[str] = STATEMENT_ROOTS,
                    spans: str = "main", errors: int = 0, data: ConfliData | None = None,
                    classifier: bool = False) -> dict:
    """Pentaclass macro F1 / accuracy on the TSV and span F1 on the CoNLL file."""
    data = data or code_conflibert(root, pipeline)
    tsv, ner, coded = data.tsv, data.ner, data.coded

    gold, pred, no_event = [], [], Counter[int]()
    examples: dict[str, list[str]] = defaultdict(list)
    for text, label in tsv:
        article, doc = coded[text]
        event = main_event(article.events, doc, strategy, statement_roots)
        guess = pentaclass(event, fallback, statement_roots)
        if classifier:
            # The learned class of the text (eventcoder.classify); the shipped model was trained on
            # these sentences, so this figure is on training data (cross-validated figures:
            # benchmarks/train_pentaclass.py).
            guess = span_class(doc[:], article.events)
        gold.append(label)
        pred.append(guess)
        if event is None:
            no_event[label] += 1
        if guess != label:
            examples[f"gold {label} -> pred {guess}" + (" (no event)" if event is None else "")].append(
                f"{text[:160]}  ||  {describe(event)}")
    confusion = Counter(zip(gold, pred, strict=True))
    result: dict = {
        "sentences": len(tsv), "macro_f1": round(macro_f1(gold, pred), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
        "no_event": sum(no_event.values()), "no_event_by_gold": dict(sorted(no_event.items())),
        "confusion_gold_pred": {f"{g}{p}": n for (g, p), n in sorted(confusion.items())},
        "main": strategy, "fallback": fallback, "statement_roots": list(statement_roots),
    }
    totals = {k: Counter[str]() for k in ("exact", "overlap", "token")}
    span_errors: dict[str, list[str]] = defaultdict(list)
    for sentence in ner:
        article, doc = coded[sentence.text]
        if spans == "learned":
            predicted = learned_spans(article)
        else:
            predicted = event_spans(asserted(article.events) if spans == "all" else [
                main_event(article.events, doc, strategy, statement_roots)])
        counts = score_spans(sentence.tags, sentence.offsets, predicted)
        for kind, c in counts.items():
            totals[kind].update(c)
        if errors and (counts["exact"]["fp"] or counts["exact"]["fn"]):
            wanted = " ".join(f"{lab}[{' '.join(sentence.tokens[a:b])}]"
                              for lab, a, b in gold_spans(sentence.tags) if lab != "R")
            got = " ".join(f"{lab}[{sentence.text[a:b]}]" for lab, a, b in predicted) or "none"
            kind = "no prediction" if not counts["exact"]["tp"] + counts["exact"]["fp"] else \
                "boundary" if counts["overlap"]["tp"] > counts["exact"]["tp"] else "wrong or missing actor"
            span_errors[kind].append(f"{sentence.text[:120]}  || gold {wanted} || ours {got}")
    result["spans"] = {k: prf(c["tp"], c["fp"], c["fn"]) for k, c in totals.items()}
    result["spans"]["from"] = spans
    result["ner_sentences"] = len(ner)
    result["ner_from_tsv"] = sum(s.from_tsv for s in ner)
    if errors:
        result["errors"] = _top(examples, errors)
        result["span_errors"] = _top(span_errors, errors)
    return result


def _top(examples: dict[str, list[str]], n: int) -> dict[str, dict]:
    """The most frequent error kinds, each with its count and n examples."""
    ranked = sorted(examples.items(), key=lambda kv: -len(kv[1]))[:12]
    return {kind: {"count": len(items), "examples": items[:n]} for kind, items in ranked}


# ---- PETRARCH validation ---------------------------------------------------------------
@dataclass(slots=True)
class PetrRecord:
    """One validation sentence and its gold (source, target, event code) triples."""

    id: str
    category: str
    published: date | None
    text: str
    gold: list[tuple[str, str, str]] = field(default_factory=list)


def read_petrarch(path: Path = PETRARCH) -> list[PetrRecord]:
    """Records of PETR2_GSR_validation.xml (not well-formed XML, so read with patterns)."""
    text = path.read_text(encoding="utf-8")
    body = text[text.find("<Sentences>"):]
    records = []
    for match in re.finditer(r"<Sentence\s([^>]*?)/?>(.*?)</Sentence>", body, re.S):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if attrs.get("evaluate", "true").lower() != "true":
            continue
        inner = match.group(2)
        sentence = re.search(r"<Text>(.*?)</Text>", inner, re.S)
        stamp = attrs.get("date", "")
        published = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])) if len(stamp) == 8 else None
        record = PetrRecord(attrs.get("id", ""), attrs.get("category", ""), published,
                            " ".join(sentence.group(1).split()) if sentence else "")
        for coding in re.finditer(r"<EventCoding\s([^>]*?)/?>", inner):
            c = dict(re.findall(r'(\w+)="([^"]*)"', coding.group(1)))
            if "eventcode" in c:
                record.gold.append((c.get("sourcecode", "---"), c.get("targetcode", "---"), c["eventcode"]))
        records.append(record)
    return records


def triple(event: Event) -> tuple[str, str, str]:
    """An event as a (source, target, code) triple; no target is '---'."""
    return event.source.code, event.target.code if event.target else "---", event.cameo


def same(gold: tuple[str, str, str], pred: tuple[str, str, str], level: str) -> bool:
    """Whether a predicted triple matches a gold one: CAMEO root and actors (strict or first 3 letters)."""
    if gold[2][:2] != pred[2][:2]:
        return False
    if level == "strict":
        return gold[:2] == pred[:2]
    if level == "root":
        return True
    return gold[0][:3] == pred[0][:3] and gold[1][:3] == pred[1][:3]


Triple = tuple[str, str, str]


def match_count(gold: Sequence[Triple], pred: Sequence[Triple], level: str) -> int:
    """One-to-one greedy matches between gold and predicted triples."""
    free = list(pred)
    found = 0
    for g in gold:
        hit = next((p for p in free if same(g, p, level)), None)
        if hit is not None:
            free.remove(hit)
            found += 1
    return found


def eval_petrarch(path: Path = PETRARCH, pipeline: Pipeline | None = None, errors: int = 0) -> dict:
    """Full-triple recall / precision / F1 at strict, country and root-only levels."""
    records = read_petrarch(path)
    coded = code_all([Article(r.id, r.text, published=r.published) for r in records], pipeline)
    preds = [[triple(e) for e in asserted(a.events)] for a, _ in coded]
    n_gold, n_pred = sum(len(r.gold) for r in records), sum(len(p) for p in preds)
    result: dict = {"sentences": len(records), "gold_triples": n_gold, "predicted": n_pred,
                    "noevents_sentences": sum(not r.gold for r in records),
                    "noevents_with_prediction": sum(bool(p) and not r.gold for r, p in zip(records, preds,
                                                                                         strict=True))}
    for level in ("strict", "country", "root"):
        tp = sum(match_count(r.gold, p, level) for r, p in zip(records, preds, strict=True))
        result[level] = prf(tp, n_pred - tp, n_gold - tp)
    if errors:
        kinds: dict[str, list[str]] = defaultdict(list)
        for record, pred in zip(records, preds, strict=True):
            for g in record.gold:
                if any(same(g, p, "strict") for p in pred):
                    continue
                if any(same(g, p, "country") for p in pred):
                    kind = "actor convention (country ok)"
                elif any(same(g, p, "root") for p in pred):
                    kind = "root ok, wrong actor"
                elif any(p[:2] == g[:2] or (p[0][:3], p[1][:3]) == (g[0][:3], g[1][:3]) for p in pred):
                    kind = "dyad ok, wrong CAMEO root"
                elif pred:
                    kind = "other event(s) only"
                else:
                    kind = "no event"
                kinds[kind].append(f"[{record.id}] {record.text[:140]} || gold {'/'.join(g)} || ours "
                                   f"{', '.join('/'.join(p) for p in pred) or '-'}")
            if not record.gold and pred:
                kinds["event in noevents sentence"].append(f"[{record.id}] {record.text[:140]} || ours "
                                                           f"{', '.join('/'.join(p) for p in pred)}")
        result["errors"] = _top(kinds, errors)
    return result


# ---- NGEC synthetic ----------------------------------------------------------------------
def read_ngec(path: Path = NGEC_ZIP) -> list[dict[str, str]]:
    """The synthetic stories (text, label, mode, prompt ...) straight from the zip."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv") and not n.startswith("__"))
        with archive.open(name) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def sample_rows(rows: Sequence[dict[str, str]], n: int, seed: int = 0) -> list[dict[str, str]]:
    """A deterministic sample of n rows in file order (all rows when n is 0 or too big)."""
    if not n or n >= len(rows):
        return list(rows)
    keep = sorted(random.Random(seed).sample(range(len(rows)), n))
    return [rows[i] for i in keep]


def ngec_story(row: dict[str, str], headline: bool = True) -> str:
    """The story as published: the prompt (headline and dateline, "(Reuters) --") the model
    continued, then its text; or the body alone."""
    if not headline:
        return row["text"]
    return f"{row['prompt'].rstrip()} {row['text'].lstrip()}"


def eval_ngec(path: Path = NGEC_ZIP, pipeline: Pipeline | None = None, sample: int = NGEC_SAMPLE,
              errors: int = 0, headline: bool = True) -> dict:
    """Share of stories whose PLOVER label is among the PLOVER categories of their asserted events."""
    rows = sample_rows(read_ngec(path), sample)
    coded = code_all([Article(f"n{i}", ngec_story(r, headline)) for i, r in enumerate(rows)], pipeline)
    hits, by_label, totals, no_event = 0, Counter[str](), Counter[str](), 0
    instead: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, list[str]] = defaultdict(list)
    for row, (article, _) in zip(rows, coded, strict=True):
        found = {e.plover for e in asserted(article.events) if e.plover}
        totals[row["label"]] += 1
        no_event += not found
        if row["label"] in found:
            hits += 1
            by_label[row["label"]] += 1
        else:
            instead[row["label"]].update(found or {"(none)"})
            headline = row["prompt"].split("\n")[0]
            kinds[f"{row['label']} missed"].append(f"{headline} || ours {sorted(found) or '-'}")
    result: dict = {
        "stories": len(rows), "label_found": round(hits / len(rows), 4), "no_event": no_event,
        "recall_by_label": {k: round(by_label[k] / n, 3) for k, n in totals.most_common()},
        "found_instead": {k: dict(c.most_common(4)) for k, c in instead.items()},
    }
    if errors:
        result["errors"] = _top(kinds, errors)
    return result


# ---- command line ------------------------------------------------------------------------
def _print(name: str, result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps({name: result}, indent=1, ensure_ascii=False))
        return
    print(f"== {name}")
    for key, value in result.items():
        if key.endswith("errors"):
            print(f"  {key}:")
            for kind, info in value.items():
                print(f"    - {kind}: {info['count']}")
                for example in info["examples"]:
                    print(f"        {example}")
        else:
            print(f"  {key}: {value}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one or all scorers and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", choices=["conflibert", "petrarch", "ngec", "all"])
    parser.add_argument("--main", default="content", choices=["content", "root", "first"],
                        help="how the main event of a ConfliBERT sentence is chosen")
    parser.add_argument("--fallback", type=int, default=0, help="pentaclass of a sentence with no event")
    parser.add_argument("--statement-roots", default=",".join(STATEMENT_ROOTS),
                        help="CAMEO roots counted as class 0, comma-separated")
    parser.add_argument("--spans", default="main", choices=["main", "all", "learned"],
                        help="events whose actors are scored as spans, or the learned argument phrases")
    parser.add_argument("--sample", type=int, default=NGEC_SAMPLE, help="NGEC stories to score; 0 for all")
    parser.add_argument("--errors", type=int, default=0, help="examples to print per error kind")
    parser.add_argument("--body-only", action="store_true",
                        help="NGEC: code the story without the headline and dateline it was generated from")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--classifier", action="store_true",
                        help="ConfliBERT: use the learned sentence class (training-data figure)")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    wanted = ["conflibert", "petrarch", "ngec"] if args.dataset == "all" else [args.dataset]
    for name in wanted:
        started = time.perf_counter()
        if name == "conflibert":
            result = eval_conflibert(pipeline=pipeline, strategy=args.main, fallback=args.fallback,
                                     statement_roots=tuple(args.statement_roots.split(",")), spans=args.spans,
                                     errors=args.errors, classifier=args.classifier)
        elif name == "petrarch":
            result = eval_petrarch(pipeline=pipeline, errors=args.errors)
        else:
            result = eval_ngec(pipeline=pipeline, sample=args.sample, errors=args.errors, headline=not args.body_only)
        result["seconds"] = round(time.perf_counter() - started, 1)
        _print(name, result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
