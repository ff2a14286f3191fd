"""Exports (GDELT TSV, Parquet, JSONL) and one end-to-end run through the real pipeline."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from test_store import fake_coder, story

from eventcoder.cli_store import export as export_cmd
from eventcoder.export import export
from eventcoder.export.gdelt import COLUMNS
from eventcoder.ingest.records import Document
from eventcoder.model import Article
from eventcoder.store import Store
from eventcoder.store.loader import IngestOptions, ingest, ingest_items
from eventcoder.store.query import EventFilter


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A store with 3 dated articles (6 events), one of them a near-duplicate of another, one undated."""
    base = " ".join(story(i) for i in range(2))
    docs = [
        Document(Article(id="a", text=base, published=date(2021, 12, 30), url="https://a.example/1",
                         publisher="A"), "a.txt", "text"),
        Document(Article(id="b", text=base.replace("Monday", "Sunday", 1), published=date(2021, 12, 31),
                         publisher="B"), "b.txt", "text"),
        Document(Article(id="c", text=story(7).replace("criticized", "blamed")), "c.txt", "text"),
    ]
    path = tmp_path / "ev.duckdb"
    with Store(path) as store:
        ingest_items(docs, store, fake_coder)
        # Dated events to check the date columns across a year boundary.
        store.con.execute("UPDATE events SET event_day = DATE '2022-01-02', date = '2022-01-02' "
                          "WHERE article_hash = (SELECT hash FROM articles WHERE doc_id = 'b')")
    return path


def test_gdelt_tsv_has_61_well_formed_columns(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as store:
        assert export(store, "gdelt", out) == 9
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == 61
        row = dict(zip(COLUMNS, cells, strict=True))
        assert re.fullmatch(r"\d{8}", row["Day"]) and row["MonthYear"] == row["Day"][:6]
        assert row["Year"] == row["Day"][:4] and re.fullmatch(r"\d{4}\.\d{4}", row["FractionDate"])
        assert row["FractionDate"].startswith(row["Year"])
        assert re.fullmatch(r"\d{14}", row["DATEADDED"]) and row["GlobalEventID"].isdigit()
        assert row["EventRootCode"] == row["EventCode"][:2] and row["QuadClass"] in "1234"
        assert row["Actor1Code"].endswith("GOV") and row["Actor1Type1Code"] == "GOV"
        assert row["ActionGeo_FullName"].startswith("Ankara") and float(row["ActionGeo_Lat"]) == 39.92
        assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FeatureID"] == "323786"
        assert row["AvgTone"] == "" and row["Actor1Geo_Type"] == ""
    days = {line.split("\t")[1] for line in lines}
    assert "20220102" in days and "20200201" in days  # "2020-02" at month precision -> first of month
    counts = {(c := line.split("\t"))[60]: (c[31], c[32], c[33]) for line in lines}
    assert counts["https://a.example/1"] == ("2", "2", "2")  # two articles, two publishers in the group


def test_gdelt_collapse_duplicates(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as store:
        assert export(store, "gdelt", out, EventFilter(collapse_duplicates=True)) == 5


def test_parquet_partitioned_by_year_and_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    with Store(db, read_only=True) as store:
        assert export(store, "parquet", out) == 9
    parts = sorted(str(p.relative_to(out).parent) for p in out.rglob("*.parquet"))
    assert "year=2022/month=1" in parts and "year=2020/month=2" in parts
    table = ds.dataset(str(out), format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 9 and {"source_code", "cameo", "evidence_text", "year", "month"} <= set(
        table.column_names)


def test_jsonl_one_record_per_event(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    with Store(db, read_only=True) as store:
        assert export(store, "jsonl", out, EventFilter(dyad=("RUS", "TUR"))) == 4
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4
    for record in records:
        [event] = record["events"]
        assert record["id"] in ("a", "b") and event["source"]["code"] == "RUSGOV"
        assert event["target"]["code"] == "TURGOV" and event["cameo"] == "111"
        assert event["evidence"]["text"] and event["location"]["name"] == "Ankara"


def test_cli_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.tsv"
    result = CliRunner().invoke(export_cmd, ["--db", str(db), "--format", "gdelt", "--out", str(out),
                                             "--cameo", "04"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["events"] == 5
    assert all(line.split("\t")[26] == "040" for line in out.read_text().splitlines())


@pytest.fixture(scope="session")
def pipeline():  # noqa: ANN201 - the real Pipeline, built once per test session
    from eventcoder.pipeline import Pipeline

    try:
        return Pipeline()
    except (AttributeError, NotImplementedError, ImportError) as exc:
        pytest.skip(f"pipeline stages not ready: {exc}")


def test_end_to_end_through_the_real_pipeline(pipeline, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Russian President Vladimir Putin criticized Turkey on Monday over its "
                                  "military operation in northern Syria, the Kremlin said in Moscow.")
    (folder / "b.jsonl").write_text(json.dumps({"id": "b", "date": "2019-10-14", "text":
                                                "Turkish troops attacked Kurdish fighters near the Syrian "
                                                "border town of Ras al-Ain, officials in Ankara said."}) + "\n")
    db = tmp_path / "ev.duckdb"
    with Store(db) as store:
        summary = ingest([str(folder)], store, pipeline.code_many, IngestOptions(default_date=date(2019, 10, 14)))
        assert summary.coded == 2 and summary.failed == 0
        counts = store.counts()
        assert counts["articles"] == 2 and counts["events"] == summary.events
    out = tmp_path / "e.tsv"
    with Store(db, read_only=True) as store:
        n = export(store, "gdelt", out)
    lines = out.read_text().splitlines()
    assert len(lines) == n and all(len(line.split("\t")) == 61 for line in lines)
