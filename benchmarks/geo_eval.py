"""Score toponym finding and resolution on GeoWebNews (recall, accuracy within 161 km).

Usage: python benchmarks/geo_eval.py [--limit N] [--demonyms] [--errors]
The data is read from ../shared/data/geo/GeoWebNews (never copied into the repo).
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

GWN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geo" / "GeoWebNews"
KM_OK = 161.0


@dataclass
class GeoScore:
    """Counts behind the reported figures."""

    gold: int = 0
    found: int = 0  # gold toponyms overlapped by a found place
    within: int = 0  # of those, resolved within 161 km
    predicted: int = 0
    errors: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def accuracy(self) -> float:
        return self.within / self.found if self.found else 0.0

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def load(root: Path = GWN, limit: int | None = None) -> list[tuple[str, list[tuple[str, float, float, int, int]]]]:
    """(text, gold toponyms as (text, lat, lon, start, end)) per article."""
    lines = (root / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    docs = []
    for i, line in enumerate(lines[:limit]):
        text = (root / "geocoding_files" / str(i)).read_text(encoding="utf-8")
        gold = []
        for item in line.split("||"):
            parts = item.split(",,")
            if len(parts) >= 6:
                gold.append((parts[1], float(parts[2]), float(parts[3]), int(parts[4]), int(parts[5])))
        docs.append((text, gold))
    return docs


def evaluate(limit: int | None = None, demonyms: bool = False, literal_only: bool = False) -> GeoScore:
    """Run the places stage over GeoWebNews and count hits; ``literal_only`` drops demonym gold."""
    from eventcoder.nlp import parse_many
    from eventcoder.places.gazetteer import get_gazetteer
    from eventcoder.places.resolve import resolve

    gaz = get_gazetteer()
    docs = load(limit=limit)
    score = GeoScore()
    for (_text, gold), doc in zip(docs, parse_many(t for t, _ in docs), strict=True):
        places = resolve(doc, [], demonyms=demonyms)
        score.predicted += len(places)
        for name, lat, lon, start, end in gold:
            if literal_only and gaz.demonym_entry(name) and not gaz.lookup(name):
                continue
            score.gold += 1
            hit = next((p for p in places if p.start < end and start < p.end), None)
            if hit is None:
                score.errors.append(("missed", name, 0.0))
                continue
            score.found += 1
            km = haversine(lat, lon, hit.lat, hit.lon)
            if km <= KM_OK:
                score.within += 1
            else:
                score.errors.append(("far", f"{name} -> {hit.name} {hit.country}", km))
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--demonyms", action="store_true", help="also return demonyms (Syrian -> Syria)")
    ap.add_argument("--literal", action="store_true", help="score only non-demonym gold toponyms")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    s = evaluate(args.limit, args.demonyms, args.literal)
    print(f"gold={s.gold} recall={s.recall:.3f} acc@161km={s.accuracy:.3f} precision={s.precision:.3f}")
    if args.errors:
        for (kind, text), n in Counter((k, t) for k, t, _ in s.errors).most_common(120):
            print(n, kind, text)


if __name__ == "__main__":
    main()
