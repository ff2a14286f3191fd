"""The event store: idempotency, kill-and-resume, duplicate groups, failures, queries, migrations."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.cli_store import ingest as ingest_cmd
from eventcoder.cli_store import query as query_cmd
from eventcoder.ingest.records import Document
from eventcoder.model import Actor, Article, CodedArticle, Event, Place, Quote, Sentence, Span
from eventcoder.store import Store, schema
from eventcoder.store.loader import IngestOptions, ingest, ingest_items
from eventcoder.store.query import EventFilter, select_events

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"

# A tiny stand-in for the coding stages: known country names and verbs, one event per matching sentence.
COUNTRIES = {"Russia": "RUS", "Turkey": "TUR", "Syria": "SYR", "France": "FRA"}
VERBS = {"criticized": ("111", "11", "ACCUSE", -2.0, 3), "attacked": ("190", "19", "ASSAULT", -10.0, 4),
         "met": ("040", "04", "CONSULT", 1.0, 1)}
SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def fake_code(article: Article) -> CodedArticle:
    """A CodedArticle built by hand from the text (stands in for the pipeline in store tests)."""
    coded = CodedArticle(id=article.id, title=article.title, published=article.published, url=article.url,
                         publisher=article.publisher)
    for i, m in enumerate(SENTENCE.finditer(article.text)):
        coded.sentences.append(Sentence(i, m.start(), m.end()))
        found = sorted((m.start() + s.start(), name) for name in COUNTRIES
                       for s in re.finditer(name, m.group()))
        verb = next((v for v in VERBS if v in m.group()), None)
        actors = [Actor(name, start, start + len(name), COUNTRIES[name] + "GOV", COUNTRIES[name], "GOV", name)
                  for start, name in found]
        coded.actors += actors
        if verb and len(actors) >= 2:
            cameo, root, plover, goldstein, quad = VERBS[verb]
            place = Place("Ankara", 0, 6, "Ankara", "TUR", 39.92, 32.85, 323786, "68", "PPLC")
            coded.places.append(place)
            coded.events.append(Event(
                id=f"e{len(coded.events)}", sentence=i, source=actors[0], target=actors[1], cameo=cameo,
                cameo_root=root, plover=plover, goldstein=goldstein, quadclass=quad,
                evidence=Span(m.start(), m.end(), m.group()), date="2020-02", date_precision="month",
                location=place))
            coded.quotes.append(Quote(actors[0], m.group(), m.start(), m.end(), "said", "indirect"))
    return coded


def fake_coder(articles: Iterable[Article]) -> Iterator[CodedArticle]:
    """Code a batch with ``fake_code``; a text containing BOOM raises, as a stage bug would."""
    for article in articles:
        if "BOOM" in article.text:
            raise RuntimeError("stage failed")
        yield fake_code(article)


def story(n: int, extra: str = "") -> str:
    """A distinct English news text with one event per sentence pair."""
    return (f"Story number {n}. Russia criticized Turkey over the border on Monday, officials said. "
            f"The ministers of Syria and France met in the capital for talks about trade number {n * 7}. "
            f"It is the {n}th meeting of the year and more talks are planned for the coming weeks. {extra}")


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:04d}.txt").write_text(story(i), encoding="utf-8")
    return folder


def table_counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        counts = store.counts()
        counts["distinct_hashes"] = store.con.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0]
        counts["distinct_events"] = store.con.execute("SELECT count(DISTINCT event_key) FROM events").fetchone()[0]
    return counts


def test_ingest_writes_all_tables_and_is_idempotent(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 5)
    db = tmp_path / "ev.duckdb"
    options = IngestOptions(default_date=date(2020, 3, 1), batch_size=2)
    with Store(db) as store:
        first = ingest([str(corpus)], store, fake_coder, options)
        again = ingest([str(corpus)], store, fake_coder, options)
    assert first.coded == 5 and first.events == 10 and first.failed == 0
    assert again.coded == 0 and again.already_stored == 5
    counts = table_counts(db)
    assert counts["articles"] == 5 and counts["events"] == 10 and counts["distinct_events"] == 10
    assert counts["actors"] == 20 and counts["quotes"] == 10 and counts["places"] == 10
    with Store(db, read_only=True) as store:
        row = store.con.execute("SELECT source_code, target_code, cameo, event_day, location_lat, evidence_text "
                                "FROM events ORDER BY event_key LIMIT 1").fetchone()
    assert row[0].endswith("GOV") and row[2] in ("111", "040") and row[3] == date(2020, 2, 1)
    assert row[4] == pytest.approx(39.92) and row[5]


def test_same_text_with_other_whitespace_is_the_same_article(tmp_path: Path) -> None:
    docs = [Document(Article(id="a", text=story(1)), "a.txt", "text"),
            Document(Article(id="b", text="  " + story(1).replace(" ", "\n ")), "b.txt", "text")]
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_items(docs, store, fake_coder)
        assert summary.coded == 1 and summary.already_stored == 1
        assert store.counts()["articles"] == 1


def test_coding_error_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    docs = [Document(Article(id=str(i), text=story(i, "BOOM" if i == 1 else "")), f"{i}.txt", "text")
            for i in range(3)]
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_items(docs, store, fake_coder, IngestOptions(batch_size=3))
        assert summary.coded == 2 and summary.failures == {"coding_error": 1}
        reason, detail = store.con.execute("SELECT reason, detail FROM failures").fetchone()
    assert reason == "coding_error" and "stage failed" in detail


def test_near_duplicates_share_a_group_and_collapse(tmp_path: Path) -> None:
    base = " ".join(story(i) for i in range(3))
    edited = base.replace("Monday", "Tuesday", 1).replace("officials said", "officials told reporters", 1)
    docs = [Document(Article(id="wire", text=base, publisher="Wire"), "w.txt", "text"),
            Document(Article(id="copy", text=edited, publisher="Paper"), "c.txt", "text"),
            Document(Article(id="other", text=story(99)), "o.txt", "text")]
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest_items(docs, store, fake_coder)
        groups = dict(store.con.execute("SELECT doc_id, dup_group FROM articles").fetchall())
        assert summary.near_duplicates == 1
        assert groups["wire"] == groups["copy"] != groups["other"]
        all_events = list(select_events(store)[1])
        collapsed = list(select_events(store, EventFilter(collapse_duplicates=True))[1])
    assert len(all_events) == 14 and len(collapsed) == 8


def test_filters(tmp_path: Path) -> None:
    docs = [Document(Article(id=str(i), text=story(i), published=date(2021, 1, 1 + i)), f"{i}", "text")
            for i in range(3)]
    with Store(tmp_path / "db.duckdb") as store:
        ingest_items(docs, store, fake_coder)

        def count(**kw: object) -> int:
            return len(list(select_events(store, EventFilter(**kw))[1]))

        assert count() == 6
        assert count(actor="RUS") == 3 and count(actor="SYR") == 3
        assert count(dyad=("RUS", "TUR")) == 3 and count(dyad=("TUR", "RUS")) == 0
        assert count(plover="accuse") == 3 and count(cameo="04") == 3 and count(cameo="19") == 0
        assert count(country="FRA") == 3 and count(country="TUR") == 6
        assert count(since=date(2020, 3, 1)) == 0 and count(until=date(2020, 3, 1)) == 6


def test_migrations_run_in_order_and_once(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    con = duckdb.connect(str(db))
    assert schema.migrate(con) == schema.SCHEMA_VERSION

    def add_column(c: duckdb.DuckDBPyConnection) -> None:
        c.execute("ALTER TABLE articles ADD COLUMN lang VARCHAR")

    assert schema.migrate(con, [*schema.MIGRATIONS, add_column]) == schema.SCHEMA_VERSION + 1
    assert schema.migrate(con, [*schema.MIGRATIONS, add_column]) == schema.SCHEMA_VERSION + 1
    assert "lang" in [r[0] for r in con.execute("DESCRIBE articles").fetchall()]
    with pytest.raises(RuntimeError):
        schema.migrate(con)  # the file is newer than the code
    con.close()


_KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{tests!r}, {src!r}]
    from test_store import fake_coder
    from eventcoder.store import Store
    from eventcoder.store.loader import IngestOptions, ingest

    def slow(articles):
        for coded in fake_coder(articles):
            time.sleep(0.05)
            yield coded

    def report(summary):
        print(summary.coded, flush=True)

    with Store(sys.argv[1]) as store:
        ingest([sys.argv[2]], store, slow, IngestOptions(batch_size=2), report)
    print("done", flush=True)
""")


