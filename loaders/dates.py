"""Date expressions to ISO dates at their own granularity, anchored to the publication date.

* An explicit year gives an absolute date: "June 2018" -> ``2018-06``, "in 1991" -> ``1991``.
* A month or day without a year needs an anchor: with a publication date it is the latest such date not after it
  ("in October" in an article of 2024-11-02 -> ``2024-10``); without one it stays yearless (``--10``, ``--10-03``).
* Relative expressions ("Tuesday", "last week", "a few days ago", "earlier this month") resolve only against the
  publication date; without it no date is invented and the text is kept.
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
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "DateValue",
    "PartialDate",
    "human_date",
    "is_duration",
    "label_date",
    "partial_date",
    "resolve_date",
]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
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
    """A date known to its month or its year only (a ``Date: 2022-11`` header): a ``date`` on the first day of it,
    that says so (``granularity``) and writes itself as people gave it.

    >>> d = PartialDate(2022, 11)
    >>> d.isoformat(), d.granularity, d.end().isoformat()
    ('2022-11', 'month', '2022-11-30')
    """

    granularity: str

    def __new__(cls, year: int, month: int | None = None) -> PartialDate:
        made = super().__new__(cls, year, month or 1, 1)
        made.granularity = "month" if month else "year"
        return made

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.granularity == "month" else f"{self.year:04d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __reduce__(self) -> tuple[object, tuple[int, int | None]]:  # pickled whole (parallel workers)
        return (PartialDate, (self.year, self.month if self.granularity == "month" else None))

    def end(self) -> date:
        """The last day it can be."""
        if self.granularity == "year":
            return date(self.year, 12, 31)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


def partial_date(text: str) -> PartialDate | None:
    """``2022-11`` or ``2022`` (a month or a year, ISO), else None.

    >>> partial_date("2022-11"), partial_date("2022"), partial_date("2022-11-18")
    (PartialDate('2022-11'), PartialDate('2022'), None)
    """
    match = re.fullmatch(r"(1[89]\d\d|20\d\d)(?:-(0[1-9]|1[0-2]))?", text.strip())
    if match is None:
        return None
    return PartialDate(int(match.group(1)), int(match.group(2)) if match.group(2) else None)


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
    ago = re.search(
        r"\b(\d+|a|an|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?\s+ago\b", lower
    )
    if ago:
        words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
        count = int(ago.group(1)) if ago.group(1).isdigit() else words[ago.group(1)]
        unit = ago.group(2)
        if unit == "day":
            return DateValue(clean, (anchor - timedelta(days=count)).isoformat(), "day")
        if unit == "week":
            return DateValue(clean, (anchor - timedelta(weeks=count)).isoformat()[:7], "month")
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


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    parts.append(_MONTH_NAMES[int(month) - 1])
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
