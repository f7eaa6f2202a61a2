"""Figures of every kind (issue 16): money, percentages, penalties, counts named by their subject, conversions;
each rule of loaders/claims.py and loaders/money.py on sentences we wrote, through the real model."""

from __future__ import annotations

from datetime import date

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
        ("a 1.8-billion-euro", 1.8e9, "EUR"),  # an adjective: "a 1.8-billion-euro fine"
        ("a $5.5-billion", 5.5e9, "USD"),
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
        # a title whose phrase ends in the name: the person, not the state of the title
        ("According to U.S. Ambassador to the UN Rosa Vidal, the ban would cost the regime $2 billion a year.",
         "Rosa Vidal"),
        # a branch of an organisation speaks for the organisation, not for the state it is in
        ("The Chilean chapter of Amnesty International said 14 people had disappeared.", "Amnesty International"),
        # an unnamed group speaks for the state named with it, else for the state the article is most about
        ("At least 14 people died in the floods in Germany, according to local officials.",
         "German local officials"),
        ("Prosecutors in Chile charged the mayor. Prosecutors said she had taken $2 million from contractors.",
         "Chilean prosecutors"),
        # a region's people named by its demonym: the region's government
        ("Storms hit Bavaria on Monday. At least 12 people were injured, Bavarian authorities said.",
         "Government of Bavaria"),
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
    # Another script is judged when it makes a text: Chinese, written without spaces, counts by its letters;
    # a few runs of symbols beside an English sentence are no text of another language.
    chinese = Article(
        text="新闻\n\n" + "国家主席今天在首都会见了来访的外国领导人，双方讨论了贸易问题。" * 5, source="zh"
    )
    assert list(extractor.pipe([chinese], on_error=failures.append)) == []
    assert failures[-1].source == "zh" and "another script" in failures[-1].reason
    runs = Article(
        text="ͰͰ0ͰҊҊҊҊҊؠؠ\n\nͰͰ0ҊҊҊҊؠؠ Vladimir Putin met Kim Jong Un in Pyongyang.", source="runs"
    )
    assert len(list(extractor.pipe([runs], on_error=failures.append))) == 1
    # Remnants of markup ("b", "amp", "bom") are in some languages' lists; a few of them are not a language.
    remnants = "Notes <b>&amp;</b> tab ctrl sep astral bom \ufeff <b>&amp;</b> "
    mixed = Article(text=f"{remnants}\n\nPutin met Kim in Pyongyang, aides said. {remnants}", source="r")
    assert len(list(extractor.pipe([mixed], on_error=failures.append))) == 1, failures[2:]


def test_a_figure_whose_noun_is_left_out_counts_what_the_one_before_counted(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "The Chilean health ministry said 40 miners had been killed in the collapse. "
        "The ministry said 65 more had been injured. Another 12 were missing, it said.",
    )
    assert [(c.value, c.unit, c.about) for c in found] == [
        (40, "miners", "miners killed"),
        (65, "miners", "miners wounded"),
        (12, "miners", "miners"),
    ]
    assert {c.speaker for c in found} == {"Health Ministry (Chile)"}


def test_the_number_of_something_counts_that_thing_and_killed_or_wounded_are_casualties(
    extractor: Extractor,
) -> None:
    (number_of,) = claims(extractor, "Aid groups said the number of Sudanese refugees was closer to 9,000.")
    assert (number_of.value, number_of.unit, number_of.about) == (9000, "refugees", "Sudanese refugees")
    (both,) = claims(extractor, "The governor said 300 soldiers had been killed or wounded near Kherson.")
    assert both.about == "casualties" and both.unit == "soldiers"
    each = claims(extractor, "The governor said 40 soldiers had been killed and 120 wounded near Kherson.")
    assert [(c.value, c.about) for c in each] == [(40, "soldiers killed"), (120, "soldiers wounded")]


def test_a_count_put_at_a_figure(extractor: Extractor) -> None:
    (crowd,) = claims(extractor, "Police in Oslo put the crowd at 80,000 on Saturday.")
    assert (crowd.value, crowd.unit) == (80000, "people")
    (children,) = claims(extractor, "Aid groups estimated the number of children on board at 120.")
    assert (children.value, children.unit) == (120, "children")
    assert (
        claims(Extractor(without=("counts_put_at",)), "Police in Oslo put the crowd at 80,000 on Saturday.")
        == []
    )


