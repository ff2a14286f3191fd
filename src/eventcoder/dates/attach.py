"""A date per event: the time expression governing its clause, else the publication date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from eventcoder.model import Event, TimeExpr


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governor(token: Token, stops: set[int]) -> Token:
    """The verb (or the event's own trigger word) a time expression hangs from."""
    while token.head != token and token.i not in stops and token.pos_ not in {"VERB", "AUX"}:
        token = token.head
    return token


def _set(event: Event, t: TimeExpr, rule: str) -> None:
    event.date, event.date_precision = t.value, t.precision
    event.notes.append(f"date: {rule} ({t.text})")


def attach(events: list[Event], times: list[TimeExpr], doc: Doc, published: date | None) -> None:
    """Set ``event.date`` and ``date_precision``; the rule used goes to ``event.notes``.

    A time expression dates an event when it hangs from the event's trigger or from a verb
    whose clause contains the trigger ("In 2018, Russia and Turkey agreed"; "On Monday X
    said Y attacked Z"), the nearest such one winning. One inside another clause or noun
    phrase ("an agreement ... from 2018") does not.
    """
    # "now" and "recently" (TimeML *_REF) name no calendar period: an event keeps looking.
    valued = [t for t in times if t.value and t.precision != "ref"]
    for event in events:
        anchor = event.trigger or event.evidence
        words = _tokens(doc, anchor.start, anchor.end)
        if event.trigger is None and words:
            words = [min(words, key=lambda w: len(list(w.ancestors)))]
        chosen: tuple[TimeExpr, str] | None = None
        if words:
            stops = {w.i for w in words}
            sentence = words[0].sent
            best = None
            for t in valued:
                if not sentence.start_char <= t.start < sentence.end_char:
                    continue
                expression = _tokens(doc, t.start, t.end)
                if not expression:
                    continue
                root = min(expression, key=lambda w: len(list(w.ancestors)))
                governor = _governor(root.head if root.head != root else root, stops)
                if governor.i in stops:
                    distance, rule = 0, "clause"
                elif any(w.i in {g.i for g in governor.subtree} for w in words):
                    distance, rule = len(list(words[0].ancestors)) - len(list(governor.ancestors)), "governing clause"
                else:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, t, rule)
            if best is not None:
                chosen = best[1], best[2]
        if chosen is not None:
            _set(event, *chosen)
        elif published is not None:
            event.date, event.date_precision = published.isoformat(), "day"
            event.notes.append("date: publication date")
        else:
            event.date = event.date_precision = None
            event.notes.append("date: none")
