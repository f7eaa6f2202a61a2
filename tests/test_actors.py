"""One actor per thing the article speaks of (issue 25): a state's government under its many names, the state an
article is about, and the other canonical actors of loaders/_states.py and loaders/canonical.py; sentences we
wrote, in several domains, through the real model."""

from __future__ import annotations

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders._states import state_name
from newsgraph.loaders.article import Article
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.rules import Rules


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Article(text=text, source="test.txt"))


def owners(ex: Extraction, mention: str) -> list[str]:
    """The actors a text is a mention of, in the order of the text."""
    found = [(m.start, a.label) for a in ex.actors for m in a.mentions if m.text == mention]
    return [label for _, label in sorted(found)]


def labels(ex: Extraction) -> dict[str, str]:
    return {a.label: a.type for a in ex.actors}


# ------------------------------------------------------------------------------------------------ governments
def test_state_names_take_the_article_they_take_in_english() -> None:
    rules = Rules.load()
    with_the = ["United Kingdom", "United States", "Netherlands", "Philippines", "Czech Republic",
                "Solomon Islands", "United Arab Emirates", "Democratic Republic of the Congo"]  # fmt: skip
    without = ["Chile", "Sudan", "Belarus", "Laos", "Honduras", "Mauritius", "Cyprus", "Niger"]
    assert [state_name(rules, n) for n in with_the] == [f"the {n}" for n in with_the]
    assert [state_name(rules, n) for n in without] == without


@pytest.mark.parametrize(
    ("text", "mention", "government"),
    [
        # disaster relief: a description, a demonym and a capitalised name are one government
        ("Floods swept through Valparaiso in Chile on Monday. Chilean authorities said 40 people had died. The "
         "government promised 2 million pesos in aid.", "The government", "Government of Chile"),
        ("Floods swept through Valparaiso in Chile on Monday. Chilean authorities said 40 people had died. The "
         "government promised 2 million pesos in aid.", "Chilean authorities", "Government of Chile"),
        # a state whose English name takes "the"
        ("Britain's fishing fleet shrank again. The government said 300 boats had been sold in the United "
         "Kingdom this year.", "The government", "Government of the United Kingdom"),
        # a government named after its leader, capitalised: the model's name, one government
        ("Wildfires burned near Perth in Australia. The Halloran Government said 12 homes were lost, and "
         "Australia asked for help.", "Halloran Government", "Government of Australia"),
        # business: the administration that regulates
        ("Tarvik Steel cut 500 jobs in Norway. The Norwegian government said it would not step in.",
         "The Norwegian government", "Government of Norway"),
    ],
)  # fmt: skip
def test_a_states_government_has_one_name(
    extractor: Extractor, text: str, mention: str, government: str
) -> None:
    ex = run(extractor, text)
    assert owners(ex, mention) == [government]
    assert labels(ex)[government] == "Organization"


def test_a_regional_government_is_not_the_states(extractor: Extractor) -> None:
    ex = run(extractor, "Heavy snow closed roads in Norway. The Nordland Regional Government said 30 villages were"
             " cut off.")  # fmt: skip
    assert "Government of Norway" not in labels(ex)


def test_without_the_rule_the_state_itself_acts(extractor: Extractor) -> None:
    text = "Floods swept through Chile on Monday. The government promised aid to 40 towns."
    ex = Extractor(without=("governments_by_one_name",)).extract(Article(text=text, source="t.txt"))
    assert owners(ex, "The government") == ["Chile"]
    assert owners(run(extractor, text), "The government") == ["Government of Chile"]


# ------------------------------------------------------------------------------------------------ home state
def test_the_home_state_counts_its_capital(extractor: Extractor) -> None:
    # Chile is named twice, Peru once, its capital twice as a place: the story is Peru's
    text = ("Rescuers searched the rubble in Lima on Tuesday. Peru asked for help, and Chile sent 20 doctors. "
            "Chile also sent tents to Lima. The government said 14 people were still missing.")  # fmt: skip
    assert owners(run(extractor, text), "The government") == ["Government of Peru"]


