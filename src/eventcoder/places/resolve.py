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
# Labels whose names may contain a place ("Air Zimbabwe", "The Washington Post", "Dubai World Cup").
CONTAINERS = {"ORG", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "FAC", "NORP", "LANGUAGE"}
TEAM_FEATURES = {"ADM1", "ADM2", "RGN", "CONT", "OCN", "MILB", "BCRS", "CMP", "TERR", "BLDG"}
# Words after a name that say it is the division, not the town ("Idlib province").
DIVISION_WORDS = {"province", "governorate", "region", "oblast", "state", "district", "county"}
# Words that end a division or town name the gazetteer may know without them ("Orange County").
NAME_SUFFIXES = (" city", " town", " village", " district", " county", " state", " township", " parish",
                 " province", " region")
# Prepositions before a name that make it a place even when NER calls it a person ("in Tamil Nadu").
LOCATIVE_CUES = {"in", "at", "near", "from", "to", "across", "outside", "inside", "around", "towards",
                 "toward", "into", "throughout", "via"}
# Prefixes on a demonym that keep its place ("anti-Russian", "pro-Syrian").
DEMONYM_PREFIXES = ("anti-", "pro-", "ex-", "all-", "non-")
# A strong unlabelled match must be this big, so common words that are also hamlets stay out.
SCAN_MIN_POP = 100_000
# A weak match after a locative preposition may be this small.
CUE_MIN_POP = 15_000
WEAK_MIN_POP = 1_000_000
LOOSE_MIN_RATIO = 0.7
COUNTRY_SCORE = 12.0
TEAM_SCORE = 9.0
CONTEXT_BONUS = 3.5
ADMIN1_BONUS = 1.5
CAPITAL_BONUS = 1.5
PRIMARY_BONUS = 1.5


@dataclass(slots=True)
class Mention:
    """A candidate toponym before resolution."""

    start: int
    end: int
    text: str
    candidates: list[Entry]
    demonym: Entry | None = None  # the country or region when the mention is an adjective ("Syrian")
    strong: bool = True  # from a place label, or an unambiguous gazetteer match
    loose: bool = False  # matched by transliteration skeleton only: needs the article's context
    cue: bool = False  # after a locative preposition ("in Klamath Falls")
    embedded: bool = False  # part of an organisation's or event's name ("Air Zimbabwe")
    stripped: bool = False  # matched without a suffix ("Orange County" -> Orange): the article's country first


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive ("the U.S.'s" -> "U.S.")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "'s", "’s"}:
        start += 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return doc[start:end]


def _lookup(gaz: Gazetteer, text: str) -> tuple[list[Entry], bool | None]:
    """Candidates and how they matched: False exactly, None without a suffix, True by spelling skeleton."""
    found = gaz.lookup(text)
    if found:
        return found, False
    key = normalise(text)
    for suffix in NAME_SUFFIXES:
        if key.endswith(suffix):
            found = gaz.lookup(key[: -len(suffix)])
            if found:
                # "Suffolk County" is not Suffolk in England when the story is American.
                return found, None
    return [e for e in gaz.lookup_loose(text) if e.feature != "PCLI"], True


def _demonym(gaz: Gazetteer, text: str) -> Entry | None:
    """The place a demonym names; a plural ("Americans") means people, not the place."""
    low = text.lower()
    for prefix in DEMONYM_PREFIXES:
        if low.startswith(prefix):
            text = text[len(prefix):]
            break
    entry = gaz.demonym_entry(text)
    if entry is None or (text.endswith("s") and gaz.demonym_entry(text[:-1])):
        return None
    return entry


