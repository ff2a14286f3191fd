"""A date per event: the time expression governing its clause, else the publication date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from eventcoder.model import Event, TimeExpr

LEAD_TOKENS = 3  # "In 2018, ..." sets the date of the whole sentence


def _trigger(event: Event, doc: Doc) -> Token | None:
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _set(event: Event, t: TimeExpr, rule: str) -> None:
    event.date, event.date_precision = t.value, t.precision
    event.notes.append(f"date: {rule} ({t.text})")


def attach(events: list[Event], times: list[TimeExpr], doc: Doc, published: date | None) -> None:
    """Set ``event.date`` and ``date_precision``; the rule used goes to ``event.notes``."""
    sents = list(doc.sents)
    # "now" and "recently" (TimeML *_REF) name no calendar period: an event keeps looking.
    valued = [t for t in times if t.value and t.precision != "ref"]
    for event in events:
        sent = sents[event.sentence] if 0 <= event.sentence < len(sents) else None
        in_sent = [t for t in valued if sent is not None and sent.start_char <= t.start < sent.end_char]
        trigger = _trigger(event, doc)
        chosen = None
        if trigger is not None and in_sent:
            sub = {t.i for t in trigger.subtree}
            governed = [t for t in in_sent if (tok := doc.char_span(t.start, t.end, alignment_mode="expand"))
                        is not None and len(tok) and tok.root.i in sub]
            if governed:
                # The nearest one to the trigger governs it.
                chosen = min(governed, key=lambda t: abs(t.start - trigger.idx)), "clause"
        if chosen is None and len(in_sent) == 1:
            chosen = in_sent[0], "sentence"
        if chosen is None and sent is not None:
            lead = [t for t in in_sent if t.start < sent[min(LEAD_TOKENS, len(sent) - 1)].idx + 1]
            if lead:
                chosen = lead[0], "sentence start"
        if chosen is not None:
            _set(event, *chosen)
        elif published is not None:
            event.date, event.date_precision = published.isoformat(), "day"
            event.notes.append("date: publication date")
        else:
            event.date = event.date_precision = None
            event.notes.append("date: none")
