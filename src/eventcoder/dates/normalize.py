"""Resolve one time expression against the publication date: a TimeML-style value and its precision.

Values and precisions (TimeML TIMEX3 conventions):
    day      2020-02-12
    week     2020-W07 (ISO week), 2020-W06-WE (a weekend)
    month    2020-02
    quarter  2019-Q4
    season   1998-SU (SP spring, SU summer, FA autumn, WI winter)
    year     2019
    decade   199 (the 1990s); a century is coarser still: 19 (the 20th century)
    ref      PRESENT_REF, PAST_REF, FUTURE_REF ("now", "recently", "soon": no calendar period)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "several": 3, "a few": 3})

_MON = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?"
        r"(?![a-z])\.?")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:1[89]|20)\d\d)"
_NUM = r"(\d+|a couple of|a few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

Result = tuple[str | None, str | None]

# Whole expressions that point at the present, past or future without a calendar period (TimeML *_REF).
_REF = [
    (re.compile(r"(right |just |even |until |by |for |from |as of )?(now|nowadays|currently|current|presently"
                r"|at present|these days|already|the present( time| day)?|this (time|moment|point)|at this (time|point)"
                r"|today'?s)"),
     "PRESENT_REF"),
    (re.compile(r"(more |most |until |only |very )?(recently|recent|previously|formerly|once|earlier|lately"
                r"|in the past|the past|the old days|(in |during )?recent (days|weeks|months|years|times|decades)"
                r"|(recent )?(weeks|months|years) and months|(the |in the )?(last|past) (several|few|many|couple of)"
                r" (days|weeks|months|years|quarters|decades)|past (years|decades)|several years ago|years ago)"),
     "PAST_REF"),
    (re.compile(r"(very |as )?(soon|soon as possible|(in )?the (near |distant |not-too-distant )?future|future"
                r"|eventually|(in )?the (near|short|long|medium) term|(in )?(the )?coming (days|weeks|months|years)"
                r"|future (years|quarters|months)|some day|someday|one day)"),
     "FUTURE_REF"),
]
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
FUTURE_BIAS = 5  # days: news looks back, so of two equally distant untensed dates the past one wins
_SEASON = r"(spring|summer|fall|autumn|winter)"
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _ymd(d: date) -> str:
    return d.isoformat()


def _month_back(pub: date, n: int) -> tuple[int, int]:
    m = pub.year * 12 + pub.month - 1 - n
    return m // 12, m % 12 + 1


def _week(d: date) -> str:
    """The TimeML value of the week containing ``d`` (ISO weeks)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _reference(t: str) -> Result | None:
    """TimeML reference values for "now", "recently", "the near future": no calendar period."""
    t = re.sub(r"^(in|for|at|until|since|by|over) ", "", t.strip(" ,."))
    for pattern, value in _REF:
        if pattern.fullmatch(t):
            return value, "ref"
    return None


