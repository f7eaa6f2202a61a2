"""Extraction rules on sentences we wrote ourselves (one test per phenomenon)."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.loaders import Article, Extraction, Extractor, resolve_date


def run(extractor: Extractor, text: str, published: date | None = None) -> Extraction:
    return extractor.extract(Article(text=text, source="test", published=published))


def labels(extraction: Extraction, type_: str | None = None) -> set[str]:
    return {a.label for a in extraction.actors if type_ is None or a.type == type_}


def test_name_variants_resolve_to_one_table_person(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Leaders\n\nKim Jong-un met aides. Later Volodymyr Zelenskyy spoke to Kim Jong Un by phone.",
    )
    people = {a.label: a for a in ex.actors if a.type == "Person"}
    assert set(people) == {"Kim Jong Un", "Volodymyr Zelensky"}
    assert people["Kim Jong Un"].wikidata == "Q56226"
    assert {"Kim Jong-un", "Kim Jong Un"} <= set(people["Kim Jong Un"].aliases)


def test_bare_surname_goes_to_nearest_preceding_full_name(extractor: Extractor) -> None:
    text = (
        "Two ministers speak\n\nDefence minister Kim Yong-hyun spoke on Monday. Kim said the risk was rising. "
        "Later, leader Kim Jong Un gave a speech. Kim praised the army."
    )
    ex = run(extractor, text)
    owners = {}
    for actor in ex.actors:
        for mention in actor.mentions:
            if mention.text == "Kim":
                owners[mention.start] = actor.label
    assert [owners[k] for k in sorted(owners)] == ["Kim Yong-hyun", "Kim Jong Un"]


def test_bare_surname_in_headline_looks_ahead(extractor: Extractor) -> None:
    # No full name precedes a headline, so the first full name of the story decides.
    ex = run(extractor, "Kim warns the South\n\nLeader Kim Jong Un said on Friday that the army was ready.")
    kim = next(a for a in ex.actors if a.label == "Kim Jong Un")
    assert [m.start for m in kim.mentions if m.text == "Kim"] == [0]


def test_capital_metonymy_versus_place(extractor: Extractor) -> None:
    ex = run(extractor, "Ties\n\nSeoul said Moscow was arming its neighbour. The envoy later flew to Seoul.")
    south_korea = next(a for a in ex.actors if a.label == "South Korea")
    assert "Seoul" in south_korea.aliases
    assert any(a.label == "Russia" and "Moscow" in a.aliases for a in ex.actors)
    assert any(a.label == "Seoul" and a.type == "Place" for a in ex.actors)


def test_possessive_title_gives_role(extractor: Extractor) -> None:
    ex = run(extractor, "Warning\n\nSeoul's defence minister, Kim Yong-hyun, said the threat was growing.")
    kim = next(a for a in ex.actors if a.label == "Kim Yong-hyun")
    assert kim.role == "defence minister of South Korea"


def test_unknown_people_get_stable_minted_iris(extractor: Extractor) -> None:
    a = run(extractor, "Talks\n\nForeign minister Arvid Lindqvist said talks would resume.")
    b = run(extractor, "More talks\n\nArvid Lindqvist told reporters the talks had resumed.")
    iri_a = next(x.iri for x in a.actors if x.label == "Arvid Lindqvist")
    iri_b = next(x.iri for x in b.actors if x.label == "Arvid Lindqvist")
    assert iri_a == iri_b and iri_a.endswith("/actor/arvid-lindqvist")


def test_claims_values_ranges_qualifiers_and_speakers(extractor: Extractor) -> None:
    text = (
        "Figures\n\nThe National Intelligence Service said about 300 North Korean soldiers had been killed. "
        "According to Ukrainian officials, between 1,000 and 3,000 troops were sent to the front. "
        "Zelensky said at least 600 North Korean soldiers were wounded."
    )
    claims = {c.quantity_text: c for c in run(extractor, text).claims}
    killed = claims["about 300"]
    assert (killed.value, killed.approximate, killed.unit) == (300, True, "soldiers")
    assert killed.speaker == "National Intelligence Service (South Korea)"
    assert killed.about == "North Korean soldiers killed"
    ranged = claims["between 1,000 and 3,000"]
    assert (ranged.value, ranged.min, ranged.max) == (None, 1000, 3000)
    wounded = next(c for c in claims.values() if c.min == 600)
    assert wounded.speaker == "Volodymyr Zelensky" and wounded.about == "North Korean soldiers wounded"


def test_pronoun_speaker_goes_back_to_last_person(extractor: Extractor) -> None:
    text = "Briefing\n\nMark Rutte spoke in Brussels. He said some 10,000 troops had been deployed."
    (claim,) = run(extractor, text).claims
    assert claim.speaker == "Mark Rutte" and claim.approximate


def test_events_typed_with_participants_place_and_date(extractor: Extractor) -> None:
    text = "Summit\n\nDonald Trump met Kim Jong Un in Singapore in June 2018."
    (meeting,) = [e for e in run(extractor, text).events if e.type == "meeting"]
    assert {p.actor for p in meeting.participants} >= {"Donald Trump", "Kim Jong Un"}
    assert (meeting.place, meeting.date) == ("Singapore", "2018-06")


def test_agreement_resolves_to_known_treaty_by_parties(extractor: Extractor) -> None:
    text = "Pact\n\nVladimir Putin and Kim Jong Un signed a mutual defence pact in Pyongyang in June."
    ex = run(extractor, text)
    assert "Treaty on Comprehensive Strategic Partnership" in labels(ex, "Agreement")
    assert any(
        e.type == "agreement" and e.agreement == "Treaty on Comprehensive Strategic Partnership"
        for e in ex.events
    )


def test_a_ceasefire_is_no_treaty_of_its_parties_and_one_asked_for_is_none(extractor: Extractor) -> None:
    # the US and Israel are the parties of the Abraham Accords; a ceasefire between them is not that agreement
    agreed = run(extractor, "Truce\n\nThe United States and Israel signed a ceasefire in Cairo on Monday.")
    assert "Abraham Accords" not in labels(agreed, "Agreement")
    assert labels(agreed, "Agreement")  # a ceasefire of its own
    asked = run(
        extractor,
        "Truce\n\nThe United States vetoed a demand for an immediate ceasefire between Israel and Hamas. "
        "The United States and Israel oppose a ceasefire.",
    )
    assert labels(asked, "Agreement") == set()
    assert "agreement" not in {e.type for e in asked.events}


def test_a_declaration_made_alone_is_no_agreement(extractor: Extractor) -> None:
    alone = (
        "Crisis\n\nPresident Lena Varga of Estonia was impeached over her martial law declaration. "
        "Estonia's emergency declaration ended on Friday."
    )
    assert labels(run(extractor, alone), "Agreement") == set()
    assert "agreement" not in {e.type for e in run(extractor, alone).events}
    assert labels(run(Extractor(without=("declarations_made_alone",)), alone), "Agreement")
    # one state's bodies that speak in a joint statement make no agreement between parties
    bodies = (
        "Banks\n\nThe Treasury, the central bank and the regulator of Estonia said in a joint statement that "
        "savers were safe."
    )
    assert labels(run(extractor, bodies), "Agreement") == set()
    for together in (
        "Estonia and Latvia signed a declaration on energy in Riga on Monday.",
        "Estonia and Latvia issued a joint declaration on energy in Riga on Monday.",
    ):
        # the rule takes nothing from a declaration made together
        kept = labels(run(extractor, together), "Agreement")
        assert kept == labels(run(Extractor(without=("declarations_made_alone",)), together), "Agreement")
        assert kept or "signed" in together, together


def test_dates_anchor_to_publication_date() -> None:
    anchor = date(2024, 11, 2)  # a Saturday
    assert resolve_date("Tuesday", anchor=anchor).iso == "2024-10-29"
    assert resolve_date("in October", anchor=anchor).iso == "2024-10"
    assert resolve_date("last week").iso is None
    assert resolve_date("four months").iso is None
    assert resolve_date("October 8 to 13").iso == "--10-08"
    assert resolve_date("in 1991").granularity == "year"


@pytest.mark.parametrize(
    ("text", "figure", "speaker"),
    [
        # a range spaCy splits in two
        ("Russia reportedly sent about 5,000 to 6,000 soldiers last spring.", (None, 5000, 6000), None),
        # the unit sits on the first number of "between X and Y"
        ("The ministry said that between 200 and 400 fighters had surrendered.", (None, 200, 400), None),
        # a coordinated figure shares its source
        (
            "A UN report said 90 civilians had died, and 310 had been wounded.",
            (310, None, None),
            "United Nations",
        ),
        # a name on the head noun beats its owner
        (
            "A report from Japan's Asahi Shimbun newspaper said 1,200 sailors were aboard.",
            (1200, None, None),
            "The Asahi Shimbun",
        ),
        # the hearer of a passive reporting verb is not the source
        (
            "Troops captured 12 fighters, one of whom said he had not been told about the war.",
            (12, None, None),
            None,
        ),
    ],
)
def test_claim_phenomena(extractor: Extractor, text: str, figure: tuple, speaker: str | None) -> None:  # type: ignore[type-arg]
    ex = run(extractor, "Figures\n\n" + text)
    found = {(c.value, c.min, c.max): c for c in ex.claims}
    key = tuple(float(x) if x is not None else None for x in figure)
    assert key in found, [(c.value, c.min, c.max, c.unit) for c in ex.claims]
    assert found[key].speaker == speaker


def test_restated_count_and_pronoun_source(extractor: Extractor) -> None:
    text = (
        "Figures\n\nThe Russian defence ministry said at least 40 soldiers were killed. "
        "Other officials put the toll higher and said the number was nearer 60. "
        "It believes about 200 soldiers are missing."
    )
    claims = {c.value: c for c in run(extractor, text).claims}
    assert claims[60.0].unit == "soldiers"  # the restated count takes the unit of the figure before it
    assert claims[200.0].speaker == "Ministry of Defence (Russia)"  # "It" is the last reporting organisation


def test_institution_named_by_function(extractor: Extractor) -> None:
    ex = run(
        extractor, "Drones\n\nThe Russian defence ministry said on Monday that 40 drones were shot down."
    )
    (claim,) = ex.claims
    assert claim.speaker == "Ministry of Defence (Russia)"


def test_the_two_of_a_named_pair_is_not_a_figure(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Summit\n\nTrump and Kim met in Hanoi. The two men signed nothing, and the two countries later sent "
        "two envoys to Geneva.",
    )
    assert [c.value for c in ex.claims] == [2.0]  # "two envoys" is a count; "the two men/countries" are not


def test_a_multiplier_is_not_a_count(extractor: Extractor) -> None:
    ex = run(
        extractor, "Toll\n\nUkraine said 900 Russian soldiers had died, three times its earlier estimate."
    )
    assert [c.value for c in ex.claims] == [900.0]
