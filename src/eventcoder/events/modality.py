"""What did not happen: negation, modality, conditions, questions and stated intent, read off
a trigger and its governors ("denied attacking", "could strike", "if", "plans to meet")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventcoder.events.match import Match

# Dependencies through which a trigger inherits its governor's modality.
_MODALITY_CLIMB = {"xcomp", "acl", "pcomp", "pobj", "prep", "dobj", "ccomp", "advcl"}
# Time clauses and phrases state facts: "after its air strikes", "since the coup".
_TEMPORAL_WORDS = {"after", "before", "since", "following", "during", "amid", "when", "as", "while"}


@dataclass(slots=True)
class Modality:
    negated: bool = False
    intent: bool = False  # "would strike", "ready to meet": coded as the intent (intent.tsv)
    possible: bool = False  # "could strike", "if ...", questions: flagged hypothetical
    notes: list[str] = field(default_factory=list)
    # Why possible: question, modal, condition, alleged, wished, not excluded ("did not rule out"), not denied.
    doubts: set[str] = field(default_factory=set)

    def doubt(self, kind: str, note: str) -> None:
        self.possible = True
        self.doubts.add(kind)
        self.notes.append(note)


def told_as_fact(token: Token) -> bool:
    """Clauses that report what happened whatever governs them: "accused Taipei of provoking tensions
    after Tsai met McCarthy", "called for the release of others detained by the military"."""
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in _TEMPORAL_WORDS for c in token.children)
    if token.dep_ in {"pobj", "pcomp"}:
        return token.head.lower_ in _TEMPORAL_WORDS
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _headline_infinitive(verb: Token) -> bool:
    """"Government to Detain Journalists", "Mayor to Resign": an infinitive standing for the sentence's
    main verb, as headlines write the future."""
    return verb.dep_ == "ROOT" or (verb.dep_ in {"acl", "relcl"} and verb.head.dep_ == "ROOT"
                                   and verb.head.pos_ in {"NOUN", "PROPN"})


def read_modality(match: Match, words: dict[str, frozenset[str]]) -> Modality:
    """Whether the act is denied, only intended, or only possible, and the cues that say so
    (``words``: the lists of modality.yaml by key)."""
    mood = Modality()
    is_threat = match.pattern.code.startswith("13")
    walk: Token = match.carrier or match.trigger
    previous = walk
    if match.pattern.pos == "noun":
        for child in match.trigger.children:
            if child.dep_ == "amod" and child.lower_ in words["doubting_adjectives"]:
                mood.doubt("alleged", f"only '{child.text}'")  # "a possible genocide", "alleged abuses"
    if walk.sent.text.rstrip().endswith("?"):
        mood.doubt("question", "question")
    depth = 0
    shared = False  # at a head conjunct: only its governors speak for the conjunct
    for _ in range(8):
        lemma = walk.lemma_.lower()
        particle = next((c.lower_ for c in walk.children if c.dep_ == "prt"), None)
        negating = depth > 0 and walk != match.trigger and not shared and (
            lemma in words["negating_verbs"] or f"{lemma} {particle}" in words["negating_verbs"]
            or (walk.pos_ == "NOUN" and lemma in words["negating_nouns"]))
        for child in [] if shared else walk.children:
            word = child.lower_
            if negating and child.dep_ == "neg":
                continue  # "did not deny attacking": read with the negating verb below
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
                mood.negated = True
                mood.notes.append(f"negated by '{child.text}'")
            elif child.dep_ in {"aux", "auxpass"} and word in words["modals"] and depth <= 2:
                if word in words["intent_cues"]:
                    mood.intent = True
                    mood.notes.append(f"stated intent: '{child.text}'")
                else:
                    mood.doubt("modal", f"modal '{child.text}'")
            elif child.dep_ == "aux" and word == "to" and depth == 0 and _headline_infinitive(walk):
                mood.intent = True
                mood.notes.append("a headline's 'to': an act to come")  # "Government to Detain Journalists"
            elif child.dep_ == "mark" and word in words["conditionals"] and not is_threat and depth <= 1:
                mood.doubt("condition", f"condition '{child.text}'")
        if not shared and walk.dep_ in {"pcomp", "pobj"} and walk.head.lower_ in words["negators"]:
            mood.negated = True
            mood.notes.append(f"negated by '{walk.head.text}'")  # "without blaming either side"
        if depth > 0 and walk != match.trigger and not shared:
            if negating and any(c.dep_ == "neg" for c in walk.children):
                # "did not rule out military action" keeps it open (and force kept open is a threat);
                # "did not deny attacking" leaves it possible.
                excluding = lemma in words["excluding_verbs"] or f"{lemma} {particle}" in words["excluding_verbs"]
                mood.doubt("not excluded" if excluding else "not denied", f"'{walk.text}' is itself negated")
            elif negating:
                mood.negated = True
                mood.notes.append(f"negated by '{walk.text}'")
            elif lemma in words["accepting_verbs"] and previous.dep_ in {"dobj", "pobj", "prep"}:
                mood.notes.append(f"accepted as done: '{walk.text}'")  # "agreed to a ceasefire"
            elif lemma in words["intent_cues"]:
                mood.intent = True
                mood.notes.append(f"stated intent: '{walk.text}'")
            elif lemma in words["alleging_verbs"]:
                mood.doubt("alleged", f"only alleged: '{walk.text}'")
            elif lemma in words["hypothetical_verbs"] or lemma in words["hypothetical_nouns"]:
                mood.doubt("wished", f"only possible or wished: '{walk.text}'")
        if walk.dep_ == "conj" and walk.head != walk:
            # "demanded that Belgrade stop its crackdown and negotiate": the conjunct is demanded too,
            # but "did not attack but shelled" keeps its own polarity.
            previous, walk, shared = walk, walk.head, True
            continue
        shared = False
        if walk.dep_ not in _MODALITY_CLIMB or walk.head == walk:
            break
        if told_as_fact(walk):
            mood.notes.append(f"told as a fact: '{walk.text}' ({walk.dep_})")
            break
        if walk.dep_ == "ccomp" and depth > 0:
            break
        previous, walk, depth = walk, walk.head, depth + 1
    return mood