def _run_ingest_script(script: Path, db: Path, corpus: Path, kill_after: int | None) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(corpus)], stdout=subprocess.PIPE,
                            text=True)
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.strip())
        if kill_after is not None and line.strip().isdigit() and int(line) >= kill_after:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    return lines


def test_kill_and_resume_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 30)
    script = tmp_path / "run_ingest.py"
    script.write_text(_KILL_SCRIPT.format(tests=str(TESTS), src=str(SRC)))
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    started = time.monotonic()
    lines = _run_ingest_script(script, killed_db, corpus, kill_after=6)
    assert "done" not in lines, "the run finished before it could be killed"
    reported = int(lines[-1])
    # Everything reported before the kill is on disk.
    assert table_counts(killed_db)["articles"] >= reported
    assert _run_ingest_script(script, killed_db, corpus, None)[-1] == "done"
    assert _run_ingest_script(script, clean_db, corpus, None)[-1] == "done"
    killed, clean = table_counts(killed_db), table_counts(clean_db)
    assert killed == clean
    assert clean["articles"] == clean["distinct_hashes"] == 30 and clean["events"] == clean["distinct_events"]
    assert time.monotonic() - started < 60


def test_cli_ingest_and_query(tmp_path: Path) -> None:
    """The CLI end to end, with the real pipeline."""
    corpus = write_corpus(tmp_path / "in", 3)
    (corpus / "empty.txt").write_text("")
    db = str(tmp_path / "db.duckdb")
    runner = CliRunner()
    result = runner.invoke(ingest_cmd, [str(corpus), "--db", db, "--date", "2020-05-01"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["coded"] == 3 and summary["failures"] == {"empty": 1}
    assert runner.invoke(ingest_cmd, [str(corpus), "--db", db, "--strict"]).exit_code == 1
    result = runner.invoke(query_cmd, ["--db", db, "--dyad", "RUS", "TUR", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3 and all(r["cameo"].startswith("11") for r in rows)
    result = runner.invoke(query_cmd, ["--db", db, "--format", "csv", "--limit", "2"])
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == 3
    result = runner.invoke(query_cmd, ["--db", db, "--sql", "SELECT count(*) AS n FROM articles", "--format", "json"])
    assert json.loads(result.output) == [{"n": 3}]
    result = runner.invoke(query_cmd, ["--db", db, "--sql", "DELETE FROM articles"])
    assert result.exit_code != 0 and "read-only" in result.output.lower()
    result = runner.invoke(query_cmd, ["--db", db, "--actor", "SYR"])
    assert result.exit_code == 0 and "SYRGOV" in result.output


def test_every_failure_kind_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_corpus(folder, 2)
    (folder / "empty.txt").write_text("")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (folder / "french.txt").write_text(
        "Les responsables russes ont rencontré mardi des diplomates turcs à Ankara pour discuter du "
        "cessez-le-feu en Syrie, selon le ministère des affaires étrangères de la Turquie.")
    (folder / "long.txt").write_text(story(50) * 40)
    (folder / "lines.jsonl").write_text(json.dumps({"id": "j1", "text": story(60)}) + "\n{broken\n")
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest([str(folder), str(tmp_path / "missing.txt")], store, fake_coder,
                         IngestOptions(max_chars=2000))
        stored = dict(store.con.execute("SELECT reason, count(*) FROM failures GROUP BY reason").fetchall())
        assert summary.coded == 3
        expected = {"empty": 1, "binary": 1, "not_english": 1, "too_long": 1, "malformed_jsonl": 1,
                    "not_found": 1}
        assert summary.failures == expected and stored == expected
        # A rerun records no failure twice.
        ingest([str(folder), str(tmp_path / "missing.txt")], store, fake_coder, IngestOptions(max_chars=2000))
        assert store.counts()["failures"] == 6
