"""Quotation-mark pairing: the character spans of quoted passages in a text."""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'


@dataclass(slots=True)
class QuoteMarks:
    """One quoted passage: its content span (marks excluded) and the outer span with the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def _is_open_straight(text: str, i: int) -> bool:
    """A straight mark opens when preceded by start, space or an opening bracket."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/"


def _paragraph_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n"


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Pair double quotation marks (straight and curly) in one linear pass.

    Only double marks delimit quotes: single marks are far more often apostrophes
    (Putin’s) or headline scare quotes, and inside a double quote they nest harmlessly.
    A quote left open at a paragraph end continues when the next paragraph opens with a
    mark (the newswire convention for multi-paragraph quotes); otherwise it is closed at
    the paragraph end so one stray mark cannot swallow the rest of the article.
    """
    found: list[QuoteMarks] = []
    open_at: int | None = None
    first_open: int | None = None
    open_width = 1
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        width = 1
        if text.startswith("''", i) or text.startswith("``", i):
            # Two single marks stand for a double one in some newswire (NYT) text.
            ch, width = (STRAIGHT if ch == "'" else OPEN_DOUBLE[0]), 2
        if ch == "\n" and open_at is not None:
            # Skip blank lines, then see whether the next paragraph re-opens the quote.
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in OPEN_DOUBLE or text[j] == STRAIGHT or text.startswith("''", j)):
                i = j + (2 if text.startswith("''", j) else 1)  # continuation mark: the quote goes on
                continue
            if "\n" in text[i:j] and j - i >= 1:
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                assert first_open is not None
                found.append(QuoteMarks(first_open + open_width, end, first_open, end))
                open_at = first_open = None
        elif (ch in OPEN_DOUBLE or (ch == STRAIGHT and open_at is None and _is_open_straight(text, i))
              or (ch in CLOSE_DOUBLE and open_at is None and _paragraph_start(text, i))):
            # A closing curly mark that starts a paragraph is a typo for an opening one.
            if open_at is None:
                open_at = first_open = i
                open_width = width
            elif _paragraph_start(text, i):
                open_at = i
            # else: a nested double mark, left inside the outer quote
        elif ch in CLOSE_DOUBLE or ch == STRAIGHT:
            if open_at is not None and first_open is not None:
                found.append(QuoteMarks(first_open + open_width, i, first_open, i + width))
                open_at = first_open = None
        i += width
    if open_at is not None and first_open is not None:
        found.append(QuoteMarks(first_open + open_width, n, first_open, n))
    return [q for q in found if q.end > q.start]