def _cue(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE_CUES


def _mentions(doc: Doc, gaz: Gazetteer, demonyms: bool) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        for tok in ent:
            taken[tok.i] = True
        span = _trim(ent)
        if not len(span):
            continue
        label = ent.label_
        if label in {"NORP", "PERSON"} | PLACE_LABELS:
            dem = _demonym(gaz, span.text)
            if dem is not None and (label in {"NORP", "PERSON"} or not gaz.lookup(span.text)):
                found.append(Mention(span.start_char, span.end_char, span.text, [], demonym=dem))
                continue
        if label in PLACE_LABELS:
            cands, loose = _lookup(gaz, span.text)
            if cands:
                found.append(Mention(span.start_char, span.end_char, span.text, cands, loose=bool(loose),
                                     cue=_cue(doc, span), stripped=loose is None))
                continue
        elif label in MISLABELS:
            cands = [e for e in gaz.lookup(span.text) if _is_well_known(e)]
            if cands:
                found.append(Mention(span.start_char, span.end_char, span.text, cands))
                continue
        elif label == "PERSON":
            cands = gaz.lookup(span.text)
            if any(e.feature == "PCLI" or e.feature in TEAM_FEATURES for e in cands):
                found.append(Mention(span.start_char, span.end_char, span.text, cands))
                continue
            if cands and _cue(doc, span):
                found.append(Mention(span.start_char, span.end_char, span.text, cands, strong=False, cue=True))
                continue
        if label in CONTAINERS or label in PLACE_LABELS:
            found.extend(_inside(doc, gaz, span))
    found.extend(_scan(doc, gaz, taken))
    return found


def _is_well_known(e: Entry) -> bool:
    return e.feature == "PCLI" or e.feature in TEAM_FEATURES or e.population >= SCAN_MIN_POP


def _capitalised(doc: Doc, i: int, j: int) -> bool:
    return all(doc[k].text[:1].isupper() for k in range(i, j))


def _inside(doc: Doc, gaz: Gazetteer, span: Span) -> list[Mention]:
    """Well-known places and demonyms named inside a longer name ("Pakistan Army", "Asia-Pacific")."""
    out: list[Mention] = []
    i = span.start
    while i < span.end:
        for n in (3, 2, 1):
            j = i + n
            if j > span.end or (i, j) == (span.start, span.end) or not _capitalised(doc, i, j):
                continue
            sub = doc[i:j]
            dem = _demonym(gaz, sub.text)
            if dem is not None:
                out.append(Mention(sub.start_char, sub.end_char, sub.text, [], demonym=dem, embedded=True))
                i = j - 1
                break
            cands = [e for e in gaz.lookup(sub.text) if _is_well_known(e)]
            if n == 1 and len(sub.text) < 3:
                # Two letters inside a name are a country or state code ("US Army", "BC Hydro") or noise ("La").
                cands = [e for e in cands if sub.text.isupper() and e.feature in {"PCLI", "ADM1"}]
            if cands:
                out.append(Mention(sub.start_char, sub.end_char, sub.text, cands, strong=False, embedded=True))
                i = j - 1
                break
        i += 1
    return out


def _scan(doc: Doc, gaz: Gazetteer, taken: list[bool]) -> list[Mention]:
    """Capitalised proper-noun runs and demonyms that NER missed but the gazetteer knows."""
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or tok.pos_ not in {"PROPN", "ADJ"} or not tok.text[:1].isupper():
            i += 1
            continue
        for n in (3, 2, 1):
            j = i + n
            if j > len(doc) or any(taken[k] for k in range(i, j)) or not _capitalised(doc, i, j):
                continue
            span = doc[i:j]
            dem = _demonym(gaz, span.text)
            if dem is not None:
                out.append(Mention(span.start_char, span.end_char, span.text, [], demonym=dem))
                i = j - 1
                break
            if tok.pos_ != "PROPN":
                continue
            cue = _cue(doc, span)
            cands = [e for e in gaz.lookup(span.text) if cue or _is_well_known(e)]
            if cands:
                out.append(Mention(span.start_char, span.end_char, span.text, cands, strong=False, cue=cue))
                i = j - 1
                break
        i += 1
    return out


def _context(mentions: list[Mention], actors: list[Actor]) -> Counter[str]:
    """Countries the article names or implies: country names, demonyms, unambiguous places, actors."""
    ctx: Counter[str] = Counter()
    for m in mentions:
        if m.demonym:
            if m.demonym.country:
                ctx[m.demonym.country] += 1
            continue
        if m.loose or not m.strong:
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


def score(entry: Entry, mention_key: str, ctx: Counter[str], division_next: bool,
          admin1: Counter[str] | None = None) -> float:
    """Rank a candidate: feature type, population, the article's countries and divisions, exact name."""
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
    if admin1 and entry.admin1 and admin1.get(entry.admin1):
        s += ADMIN1_BONUS
    if normalise(entry.name) == mention_key:
        s += PRIMARY_BONUS
    return s


def _candidates(m: Mention, key: str, ctx: Counter[str]) -> list[Entry]:
    """The entries a mention may take: loose and weak ones only with the article's support."""
    cands = m.candidates
    if m.loose:
        # A spelling variant: the article's main country first, then the closest spelling.
        ranked = [(SequenceMatcher(None, key, normalise(e.name)).ratio(), e) for e in cands
                  if e.country and ctx.get(e.country)]
        cands = [e for r, e in ranked if r >= LOOSE_MIN_RATIO]
        if cands:
            cands = [max(cands, key=lambda e: (ctx[e.country], SequenceMatcher(
                None, key, normalise(e.name)).ratio(), e.population))]
    if m.stripped:
        cands = [e for e in cands if e.country and ctx.get(e.country)] or cands
    if not m.strong:
        floor = CUE_MIN_POP if m.cue else WEAK_MIN_POP
        cands = [e for e in cands if e.feature in TEAM_FEATURES or e.feature == "PCLI"
                 or (e.country and ctx.get(e.country)) or e.population >= floor]
    return cands


def resolve(doc: Doc, actors: list[Actor], demonyms: bool = False) -> list[Place]:
    """Every toponym in ``doc`` with its best gazetteer entry; demonyms only when asked."""
    gaz = get_gazetteer()
    mentions = _mentions(doc, gaz, demonyms)
    ctx = _context(mentions, actors)
    text = doc.text
    chosen: list[tuple[Mention, Entry]] = []
    pending: list[tuple[Mention, str, bool, list[Entry]]] = []
    # A name the actor stage knows as an organisation or a person ("Hamas", "Jordan Peterson") is no place.
    named = [(a.end - len(a.name), a.end) if a.name and a.text.endswith(a.name) else (a.start, a.end)
             for a in actors if a.how.startswith(("org", "leader"))]
    organisations = {a.name for a in actors
                     if a.name and (a.how.startswith("org") or (a.how.startswith("role") and " of " in a.how))}
    for m in sorted(mentions, key=lambda m: m.start):
        if any(start <= m.start and m.end <= end for start, end in named) or m.text in organisations:
            continue
        if m.demonym:
            if demonyms:
                chosen.append((m, m.demonym))
            continue
        key = normalise(m.text)
        after = text[m.end : m.end + 16].lower().split()
        division_next = bool(after) and after[0].strip(",.") in DIVISION_WORDS
        cands = _candidates(m, key, ctx)
        if cands:
            pending.append((m, key, division_next, cands))
    # Two passes: the divisions (states, provinces) of the first choices break ties in the second.
    first = [max(c, key=lambda e: score(e, k, ctx, d)) for _, k, d, c in pending]
    admin1 = Counter(e.admin1 for e in first if e.admin1 and e.feature in {"PPL", "PPLC"})
    for (m, key, division_next, cands), best in zip(pending, first, strict=True):
        if len(cands) > 1 and admin1:
            best = max(cands, key=lambda e: score(e, key, ctx, division_next, admin1))
        chosen.append((m, best))
    places: list[Place] = []
    for m, entry in sorted(chosen, key=lambda me: me[0].start):
        is_actor = m.embedded or any(a.start < m.end and m.start < a.end and a.code.endswith("GOV")
                                     for a in actors)
        places.append(Place(
            text=m.text, start=m.start, end=m.end, name=entry.name, country=entry.country,
            lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid, admin1=entry.admin1,
            feature="DEMONYM" if m.demonym else entry.feature, is_actor=is_actor,
        ))
    return places