def test_the_home_state_counts_its_people_and_institutions(extractor: Extractor) -> None:
    # a policy named after another state, and that state as a destination, do not make it the story's state
    text = ("Rishi Sunak defended the Ghana scheme on Monday. Under the Ghana plan, 300 migrants would be flown to "
            "Ghana. Rishi Sunak said the flights would start soon. The government said it had paid 20 million "
            "pounds so far.")  # fmt: skip
    assert owners(run(extractor, text), "The government") == ["Government of the United Kingdom"]


def test_the_home_state_counts_its_currency(extractor: Extractor) -> None:
    # a policy towards Ghana told in pounds is Britain's; an amount in dollars or euros says nothing of a state
    text = ("Officials defended the Ghana scheme on Monday. Under the plan, 300 migrants would be flown to Ghana and "
            "housed in Ghana. The government said the scheme had cost £20m so far, and £5m more was due in May.")  # fmt: skip
    assert owners(run(extractor, text), "The government") == ["Government of the United Kingdom"]
    off = Extractor(without=("states_by_their_currency",))
    assert owners(run(off, text), "The government") == ["Government of Ghana"]
    in_dollars = text.replace("£20m", "$20m").replace("£5m", "$5m")
    assert owners(run(extractor, in_dollars), "The government") == ["Government of Ghana"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # migration: a charity as the source of a count
        ("A Norwegian refugee charity said around 300 people were on board the ferry.", "Norwegian refugee charity"),
        # public order: a rights group after "according to"
        ("Nine protesters were detained, according to a local human rights organisation.",
         "Local human rights organisation"),
    ],
)  # fmt: skip
def test_an_organisation_described_as_a_source_is_an_actor(
    extractor: Extractor, text: str, label: str
) -> None:
    found = run(extractor, text)
    assert labels(found).get(label) == "Organization", labels(found)
    assert label not in labels(run(Extractor(without=("described_organisations_that_speak",)), text))


def test_a_described_source_needs_an_organisation_of_its_own(extractor: Extractor) -> None:
    # a definite description refers back, a gathering is no organisation, an outlet unnamed is none
    for text in (
        "The Norwegian refugee charity said around 300 people were on board.",
        "A local family said around 300 people were on board.",
        "A Greek news agency said around 300 people were on board.",
    ):
        found = labels(run(extractor, text))
        assert not any(k.lower().endswith(("charity", "family", "agency")) for k in found), found


# ------------------------------------------------------------------------------------------------ one actor per name
def without(*rules: str) -> Extractor:
    return Extractor(without=rules)


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        # politics: a legislature's officer
        ("As National Assembly Speaker Mara Quist read out the result, members cheered.", "Mara Quist",
         "National Assembly"),
        # public order: a police chief
        ("Harbour Police Chief Ines Moreau said two boats were seized.", "Ines Moreau", "Harbour Police"),
    ],
)  # fmt: skip
def test_a_title_inside_a_name_parts_the_body_from_the_person(
    extractor: Extractor, text: str, person: str, body: str
) -> None:
    found = labels(run(extractor, text))
    assert found.get(person) == "Person" and found.get(body) == "Organization"
    assert not any(person in label and label != person for label in found)


def test_a_credit_of_a_name_and_an_agency_is_two_names(extractor: Extractor) -> None:
    text = "Crowds gathered outside the stadium on Sunday.\n\nLena Brandt / Kestrel News Agency"
    found = labels(run(extractor, text))
    assert "Lena Brandt" in found and "Kestrel News Agency" in found
    assert not any("/" in label for label in found)


@pytest.mark.parametrize(
    ("text", "mention", "person"),
    [
        # a family name written first (Korean order), said alone later
        ("Park Ji-ho won the vote on Monday. Park said turnout was high.", "Park", "Park Ji-ho"),
        # a given name alone, when no one else of the article has it
        ("The explorer Idris Pelham and the pilot Rowan Vance were aboard. Idris had dived before.", "Idris",
         "Idris Pelham"),
    ],
)  # fmt: skip
def test_a_given_or_family_name_alone_is_the_one_person_of_that_name(
    extractor: Extractor, text: str, mention: str, person: str
) -> None:
    assert owners(run(extractor, text), mention) == [person]


