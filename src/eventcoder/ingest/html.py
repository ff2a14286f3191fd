"""HTML pages: main text and metadata (title, date, url, publisher) with trafilatura."""

from __future__ import annotations

import re
import warnings
from datetime import date

from eventcoder.model import Article

_HTML_HEAD = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML page."""
    return bool(_HTML_HEAD.match(data[:4096]))


def iso_day(value: str | None) -> date | None:
    """The date at the head of an ISO-like string (2021-03-04, 2021-03-04T10:00Z), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_html(html: str, doc_id: str, default_date: date | None = None) -> Article:
    """The page's main text and metadata; the text is empty when nothing could be extracted."""
    import trafilatura

    with warnings.catch_warnings():
        # lxml deprecation noise from inside trafilatura, not ours to fix.
        warnings.simplefilter("ignore", FutureWarning)
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if doc is None:
        return Article(id=doc_id, text="", published=default_date)
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return Article(
        id=doc_id, text=meta.get("text") or "", title=meta.get("title"), url=meta.get("url"),
        publisher=meta.get("sitename") or meta.get("hostname"),
        published=iso_day(meta.get("date")) or default_date, language=meta.get("language"),
    )
