"""Page furniture of the reading phase: bylines, comment forms, asides, ticker rows, offers, credit lines, wire
datelines, a header's month and a lead without a full stop (every text here is our own)."""

from __future__ import annotations

from datetime import date

from newsgraph.loaders import Extractor
from newsgraph.loaders.clean import read_plain, split_story
from newsgraph.loaders.read import read_bytes


def _read(text: str, name: str = "page.txt"):  # type: ignore[no-untyped-def]
    (article,) = read_bytes(text.encode("utf-8"), name, suffix=".txt")
    return article


def test_bylines_are_the_pages_not_the_storys(extractor: Extractor) -> None:
    raw = (
        "Harbour strike spreads to three ports\n\n"
        "By Anna Berg, Li Wei and Tom Hartley Published : 3 May 2024, 10:12 IST\n\n"
        "Dock workers in Gdansk walked out on Tuesday, the union said.\n\n"
        "The port authority said 40 ships were waiting offshore.\n\n"
        "Reporting by Anna Berg in Oslo; Editing by Ruth Calloway\n"
    )
    story = read_plain(raw)
    assert story.paragraphs == [
        "Dock workers in Gdansk walked out on Tuesday, the union said.",
        "The port authority said 40 ships were waiting offshore.",
    ]
    assert story.authors == ["Anna Berg", "Li Wei", "Tom Hartley", "Ruth Calloway"]
    labels = {a.label for a in extractor.extract(_read(raw)).actors}
    assert not labels & {"Anna Berg", "Li Wei", "Tom Hartley", "Ruth Calloway"}, labels
    # a sentence that opens with "By" and a time is the story's
    kept = split_story(
        "Floods force families from homes\n\nBy Wednesday, 60 people had left their homes, the mayor said.\n"
    )[1]
    assert kept == ["By Wednesday, 60 people had left their homes, the mayor said."]
    # switched off, a wire story's closing credits are story text again
    assert "Reporting by Anna Berg" in " ".join(read_plain(raw, off=frozenset({"bylines"})).paragraphs)


def test_comment_forms_asides_tickers_and_offers_are_furniture(extractor: Extractor) -> None:
    raw = (
        "Harbour strike spreads to three ports\n\n"
        "Dow Jones 38,512.10 +120.35 (0.31%)\n"
        "NIKKEI ▲ 1.2%\n\n"
        "Dock workers in Gdansk walked out on Tuesday, the union said.\n\n"
        "Get unlimited digital access for $1 a week. Cancel anytime.\n\n"
        "(You can read: Harbour chief resigns over losses)\n\n"
        "The port authority said 40 ships were waiting offshore.\n\n"
        "Previous article\n\nA ferry company changes its timetable\n\n"
        "Please enter your comment!\n\nPlease enter your name here\n"
    )
    raw = raw.replace(
        "(You can read:", "Like our page on Facebook and join us on Telegram for updates.\n\n(You can read:"
    )
    _title, paragraphs, dropped = split_story(raw)
    assert paragraphs == [
        "Dock workers in Gdansk walked out on Tuesday, the union said.",
        "The port authority said 40 ships were waiting offshore.",
    ]
    invitation = "Like our page on Facebook and join us on Telegram for updates."
    for line in (
        "Dow Jones 38,512.10 +120.35 (0.31%)",
        "Please enter your comment!",
        "Previous article",
        invitation,
    ):
        assert line in dropped
    found = extractor.extract(_read(raw))
    assert [c.min for c in found.claims if c.unit and "$" in str(c.unit)] == []
    assert 1 not in {c.min for c in found.claims}  # the offer's price is no claim
    # a story's own sentence about a price, a market or a subscription stays
    story = (
        "Streaming prices rise\n\nThe company raised its subscription price to $15 a month, it said on Monday.\n\n"
        "The Dow Jones index rose 120 points, or 0.3%, to 38,512 on Tuesday.\n\n"
        "The minister told supporters to follow the count on television.\n"
    )
    assert len(split_story(story)[1]) == 3
    # each kind can be switched off
    off = frozenset({"ticker_rows", "subscription_offers"})
    kept = split_story(raw, off=off)[1]
    assert "Get unlimited digital access for $1 a week. Cancel anytime." in kept


