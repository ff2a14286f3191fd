"""Toponym finding and resolution: NER spans plus gazetteer matches, ranked by the article's context."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.tokens import Doc, Span

from eventcoder.model import Actor, Place
from eventcoder.places.gazetteer import Entry, Gazetteer, get_gazetteer, normalise

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels the small model sometimes gives to a well-known place ("Sochi" NORP, "Idlib" ORG).
MISLABELS = {"ORG", "NORP"}
TEAM_FEATURES = {"ADM1", "ADM2", "RGN", "CONT", "OCN", "MILB", "BCRS", "CMP", "TERR"}
# Words after a name that say it is the division, not the town ("Idlib province").
DIVISION_WORDS = {"province", "governorate", "region", "oblast", "state", "district", "county"}
# A strong unlabelled match must be this big, so common words that are also hamlets stay out.
SCAN_MIN_POP = 100_000
COUNTRY_SCORE = 12.0
TEAM_SCORE = 8.0
CONTEXT_BONUS = 3.5
CAPITAL_BONUS = 1.5
PRIMARY_BONUS = 0.5


@dataclass(slots=True)
class Mention:
    """A candidate toponym before resolution."""

    start: int
    end: int
    text: str
    candidates: list[Entry]
    demonym: str | None = None  # ISO3 when the mention is an adjective such as "Syrian"
    strong: bool = True  # from a place label, or an unambiguous gazetteer match
    loose: bool = False  # matched by transliteration skeleton only: needs the article's context


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive ("the U.S.'s" -> "U.S.")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "'s", "’s"}:
        start += 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return doc[start:end]


def _lookup(gaz: Gazetteer, text: str) -> tuple[list[Entry], bool]:
    found = gaz.lookup(text)
    if found:
        return found, False
    key = normalise(text)
    for suffix in (" city", " town", " village", " district"):
        if key.endswith(suffix):
            found = gaz.lookup(key[: -len(suffix)])
            if found:
                return found, False
    return [e for e in gaz.lookup_loose(text) if e.feature != "PCLI"], True


def _mentions(doc: Doc, gaz: Gazetteer, demonyms: bool) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        span = _trim(ent)
        if not len(span):
            continue
        if ent.label_ == "NORP" or ent.label_ in PLACE_LABELS:
            iso = gaz.demonym(span.text)
            if iso and ent.label_ == "NORP":
                found.append(Mention(span.start_char, span.end_char, span.text, [], demonym=iso))
                for tok in span:
                    taken[tok.i] = True
                continue
        if ent.label_ in PLACE_LABELS:
            cands, loose = _lookup(gaz, span.text)
            if cands:
                found.append(Mention(span.start_char, span.end_char, span.text, cands, loose=loose))
            for tok in span:
                taken[tok.i] = True
        elif ent.label_ in MISLABELS:
            cands = [e for e in gaz.lookup(span.text) if _is_well_known(e)]
            if cands:
                found.append(Mention(span.start_char, span.end_char, span.text, cands))
            for tok in span:
                taken[tok.i] = True
        else:
            for tok in span:
                taken[tok.i] = True
    found.extend(_scan(doc, gaz, taken))
    return found


def _is_well_known(e: Entry) -> bool:
    return e.feature == "PCLI" or e.feature in TEAM_FEATURES or e.population >= SCAN_MIN_POP


def _scan(doc: Doc, gaz: Gazetteer, taken: list[bool]) -> list[Mention]:
    """Capitalised proper-noun runs that NER missed but the gazetteer knows well."""
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        for n in (3, 2, 1):
            j = i + n
            if j > len(doc) or any(taken[k] or not doc[k].text[:1].isupper() for k in range(i, j)):
                continue
            span = doc[i:j]
            cands = [e for e in gaz.lookup(span.text) if _is_well_known(e)]
            if cands:
                out.append(Mention(span.start_char, span.end_char, span.text, cands, strong=False))
                i = j - 1
                break
        i += 1
    return out


def _context(mentions: list[Mention], actors: list[Actor]) -> Counter[str]:
    """Countries the article names or implies: country names, demonyms, unambiguous places, actors."""
    ctx: Counter[str] = Counter()
    for m in mentions:
        if m.demonym:
            ctx[m.demonym] += 1
            continue
        if m.loose:
            continue
        countries = {e.country for e in m.candidates if e.country}
        if any(e.feature == "PCLI" for e in m.candidates) or any(e.feature in TEAM_FEATURES for e in m.candidates):
            best = max(m.candidates, key=lambda e: (e.feature == "PCLI", e.feature in TEAM_FEATURES))
            if best.country:
                ctx[best.country] += 1
        elif len(countries) == 1:
            ctx[next(iter(countries))] += 1
    for actor in actors:
        if actor.country and len(actor.country) == 3:
            ctx[actor.country] += 1
    return ctx


def score(entry: Entry, mention_key: str, ctx: Counter[str], division_next: bool) -> float:
    """Rank a candidate: feature type, population, the article's countries, exact primary name."""
    if entry.feature == "PCLI":
        s = COUNTRY_SCORE
    elif entry.feature in TEAM_FEATURES:
        s = TEAM_SCORE + (2.0 if division_next and entry.feature == "ADM1" else 0.0)
    else:
        s = math.log10(entry.population + 10)
        if entry.feature == "PPLC":
            s += CAPITAL_BONUS
    if entry.country and ctx.get(entry.country):
        s += CONTEXT_BONUS + min(1.0, ctx[entry.country] / 5)
    if normalise(entry.name) == mention_key:
        s += PRIMARY_BONUS
    return s


def resolve(doc: Doc, actors: list[Actor], demonyms: bool = False) -> list[Place]:
    """Every toponym in ``doc`` with its best gazetteer entry; demonyms only when asked."""
    gaz = get_gazetteer()
    mentions = _mentions(doc, gaz, demonyms)
    ctx = _context(mentions, actors)
    text = doc.text
    places: list[Place] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.demonym:
            entry = gaz.country(m.demonym)
            if entry is None or not demonyms:
                continue
        else:
            key = normalise(m.text)
            after = text[m.end : m.end + 16].lower().split()
            division_next = bool(after) and after[0].strip(",.") in DIVISION_WORDS
            cands = m.candidates
            if m.loose:
                # A spelling variant: the article's main country first, then the closest spelling.
                cands = [e for e in cands if e.country and ctx.get(e.country)]
                if cands:
                    cands = [max(cands, key=lambda e: (ctx[e.country], SequenceMatcher(
                        None, key, normalise(e.name)).ratio(), e.population))]
            if not m.strong:
                cands = [e for e in cands if e.feature in TEAM_FEATURES or e.feature == "PCLI"
                         or (e.country and ctx.get(e.country)) or e.population >= 1_000_000]
                if not cands:
                    continue
            if not cands:
                continue
            entry = max(cands, key=lambda e: score(e, key, ctx, division_next))
        is_actor = any(a.start < m.end and m.start < a.end and a.code.endswith("GOV") for a in actors)
        places.append(Place(
            text=m.text, start=m.start, end=m.end, name=entry.name, country=entry.country,
            lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid, admin1=entry.admin1,
            feature="DEMONYM" if m.demonym else entry.feature, is_actor=is_actor,
        ))
    return places
