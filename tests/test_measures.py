"""What a figure measures and counts (issue 26): each measure, each normalisation and each status on sentences we
wrote, through the real model; the measure scheme and the word classes in step."""

from __future__ import annotations

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders.article import Article
from newsgraph.loaders.extraction import ClaimRecord
from newsgraph.loaders.words import Words
from newsgraph.ontology.measures import Measures


def claims(extractor: Extractor, text: str) -> list[ClaimRecord]:
    return extractor.extract(Article(text="Figures\n\n" + text, source="test.txt")).claims


def one(extractor: Extractor, text: str, quantity: str) -> ClaimRecord:
    found = [c for c in claims(extractor, text) if quantity in c.quantity_text]
    assert found, f"no claim {quantity!r} in {[c.quantity_text for c in claims(extractor, text)]}"
    return found[0]


def test_every_measure_a_word_class_names_is_in_the_scheme() -> None:
    measures = Measures.load()
    words = Words.load()
    for table in ("measures", "measure_nouns", "measure_roles", "vote_words", "money_measures"):
        unknown = {v for v in words.table(table).values() if v not in measures}
        assert not unknown, f"[{table}] names measures measures.ttl lacks: {unknown}"
    assert measures.chain("votes_against") == ["votes_against", "votes"]
    assert measures["supply_left"].moves == "falls" and measures["aboard"].moves is None


@pytest.mark.parametrize(
    ("text", "quantity", "measure", "counts"),
    [
        ("At least 40 people were killed in the floods, officials said.", "40", "deaths", "people"),
        ("At least 52 migrants drowned off the coast on Sunday.", "52", "deaths", "people"),
        ("The storm left 19 villagers injured.", "19", "injuries", "villager"),
        ("Hundreds of residents were feared dead after the landslide.", "Hundreds", "missing", "people"),
        ("The ferry was carrying 320 passengers when it sank.", "320", "aboard", "people"),
        ("Rescuers said 61 people were on board the plane.", "61", "aboard", "people"),
        ("Police arrested 17 protesters outside the ministry.", "17", "detentions", "protester"),
        ("Organisers said 30,000 people had gathered for the rally.", "30,000", "crowd", "people"),
        ("Coastguards rescued 88 people from the water.", "88", "survivors", "people"),
        ("The quake killed 120 people, including 14 children.", "14", "deaths", "child"),
        ("The yacht carried nine fee-paying guests.", "nine", "aboard", "fee-paying guest"),
        ("The official death toll stood at 212 on Tuesday.", "212", "deaths", "people"),
        ("A local paper had given a toll of 75.", "75", "deaths", "people"),
    ],
)
def test_what_befell_the_people_a_figure_counts(
    extractor: Extractor, text: str, quantity: str, measure: str, counts: str
) -> None:
    claim = one(extractor, text, quantity)
    assert (claim.measure, claim.counts) == (measure, counts)


def test_the_bodies_an_act_is_done_to_are_not_the_toll(extractor: Extractor) -> None:
    assert one(extractor, "Divers recovered 12 bodies from the hull on Friday.", "12").measure is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The motion passed with 180 votes in favour and 95 votes against.", ["votes_for", "votes_against"]),
        (
            "The speaker read out 180 in favour, 95 against and 6 abstentions.",
            ["votes_for", "votes_against", "abstentions"],
        ),
        ("Four deputies abstained and nine votes were declared invalid.", ["abstentions", "invalid_votes"]),
        ("It passed with 180 votes, with seven null votes.", ["votes", "invalid_votes"]),
    ],
)
def test_which_votes_a_figure_of_votes_counts(extractor: Extractor, text: str, expected: list[str]) -> None:
    assert [c.measure for c in claims(extractor, text)] == expected


@pytest.mark.parametrize(
    ("text", "measure", "counts"),
    [
        ("Roughly 70% of the loans were unsecured, the filing showed.", "rate", "unsecured"),
        ("The country has reached an 85% literacy rate among adults.", "rate", "literacy"),
        ("A newspaper poll showed that 61 per cent of readers backed the ban.", "poll", None),
        ("The shares were down 35% by the close.", "change", None),
        ("In the capital, turnout was 58%, the commission said.", "turnout", None),
    ],
)
def test_what_a_percentage_is(extractor: Extractor, text: str, measure: str, counts: str | None) -> None:
    (claim,) = [c for c in claims(extractor, text) if c.unit == "%"]
    assert claim.measure == measure
    if counts is not None:
        assert claim.counts == counts


@pytest.mark.parametrize(
    ("text", "measure", "counts"),
    [
        ("The group agreed a $3 billion deal for the port.", "value", "USD"),
        ("Ratepayers face a £40 million bill for the bridge.", "cost", "GBP"),
        ("The ministry paid €12 million to the contractor.", "payment", "EUR"),
        ("The lender had $80 billion in deposits at the end of the year.", "holdings", "deposit USD"),
    ],
)
def test_what_an_amount_of_money_is(extractor: Extractor, text: str, measure: str, counts: str) -> None:
    (claim,) = claims(extractor, text)
    assert (claim.measure, claim.counts) == (measure, counts)
    assert claim.base_unit == counts.split()[-1] and claim.base_factor == 1.0


