"""Dates in news prose, resolved against the article's published date.

"on May 7", "a May 5 statement", "7 May 2024", "on Sunday", "yesterday",
"last week", "this month". Absolute dates with a year need no published date;
everything relative (including a month and day without a year) needs one and
stays unresolved (date None, text kept) without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from claims.text.vocab import MONTHS, WEEKDAYS

# --- rule tables -----------------------------------------------------------

# Month and weekday names are the vocabulary's (claims.text.vocab: MONTHS, WEEKDAYS).
# Relative expressions: days back from the published date (None: see _resolve_period).
RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
    "earlier today": 0, "yesterday": -1, "the day before yesterday": -2, "last night": -1,
    "tomorrow": 1, "last week": -7, "earlier this week": 0, "this week": 0, "next week": 7,
}
PERIODS: tuple[str, ...] = ("this month", "last month", "next month", "earlier this month",
                            "this year", "last year", "earlier this year", "next year")
# A verb of the future earlier in the clause: a weekday after it is still to come.
_FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|set\s+to|due\s+to|going\s+to|"
                            r"scheduled\s+to|expected\s+to)\b[^.;,]*$", re.I)
# A month-and-day more than this far from the published date belongs to the
# neighbouring year ("on December 28" in a January 3 article).
YEAR_WRAP_DAYS = 183

_MONTH = r"(?P<{g}>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(r"\b" + _MONTH.format(g="mon") + r"\s+" + _DAY.format(g="day")
                       + r"(?![\d:])(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("dmy", re.compile(r"\b" + _DAY.format(g="day") + r"\s+(?:of\s+)?" + _MONTH.format(g="mon")
                       + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("my", re.compile(r"\b(?:in\s+)?" + _MONTH.format(g="mon") + r",?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on|past)\s+)?(?P<wd>Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, RELATIVE_DAYS), key=len, reverse=True))
                            + r")\b", re.I)),
    ("period", re.compile(r"\b(?:" + "|".join(map(re.escape, PERIODS)) + r")\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven)\s+(?P<unit>days|weeks)\s+ago\b")),
]
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# One cheap test before running the patterns: most sentences have no date.
_ANY = re.compile(
    r"\b(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
    + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|tonight"
    + r"|week|month|year|ago|(?:19|20)\d\d-\d\d|night|morning|afternoon|evening)\b", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    date: Optional[date]
    # "day", or "month"/"year" for "in March 2026", "last year": those resolve to
    # the period's first day, which is no date anybody said anything on.
    precision: str = "day"


def _precision(kind: str, m: re.Match[str]) -> str:
    if kind == "my":
        return "month"
    if kind == "period":
        return "month" if m.group().lower().endswith("month") else "year"
    return "day"


def _month_day(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: date) -> Optional[date]:
    d = _month_day(published.year, month, day)
    if d is None:
        return None
    if (d - published).days > YEAR_WRAP_DAYS:
        return _month_day(published.year - 1, month, day)
    if (published - d).days > YEAR_WRAP_DAYS:
        return _month_day(published.year + 1, month, day)
    return d


def _resolve_period(phrase: str, published: date) -> Optional[date]:
    p = phrase.lower()
    if p.endswith("month"):
        y, m = published.year, published.month
        if p.startswith("last"):
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        elif p.startswith("next"):
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return date(y, m, 1)
    year = published.year + (-1 if p.startswith("last") else 1 if p.startswith("next") else 0)
    return date(year, 1, 1)


def _resolve(kind: str, m: re.Match[str], published: Optional[date]) -> Optional[date]:
    if kind == "iso":
        return _month_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if kind in ("mdy", "dmy"):
        month, day = MONTHS[m["mon"].lower().rstrip(".")], int(m["day"])
        if m["year"]:
            return _month_day(int(m["year"]), month, day)
        return _nearest_year(month, day, published) if published else None
    if kind == "my":
        return _month_day(int(m["year"]), MONTHS[m["mon"].lower().rstrip(".")], 1)
    if published is None:
        return None
    if kind == "weekday":
        wd, rel = WEEKDAYS[m["wd"].lower()], (m["rel"] or "").lower()
        if rel in ("on", "") and _FUTURE_BEFORE.search(m.string, max(0, m.start() - 60), m.start()):
            rel = "next"  # "the cabinet will meet on Thursday": the coming Thursday, a plan
            return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
        back = (published.weekday() - wd) % 7
        if rel == "last" and back == 0:
            back = 7
        return published - timedelta(days=back)
    if kind == "relative":
        return published + timedelta(days=RELATIVE_DAYS[m.group().lower()])
    if kind == "period":
        return _resolve_period(m.group(), published)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
        return published - timedelta(days=n * (7 if m["unit"] == "weeks" else 1))
    return None


def find_dates(text: str, published: Optional[date] = None) -> list[DateMention]:
    """Date mentions in text, in order, resolved against published where relative."""
    if not _ANY.search(text):
        return []
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue  # "May 7, 2024" is one date, not also "May"
            if kind == "weekday" and not m["rel"]:
                pass  # a bare weekday ("Sunday's vote") is still the day of an event
            taken.append((s, e))
            found.append(DateMention(m.group(), s, e, _resolve(kind, m, published), _precision(kind, m)))
    found.sort(key=lambda d: d.start)
    return found


def first_date(text: str, published: Optional[date] = None) -> Optional[DateMention]:
    """The first date mention of a text (resolved where possible), or None."""
    dates = find_dates(text, published)
    for d in dates:
        if d.date is not None:
            return d
    return dates[0] if dates else None


def statement_date(text: str, published: Optional[date] = None) -> tuple[Optional[date], Optional[str]]:
    """(date, text) of when a statement was made or its event happened.

    Only a day counts as the date: "last year" or "in March" is kept as text but
    gives no date. A day after publication is a plan ("leaves next week"), not
    when anything was said or done, so it gives no date either.
    """
    dates = find_dates(text, published)
    for d in dates:
        if d.date is not None and d.precision == "day" and (published is None or d.date <= published):
            return d.date, d.text
    return None, (dates[0].text if dates else None)
