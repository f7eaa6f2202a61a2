"""Date expressions to ISO dates at their own granularity, anchored to the publication date.

* An explicit year gives an absolute date: "June 2018" -> ``2018-06``, "in 1991" -> ``1991``.
* A month or day without a year needs an anchor: with a publication date it is the latest such date not after it
  ("in October" in an article of 2024-11-02 -> ``2024-10``); without one it stays yearless (``--10``, ``--10-03``).
* Relative expressions ("Tuesday", "last week", "a few days ago", "three weeks ago", "earlier this month") resolve
  only against the publication date; without it no date is invented and the text is kept. A week is given by its
  Monday at granularity ``week``; "a few days ago" is the week a few days before.
* A numeric date is resolved to the day when it reads one way only: "2024-03-12", "28/03/2024" (28 cannot be a
  month), "03/28/2024"; "03/04/2024" could be either and gives nothing.
* A range ("October 8 to 13") gives its start; durations ("four months", "24 years") are not dates.

>>> from datetime import date
>>> resolve_date("June 2018").iso
'2018-06'
>>> resolve_date("October 3").iso
'--10-03'
>>> resolve_date("Tuesday").iso is None
True
>>> resolve_date("Tuesday", anchor=date(2024, 10, 31)).iso
'2024-10-29'
>>> resolve_date("in October", anchor=date(2024, 11, 2)).iso
'2024-10'
>>> value = resolve_date("last week", anchor=date(2024, 10, 31))
>>> value.iso, value.granularity
('2024-10-21', 'week')
>>> resolve_date("28/03/2024").iso, resolve_date("03/04/2024").iso
('2024-03-28', None)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsgraph.loaders.rules import Rules

__all__ = [
    "DateValue",
    "PartialDate",
    "clause_date",
    "human_date",
    "is_duration",
    "label_date",
    "period",
    "resolve_date",
]

#: month names and their abbreviations ("sept" as news writes it too)
_MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b", re.I)
_MONTH = re.compile(rf"\b({_MONTH_RE})\b", re.I)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_DURATION = re.compile(
    r"^(?:the\s+)?(?:past\s+|last\s+|next\s+|first\s+|nearly\s+|almost\s+|about\s+|some\s+|over\s+|more\s+than\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|\w+teen|\w+ty)"
    r"[\s-]+(?:full\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)(?:\s+old)?$",
    re.I,
)
_RELATIVE = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
}
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: how many days "a few" or "several" days are taken to be, to find the week they fall in
_FEW_DAYS = 3


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ``iso`` at its granularity (``day``, ``month``, ``year``), or None with the text kept."""

    text: str
    iso: str | None = None
    granularity: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.iso[:4]) if self.iso and not self.iso.startswith("--") else None


class PartialDate(date):
    """The anchor of an article dated to its month or its year only (a ``Date: 2022-11`` header): a ``date`` on the
    last day it can be, that says how much of it is known (``granularity``). :func:`resolve_date` places a month or
    a day without a year against it and leaves expressions finer than it unresolved ("Tuesday" in a month).

    >>> d = PartialDate(2022, 11)
    >>> d, d.granularity, d == date(2022, 11, 30), d.end()
    (PartialDate('2022-11'), 'month', True, datetime.date(2022, 11, 30))
    """

    granularity: str

    def __new__(cls, year: int, month: int | None = None) -> PartialDate:
        last = month or 12
        made = super().__new__(cls, year, last, calendar.monthrange(year, last)[1])
        made.granularity = "month" if month else "year"
        return made

    def __repr__(self) -> str:
        known = f"{self.year:04d}-{self.month:02d}" if self.granularity == "month" else f"{self.year:04d}"
        return f"PartialDate({known!r})"

    def __reduce__(self) -> tuple[object, tuple[int, int | None]]:  # pickled whole (parallel workers)
        return (PartialDate, (self.year, self.month if self.granularity == "month" else None))

    def end(self) -> date:
        """The last day it can be, as a plain ``date`` (date arithmetic on the subclass would call its
        constructor with a day)."""
        return date(self.year, self.month, self.day)


def period(text: str) -> tuple[date, str] | None:
    """An ISO month (``2022-11``) or year (``2022``): its first day and its granularity, else None.

    >>> period("2022-11"), period("2022"), period("2022-11-18")
    ((datetime.date(2022, 11, 1), 'month'), (datetime.date(2022, 1, 1), 'year'), None)
    """
    match = re.fullmatch(r"(1[89]\d\d|20\d\d)(?:-(0[1-9]|1[0-2]))?", text.strip())
    if match is None:
        return None
    month = match.group(2)
    return date(int(match.group(1)), int(month or 1), 1), "month" if month else "year"


def is_duration(text: str) -> bool:
    """'four months', '24 years', 'the past two weeks' measure time; they are not dates."""
    return bool(_DURATION.match(text.strip()))


