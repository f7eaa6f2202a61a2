"""Figures of every kind (issue 16): money, percentages, penalties, counts named by their subject, conversions;
each rule of loaders/claims.py and loaders/money.py on sentences we wrote, through the real model."""

from __future__ import annotations

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders.article import Article
from newsgraph.loaders.extraction import ClaimRecord
from newsgraph.loaders.money import find_money


def claims(extractor: Extractor, text: str) -> list[ClaimRecord]:
    return extractor.extract(Article(text="Figures\n\n" + text, source="test.txt")).claims


def figures(found: list[ClaimRecord]) -> list[tuple[float | None, str | None]]:
    return [(c.value if c.value is not None else c.min, c.unit) for c in found]


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("$44 billion", 44e9, "USD"),
        ("€1.8bn", 1.8e9, "EUR"),
        ("RM42m", 42e6, "MYR"),
        ("5 billion yen", 5e9, "JPY"),
        ("2million Swiss francs", 2e6, "CHF"),
        ("£1.3 million", 1.3e6, "GBP"),
        ("₹500 crore", 5e9, "INR"),
        ("US$9.7 million", 9.7e6, "USD"),
        ("44 billion dollars", 44e9, None),  # any dollar: the text's word is the unit
    ],
)
def test_amounts_of_money(text: str, amount: float, code: str | None) -> None:
    (money,) = find_money(f"It cost {text} last year.")
    assert money.amount == pytest.approx(amount) and money.code == code


def test_weights_are_not_money() -> None:
    assert find_money("The truck carried 2,000 pounds of flour.") == []


def test_money_in_a_sentence_is_a_claim_with_its_speaker(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "The European Commission said it had fined the carmaker €1.2bn for rigging emissions tests.",
    )
    (fine,) = [c for c in found if c.unit == "euros"]
    assert fine.value == pytest.approx(1.2e9)
    assert fine.about == "fined"
    assert fine.speaker is not None


def test_a_conversion_in_brackets_is_one_claim(extractor: Extractor) -> None:
    found = claims(extractor, "The club was fined 3 million Swiss francs (£2.6 million) on Tuesday.")
    assert figures(found) == [(3e6, "Swiss francs")]
    found = claims(extractor, "The convoy travelled 40 kilometres (25 miles) before it stopped.")
    assert [f for f in figures(found) if f[1] in {"kilometres", "miles"}] == [(40.0, "kilometres")]


def test_a_qualified_amount_is_a_minimum(extractor: Extractor) -> None:
    (pledge,) = claims(extractor, "Donors pledged more than $3 billion for the rebuilding.")
    assert pledge.min == pytest.approx(3e9) and pledge.approximate


def test_percentages(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "Turnout was 61.4 percent, the commission said. The governing party won 38% of the vote. "
        "Polls gave her between 41.5% and 44.5% of the vote.",
    )
    values = [(c.value, c.min, c.max, c.unit) for c in found]
    assert (61.4, None, None, "%") in values
    assert (38.0, None, None, "%") in values
    assert (None, 41.5, 44.5, "%") in values


@pytest.mark.parametrize(
    ("text", "number", "unit", "about"),
    [
        ("The former banker was sentenced on Friday to 12 years in prison.", 12, "years", "prison sentence"),
        ("The cyclist was banned for six years from all competition.", 6, "years", "ban"),
        ("The sprinter received a two-year ban from the federation.", 2, "years", "ban"),
    ],
)
def test_sentences_and_bans_are_figures(
    extractor: Extractor, text: str, number: float, unit: str, about: str
) -> None:
    found = claims(extractor, text)
    assert any(c.value == number and c.unit == unit and c.about == about for c in found), figures(found)


def test_other_lengths_of_time_are_not_figures(extractor: Extractor) -> None:
    found = claims(extractor, "The talks lasted six hours and the war has gone on for three years.")
    assert not [c for c in found if c.unit in {"hours", "years"}]


def test_a_count_named_by_its_subject(extractor: Extractor) -> None:
    found = claims(extractor, "The flood death toll in the two provinces has passed 1,400.")
    assert (1400.0, "deaths") in figures(found)


def test_one_company_is_not_a_figure(extractor: Extractor) -> None:
    found = claims(extractor, "More than one company bid for the contract.")
    assert not [c for c in found if c.unit in {"company", "companies"}]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # evidence verbs: the data's owner is the source
        ("Figures from the Office for National Statistics showed prices rose 9.2% in a year.",
         "Office for National Statistics"),
        # an official act: the agent of a passive penalty
        ("The striker was fined 40,000 Swiss francs by UEFA on Friday.", "UEFA"),
        # an outlet after its reporting verb
        ("As many as 60 villagers were killed in the raid, reported the Bangkok Post.", "Bangkok Post"),
        ("The bank will raise its rate to 4.5%, reports Reuters.", "Reuters"),
        # "per" an outlet
        ("The committee expects growth of 1.2% next year, per Reuters.", "Reuters"),
    ],
)  # fmt: skip
def test_figure_sources(extractor: Extractor, text: str, speaker: str) -> None:
    found = claims(extractor, text)
    assert found and found[0].speaker == speaker, [(c.value, c.unit, c.speaker) for c in found]


def test_an_unattributed_figure_stays_unattributed(extractor: Extractor) -> None:
    found = claims(extractor, "The storm destroyed 300 homes along the coast.")
    assert found and found[0].speaker is None


def test_text_in_another_language_is_skipped_with_its_reason(extractor: Extractor) -> None:
    from newsgraph.errors import ArticleError

    german = Article(
        text="Hochwasser\n\nDie Regierung hat am Montag neue Hilfen für die betroffenen Gebiete beschlossen. "
        "Der Minister sagte, man werde die Menschen in den Dörfern nicht allein lassen.",
        source="de.txt",
    )
    english = Article(
        text="Floods\n\nThe minister said on Monday that 300 homes had been flooded.", source="en.txt"
    )
    failures: list[ArticleError] = []
    done = list(extractor.pipe([german, english], on_error=failures.append))
    assert [d.article.source for d in done] == ["en.txt"]
    (failure,) = failures
    assert failure.source == "de.txt" and failure.reason.startswith(
        "skipped: the text reads as German, not English"
    )
    assert "--model" in failure.reason
    markup = Article(
        text="Talks <img src=x onerror=a> </script> " * 4 + "Putin met Kim in Pyongyang.", source="m"
    )
    assert len(list(extractor.pipe([markup], on_error=failures.append))) == 1  # junk reads as no language
    # Remnants of markup ("b", "amp", "bom") are in some languages' lists; a few of them are not a language.
    remnants = "Notes <b>&amp;</b> tab ctrl sep astral bom \ufeff <b>&amp;</b> "
    mixed = Article(text=f"{remnants}\n\nPutin met Kim in Pyongyang, aides said. {remnants}", source="r")
    assert len(list(extractor.pipe([mixed], on_error=failures.append))) == 1, failures[1:]
