"""Ingest readers: every input format, path expansion, and every failure kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventcoder.ingest import Document, Failure, check_article, content_hash, read_inputs, read_source
from eventcoder.ingest.sources import estimate_count
from eventcoder.model import Article

ENGLISH = ("Russian officials met Turkish diplomats in Ankara on Tuesday to discuss the ceasefire in Syria, "
           "according to the foreign ministry. The talks will continue next week, the ministry said in a "
           "statement that was released to the press after the meeting.")
FRENCH = ("Les responsables russes ont rencontré mardi des diplomates turcs à Ankara pour discuter du "
          "cessez-le-feu en Syrie, selon le ministère des affaires étrangères. Les discussions se "
          "poursuivront la semaine prochaine, a indiqué le ministère dans un communiqué publié après la réunion.")

HTML = f"""<!DOCTYPE html>
<html><head><title>Talks resume in Ankara</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2021-03-04T09:30:00Z">
<link rel="canonical" href="https://news.example.org/2021/03/04/talks">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks resume in Ankara</h1><p>{ENGLISH}</p>
<p>Both sides said they hoped for progress on the humanitarian corridor before the end of the month.</p>
</article><footer>Copyright The Daily Example</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org</link>
<item><title>First</title><link>https://wire.example.org/1</link><guid>wire-1</guid>
<pubDate>Tue, 02 Feb 2021 10:00:00 GMT</pubDate><description>&lt;p&gt;{ENGLISH}&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://wire.example.org/2</link>
<pubDate>Wed, 03 Feb 2021 10:00:00 GMT</pubDate><description>The army said it attacked rebel positions
near the border overnight and that the operation would go on for as long as it was needed.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Atom one</title><id>urn:atom:1</id><link href="https://atom.example.org/1"/>
<updated>2022-07-08T12:00:00Z</updated><content type="html">&lt;p&gt;{ENGLISH}&lt;/p&gt;</content></entry>
</feed>"""


def read_all(*paths: Path | str, default: date | None = None) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], default))


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    [doc] = read_all(path, default=date(2020, 1, 2))
    assert isinstance(doc, Document) and doc.kind == "text"
    assert doc.article.id == "story" and doc.article.text == ENGLISH and doc.article.published == date(2020, 1, 2)


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [doc] = read_all(path, default=date(1999, 1, 1))
    article = doc.article
    assert doc.kind == "html" and "ceasefire in Syria" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.title == "Talks resume in Ankara"
    assert article.published == date(2021, 3, 4)
    assert article.url == "https://news.example.org/2021/03/04/talks"
    assert article.publisher == "The Daily Example"


def test_html_is_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "saved_page"
    path.write_text(HTML, encoding="utf-8")
    assert read_all(path)[0].kind == "html"


def test_rss_feed_entries_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs = read_all(path)
    assert [d.kind for d in docs] == ["feed", "feed"]
    first, second = (d.article for d in docs)
    assert first.id == "wire-1" and first.title == "First" and first.url == "https://wire.example.org/1"
    assert first.published == date(2021, 2, 2) and first.publisher == "Example Wire"
    assert first.text == ENGLISH and "<p>" not in first.text
    assert second.published == date(2021, 2, 3) and docs[1].source.endswith("#2")
    assert estimate_count([str(path)]) == 2


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = read_all(path)
    assert doc.kind == "feed" and doc.article.id == "urn:atom:1" and doc.article.published == date(2022, 7, 8)
    assert doc.article.text == ENGLISH and doc.article.url == "https://atom.example.org/1"


def test_jsonl_records_and_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        '{"id": "a1", "text": "One.", "date": "2020-02-12", "title": "T", "url": "u", "publisher": "P"}',
        '{"text": "Two."}',
        "{not json",
        '["a list"]',
        '{"id": "bad", "text": "x", "date": "12/02/2020"}',
        "",
    ]), encoding="utf-8")
    items = read_all(path, default=date(2021, 1, 1))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [d.article.id for d in docs] == ["a1", "batch:2"]
    a1 = docs[0].article
    assert (a1.title, a1.url, a1.publisher, a1.published) == ("T", "u", "P", date(2020, 2, 12))
    assert docs[1].article.published == date(2021, 1, 1)
    assert [f.reason for f in fails] == ["malformed_jsonl"] * 3
    assert [f.source.rsplit("#", 1)[1] for f in fails] == ["3", "4", "5"]


def test_directories_recurse_and_globs_expand(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ENGLISH)
    (tmp_path / "a" / "b" / "two.txt").write_text(ENGLISH + " Again.")
    (tmp_path / "a" / ".hidden").write_text("skip me")
    assert [d.article.id for d in read_all(tmp_path / "a")] == ["two", "one"]  # sorted paths: b/two.txt first
    assert [d.article.id for d in read_all(f"{tmp_path}/a/**/*.txt")] == ["two", "one"]
    [missing] = read_all(tmp_path / "nope.txt")
    assert isinstance(missing, Failure) and missing.reason == "not_found"


def test_empty_and_binary_files_fail(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    reasons = {Path(f.source).name: f.reason for f in read_all(tmp_path)}
    assert reasons == {"empty.txt": "empty", "image.png": "binary", "latin1.txt": "binary"}


def test_article_checks() -> None:
    def reason(text: str, **kw: int) -> str | None:
        found = check_article(Article(id="x", text=text), **kw)
        return found[0] if found else None

    assert reason(ENGLISH) is None
    assert reason("Russia attacked.") is None  # too short to judge the language
    assert reason(FRENCH) == "not_english"
    assert reason("   ") == "empty"
    assert reason("12345 678 -- 90") == "empty"
    assert reason(ENGLISH * 10, max_chars=1000) == "too_long"
    assert reason("a\x00b text") == "binary"


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("Russia  attacked\nTurkey. ") == content_hash("Russia attacked Turkey.")
    assert content_hash("Russia attacked Turkey.") != content_hash("Russia attacked Syria.")


def test_read_source_keeps_its_behaviour(tmp_path: Path) -> None:
    text = tmp_path / "one.txt"
    text.write_text("Hello there.")
    [article] = read_source(str(text), date(2020, 1, 1))
    assert (article.id, article.text, article.published) == ("one", "Hello there.", date(2020, 1, 1))
    lines = tmp_path / "many.jsonl"
    lines.write_text('{"id": "x", "text": "A.", "date": "2019-05-06"}\n{"text": "B."}\n')
    first, second = read_source(str(lines))
    assert first.published == date(2019, 5, 6) and second.id == "2"
