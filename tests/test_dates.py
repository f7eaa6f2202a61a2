"""Issue 27, friction 4: a month as a publication date is kept as a month, dates without a year are anchored to the
article's date, and a date that cannot be read is said, not dropped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph._readback import read_back
from newsgraph.graph.writer import to_quads
from newsgraph.loaders import Extractor, read_paths
from newsgraph.loaders.dates import PartialDate

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
    assert (
        isinstance(article.published, PartialDate) and article.published.isoformat() == "2022-11"
    )  # before: None
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