def test_a_penalty_that_names_no_source_is_the_court_s_or_the_judge_s(extractor: Extractor) -> None:
    """Whoever imposes a sentence, a ban or a fine stands behind its figure, when its own sentence names nobody."""
    text = (
        "Former mayor Ana Ruiz sentenced to six years in prison\n\n"
        "Ana Ruiz, the former mayor of Valdora, was sentenced on Tuesday to six years in prison for bribery. "
        "U.S. District Judge Marco Bellini said the crimes had betrayed the city. "
        "Her company, Ruiz Holdings, was also fined $3 million."
    )
    found = extractor.extract(Article(text=text, source="t.txt")).claims
    by_value = {(c.value, c.unit): c.speaker for c in found}
    assert by_value[(6, "years")] == "Marco Bellini"  # the headline's and the body's alike
    assert all(c.speaker == "Marco Bellini" for c in found if c.unit == "years")
    assert len([c for c in found if c.unit == "years"]) == 2
    assert by_value[(3e6, "US dollars")] == "Marco Bellini"
    court = (
        "The Valdora Criminal Court banned the coach for four years on Friday. "
        "The coach, Piet Marsh, was suspended for two years in 2019, his lawyer Ann Cole said."
    )
    found = claims(extractor, court)
    assert [(c.value, c.speaker) for c in found] == [(4, "Valdora Criminal Court"), (2, "Ann Cole")]


def test_a_closing_attribution_is_the_figures_source(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "Levan Beridze commands the navy. Georgian coastal guns sank two patrol boats and 17 rafts, Vice Admiral"
        " Levan Beridze said on Friday.",
    )
    # the model hangs "said" on "sank" here, not as the root: the attribution still closes the sentence
    assert [(c.value, c.speaker) for c in found] == [(2, "Levan Beridze"), (17, "Levan Beridze")]


def test_a_figure_in_a_quotation_is_its_speakers(extractor: Extractor) -> None:
    """The quotation goes on past the sentence that names its speaker, and into a paragraph of its own."""
    text = (
        'Rates\n\nAsked about prices, Governor Lena Ostrova said, "We are not aiming for a recession. '
        'We are aiming for 2% inflation."\n\n'
        "Finance Minister Piet Marsh said the budget was balanced.\n\n"
        '"We will spend $4 billion on schools next year."'
    )
    found = extractor.extract(Article(text=text, source="t")).claims
    assert [(c.value, c.speaker) for c in found] == [(2, "Lena Ostrova"), (4e9, "Piet Marsh")]
    plain = claims(extractor, "Prices rose 3% in May. The bank said it would act.")
    assert plain[0].speaker is None  # a figure outside any quotation is not given to the next speaker


def test_a_bare_number_a_death_or_injury_befell_counts_people(extractor: Extractor) -> None:
    found = claims(extractor, "Shelling of Valdora killed nine and injured 14 on Monday, the governor said.")
    assert [(c.value, c.unit, c.about) for c in found] == [
        (9, "people", "people killed"),
        (14, "people", "people wounded"),
    ]
    died = claims(extractor, "At least 212 have died in the flooded north of Chile, the governor said.")
    assert [(c.value, c.unit) for c in died] == [(212, "people")]
    cut = claims(extractor, "The minister cut six of the 11 programmes in May.")
    assert all(c.unit != "people" for c in cut)  # no death, no injury: no people


def test_tens_of_thousands_is_one_figure_of_at_least_ten_thousand(extractor: Extractor) -> None:
    found = claims(extractor, "Tens of thousands of people marched in Lima on Sunday, police said.")
    assert [(c.value, c.min, c.unit) for c in found] == [(None, 10_000, "people")]
    found = claims(
        extractor, "The scheme cost hundreds of thousands of investors their savings, the regulator said."
    )
    assert [(c.min, c.unit) for c in found] == [(100_000, "investors")]


