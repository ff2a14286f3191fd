"""Actor knowledge: countries, officials with their terms, role nouns and organisations.

Read from the packaged TSV files in ``data/actors/`` (format in ``data/README.md``), with
users' YAML files layered over them. Everything is indexed by lower-cased surface form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from eventcoder.errors import EventcoderError

# Which dictionary an entry comes from; also the order in which overlapping names win.
COUNTRY, ADJECTIVE, GOVERNMENT, LEADER, ORGANIZATION = "country", "adjective", "government", "leader", "org"


@dataclass(frozen=True, slots=True)
class Term:
    """One person in one office for one term."""

    name: str
    country: str
    code: str
    office: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name in the dictionaries stands for."""

    kind: str
    code: str
    country: str | None
    name: str
    terms: tuple[Term, ...] = ()

    def code_on(self, day: date | None) -> tuple[str, str]:
        """The actor code on ``day`` and a note of why; for people, from their office then.

        News reports what happened in the days before it is published, so a term still counts
        for ``GRACE_AFTER`` days after it ended ("Suharto stepped down" the next morning) and
        from ``GRACE_BEFORE`` days before it began (a president-elect sworn in tomorrow). A
        person not yet in office is coded OPP (a challenger: candidate or opposition leader);
        one whose last term is over is coded ELI, CAMEO's sector for former officials.
        """
        if not self.terms:
            return self.code, self.kind
        if day is not None:
            current = [t for t in self.terms if t.covers(day)]
            if not current:
                current = [t for t in self.terms if t.covers(day - GRACE_AFTER) or t.covers(day + GRACE_BEFORE)]
            if current:
                term = min(current, key=lambda t: _OFFICE_RANK.get(t.office, 9))
                return term.code, f"{term.office} on {day.isoformat()}"
            country = self.terms[0].country
            first = min((t.start for t in self.terms if t.start), default=None)
            if first is not None and day < first:
                return f"{country}OPP", f"not yet in office on {day.isoformat()}"
            return f"{country}ELI", f"out of office on {day.isoformat()}"
        term = min(self.terms, key=lambda t: (_OFFICE_RANK.get(t.office, 9), -(t.start or date.min).toordinal()))
        return term.code, f"best-known office: {term.office} (no article date)"


GRACE_AFTER = timedelta(days=7)
GRACE_BEFORE = timedelta(days=3)
_OFFICE_RANK = {"president": 0, "prime minister": 1, "king": 1, "queen": 1, "chancellor": 1,
                "supreme leader": 0, "emir": 0}


@dataclass(slots=True)
class Role:
    code: str
    kind: str  # group | title | rank | weapon | member (weapons and members need an owner)


@dataclass(slots=True)
class Knowledge:
    """All actor dictionaries, indexed for lookup by lower-cased name."""

    names: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    # Each key's spellings as written in the files: the matcher tokenizes these ("U.S." is one
    # token, "u.s." is not), and their case decides what case a match in the text needs.
    surfaces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, Role] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> English name
    # One-word forms that are never a name on their own ("Friday", "Major"): not_names.tsv.
    not_names: set[str] = field(default_factory=set)

    def add(self, surface: str, entry: Entry) -> None:
        key = normalize(surface)
        if key and entry not in self.names[key]:
            self.names[key].append(entry)
        if key:
            self.surfaces[key].add(_strip_the(surface))

    def replace(self, surface: str, entry: Entry) -> None:
        """Make ``surface`` name only ``entry`` (a user's entry overrides the packaged ones)."""
        key = normalize(surface)
        if key:
            self.names[key] = [entry]
            self.surfaces[key].add(_strip_the(surface))

    def accepts(self, key: str, text: str) -> bool:
        """Whether ``text`` in an article may stand for dictionary ``key``, judged by its case.

        Names are written capitalised, so an all-lower-case match ("said", "chad") is a common
        word unless the dictionary itself spells the key in lower case; an acronym ("UN",
        "WHO") must be upper case in the text too ("Kim Jong Un", "who").
        """
        forms = self.surfaces.get(key) or {key}
        if text.islower() and not any(f.islower() for f in forms):
            return False
        letters = [f for f in forms if any(c.isalpha() for c in f)]
        if letters and all(f.isupper() and len(f) <= 6 for f in letters):
            return text.isupper()
        return True


