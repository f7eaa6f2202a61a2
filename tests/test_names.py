"""Names from any domain: each rule of loaders/names.py, loaders/_merge.py and the table-name rules of
loaders/resolve.py, on sentences we wrote, through the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders.article import Article
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.names import NamesError, NameWords


def run(extractor: Extractor, text: str, title: str | None = None) -> Extraction:
    if title is not None:
        text = title + "\n\n" + text
    return extractor.extract(Article(text=text, source="test.txt", title=title))


def actors(ex: Extraction) -> dict[str, str]:
    return {a.label: a.type for a in ex.actors}


def owner(ex: Extraction, mention: str) -> str | None:
    for actor in ex.actors:
        if any(m.text == mention for m in actor.mentions):
            return actor.label
    return None


# ------------------------------------------------------------------------------------------------ spans
def test_a_title_alone_is_no_actor_and_titles_leave_the_name(extractor: Extractor) -> None:
    ex = run(
        extractor, "Navy spokesman Rear Adm. Tomas Hrabal told reporters that the ship had returned to port."
    )
    found = actors(ex)
    assert "Tomas Hrabal" in found and found["Tomas Hrabal"] == "Person"
    assert not any("Adm" in label for label in found)


def test_an_abbreviated_rank_before_a_single_name_may_be_a_given_name(extractor: Extractor) -> None:
    ex = run(extractor, "Defence Minister Gen Nakatani said on Monday that the patrols would continue.")
    assert "Gen Nakatani" in actors(ex)
    ex = run(extractor, "Army chief Gen Abdel Karim Moussa said on Monday that the patrols would continue.")
    assert "Abdel Karim Moussa" in actors(ex)


def test_an_unbalanced_bracket_ends_the_name_and_the_acronym_is_its_alias(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "The Regional Office of Water Supply (ROWS said on Friday that pipes had burst. "
        "ROWS engineers were sent to the district.",
    )
    labels = actors(ex)
    assert "Regional Office of Water Supply" in labels
    assert not any("(" in label for label in labels)
    assert owner(ex, "ROWS") == "Regional Office of Water Supply"


def test_an_owner_is_not_part_of_the_name(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "The investor Harriet Quayle said on Monday that Quayle's Northgate Capital Partners had sold its stake.",
    )
    labels = actors(ex)
    assert "Northgate Capital Partners" in labels
    assert not any("’s" in label or "'s" in label for label in labels)


def test_a_common_noun_owner_stays_in_the_name(extractor: Extractor) -> None:
    ex = run(extractor, "The People's Liberation Council said on Monday that the roads were open.")
    assert any(label.startswith("People") for label in actors(ex))


def test_given_names_before_a_surname_the_model_found(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Sepp Blatter and Michel Platini were both banned for eight years on Monday.\n\n"
        "Blatter said he would appeal.",
    )
    assert "Sepp Blatter" in actors(ex)


def test_particles_join_a_personal_name(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "The visitors were received by Crown Prince Yusuf bin Tariq bin Hamid Al Nouri in the capital on Monday.",
    )
    assert any(label.startswith("Yusuf bin Tariq bin Hamid") for label in actors(ex)), actors(ex)


def test_a_person_after_a_title_that_the_model_missed(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Air defence units shot down four drones overnight, Lieutenant General Mykola Oleshchuk said in a statement.",
    )
    assert actors(ex).get("Mykola Oleshchuk") == "Person"


def test_a_table_name_run_into_a_person(extractor: Extractor) -> None:
    ex = run(
        extractor, "According to the U.S. envoy to the UN Nikki Haley, the ban would cut revenue sharply."
    )
    labels = actors(ex)
    assert "Nikki Haley" in labels and "United Nations" in labels


def test_names_in_a_title_case_headline_must_be_in_the_body(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Leaders meeting in Scotland promised more aid for Africa on Friday.",
        title="Leaders In Scotland Vowing To Double Aid",
    )
    assert not any("Vowing" in label for label in actors(ex))
    assert "Africa" in actors(ex)


def test_capitalised_common_nouns_are_not_names(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Videos posted online showed crowds outside the stadium. Fans had waited since dawn before the Games. "
        "Defense Secretary Lloyd Austin said the Kingdom would host the talks.",
    )
    labels = actors(ex)
    for junk in ("Videos", "Games", "Kingdom", "Defense"):
        assert junk not in labels, labels


def test_a_list_run_together_is_several_names(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Carlos Ghosn and Greg Kelly were arrested in Tokyo. Prosecutors charged Ghosn, Kelly and the company.",
    )
    labels = actors(ex)
    assert not any("," in label for label in labels)


def test_things_are_not_actors(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "He was charged under the Financial Instruments and Exchange Act. "
        "He topped the Bloomberg Billionaires Index last year.",
    )
    labels = actors(ex)
    assert not any(label.endswith(("Act", "Index")) for label in labels), labels


def test_a_name_that_speaks_is_an_actor(extractor: Extractor) -> None:
    # a games studio says something; the games it names do not
    said = "Nordvale Games said it would cut 300 jobs. The Harbour Games begin on Friday."
    labels = actors(run(extractor, said))
    assert "Nordvale Games" in labels and "Harbour Games" not in labels, labels
    assert "Nordvale Games" not in actors(run(Extractor(without=("names_that_speak",)), said))


def test_a_name_of_common_nouns_is_no_person(extractor: Extractor) -> None:
    text = "Harbour Aid estimated the number of children on board at 120."
    assert actors(run(extractor, text)).get("Harbour Aid") == "Organization"
    assert actors(run(Extractor(without=("names_of_common_nouns",)), text)).get("Harbour Aid") == "Person"
    # a person spoken of by a surname or with a title keeps the model's reading
    person = "Security adviser Mike Waltz said on Sunday the strikes would go on. Waltz spoke to reporters."
    assert actors(run(extractor, person)).get("Mike Waltz") == "Person"


# ------------------------------------------------------------------------------------------------ types
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # the head noun of the name
        ("The Lok Sabha passed the bill on Tuesday.", "Lok Sabha", "Organization"),
        ("Passengers of Jeju Air were evacuated on Sunday.", "Jeju Air", "Organization"),
        ("Fighting spread to Kanbalu Township on Monday.", "Kanbalu Township", "Place"),
        # a noun after the name, a descriptor before it
        ("Voters backed the Verdana party in the north.", "Verdana", "Organization"),
        ("Regulators fined streaming giant Spotify on Monday.", "Spotify", "Organization"),
        # a place noun around the name
        ("Gunmen attacked the village of Wad Hamid on Wednesday.", "Wad Hamid", "Place"),
        # a state or province of some country
        ("Uttar Pradesh votes in seven phases.", "Uttar Pradesh", "Place"),
        # ... also as the owner of a longer name, whose possessive is no part of it
        (
            "Sharma hopes to keep Uttar Pradesh's Amethi Lok Sabha seat for the party in June.",
            "Uttar Pradesh",
            "Place",
        ),
        # an electoral seat is a place, whatever its name ends in
        ("Kishore Rao won the Jhansi Lok Sabha seat in 2019.", "Jhansi Lok Sabha", "Place"),
        # a centre is a body or a venue, never a person
        ("Maps from the Pacific Disaster Center show the damage.", "Pacific Disaster Center", "Organization"),
        # a photographer in capitals before the slash of a credit
        ("The envoys arrive in Riyadh. BRENDAN SMIALOWSKI/ AFP", "Brendan Smialowski", "Person"),
    ],
)
def test_types_from_the_head_noun_and_the_context(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    found = actors(run(extractor, text))
    assert found.get(name) == kind, found


def test_a_surname_that_is_also_a_head_noun_stays_a_person(extractor: Extractor) -> None:
    ex = run(extractor, "Grace Park said on Monday that she would run for mayor.")
    assert actors(ex).get("Grace Park") == "Person"


# ------------------------------------------------------------------------------------------------ longer names
def test_a_name_inside_a_longer_name_is_not_the_shorter_entity(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "Bank of America said profits rose. The Israel Defense Forces said the strike hit a depot. "
        "Michael Jordan bought a stake in the team.",
    )
    labels = actors(ex)
    assert "Bank of America" in labels
    assert "Israel Defense Forces" in labels
    assert "Michael Jordan" in labels
    assert "United States" not in labels and "Jordan" not in labels


def test_an_article_defines_an_acronym_over_the_table(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "The Australian Federal Police (AFP) said on Monday the hackers were in Russia. "
        "The AFP said arrests would follow.",
    )
    assert owner(ex, "AFP") == "Australian Federal Police"


# ------------------------------------------------------------------------------------------------ merges
@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("The Walt Disney Company cut 7,000 jobs. Walt Disney Co. shares rose. Disney said more cuts were "
         "unlikely.", "Disney", "The Walt Disney Company"),
        ("Harland Motor Co. recalled 3,000 cars on Monday. Harland said the brakes were faulty.", "Harland",
         "Harland Motor Co."),
        ("The Rapid Support Forces attacked the town. RSF fighters looted the market.", "RSF",
         "Rapid Support Forces"),
        ("Gleaming Harbour Freight Lines said costs rose. GHFL shares fell.", "GHFL",
         "Gleaming Harbour Freight Lines"),
        ("The activist Priyanka Gandhi Vadra spoke on Monday. Gandhi Vadra later left for Delhi.",
         "Gandhi Vadra", "Priyanka Gandhi Vadra"),
        # a bare head noun and the one organisation named with it
        ("The Indian National Congress held the seat. Congress had won it in every election since 1980.",
         "Congress", "Indian National Congress"),
        # an alternative name after "or"
        ("Rescuers from the Lebanese Civil Defence, or Blue Helmets, said on Monday that 40 people had died.",
         "Blue Helmets", "Lebanese Civil Defence"),
    ],
)  # fmt: skip
def test_forms_of_one_name_are_one_actor(extractor: Extractor, text: str, short: str, full: str) -> None:
    ex = run(extractor, text)
    assert owner(ex, short) == owner(ex, full) is not None, [(a.label, a.aliases) for a in ex.actors]


def test_two_known_organisations_joined_by_or_stay_two(extractor: Extractor) -> None:
    ex = run(extractor, "Neither the United Nations, or NATO, would send observers to the vote.")
    assert owner(ex, "NATO") != owner(ex, "United Nations")


def test_a_body_of_an_organisation_is_not_the_organisation(extractor: Extractor) -> None:
    ex = run(
        extractor, "The Twitter Board accepted the offer on Monday. Twitter said the deal would close soon."
    )
    assert owner(ex, "Twitter") != owner(ex, "Twitter Board")


def test_organisation_iris_leave_out_legal_suffixes(extractor: Extractor) -> None:
    one = run(extractor, "Harland Motor Co. recalled 3,000 cars on Monday.")
    two = run(extractor, "Harland Motor Company recalled 3,000 cars on Monday.")
    iri = {a.label: a.iri for a in one.actors}["Harland Motor Co."]
    assert iri in {a.iri for a in two.actors}


# ------------------------------------------------------------------------------------------------ the file
def test_the_word_classes_file_is_checked(tmp_path: Path) -> None:
    words = NameWords.load()
    assert words.has("titles", "Adm.") and words.has("legal_suffixes", "Inc.")
    bad = tmp_path / "names.toml"
    bad.write_text('[titles]\nwords = ["mr"]\n', encoding="utf-8")
    with pytest.raises(NamesError, match="no \\[honorifics\\] table"):
        NameWords.load(bad)
    source = (Path(__file__).parent.parent / "ontology" / "names.toml").read_text(encoding="utf-8")
    clash = tmp_path / "clash.toml"
    clash.write_text(
        source.replace('words = [\n    "river"', 'words = [\n    "party", "river"', 1), encoding="utf-8"
    )
    with pytest.raises(NamesError, match="in both"):
        NameWords.load(clash)


def test_a_dateline_in_capitals_is_a_place_and_a_label_is_not(extractor: Extractor) -> None:
    ex = run(
        extractor,
        "TARRAGONA: The regional leader Ana Ruiz said on Monday that 90 percent had voted yes.\n\n"
        "UPDATE: The count was confirmed on Tuesday.",
        title="Vote",
    )
    found = actors(ex)
    assert found.get("Tarragona") == "Place" and "UPDATE" not in found and "Update" not in found
    assert [c.speaker for c in ex.claims] != ["Tarragona"]


def test_a_given_name_joined_to_a_full_name_shares_its_surname(extractor: Extractor) -> None:
    ex = run(extractor, "Police named the dead: Ioane and Mele Fonua Taufa, and their son Sione Taufa.")
    assert owner(ex, "Ioane") == "Ioane Taufa"
    # a person named before by surname is that person, not a spouse
    met = run(
        extractor,
        "Kim Jong Un visited Moscow in May. Kim and Vladimir Putin signed a defence pact on Tuesday.",
    )
    assert owner(met, "Kim") == "Kim Jong Un"


def test_a_name_joined_by_a_hyphen_into_a_longer_name_is_not_the_shorter(extractor: Extractor) -> None:
    text = (
        "Ships\n\nThe captain told the Athens-Macedonian News Agency on Thursday that 300 people were aboard."
    )
    found = {a.label for a in extractor.extract(Article(text=text, source="t")).actors}
    assert "Athens-Macedonian News Agency" in found and "Athens" not in found, found
    off = Extractor(without=("a_name_inside_a_longer_name",)).extract(Article(text=text, source="t"))
    assert "Athens" in {a.label for a in off.actors}


def test_a_name_run_over_a_clause_is_two_names(extractor: Extractor) -> None:
    title = "Heavy defeat for Government as Appeal Court quashes fishing quota decision"
    text = (
        title
        + "\n\nThe Appeal Court in Bergen quashed the quota decision of the fisheries ministry on Monday."
    )

    def names(ex: Extractor) -> set[str]:
        return {m.text for a in ex.extract(Article(text=text, source="t")).actors for m in a.mentions}

    assert "Appeal Court" in names(extractor) and not any(" as " in n for n in names(extractor))
    assert any(" as " in n for n in names(Extractor(without=("names_run_over_a_clause",))))


def test_an_acronym_defined_by_common_words_is_no_actor(extractor: Extractor) -> None:
    text = (
        "Search\n\nROV (remotely operated vehicle) operations were moved, the Canadian Coast Guard said. "
        "A remotely operated vehicle (ROV) from Canada joined the search. "
        "The World Health Organization (WHO) said 40 people were ill."
    )
    found = {a.label for a in extractor.extract(Article(text=text, source="t")).actors}
    assert "ROV" not in found and "World Health Organization" in found, found
    off = Extractor(without=("acronyms_of_things",)).extract(Article(text=text, source="t"))
    assert "ROV" in {a.label for a in off.actors}


def test_a_town_named_with_its_region_is_a_place(extractor: Extractor) -> None:
    text = (
        "Planes\n\nThree planes flew the equipment from Buffalo, New York, to St John’s, Newfoundland, on Monday. "
        "Kari Holm, Norway's envoy, said the search would go on."
    )
    found = {a.label: a.type for a in extractor.extract(Article(text=text, source="t")).actors}
    assert found.get("St John") == "Place" and found.get("Kari Holm") == "Person", found
    off = Extractor(without=("places_with_their_region",)).extract(Article(text=text, source="t"))
    assert {a.label: a.type for a in off.actors}.get("St John") != "Place"
