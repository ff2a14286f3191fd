"""Find events: lexicon triggers over the dependency parse, with their actors and modality.

For each verb or noun whose lemma heads a lexicon pattern, the most specific matching
pattern (match.py) gives the CAMEO code and says where the target is. The source is the
subject (climbing through control verbs, conjunctions and relative clauses), the "by" agent
of a passive, or for nouns the possessor, a nationality modifier or the subject of a support
verb ("launched an assault on"). The target is the pattern's slot, else the object or a
directional preposition, the owner of a thing acted on ("rejected Pakistan's proposal"),
those who did an act acted on ("condemned the killings by police"), the place force fell on
("struck targets in Iraq"), or a protest's own government. Negation, modality, conditions
and questions (modality.py) are recorded on the event. A statement reporting the speaker's
own act is coded as that act; "X said Y attacked Z" keeps X's statement beside Y's attack.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder.actors import UNKNOWN_COUNTRY, Mentions
from eventcoder.events.lexicon import Lexicon
from eventcoder.events.match import (
    TIME_ENTITIES,
    Match,
    best_match,
    children_of,
    counted,
    match_noun,
    match_verb,
    objects_of,
)
from eventcoder.events.modality import read_modality
from eventcoder.model import Actor, Event, Place, Quote, Span
from eventcoder.nlp import text_of, verb_lemma

_LOCATIVE_PREPS = {"in", "at", "near", "from", "outside", "inside", "around", "across", "via", "during"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
# Dependencies through which a trigger inherits its governor's subject.
_CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp", "relcl", "ccomp", "dobj", "pobj", "prep", "acomp"}
_VERBAL_QUADCLASSES = {1, 3}
# Where the parser leaves a noun tagged as an adjective, its dependency still says it is one.
_NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj"}
# Curfews, states of emergency and martial law fall on the imposing state's own country.
_DOMESTIC_CODES = {"1723", "1724", "0813", "0814"}
# Support and aid, which a participle before or after a noun only describes ("Iranian-backed militias").
_BACKING_ROOTS = {"05", "06", "07"}
# Acts that move or lend one's own forces: sending, deploying, withdrawing, joint operations.
_MOVING_ROOTS = {"06", "07", "08", "15"}
# How an unnamed doer's stand-in source says it was reached, and where an act without one may stand.
_NO_DOER = "no doer named"
_DOER_FREE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}
_SAYING_ROOTS = {"01", "02", "03"}
# Verbal and material conflict: what an allegation accuses its doer of.
_HOSTILE_QUADCLASSES = {3, 4}
# Appeals (02) and demands (10) take their subcode from the act they ask for.
_REQUEST_ROOTS = {"02", "10"}
# Prepositions whose object is the one acted on when a pattern names no slot of its own.
_TARGET_PREPS = {"with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "over", "between"}
# "concerned about", "alarmed at", "angry over": the act after them is not the feeler's own.
_FEELING_PREPS = {"about", "over", "at", "by"}
# A state's organs speak and act for it.
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_FORCE_SECTORS = {"MIL", "COP"}
# Military force: a nation named as the owner of a strike or an assault means its armed forces.
_ARMED_ROOTS = {"19", "20"}
# Acts on a place as such (aid delivered, troops withdrawn, force used): a capital there is no government.
_PLACE_ROOTS = {"07", "08", "15", "18", "19", "20"}
# Where force falls on a country when no one is named: "struck targets in Iraq".
_STRUCK_PREPS = {"in", "across", "inside", "throughout"}
# Where a show of force faces: "toward the Kuwaiti border", "near Ukraine's borders".
_FACING_PREPS = {"toward", "towards", "near", "along", "on", "to", "at", "around", "off"}
# Clauses of their own, beside or under a trigger's clause.
_OTHER_CLAUSES = {"conj", "cc", "parataxis"}
# Where something goes is the verb's, not part of the mover's phrase ("troops toward the border").
_WHITHER_PREPS = {"toward", "towards", "to", "into", "onto"}
# Prepositions of time, never part of an actor's phrase ("the Foreign Office during a briefing").
_WHEN_PREPS = {"during", "amid", "after", "before", "since", "following", "until", "ahead"}
# Clauses hanging off a noun: not part of the actor's phrase ("the minister, who said ...").
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp"}
# Acts that members of a joint subject do with each other ("Russia and Turkey met", "agreed",
# "signed", "clashed"); others they do side by side ("Qatar and Egypt pushed for a truce").
_JOINT_ROOTS = {"03", "04", "05", "06", "08", "19"}
_FIRST_PERSON = {"we", "i"}
# A claim of responsibility aims at whoever the act it owns hit (a denial names no one: 016 has no target).
_CLAIM_CODES = {"015"}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _same_actor(a: Actor, b: Actor) -> bool:
    """The same actor, or a state and one of its organs ("Japan" and "the Foreign Ministry")."""
    if a.code == b.code:
        return True
    state = {None, "", *_STATE_SECTORS}
    return a.country == b.country and a.country is not None and a.sector in state and b.sector in state


def _own_forces(actor: Actor, source: Actor) -> bool:
    """Whether ``actor`` is armed or police forces of the source's own country ("its troops")."""
    return actor.country == source.country and actor.sector in _FORCE_SECTORS and actor.code != source.code


def _other_person(a: Actor, b: Actor) -> bool:
    """Two named people of one code: "Yeltsin praised Lebed" is RUSGOV on RUSGOV."""
    people = all(actor.how.startswith(("leader", "title")) for actor in (a, b))
    return bool(people and a.name and b.name and a.name != b.name)