def normalize(text: str) -> str:
    """The lookup form of a name: lower case, curly apostrophes straightened, no leading 'the'."""
    key = " ".join(text.replace("’", "'").replace("‘", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


def _strip_the(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text


def _rows(path: Path | str, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, (c.strip() for c in cells), strict=False))


def _items(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def _day(value: str | date | None) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _data_files(pattern: str) -> list[tuple[str, str]]:
    folder = resources.files("eventcoder") / "data" / "actors"
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if Path(f.name).match(pattern))


def _add_country(kb: Knowledge, row: dict[str, str]) -> None:
    code = row["code"]
    kb.countries[code] = row["name"]
    for name in [row["name"], *_items(row.get("names"))]:
        kb.add(name, Entry(COUNTRY, code, code, row["name"]))
    for adjective in _items(row.get("adjectives")):
        kb.add(adjective, Entry(ADJECTIVE, code, code, row["name"]))
    for seat in _items(row.get("government")):
        kb.add(seat, Entry(GOVERNMENT, code + "GOV", code, seat))


def _one_word_clash(kb: Knowledge, form: str) -> bool:
    """Whether a one-word alias or surname would shadow a common word or a place's name.

    "Godwin Friday" must not make every Friday a prime minister, nor "Luís Montenegro" the
    country, nor "Emilio Colombo" the capital; an acronym written in capitals is kept.
    """
    if len(form.split()) > 1 or form.isupper():
        return False
    key = normalize(form)
    if key in kb.not_names:
        return True
    # A place spelt only as an acronym ("SADR") leaves "Sadr" free for the cleric.
    placed = any(e.kind in {COUNTRY, ADJECTIVE, GOVERNMENT} for e in kb.names.get(key, ()))
    return placed and not all(f.isupper() for f in kb.surfaces.get(key, ()))


def _add_people(kb: Knowledge, rows: Iterable[dict[str, str]], user_names: frozenset[str] = frozenset()) -> None:
    terms: dict[str, list[Term]] = defaultdict(list)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        office = row.get("office", "").lower()
        code = row["code"]
        role = _office_role(kb, office)
        if role is not None and code.endswith("GOV") and len(code) == 6 and role.code != "GOV":
            # The role lexicon decides an office's sector: a defence minister is MIL, a junta
            # leader MIL, wherever the people files wrote the generic GOV.
            code = code[:3] + role.code
        term = Term(row["name"], row["country"], code, office, _day(row.get("start")), _day(row.get("end")))
        terms[row["name"]].append(term)
        aliases[row["name"]].update([row["name"], *_items(row.get("aliases"))])
    surnames: dict[str, set[str]] = defaultdict(set)
    for name in terms:
        if len(name.split()) > 1:
            surnames[normalize(name.split()[-1])].add(name)
    for name, person_terms in terms.items():
        entry = Entry(LEADER, person_terms[0].code, person_terms[0].country, name,
                      tuple(sorted(person_terms, key=lambda t: t.start or date.min)))
        forms = set(aliases[name])
        if normalize(name) not in user_names:  # a user's alias is meant as written
            forms = {f for f in forms if f == name or not _one_word_clash(kb, f)}
        surname = name.split()[-1]
        # A bare surname is only safe when no other person in the dictionaries shares it, and it
        # is not an ordinary word or a place ("Friday", "Goma").
        if len(surnames.get(normalize(surname), ())) == 1 and len(surname) > 3 \
                and not _one_word_clash(kb, surname):
            forms.add(surname)
        for form in forms:
            kb.add(form, entry)


def _office_role(kb: Knowledge, office: str) -> Role | None:
    """The role noun an office is, as written ("defence minister"), in the role lexicon's word order
    ("secretary of defense" is a defense secretary), or by its first office of two ("junta leader
    and president" is a junta leader)."""
    key = normalize(office)
    title, _of, department = key.partition(" of ")
    first = key.split(" and ")[0]
    for form in (key, f"{department.removeprefix('the ')} {title}" if department else "", first):
        if form and form in kb.roles:
            return kb.roles[form]
    return None


def _add_organization(kb: Knowledge, row: dict[str, str]) -> None:
    code = row["code"]
    entry = Entry(ORGANIZATION, code, row.get("country") or code[:3], row["name"])
    for name in [row["name"], *_items(row.get("aliases"))]:
        kb.add(name, entry)


_USER_KEYS = {"name", "code", "aliases", "country", "office", "start", "end"}
_ROLE_KEYS = {"term", "code", "kind"}


def _user_error(path: Path, line: int, reason: str) -> EventcoderError:
    return EventcoderError("E010", path=path, line=line, reason=reason)


def _load_user_file(kb: Knowledge, path: Path) -> list[dict[str, str]]:
    """Entries from a user's YAML actor file (format in docs/actors.md); returns its people rows."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _user_error(path, 0, exc.strerror or str(exc)) from None
    try:
        data = yaml.safe_load(text) or {}
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise _user_error(path, line, getattr(exc, "problem", None) or str(exc)) from None
    except ValueError:  # YAML reads 2020-13-45 as a date and fails
        raise _user_error(path, _bad_date_line(text), "dates must be YYYY-MM-DD") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list) \
            or not isinstance(data.get("roles", []), list) or not (data.get("actors") or data.get("roles")):
        raise _user_error(path, 1, "expected a top-level 'actors:' list (and/or a 'roles:' list)")
    unknown = set(data) - {"actors", "roles"}
    if unknown:
        raise _user_error(path, 1, f"unknown top-level key {sorted(unknown)[0]!r}; use 'actors:' or 'roles:'")
    for index, item in enumerate(data.get("roles") or []):
        _check_item(path, _item_line(node, "roles", index), item, ("term", "code"), _ROLE_KEYS, "each role")
        kb.roles[normalize(str(item["term"]))] = Role(str(item["code"]).upper(), str(item.get("kind") or "group"))
    people: list[dict[str, str]] = []
    for index, item in enumerate(data.get("actors") or []):
        line = _item_line(node, "actors", index)
        _check_item(path, line, item, ("name", "code"), _USER_KEYS, "each entry")
        code = str(item["code"]).upper()
        if not code.isalpha() or len(code) < 3:
            raise _user_error(path, line, f"bad actor code {code!r}")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if item.get("office") or item.get("start") or item.get("end"):
            try:
                start, end = _day(item.get("start")), _day(item.get("end"))
            except (ValueError, TypeError):
                raise _user_error(path, line, "dates must be YYYY-MM-DD") from None
            people.append({"name": str(item["name"]), "aliases": "|".join(map(str, aliases)),
                           "country": str(item.get("country") or code[:3]).upper(), "code": code,
                           "office": str(item.get("office", "")),
                           "start": start.isoformat() if start else "", "end": end.isoformat() if end else ""})
            continue
        entry = Entry(ORGANIZATION, code, str(item.get("country") or code[:3]).upper(), str(item["name"]))
        for name in [item["name"], *aliases]:
            kb.replace(str(name), entry)
    return people


def _bad_date_line(text: str) -> int:
    """The first line holding a date-like value that is not a real date."""
    for number, line in enumerate(text.splitlines(), 1):
        value = line.split(":", 1)[-1].strip()
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                date.fromisoformat(value)
            except ValueError:
                return number
    return 0


def _check_item(path: Path, line: int, item: object, required: tuple[str, str], allowed: set[str],
                what: str) -> None:
    """E010 for a user's entry that is not a mapping with the required fields, or has unknown ones."""
    if not isinstance(item, dict) or not all(item.get(key) for key in required):
        raise _user_error(path, line, f"{what} needs '{required[0]}' and '{required[1]}'")
    if set(item) - allowed:
        raise _user_error(path, line, f"unknown field {sorted(set(item) - allowed)[0]!r}")


def _item_line(root: yaml.Node | None, key: str, index: int) -> int:
    """The 1-based line where item ``index`` of the top-level list ``key`` starts."""
    if isinstance(root, yaml.MappingNode):
        for key_node, value in root.value:
            if key_node.value == key and isinstance(value, yaml.SequenceNode) and index < len(value.value):
                return value.value[index].start_mark.line + 1
    return 0


@lru_cache(maxsize=8)
def _load(user_files: tuple[Path, ...]) -> Knowledge:
    kb = Knowledge()
    for _name, text in _data_files("not_names.tsv"):
        kb.not_names.update(normalize(row["word"]) for _n, row in _rows(_name, text))
    for _name, text in _data_files("countries.tsv"):
        for _n, row in _rows(_name, text):
            _add_country(kb, row)
    for _name, text in _data_files("organizations.tsv"):
        for _n, row in _rows(_name, text):
            _add_organization(kb, row)
    for _name, text in _data_files("roles.tsv"):
        for _n, row in _rows(_name, text):
            kb.roles[normalize(row["term"])] = Role(row["code"], row.get("kind") or "group")
    people = [row for name, text in _data_files("leaders*.tsv") for _n, row in _rows(name, text)]
    user_people = [row for path in user_files for row in _load_user_file(kb, path)]
    # A user's official replaces any packaged person of the same name.
    replaced = {normalize(row["name"]) for row in user_people}
    people = [row for row in people if normalize(row["name"]) not in replaced] + user_people
    _add_people(kb, people, frozenset(replaced))
    return kb


def load_knowledge(user_files: list[Path] | None = None) -> Knowledge:
    """The packaged actor dictionaries, with users' YAML files layered over them (cached)."""
    return _load(tuple(Path(p) for p in (user_files or [])))