def test_a_figure_owned_by_another_counts_what_the_one_before_counted(extractor: Extractor) -> None:
    """ "41,210 votes against Varga's 39,870", "the 39,800 of Ines Varga": votes, each, not "varga"."""
    found = claims(extractor, "Tomas Brevik won 41,210 votes against Varga's 39,870, the commission said.")
    assert [(c.value, c.unit) for c in found] == [(41_210, "votes"), (39_870, "votes")]
    found = claims(extractor, "Brevik's 41,200 votes beat the 39,800 of Ines Varga.")
    assert [(c.value, c.unit) for c in found] == [(41_200, "votes"), (39_800, "votes")]
    (many,) = claims(extractor, "The breach could affect millions of Australians, Gough said.")
    assert many.unit == "australians"  # a plural of people is what is counted


def test_a_fraction_of_one_unit_is_a_figure(extractor: Extractor) -> None:
    """ "three-quarters of a point", "a half-point cut": a rate's point is a percentage point."""
    cases = [
        (
            "The central bank lifted borrowing costs by three-quarters of a point on Wednesday.",
            0.75,
            "percentage points",
        ),
        ("The governor said a half-point cut was possible in July.", 0.5, "percentage points"),
        ("The convoy drove a quarter of a mile before it stopped, police said.", 0.25, "miles"),
    ]
    for text, value, unit in cases:
        assert [(c.value, c.unit) for c in claims(extractor, text)] == [(value, unit)], text
    assert claims(extractor, "It was a half-hearted effort, and half an hour later it was over.") == []


def test_a_dateline_the_parser_takes_for_a_subject_is_not_the_source(extractor: Extractor) -> None:
    text = (
        "Vote\n\nTARRAGONA: Catalonia’s leader Ana Ruiz said the region had won after 80 percent of voters backed "
        "the plan."
    )
    ex = extractor.extract(Article(text=text, source="t"))
    assert [(c.value, c.speaker) for c in ex.claims] == [(80, "Ana Ruiz")]
    assert [
        [p.actor for p in e.participants if p.role == "speaker"] for e in ex.events if e.type == "statement"
    ] == [["Ana Ruiz"]]


def test_a_passive_agent_the_parser_hangs_on_the_last_object_is_the_source(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "Lindqvist was fined 30,000 euros and Moreau 45,000 euros by the disciplinary board of UEFA on Monday.",
    )
    assert [(c.value, c.speaker) for c in found] == [(30000, "UEFA"), (45000, "UEFA")]


def test_a_figure_someone_is_accused_of_is_the_prosecutors(extractor: Extractor) -> None:
    text = (
        "Prosecutors in Tokyo indicted the banker Ken Aoki on Monday. Aoki is accused of hiding 800 million yen "
        "of income. He was first held on suspicion of moving 2 billion yen abroad."
    )
    found = claims(extractor, text)
    assert [(c.value, c.speaker) for c in found] == [
        (8e8, "Japanese prosecutors"),
        (2e9, "Japanese prosecutors"),
    ]


def test_a_figure_with_no_accusation_stays_unattributed_beside_prosecutors(extractor: Extractor) -> None:
    text = "Prosecutors in Tokyo indicted the banker Ken Aoki on Monday. His bank earned 800 million yen last year."
    found = claims(extractor, text)
    assert found and found[0].speaker is None


def test_a_term_of_office_is_no_penalty_but_a_prison_term_is(extractor: Extractor) -> None:
    assert not claims(extractor, "Rosa Vidal will begin her six-year term as president on Oct. 1.")
    found = claims(extractor, "The court handed the banker a five-year prison term on Monday.")
    assert figures(found) == [(5, "years")]


def test_an_unnamed_source_of_its_own_clause_is_not_the_source_beside_it(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "Most analysts had been expecting unemployment to rise to 8.4%, but the Office for National Statistics "
        "said it had fallen.",
    )
    assert [(c.value, c.speaker) for c in found] == [(8.4, None)]
    data = claims(
        extractor, "Data from the Office for National Statistics showed prices rose 9.2% in a year."
    )
    assert [c.speaker for c in data] == ["Office for National Statistics"]


def test_a_relative_clause_describing_what_an_act_is_about_is_the_writers(extractor: Extractor) -> None:
    apology = claims(
        extractor,
        "Corvina Air chief executive Lena Ostrova issued an apology for a crash in Lima that killed 140 people.",
    )
    assert [(c.value, c.speaker) for c in apology] == [(140, None)]
    shown = claims(
        extractor,
        "Maria Gonzalez showed reporters the records of a polling station where her rival got 312 votes.",
    )
    assert [c.speaker for c in shown] == ["Maria Gonzalez"]


