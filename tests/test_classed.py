"""Triggers by lexical class (rules ``happening_verbs`` and ``happening_nouns``), with sentences of our own from
several domains, through the real model."""

from __future__ import annotations

import pytest

from newsgraph.loaders import Article, Extraction, Extractor


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Article(text=text, source="test"))


@pytest.fixture(scope="module")
def without_verbs() -> Extractor:
    return Extractor(without=("happening_verbs",))


@pytest.fixture(scope="module")
def without_nouns() -> Extractor:
    return Extractor(without=("happening_nouns",))


#: the fine types the two rules give (ontology/words.toml [happening_verb_classes] and [happening_noun_classes])
CLASSED = {
    "change_of_state", "movement", "transfer", "physical_action", "contest", "consumption", "making", "social_act",
    "weather", "act", "happening", "phenomenon", "process",
}  # fmt: skip


def fines(extraction: Extraction) -> list[tuple[str, str | None, str]]:
    return [(e.type, e.fine_type, e.trigger) for e in extraction.events]


@pytest.mark.parametrize(
    ("text", "fine", "trigger"),
    [
        ("Veltra Bank shut down 12 branches in Ohio.", "social_act", "shut"),  # finance
        ("The High Court in Nairobi reinstated Ana Ruiz as mayor.", "social_act", "reinstated"),  # courts
        ("Senator Ana Ruiz switched parties in March.", "change_of_state", "switched"),  # politics
        ("Lumio Labs rebuilt its app in 2023.", "making", "rebuilt"),  # technology
        ("CERN cooled the magnets in May.", "change_of_state", "cooled"),  # science
        ("Mara Quist outran Lena Ortiz in Rome.", "movement", "outran"),  # sport
        ("The Finnish coast guard towed the tanker to Porvoo.", "physical_action", "towed"),  # sea rescue
        ("Tessaro Motors assembled 2,000 cars in Hungary in May.", "making", "assembled"),  # industry
    ],
)
def test_dynamic_verbs_of_several_domains_report_a_happening_by_their_class(
    extractor: Extractor, without_verbs: Extractor, text: str, fine: str, trigger: str
) -> None:
    found = fines(run(extractor, text))
    assert ("other", fine, trigger) in found, found
    without = fines(run(without_verbs, text))
    assert ("other", fine, trigger) not in without


def test_an_object_that_is_also_a_thing_leaves_the_verb_its_happening(extractor: Extractor) -> None:
    text = "Veltra Bank sold bonds worth $2 billion in March."
    assert ("other", "transfer", "sold") in fines(run(extractor, text))
    assert ("other", "transfer", "sold") not in fines(
        run(Extractor(without=("happenings_by_every_sense",)), text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Veltra Bank had 40 branches in Ohio in 2020.",  # a verb of possession that tells a state
        "Investors in London believed the shares of Veltra Bank were cheap.",  # cognition
        "Nordvale Group builds ferries in Oslo.",  # a present simple tells a habit
        '"We shut down the plant in Ohio last May," said Ana Ruiz.',  # quoted speech
        "Veltra Bank did not shut down its branches in Ohio.",  # negation
        "If Veltra Bank shut down its branches in Ohio, the town would suffer.",  # a condition
        "The mood of investors in London darkened in May.",  # an abstraction as the subject
        "Mara Quist punched the air in Rome on Sunday.",  # a verb of contact on nothing one can touch
    ],
)
def test_static_verbs_habits_quotes_and_negations_report_nothing(extractor: Extractor, text: str) -> None:
    found = fines(run(extractor, text))
    assert [f for f in found if f[1] in CLASSED] == [], found


@pytest.mark.parametrize(
    ("text", "fine", "trigger"),
    [
        ("Divers resumed the search of the reservoir near Lyon on Monday.", "act", "search"),  # public order
        ("The eclipse over Chile lasted four minutes on 2 July 2019.", "happening", "eclipse"),  # science
        (
            "Turkish rescuers halted the demolition of the school in Izmir on 8 February 2023.",
            "happening",
            "demolition",
        ),
        ("Veltra Bank completed the sale of its Ohio branches on Monday.", "act", "sale"),  # finance
        ("Lena Ortiz completed the marathon in Berlin in 2019.", "act", "marathon"),  # sport
    ],
)
def test_nouns_of_a_happening_class_of_several_domains_name_a_happening(
    extractor: Extractor, without_nouns: Extractor, text: str, fine: str, trigger: str
) -> None:
    found = fines(run(extractor, text))
    assert ("other", fine, trigger) in found, found
    without = fines(run(without_nouns, text))
    assert ("other", fine, trigger) not in without


