"""RSS and Atom feed files: each entry is an article, its content (or summary) the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape

from eventcoder.model import Article

_FEED_HEAD = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|br|div|li|h[1-6])\b[^>]*>", re.I)


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS or Atom document."""
    return bool(_FEED_HEAD.match(data[:4096]))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment from a feed (blocks become line breaks)."""
    return unescape(_TAG.sub("", _BLOCK.sub("\n", fragment))).strip()


def _entry_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def parse_feed(data: bytes, stem: str, default_date: date | None = None) -> Iterator[tuple[int, Article]]:
    """(entry number from 1, Article) for each entry of the feed."""
    import feedparser

    parsed = feedparser.parse(data)
    publisher = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        yield number, Article(
            id=str(entry.get("id") or entry.get("link") or f"{stem}#{number}"),
            text=html_to_text(body or ""), title=entry.get("title"), url=entry.get("link"),
            publisher=publisher, published=_entry_date(entry) or default_date,
        )