def test_a_bare_number_a_who_clause_describes_counts_people(extractor: Extractor) -> None:
    found = claims(
        extractor,
        "At least 30 people were hurt out of a total of 410 who needed treatment, the health ministry said.",
    )
    assert figures(found) == [(30, "people"), (410, "people")]


def test_a_claim_is_dated_by_the_clause_that_puts_it_forward(extractor: Extractor) -> None:
    """The clause that says who puts a figure forward dates the claim, not the figure's own happening; with no
    source the figure's own clause does; with neither, nothing (the article's date stands for it)."""
    published = date(2024, 10, 31)  # a Thursday

    def dates(text: str) -> list[tuple[str, str | None]]:
        found = extractor.extract(Article(text=text, source="t", published=published))
        return [(c.quantity_text, c.date) for c in found.claims]

    said = "Toll\n\nChile's health ministry said on Monday that 40 people had died in the floods last week."
    assert dates(said) == [("40", "2024-10-28")]
    assert dates("Toll\n\nAt least 40 people were killed on Sunday, officials said.") == [
        ("At least 40", "2024-10-27")
    ]
    assert dates("Toll\n\nAt least 40 people were killed in the floods, officials said.") == [
        ("At least 40", None)
    ]
    off = Extractor(without=("claim_dates",)).extract(Article(text=said, source="t", published=published))
    assert [c.date for c in off.claims] == [None]


def test_a_pronoun_under_a_clause_with_a_named_subject_is_the_figures_source(extractor: Extractor) -> None:
    """One pronoun resolver for figures and statements: "she" is the subject of the clause she is under, not the
    person named last before her."""
    text = (
        "Prices\n\nFinance Minister Ana Ruiz blamed President Viktor Orlov's war for the rise in prices, as she "
        "warned that inflation would reach 9% this year."
    )
    found = extractor.extract(Article(text=text, source="t"))
    assert [(c.quantity_text, c.speaker) for c in found.claims] == [("9%", "Ana Ruiz")]
    assert [p.actor for e in found.events for p in e.participants if p.role == "speaker"] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "amount", "code"),
    [
        ("The deal is worth C$40 million.", 40_000_000, "CAD"),
        ("Singapore pledged S$3 billion.", 3_000_000_000, "SGD"),
        ("Mexico set aside Mex$500 million.", 500_000_000, "MXN"),
        ("The bond raised USD 40 million.", 40_000_000, "USD"),
        ("The fine was EUR 5m.", 5_000_000, "EUR"),
        ("The airline lost 5 billion won.", 5_000_000_000, None),
        ("Swiss regulators fined it CHF 3 million.", 3_000_000, "CHF"),
    ],
)
def test_currencies_as_the_press_writes_them(text: str, amount: float, code: str | None) -> None:
    (found,) = find_money(text)
    assert (found.amount, found.code) == (amount, code)


@pytest.mark.parametrize(
    "text",
    [
        "All 40 passengers were rescued.",
        "The party won 61 seats.",
        "It dropped 2 million pounds of explosives.",
    ],
)
def test_words_that_are_also_currencies_are_not_money_here(text: str) -> None:
    """ "all" is no Albanian lek (a sign of letters counts in its own case), "won" only after a scale word, and pounds
    "of" something are a weight."""
    assert find_money(text) == []


def test_a_source_the_model_missed_after_according_to(extractor: Extractor) -> None:
    """A camel-cased company the model does not tag, after "according to", is the figure's source."""
    text = "According to OceanGate, the Titan had between 70 and 96 hours of oxygen on board."
    assert [c.speaker for c in claims(extractor, text)] == ["OceanGate"]
    off = Extractor(without=("names_after_according_to",))
    assert [c.speaker for c in claims(off, text)] == [None]


def test_a_poll_measures_its_figures_for_its_owner(extractor: Extractor) -> None:
    """The owner of a poll is the source of what it measures, as the subject of a copula too."""
    found = claims(extractor, "A Daily Planet poll of 5,000 readers was 84% in favour of the plan.")
    assert [(c.speaker, c.unit) for c in found] == [("Daily Planet", "readers"), ("Daily Planet", "%")]