def test_a_relative_named_by_a_given_name_takes_the_family_name(extractor: Extractor) -> None:
    text = "Five people were aboard, among them Canadian banker Rowan Pelham and his son Idris."
    found = labels(run(extractor, text))
    assert found.get("Idris Pelham") == "Person"
    assert "Idris Pelham" not in labels(without("relatives_by_their_given_name").extract(
        Article(text=text, source="t.txt")))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "one"),
    [
        # a middle name given once
        ("Mara Elena Quist won the vote. Mara Quist said 40 seats were hers.", "Mara Elena Quist"),
        # an organisation's words in another order (a mercenary group)
        ("The Orlov Group sent 300 fighters, a source said. Group Orlov denied it.", "Group Orlov"),
    ],
)  # fmt: skip
def test_forms_of_one_name_in_another_order_or_with_a_middle_name(
    extractor: Extractor, text: str, one: str
) -> None:
    found = run(extractor, text)
    named = [a for a in found.actors if a.type in {"Person", "Organization"}]
    assert [a.label for a in named] == [one]
    assert len(named[0].mentions) == 2


def test_an_actors_type_is_the_vote_of_its_mentions(extractor: Extractor) -> None:
    # a venue the model reads as a person once: its head noun and its other mentions make it a place
    text = ("Gunmen stormed the Crocus City Hall music venue on Friday. Crocus City Hall was packed, and fire spread"
            " through Crocus City Hall within minutes.")  # fmt: skip
    assert labels(run(extractor, text)).get("Crocus City Hall") == "Place"


@pytest.mark.parametrize(
    "text",
    [
        "Users of the Lumio app lost their data on Monday, the regulator said.",  # technology
        "The jet, a Veltro 737-800, landed safely in Lima.",  # aviation
    ],
)
def test_a_product_named_by_its_maker_or_brand_is_no_actor(extractor: Extractor, text: str) -> None:
    found = labels(run(extractor, text))
    assert not {"Lumio", "Veltro"} & set(found)


def test_a_known_maker_before_a_model_stays_an_actor(extractor: Extractor) -> None:
    assert "Boeing" in labels(run(extractor, "The airline flew a Boeing 737-800 from Bangkok."))


# ------------------------------------------------------------------------------------------------ institutions
@pytest.mark.parametrize(
    ("text", "mention", "institution"),
    [
        # a shipwreck: a demonym, then the bare function with "the"
        ("A ferry sank off Crete in Greece. The Greek coastguard said 40 people were saved.", "Greek coastguard",
         "Hellenic Coast Guard"),
        ("A ferry sank off Crete in Greece on Monday. The coastguard said 40 people were saved.", "coastguard",
         "Hellenic Coast Guard"),
        # immigration: the function's name alone is the article's state's
        ("The player landed in Melbourne, Australia. Border Force said two officers questioned him.",
         "Border Force", "Australian Border Force"),
        # a court: a state's possessive and "highest court"
        ("Britain's highest court ruled on the plan on Wednesday.", "highest court",
         "Supreme Court of the United Kingdom"),
    ],
)  # fmt: skip
def test_an_institution_named_by_its_function_is_the_states(
    extractor: Extractor, text: str, mention: str, institution: str
) -> None:
    ex = run(extractor, text)
    found = {a.label for a in ex.actors for m in a.mentions if m.text.endswith(mention)}
    assert found == {institution}


# ------------------------------------------------------------------------------------------------ speakers
def test_figures_take_the_source_a_later_sentence_names(extractor: Extractor) -> None:
    text = ("The levy will raise 40 million pounds a year. Another 12 million pounds will go to schools. The "
            "figures were revealed in a letter from finance chief Ada Brill to the council.")  # fmt: skip
    ex = run(extractor, text)
    assert {c.speaker for c in ex.claims if c.value in {40_000_000, 12_000_000}} == {"Ada Brill"}
    off = without("figures_revealed_after").extract(Article(text=text, source="t.txt"))
    assert {c.speaker for c in off.claims if c.value in {40_000_000, 12_000_000}} == {None}