@pytest.mark.parametrize(
    "text",
    [
        "The Oslo police questioned the honesty of the witness on Friday.",  # an attribute
        "Veltra Bank praised the courage of its staff in Ohio.",  # an attribute, after a speech verb
        '"The search of the reservoir near Lyon resumed on Monday," Ana Ruiz said.',  # quoted speech
        "Vantor Motors announced record quarterly results on Tuesday.",  # the lexicon's verb reports it
        "Judge Ana Ruiz delivered an analysis of the contracts in Lyon on 3 May 2021.",  # act, but also thought
        "The Kenyan security service said on 3 May 2021 that the gunmen were in Somalia.",  # a speaker
    ],
)
def test_nouns_of_no_happening_class_name_nothing(extractor: Extractor, text: str) -> None:
    found = fines(run(extractor, text))
    assert [f for f in found if f[1] in CLASSED] == [], found


@pytest.mark.parametrize(
    ("text", "barred"),
    [
        ("Hurricane Ian struck Florida on Wednesday.", "attack"),  # weather: a phenomenon attacks nothing
        ("Tesla shares plunged in New York on Monday.", "crash"),  # markets: a possession has no accident
    ],
)
def test_a_subject_of_another_domain_vetoes_the_lexicons_conflict_reading(
    extractor: Extractor, text: str, barred: str
) -> None:
    found = fines(run(extractor, text))
    assert barred not in {f[0] for f in found} | {f[1] for f in found}, found
    without = fines(Extractor(without=("argument_classes",)).extract(Article(text=text, source="test")))
    assert barred in {f[0] for f in without} | {f[1] for f in without}, without


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "The Russian air force struck Kharkiv on Wednesday.",
            "attack",
        ),  # an actor, whatever its noun's sense
        ("A bus plunged into a ravine in Peru on Monday.", "crash"),  # a vehicle has accidents
    ],
)
def test_a_subject_of_the_types_own_domain_keeps_it(extractor: Extractor, text: str, kind: str) -> None:
    found = fines(run(extractor, text))
    assert kind in {f[0] for f in found} | {f[1] for f in found}, found


def test_a_headline_tells_what_happened_in_the_present(extractor: Extractor) -> None:
    """A headline's present simple tells a happening (the body's present does not); "to" before a headline's verb
    tells what is to come."""
    body = "\n\nThe lawyer of the cyclist Ana Ruiz spoke to reporters in Lyon on Tuesday. The court frees ten prisoners every year."

    def run(ex: Extractor, title: str) -> Extraction:
        return ex.extract(Article(text=title + body, title=title, source="test"))

    told = run(extractor, "Court in Lyon frees cyclist Ana Ruiz")
    assert [e.trigger for e in told.events if e.type == "other"] == ["frees"]
    assert [e.trigger for e in run(extractor, "Court in Lyon to free cyclist Ana Ruiz").events] == []
    off = run(Extractor(without=("headline_present",)), "Court in Lyon frees cyclist Ana Ruiz")
    assert [e.trigger for e in off.events if e.type == "other"] == []
    assert run(extractor, "Talks in Lyon").events == []  # the body's present: a habit


def test_a_verb_is_judged_by_its_first_sense(extractor: Extractor) -> None:
    """ "Sold" is first a transfer, whatever its later senses ("it sells well" is a state)."""
    sold = run(extractor, "Bank\n\nVeltra Bank sold 2 billion dollars of bonds at a loss in March.")
    assert [e.fine_type for e in sold.events] == ["transfer"]


def test_a_position_in_a_photo_is_no_departure(extractor: Extractor) -> None:
    text = (
        "Visit\n\nIn this photo, President Ana Ruiz, left on a red carpet, visits a tractor factory in Minsk."
    )
    assert [e.fine_type for e in run(extractor, text).events] == ["visit"]
    off = run(Extractor(without=("positions_in_a_photo",)), text)
    assert "movement" in [e.fine_type for e in off.events]
