"""Near-duplicate detection: MinHash over word 5-shingles, with LSH banding to find candidates.

Wire stories republished with small edits share most of their 5-word shingles; two texts whose
estimated Jaccard similarity is at least ``THRESHOLD`` are put in the same duplicate group.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

SHINGLE = 5
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: candidates from about Jaccard 0.42 up, then checked exactly
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
# A fixed seed: signatures are stored, so the permutations must never change between runs.
_RNG = np.random.RandomState(20240501)
_A = _RNG.randint(1, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _RNG.randint(0, (1 << 32) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of lower-cased word ``size``-grams of the text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values, as uint64) of the text's shingles."""
    grams = shingles(text)
    if not grams:
        return np.full(NUM_PERM, _MAX, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))
    # (a*x + b) mod p, taken mod 2^32; the uint64 product may wrap, which keeps it a hash family.
    with np.errstate(over="ignore"):
        permuted = ((hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME) & _MAX
    return permuted.min(axis=0)


def to_bytes(sig: np.ndarray) -> bytes:
    """A signature as 4 bytes per value, for the store."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A signature read back from the store."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


class DuplicateIndex:
    """LSH index of signatures: finds the group of an earlier near-duplicate of a new text."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
        self._sigs: dict[str, np.ndarray] = {}
        self._groups: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def _bands(self, sig: np.ndarray) -> list[tuple[int, bytes]]:
        raw = sig.astype("<u4").tobytes()
        step = ROWS * 4
        return [(band, raw[band * step:(band + 1) * step]) for band in range(BANDS)]

    def add(self, key: str, sig: np.ndarray, group: str) -> None:
        """Index a signature under its article key and group id."""
        self._sigs[key] = sig
        self._groups[key] = group
        for band in self._bands(sig):
            self._buckets[band].append(key)

    def find_group(self, sig: np.ndarray, threshold: float = THRESHOLD) -> str | None:
        """The group of the most similar indexed text at or above the threshold, or None."""
        best, best_key = threshold, None
        seen: set[str] = set()
        for band in self._bands(sig):
            for key in self._buckets.get(band, ()):
                if key in seen:
                    continue
                seen.add(key)
                score = similarity(sig, self._sigs[key])
                if score >= best:
                    best, best_key = score, key
        return self._groups[best_key] if best_key is not None else None
