"""Benchmark ``eventcoder ingest`` end to end on a corpus built from the real news texts in ../shared/data.

    python benchmarks/ingest.py [--n 10000] [--batch-size 16] [--keep DIR]

Texts: PolNeAR article texts, GeoWebNews articles and TimeBank documents (tags stripped), repeated
with small variations (a dateline) up to N articles and written as one JSONL file. Prints articles/s
end to end, the share of time spent in spaCy parsing, and peak memory (maxrss).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "data"
_TAG = re.compile(r"<[^>]+>")
DATELINES = ("", "WASHINGTON (Reuters) - ", "LONDON (AP) - ", "ANKARA - ", "MOSCOW, AFP - ", "PARIS - ")


def source_texts() -> list[str]:
    """The real news texts: PolNeAR, GeoWebNews and TimeBank (stripped of TimeML tags)."""
    paths = sorted(SHARED.glob("quotes/PolNeAR/*/text/*.txt"))
    paths += sorted(p for p in (SHARED / "geo/GeoWebNews/geocoding_files").glob("*") if p.is_file())
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    for tml in sorted(SHARED.glob("time/TimeBank_TBAQ/**/*.tml")):
        raw = tml.read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        texts.append(html.unescape(_TAG.sub("", body.group(1) if body else raw)))
    return [t.strip() for t in texts if t.strip()]


def corpus(n: int) -> Iterator[dict]:
    """N JSONL records cycling through the texts; later rounds get a dateline so each is new content."""
    texts = source_texts()
    if not texts:
        raise SystemExit(f"no texts under {SHARED}")
    for i in range(n):
        round_, k = divmod(i, len(texts))
        dateline = DATELINES[round_ % len(DATELINES)] + (f"({round_}) " if round_ >= len(DATELINES) else "")
        yield {"id": f"bench-{i}", "text": dateline + texts[k],
               "date": (date(2016, 1, 1) + timedelta(days=i % 700)).isoformat()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per transaction")
    parser.add_argument("--keep", type=Path, help="write the corpus and store here instead of a temp dir")
    args = parser.parse_args()

    from eventcoder import nlp
    from eventcoder.pipeline import Pipeline
    from eventcoder.store import Store
    from eventcoder.store.loader import IngestOptions, ingest

    spacy_seconds = 0.0
    parse_many, parse = nlp.parse_many, nlp.parse

    def timed_parse_many(texts, batch_size=nlp.BATCH_SIZE):  # noqa: ANN001, ANN202
        nonlocal spacy_seconds
        docs = parse_many(texts, batch_size)
        while True:
            started = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                spacy_seconds += time.perf_counter() - started
                return
            spacy_seconds += time.perf_counter() - started
            yield doc

    def timed_parse(text):  # noqa: ANN001, ANN202
        nonlocal spacy_seconds
        started = time.perf_counter()
        try:
            return parse(text)
        finally:
            spacy_seconds += time.perf_counter() - started

    nlp.parse_many, nlp.parse = timed_parse_many, timed_parse
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="eventcoder-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "corpus.jsonl"
    with source.open("w", encoding="utf-8") as out:
        chars = sum(out.write(json.dumps(r) + "\n") for r in corpus(args.n))
    db = workdir / "bench.duckdb"
    db.unlink(missing_ok=True)

    started = time.perf_counter()
    pipeline = Pipeline()
    nlp.get_nlp()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with Store(db) as store:
        summary = ingest([str(source)], store, pipeline.code_many, IngestOptions(batch_size=args.batch_size))
        counts = store.counts()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    report = {
        "articles": args.n, "corpus_mb": round(chars / 1e6, 1), "coded": summary.coded,
        "events": summary.events, "near_duplicates": summary.near_duplicates, "failures": dict(summary.failures),
        "load_seconds": round(load_seconds, 1), "ingest_seconds": round(seconds, 1),
        "articles_per_second": round(args.n / seconds, 2),
        "spacy_share": round(spacy_seconds / seconds, 3), "peak_memory_mb": round(peak_mb),
        "db_mb": round(db.stat().st_size / 1e6, 1), "rows": counts,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
