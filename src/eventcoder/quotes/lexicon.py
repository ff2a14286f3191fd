"""The cue lexicon: which words introduce reported speech, read from data/quotes/cues.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "quotes" / "cues.yaml"
DEFAULT_COMPLEMENTS = ("ccomp", "parataxis")


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue word: its lemma, speech-act class and the dependents that carry the content."""

    lemma: str
    cls: str
    complements: tuple[str, ...] = DEFAULT_COMPLEMENTS


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Single-verb cues by lemma, multi-word cues by their lower-cased words."""

    verbs: dict[str, Cue] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Cue] = field(default_factory=dict)
    min_mixed_words: int = 3


def load_lexicon(path: Path = CUES_FILE) -> CueLexicon:
    """Read a cue lexicon file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    verbs = {
        lemma: Cue(lemma, spec.get("class", lemma), tuple(spec.get("complements", DEFAULT_COMPLEMENTS)))
        for lemma, spec in (raw.get("verbs") or {}).items()
    }
    phrases = {
        tuple(text.lower().split()): Cue(text.lower(), spec.get("class", text), ())
        for text, spec in (raw.get("phrases") or {}).items()
    }
    return CueLexicon(verbs, phrases, int(raw.get("min_mixed_words", 3)))


@lru_cache(maxsize=1)
def default_lexicon() -> CueLexicon:
    """The packaged lexicon, loaded once per process."""
    return load_lexicon()
