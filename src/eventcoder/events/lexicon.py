"""The event lexicon: CAMEO codes with their PLOVER category and scores, and trigger patterns.

Patterns are written in a small language documented at the head of ``data/events/verbs.yaml``;
users add their own in YAML files of the same shape (``--lexicon``).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from eventcoder.errors import EventcoderError

# Words that, after a trigger, are its particles or prepositions rather than compound parts.
PREPOSITIONS = frozenset(
    "on against with between by of to for from at in into over toward towards among upon about "
    "out off up down back away across through under within around behind as".split())
# A phrasal verb's particles, never prepositions with an object of their own: a constraint written right
# after one ("lay down =arm") is on the verb's object, as it is before it ("lay =arm down").
PARTICLES = frozenset("out up down back away".split())
# Particles that are prepositions as well: a constraint after them gets both readings, the verb's object
# ("hand over =power", "take off =gloves") and the preposition's ("strike over {policy}", "take off =air").
PARTICLE_PREPOSITIONS = frozenset("off over".split())


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quadclass: int
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger pattern, parsed; ``words`` counts how specific it is."""

    code: str
    pos: str  # "verb" or "noun"
    head: str
    modifiers: tuple[str, ...] = ()  # compound words before a noun head ("air" in "air strike")
    preps: tuple[str, ...] = ()  # particles and prepositions of the head
    complement: str | None = None  # "to LEMMA": the infinitive the head governs
    complement_preps: tuple[str, ...] = ()
    objects: frozenset[str] | None = None  # allowed lemmas of the direct object
    text: str = ""
    words: int = 1
    # Prepositions whose object must be one of some lemmas ("go on =strike"); they give no target.
    prep_objects: tuple[tuple[str, frozenset[str]], ...] = ()
    subjects: frozenset[str] | None = None  # allowed lemmas of a verb's subject ("{aircraft} strike")
    # Listed under "received": the subject undergoes the act and the last preposition's object does it
    # ("received weapons from Iran", "faced criticism from Washington").
    received: bool = False


@dataclass(slots=True)
class Lexicon:
    codes: dict[str, CameoCode] = field(default_factory=dict)
    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    # Word lists from modality.yaml and support_verbs.yaml, by their keys there.
    modality: dict[str, frozenset[str]] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)  # act code -> intent code
    source_codes: dict[tuple[str, str], str] = field(default_factory=dict)  # (sector, act) -> code
    classes: dict[str, frozenset[str]] = field(default_factory=dict)  # word classes (classes.yaml) by name

    def intent_of(self, code: str) -> str | None:
        """The CAMEO code for announcing the act ``code`` (intent.tsv), by longest prefix."""
        for length in range(len(code), 1, -1):
            if code[:length] in self.intents:
                return self.intents[code[:length]]
        return None

    def by_source(self, sector: str | None, code: str) -> str:
        """The code of act ``code`` done by a source of role ``sector`` (by_source.tsv): civilians
        who attack are rioting (145)."""
        for length in range(len(code), 1, -1):
            if (sector, code[:length]) in self.source_codes:
                return self.source_codes[(sector, code[:length])]
        return code

    def request_code(self, root: str, act: str) -> str | None:
        """The appeal (02) or demand (10) code for asking for the act ``act``.

        CAMEO numbers appeals, demands and intents in parallel: 0253, 1053 and 0353 are
        the appeal, demand and intent to release persons.
        """
        intent = self.intent_of(act)
        if intent is None or not intent.startswith("03"):
            return None
        tail = intent[2:] if intent[2] <= "7" else "8"  # 038/039 (mediation) share 028 and 108
        code = (root if root == "10" else "02") + tail
        return code if code in self.codes else code[:3] if code[:3] in self.codes else None

    def cameo(self, code: str) -> CameoCode:
        """The code's entry, falling back to its parent for codes the table lacks."""
        while code not in self.codes and len(code) > 2:
            code = code[:-1] if len(code) > 3 else code[:2]
        return self.codes[code]


def parse_patterns(code: str, pos: str, text: str, classes: dict[str, list[str]]) -> list[Pattern]:
    """Parse one pattern string into its readings: two where a constraint follows a particle that is a
    preposition too ("hand over =power"), else one. Raises ValueError when it is malformed."""
    readings = [parse_pattern(code, pos, text, classes)]
    words = text.lower().split()
    if pos == "verb" and any(w in PARTICLE_PREPOSITIONS and n.startswith(("{", "="))
                             for w, n in zip(words, words[1:], strict=False)):
        readings.append(parse_pattern(code, pos, text, classes, particle_objects=True))
    return readings


