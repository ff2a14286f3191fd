"""Why a sentence is coded the way it is: parse, actors, patterns, and what was rejected."""

from __future__ import annotations

from datetime import date

from eventcoder import actors, classify, dates, nlp, places, quotes
from eventcoder.events.detect import trace_events
from eventcoder.pipeline import Pipeline


def explain_text(pipeline: Pipeline, text: str, published: date | None = None) -> str:
    """A plain-text report of every decision made while coding ``text``."""
    doc = nlp.parse(text)
    mentions = actors.find_actors(doc, published, pipeline.actor_knowledge)
    found_quotes = quotes.extract_quotes(doc, mentions.resolve_span)
    found_places = places.find_places(doc, mentions.actors)
    events, log = trace_events(doc, mentions, pipeline.lexicon, found_places, found_quotes)
    arguments = classify.sentence_arguments(doc, events, mentions.actors)
    if pipeline.learned_targets:
        events = classify.aim_events(events, arguments, mentions.actors)
    places.locate_events(events, found_places, doc)
    times = dates.find_times(doc, published)
    dates.date_events(events, times, doc, published)

    lines = [f"Text: {text}", f"Publication date: {published or 'none given'}", "",
             "Parse (token lemma POS dep <- head):"]
    for token in doc:
        lines.append(f"  {token.i:>3} {token.text:<16} {token.lemma_:<14} {token.pos_:<6} {token.dep_:<10}"
                     f" <- {token.head.i} {token.head.text}")
    lines += ["", "Actors:"]
    lines += [f"  {a.text!r} -> {a.code}  ({a.how})" for a in mentions.actors] or ["  none found"]
    if found_places:
        lines += ["", "Places:"]
        lines += [f"  {p.text!r} -> {p.name}, {p.country} ({p.lat}, {p.lon})"
                  + (" [an actor here]" if p.is_actor else "") for p in found_places]
    if times:
        lines += ["", "Times:"] + [f"  {t.text!r} -> {t.value} ({t.precision})" for t in times]
    lines += ["", "Events:"]
    for event in events:
        flags = " NEGATED" * event.negated + " HYPOTHETICAL" * event.hypothetical
        target = event.target.code if event.target else "-"
        lines.append(f"  {event.source.code} {event.cameo} ({event.plover or 'no PLOVER'}) {target}{flags}"
                     f"  date={event.date} place={event.location.name if event.location else None}")
        lines += [f"      {note}" for note in event.notes]
    if not events:
        lines.append("  none")
    lines += ["", "Learned argument phrases (source S, target T):"]
    for n, (sources, targets) in enumerate(arguments):
        phrases = [f"S {p.text!r}" for p in sources] + [f"T {p.text!r}" for p in targets]
        lines.append(f"  sentence {n}: {'; '.join(phrases) or 'none'}")
    if log:
        lines += ["", "Rejected or absorbed candidates:"] + [f"  {line}" for line in log]
    if found_quotes:
        lines += ["", "Quotes:"] + [f"  {q.kind} by {q.speaker.code if q.speaker else '?'} (cue {q.cue}): {q.text!r}"
                                    for q in found_quotes]
    return "\n".join(lines)