def test_a_credit_line_names_the_photographer_and_the_agency(extractor: Extractor) -> None:
    raw = (
        "Harbour strike spreads to three ports\n\n"
        "Marta Kowalczyk / Baltic Press Agency\n\n"
        "Dock workers in Gdansk walked out on Tuesday, the union said.\n\n"
        "Tomasz Nowak | Getty Images\n\n"
        "World | Europe\n\n"
        "The port authority said 40 ships were waiting offshore.\n"
    )
    _title, paragraphs, dropped = split_story(raw)
    assert "Tomasz Nowak | Getty Images" in paragraphs and "World | Europe" in dropped
    actors = {a.label: a.type for a in extractor.extract(_read(raw)).actors}
    assert actors.get("Marta Kowalczyk") == "Person" and actors.get("Tomasz Nowak") == "Person", actors
    assert actors.get("Baltic Press Agency") == "Organization" and "Getty Images" in actors, actors
    assert not any("/" in label or "|" in label for label in actors)
    # a short caption right before its credit is the article's, byline or not before it
    captioned = "Harbour strike spreads\n\nBy Anna Berg\n\nCranes at rest in Gdansk\nPhoto: Getty Images\n\n"
    captioned += "Dock workers walked out on Tuesday, the union said.\n"
    assert split_story(captioned)[1][:2] == ["Cranes at rest in Gdansk", "Photo: Getty Images"]


def test_a_wire_dateline_is_a_place_not_an_organisation(extractor: Extractor) -> None:
    raw = (
        "Harbour strike spreads\n\n"
        "KLAIPEDA, Lithuania (Reuters) -Dock workers walked out on Tuesday, the union said.\n\n"
        "VILNIUS (AP) — The transport minister said talks would resume on Friday.\n"
    )
    actors = {a.label: a.type for a in extractor.extract(_read(raw)).actors}
    assert actors.get("Klaipeda") == "Place" and actors.get("Vilnius") == "Place", actors
    assert "KLAIPEDA" not in actors and "VILNIUS" not in actors
    assert actors.get("Reuters") == "Organization" and actors.get("Lithuania") == "Country"


def test_a_header_date_of_year_and_month_is_kept_as_a_month(extractor: Extractor) -> None:
    from newsgraph.graph.writer import to_quads

    raw = (
        "Title: Harbour strike spreads\nDate: 2022-11\n\n"
        "Dock workers walked out on November 18, the union said.\n\n"
        "The port authority said 40 ships were waiting offshore on Tuesday.\n"
    )
    article = _read(raw)
    assert (article.published, article.published_granularity) == (date(2022, 11, 1), "month")
    assert article.published_text == "2022-11" and article.anchor == date(2022, 11, 30)
    found = extractor.extract(article)
    assert found.to_dict()["article"]["published"] == "2022-11"
    dates = {e.date for e in found.events if e.date}
    assert "2022-11-18" in dates and not any(d.startswith("--") for d in dates), dates
    published = [q.object for q in to_quads(found) if q.predicate.value == "https://schema.org/datePublished"]
    assert [(o.value, o.datatype.value) for o in published] == [
        ("2022-11", "http://www.w3.org/2001/XMLSchema#gYearMonth")
    ]
    # without the rule the month is dropped, as before
    (plain,) = read_bytes(raw.encode(), "page.txt", suffix=".txt", off=frozenset({"month_dates"}))
    assert plain.published is None


def test_a_lead_without_a_full_stop_under_a_header_title_is_kept() -> None:
    raw = (
        "Title: Harbour strike spreads\nDate: 2024-05-03\n\n"
        "Dock workers across three Baltic ports walked out on Tuesday over pay\n\n"
        "The port authority said 40 ships were waiting offshore.\n"
    )
    article = _read(raw)
    assert article.title == "Harbour strike spreads"
    assert "walked out on Tuesday over pay" in article.text
    off = read_plain(raw, off=frozenset({"a_lead_under_a_header_title"}))
    assert "Dock workers across three Baltic ports walked out on Tuesday over pay" not in off.paragraphs
