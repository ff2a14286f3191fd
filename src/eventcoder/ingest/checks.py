"""Cheap checks and fingerprints on article text: normalisation, content hash, language, size."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS

from eventcoder.ingest import records
from eventcoder.model import Article

DEFAULT_MAX_CHARS = 1_000_000
# English news prose runs at 30-55% stop words (spaCy's list); other languages at a few percent.
# Short texts (a headline-like sentence) can be far lower, so the share alone decides only on long texts.
MIN_STOPWORD_SHARE = 0.1
MIN_WORDS_FOR_SHARE = 30
# From this many words, a text whose stop words are more often another language's than English's fails.
MIN_WORDS_FOR_LANGUAGE = 8
# A text mostly in other scripts (Cyrillic, Arabic, CJK ...) is not English.
MIN_LATIN_SHARE = 0.5
# Languages whose spaCy stop-word lists we compare with English's (Latin-script, common in news).
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl")

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def normalise(text: str) -> str:
    """Text with Unicode NFC and all whitespace runs collapsed to one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalised text: the identity of an article in the store."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or many control characters, in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.1


@lru_cache(maxsize=1)
def _other_stop_words() -> dict[str, frozenset[str]]:
    """Other languages' stop words that are not English ones, from spaCy's lists.

    The stop_words.py files are loaded on their own: importing spacy.lang.xx loads a whole
    language class and costs seconds.
    """
    base = Path(spacy.__file__).parent / "lang"
    out: dict[str, frozenset[str]] = {}
    for lang in OTHER_LANGUAGES:
        path = base / lang / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_eventcoder_stop_{lang}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out[lang] = frozenset(module.STOP_WORDS) - STOP_WORDS
    return out


def stopword_share(text: str, sample_chars: int = 20_000) -> tuple[float, int]:
    """The share of English stop words among the words of (the start of) the text, and the word count."""
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in STOP_WORDS) / len(words), len(words)


def language_problem(text: str, sample_chars: int = 20_000) -> str | None:
    """Why the text does not look English, or None when it does (or is too short to tell)."""
    sample = text[:sample_chars]
    letters = [c for c in sample if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250")  # Basic Latin through Latin Extended-B
    if letters and latin / len(letters) < MIN_LATIN_SHARE:
        return f"mostly non-Latin script ({latin / len(letters):.0%} Latin letters)"
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    english = sum(1 for w in words if w in STOP_WORDS) / len(words)
    for lang, stops in _other_stop_words().items():
        other = sum(1 for w in words if w in stops) / len(words)
        if other > english:
            return f"stop words look {lang} ({other:.2f}) more than English ({english:.2f})"
    if len(words) >= MIN_WORDS_FOR_SHARE and english < MIN_STOPWORD_SHARE:
        return f"English stop-word share {english:.2f} < {MIN_STOPWORD_SHARE}"
    return None


def check_article(article: Article, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str, str] | None:
    """Why an article cannot be coded, as (reason, detail), or None when it can."""
    text = article.text
    if not text.strip():
        return records.EMPTY, "no text"
    if len(text) > max_chars:
        return records.TOO_LONG, f"{len(text)} characters > {max_chars}"
    if "\x00" in text:
        return records.BINARY, "NUL characters in text"
    if not _WORD.search(text):
        return records.EMPTY, "no words"
    problem = language_problem(text)
    return (records.NOT_ENGLISH, problem) if problem else None