def _latest(month: int, day: int | None, anchor: date, *, future: bool) -> date:
    year = anchor.year
    candidate = date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
    if future:
        if candidate < anchor.replace(day=1) if day is None else candidate < anchor:
            candidate = candidate.replace(year=year + 1)
    elif candidate > anchor:
        candidate = candidate.replace(year=year - 1)
    return candidate


def _numeric(clean: str) -> DateValue | None:
    """A numeric date: ISO ("2024-03-12"), or day and month in an order only one reading allows."""
    iso = _ISO_DAY.match(clean)
    numeric = _NUMERIC.match(clean)
    if iso is not None:
        year, month, day = (int(g) for g in iso.groups())
    elif numeric is not None:
        first, second, year = (int(g) for g in numeric.groups())
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        elif first == second:
            day = month = first
        else:
            return DateValue(
                clean
            )  # "03/04/2024": the third of April or the fourth of March; nothing invented
    else:
        return None
    try:
        return DateValue(clean, date(year, month, day).isoformat(), "day")
    except ValueError:
        return DateValue(clean)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week(clean: str, day: date) -> DateValue:
    return DateValue(clean, _monday(day).isoformat(), "week")


def resolve_date(text: str, *, anchor: date | None = None, future: bool = False) -> DateValue:
    """Resolve one date expression; ``future`` prefers the next such day or month (for "will meet on Friday").

    An ``anchor`` known to its month or year only (a ``PartialDate``) places a month or a day without a year in the
    latest year that fits it, and leaves expressions finer than it unresolved ("Tuesday" in a month).

    >>> resolve_date("November 18", anchor=PartialDate(2022, 11)).iso
    '2022-11-18'
    >>> resolve_date("Tuesday", anchor=PartialDate(2022, 11)).iso is None
    True
    """
    coarse = isinstance(anchor, PartialDate)
    if isinstance(anchor, PartialDate):
        granularity, anchor = anchor.granularity, anchor.end()
    clean = " ".join(text.split())
    lower = clean.lower()
    if is_duration(clean):
        return DateValue(clean)
    numeric = _numeric(clean)
    if numeric is not None:
        return numeric
    year_match = _YEAR.search(clean)
    year = int(year_match.group(1)) if year_match else None
    md = _MONTH_DAY.search(clean)
    dm = _DAY_MONTH.search(clean) if md is None else None
    month_match = _MONTH.search(clean)
    if md or dm:
        month = _MONTHS[(md.group(1) if md else dm.group(2)).lower()]  # type: ignore[union-attr]
        day = int(md.group(2) if md else dm.group(1))  # type: ignore[union-attr]
        if not 1 <= day <= 31:
            return DateValue(clean)
        if year is not None:
            try:
                return DateValue(clean, date(year, month, day).isoformat(), "day")
            except ValueError:
                return DateValue(clean)
        if anchor is not None:
            return DateValue(clean, _latest(month, day, anchor, future=future).isoformat(), "day")
        return DateValue(clean, f"--{month:02d}-{day:02d}", "day")
    if month_match:
        month = _MONTHS[month_match.group(1).lower()]
        if (
            month_match.group(1).lower() == "may"
            and not re.search(r"\b(in|of|since|until|by|early|late|mid)\s+may\b", lower)
            and year is None
        ):
            return DateValue(clean)  # the verb "may"
        if year is not None:
            return DateValue(clean, f"{year:04d}-{month:02d}", "month")
        if anchor is not None:
            found = _latest(month, None, anchor, future=future)
            return DateValue(clean, f"{found.year:04d}-{month:02d}", "month")
        return DateValue(clean, f"--{month:02d}", "month")
    if year is not None:
        return DateValue(clean, f"{year:04d}", "year")
    if anchor is None:
        return DateValue(clean)
    if coarse:
        return _coarse(clean, lower, anchor, granularity)
    return _relative(clean, lower, anchor, future=future)


def _coarse(clean: str, lower: str, end: date, granularity: str) -> DateValue:
    """Relative expressions against an anchor known to its month (``end``: its last day) or year: only "this" and
    "last" month or year can be told."""
    if granularity == "month" and re.search(r"\b(this|earlier this|later this)\s+month\b", lower):
        return DateValue(clean, f"{end.year:04d}-{end.month:02d}", "month")
    if granularity == "month" and re.search(r"\blast\s+month\b", lower):
        first = end.replace(day=1) - timedelta(days=1)
        return DateValue(clean, f"{first.year:04d}-{first.month:02d}", "month")
    if re.search(r"\b(this|earlier this|later this)\s+year\b", lower):
        return DateValue(clean, f"{end.year:04d}", "year")
    if re.search(r"\blast\s+year\b", lower):
        return DateValue(clean, f"{end.year - 1:04d}", "year")
    return DateValue(clean)