def test_a_participle_after_a_preposition_has_the_clauses_subject(extractor: Extractor) -> None:
    text = (
        "The Home Office was ordered to publish the costs, after admitting that spending had doubled to 300 million "
        "pounds."
    )
    assert [c.speaker for c in claims(extractor, text)] == ["Home Office"]
    off = Extractor(without=("participles_after_a_preposition",))
    assert [c.speaker for c in claims(off, text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Norwegian ski fans in Lillehammer said a ticket cost 300 kroner too much.",
        "Chilean farmers said the drought had cost them 40% of the harvest.",
        "Sudanese refugees at the border said 2,000 families had arrived overnight.",
    ],
)
def test_a_states_people_are_not_its_voice(extractor: Extractor, text: str) -> None:
    # fans, farmers, refugees of a state speak for themselves, not for the state that names them
    found = extractor.extract(Article(text=text, source="t"))
    assert [c.speaker for c in found.claims] == [None], found.claims
    countries = {a.label for a in found.actors if a.type == "Country"}
    speakers = {p.actor for e in found.events if e.type == "statement" for p in e.participants}
    assert not speakers & countries, found.events
    off = claims(Extractor(without=("people_of_a_state_are_not_the_state",)), text)
    assert [c.speaker for c in off] != [None]


def test_a_group_that_speaks_for_a_state_is_still_its_voice(extractor: Extractor) -> None:
    for text in (
        "Chilean officials said the drought had cost farmers 40% of the harvest.",
        "Chile's farm minister said the drought had cost farmers 40% of the harvest.",
    ):
        assert [c.speaker for c in claims(extractor, text)] != [None], text


def test_a_relative_clause_inside_a_promise_is_the_writers(extractor: Extractor) -> None:
    for text in ("Kari Holm vowed to punish those behind the riot that injured 40 police officers.",):
        assert [c.speaker for c in claims(extractor, text)] == [None], text
        off = claims(Extractor(without=("what_a_promise_is_about",)), text)
        assert [c.speaker for c in off] != [None], text
    pledged = claims(extractor, "The charity Sea Watch pledged 300 tents to the town.")
    assert [c.speaker for c in pledged] != [None]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Ferry fire off Crete: 12 arrested after 40 killed", [12, 40]),
        ("Quake in Peru: 30 dead, 200 injured", [30, 200]),
    ],
)
def test_a_tally_without_a_noun_counts_people(extractor: Extractor, text: str, values: list[int]) -> None:
    def people(ex: Extractor) -> list[float | None]:
        found = ex.extract(Article(text=text + "\n\nRescuers worked through the night.", source="t")).claims
        return [c.value if c.value is not None else c.min for c in found if c.unit == "people"]

    assert people(extractor) == values
    assert people(Extractor(without=("tallies_without_a_noun",))) != values
    measures = [
        c.measure
        for c in extractor.extract(Article(text=text + "\n\nRescuers worked on.", source="t")).claims
    ]
    assert measures[-1] in {"deaths", "injuries"}, (
        measures
    )  # the word right after the tally says what befell them


def test_a_belief_is_its_holders_figure_but_no_statement(extractor: Extractor) -> None:
    text = "Figures\n\nA ferry sank off Crete. Sea Watch fears that 50 more people were trapped below deck."
    found = extractor.extract(Article(text=text, source="t"))
    assert [c.speaker for c in found.claims] == ["Sea Watch"]
    assert not any(e.type == "statement" for e in found.events)


def test_a_number_word_taken_for_an_adjective_is_a_count(extractor: Extractor) -> None:
    text = "Eleven people have been detained, police in Oslo said."

    def counts(ex: Extractor) -> list[tuple[float | None, str | None]]:
        return [(c.value, c.unit) for c in ex.extract(Article(text=text, source="t.txt")).claims]

    assert counts(extractor) == [(11, "people")]
    assert counts(Extractor(without=("untagged_counts",))) == []


def test_a_clause_beside_a_report_is_not_reported(extractor: Extractor) -> None:
    def speakers(ex: Extractor, text: str) -> list[str | None]:
        return [c.speaker for c in ex.extract(Article(text=text, source="t.txt")).claims]

    for text in (
        "The Kestrel Brigade claimed responsibility for the attack, and 11 people were arrested on Sunday.",
        "Sea Watch said it had sent a boat, and 40 people were rescued by evening.",
    ):
        assert speakers(extractor, text) == [None], text
        assert speakers(Extractor(without=("clauses_beside_a_report",)), text) != [None], text
