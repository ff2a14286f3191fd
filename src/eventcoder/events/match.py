"""Lexicon patterns matched over the dependency parse: which pattern a verb or noun fits, and
the tokens its slots point at (the target, the consumed complement, a noun's support verb)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventcoder.events.lexicon import Pattern

TIME_ENTITIES = {"DATE", "TIME"}
_QUANTITY_NOUNS = {"dozen", "ten", "hundred", "thousand", "million", "score", "number", "group", "batch", "couple"}
_PREP_DEPS = {"prep", "prt", "agent", "dative", "advmod"}
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}


@dataclass(slots=True)
class Match:
    pattern: Pattern
    trigger: Token
    targets: list[Token]
    complement: Token | None  # the infinitive the pattern consumed ("strike" in "threaten to strike")
    carrier: Token | None = None  # support verb of a noun trigger, or the verb itself


def children_of(token: Token, deps: set[str], word: str | None = None) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps and (word is None or c.lower_ == word or c.lemma_ == word)]


def _pattern_preps(token: Token, deps: set[str], word: str, pattern: Pattern | None = None) -> list[Token]:
    """The trigger's prepositions spelled ``word`` whose object is not a time ("called on Wednesday")
    and, where the pattern constrains it ("go on =strike"), is one of the allowed lemmas."""
    allowed = dict(pattern.prep_objects).get(word) if pattern is not None else None
    # "pulled out of the talks": the parser hangs "of" under the particle "out".
    particles = [c for c in token.children if c.dep_ in {"prt", "advmod", "prep"} and c.lower_ != word]
    candidates = children_of(token, deps, word) + [g for c in particles for g in children_of(c, {"prep"}, word)]
    return [p for p in candidates
            if not any(g.dep_ == "pobj" and g.ent_type_ in TIME_ENTITIES for g in p.children)
            and (allowed is None or any(g.dep_ == "pobj" and g.lemma_.lower() in allowed for g in p.children))]


def counted(noun: Token) -> Token:
    """What a count names: "dozens of protesters" -> protesters; anything else is itself."""
    if noun.lemma_.lower() in _QUANTITY_NOUNS:
        for prep in children_of(noun, {"prep"}, "of"):
            for counted in children_of(prep, {"pobj"}):
                return counted
    return noun


def _slot_prep(pattern: Pattern, found: dict[str, Token]) -> Token | None:
    """The last preposition of the pattern whose object is free: its object is the target."""
    constrained = {word for word, _ in pattern.prep_objects}
    free = [found[w] for w in (*pattern.preps, *pattern.complement_preps) if w not in constrained and w in found]
    return free[-1] if free else None


def objects_of(verb: Token) -> list[Token]:
    if any(c.dep_ == "auxpass" for c in verb.children):
        return children_of(verb, {"nsubjpass"})
    # "allowed inspectors back", "let the convoys in": the object is the subject of a small clause.
    return children_of(verb, _OBJECT_DEPS) or [
        s for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"ADV", "ADP"} for s in children_of(c, {"nsubj"})]


def match_verb(verb: Token, pattern: Pattern) -> Match | None:
    found_preps: dict[str, Token] = {}
    for word in pattern.preps:
        found = _pattern_preps(verb, _PREP_DEPS, word, pattern)
        if not found and pattern.received:
            # "faced criticism from the opposition", "came under fire from Moscow": the doer's
            # preposition may hang from the thing received.
            held = objects_of(verb) + [g for p in children_of(verb, {"prep"}) for g in children_of(p, {"pobj"})]
            found = [p for h in held for p in _pattern_preps(h, {"prep"}, word, pattern)]
        if not found:
            return None
        found_preps[word] = found[0]
    governed, complement = verb, None
    if pattern.complement:
        found = [c for c in verb.children
                 if c.dep_ in {"xcomp", "ccomp", "advcl"} and c.lemma_.lower() == pattern.complement]
        if not found:
            return None
        governed = complement = found[0]
        for word in pattern.complement_preps:
            preps = _pattern_preps(complement, _PREP_DEPS, word, pattern)
            if not preps:
                return None
            found_preps[word] = preps[0]
    last_prep = _slot_prep(pattern, found_preps)
    if pattern.objects is not None:
        objects = objects_of(governed)
        if not objects or counted(objects[0]).lemma_.lower() not in pattern.objects:
            # "found Zhang Zhan guilty": a small clause; its word is the constraint, its subject the target.
            small = [c for c in governed.children if c.dep_ in {"ccomp", "oprd", "acomp"}
                     and c.pos_ in {"ADJ", "NOUN"} and c.lemma_.lower() in pattern.objects]
            if not small:
                return None
            if last_prep is None:
                return Match(pattern, verb, children_of(small[0], {"nsubj"}), complement, verb)
    if last_prep is not None and last_prep.dep_ != "prt":
        targets = children_of(last_prep, {"pobj", "pcomp"})
    elif complement is not None and objects_of(verb):
        targets = objects_of(verb)  # object control: "urged both countries to show restraint"
    elif pattern.objects is not None:
        targets = []
    else:
        targets = objects_of(governed)
    return Match(pattern, verb, targets, complement, verb)


def match_noun(noun: Token, pattern: Pattern, support_verbs: frozenset[str],
                accepting_verbs: frozenset[str], negating_nouns: frozenset[str] = frozenset()) -> Match | None:
    if pattern.modifiers:
        before = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
        if not set(pattern.modifiers) <= before:
            return None
    # In "air and artillery strikes on X" the parser hangs "strikes" and "on X" off "air".
    first = noun
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    found_preps: dict[str, Token] = {}
    for word in pattern.preps:
        preps = _pattern_preps(noun, {"prep"}, word, pattern) or (
            _pattern_preps(first, {"prep"}, word, pattern) if first != noun else [])
        if not preps:
            return None
        found_preps[word] = preps[0]
    slot = _slot_prep(pattern, found_preps)
    targets = children_of(slot, {"pobj"}) if slot is not None else []
    carrier = _support_verb(first, support_verbs, negating_nouns)
    if carrier is None and first.dep_ == "pobj" and first.head.lower_ == "to" \
            and first.head.head.lemma_.lower() in accepting_verbs:
        carrier = first.head.head  # "agreed to a ceasefire": the ceasefire is theirs
    return Match(pattern, noun, targets, None, carrier)


def _support_verb(noun: Token, support_verbs: frozenset[str], stoppers: frozenset[str]) -> Token | None:
    """The support verb whose object holds a nominal trigger: "launched an assault", "announced
    $800 million in military aid" (through the object's own prepositional phrase), but not
    through a noun that stops it ("announced a suspension of attacks")."""
    token = noun
    for _ in range(3):
        if token is not noun and token.pos_ == "NOUN" and token.lemma_.lower() in stoppers:
            return None
        if token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in support_verbs:
            return token.head
        if token.dep_ not in {"pobj", "prep"} or token.head == token:
            return None
        if token.dep_ == "prep" and token.lower_ not in {"in", "of"}:
            return None  # "launched an inquiry into the bombing": the bombing is not the inquirer's
        token = token.head
    return None


def best_match(candidates: list[Match]) -> Match | None:
    return max(candidates, key=lambda m: (m.pattern.words, bool(m.targets)), default=None)
