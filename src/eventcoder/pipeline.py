"""The pipeline: Article -> spaCy Doc -> actors -> quotes -> places -> events -> dates -> CodedArticle.

Learned parts (eventcoder.classify) add each sentence's CAMEO pentaclass and its source and target
phrases; an event the rules left without a target takes the actor in the sentence's learned target phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from eventcoder import actors, classify, dates, events, nlp, places, quotes
from eventcoder.model import Article, CodedArticle, Sentence


class Pipeline:
    """Codes articles; knowledge files are loaded once, when the pipeline is made.

    actor_files and lexicon_files are users' YAML files layered over the packaged data.
    """

    def __init__(self, actor_files: Iterable[Path] = (), lexicon_files: Iterable[Path] = (),
                 learned_targets: bool = True) -> None:
        self.actor_knowledge = actors.load_knowledge(list(actor_files))
        self.lexicon = events.load_lexicon(list(lexicon_files))
        # Off only to train the argument tagger on the rules' own events (benchmarks/train_arguments.py).
        self.learned_targets = learned_targets

    def code(self, article: Article) -> CodedArticle:
        """Code one article."""
        return self.code_doc(article, nlp.parse(article.text))

    def code_many(self, articles: Iterable[Article], batch_size: int = nlp.BATCH_SIZE) -> Iterator[CodedArticle]:
        """Code many articles, parsing them in batches; results come in input order."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= batch_size:
                yield from self._code_batch(pending)
                pending = []
        yield from self._code_batch(pending)

    def _code_batch(self, batch: list[Article]) -> Iterator[CodedArticle]:
        for article, doc in zip(batch, nlp.parse_many(a.text for a in batch), strict=True):
            yield self.code_doc(article, doc)

    def code_doc(self, article: Article, doc: Doc) -> CodedArticle:
        """Code an article whose text is already parsed."""
        published: date | None = article.published
        mentions = actors.find_actors(doc, published, self.actor_knowledge)
        found_quotes = quotes.extract_quotes(doc, mentions.resolve_span)
        found_places = places.find_places(doc, mentions.actors)
        found_events = events.find_events(doc, mentions, self.lexicon, found_quotes, found_places)
        arguments = classify.sentence_arguments(doc, found_events, mentions.actors)
        if self.learned_targets:
            found_events = classify.aim_events(found_events, arguments, mentions.actors)
        places.locate_events(found_events, found_places, doc)
        times = dates.find_times(doc, published)
        dates.date_events(found_events, times, doc, published)
        classes = classify.sentence_classes(doc, found_events)
        return CodedArticle(
            id=article.id, title=article.title, published=published, url=article.url,
            publisher=article.publisher,
            sentences=[Sentence(i, s.start_char, s.end_char, classes[i], *arguments[i])
                       for i, s in enumerate(doc.sents)],
            events=found_events, quotes=found_quotes, places=found_places,
            actors=mentions.actors, times=times,
        )


_DEFAULT: Pipeline | None = None


def code_text(text: str, date: date | None = None, id: str = "text") -> CodedArticle:
    """Code one text with the packaged knowledge (the pipeline is built once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.code(Article(id=id, text=text, published=date))