def test_lengths_and_areas_in_one_unit(extractor: Extractor) -> None:
    distance = one(extractor, "The convoy stopped 40 kilometres from Velora.", "40")
    assert distance.measure == "distance" and (distance.base_unit, distance.base_factor) == ("m", 1000.0)
    area = one(extractor, "Planes searched an area of 2,500 square miles on Monday.", "2,500")
    assert area.measure == "area" and area.unit == "square miles" and area.base_unit == "m2"
    assert area.base_factor == pytest.approx(2_589_988.11, rel=1e-6)


def test_a_figure_hyphened_to_its_noun_before_another_is_no_figure(extractor: Extractor) -> None:
    assert claims(extractor, "The 250-member council met on a 12-metre barge.") == []


@pytest.mark.parametrize(
    ("text", "quantity", "status"),
    [
        ("He faces up to 20 years in prison if convicted.", "20 years", "maximum"),
        ("Prosecutors sought 12 years in prison for the former minister.", "12 years", "requested"),
        ("The ministry expects another £30 million cost next year.", "£30 million", "forecast"),
        ("A further £20m will be paid to the city next year.", "£20m", "forecast"),
        ("This would amount to £8m if 200 places were taken up.", "£8m", "conditional"),
        ("The court sentenced him to 12 years in prison.", "12 years", "reported"),
    ],
)
def test_a_maximum_a_request_a_forecast_and_a_condition_are_not_the_figure(
    extractor: Extractor, text: str, quantity: str, status: str
) -> None:
    assert one(extractor, text, quantity).status == status


def test_parts_increments_and_those_excepted(extractor: Extractor) -> None:
    found = claims(extractor, "The fire killed 31 people, including four firefighters.")
    assert [(c.quantity_text, c.part) for c in found] == [("31", None), ("four", "part")]
    found = claims(extractor, "The city paid £40m in May. A further £10m was paid in June.")
    assert [c.part for c in found] == [None, "increment"]
    claim = one(extractor, "The bill failed when all but four opposition deputies walked out.", "four")
    assert claim.value == 4 and claim.part == "excepted" and claim.unit == "deputies"


def test_the_figure_before_a_change(extractor: Extractor) -> None:
    found = claims(extractor, "The cost of the bridge rose from £90m to £160m.")
    assert [(c.value, c.earlier) for c in found] == [(90e6, True), (160e6, False)]
    assert one(extractor, "A local paper had earlier given a toll of 75.", "75").earlier
    after = one(extractor, "The death toll from the storm rose to 64 on Tuesday.", "64")
    assert after.later and not after.earlier and after.measure == "deaths"


def test_a_term_in_two_parts_is_one_length_in_months(extractor: Extractor) -> None:
    (term,) = claims(extractor, "The court sentenced him to seven years and four months in prison.")
    assert (term.value, term.unit, term.measure, term.base_unit) == (
        88,
        "months",
        "prison_sentence",
        "months",
    )


def test_a_supply_measured_in_time(extractor: Extractor) -> None:
    (full,) = claims(extractor, "The capsule carries between 60 and 80 hours of oxygen, its maker says.")
    assert (full.min, full.max, full.unit, full.measure, full.counts) == (60, 80, "hours", "supply", "oxygen")
    (left,) = claims(extractor, "There were about 20 hours of breathable air left on Monday.")
    assert (left.value, left.measure) == (20, "supply_left")
    assert claims(extractor, "The talks lasted 20 hours.") == []


def test_a_tally_is_the_votes_for_and_against(extractor: Extractor) -> None:
    found = claims(extractor, "The bill passed by a vote of 180-95 on Tuesday.")
    assert [(c.value, c.measure) for c in found] == [(180, "votes_for"), (95, "votes_against")]
    found = claims(extractor, "Deputies voted 180 to 95 to approve the bill.")
    assert [(c.value, c.measure) for c in found] == [(180, "votes_for"), (95, "votes_against")]


def test_a_fraction_of_a_named_whole(extractor: Extractor) -> None:
    share = one(extractor, "A third of the 450 delegates walked out.", "third")
    assert (share.value, share.unit, share.counts, share.measure) == (0.333, "share", "delegates", "rate")


def test_per_cent_written_out_is_a_percentage(extractor: Extractor) -> None:
    (claim,) = claims(extractor, "An online poll showed that 72 per cent of readers backed the decision.")
    assert (claim.value, claim.unit, claim.measure) == (72, "%", "poll")


def test_a_figure_counts_the_happening_of_its_sentence(extractor: Extractor) -> None:
    found = extractor.extract(
        Article(text="Quake\n\nThe earthquake killed at least 90 people in the province.", source="t.txt")
    )
    (claim,) = found.claims
    assert claim.happening_iri in {e.iri for e in found.events}
    assert claim.happening is not None
