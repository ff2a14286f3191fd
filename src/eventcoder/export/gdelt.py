"""GDELT 2.0 event table export: 61 tab-separated columns per event, no header (docs/gdelt_export.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any

COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61
# Actor codes whose body follows a three-letter international prefix (IGOUNO -> known group UNO).
KNOWN_GROUP_PREFIXES = ("IGO", "NGO", "IMG")
# Events in the first sentences of an article stand for GDELT's "lead paragraph" root events.
ROOT_SENTENCES = 3
# GeoNames feature codes by GDELT geo type: 1 country, 5 first-order division, 4 city or other place.
COUNTRY_FEATURES = ("PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR")
ADM1_FEATURES = ("ADM1", "ADM1H")


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def fraction_date(day: date) -> str:
    """Year plus the elapsed fraction of the year, YYYY.FFFF."""
    days = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def _actor(row: dict[str, Any], prefix: str) -> list[Any]:
    code = row[f"{prefix}_code"]
    if not code:
        return [""] * 10
    group = code[3:6] if code.startswith(KNOWN_GROUP_PREFIXES) else ""
    name = (row[f"{prefix}_name"] or row[f"{prefix}_text"] or "").upper()
    return [code, name, row[f"{prefix}_country"], group, "", "", "", row[f"{prefix}_sector"], "", ""]


def _geo_type(row: dict[str, Any]) -> int:
    feature = (row["location_feature"] or "").upper()
    us = (row["location_country"] or "").upper() in ("US", "USA")
    if feature in COUNTRY_FEATURES:
        return 1
    if feature in ADM1_FEATURES:
        return 2 if us else 5
    return 3 if us else 4


def _action_geo(row: dict[str, Any]) -> list[Any]:
    if not row["location_name"] and row["location_lat"] is None:
        return [""] * 8
    country, admin1 = row["location_country"], row["location_admin1"]
    full = ", ".join(p for p in (row["location_name"], admin1, country) if p)
    return [_geo_type(row), full, country, f"{country or ''}{admin1}" if admin1 else "", "",
            row["location_lat"], row["location_lon"], row["location_geonameid"]]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT cells of one event row from ``select_events``."""
    added: datetime = row["ingested_at"]
    day: date = row["event_day"] or added.date()  # an undated event falls back to the day it was added
    articles = row["group_articles"] or 1
    cameo = row["cameo"] or ""
    cells = [
        row["event_key"], day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction_date(day),
        *_actor(row, "source"), *_actor(row, "target"),
        int((row["sentence"] or 0) < ROOT_SENTENCES), cameo, cameo[:3], row["cameo_root"] or cameo[:2],
        row["quadclass"], row["goldstein"], articles, row["group_sources"] or 1, articles, "",
        *([""] * 16), *_action_geo(row),
        added.strftime("%Y%m%d%H%M%S"), row["url"] or row["source"],
    ]
    return [_clean(c) for c in cells]


def write_gdelt(columns: list[str], rows: Iterable[tuple], out: IO[str]) -> int:
    """Write event rows as GDELT TSV; returns the number of lines."""
    count = 0
    for values in rows:
        out.write("\t".join(gdelt_row(dict(zip(columns, values, strict=True)))) + "\n")
        count += 1
    return count