def _relative(clean: str, lower: str, anchor: date, *, future: bool) -> DateValue:
    for word, offset in _RELATIVE.items():
        if re.search(rf"\b{word}\b", lower):
            return DateValue(clean, (anchor + timedelta(days=offset)).isoformat(), "day")
    weekday = _WEEKDAY.search(lower)
    if weekday:
        target = _WEEKDAYS[weekday.group(1)]
        if future or lower.startswith("next"):
            delta = (target - anchor.weekday()) % 7 or 7
            return DateValue(clean, (anchor + timedelta(days=delta)).isoformat(), "day")
        delta = (anchor.weekday() - target) % 7
        if lower.startswith("last"):
            delta = delta or 7
        return DateValue(clean, (anchor - timedelta(days=delta)).isoformat(), "day")
    if re.search(r"\b(?:a\s+few|few|several|a\s+couple\s+of|a\s+couple)\s+days?\s+ago\b", lower):
        return _week(clean, anchor - timedelta(days=_FEW_DAYS))
    if re.search(r"\blast\s+week\b", lower):
        return _week(clean, anchor - timedelta(weeks=1))
    if re.search(r"\b(?:this|earlier this|later this)\s+week\b", lower):
        return _week(clean, anchor)
    if re.search(r"\bnext\s+week\b", lower):
        return _week(clean, anchor + timedelta(weeks=1))
    ago = re.search(r"\b(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago\b", lower)
    count = _count(ago.group(1)) if ago else None
    if ago and count is not None:
        unit = ago.group(2)
        if unit == "day":
            return DateValue(clean, (anchor - timedelta(days=count)).isoformat(), "day")
        if unit == "week":
            return _week(clean, anchor - timedelta(weeks=count))
        if unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 - count
            return DateValue(clean, f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month")
        return DateValue(clean, f"{anchor.year - count:04d}", "year")
    if re.search(r"\b(this|earlier this|later this)\s+month\b", lower):
        return DateValue(clean, f"{anchor.year:04d}-{anchor.month:02d}", "month")
    if re.search(r"\blast\s+month\b", lower):
        first = anchor.replace(day=1) - timedelta(days=1)
        return DateValue(clean, f"{first.year:04d}-{first.month:02d}", "month")
    if re.search(r"\b(this|earlier this|later this)\s+year\b", lower):
        return DateValue(clean, f"{anchor.year:04d}", "year")
    if re.search(r"\blast\s+year\b", lower):
        return DateValue(clean, f"{anchor.year - 1:04d}", "year")
    if re.search(r"\bnext\s+year\b", lower):
        return DateValue(clean, f"{anchor.year + 1:04d}", "year")
    return DateValue(clean)


def _count(word: str) -> int | None:
    """A count in digits or a number word ("three", "a", "a dozen" as "dozen")."""
    if word.isdigit():
        return int(word)
    from newsgraph.loaders.words import Words

    value = Words.load().value("number_words", word)
    return int(value) if value is not None else None


def clause_date(
    rules: Rules, trigger: Token, sentence: Span, anchor: date | None, future: bool
) -> DateValue | None:
    """The date of a word's own clause: a date inside another clause (a relative clause, a subordinate "who won
    last year") belongs to that clause's happening (rule ``clause_dates``; off, the nearest date of the sentence)."""
    from newsgraph.loaders import _doc
    from newsgraph.loaders._syntax import clause_of

    own = rules.on("clause_dates")
    clause = clause_of(trigger)
    best: tuple[int, Span | None] = (10**6, None)
    for ent in _doc.ents_in(sentence):
        if ent.label_ != "DATE" or is_duration(ent.text):
            continue
        owner = clause_of(ent.root)
        if own and owner != clause and owner != trigger:
            continue
        distance = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        if ent.root.head == trigger or any(a == trigger for a in ent.root.ancestors):
            distance -= 100
        if distance < best[0]:
            best = (distance, ent)
    if best[1] is None:
        return None
    return resolve_date(best[1].text, anchor=anchor, future=future)


def human_date(value: str | None) -> str:
    """An ISO date as people write it: "2005-10-08" is "8 Oct 2005", "2005-10" "Oct 2005", "--10-07" "7 Oct" (year
    unknown), "--10" "Oct".

    >>> [human_date(d) for d in ("2005-10-08", "2005-10", "2005", "--10-07", "--10", None)]
    ['8 Oct 2005', 'Oct 2005', '2005', '7 Oct', 'Oct', '']
    """
    if not value:
        return ""
    match = re.fullmatch(r"(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?", value)
    if match is None:
        return value
    year, month, day = match.groups()
    year = "" if year == "-" else year
    if not month:
        return year
    parts = [str(int(day))] if day else []
    parts.append(calendar.month_abbr[int(month)])
    if year:
        parts.append(year)
    return " ".join(parts)


def label_date(iso: str | None) -> str | None:
    """A date as an event's label shows it: ISO when it has its year, else as people write it ("18 Nov", not
    ``--11-18``, which reads as a typo).

    >>> label_date("2024-06"), label_date("--11-18"), label_date(None)
    ('2024-06', '18 Nov', None)
    """
    if iso and iso.startswith("--"):
        return human_date(iso)
    return iso
