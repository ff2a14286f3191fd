"""Time expressions: spaCy DATE entities plus patterns the small model misses."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from eventcoder.dates.normalize import resolve
from eventcoder.model import TimeExpr
from eventcoder.nlp import text_of

# Relative expressions NER often leaves out ("earlier Wednesday", "two days ago").
PATTERNS = re.compile(
    r"\b(?:(?:last|next|this|on|earlier|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tomorrow|tonight)\b"
    r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
    r"(?:day|week|month|year)s?\s+ago\b"
    r"|\b(?:last|next|this|past)\s+(?:week|month|year)\b"
    r"|\b(?:in|since|until|by)\s+(?:January|February|March|April|June|July|August|September|October|November"
    r"|December)(?:\s+\d{4})?\b"
    r"|\b(?:(?:this|last|next|that|the|this past)\s+)?(?:spring|summer|fall|autumn|winter)\b"
    r"|\b(?:this|last|next|the|that)\s+week-?end\b",
    re.IGNORECASE,
)
# Words and phrases for the present, the past and the future (TimeML PRESENT_REF, PAST_REF, FUTURE_REF).
REFERENCES = re.compile(
    r"\b(?:right now|now|nowadays|currently|current|presently|at present|these days|already"
    r"|(?:more |most )?recently|recent(?: days| weeks| months| years)?|previously|formerly|lately"
    r"|in the past|(?:the )?(?:near |distant )?future|the (?:near|short|long) term|soon|as soon as possible"
    r"|(?:the )?coming (?:days|weeks|months|years)"
    r"|(?:the )?(?:last|past) (?:several|few) (?:days|weeks|months|years))\b",
    re.IGNORECASE,
)
# Joiners that split one NER span into two expressions ("the quarter ended Sept. 30").
SPLIT = re.compile(r"\s+(?:ended|ending|to|through|until)\s+", re.IGNORECASE)
RANGE = re.compile(r"^(?:between|from)\s", re.IGNORECASE)
RANGE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
THAT_YEAR = re.compile(r"^(?:that|the same) year$", re.IGNORECASE)
YEAR_BACK = re.compile(r"\b(a year (earlier|ago|before)|year[- ](earlier|ago))\b", re.IGNORECASE)
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
LEAD_WORDS = {"on", "in", "since", "until", "by", "earlier", "late", "early"}


def _tense(span: Span) -> bool | None:
    """True when the expression modifies a verb in the future ("will meet on Friday"), False when past."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in {"VERB", "AUX"} or tok.head == tok:
            break
        tok = tok.head
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    if aux & FUTURE_AUX or ("to" in aux and tok.head.lemma_ in {"plan", "schedule", "expect", "due"}):
        return True
    if tok.tag_ == "VBD" or aux & {"was", "were", "had", "did"}:
        return False
    if tok.tag_ == "VBN" and aux & {"has", "have"}:
        return False
    return None


def _clean(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = text_of(doc)[start:end]
    first = text.split(maxsplit=1)
    if len(first) == 2 and first[0].lower() in LEAD_WORDS:
        start += len(text) - len(text.lstrip()) + len(first[0]) + 1
    return start, end


def find(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Every time expression in ``doc`` with its value resolved against ``published``."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start = ent.start_char
        # "between 1985 and 1987" is two expressions, like "the quarter ended Sept. 30".
        joiners = RANGE_AND if RANGE.match(ent.text) else SPLIT
        for m in joiners.finditer(ent.text):
            spans.append((start, ent.start_char + m.start()))
            start = ent.start_char + m.end()
        spans.append((start, ent.end_char))
    for m in [*PATTERNS.finditer(text_of(doc)), *REFERENCES.finditer(text_of(doc))]:
        s, e = _clean(doc, m.start(), m.end())
        if not any(a < e and s < b for a, b in spans):
            spans.append((s, e))
    out: list[TimeExpr] = []
    quarter: str | None = None  # the last quarter named, for "a year earlier"
    year: str | None = None  # the last calendar year named, for "that year"
    for start, end in sorted(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        text = text_of(doc)[start:end]
        future = _tense(span) if span is not None and len(span) else None
        value, precision = resolve(text, published, future)
        if value is None:
            # NER sometimes drops the word that fixes a weekday or month ("Earlier Wednesday").
            before = text_of(doc)[max(0, start - 12) : start].split()
            if before and before[-1].lower() in {"last", "next", "this"}:
                value, precision = resolve(f"{before[-1]} {text}", published, future)
        if value is None and year and THAT_YEAR.match(text.strip()):
            value, precision = year, "year"
        if value and precision in {"year", "month", "day", "quarter", "season"} and value[:4].isdigit() \
                and published and value[:4] != str(published.year):
            year = value[:4]
        if precision == "quarter" and value:
            quarter = value
        elif quarter and published and YEAR_BACK.search(text):
            # "a year earlier" after a quarter is that quarter a year before.
            value, precision = f"{int(quarter[:4]) - 1}{quarter[4:]}", "quarter"
        out.append(TimeExpr(text=text, start=start, end=end, value=value, precision=precision))
    return out
