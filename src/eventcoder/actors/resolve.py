"""Find actor mentions in a parsed article and resolve each to a CAMEO-style code.

One left-to-right pass over the nominal heads of the article: a head is resolved from a
title beside a name ("Georgian President Eduard Shevardnadze"), from the dictionaries (a
name, a capital, an organisation), else from a role noun and the nationality, possessor
or organisation that modifies it (looked for through chains of compounds and
possessives), else by coreference with what came before (pronouns, "the two", "the
ministry"). A role noun with no country of its own takes one from its sentence: a place
it or its verb is in or from, the sentence's subject, the nearest actor. Coordinated
heads ("Russia and Turkey") give one actor each. Every actor records how it was resolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventcoder.actors.knowledge import (
    ADJECTIVE,
    COUNTRY,
    GOVERNMENT,
    GRACE_AFTER,
    GRACE_BEFORE,
    LEADER,
    ORGANIZATION,
    Entry,
    Knowledge,
)
from eventcoder.model import Actor
from eventcoder.nlp import text_of

_KIND_ORDER = {LEADER: 0, ORGANIZATION: 1, GOVERNMENT: 2, COUNTRY: 3, ADJECTIVE: 4}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
_COUNTERPARTS = {"counterpart"}
_MODIFIER_DEPS = {"poss", "amod", "compound", "nmod", "npadvmod"}
# Nouns that stand for a whole state when counted or paired: "the two countries", "both sides".
# Codes that name no state, so "both countries" never refers to them.
_NOT_STATES = {"", "IGO", "NGO", "IMG", "MNC"}
_STATE_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor"}
# A capital after these prepositions is where something happened, not who acted.
_LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "via",
                   "over", "toward", "towards", "through", "within"}
# Sectors of the state itself: a member of one is coded by country + the role noun's own sector
# ("Hun Sen's troops" KHMMIL); a member of any other group is coded as that group
# ("Navalny's supporters" RUSOPP, "Hezbollah fighters" LBNINS).
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}
_INTERNATIONAL = {"IGO", "NGO", "IMG"}
# CAMEO's code for a country the text does not name ("the agency", "Gov. Phil Murphy" in a lone sentence).
UNKNOWN_COUNTRY = "---"
# Role codes a body without a named country keeps as "---" + code. Gunmen, criminals, refugees, medics, farmers
# and parties are left out: giving them "---" lowered the team event gold's full match (gunmen in a country's
# story are that country's).
_UNKNOWN_SECTORS = _STATE_SECTORS | {"OPP", "REB", "INS", "SEP", "NGO", "MED", "BUS", "LAB", "EDU", "REL", "CVL"}
_FORMER = {"former", "ex", "deposed", "ousted"}
# Words for a number or part of a group, resolved through their "of" object: "thousands of
# Belarusians", "a group of rebels", "members of parliament", "two of the soldiers".
_PART_NOUNS = {"thousand", "hundred", "dozen", "score", "ten", "million", "group", "number", "member",
               "handful", "band", "majority", "minority", "some", "many", "most", "several", "few",
               "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "dozens",
               "hundreds", "thousands", "tens"}
_CROWD_NUMBERS = {"thousand", "hundred", "dozen", "million", "ten", "thousands", "hundreds", "dozens", "millions"}
# Participles that name a backer, not an owner: "rebels backed by Rwanda", "Iran-backed militias".
_BACKERS = {"back", "support", "sponsor", "fund", "finance", "arm", "train", "equip", "supply", "aid",
            "assist", "help", "ally", "align", "link", "affiliate", "inspire"}
# "Australian-led peacekeepers", "a British-owned ship", "a Liberian-flagged tanker": the name before
# these participles owns the thing.
_OWNING_PARTICIPLES = {"lead", "led", "own", "owned", "flag", "flagged", "control", "controlled", "run", "operate",
                       "operated", "register", "registered", "hold", "held"}
# Where a verb happens, and so whose its local people are: "killed 22 people on a Tel Aviv bus".
_SCENE_PREPS = {"in", "on", "at", "inside"}
# A role with no country in its sentence or the one before takes the article's own country, when
# at least this many of the article's country names, and this share of them, name it.
_ARTICLE_COUNTRY_MIN = 2
_ARTICLE_COUNTRY_SHARE = 0.6
# Role kinds that name an actor only with an owner: "drones struck", "a team documented" say not whose.
_OWNED_KINDS = {"weapon", "member"}
# Prepositions whose place locates a role noun ("protesters in Mandalay", "fighters from Idlib").
_LOCATING_PREPS = {"in", "from", "across"}
# Gazetteer features that locate well enough to give a country; populated places need some size.
_AREA_FEATURES = {"PCLI", "PCLD", "PCLS", "PCLF", "TERR", "ADM1", "ADM2", "RGN", "PPLC", "PPLA", "PPLA2"}
_MIN_TOWN = 10_000
# Nouns for a place: a nationality before one locates ("in Syrian territory"), before others not.
_PLACE_NOUNS = {"city", "town", "village", "region", "province", "state", "territory", "area", "border",
                "capital", "district", "county", "camp", "soil", "water", "airspace", "port", "coast",
                "island", "enclave", "zone", "part", "north", "south", "east", "west", "northeast",
                "northwest", "southeast", "southwest", "countryside", "frontier", "municipality",
                "neighborhood", "neighbourhood", "suburb", "outskirts", "valley", "desert", "sector",
                "side", "mainland", "heartland", "interior", "governorate", "oblast", "square", "street",
                "market", "highway", "road"}
# Words inside Arabic, Dutch, Portuguese ... names that say nothing about whose name it is.
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "ben", "de", "da", "do", "dos", "das", "del",
                   "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "y", "e", "mc",
                   "jr", "sr"}
_EDGE_PUNCT = {'"', "'", "“", "”", "‘", "’", "«", "»", "(", ")", ",", "-", "—", "–", ":", ";"}
_MATCHERS: dict[int, PhraseMatcher] = {}


def _country_then(entry: Entry, code: str) -> str | None:
    """A person's country is that of the office held then (Shevardnadze: Soviet, then Georgian)."""
    return code[:3] if entry.kind == LEADER and code[:3] not in _INTERNATIONAL else entry.country


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
    # Names that only modify another word ("Syrian" in "Syrian regime air strikes"): the owner of a
    # nominal event, not argument heads of their own.
    modifiers: dict[int, list[Actor]] = field(default_factory=dict)

    def of(self, token: Token) -> list[Actor]:
        """Actors of the phrase headed by ``token``, one per coordinated member."""
        found = list(self.by_head.get(token.i) or self.modifiers.get(token.i, []))
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
    """The phrase matcher over every dictionary spelling, built once per Knowledge."""
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        from eventcoder.nlp import get_nlp

        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        tokenizer = get_nlp().tokenizer
        for key in kb.names:
            forms = sorted(kb.surfaces.get(key) or {key})
            matcher.add(key, list(tokenizer.pipe(forms)))
        _MATCHERS[id(kb)] = matcher
    return matcher


