"""Find actor mentions in a parsed article and resolve each to a CAMEO-style code.

One left-to-right pass over the nominal heads of the article: a head is resolved from
the dictionaries (a name, a capital, an organisation), else from a role noun and the
nationality, possessor or organisation that modifies it, else by coreference with what
came before (pronouns, "the two", "the ministry"). Coordinated heads ("Russia and
Turkey") give one actor each. Every actor records how it was resolved, for explain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from eventcoder.actors.knowledge import (
    ADJECTIVE,
    COUNTRY,
    GOVERNMENT,
    LEADER,
    ORGANIZATION,
    Entry,
    Knowledge,
    normalize,
)
from eventcoder.model import Actor

_KIND_ORDER = {LEADER: 0, ORGANIZATION: 1, GOVERNMENT: 2, COUNTRY: 3, ADJECTIVE: 4}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
_MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
# Nouns that stand for a whole state when counted or paired: "the two countries", "both sides".
_STATE_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor"}
# A capital after these prepositions is where something happened, not who acted.
# "the ministry", "this army", "his soldiers": a definite description refers back.
_DEFINITE = {"the", "this", "that", "these", "those", "his", "her", "its", "their"}
_LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "via"}
_MATCHERS: dict[int, PhraseMatcher] = {}


@dataclass(slots=True)
class _Seen:
    """An actor already mentioned, for coreference."""

    actor: Actor
    token: int
    sentence: int
    person: bool
    subject: bool


@dataclass
class Mentions:
    """The actors of one article, addressable by the token that heads their phrase."""

    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    by_head: dict[int, list[Actor]] = field(default_factory=dict)

    def of(self, token: Token) -> list[Actor]:
        """Actors of the phrase headed by ``token``, one per coordinated member."""
        found = list(self.by_head.get(token.i, []))
        for conj in token.conjuncts:
            if conj.i > token.i:
                found += [a for a in self.by_head.get(conj.i, []) if a not in found]
        return found

    def resolve_span(self, span: Span) -> Actor | None:
        """The actor a span names (its head first, else any resolved token in it)."""
        if span.root.i in self.by_head and self.by_head[span.root.i]:
            return self.by_head[span.root.i][0]
        for token in reversed(span):
            if self.by_head.get(token.i):
                return self.by_head[token.i][0]
        return None


def _matcher(doc: Doc, kb: Knowledge) -> PhraseMatcher:
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        from eventcoder.nlp import get_nlp

        names = list(kb.names)
        for name, pattern in zip(names, get_nlp().tokenizer.pipe(names), strict=True):
            matcher.add(name, [pattern])
        _MATCHERS[id(kb)] = matcher
    return matcher


class _Resolver:
    def __init__(self, doc: Doc, published: date | None, kb: Knowledge) -> None:
        self.doc, self.published, self.kb = doc, published, kb
        self.sentence_of = {}
        for index, sent in enumerate(doc.sents):
            for token in sent:
                self.sentence_of[token.i] = index
        spans = []
        for match_id, start, end in _matcher(doc, kb)(doc):
            spans.append(Span(doc, start, end, label=match_id))
        self.matches: dict[int, tuple[Span, Entry]] = {}
        for span in filter_spans(spans):
            if span.text.islower():  # names are capitalised: "said" is not Oman's Said
                continue
            entries = kb.names.get(normalize(span.text)) or kb.names.get(doc.vocab.strings[span.label], [])
            if entries:
                entry = self._choose(entries)
                for token in span:
                    self.matches[token.i] = (span, entry)
        self.seen: list[_Seen] = []
        self.memo: dict[int, list[Actor]] = {}

    def _choose(self, entries: list[Entry]) -> Entry:
        ranked = sorted(entries, key=lambda e: _KIND_ORDER[e.kind])
        if self.published is not None:
            for entry in ranked:
                if entry.kind == LEADER and any(t.covers(self.published) for t in entry.terms):
                    return entry
        return ranked[0]

    # -- the pass -------------------------------------------------------------------------
    def run(self) -> Mentions:
        mentions = Mentions(self.doc)
        for token in self.doc:
            if not self._is_head(token):
                continue
            actors = self.resolve(token)
            if actors:
                mentions.by_head[token.i] = actors
                if not self._is_place(token):
                    mentions.actors.extend(actors)
        return mentions

    def _is_head(self, token: Token) -> bool:
        match = self.matches.get(token.i)
        if match is not None:
            span = match[0]
            if token != span.root:
                return False
            return not (token.dep_ in {"amod", "compound"} and token.head.i not in range(span.start, span.end))
        if token.pos_ not in _NOMINAL:
            return False
        return token.dep_ not in {"compound", "amod", "flat"}

    def _is_place(self, token: Token) -> bool:
        """A capital or country after "in", "from" ... is a location, not an acting government."""
        match = self.matches.get(token.i)
        return (match is not None and match[1].kind in {GOVERNMENT, COUNTRY} and token.dep_ == "pobj"
                and token.head.lower_ in _LOCATIVE_PREPS)

    def resolve(self, token: Token) -> list[Actor]:
        if token.i in self.memo:
            return self.memo[token.i]
        self.memo[token.i] = []  # guards against cycles in odd parses
        actors = (self._from_dictionary(token) or self._from_role(token) or self._from_title(token)
                  or self._from_pair(token) or self._from_pronoun(token) or self._from_apposition(token))
        self.memo[token.i] = actors
        for actor in actors:
            self.seen.append(_Seen(actor, token.i, self.sentence_of[token.i], self._is_person(actor, token),
                                   token.dep_ in {"nsubj", "nsubjpass"}))
        return actors

    # -- ways to resolve a head ------------------------------------------------------------
    def _from_dictionary(self, token: Token) -> list[Actor]:
        match = self.matches.get(token.i)
        if match is None:
            return []
        span, entry = match
        if entry.kind == ADJECTIVE and token.pos_ == "ADJ" and token.dep_ not in {"nsubj", "dobj", "pobj", "conj"}:
            return []
        code, why = entry.code_on(self.published)
        if entry.kind in {COUNTRY, ADJECTIVE}:
            # "Syria" alone is the state; its role comes from a role noun it modifies, if any.
            code = entry.country or code
        sector = code[3:] or None
        return [self._actor(span, code, entry.country, sector, entry.name, f"{entry.kind}: {why}")]

    def _role_of(self, token: Token) -> tuple[str, str, str] | None:
        """(role code, kind, term) for a role noun, trying "armed forces" before "forces"."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in {"amod", "compound"} and child.i == token.i - 1:
                role = self.kb.roles.get(f"{child.lower_} {lemma}") or self.kb.roles.get(f"{child.lemma_.lower()} {lemma}")
                if role:
                    return role.code, role.kind, f"{child.lower_} {lemma}"
        role = self.kb.roles.get(lemma) or self.kb.roles.get(token.lower_)
        return (role.code, role.kind, lemma) if role else None

    def _countries_of_modifiers(self, token: Token) -> tuple[list[str], Actor | None]:
        """Countries named by a head's modifiers, and an organisation among them if any."""
        countries: list[str] = []
        organization: Actor | None = None
        modifiers = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
        modifiers += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}
                      for g in c.children if g.dep_ == "pobj"]
        for child in modifiers:
            for member in [child, *child.conjuncts]:
                found = self._country_of(member)
                for actor in found:
                    if actor.country and actor.country not in countries:
                        countries.append(actor.country)
                    if organization is None and self.matches.get(member.i, (None, None))[1] is not None \
                            and self.matches[member.i][1].kind == ORGANIZATION:
                        organization = actor
        return countries, organization

    def _country_of(self, token: Token) -> list[Actor]:
        match = self.matches.get(token.i)
        if match is not None:
            span, entry = match
            code, _why = entry.code_on(self.published)
            return [self._actor(span, code, entry.country, code[3:] or None, entry.name, entry.kind)]
        if token.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return self._from_pronoun(token)
        if token.dep_ == "poss" or token.pos_ in {"NOUN", "PROPN"}:
            return self.resolve(token) if token.dep_ not in {"amod", "compound"} else []
        return []

    def _from_role(self, token: Token) -> list[Actor]:
        role = self._role_of(token)
        if role is None:
            return []
        code, kind, term = role
        countries, organization = self._countries_of_modifiers(token)
        span = self.doc[token.left_edge.i if token.left_edge.i >= token.i - 6 else token.i: token.i + 1]
        if organization is not None:
            return [self._actor(span, organization.code, organization.country, organization.sector,
                                organization.name, f"role '{term}' of {organization.code}")]
        how = f"role '{term}' ({code}, {kind})"
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in token.children)
        if not countries and definite:
            context = self._context_country(token)
            if context is None:
                return []
            countries, how = [context], how + ", country from context"
        if not countries:
            return []
        return [self._actor(span, country + code if len(country) == 3 else country, country, code, None,
                            how + f" + {country}") for country in countries]

    def _from_title(self, token: Token) -> list[Actor]:
        """A name with a title before or beside it: "Georgian President Eduard Shevardnadze"."""
        if token.pos_ != "PROPN":
            return []
        for child in token.children:
            if child.dep_ in {"compound", "appos", "nmod"} and self._role_of(child):
                actors = self._from_role(child)
                if actors:
                    span = self.doc[child.left_edge.i: token.i + 1]
                    return [self._actor(span, a.code, a.country, a.sector, token.text, "title: " + a.how)
                            for a in actors]
        return []

    def _from_pair(self, token: Token) -> list[Actor]:
        """ "the two", "both sides", "the two countries": the last two actors mentioned."""
        counted = token.lower_ in {"two", "both"} and token.dep_ not in {"nummod", "det", "predet"}
        if counted:
            return self._last_distinct(token, person=True, count=2) or self._last_distinct(token, False, 2)
        is_state_noun = token.lemma_.lower() in _STATE_NOUNS
        pair = any(c.lower_ in {"two", "both"} for c in token.children if c.dep_ in {"nummod", "det", "predet"})
        if is_state_noun and pair:
            found = self._last_distinct(token, person=None, count=2, by_country=True)
            return [self._actor(self.doc[token.left_edge.i: token.i + 1], a.country or a.code, a.country,
                                None, None, f"'{token.text}' refers to {a.country}") for a in found]
        return []

    def _from_pronoun(self, token: Token) -> list[Actor]:
        lower = token.lower_
        if token.pos_ != "PRON" or lower not in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return []
        if lower in _PERSON_PRONOUNS:
            found = self._last_distinct(token, person=True, count=1, prefer_subject=True)
        elif lower in {"they", "them", "their"}:
            found = self._last_distinct(token, person=False, count=1, prefer_subject=True)
        else:
            found = self._last_distinct(token, person=False, count=1, within=1)
        return [self._actor(self.doc[token.i: token.i + 1], a.code, a.country, a.sector, a.name,
                            f"pronoun '{token.text}' refers to {a.name or a.text}") for a in found]

    def _from_apposition(self, token: Token) -> list[Actor]:
        for child in token.children:
            if child.dep_ == "appos":
                return self.resolve(child)
        return []

    # -- coreference --------------------------------------------------------------------
    def _last_distinct(self, token: Token, person: bool | None, count: int, prefer_subject: bool = False,
                       by_country: bool = False, within: int = 3) -> list[Actor]:
        here = self.sentence_of[token.i]
        candidates = [s for s in reversed(self.seen) if s.token < token.i and here - s.sentence <= within
                      and (person is None or s.person == person) and not (by_country and not s.actor.country)]
        if prefer_subject and count == 1:
            subjects = [s for s in candidates if s.subject]
            if subjects and (not candidates or subjects[0].sentence >= candidates[0].sentence - 1):
                candidates = subjects + candidates
        found: list[Actor] = []
        keys: set[str | None] = set()
        for seen in candidates:
            key = seen.actor.country if by_country else (seen.actor.name or seen.actor.code)
            if key not in keys:
                keys.add(key)
                found.append(seen.actor)
            if len(found) == count:
                return found
        return [] if count > 1 else found

    def _context_country(self, token: Token) -> str | None:
        """For "the ministry", "his soldiers": the country of the nearest actor before it."""
        here = self.sentence_of[token.i]
        for seen in reversed(self.seen):
            if seen.token < token.i and here - seen.sentence <= 1 and seen.actor.country:
                return seen.actor.country
        return None

    def _is_person(self, actor: Actor, token: Token) -> bool:
        if "pronoun" in actor.how:
            return token.lower_ in _PERSON_PRONOUNS
        return actor.how.startswith(LEADER) or "title" in actor.how

    def _actor(self, span: Span, code: str, country: str | None, sector: str | None, name: str | None,
               how: str) -> Actor:
        return Actor(text=span.text, start=span.start_char, end=span.end_char, code=code, country=country,
                     sector=sector, name=name, how=how)


def find_actors(doc: Doc, published: date | None, kb: Knowledge) -> Mentions:
    """Every actor mention in ``doc``, resolved as of the publication date."""
    return _Resolver(doc, published, kb).run()