def parse_pattern(code: str, pos: str, text: str, classes: dict[str, list[str]],
                  particle_objects: bool = False) -> Pattern:
    """Parse one pattern string; raises ValueError with the reason when it is malformed.

    With ``particle_objects`` a constraint after "off" or "over" is on the verb's object, not the
    preposition's."""
    words = text.lower().split()
    if not words:
        raise ValueError("empty pattern")
    subjects: frozenset[str] | None = None
    if words[0].startswith(("{", "=")):
        # "{aircraft} strike {target}": the verb's subject must be one of the class's words.
        if pos != "verb" or len(words) < 2:
            raise ValueError("only a verb pattern may start with its subject's class")
        subjects, words = _allowed(words[0], classes), words[1:]
    modifiers: list[str] = []
    if pos == "noun":
        # "air strike on": the head is the last word before the first preposition.
        first_prep = next((i for i, w in enumerate(words) if i > 0 and w in PREPOSITIONS), len(words))
        modifiers, words = words[: first_prep - 1], words[first_prep - 1:]
    head, rest = words[0], words[1:]
    preps: list[str] = []
    complement_preps: list[str] = []
    complement: str | None = None
    objects: frozenset[str] | None = None
    prep_objects: dict[str, frozenset[str]] = {}
    index = 0
    while index < len(rest):
        word = rest[index]
        after_prep = index > 0 and rest[index - 1] in PREPOSITIONS and rest[index - 1] != "to" or (
            index > 0 and rest[index - 1] == "to" and complement is None)
        if word == "to" and pos == "verb" and index + 1 < len(rest) and complement is None \
                and rest[index + 1] not in PREPOSITIONS and not rest[index + 1].startswith(("{", "=")):
            complement = rest[index + 1]
            index += 2
            continue
        if word.startswith(("{", "=")):
            allowed = _allowed(word, classes)
            previous = rest[index - 1] if index > 0 else ""
            particle = pos == "verb" and (previous in PARTICLES
                                          or particle_objects and previous in PARTICLE_PREPOSITIONS)
            if after_prep and not particle:
                # "go on =strike", "call for {release}": the preposition's object is constrained.
                prep_objects[rest[index - 1]] = allowed
            else:
                objects = allowed
        else:
            (complement_preps if complement else preps).append(word)
        index += 1
    return Pattern(code, pos, head, tuple(modifiers), tuple(preps), complement, tuple(complement_preps),
                   objects, text, len(text.split()), tuple(prep_objects.items()), subjects)


def _allowed(word: str, classes: dict[str, list[str]]) -> frozenset[str]:
    """The lemmas a ``{class}`` or ``=lemma`` slot allows."""
    if word.startswith("="):
        return frozenset([word[1:]])
    if not word.endswith("}") or word[1:-1] not in classes:
        raise ValueError(f"unknown word class {word}")
    return frozenset(classes[word[1:-1]])


def _read_codes(text: str) -> dict[str, CameoCode]:
    codes = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        codes[row["code"]] = CameoCode(row["code"], row["name"], float(row["goldstein"] or 0),
                                       int(row["quadclass"] or 0), row.get("plover") or None,
                                       row.get("plover_mode") or None)
    return codes


def _add_patterns(lexicon: Lexicon, source: str, data: object, classes: dict[str, list[str]]) -> None:
    if not isinstance(data, dict):
        raise EventcoderError("E011", path=source, reason="expected a mapping of CAMEO codes to patterns")
    for code, entry in data.items():
        code = str(code)
        if code not in lexicon.codes:
            raise EventcoderError("E011", path=source, reason=f"unknown CAMEO code {code!r}")
        if not isinstance(entry, dict):
            raise EventcoderError("E011", path=source,
                                  reason=f"{code}: expected 'verbs:', 'nouns:' or 'received:' lists")
        for key, pos, table in (("verbs", "verb", lexicon.verbs), ("nouns", "noun", lexicon.nouns),
                                ("received", "verb", lexicon.verbs)):
            for text in entry.get(key) or []:
                try:
                    patterns = parse_patterns(code, pos, str(text), classes)
                except ValueError as exc:
                    raise EventcoderError("E011", path=source, reason=f"{code} {text!r}: {exc}") from None
                if key == "received" and not patterns[0].preps:
                    raise EventcoderError("E011", path=source,
                                          reason=f"{code} {text!r}: a received act needs the preposition of its doer")
                for pattern in patterns:
                    table[pattern.head].append(replace(pattern, received=key == "received"))


def _tsv(path: Traversable) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter="\t"))


def _yaml(source: str, text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise EventcoderError("E011", path=source, reason=str(exc).splitlines()[0]) from None


@lru_cache(maxsize=8)
def _load(user_files: tuple[Path, ...]) -> Lexicon:
    folder = resources.files("eventcoder") / "data" / "events"
    lexicon = Lexicon(codes=_read_codes((folder / "cameo.tsv").read_text(encoding="utf-8")))
    classes = _yaml("classes.yaml", (folder / "classes.yaml").read_text(encoding="utf-8")) or {}
    modality = _yaml("modality.yaml", (folder / "modality.yaml").read_text(encoding="utf-8")) or {}
    modality.update(_yaml("support_verbs.yaml", (folder / "support_verbs.yaml").read_text(encoding="utf-8")) or {})
    lexicon.modality = {key: frozenset(str(w) for w in words) for key, words in modality.items()}
    lexicon.intents = {row["act"]: row["intent"] for row in _tsv(folder / "intent.tsv")}
    lexicon.source_codes = {(row["sector"], row["act"]): row["code"] for row in _tsv(folder / "by_source.tsv")}
    _add_patterns(lexicon, "verbs.yaml", _yaml("verbs.yaml", (folder / "verbs.yaml").read_text(encoding="utf-8")) or {},
                  classes)
    for path in user_files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EventcoderError("E011", path=path, reason=exc.strerror or str(exc)) from None
        data = _yaml(str(path), text) or {}
        if isinstance(data, dict) and "classes" in data:
            classes = {**classes, **data.pop("classes")}
        _add_patterns(lexicon, str(path), data, classes)
    lexicon.classes = {name: frozenset(str(w) for w in words) for name, words in classes.items()}
    return lexicon


def load_lexicon(user_files: list[Path] | None = None) -> Lexicon:
    """The packaged lexicon with users' pattern files added (cached)."""
    return _load(tuple(Path(p) for p in (user_files or [])))
