"""Dates as news writes them, resolved against the publication date: relative weeks, "a few days ago", numeric
dates, and nothing invented where the text allows two readings or there is no anchor."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.loaders import Article, Extractor, resolve_date

ANCHOR = date(2024, 10, 31)  # a Thursday


@pytest.mark.parametrize(
    ("text", "iso", "granularity"),
    [
        ("last week", "2024-10-21", "week"),
        ("earlier this week", "2024-10-28", "week"),
        ("next week", "2024-11-04", "week"),
        ("a few days ago", "2024-10-28", "week"),
        ("several days ago", "2024-10-28", "week"),
        ("three weeks ago", "2024-10-07", "week"),
        ("two days ago", "2024-10-29", "day"),
        ("ten days ago", "2024-10-21", "day"),
        ("a dozen years ago", "2012", "year"),
        ("2024-03-12", "2024-03-12", "day"),
        ("28/03/2024", "2024-03-28", "day"),
        ("03/28/2024", "2024-03-28", "day"),
        ("31.12.2023", "2023-12-31", "day"),
    ],
)
def test_relative_and_numeric_dates_resolve(text: str, iso: str, granularity: str) -> None:
    value = resolve_date(text, anchor=ANCHOR)
    assert (value.iso, value.granularity) == (iso, granularity)


@pytest.mark.parametrize("text", ["03/04/2024", "31/02/2024", "last week", "a few days ago"])
def test_nothing_is_invented(text: str) -> None:
    """Two readings of a numeric date, an impossible day, and a relative date with no anchor give no date."""
    anchor = None if "ago" in text or "week" in text else ANCHOR
    assert resolve_date(text, anchor=anchor).iso is None


def test_an_event_told_last_week_is_dated_to_that_week(extractor: Extractor) -> None:
    text = "Talks\n\nThe foreign ministers of Chile and Peru met in Lima last week to discuss fishing rights."
    (meeting,) = [e for e in extractor.extract(Article(text=text, source="t", published=ANCHOR)).events]
    assert (meeting.date, meeting.date_granularity) == ("2024-10-21", "week")