def _day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _absolute(t: str) -> Result | None:
    """Expressions the text alone fixes: full dates, month and year, a year."""
    if m := re.search(r"\b(\d{4})-(\d\d)-(\d\d)\b", t):
        d = _day_of(int(m[1]), int(m[2]), int(m[3]))
        return (_ymd(d), "day") if d else None
    if m := re.search(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b", t):
        d = _day_of(int(m[3]), MONTHS[m[1]], int(m[2]))
        return (_ymd(d), "day") if d else None
    if m := re.search(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", t):
        d = _day_of(int(m[3]), MONTHS[m[2]], int(m[1]))
        return (_ymd(d), "day") if d else None
    if m := re.search(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b", t):
        return f"{m[2]}-{MONTHS[m[1]]:02d}", "month"
    if m := re.search(rf"\b{_SEASON}\s+(?:of\s+)?{_YEAR}\b", t):
        return f"{m[2]}-{SEASONS[m[1]][0]}", "season"
    if m := re.search(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)[ -]+quarter\s+(?:of\s+)?{_YEAR}\b", t) or \
            re.search(rf"\b{_YEAR}\s+(first|second|third|fourth|1st|2nd|3rd|4th)[ -]+quarter\b", t):
        n, year = (m[1], m[2]) if not m[1].isdigit() or len(m[1]) < 4 else (m[2], m[1])
        return f"{year}-Q{_ORDINAL[n]}", "quarter"
    if m := re.search(r"\b(?:the\s+)?((?:1[89]|20)\d)0'?s\b", t):
        return m[1], "decade"
    if m := re.search(rf"\b{_MON}\s+{_YEAR}\b", t):
        return f"{m[2]}-{MONTHS[m[1]]:02d}", "month"
    if (m := re.search(rf"(?<![\d,.$])\b{_YEAR}\b(?![\d,.%])", t)) and not re.search(r"quarter|half", t):
        return m[1], "year"
    if m := re.search(r"\bthe (\w+)ties\b", t):
        tens = {"twen": 2, "thir": 3, "for": 4, "fif": 5, "six": 6, "seven": 7, "eigh": 8, "nine": 9}.get(m[1])
        return (f"19{tens}", "decade") if tens else None
    if m := re.search(r"\b(\d{1,2})(?:st|nd|rd|th) century\b", t):
        return f"{int(m[1]) - 1:02d}", "decade"
    if year := _spelled_year(t):
        if m := re.search(rf"\b{_MON}\b", t):
            return f"{year}-{MONTHS[m[1]]:02d}", "month"
        if m := re.search(rf"\b{_SEASON}\b", t):
            return f"{year}-{SEASONS[m[1]][0]}", "season"
        return str(year), "year"
    return None


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def _spelled_two(words: list[str]) -> int | None:
    if len(words) == 1:
        return _UNITS.get(words[0], _TENS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS:
        return _TENS[words[0]] + _UNITS[words[1]]
    return None


def _spelled_year(t: str) -> int | None:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand"."""
    if re.search(r"\btwo thousand\b", t):
        rest = t.split("two thousand", 1)[1].replace("and", " ").replace("-", " ").split()
        extra = _spelled_two(rest[:2]) if rest else 0
        return 2000 + (extra or 0)
    m = re.search(r"\b(nineteen|eighteen)[ -]((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                  r"(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?)\b", t)
    if not m:
        return None
    tail = _spelled_two(m[2].replace("-", " ").split())
    return None if tail is None else (1900 if m[1] == "nineteen" else 1800) + tail


def _future(t: str) -> bool:
    return bool(re.search(r"\b(next|coming|this coming|upcoming)\b", t))


def _relative(t: str, pub: date, future: bool | None, capital_may: bool = False) -> Result | None:
    """Expressions anchored to the publication date."""
    if m := re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th|latest|last|past|current|the)[ -]+quarter\b", t):
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(m[1])
        done = (pub.month - 1) // 3  # quarters completed before the publication month
        if n is None:
            year, n = (pub.year, done) if done else (pub.year - 1, 4)
        else:
            year = pub.year - (1 if re.search(r"\b(last|previous) year|year[- ](ago|earlier)\b", t) else 0)
            year += 1 if re.search(r"\bnext year\b", t) else 0
        return f"{year}-Q{n}", "quarter"
    if re.fullmatch(r"(the |this |that )?(current |latest |recent |comparable )?quarter", t):
        done = (pub.month - 1) // 3
        return (f"{pub.year}-Q{done}" if done else f"{pub.year - 1}-Q4"), "quarter"
    if m := re.search(rf"\b{_MON}\s+(this|last|next) year\b", t):
        shift = {"this": 0, "last": -1, "next": 1}[m[2]]
        return f"{pub.year + shift}-{MONTHS[m[1]]:02d}", "month"
    if re.fullmatch(r"(the )?(current |full |fiscal |calendar )*year", t) or re.search(
            r"\b(end|beginning|start|rest|middle|remainder|part|half|months) of (the|this) year\b"
            r"|\b(earlier|later) (in the|this) year\b", t):
        return str(pub.year), "year"
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", t):
        return _ymd(pub), "day"
    if re.search(r"\b(yesterday|last night)\b", t):
        return _ymd(pub - timedelta(days=1)), "day"
    if re.search(r"\btomorrow\b", t):
        return _ymd(pub + timedelta(days=1)), "day"
    if m := re.search(rf"\b{_NUM}\s+(day|week|month|year)s?\s+(ago|earlier|before|later|from now|hence)\b", t):
        n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
        sign = 1 if m[3] in {"later", "from now", "hence"} else -1
        unit = m[2]
        if unit == "day":
            return _ymd(pub + timedelta(days=sign * n)), "day"
        if unit == "week":
            return _week(pub + timedelta(weeks=sign * n)), "week"
        if unit == "month":
            y, mo = _month_back(pub, -sign * n)
            return f"{y}-{mo:02d}", "month"
        return str(pub.year + sign * n), "year"
    if m := re.search(r"\b(last|this|next|past|coming|previous|current)\s+(week|month|year)\b", t):
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m[1], 0)
        if m[2] == "week":
            return _week(pub + timedelta(weeks=shift)), "week"
        if m[2] == "month":
            y, mo = _month_back(pub, -shift)
            return f"{y}-{mo:02d}", "month"
        return str(pub.year + shift), "year"
    if m := re.search(rf"\b{_SEASON}\b", t):
        code, first = SEASONS[m[1]]
        started = pub.month >= first or (code == "WI" and pub.month <= 2)
        if re.search(r"\b(last|past|previous)\b", t) and not re.search(r"\bthis past\b", t):
            year = pub.year if started and pub.month > first + 2 else pub.year - 1
        elif _future(t) or future is True:
            year = pub.year if not started else pub.year + 1
        else:
            year = pub.year
        if code == "WI" and pub.month <= 2 and year == pub.year:
            year -= 1  # the winter that began last December
        return f"{year}-{code}", "season"
    if re.search(r"\bweek-?end\b", t):
        # The weekend just past, or the coming one when the verb is future.
        if future or _future(t):
            d = pub + timedelta(days=(5 - pub.weekday()) % 7)
        else:
            d = pub - timedelta(days=(pub.weekday() + 2) % 7 or 7)
        return f"{_week(d)}-WE", "week"
    if m := re.search(r"\b(last|past|this|current) decade\b", t):
        return str(pub.year // 10 - (0 if m[1] in {"this", "current"} else 1)), "decade"
    if m := re.search(rf"\b{_MON}\s+{_DAY}\b", t) or re.search(rf"\b{_DAY}\s+(?:of\s+)?{_MON}", t):
        month, day = (MONTHS[m[1]], int(m[2])) if m[1].isalpha() else (MONTHS[m[2]], int(m[1]))
        weekday = re.search(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t)
        if weekday and not any((d := _day_of(y, month, day)) and d.weekday() == WEEKDAYS[weekday[1]]
                               for y in (pub.year - 1, pub.year, pub.year + 1)):
            weekday = None  # a misprinted weekday: fall back to the nearest date
        best = None
        for year in (pub.year - 1, pub.year, pub.year + 1):
            d = _day_of(year, month, day)
            if d is None:
                continue
            if weekday and d.weekday() != WEEKDAYS[weekday[1]]:
                continue  # "Saturday, April 25" names the year whose April 25 is a Saturday
            # Tense picks the side; without it the nearest one wins, the past on a tie.
            dist = (pub - d).days if d <= pub else (d - pub).days + FUTURE_BIAS
            if (future is True and d < pub) or (future is False and d > pub):
                dist += 1000
            if best is None or dist < best[0]:
                best = (dist, d)
        return (_ymd(best[1]), "day") if best else None
    if m := re.search(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", t):
        target = WEEKDAYS[m[1]]
        if future or _future(t):
            ahead = (target - pub.weekday()) % 7 or (7 if "next" in t else 0)
            return _ymd(pub + timedelta(days=ahead)), "day"
        back = (pub.weekday() - target) % 7
        if "last" in t.split() and back == 0:
            back = 7
        return _ymd(pub - timedelta(days=back)), "day"
    if m := re.search(rf"\b{_MON}\b", t):
        if m[1] == "may" and not capital_may and not re.search(
                r"\b(in|of|since|until|early|late|mid|last|next|this)\s+may\b", t):
            return None  # the modal verb
        month = MONTHS[m[1]]
        back, ahead = (pub.month - month) % 12, (month - pub.month) % 12
        if re.search(r"\bthis\b", t):
            year = pub.year
        elif re.search(r"\blast\b", t):
            year = pub.year - 1 if month >= pub.month else pub.year
        elif _future(t) or future is True or (future is None and 0 < ahead < back):
            year = pub.year if month >= pub.month else pub.year + 1
        elif re.search(r"\blast\b", t):
            year = pub.year - 1 if month >= pub.month else pub.year
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        return f"{year}-{month:02d}", "month"
    return None


def resolve(text: str, published: date | None, future: bool | None = None) -> Result:
    """Value and precision of a time expression; relative ones need ``published``.

    ``future``: True when the governing verb is future, False when past, None when unknown.
    """
    t = " ".join(text.lower().replace("’", "'").split())
    found = _reference(t) or _absolute(t)
    if found:
        return found
    if published is None:
        return None, None
    # "May" written with a capital inside a sentence is the month, not the modal verb.
    capital_may = bool(re.search(r"(?<=\w )May\b", " " + text)) or text.strip() == "May"
    return _relative(t, published, future, capital_may) or (None, None)
