"""A learned sentence classifier for the CAMEO pentaclass, where the rules fall short.

Classes: 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict (QuadClass with statements apart, as ConfliBERT's CAMEO-PC task).
Features are the sentence's words and the rule events coded in it; the model is a
multinomial logistic regression stored in ``data/classify/pentaclass.npz`` (numpy only).

A second learned part, ``arguments``, tags each sentence's source and target phrases with a CRF
(``data/classify/arguments.crfsuite``), from the same parse and rule events.

Public surface:
    sentence_classes(doc, events) -> list[int | None]   one class per sentence of the Doc
    span_probs(span, events) -> numpy array of 5 class probabilities (None without words)
    sentence_arguments(doc, events, actors) -> [(source spans, target spans)] per sentence
    aim_events(events, arguments, actors) -> events, a missing target taken from the learned target phrase
"""

from eventcoder.classify.arguments import aim_events, sentence_arguments
from eventcoder.classify.predict import sentence_classes, span_class, span_probs

__all__ = ["aim_events", "sentence_arguments", "sentence_classes", "span_class", "span_probs"]
