"""Dates as news writes them, resolved against the publication date: relative weeks, "a few days ago", numeric
dates, and nothing invented where the text allows two readings or there is no anchor. Issue 27, friction 4: a month
as a publication date is kept as a month, dates without a year are anchored to the article's date, and a date that
cannot be read is said, not dropped."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph._readback import read_back
from newsgraph.graph.writer import to_quads
from newsgraph.loaders import Article, Extractor, read_paths, resolve_date
from newsgraph.loaders.dates import PartialDate

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


#: our own articles: a month in the header, a day without a year in the text
MONTH = """Title: Port talks resume after strike
Date: 2022-11

Negotiators for the port authority met union leaders on November 18, officials said.

The talks will continue on Tuesday, the union said.
"""
LATER = """Title: Port deal signed
Date: 2023-01-05

The port authority and the dockers' union signed a wage agreement on January 3, officials said.
"""
UNDATED = """Title: Port talks resume after strike

Negotiators for the port authority met union leaders on November 18, officials said.
"""


def _write(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_month_header_is_kept_as_a_month_and_anchors_the_days(tmp_path: Path, extractor: Extractor) -> None:
    folder = _write(tmp_path / "in", month=MONTH)
    (article,) = read_paths([folder])
    assert (article.published_text, article.published_granularity) == ("2022-11", "month")  # before: None
    assert isinstance(article.anchor, PartialDate) and article.anchor == date(2022, 11, 30)
    extraction = extractor.extract(article)
    assert extraction.to_dict()["article"]["published"] == "2022-11"
    dated = {e.trigger: e.date for e in extraction.events}
    assert dated.get("met") == "2022-11-18"  # the day, in the header's year
    assert "--" not in " ".join(d or "" for d in dated.values())
    assert not any(
        e.date_text == "Tuesday" and e.date for e in extraction.events
    )  # finer than a month: not told
    quads = to_quads(extraction)
    published = [q.object for q in quads if q.predicate.value.endswith("datePublished")]
    assert [(p.value, p.datatype.value.rsplit("#", 1)[1]) for p in published] == [("2022-11", "gYearMonth")]
    assert set(to_quads(read_back(article.iri, quads).extraction)) == set(quads)


def test_an_undated_day_is_labelled_as_people_write_it(tmp_path: Path, extractor: Extractor) -> None:
    (article,) = read_paths([_write(tmp_path / "in", undated=UNDATED)])
    (meeting,) = [e for e in extractor.extract(article).events if e.trigger == "met"]
    assert meeting.date == "--11-18" and meeting.label.endswith(", 18 Nov")  # before: "..., --11-18"


def test_the_timeline_places_a_day_of_a_month_dated_article_in_its_year(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.ingest([_write(tmp_path / "in", month=MONTH, later=LATER)])
    dates = [row["date"] for row in kg.timeline()]
    assert dates[:2] == ["2022-11-18", "2023-01-03"], dates  # before: "--11-18" after every dated event
    published = {row["title"]: row["published"] for row in kg.query("articles")}
    assert published["Port talks resume after strike"] == "2022-11"


def test_a_date_that_cannot_be_read_is_said(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = _write(
        tmp_path / "in", odd=MONTH.replace("Date: 2022-11", "Date: the week after the strike 2022")
    )
    with caplog.at_level(logging.WARNING, logger="newsgraph.loaders.read"):
        (article,) = read_paths([folder])
    assert article.published is None
    said = [r.getMessage() for r in caplog.records]
    assert any("is not a date newsgraph reads; the article is undated" in m for m in said)  # before: silence