@pytest.mark.parametrize(
    ("text", "mention", "person"),
    [
        ("The tennis player Petra Kovacs won the final in Paris on Sunday. Kovacs beat the defending champion in "
         "three sets. The Hungarian star said she was tired.", "The Hungarian star", "Petra Kovacs"),  # sport
        ("Runner Daniel Kiptoo won the marathon in Boston. Kiptoo led from the start. The Kenyan champion said he "
         "would race again in May.", "The Kenyan champion", "Daniel Kiptoo"),  # athletics
    ],
)  # fmt: skip
def test_a_person_described_by_nationality_and_role_is_the_storys(
    extractor: Extractor, text: str, mention: str, person: str
) -> None:
    assert owners(run(extractor, text), mention) == [person]


def test_a_capital_described_with_its_state_is_that_states_capital(extractor: Extractor) -> None:
    text = ("Chile and Peru met in Santiago on Monday. Chile said the talks went well. Fans later marched through "
            "the Peruvian capital.")  # fmt: skip
    assert owners(run(extractor, text), "the Peruvian capital") == ["Lima"]
    # a state whose seat of power the table knows too: the capital is its city, not the seat
    for state, demonym, city in (("Russia", "Russian", "Moscow"), ("France", "French", "Paris")):
        text = f"{state} and Peru met in Lima on Monday. Fans later marched through the {demonym} capital."
        assert owners(run(extractor, text), f"the {demonym} capital") == [city], state


def test_a_name_cut_at_and_is_joined_and_two_names_stay_two(extractor: Extractor) -> None:
    text = ("The Oregon Department of Financial Protection and Innovation shut the lender. Apple and Google "
            "said they would comply.")  # fmt: skip
    found = labels(run(extractor, text))
    assert "Oregon Department of Financial Protection and Innovation" in found
    assert "Oregon Department of Financial Protection" not in found
    assert {"Apple Inc.", "Google"} <= set(found)


def test_an_institution_in_a_title_before_a_name_is_an_actor(extractor: Extractor) -> None:
    """ "Greek coast guard spokesman Nikos Alexiou": the coast guard is an actor of the article; "North Korean
    military officers" (no name after the title) keeps the alias as an attribute."""
    text = "Ship\n\nGreek coast guard spokesman Nikos Alexiou told ERT that the hold was full."
    assert "Hellenic Coast Guard" in {a.label for a in run(extractor, text).actors}
    off = run(Extractor(without=("institutions_in_a_title",)), text)
    assert "Hellenic Coast Guard" not in {a.label for a in off.actors}


def test_the_coast_guard_of_the_home_state_though_the_tagger_says_a_name(extractor: Extractor) -> None:
    """The tagger reads "the coast guard" as a proper noun; lower case, it is the home state's institution."""
    text = (
        "Ship\n\nThe fishing boat sank off Pylos in Greece on Wednesday. A senior official said that the coast "
        "guard even used a rope to stabilise the boat."
    )
    assert "Hellenic Coast Guard" in {a.label for a in run(extractor, text).actors}


def test_a_newspapers_name_that_begins_an_events_is_no_newspaper(extractor: Extractor) -> None:
    """ "The Australian" is a newspaper of the table; "the Australian Open" names a tournament."""
    text = (
        "Tennis\n\nThe champion will play at the Australian Open, which begins on Monday, a fan told Reuters."
    )
    assert {a.label for a in run(extractor, text).actors} == {"Reuters"}
    off = run(Extractor(without=("a_name_inside_a_longer_name",)), text)
    assert "The Australian" in {a.label for a in off.actors}


def test_a_seat_of_power_names_its_state_wherever_it_stands(extractor: Extractor) -> None:
    """ "At the White House" is the United States' government, not a building; a capital keeps its place."""
    text = "Banks\n\nThe governor met leaders at the White House on Monday. He later flew to Washington for talks."
    labels = {a.label for a in run(extractor, text).actors}
    assert "United States" in labels and "White House" not in labels
    off = {a.label for a in run(Extractor(without=("seats_of_power",)), text).actors}
    assert "White House" in off
    assert owners(run(extractor, "Prayers\n\nThe Vatican said the pope was saddened."), "The Vatican") == [
        "Holy See"
    ]


