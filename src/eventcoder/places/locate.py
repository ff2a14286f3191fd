"""Event location: the place named in the event's clause, else its sentence, else the article's focus."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from eventcoder.model import Event, Place

# Prepositions that put an event at a place ("in Idlib", "near Aleppo", "from Idlib").
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "into", "on", "from",
            "within", "off", "along", "over"}
COUNTRY_PREPS = {"in", "inside", "across", "throughout", "within"}
# Grammatical links that keep a name inside one noun phrase ("Syria's Idlib region").
NOUN_LINKS = {"compound", "poss", "appos", "amod", "nmod", "conj", "cc", "case", "det"}
WEAK_FEATURES = {"PCLI", "CONT", "OCN", "DEMONYM"}
FOCUS_SHARE = 0.6
FOCUS_MIN = 2


# Clauses of their own under a verb: a place there is where something else happened.
OTHER_CLAUSES = {"advcl", "conj", "ccomp", "parataxis"}


def _trigger(event: Event, doc: Doc) -> Token | None:
    where = event.trigger or event.evidence
    span = doc.char_span(where.start, where.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _clause_head(trigger: Token) -> Token:
    head = trigger
    while head.pos_ not in {"VERB", "AUX"} and head.head != head:  # spaCy makes a new Token per access
        head = head.head
    return head


def _clause(trigger: Token) -> set[int]:
    """The tokens of the trigger's own clause: its verb's phrase, without the clauses beside it
    ("talks with the US, while air strikes hit Lebanon": Lebanon is not where the talks are)."""
    head = _clause_head(trigger)
    others = {t.i for c in head.children if c.dep_ in OTHER_CLAUSES and not c.is_ancestor(trigger) and c != trigger
              for t in c.subtree}
    return {t.i for t in head.subtree} - others


def _preposition(tok: Token) -> str | None:
    """The preposition a place name hangs from, through its noun phrase."""
    seen = 0
    while seen < 6 and tok.dep_ in NOUN_LINKS | {"pobj"} and tok.head != tok:
        if tok.dep_ == "pobj":
            return tok.head.lower_ if tok.head.dep_ in {"prep", "agent"} or tok.head.pos_ == "ADP" else None
        tok = tok.head
        seen += 1
    return None


def _candidates(places: list[Place], doc: Doc, within: set[int] | Span) -> list[tuple[Place, str | None]]:
    out = []
    for place in places:
        if place.is_actor or place.feature == "DEMONYM" or place.lat is None:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        inside = root.i in within if isinstance(within, set) else within.start <= root.i < within.end
        if inside:
            out.append((place, _preposition(root)))
    return out


def _choose(cands: list[tuple[Place, str | None]]) -> tuple[Place | None, str]:
    """Prefer a locative sub-national place; a country only when it is "in Syria"."""
    specific = [p for p, prep in cands if prep in LOCATIVE and p.feature not in WEAK_FEATURES]
    if specific:
        return specific[0], ""
    country = [p for p, prep in cands if prep in COUNTRY_PREPS and p.feature in {"PCLI"}]
    if country:
        return country[0], " (country)"
    return None, ""


def _focus(places: list[Place]) -> Place | None:
    """One dominant sub-national place in the article, if there is one."""
    counts = Counter(p.name for p in places if not p.is_actor and p.feature not in WEAK_FEATURES)
    if not counts:
        return None
    (name, n), *_ = counts.most_common(1)
    if n < FOCUS_MIN or n / sum(counts.values()) < FOCUS_SHARE:
        return None
    return next(p for p in places if p.name == name and not p.is_actor)


def _acted_on(event: Event, places: list[Place]) -> Place | None:
    """A town or region that is the event's target ("bombed Beirut", "visited Odesa") is where it happened."""
    target = event.target
    if target is None:
        return None
    return next((p for p in places if p.lat is not None and p.feature not in WEAK_FEATURES | {"PCLI"}
                 and target.start <= p.start and p.end <= target.end), None)


def locate(events: list[Event], places: list[Place], doc: Doc) -> None:
    """Set ``event.location`` by the place acted on, its clause, then its sentence (outside other events'
    clauses), then article focus; note the rule used."""
    sents = list(doc.sents)
    focus = _focus(places)
    triggers = {event.id: _trigger(event, doc) for event in events}
    clauses = {key: _clause(trigger) for key, trigger in triggers.items() if trigger is not None}
    # Subordinate clauses ("after Hamas fired rockets from Khan Younis") keep their places to themselves;
    # coordinated ones ("met in Ankara, and the two signed a declaration") may share them.
    subordinate = {key for key, trigger in triggers.items()
                   if trigger is not None and _clause_head(trigger).dep_ in OTHER_CLAUSES - {"conj"}}
    for event in events:
        acted_on = _acted_on(event, places)
        if acted_on is not None:
            event.location = acted_on
            event.notes.append("location: the place acted on")
            continue
        trigger = triggers[event.id]
        if trigger is not None:
            place, how = _choose(_candidates(places, doc, clauses[event.id]))
            if place:
                event.location = place
                event.notes.append(f"location: clause{how}")
                continue
        if 0 <= event.sentence < len(sents):
            sentence = sents[event.sentence]
            # "Israel struck Gaza after Hamas fired rockets from Khan Younis": Khan Younis is the rockets'.
            elsewhere = {i for key, clause in clauses.items() if key in subordinate and triggers[key] != trigger
                         for i in clause if trigger is None or i not in clauses[event.id]}
            place, how = _choose(_candidates(places, doc, set(range(sentence.start, sentence.end)) - elsewhere))
            if place:
                event.location = place
                event.notes.append(f"location: sentence{how}")
                continue
        if focus is not None:
            event.location = focus
            event.notes.append("location: article focus")
        else:
            event.notes.append("location: none")