class _Finder:
    def __init__(self, doc: Doc, mentions: Mentions, lexicon: Lexicon, places: list[Place],
                 quotes: list[Quote]) -> None:
        self.doc, self.mentions, self.lexicon = doc, mentions, lexicon
        self.text = text_of(doc)
        # Quotes by the offset of their cue word: a cue that is a trigger carries the quote as evidence.
        self.quote_at = {q.cue_start: q for q in quotes if q.cue_start is not None}
        self.quotes = quotes
        self.words = lexicon.modality
        self.sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
        self.places = [p for p in places if not p.is_actor and p.country]
        # Why each candidate trigger did or did not become an event, for explain.
        self.log: list[str] = []

    def matches(self) -> list[Match]:
        found: list[Match] = []
        for token in self.doc:
            lemma = verb_lemma(token) if token.pos_ == "VERB" else token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in self.lexicon.verbs:
                best = best_match([m for p in self.lexicon.verbs[lemma] if (m := match_verb(token, p))
                                   and (p.subjects is None or self.subject_in(token, p.subjects))])
            elif ((token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"compound", "amod"}
                   or token.pos_ == "ADJ" and token.dep_ in _NOMINAL_DEPS)  # "launched a counteroffensive"
                  and lemma in self.lexicon.nouns):
                support, accepting = self.words["support_verbs"], self.words["accepting_verbs"]
                best = best_match([m for p in self.lexicon.nouns[lemma]
                              if (m := match_noun(token, p, support, accepting, self.words["negating_nouns"]))])
            else:
                continue
            if best is not None:
                found.append(best)
            else:
                self.log.append(f"'{token.text}': a trigger word, but none of its patterns fits the parse")
        consumed = {m.complement.i for m in found if m.complement is not None}
        # "agreed a ceasefire": the verb's constrained object names the same act, not a second one
        # (unless the noun says more: "expressed condolences to Turkey").
        consumed |= {o.i for m in found if m.pattern.pos == "verb" and m.pattern.objects is not None
                     for o in objects_of(m.complement or m.trigger) for n in found
                     if n.trigger == o and n.pattern.pos == "noun" and not n.targets
                     and n.pattern.code[:2] == m.pattern.code[:2]}
        for match in found:
            if match.trigger.i in consumed:
                self.log.append(f"'{match.trigger.text}': part of a longer pattern, not an event of its own")
        return [m for m in found if m.trigger.i not in consumed]

    def subject_in(self, verb: Token, lemmas: frozenset[str]) -> bool:
        """Whether the verb's subject (or what it counts: "dozens of troops") is one of ``lemmas``."""
        return any(counted(t).lemma_.lower() in lemmas for t in self.subject_of(verb))

    # -- arguments ------------------------------------------------------------------------
    def actors_at(self, tokens: list[Token]) -> list[Actor]:
        actors: list[Actor] = []
        # "The US, Russia, and Switzerland": the parser often hangs the rest of a list as an apposition.
        tokens = tokens + [a for t in tokens for a in t.children
                           if a.dep_ == "appos" and any(c.dep_ in {"cc", "conj"} for c in a.children)]
        # "met with Syrian President Bashar Assad Tuesday": the parser can make the day the head.
        tokens += [c for t in tokens if t.ent_type_ in TIME_ENTITIES for c in t.children if c.dep_ == "compound"]
        for token in tokens:
            found = self.mentions.of(token) or self._place_actor(token)
            actors += [a for a in found if a not in actors]
        return actors

    def owners_at(self, tokens: list[Token], sources: list[Actor], depth: int = 0) -> list[Actor]:
        """Actors owning a thing acted on: "rejected Pakistan's proposal", "vetoed a U.S. resolution"
        name Pakistan and the United States; the phrase up to the thing is the target's span. The
        source's own things ("raised its alert level") name no target."""
        owners: list[Actor] = []
        own = {s.code for s in sources}
        for token in tokens:
            if token.pos_ not in {"NOUN", "PROPN"} or token.i in self.mentions.by_head:
                continue
            places = [g for p in token.children if p.dep_ == "prep" and p.lower_ in {"of", "in"}
                      for g in p.children if g.dep_ == "pobj"]
            if token.lemma_.lower() in self.lexicon.classes["territory"] and depth < 2 and not any(
                    self.mentions.of(g) or self._place_actor(g) for g in places):
                # "posts in Syria's Idlib province": the place's own owner owns what is in it.
                owners += [o for o in self.owners_at(places, sources, depth + 1) if o not in owners]
                if owners:
                    continue
            # Whoever did the thing owns it ("documented abuses by Eritrean troops"); else the modifier
            # nearest the thing ("Bosnian Serb positions": one owner, not two). "rebel-held enclave":
            # the owner can sit inside the modifier. "the Kramatorsk railway station": a place owns it too.
            agents = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "by"
                      for g in p.children if g.dep_ == "pobj" and self.mentions.of(g)]
            if token.lemma_.lower() in self.lexicon.classes["territory"]:
                # "the town of Srebrenica", "observation posts in Idlib": the place named is the owner.
                agents += [g for g in places if self.mentions.of(g) or self._place_actor(g)]
            modifiers = [t for c in token.lefts if c.dep_ in {"poss", "compound", "amod", "nmod"}
                         for t in c.subtree if (self.mentions.of(t) or self._place_actor(t)) and not self.backer(t)]
            for child in agents[:1] or modifiers[-1:]:
                for actor in self.mentions.of(child) or self._place_actor(child):
                    start, end = token.left_edge.idx, token.idx + len(token.text)
                    owner = replace(actor, text=self.text[start:end], start=start, end=end,
                                    how=f"{actor.how}; owner of '{token.text}'")
                    if owner.code not in own and all(o.code != owner.code for o in owners):
                        owners.append(owner)
        return owners

    def backer(self, token: Token) -> bool:
        """Whether a name only backs the thing it modifies: "a U.S.-brokered ceasefire"."""
        return token.dep_ == "npadvmod" and token.head.lemma_.lower() in self.lexicon.classes["backing"]

    def _place_actor(self, token: Token) -> list[Actor]:
        """A place as the target of an act ("an assault on Idlib") stands for its country."""
        for place in self.places:
            if place.start <= token.idx < place.end:
                return [Actor(place.text, place.start, place.end, place.country or "", place.country,
                              None, place.name, how=f"place {place.name} stands for its country")]
        return []

    def subject_of(self, verb: Token, depth: int = 0) -> list[Token]:
        # "The United Kingdom however have opposed": the parser may hang the subject on the auxiliary.
        subjects = children_of(verb, _SUBJECT_DEPS) or [s for a in children_of(verb, {"aux"})
                                                        for s in children_of(a, _SUBJECT_DEPS)]
        if subjects:
            if subjects[0].lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head]
            return subjects
        agents = [g for a in children_of(verb, {"agent"}) for g in a.children if g.dep_ == "pobj"]
        if verb.tag_ == "VBN" and verb.dep_ == "amod" and verb.head.lemma_.lower() in self.lexicon.nouns:
            # "a U.S.-brokered ceasefire": the U.S. brokered it. "Iranian-backed militias" only
            # describes who the militias are, and reports no act.
            agents += children_of(verb, {"npadvmod"})
        if agents:
            return agents
        if depth > 4 or verb.dep_ not in _CLIMB_DEPS or verb.head == verb:
            return []
        head = verb.head
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG" and self.actors_at([head])):
            return [head]  # "a U.N. resolution calling for a ceasefire": the U.N. calls, not who vetoed it
        if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"} and (
                verb.tag_ == "VBD" or children_of(verb, {"dobj"})):
            return [head]  # "The Iraqi air force carried out strikes", misparsed as a noun with a reduced relative
        if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            owners = children_of(head, {"poss"})
            if owners:
                return owners  # "endorsed Brazil's bid to host the summit": Brazil would host
        if verb.dep_ == "pcomp" and head.lower_ in _FEELING_PREPS and head.head.pos_ == "ADJ":
            return []  # "concerned about shelling": who shells is not who is concerned
        if verb.dep_ in {"xcomp", "pcomp"} or (verb.dep_ == "pobj" and head.dep_ == "prep"):
            # Object control: "urged Turkey to withdraw", "accused Russia of committing".
            governor = head.head if head.dep_ == "prep" else head
            objects = children_of(governor, {"dobj"})
            if objects and governor.lemma_.lower() not in {"have"}:
                return objects
            return self.subject_of(governor, depth + 1)
        return self.subject_of(head, depth + 1)

    def requested_act(self, match: Match, by_trigger: dict[int, Match]) -> Match | None:
        """The act an appeal or demand asks for: its clausal complement, when that is a trigger."""
        head = match.complement or match.carrier or match.trigger
        for child in head.children:
            if child.dep_ in {"ccomp", "xcomp", "acl"} and child.i in by_trigger:
                return by_trigger[child.i]
        return None

    def fallback_targets(self, match: Match) -> tuple[list[Token], list[Token]]:
        """Where the pattern's own slot is empty: the objects, and directional prepositions' objects."""
        heads = [match.complement or match.trigger] + ([match.carrier] if match.carrier not in (None, match.trigger)
                                                       else [])
        objects = [o for head in heads if head.pos_ == "VERB" for o in objects_of(head)]
        if not objects and heads[0].pos_ == "VERB":
            # "tortured and executed civilians": coordinated verbs share the last one's object.
            objects = [o for c in heads[0].children if c.dep_ == "conj" and c.pos_ == "VERB"
                       and not children_of(c, _SUBJECT_DEPS) for o in objects_of(c)]
        if heads[0].dep_ in {"amod", "acl"} and heads[0].tag_ == "VBN":
            # "a U.S.-brokered ceasefire", "an accord mediated by Togo": the ceasefire, the accord was acted on.
            objects.append(heads[0].head)
        # "shelled the town with artillery": with force, "with" names the means, not a partner.
        force = self.lexicon.cameo(match.pattern.code).quadclass == 4
        preps = [g for head in heads for p in head.children if p.dep_ in {"prep", "dative"}
                 and p.lower_ in _TARGET_PREPS and not (force and p.lower_ == "with")
                 for g in p.children if g.dep_ == "pobj"]
        return objects, preps

    def sources_of(self, match: Match) -> list[Actor]:
        """The subject of a verb (or the speaker of the quote its cue introduces); the owner of a noun."""
        if match.pattern.pos == "noun":
            owners = self.noun_sources(match)
            sources = self.actors_at(owners)
            if not sources and match.pattern.code[:2] == "14":
                # "riots across Albania", "protests in Tehran": the people of the place protest.
                sources = [replace(a, code=f"{a.country}CVL", sector="CVL", how=f"{a.how}; its people protest")
                           for a in self.struck_place(match, [])]
            if match.pattern.code[:2] in _ARMED_ROOTS and all(t.dep_ in {"amod", "compound", "nmod"} for t in owners):
                # "a Russian missile strike", "Israeli air strikes": a state's force is its military.
                sources = [replace(s, code=s.country + "MIL", sector="MIL", how=f"{s.how}; its armed forces")
                           if s.country and not s.sector else s for s in sources]
            return sources
        if match.pattern.received:
            return self.actors_at(match.targets)  # "received weapons from Iran": Iran gave them
        subjects = self.subject_of(match.trigger)
        sources = self.actors_at(subjects)
        if not sources and match.pattern.code[:2] == "15" and not children_of(match.trigger, {"agent"}):
            # "Russian troops were deployed to the border": forces moved by no one named are the movers.
            sources = [a for a in self.actors_at(children_of(match.trigger, {"nsubjpass"}))
                       if a.sector in _FORCE_SECTORS]
        quote = self.quote_at.get(match.trigger.idx)
        if not sources and quote is not None and quote.speaker is not None:
            sources = [quote.speaker]
        if not sources and subjects and subjects[0].lower_ in _FIRST_PERSON:
            # "'We will not withdraw,' the rebel commander said": we are the speaker's side.
            sources = [q.speaker for q in self.quotes if q.speaker is not None
                       and q.start <= subjects[0].idx < q.end][:1]
        return sources

    def arguments(self, match: Match, sources: list[Actor],
                  by_trigger: dict[int, Match]) -> tuple[str, list[Actor], list[Actor]]:
        """The event's code, sources and targets once the pattern's slot, the act a demand asks for,
        the objects and prepositions, and the actors nearby have been tried in that order."""
        code = match.pattern.code
        if match.pattern.received:
            return code, sources, [t for t in self.actors_at(self.subject_of(match.trigger))
                                   if all(t.code != s.code for s in sources)]
        # "repelled a Russian attack": an act acted on stands for its doers, not for the nation named in it.
        acts = [t for t in match.targets if t.i not in self.mentions.by_head and self.sources_by_trigger.get(t.i)]
        targets = self.actors_at([t for t in match.targets if t not in acts]) + [
            a for t in acts for a in self.sources_by_trigger[t.i] if all(a.code != s.code for s in sources)]
        if not targets:
            # "an assault on Kurdish positions" is on the Kurds; "talks on the Ukraine crisis" are about it.
            material = self.lexicon.cameo(code).quadclass in {2, 4}
            targets = self.owners_at([t for t in match.targets if material or t.dep_ != "pobj"], sources)
        act = self.requested_act(match, by_trigger) if code[:2] in _REQUEST_ROOTS else None
        if act is not None:
            # "demanded that Israel release prisoners": a demand (10) for a release, of Israel.
            code = self.lexicon.request_code(code[:2], act.pattern.code) or code
            if not targets and act.trigger.dep_ == "ccomp":
                targets = self.actors_at(self.subject_of(act.trigger))
        if not targets:
            objects, preps = self.fallback_targets(match)
            if match.pattern.pos == "noun" and match.trigger.dep_ == "nsubj" and not objects + preps:
                # "Israeli air strikes killed hundreds of people": the strike's victims are the verb's.
                objects = objects_of(match.trigger.head)
            # "Russia sent troops to Syria": the troops are the mover, not the target (but "Cyprus may ban the
            # general": one's own people can be acted on).
            moved = [o for o in objects if code[:2] in _MOVING_ROOTS
                     and any(_own_forces(a, s) for a in self.actors_at([o]) for s in sources)]
            if moved:
                objects = [o for o in objects if o not in moved]
                if all(not s.sector for s in sources):
                    sources = self.actors_at(moved)
            # Only a thing acted on directly has an owner as target: "talks on NATO expansion" are about it.
            targets = self.actors_at(objects + preps)
            if not targets:
                # "condemned the killings by Serb police", "welcomed the agreement between X and Y", "repelled
                # a Russian attack": an act about another act is aimed at those who did it.
                acted = [a for t in match.targets + objects for a in self.sources_by_trigger.get(t.i, [])]
                targets = [a for a in acted if all(a.code != s.code for s in sources)]
            targets = targets or self.owners_at(objects, sources)
        planning = code == "014" or code[:2] in {"03", "12"}  # considering, intending or refusing an act
        if planning:
            targets = self.without_own_organs(targets, sources)
        if not targets and planning:
            # "considering recalling its envoy to India", "promised to send aid to Haiti", "refused to
            # withdraw from Idlib": a plan or a refusal is aimed at whoever the act in question is.
            planned = self.requested_act(match, by_trigger)
            if planned is not None and planned.trigger != match.trigger:
                targets = self.arguments(planned, sources, by_trigger)[2]
            elif match.complement is not None:
                # "refused to withdraw its troops from posts in Idlib": the pattern holds the act itself.
                held = [g for p in match.complement.children if p.dep_ == "prep" for g in p.children
                        if g.dep_ == "pobj"]
                targets = self.actors_at(held) + self.owners_at(held, sources)
            targets = [t for t in targets if all(t.code != s.code for s in sources)]
        if not targets and code[:2] == "15":
            # "massed troops near Ukraine's borders", "moved troops toward the Kuwaiti border": a show of
            # force is aimed at whoever owns the place it faces.
            head = match.carrier or match.trigger
            holders = [head, *objects_of(head)] if head.pos_ == "VERB" else [head]
            faced = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in _FACING_PREPS
                     for g in p.children if g.dep_ == "pobj"]
            own = {s.country for s in sources}
            targets = [t for t in self.actors_at(faced) + self.owners_at(faced, sources) if t.country not in own][:1]
        if not targets and code in _CLAIM_CODES:
            targets = self.claimed_targets(match, by_trigger)
        if not targets and not code.startswith("01"):
            targets = self.nearest_actor(match, sources)
        if not targets and self.lexicon.cameo(code).quadclass == 4:
            targets = self.struck_place(match, sources)
            if not targets and match.pattern.pos == "noun" and match.trigger.dep_ == "nsubj":
                targets = self.struck_place(Match(match.pattern, match.trigger.head, [], None), sources)
        if code[:2] in _PLACE_ROOTS:
            # "shelled Sarajevo", "flew aid into Beirut": a capital struck or reached is the place, not its government.
            targets = [replace(t, code=t.country, sector=None, how=f"{t.how}; the city as a place")
                       if t.how.startswith("government") and t.country else t for t in targets]
        targets = self.without_own_organs(targets, sources)
        if not targets and code.startswith("14"):
            targets = self.own_government(match, sources)
        if not targets and code in _DOMESTIC_CODES:
            # "Armenia declared martial law", "Senegal lifted its curfew": imposed on its own people.
            targets = [replace(s, code=s.country, sector=None, how=f"{s.how}; its own country")
                       for s in sources[:1] if s.sector and s.country and len(s.country) == 3]
        return code, sources, targets

    @staticmethod
    def without_own_organs(targets: list[Actor], sources: list[Actor]) -> list[Actor]:
        """"Israel agreed to an Israeli troop withdrawal", "Saudi Arabia agreed to restore relations": a
        state's own organs are not what it acts on."""
        if any(s.sector for s in sources):
            return targets
        return [t for t in targets if not (t.sector in _STATE_SECTORS and any(_same_actor(t, s) for s in sources))]

    def claimed_targets(self, match: Match, by_trigger: dict[int, Match]) -> list[Actor]:
        """Who a claimed act hit: "claimed responsibility for the rocket barrage on Tel Aviv"."""
        head = match.complement or match.trigger
        acts = [by_trigger[t.i] for t in head.subtree if t.i in by_trigger and t.i != match.trigger.i]
        for act in acts:
            found = [a for t in act.targets for a in (self.mentions.of(t) or self._place_actor(t))]
            if found:
                return found
        return []

    def own_government(self, match: Match, sources: list[Actor]) -> list[Actor]:
        """Protest that names no one ("rallied against the election results", "a strike against pension
        reform") is aimed at the protesters' own government, as CAMEO coders code it."""
        countries = {s.country for s in sources if s.country and s.sector not in _STATE_SECTORS}
        if len(countries) != 1:
            return []
        country = countries.pop()
        head = match.carrier or match.trigger
        grievance = [g for p in head.children if p.dep_ == "prep" and p.lower_ in {"against", "over"}
                     for g in p.children if g.dep_ == "pobj"]
        if grievance:
            start, end = grievance[0].left_edge.idx, grievance[0].right_edge.idx + len(grievance[0].right_edge.text)
        else:
            start, end = match.trigger.idx, match.trigger.idx + len(match.trigger.text)
        return [Actor(self.text[start:end], start, end, f"{country}GOV", country, "GOV",
                      how="no one named: a protest is aimed at the protesters' own government")]

    def struck_place(self, match: Match, sources: list[Actor]) -> list[Actor]:
        """Force against nothing named ("struck targets in Iraq", "air strikes across Lebanon") falls on
        the country where it happened, when that is not the attacker's own."""
        head = match.carrier or match.trigger
        heads = [head, *(o for o in objects_of(head) if o.pos_ == "NOUN")] if head.pos_ == "VERB" else [head]
        heads += [match.trigger, *match.targets]  # "strikes on cities across Ukraine"
        if match.trigger.dep_ in {"nsubj", "nsubjpass"}:
            heads.append(match.trigger.head)  # "riots broke out across Albania"
        own = {s.country for s in sources}
        for place in (g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _STRUCK_PREPS
                      for g in p.children if g.dep_ == "pobj"):
            found = [a for a in (self.mentions.of(place) or self._place_actor(place))
                     if a.country and a.country not in own]
            if found:
                return [replace(a, code=a.country, sector=None, how=f"{a.how}; where the force fell")
                        for a in found[:1]]
        return []

    def nearest_actor(self, match: Match, sources: list[Actor]) -> list[Actor]:
        """Last resort: the first other actor inside the trigger's own phrase or clause."""
        head = match.carrier or match.trigger
        # Not the subject, and not another clause: "struck targets, and Serb forces shelled Sarajevo".
        excluded = {t.i for s in children_of(head, _SUBJECT_DEPS | {"nsubjpass", "agent"} | _OTHER_CLAUSES)
                    for t in s.subtree}
        # Nor a time ("marched after the arrest of Anwar"), nor the subject of a clause inside a phrase
        # ("in what Washington called ethnic cleansing").
        excluded |= {t.i for p in head.subtree if p.dep_ == "prep" and p.lower_ in _WHEN_PREPS for t in p.subtree}
        # Nor a purpose: "met Assad to discuss efforts to counter Islamic State militants".
        excluded |= {t.i for c in head.subtree if c.dep_ in {"advcl", "acl"} and c != head
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for t in c.subtree}
        # Nor the doer of another act: "signed an accord in Lome, mediated by Togo's president".
        excluded |= {t.i for a in head.subtree if a.dep_ == "agent" and a.head != head for t in a.subtree}
        if match.pattern.code[:2] in _REQUEST_ROOTS:
            # "appealed for aid for displaced people": who would benefit is not whom the appeal addresses.
            # The first "for" says what is asked ("called for sanctions against Turkey"); later ones, for whom.
            later = [p for p in head.subtree if p.dep_ == "prep" and p.lower_ == "for"][1:]
            excluded |= {t.i for p in later for t in p.subtree}
        codes = {s.code for s in sources}
        for token in head.subtree:
            if token.i in excluded or token.i == head.i or token.i not in self.mentions.by_head:
                continue
            if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "pcomp":
                continue
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS:
                continue  # "met in Astana": where, not with whom
            if token.dep_ in {"amod", "compound", "poss"} or self.backer(token):
                continue
            found = [a for a in self.mentions.of(token) if a.code not in codes]
            if found:
                return found[:1]
        return []

    def noun_sources(self, match: Match) -> list[Token]:
        noun = match.trigger
        # "calls from Paris", "a request from Washington": who asks, for words rather than deeds.
        agent_preps = {"by", "from"} if self.lexicon.cameo(match.pattern.code).quadclass in _VERBAL_QUADCLASSES \
            and "from" not in match.pattern.preps else {"by"}
        by = [g for p in noun.children if p.dep_ == "prep" and p.lower_ in agent_preps
              for g in p.children if g.dep_ == "pobj" and self.actors_at([g])]
        if by:
            return by
        modifiers = [t for t in self.doc[noun.left_edge.i: noun.i]
                     if (t.i in self.mentions.by_head or t.i in self.mentions.modifiers) and not self.backer(t)]
        if modifiers and match.carrier is not None and all(t.pos_ == "PRON" for t in modifiers):
            # "forces continued their attacks": the subject names who "their" stands for.
            subjects = self.subject_of(match.carrier)
            if self.actors_at(subjects):
                return subjects
        if modifiers:
            return modifiers
        if match.carrier is not None:
            return self.subject_of(match.carrier)
        return []

    # -- events ---------------------------------------------------------------------------
    def events(self) -> list[Event]:
        events: list[Event] = []
        triggers: dict[str, Token] = {}
        seen: set[tuple[int, str, str, str]] = set()
        matches = self.matches()
        by_trigger = {m.trigger.i: m for m in matches}
        self.sources_by_trigger = {m.trigger.i: self.sources_of(m) for m in matches}
        for match in matches:
            pattern = match.pattern
            quote = self.quote_at.get(match.trigger.idx)
            trigger = match.trigger
            if trigger.tag_ == "VBN" and trigger.dep_ in {"amod", "acl"} and pattern.code[:2] in _BACKING_ROOTS:
                # "rebels backed by Rwanda", "Iranian-backed militias", "EU-funded projects": says who they
                # are, reports no act (while "a U.S.-brokered ceasefire" reports the brokering).
                self.log.append(f"'{trigger.text}': describes '{trigger.head.text}', not an act")
                continue
            code, sources, targets = self.arguments(match, self.sources_by_trigger[match.trigger.i], by_trigger)
            if pattern.pos == "noun" and match.pattern.preps and match.pattern.preps[-1] in {"between", "among"}:
                sources, targets = targets[:1], targets[1:2]
            if not sources:
                subject = ", ".join(t.text for t in (self.subject_of(match.trigger) if pattern.pos == "verb"
                                                      else self.noun_sources(match))) or "none found"
                if subject != "none found" or not self.reported_without_doer(match):
                    self.log.append(f"'{match.trigger.text}' ({pattern.text} -> {pattern.code}): dropped, "
                                    f"no source actor (subject: {subject})")
                    continue
                # "Arbitrary arrests in Niger", "a car bomb killed 14 in Kabul": an act whose doer the text
                # does not name at all is still news; CAMEO writes the unknown actor "---".
                sources = [Actor(text="", start=trigger.idx, end=trigger.idx, code=UNKNOWN_COUNTRY, country=None,
                                 how=_NO_DOER)]
            if not targets and len({a.code for a in sources}) == 1:
                sources = sources[:1]  # "The White House and the State Department declined to comment"
            if not targets and len(sources) >= 2 and code[:2] in _JOINT_ROOTS:
                # "Russia, Turkey and Iran met": one event for each pair of members.
                dyads = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
            else:
                dyads = [(a, b) for a in sources for b in targets or [None]]
            mood = read_modality(match, self.words)
            hypothetical = mood.possible or mood.intent
            threat = (self.lexicon.intent_of(pattern.code) or "").startswith("13") and not mood.negated and (
                not mood.intent and mood.doubts == {"not excluded"}
                or not mood.intent and mood.doubts == {"modal"} and self.says_own(match, sources)
                or mood.intent and mood.doubts == {"condition"})
            if threat:
                # "Cyprus suggested it may ban the general", "Russia said it could strike Kyiv", "did not rule
                # out military action", "will detain journalists if they publish": force or sanctions the doer
                # says it may use against someone are a threat.
                code, hypothetical = self.lexicon.intent_of(pattern.code) or code, False
                mood.notes.append(f"a coercive act its doer says it may take: the threat {code}")
            elif mood.intent and not mood.possible and not mood.negated:
                intended = self.lexicon.intent_of(pattern.code)
                if intended is not None:
                    code, hypothetical = intended, False
                    mood.notes.append(f"coded as the intent {intended}, not the act {pattern.code}")
                elif self.lexicon.cameo(code).quadclass in _VERBAL_QUADCLASSES:
                    # Saying one will refuse or condemn is already refusing or condemning.
                    hypothetical = False
                    mood.notes.append("a verbal act announced is the act itself")
            for source, target in dyads:
                if target is not None and target.code == source.code and not _other_person(source, target):
                    # "its troops", "his own": no one acts on himself, but the act stands ("Benin's army
                    # called up reservists") when it has no other target.
                    if any(t is not None and t.code != source.code for s, t in dyads if s is source) \
                            or not target.how.startswith("role") or "pronoun" in source.how \
                            or code[:2] in _JOINT_ROOTS:
                        continue
                    target = None
                # Protesters and students who attack riot; a people named by its demonym ("Bosnian Serbs
                # shelled ...") may be armed, so only role nouns ("protesters", "workers") count.
                kind = source.sector if "role '" in source.how else "NGO" if source.country == "NGO" else None
                event_code = self.lexicon.by_source(kind, code) if kind else code
                key = (self.sentence_of[match.trigger.i], source.code, target.code if target else "", event_code)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self._event(len(events), match, event_code, source, target, mood.negated,
                                          hypothetical, mood.notes, quote))
                triggers[events[-1].id] = match.trigger
        events = self.without_own_reports(events, triggers)
        # Beside a sentence's acts by named doers, an act with none is only their circumstance ("condemned the
        # killings", "after the earthquake"): it stands only where nothing else happens.
        attributed = {e.sentence for e in events if e.source.how != _NO_DOER and not e.negated and not e.hypothetical}
        for event in events:
            if event.source.how == _NO_DOER and event.sentence in attributed:
                self.log.append(f"'{event.pattern}': no doer named, and the sentence has acts by named doers")
        events = [e for e in events if e.source.how != _NO_DOER or e.sentence not in attributed]
        # "received a visit from the Pope" matches "visit" too: the twin without a target adds nothing.
        def twin(e: Event) -> tuple:
            return self.sentence_of[triggers[e.id].i], e.source.code, e.cameo, e.negated, e.hypothetical
        aimed = {twin(e) for e in events if e.target is not None}
        events = [e for e in events if e.target is not None or twin(e) not in aimed]
        return events + self.statements(events, {m.trigger.idx for m in matches})

    def reported_without_doer(self, match: Match) -> bool:
        """Whether an act with no doer named is the news of its sentence: its main predicate, or the subject
        or object of it ("Arbitrary arrests in Niger were condemned", "Two car bombs exploded in Baghdad").
        A statement, appeal or intent is always someone's, and a month ("March") or a name is no act."""
        head = match.carrier or match.trigger
        if head.pos_ == "PROPN" or head.ent_type_ in TIME_ENTITIES or match.pattern.code[:2] in _SAYING_ROOTS:
            return False
        return head.dep_ == "ROOT" or (head.dep_ in _DOER_FREE_DEPS and head.head.dep_ == "ROOT")

    def says_own(self, match: Match, sources: list[Actor]) -> bool:
        """Whether the act is reported by its own doer: "Russia said it could strike"."""
        walk = match.carrier or match.trigger
        for _ in range(3):
            if walk.dep_ not in {"ccomp", "xcomp", "conj"} or walk.head == walk:
                return False
            walk = walk.head
            if walk.lemma_.lower() in self.words["saying_verbs"]:
                speakers = {a.code for a in self.actors_at(self.subject_of(walk))}
                return any(s.code in speakers for s in sources)
        return False

    def without_own_reports(self, events: list[Event], triggers: dict[str, Token]) -> list[Event]:
        """A plain statement (010) whose clause reports the speakers' own act is that act: "North Korea
        said it was ready to resume talks" is the intent to meet ("Peru and Ecuador said they were
        ready" for both). "NATO said Serb forces expelled Albanians" keeps NATO's statement beside
        the expulsion, and so does a statement of what the speaker did not do."""
        speakers: dict[int, list[Actor]] = {}
        for event in events:
            if event.cameo == "010":
                speakers.setdefault(triggers[event.id].i, []).append(event.source)
        kept = []
        for event in events:
            verb = triggers[event.id]
            reported = [other for other in events if other is not event and not other.negated
                        and not other.hypothetical and verb.is_ancestor(triggers[other.id])
                        and any(_same_actor(other.source, speaker) for speaker in speakers.get(verb.i, []))]
            if event.cameo == "010" and reported:
                self.log.append(f"'{verb.text}': reports {event.source.text!r}'s own act "
                                f"('{triggers[reported[0].id].text}'), coded as that act, not as a statement")
                continue
            kept.append(event)
        return kept

    def statements(self, coded: list[Event], triggers: set[int]) -> list[Event]:
        """Quotes whose cue is no trigger ("according to X") are statements, CAMEO 010, unless what
        they report is the speaker's own act: "Hanoi said it would resume talks" is the intent, not a
        statement besides it ("X said Y attacked Z" keeps X's statement)."""
        events: list[Event] = []
        numbered = len(coded)
        for quote in self.quotes:
            if quote.speaker is None or quote.cue_start in triggers:
                continue
            if any(quote.start <= (e.trigger or e.evidence).start < quote.end and _same_actor(e.source, quote.speaker)
                   for e in coded):
                self.log.append(f"'{quote.cue}': the quote reports {quote.speaker.text!r}'s own act, "
                                f"coded as that act rather than as a statement")
                continue
            # "The US claimed that ISIL had attacked Iraq": claiming another's hostile act is accusing its doer.
            alleging = quote.cue in self.words["alleging_verbs"]
            alleged = [e for e in coded if alleging and quote.start <= (e.trigger or e.evidence).start < quote.end
                       and not e.negated and e.quadclass in _HOSTILE_QUADCLASSES
                       and not _same_actor(e.source, quote.speaker)]
            cameo = self.lexicon.cameo("112" if alleged else "010")
            target = alleged[0].source if alleged else None
            start, end = min(quote.start, quote.cue_start or quote.start), max(quote.end, quote.cue_end or quote.end)
            sentence = next((n for n, s in enumerate(self.doc.sents) if s.start_char <= quote.start < s.end_char), 0)
            events.append(Event(
                id=f"e{numbered + len(events) + 1}", sentence=sentence, source=quote.speaker, target=target,
                cameo=cameo.code, cameo_root=cameo.root, plover=cameo.plover, plover_mode=cameo.plover_mode,
                goldstein=cameo.goldstein, quadclass=cameo.quadclass,
                evidence=Span(start, end, self.text[start:end]), confidence=0.8, pattern=f"quote cue '{quote.cue}'",
                trigger=Span(quote.cue_start, quote.cue_end, self.text[quote.cue_start:quote.cue_end])
                if quote.cue_start is not None and quote.cue_end is not None else None,
                notes=[f"a {quote.kind} quote attributed to {quote.speaker.text!r} by the cue '{quote.cue}'"]
                + ([f"it alleges {target.text!r}'s act: an accusation"] if target else [])))
        return events

    def _event(self, number: int, match: Match, code: str, source: Actor, target: Actor | None, negated: bool,
               hypothetical: bool, notes: list[str], quote: Quote | None) -> Event:
        cameo = self.lexicon.cameo(code)
        trigger = match.trigger
        source = self._phrase(source, match)
        target = self._phrase(target, match) if target is not None else None
        points = [trigger.idx, trigger.idx + len(trigger.text)]
        sentence = trigger.sent
        for actor in (source, target):
            if actor is not None and sentence.start_char <= actor.start < sentence.end_char:
                points += [actor.start, actor.end]
        if match.complement is not None:
            points.append(match.complement.idx + len(match.complement.text))
        if quote is not None:
            # The statement a cue introduces is the evidence of the event it carries.
            points += [quote.start, quote.end]
            notes = [*notes, f"carried by the {quote.kind} quote {quote.text[:60]!r}"]
        start, end = min(points), max(points)
        how = [f"pattern '{match.pattern.text}' ({match.pattern.pos}) -> {cameo.code} {cameo.name}",
               f"source {source.text!r}: {source.how}"]
        if target is not None:
            how.append(f"target {target.text!r}: {target.how}")
        else:
            how.append("no target: the pattern's slot is empty or not an actor")
        confidence = 1.0 - 0.15 * ("pronoun" in source.how or "context" in source.how) - 0.1 * (target is None) \
            - 0.3 * (source.how == _NO_DOER)
        return Event(
            id=f"e{number + 1}", sentence=self.sentence_of[trigger.i], source=source, target=target,
            cameo=cameo.code, cameo_root=cameo.root, plover=cameo.plover, plover_mode=cameo.plover_mode,
            goldstein=cameo.goldstein, quadclass=cameo.quadclass,
            evidence=Span(start, end, self.text[start:end]), trigger=self._trigger_span(match),
            negated=negated, hypothetical=hypothetical,
            confidence=round(confidence, 2), pattern=match.pattern.text, notes=how + notes,
        )


    def _phrase(self, actor: Actor, match: Match) -> Actor:
        """The actor with its whole noun phrase as evidence: the title's name in apposition ("the
        Palestinian president, Mahmoud Abbas") and the phrases after the noun ("a base in Borno
        state"), but not clauses, coordinated members, times or the trigger's own words."""
        if actor.how.startswith("pronoun"):
            # "The air force says it has killed ...": the sentence names who "it" is; show that.
            sentence = self.doc[self.doc.char_span(actor.start, actor.end, alignment_mode="expand").start].sent
            named = [a for a in self.mentions.actors if a.code == actor.code and not a.how.startswith("pronoun")
                     and sentence.start_char <= a.start < actor.start]
            if not named:
                return actor
            actor = replace(named[-1], how=actor.how)
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or span.root.pos_ not in {"NOUN", "PROPN"}:
            return actor
        head = span.root
        stop = {t.i for t in (match.trigger, match.carrier, match.complement) if t is not None}
        if head.i in stop or any(head.is_ancestor(self.doc[i]) for i in stop):
            return actor
        # "the ambassador to Bahrain" is a title; "troops to Syria" says where they went.
        whither = set() if head.lemma_.lower() in self.lexicon.classes["envoy"] else _WHITHER_PREPS
        # "the Yemeni army and allied fighters" is one phrase; "Russia and Turkey" are two actors.
        joined = [c for c in head.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}
                  and not any(t.i in self.mentions.by_head for t in c.subtree)]
        kept = [c for c in head.children if not (
            c.dep_ in _CLAUSE_DEPS or c.dep_ == "npadvmod" or (c.dep_ == "cc" and not joined)
            or (c.dep_ == "conj" and c not in joined) or c.ent_type_ in TIME_ENTITIES
            or (c.dep_ == "punct" and c.text not in "()")
            or (c.dep_ == "prep" and (c.lower_ in _WHEN_PREPS or c.lower_ in whither
                                      or any(g.ent_type_ in TIME_ENTITIES or g.dep_ == "pcomp"
                                             for g in c.children))))]
        first = min([head.i, *(c.left_edge.i for c in kept if c.i < head.i)])
        last = max([head.i, *(c.right_edge.i for c in kept if c.i > head.i)])
        start = min(actor.start, self.doc[first].idx)
        end = max(actor.end, self.doc[last].idx + len(self.doc[last].text))
        if (start, end) == (actor.start, actor.end):
            return actor
        return replace(actor, text=self.text[start:end], start=start, end=end)

    def _trigger_span(self, match: Match) -> Span:
        words = [match.trigger] + [t for t in (match.carrier, match.complement) if t is not None]
        start = min(t.idx for t in words)
        end = max(t.idx + len(t.text) for t in words)
        return Span(start, end, self.text[start:end])


def find_events(doc: Doc, mentions: Mentions, lexicon: Lexicon, quotes: list[Quote],
                places: list[Place]) -> list[Event]:
    """Every event in ``doc``; ``places`` give targets that are places ("an assault on Idlib"),
    ``quotes`` the statements that cues carry."""
    return _Finder(doc, mentions, lexicon, places, quotes).events()


def trace_events(doc: Doc, mentions: Mentions, lexicon: Lexicon, places: list[Place],
                 quotes: list[Quote]) -> tuple[list[Event], list[str]]:
    """The events, and a line for each candidate trigger saying what became of it."""
    finder = _Finder(doc, mentions, lexicon, places, quotes)
    return finder.events(), finder.log