def test_an_office_holder_of_a_place_is_a_person_named_by_the_office(extractor: Extractor) -> None:
    text = (
        "Floods in Bergen\n\nRivers burst their banks in Bergen on Monday. The mayor of Bergen told the NTB agency "
        "that 300 homes had been flooded. The mayor said 40 people were rescued."
    )
    found = extractor.extract(Article(text=text, source="t"))
    assert labels(found).get("Mayor of Bergen") == "Person", labels(found)
    assert [c.speaker for c in found.claims][:1] == ["Mayor of Bergen"]
    off = Extractor(without=("office_holders_of_a_place",)).extract(Article(text=text, source="t"))
    assert "Mayor of Bergen" not in labels(off)
    assert [c.speaker for c in off.claims][:1] != ["Mayor of Bergen"]


def test_an_office_holder_the_article_names_is_that_person(extractor: Extractor) -> None:
    text = (
        "Floods in Bergen\n\nBergen mayor Kari Holm visited the flooded streets on Monday. The mayor of Bergen "
        "said 300 homes had been flooded."
    )
    found = labels(extractor.extract(Article(text=text, source="t")))
    assert "Mayor of Bergen" not in found, found
    assert found.get("Kari Holm") == "Person", found


def test_words_joined_by_and_before_one_head_are_one_name(extractor: Extractor) -> None:
    text = (
        "Ruling\n\nThe Federal Circuit and Family Court quashed the order on Monday. "
        "The Weather and Tides Bureau said the storm was over. Apple and Google said they would appeal."
    )
    found = labels(extractor.extract(Article(text=text, source="t")))
    assert {"Federal Circuit and Family Court", "Weather and Tides Bureau"} <= set(found), found
    assert "Google" in found and not any(" and " in k and "Google" in k for k in found), found
    off = labels(
        Extractor(without=("names_joined_before_their_head",)).extract(Article(text=text, source="t"))
    )
    assert "Federal Circuit and Family Court" not in off


def test_a_peer_is_named_by_title_and_surname(extractor: Extractor) -> None:
    text = (
        "Ruling\n\nCourt President Lord Halvorsen said the policy was unlawful. "
        "Baroness Lindqvist said on Monday that the ruling was right."
    )
    found = labels(extractor.extract(Article(text=text, source="t")))
    assert found.get("Lord Halvorsen") == "Person" and found.get("Baroness Lindqvist") == "Person", found
    off = labels(Extractor(without=("peers_by_their_title",)).extract(Article(text=text, source="t")))
    assert "Lord Halvorsen" not in off


def test_a_states_people_with_the_stand_for_the_state(extractor: Extractor) -> None:
    text = (
        '"We did warn the Norwegians in time," the envoy said on Monday. Norwegian troops crossed the river.'
    )

    def owners_of(ex: Extractor) -> dict[str, list[str]]:
        found = ex.extract(Article(text=text, source="t"))
        return {a.label: [m.text for m in a.mentions] for a in found.actors}

    assert owners_of(extractor).get("Norway") == ["the Norwegians"], owners_of(extractor)
    assert "the Norwegians" not in owners_of(Extractor(without=("peoples_for_their_state",))).get(
        "Norway", []
    )
    helped = "Donors pledged $9 billion to help the Estonians rebuild their ports."
    found = extractor.extract(Article(text=helped, source="t"))
    assert "the Estonians" not in [
        m.text for a in found.actors for m in a.mentions
    ]  # a people, not its state


def test_the_treasury_is_the_home_states_finance_ministry(extractor: Extractor) -> None:
    text = "Banks\n\nBank chiefs met Treasury officials in Washington on Sunday."
    found = labels(extractor.extract(Article(text=text, source="t")))
    assert "United States Department of the Treasury" in found, found
    off = Extractor(without=("institutions_by_their_function_name",)).extract(Article(text=text, source="t"))
    assert "United States Department of the Treasury" not in labels(off)
