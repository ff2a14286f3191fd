"""Throughput of the full pipeline next to spaCy's parse alone, on the same texts, in one run.

usage: python benchmarks/throughput.py [--n 200] [--batch-size 32]

Texts are real news articles from ../shared/data (GeoWebNews, PolNeAR) when present,
else the packaged sample article repeated. Prints articles/s and words/s for both, and
the ratio (pipeline time / parse time).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from eventcoder import nlp
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"


def news_texts(n: int) -> list[str]:
    """Up to ``n`` real article texts, repeated if there are fewer."""
    paths = sorted((SHARED / "geo" / "GeoWebNews" / "brat").glob("*.txt"))
    paths += sorted((SHARED / "quotes" / "PolNeAR").glob("*/text/*.txt"))[:500]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    texts = [t for t in texts if len(t.split()) > 50]
    if not texts:
        texts = [(REPO / "src" / "eventcoder" / "data" / "samples" / "ankara_summit.txt").read_text(encoding="utf-8")]
    return [texts[i % len(texts)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of articles")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    texts = news_texts(args.n)
    words = sum(len(re.findall(r"\w+", t)) for t in texts)
    pipeline = Pipeline()
    pipeline.code(Article(id="warm-up", text=texts[0]))  # loads model, dictionaries, gazetteer

    def parse_alone() -> float:
        start = time.perf_counter()
        for _doc in nlp.parse_many(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - start

    def full_pipeline() -> tuple[float, int]:
        start = time.perf_counter()
        coded = pipeline.code_many((Article(id=str(i), text=t) for i, t in enumerate(texts)),
                                   batch_size=args.batch_size)
        found = sum(len(c.events) for c in coded)
        return time.perf_counter() - start, found

    # Alternate the two and keep each one's best run, so a noisy machine hurts both alike.
    parse_s = min(parse_alone(), parse_alone())
    (full_s, events), (again_s, _) = full_pipeline(), full_pipeline()
    full_s = min(full_s, again_s)

    print(f"{len(texts)} articles, {words} words, {events} events")
    print(f"spaCy parse alone : {len(texts) / parse_s:8.1f} articles/s {words / parse_s:10.0f} words/s")
    print(f"full pipeline     : {len(texts) / full_s:8.1f} articles/s {words / full_s:10.0f} words/s")
    print(f"ratio full/parse  : {full_s / parse_s:.2f}x the time of parsing alone")


if __name__ == "__main__":
    main()