def _same_name(word: str, own: set[str]) -> bool:
    """Whether ``word`` is one of a person's names, allowing a short form or another spelling."""
    for name in own:
        if word == name or (min(len(word), len(name)) >= 3 and (word.startswith(name) or name.startswith(word))):
            return True
        if SequenceMatcher(None, word, name).ratio() >= 0.75:
            return True
    return False


def _initials(words: list[Token], acronym: str) -> bool:
    """Whether ``acronym`` spells the initials of the capitalised ``words`` of a name, or its last ones."""
    initials = "".join(t.text[0] for t in sorted(words, key=lambda t: t.i) if t.is_alpha and t.text[0].isupper())
    wanted = "".join(c for c in acronym if c.isalpha()).upper()
    return len(wanted) >= 2 and initials.upper().endswith(wanted)


def _singulars(word: str) -> list[str]:
    """Singular guesses for a plural the lemmatizer left alone (proper-noun "airmen")."""
    forms = []
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("s"):
        forms += [word[:-1], word[:-2]]
    return forms


class _Resolver:
    def __init__(self, doc: Doc, published: date | None, kb: Knowledge) -> None:
        self.doc, self.published, self.kb = doc, published, kb
        self.sentence_of: dict[int, int] = {}
        self.sentences = list(doc.sents)
        for index, sent in enumerate(self.sentences):
            for token in sent:
                self.sentence_of[token.i] = index
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in _matcher(doc, kb)(doc)]
        self.matches: dict[int, tuple[Span, Entry]] = {}
        # Longest match first; between equal lengths the later one ("Crown Prince Mohammed" vs
        # "Mohammed bin Zayed"): English names end in their most specific word.
        spans.sort(key=lambda s: (-(s.end - s.start), -s.start))
        taken: set[int] = set()
        for span in spans:
            if taken.intersection(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            key = doc.vocab.strings[span.label]
            if not kb.accepts(key, span.text):
                continue
            entries = kb.names.get(key)
            if entries:
                entry = self._choose(entries)
                if entry.kind == LEADER and len(span) == 1 and self._someone_else(span[0], entry):
                    continue
                for token in span:
                    self.matches[token.i] = (span, entry)
        self.seen: list[_Seen] = []
        self.memo: dict[int, list[Actor]] = {}
        self.consumed: set[int] = set()  # modifier tokens already part of a larger actor
        # Tokens whose actor is another head's: a bracketed acronym after its name ("Human Rights
        # Watch (HRW)"), a name after its "Minister of ..." title. Token -> the head that took it.
        self.folded: dict[int, int] = {}
        self.skip: set[int] = set()  # tokens that name a backer of the role noun being placed
        self.article_country = self._main_country()

    def _someone_else(self, token: Token, entry: Entry) -> bool:
        """Whether a one-word name match belongs to another name or a thing, not to the person.

        "Thomas Shannon", "LaDonna Davis", "Breonna Taylor": the named entity around the word
        holds other names and none of them is the person's own ("Tayyip Erdogan", "Theophilus
        Yakubu Danjuma", "Sooronbai Jeenbekov" are); "the Farah attack": a person's name takes
        no article unless it modifies a noun ("the Bush administration").
        """
        if token.i > 0 and self.doc[token.i - 1].lower_ in {"the", "a", "an"} \
                and token.dep_ not in {"compound", "amod", "nmod", "poss"}:
            return True
        if not token.ent_type_:
            return False
        entity = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        if entity is None or len(entity) == 1:
            return False
        own = {w.lower().strip(".,") for w in entry.name.replace("-", " ").split()}
        others = [t.lower_ for t in entity if t.i != token.i and t.pos_ == "PROPN" and t.is_alpha
                  and len(t) > 2 and t.lower_ not in _NAME_PARTICLES and t.lower_ not in self.kb.roles]
        return bool(others) and not any(_same_name(word, own) for word in others)

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
            if token.i in self.folded or not self._is_head(token) or self._title_taken(token):
                continue
            actors = self.resolve(token)
            if actors:
                mentions.by_head[token.i] = actors
                if not self._is_place(token):
                    mentions.actors.extend(actors)
                    self._whole_phrase(token, actors)
                    self._fold_acronym(token, actors)
        for token_i, head_i in self.folded.items():
            if head_i in mentions.by_head:
                # The folded token stands for the same actor: an event whose argument the parser
                # hung on "HRW" or "Lavrov" finds it there too.
                mentions.by_head[token_i] = mentions.by_head[head_i]
        # Names inside a larger phrase that no actor took in: "Islamic State positions",
        # "an African Union convoy", "Damascus ally Moscow". Listed, not argument heads.
        taken = {i for a in mentions.actors for i in range(a.start, a.end)}
        for token in self.doc:
            match = self.matches.get(token.i)
            if match is None or token.i in mentions.by_head:
                continue
            span, entry = match
            if any(t.i in self.consumed for t in span) or span.start_char in taken:
                continue
            if token == span.root and entry.kind in {ORGANIZATION, GOVERNMENT, LEADER}:
                code, why = entry.code_on(self.published)
                mentions.actors.append(self._actor(span, code, entry.country, code[3:] or None, entry.name,
                                                   f"{entry.kind} inside a phrase: {why}"))
        for token in self.doc:
            match = self.matches.get(token.i)
            if match is not None and token == match[0].root and token.i not in mentions.by_head \
                    and token.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"}:
                mentions.modifiers[token.i] = self._actor_of_modifier(token, 0)
        mentions.actors.sort(key=lambda a: (a.start, a.end))
        return mentions

    def _whole_phrase(self, token: Token, actors: list[Actor]) -> None:
        """Widen each actor's span to the whole noun phrase before its head ("the Turkish side",
        "US Secretary of State Rex Tillerson"): the evidence a reader expects."""
        first = token.left_edge
        if first.i < token.sent.start or first.i >= token.i:
            return
        while first.i < token.i and (first.is_punct or first.is_space):
            first = self.doc[first.i + 1]
        for actor in actors:
            if first.idx < actor.start and text_of(self.doc)[first.idx:actor.start].count("\n") == 0:
                actor.text = text_of(self.doc)[first.idx:actor.end]
                actor.start = first.idx

    def _title_taken(self, token: Token) -> bool:
        """Whether a title word belongs to the name after it ("Minister of Defence Sergei Shoigu").

        The parser hangs such a title from the name as a modifier of its own (nmod, appos), so
        the left-to-right pass would reach it first and list a one-word "Minister" beside the
        person. The name is resolved first; if its title rule took the word, it is no head.
        """
        head = token.head
        if token.dep_ not in {"nmod", "appos", "npadvmod"} or head.i <= token.i or head.pos_ != "PROPN":
            return False
        role = self._role_of(token)
        if role is None or role[1] not in {"title", "rank"}:
            return False
        self.resolve(head)
        return token.i in self.consumed

    def _fold_acronym(self, token: Token, actors: list[Actor]) -> None:
        """Make "Name (ACRONYM)" one mention: "the Nigerian Air Force (NAF)", "Human Rights Watch (HRW)".

        The acronym is the name's, not a second actor: a later "it" must refer to the name's
        mention, and an event's evidence must show the name. It is folded when the dictionaries
        give it the same code as the name, or when its letters are the name's initials. When the
        acronym's dictionary entry differs from what the name was resolved to, the acronym wins
        unless the name's own dictionary match spells it: a name resolved from a role noun and its
        context, or from a dictionary name inside it ("the Zambezi People's Liberation Army
        (ZPLA)" is not the PLA), says less than the acronym the article spells out.
        """
        doc = self.doc
        last = max(a.end for a in actors)
        name_end = next((t.i for t in doc[token.i:] if t.idx + len(t.text) >= last), token.i)
        if name_end + 3 > len(doc) - 1 or doc[name_end + 1].text != "(" or doc[name_end + 3].text != ")":
            return
        acronym = doc[name_end + 2]
        letters = [c for c in acronym.text if c.isalpha()]
        if len(letters) < 2 or not acronym.text[0].isupper() or sum(c.isupper() for c in letters) < 2:
            return
        match = self.matches.get(acronym.i)
        entry = match[1] if match is not None and len(match[0]) == 1 else None
        named = entry is not None and any(a.code == entry.code_on(self.published)[0] for a in actors)
        first = min(a.start for a in actors)
        name = [t for t in doc[token.sent.start: name_end + 1] if t.idx >= first]
        if not named and not _initials(name, acronym.text):
            return
        own = self.matches.get(token.i)
        if entry is not None and not named and not (own is not None and _initials(list(own[0]), acronym.text)):
            code, why = entry.code_on(self.published)
            for actor in actors:
                actor.code, actor.country, actor.sector, actor.name = code, _country_then(entry, code), \
                    code[3:] or None, entry.name
                actor.how = f"{entry.kind}: {why}, named by its acronym '{acronym.text}'"
        close = doc[name_end + 3]
        for actor in actors:
            actor.end = close.idx + len(close.text)
            actor.text = text_of(doc)[actor.start: actor.end]
        self.folded[acronym.i] = token.i
        self.consumed.add(acronym.i)
        self.seen = [s for s in self.seen if s.token != acronym.i]

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
        """A capital after "in", "from" ... is a location, not an acting government.

        A country there is still listed (as the state, ISO3 alone): "aid to Italy" names Italy.
        """
        match = self.matches.get(token.i)
        return (match is not None and match[1].kind == GOVERNMENT and token.dep_ == "pobj"
                and token.head.lower_ in _LOCATIVE_PREPS)

    def resolve(self, token: Token) -> list[Actor]:
        if token.i in self.memo:
            return self.memo[token.i]
        self.memo[token.i] = []  # guards against cycles in odd parses
        actors = (self._from_title(token) or self._from_department_title(token) or self._from_dictionary(token)
                  or self._from_part(token)
                  or self._from_pair(token) or self._from_role(token) or self._from_pronoun(token)
                  or self._from_apposition(token))
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
            other = self._other_nationality(token, entry)
            if other is not None:
                # "Ecuadorean Indians": the adjective says whose people they are.
                code, why = other + "CVL", why + f", a people of {other}"
            elif entry.kind == ADJECTIVE and self._is_people(token, span):
                # "rebel Serbs", "militant Palestinians": a role word before the people says which of them.
                modifier = next((self.kb.roles[c.lemma_.lower()] for c in token.lefts
                                 if c.dep_ in {"amod", "compound"} and c.lemma_.lower() in self.kb.roles
                                 and self.kb.roles[c.lemma_.lower()].kind == "group"), None)
                role = modifier or self.kb.roles.get("people")
                code, why = code + (role.code if role else "CVL"), why + ", a people named by a plural demonym"
        if entry.kind == LEADER and self._is_former(token):
            code, why = f"{entry.country}ELI", why + "; called former"
        sector = code[3:] or None
        return [self._actor(span, code, _country_then(entry, code), sector, entry.name, f"{entry.kind}: {why}")]

    def _other_nationality(self, token: Token, entry: Entry) -> str | None:
        """The country of a nationality adjective before a plural demonym of another country."""
        if entry.kind != ADJECTIVE or token.tag_ not in {"NNS", "NNPS"}:
            return None
        for child in token.children:
            match = self.matches.get(child.i)
            if child.dep_ in {"amod", "compound"} and match and match[1].kind == ADJECTIVE \
                    and match[1].country != entry.country:
                self.consumed.add(child.i)
                return match[1].country
        return None

    def _is_people(self, token: Token, span: Span) -> bool:
        """ "Palestinians" as the object of an act: the people, not the state."""
        role = token
        while role.dep_ == "conj" and role.head != role:
            role = role.head  # "killed 58 tourists and four Egyptians": the conjunct shares the object's role
        return (len(span) == 1 and token.pos_ in {"NOUN", "PROPN"} and token.tag_ in {"NNS", "NNPS"}
                and role.dep_ in {"dobj", "pobj", "nsubjpass"})

    def _is_former(self, token: Token) -> bool:
        return any(t.lower_ in _FORMER for t in self.doc[max(token.left_edge.i, token.i - 6): token.i])

    def _role_of(self, token: Token) -> tuple[str, str, str] | None:
        """(role code, kind, term) for a role noun, trying "armed forces" before "forces"."""
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in {"amod", "compound"} and child.i >= token.i - 2:
                modifiers = [child.lower_, child.lemma_.lower()]
                if child.i >= 2 and self.doc[child.i - 1].text == "-":
                    modifiers.insert(0, f"{self.doc[child.i - 2].lower_}-{child.lower_}")  # "pro-democracy"
                for modifier in modifiers:
                    for phrase in (f"{modifier} {lemma}", f"{modifier} {token.lower_}", f"{modifier}-{lemma}"):
                        role = self.kb.roles.get(phrase)
                        if role:
                            return role.code, role.kind, phrase
        department = self._department_role(token, lemma)
        if department is not None:
            return department
        if token.i >= 1 and self.doc[token.i - 1].pos_ in {"PROPN", "NOUN", "ADJ"}:
            # A title split over two tokens the parser did not join: "Crown Prince" in a name.
            phrase = f"{self.doc[token.i - 1].lower_} {lemma}"
            role = self.kb.roles.get(phrase)
            if role and role.kind != "group":
                return role.code, role.kind, phrase
        if token.i >= 2 and self.doc[token.i - 1].text in {"-", "‐"}:
            # "secretary - general" is tokenized apart: try the hyphenated whole first.
            phrase = f"{self.doc[token.i - 2].lower_}-{token.lower_}"
            role = self.kb.roles.get(phrase)
            if role:
                return role.code, role.kind, phrase
        role = self.kb.roles.get(lemma) or self.kb.roles.get(token.lower_)
        if role is None and token.pos_ in {"NOUN", "PROPN"} and token.lower_.endswith(("s", "men")):
            role = next((self.kb.roles[f] for f in _singulars(token.lower_) if f in self.kb.roles), None)
        if role is None and token.pos_ in {"NOUN", "PROPN"}:
            # "a police station", "navy gunboats": the role is in the compound before the noun.
            for child in token.children:
                if child.dep_ == "compound" and child.i == token.i - 1 and child.i not in self.matches:
                    sub = self._role_of(child)
                    if sub and sub[1] == "group":
                        return sub[0], sub[1], f"{sub[2]} {lemma}"
        if role is None and lemma in _CROWD_NUMBERS and token.tag_ == "NNS" and token.dep_ in {"nsubj", "nsubjpass"} \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            # "Thousands marched in Nairobi": a crowd with no "of" is people, of the country of its scene.
            role = self.kb.roles.get("people")
        return (role.code, role.kind, lemma) if role else None

    def _department(self, token: Token) -> Span | None:
        """The department after a title or body: "Defence" in "Minister of Defence", "Foreign
        Affairs" in "Ministry of Foreign Affairs of Ukraine": capitalised words right after its "of"."""
        if token.i + 2 >= len(self.doc) or self.doc[token.i + 1].lower_ != "of":
            return None
        prep = self.doc[token.i + 1]
        if prep.head != token or prep.dep_ != "prep":
            return None
        end = prep.i + 1
        while end < len(self.doc) and end <= prep.right_edge.i and (
                self.doc[end].lower_ == "the" or self.doc[end].is_alpha and self.doc[end].text[0].isupper()):
            end += 1
        return self.doc[prep.i + 1: end] if end > prep.i + 1 else None

    def _department_role(self, token: Token, lemma: str) -> tuple[str, str, str] | None:
        """The role of "Minister of Defence", "Ministry of Foreign Affairs", "Secretary of Defense":
        the same as "defence minister", "foreign ministry", "defense secretary" in roles.tsv."""
        department = self._department(token)
        for word in department or ():
            if word.pos_ not in {"PROPN", "NOUN", "ADJ"}:
                continue
            for phrase in (f"{word.lower_} {lemma}", f"{word.lemma_.lower()} {lemma}"):
                role = self.kb.roles.get(phrase)
                if role is not None:
                    return role.code, role.kind, phrase
        return None

    def _owners(self, token: Token, depth: int = 0) -> list[Actor]:
        """The actors a head's modifiers name: its possessor, nationality, organisation.

        A possessor wins over adjectives ("Syria's Russia-backed forces" is Syria's);
        otherwise the modifier nearest the head that names someone, with its conjuncts
        ("Russian and Turkish troops"). Unresolved compounds are searched through
        ("Chinese Foreign Ministry spokesperson": Chinese modifies Ministry).
        """
        parts = [token]
        if token.i >= 2 and self.doc[token.i - 1].text in {"-", "‐"}:
            parts.append(self.doc[token.i - 2])  # "U.N. secretary-general": U.N. hangs from "secretary"
        modifiers = [c for part in parts for c in part.children if c.dep_ in _MODIFIER_DEPS and c.i < part.i]
        modifiers += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "for"}
                      for g in c.children if g.dep_ == "pobj"]
        # A possessor wins ("Syria's Russia-backed forces"), but not over a counterpart's nationality:
        # "his Japanese counterpart" is Japan's.
        counterpart = token.lemma_.lower() in _COUNTERPARTS
        modifiers.sort(key=lambda c: ((c.dep_ == "poss") if counterpart else (c.dep_ != "poss"), c.i > token.i, -c.i))
        for child in modifiers:
            found: list[Actor] = []
            for member in [child, *child.conjuncts]:
                for actor in self._actor_of_modifier(member, depth):
                    if actor.country and all(a.code != actor.code for a in found):
                        found.append(actor)
            if found:
                self.consumed.update(t.i for t in child.subtree)
                return found
        role = self._role_of(token)
        if role is not None and role[1] == "weapon" and depth == 0:
            # "the missiles fired by the Israeli military": who fired a weapon owns it.
            agents = [g for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > token.i
                      for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            return [a for g in agents for a in self.resolve(g) if a.country][:1]
        return []

    def _actor_of_modifier(self, token: Token, depth: int) -> list[Actor]:
        match = self.matches.get(token.i)
        if match is not None:
            span, entry = match
            code, why = entry.code_on(self.published)
            if entry.kind in {COUNTRY, ADJECTIVE}:
                code = entry.country or code
            return [self._actor(span, code, _country_then(entry, code), code[3:] or None, entry.name,
                                f"{entry.kind}: {why}")]
        if token.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return self._from_pronoun(token)
        if token.dep_ == "poss" or (token.dep_ == "pobj" and token.pos_ in {"NOUN", "PROPN"}):
            found = self.resolve(token)
            if not found and token.dep_ == "pobj" and token.lemma_.lower() in _PLACE_NOUNS and depth < 3:
                # "the mayor of the West Bank city of Nablus": the place's own modifiers say whose.
                return self._owners(token, depth + 1)
            return found
        if token.dep_ in {"compound", "nmod"} and depth < 3:
            return self._owners(token, depth + 1)
        if token.dep_ == "amod" and token.lemma_.lower() in _OWNING_PARTICIPLES and depth < 3:
            return self._owners(token, depth + 1)
        return []

    def _from_role(self, token: Token) -> list[Actor]:
        role = self._role_of(token)
        if role is None:
            return []
        code, kind, term = role
        owners = self._owners(token)
        start = token.left_edge.i if token.left_edge.i >= token.i - 8 else token.i
        span = self.doc[start: token.i + 1]
        department = self._department(token)
        if department is not None and self._department_role(token, token.lemma_.lower()) is not None:
            # "the Minister of Defence": the department is part of the title, so of the mention.
            span = self.doc[start: department.end]
        how = f"role '{term}' ({code}, {kind})"
        if not owners and kind in _OWNED_KINDS:
            return []  # "drones struck": whose drones only an owner can say, never the context
        if not owners:
            context = self._context_country(token)
            if context is None:
                if kind not in {"group", "title"} or code not in _UNKNOWN_SECTORS:
                    return []
                # "The agency said", "the government rejected": a body named by its role, whose country
                # no word of the article gives, acts all the same (CAMEO writes it "---").
                return [self._actor(span, UNKNOWN_COUNTRY + code, None, code, None, f"{how}, no country named")]
            country, where = context
            return [self._actor(span, country + code, country, code, None, f"{how} + {country} from {where}")]
        actors = []
        for owner in owners:
            prefix = owner.code[:3]
            person = owner.how.startswith(LEADER) or owner.how.startswith("title")
            group = prefix in _INTERNATIONAL or (owner.sector and owner.sector not in _STATE_SECTORS)
            if group and (not person or code == "CVL"):
                # A person's followers are his camp ("Navalny's supporters" RUSOPP); a person's
                # fighters or troops keep their own sector ("fighters of Massoud Barzani" IRQREB).
                # A body of the group itself: "its forces" of the TPLF, "an African Union convoy".
                actors.append(self._actor(span, owner.code, owner.country, owner.sector, owner.name,
                                          f"{how} of {owner.code}"))
            elif kind == "member" and owner.sector and owner.how.startswith(f"{ORGANIZATION}:"):
                # Agents, operatives, monitors sent by a named body are that body's: "Mossad agents"
                # ISRSPY, "FBI agents" USACOP, "DEA agents" USACOP, whatever the role noun's own sector.
                actors.append(self._actor(span, owner.code, owner.country, owner.sector, owner.name,
                                          f"{how} of {owner.name or owner.code}"))
            elif person and code == "CVL" and owner.sector == "ELI":
                # A former leader's supporters are a camp against the government: OPP.
                country = owner.country or prefix
                actors.append(self._actor(span, country + "OPP", country, "OPP", None,
                                          f"{how} of former official {owner.name or owner.text}: {country}OPP"))
            else:
                country = owner.country or prefix
                actors.append(self._actor(span, country + code, country, code, None, f"{how} + {country}"))
        return actors

    def _from_part(self, token: Token) -> list[Actor]:
        """ "Thousands of Belarusians", "a group of rebels": the actors of the "of" object."""
        if token.lemma_.lower() not in _PART_NOUNS and token.lower_ not in _PART_NOUNS:
            return []
        if token.lemma_.lower() == "member":
            # "Four Taliban members", "Hamas members": members of a named group are the group.
            for child in (c for c in token.children if c.dep_ == "compound" and c.i < token.i):
                found = [a for a in self._actor_of_modifier(child, 0) if a.sector or not a.country]
                if found:
                    start = token.left_edge.i if token.left_edge.i >= token.i - 3 else child.i
                    span = self.doc[start: token.i + 1]
                    return [self._actor(span, a.code, a.country, a.sector, a.name, f"'{token.text}' of {a.how}")
                            for a in found]
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i < token.i:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                members = [obj, *obj.conjuncts]
                found = [a for m in members for a in self.resolve(m)]
                if not found:
                    return []
                end = max(t.i for m in members for t in m.subtree) + 1
                start = token.left_edge.i if token.left_edge.i >= token.i - 3 else token.i
                span = self.doc[start:end]
                return [self._actor(span, a.code, a.country, a.sector, a.name, f"'{token.text} of': {a.how}")
                        for a in found]
        return []

    def _from_title(self, token: Token) -> list[Actor]:
        """A name with a title before or beside it: "Georgian President Eduard Shevardnadze".

        The title says what the person is in this story, so it beats the person's dictionary
        office ("Defence Minister Sergei Shoigu" RUSMIL, "rebel leader Ahmed al-Sharaa"); a
        title without a country takes the person's country, else one from the sentence.
        """
        if token.pos_ != "PROPN":
            return []
        match = self.matches.get(token.i)
        entry = match[1] if match else None
        if entry is not None and entry.kind != LEADER:
            return []
        # The name's own tokens ("Ursula von der Leyen"): a title may hang from any of them.
        name_tokens = [t for t in (match[0] if match else [token])]
        name_tokens += [t for t in token.children if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"
                        and t.i < token.i and t not in name_tokens and t.i not in self.matches
                        and self._role_of(t) is None]
        first = min(t.i for t in name_tokens)
        children = [c for t in name_tokens for c in t.children
                    if c.dep_ in {"compound", "appos", "nmod", "amod"} and c.i < first]
        # A title word inside a matched alias: "Crown Prince Mohammed bin Salman".
        children += [t for t in (match[0] if match else []) if t.i < token.i and t.pos_ == "PROPN"]
        for child in sorted(children, key=lambda c: -c.i):
            role = self._role_of(child)
            if role is None:
                continue
            code, kind, term = role
            if entry is not None and kind == "rank":
                held, _why = entry.code_on(self.published)
                if held[3:] not in {"", "OPP", "ELI"}:
                    return []  # "General Alexander Lebed" in 1996 was in government: the office wins
            owners = self._owners(child)
            if not owners:
                # "WHO Director-General Tedros": the body hangs from the name, left of the title.
                left = [c for t in name_tokens for c in t.children if c.i < child.left_edge.i
                        and c.dep_ in _MODIFIER_DEPS]
                owners = [a for c in left for a in self._actor_of_modifier(c, 1) if a.country][:1]
            span = self.doc[min(child.left_edge.i, first): token.i + 1]
            self.consumed.update(t.i for t in child.subtree)
            name = entry.name if entry else token.text
            former = any(t.lower_ in _FORMER for t in self.doc[token.left_edge.i: token.i])
            if owners:
                return [self._titled(span, owner, code, term, name, former) for owner in owners]
            if entry is not None:
                held = self._office_named(entry, term)
                if held is not None and not former:
                    return [self._actor(span, held, entry.country, held[3:] or None, name,
                                        f"title '{term}': {name}'s office then")]
                country = entry.country
            else:
                context = self._context_country(token)
                country = context[0] if context else None
            sector = "ELI" if former and code in _STATE_SECTORS else code
            if country is None:
                # "Sen. Mitch McConnell", "Gov. Phil Murphy" with no country in the article: the title still
                # says what the person is.
                return [self._actor(span, UNKNOWN_COUNTRY + sector, None, sector, name,
                                    f"title '{term}', no country named")]
            return [self._actor(span, country + sector, country, sector, name, f"title '{term}' + {country}")]
        return []

    def _from_department_title(self, token: Token) -> list[Actor]:
        """ "Minister of Foreign Affairs Sergei Lavrov" parsed as the title with the name inside its "of".

        The title and the name are one person: one actor from the title to the name, coded from
        the person's office the title names (else the title's role and the person's country), and
        the name is folded into it rather than listed again.
        """
        role = self._role_of(token) if token.pos_ == "PROPN" else None
        if role is None or role[1] != "title" or token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != "of":
            return []
        prep = self.doc[token.i + 1]
        name = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
        match = self.matches.get(name.i) if name is not None else None
        if match is None or match[1].kind != LEADER or match[0].root != name:
            return []
        span, entry = match
        department = self.doc[prep.i + 1: span.start]
        # Only capitalised department words between "of" and the name, none of them a title of
        # its own: "the spokesman of President Putin" is not Putin.
        if not len(department) or not all(t.text[0].isupper() or t.lower_ in {"the", "and", "of", "&"}
                                          for t in department):
            return []
        if any((r := self._role_of(t)) is not None and r[1] in {"title", "rank"} for t in department):
            return []
        code, kind, term = role
        held = None if self._is_former(token) else self._office_named(entry, term)
        if held is None:
            sector = "ELI" if self._is_former(token) and code in _STATE_SECTORS else code
            held, how = entry.country + sector, f"title '{term}' + {entry.country}"
        else:
            how = f"title '{term}': {entry.name}'s office then"
        whole = self.doc[token.left_edge.i if token.left_edge.i >= token.i - 4 else token.i: span.end]
        self.folded[name.i] = token.i
        self.consumed.update(t.i for t in prep.subtree)
        return [self._actor(whole, held, _country_then(entry, held), held[3:] or None, entry.name, how)]

    def _office_named(self, entry: Entry, term: str) -> str | None:
        """The code of the person's term in the office the title names, near the article date."""
        if self.published is None:
            return None
        words = term.split()
        # "defence minister" is also written "minister of defence" in the offices.
        forms = {term, f"{words[-1]} of {' '.join(words[:-1])}"} if len(words) > 1 else {term}
        for t in entry.terms:
            if any(form in t.office for form in forms) and (
                    t.covers(self.published) or t.covers(self.published - GRACE_AFTER)
                    or t.covers(self.published + GRACE_BEFORE)):
                return t.code
        return None

    def _titled(self, span: Span, owner: Actor, code: str, term: str, name: str, former: bool) -> Actor:
        prefix = owner.code[:3]
        if prefix in _INTERNATIONAL or (owner.sector and owner.sector not in _STATE_SECTORS):
            return self._actor(span, owner.code, owner.country, owner.sector, name, f"title '{term}' of {owner.code}")
        country = owner.country or prefix
        sector = "ELI" if former and code in _STATE_SECTORS else code
        return self._actor(span, country + sector, country, sector, name, f"title '{term}' + {country}")

    def _from_pair(self, token: Token) -> list[Actor]:
        """ "the two", "both sides", "the two countries": the last two actors mentioned."""
        counted = token.lower_ in {"two", "both"} and token.dep_ not in {"nummod", "det", "predet"}
        if counted:
            return self._last_distinct(token, person=True, count=2) or self._last_distinct(token, False, 2)
        is_state_noun = token.lemma_.lower() in _STATE_NOUNS
        pair = any(c.lower_ in {"two", "both"} for c in token.children if c.dep_ in {"nummod", "det", "predet"})
        role = self.kb.roles.get(token.lemma_.lower())
        if pair and role is not None and role.kind == "title":
            # "the two leaders", "both presidents": the last two people mentioned.
            found = self._last_distinct(token, person=True, count=2)
            return [self._actor(self.doc[token.left_edge.i: token.i + 1], a.code, a.country, a.sector, a.name,
                                f"'{token.text}' refers to {a.name or a.text}") for a in found]
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
            clause_subjects = self._clause_subjects(token)
            if found and found[0].start in clause_subjects:
                # "Trump called Erdogan and urged him": an object pronoun is not its own clause's subject.
                candidates = (self._last_distinct(token, person=True, count=3, prefer_subject=True)
                              or self._last_distinct(token, person=True, count=2, prefer_subject=True))
                others = [a for a in candidates if a.start not in clause_subjects]
                found = others[:1] or found
        elif lower in {"they", "them", "their"}:
            found = self._joint_subject(token) or self._last_distinct(token, person=False, count=1,
                                                                     prefer_subject=True)
        else:
            found = self._last_distinct(token, person=False, count=1, within=1)
        return [self._actor(self.doc[token.i: token.i + 1], a.code, a.country, a.sector, a.name,
                            f"pronoun '{token.text}' refers to {a.name or a.text}") for a in found]

    def _joint_subject(self, token: Token) -> list[Actor]:
        """ "Obama and Putin said they will ...": "they" are the members of a joint subject before it
        in its sentence, people included."""
        for seen in reversed(self.seen):
            if seen.sentence != self.sentence_of[token.i] or seen.token >= token.i:
                continue
            head = self.doc[seen.token]
            if head.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "conj" for c in head.children):
                members = [a for t in [head, *head.conjuncts] for a in self.memo.get(t.i, [])]
                if len({a.code for a in members}) >= 2:
                    return members
        return []

    def _clause_subjects(self, token: Token) -> set[int]:
        """Where the subjects of the verb an object pronoun belongs to start (character offsets)."""
        if token.dep_ not in {"dobj", "dative", "pobj"}:
            return set()
        verb = token.head.head if token.dep_ == "pobj" else token.head
        while verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            verb = verb.head
        return {a.start for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
                for a in self.memo.get(c.i, [])}

    def _from_apposition(self, token: Token) -> list[Actor]:
        for child in token.children:
            if child.dep_ == "appos":
                return self.resolve(child)
        return []

    # -- coreference and context ----------------------------------------------------------
    def _recent(self, since: int) -> Iterator[_Seen]:
        """Actors seen so far, latest first, back to sentence ``since``: bounded, so the pass stays linear."""
        for seen in reversed(self.seen):
            if seen.sentence < since:
                return
            yield seen

    def _last_distinct(self, token: Token, person: bool | None, count: int, prefer_subject: bool = False,
                       by_country: bool = False, within: int = 3) -> list[Actor]:
        here = self.sentence_of[token.i]
        candidates = [s for s in self._recent(here - within) if s.token < token.i
                      and (person is None or s.person == person)
                      and not (by_country and (s.actor.country or "") in _NOT_STATES)
                      and not (s.token in self.consumed and not s.person)]
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

    def _context_country(self, token: Token) -> tuple[str, str] | None:
        """The country a role noun without one belongs to, and where it came from.

        A bare noun looks, in order, at a country named in a prepositional phrase of the
        noun or of its verb ("soldiers in central Mali", "asylum seekers from Britain"), the
        country of the sentence's subject ("Armenian officials said refugees ..."), the
        nearest state actor before it in the sentence, one after it, then the sentence
        before. A definite description ("the navy", "the ministry") refers back, so it
        looks at the actors before it first.
        """
        here = self.sentence_of[token.i]
        # Whoever backs the group is not its country: "rebels backed by Rwanda", "Iran-backed".
        self.skip = {t.i for c in token.children if c.lemma_.lower() in _BACKERS
                     and c.dep_ in {"acl", "amod", "relcl", "advcl"} for t in c.subtree}
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}
                       for c in token.children)
        steps = [self._ctx_own_place, self._ctx_subject, self._ctx_before, self._ctx_previous, self._ctx_preposition,
                 self._ctx_after] if definite else \
            [self._ctx_own_place, self._ctx_preposition, self._ctx_subject, self._ctx_before, self._ctx_after,
             self._ctx_previous]
        steps += [self._ctx_scene, self._ctx_article]
        for step in steps:
            found = step(token, here)
            if found:
                return found
        return None

    def _ctx_scene(self, token: Token, here: int) -> tuple[str, str] | None:
        """A local group with nothing else to go on is of the place its sentence happens in: "the army
        began an offensive against the rebels in Tigray"."""
        if not self._local(token):
            return None
        for prep in self.sentences[here]:
            if prep.dep_ == "prep" and prep.lower_ in _SCENE_PREPS and prep.i not in self.skip:
                found = self._gazetteer_country(prep)
                if found:
                    return found
        return None

    def _ctx_own_place(self, token: Token, here: int) -> tuple[str, str] | None:
        """A place named in the role's own words: "West Bengal Chief Minister", "Kaduna State Government"."""
        places = [c for c in token.lefts if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN"
                  and self._role_of(c) is None]
        return self._gazetteer_country(places[0].left_edge, places[0]) if places else None

    def _ctx_preposition(self, token: Token, here: int) -> tuple[str, str] | None:
        heads = [token]
        governor = token.head
        if token.dep_ == "pobj" and governor.lower_ == "of" and governor.head.dep_ in {"dobj", "nsubjpass"}:
            governor = governor.head.head  # "killed hundreds of civilians in Axum": the verb says where
        if governor.pos_ in {"VERB", "AUX"} and governor != token:
            heads.append(governor)
            # "a missile strike on the Kramatorsk station killed 50 civilians": the act's own scene.
            heads += [c for c in governor.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c != token
                      and c.i not in self.matches and self._role_of(c) is None]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.i in self.skip:
                    continue
                for inner in prep.subtree:
                    match = self.matches.get(inner.i)
                    if match and match[1].kind in {COUNTRY, GOVERNMENT, ADJECTIVE} and match[1].country \
                            and self._locates(inner):
                        return match[1].country, f"'{prep.text} {match[0].text}'"
                # The noun's own "in/from/across X"; its verb's "in X" only (where the act happens:
                # "arrived from Karabakh" says where they came from, not whose they are).
                own = head == token and prep.lower_ in _LOCATING_PREPS
                if own or (prep.lower_ in _SCENE_PREPS and self._local(token)):
                    found = self._gazetteer_country(prep)
                    if found:
                        return found
        return None

    def _owns_other(self, token: Token) -> bool:
        """Whether a nationality says whose weapon it is: "killed in Israeli tank shelling"."""
        role = self._role_of(token.head) if token.dep_ in {"amod", "compound", "poss"} else None
        return role is not None and role[1] == "weapon"

    def _local(self, token: Token) -> bool:
        """Whether a group is where its verb happens: protesters and police are, envoys travel.

        "monks joined protesters in Mandalay" are Myanmar's; "officials met in Geneva" are not Swiss.
        """
        role = self._role_of(token)
        return role is not None and role[0] not in {"GOV", "IGO", "NGO", "MED", "BUS"}

    @staticmethod
    def _locates(token: Token) -> bool:
        """Whether a country name in a prepositional phrase says where, not who.

        "in Mali", "in Syria's Idlib", "the Syrian city of Aleppo" are places; "killed in
        Israeli shelling", "in Russia's attack" name the attacker, not where the victims are from.
        """
        if token.dep_ not in {"amod", "poss", "compound", "nmod"}:
            return True
        head = token.head
        return head.pos_ == "PROPN" or head.lemma_.lower() in _PLACE_NOUNS

    def _gazetteer_country(self, prep: Token, last: Token | None = None) -> tuple[str, str] | None:
        """The country of a city or region a role noun is in or from ("protesters in Mandalay").

        Only proper-noun runs in the preposition's object are looked up, so the cost is one
        dictionary lookup per such phrase; a small village of the same name in another
        country loses to a region, a capital or the most populous town.
        """
        from eventcoder.places.gazetteer import get_gazetteer

        runs: list[list[Token]] = []
        for inner in (prep.subtree if last is None else self.doc[prep.i: last.i + 1]):
            if inner.pos_ == "PROPN" and inner.i not in self.matches:
                if runs and runs[-1][-1].i == inner.i - 1:
                    runs[-1].append(inner)
                else:
                    runs.append([inner])
        gazetteer = get_gazetteer()
        # Of all names there, the best known place: "the Temple of Hatshepsut near Luxor" is in Luxor.
        found = [(e, self.doc[run[0].i: run[-1].i + 1].text) for run in runs
                 for e in gazetteer.lookup(self.doc[run[0].i: run[-1].i + 1].text)
                 if e.country and (e.feature in _AREA_FEATURES or e.population >= _MIN_TOWN)]
        if not found:
            return None
        best, name = max(found, key=lambda f: (f[0].feature in _AREA_FEATURES, f[0].population))
        where = name if last is not None else f"{prep.text} {name}"
        return best.country, f"'{where}' (gazetteer: {best.name}, {best.country})"

    def _ctx_subject(self, token: Token, here: int) -> tuple[str, str] | None:
        sent = self.sentences[here]
        for subject in (t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head == sent.root):
            if subject.i != token.i and token not in subject.subtree:
                for actor in self.resolve(subject):
                    if self._statelike(actor):
                        return actor.country, "the sentence's subject"
        if token.dep_ == "nsubj" and token.head == sent.root:
            # "Japan apologised to South Korea, the Foreign Ministry said": the speaker is the
            # reported clause's subject's, not the nearest name's.
            for clause in (c for c in sent.root.children if c.dep_ == "ccomp" and c.i < token.i):
                for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
                    for actor in self.resolve(subject):
                        if self._statelike(actor):
                            return actor.country, "the subject of what it said"
        return None

    def _ctx_before(self, token: Token, here: int) -> tuple[str, str] | None:
        for seen in self._recent(here):
            if seen.token < token.i and seen.sentence == here and self._statelike(seen.actor) \
                    and seen.token not in self.skip:
                return seen.actor.country, f"'{seen.actor.text}' before it"
        return None

    def _ctx_after(self, token: Token, here: int) -> tuple[str, str] | None:
        for other in self.sentences[here]:
            match = self.matches.get(other.i)
            if other.i > token.i and match and match[1].country and match[1].country[:3] not in _INTERNATIONAL \
                    and other.i not in self.skip and not self._owns_other(other):
                return match[1].country, f"'{match[0].text}' after it"
        return None

    def _main_country(self) -> str | None:
        """The country an article is about: most of its country names and adjectives name it."""
        counts: dict[str, int] = {}
        for _span, entry in {id(m[0]): m for m in self.matches.values()}.values():
            if entry.kind in {COUNTRY, GOVERNMENT, ADJECTIVE} and entry.country \
                    and entry.country[:3] not in _INTERNATIONAL:
                counts[entry.country] = counts.get(entry.country, 0) + 1
        if not counts:
            return None
        country, n = max(counts.items(), key=lambda item: item[1])
        return country if n >= _ARTICLE_COUNTRY_MIN and n >= _ARTICLE_COUNTRY_SHARE * sum(counts.values()) else None

    def _ctx_article(self, token: Token, here: int) -> tuple[str, str] | None:
        if self.article_country is None:
            return None
        return self.article_country, "the country the article is about"

    def _ctx_previous(self, token: Token, here: int) -> tuple[str, str] | None:
        for seen in self._recent(here - 1):
            if seen.token < token.i and here - seen.sentence == 1 and self._statelike(seen.actor):
                return seen.actor.country, f"'{seen.actor.text}' in the sentence before"
        return None

    @staticmethod
    def _statelike(actor: Actor) -> bool:
        """Whether an actor can lend its country to a role noun near it.

        A named news outlet or its reporter ("an AFP correspondent", "Reuters") says where the
        news came from, not whose army it is; a nation's media ("Syrian state media") does.
        """
        if actor.sector == "MED" and (actor.how.startswith(ORGANIZATION) or " of " in actor.how):
            return False
        return bool(actor.country) and len(actor.country) == 3 and actor.country not in _INTERNATIONAL

    def _is_person(self, actor: Actor, token: Token) -> bool:
        if "pronoun" in actor.how:
            return token.lower_ in _PERSON_PRONOUNS
        if token.tag_ in {"NNS", "NNPS"}:
            return False
        return actor.how.startswith(LEADER) or "title" in actor.how

    def _actor(self, span: Span, code: str, country: str | None, sector: str | None, name: str | None,
               how: str) -> Actor:
        start, end = span.start, span.end
        # Quote marks and commas at the edges belong to the sentence, not to the name.
        while start < end - 1 and (self.doc[start].text in _EDGE_PUNCT or self.doc[start].is_quote):
            start += 1
        while end - 1 > start and (self.doc[end - 1].text in _EDGE_PUNCT or self.doc[end - 1].is_quote):
            end -= 1
        span = self.doc[start:end]
        return Actor(text=span.text, start=span.start_char, end=span.end_char, code=code, country=country,
                     sector=sector, name=name, how=how)


def find_actors(doc: Doc, published: date | None, kb: Knowledge) -> Mentions:
    """Every actor mention in ``doc``, resolved as of the publication date."""
    return _Resolver(doc, published, kb).run()
