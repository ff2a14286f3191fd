"""A learned sentence classifier for the CAMEO pentaclass, where the rules fall short.

Classes: 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict (QuadClass with statements apart, as ConfliBERT's CAMEO-PC task).
Features are the sentence's words and the rule events coded in it; the model is a
multinomial logistic regression stored in ``data/classify/pentaclass.npz`` (numpy only).

Public surface:
    sentence_classes(doc, events) -> list[int | None]   one class per sentence of the Doc
    span_probs(span, events) -> numpy array of 5 class probabilities (None without words)
"""

from eventcoder.classify.predict import sentence_classes, span_class, span_probs

__all__ = ["sentence_classes", "span_class", "span_probs"]
