"""The cast and the sentence shapes of the year-of-news corpus (``corpus.py --kind year``).

Every sentence here was written for this project. The people, companies and outlets are invented (names built
from two short lists, so none is a real person); states and international bodies are real names, as news has them.
The shapes are those news is made of: reported speech with a named speaker (full name first, surname after),
figures with their unit and what they count, and meetings, attacks, agreements, votes, arrests and elections.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = [
    "Anna", "Bruno", "Clara", "Daniel", "Elena", "Felix", "Grace", "Henrik", "Irene", "Jonas", "Karin", "Lucas",
    "Maria", "Nikolai", "Olivia", "Pablo", "Rosa", "Samuel", "Teresa", "Viktor", "Walter", "Yasmin", "Adrian",
    "Beatrice", "Carlos", "Diana", "Emil", "Fatima", "Gregor", "Helena",
]  # fmt: skip
LAST = [
    "Andersen", "Bergstrom", "Castellano", "Delacroix", "Eriksen", "Fontaine", "Gallagher", "Hartmann", "Ibarra",
    "Jankowski", "Kovacs", "Lindgren", "Marchetti", "Nakamura", "Okonkwo", "Petrakis", "Quintero", "Rasmussen",
    "Salazar", "Takahashi", "Underwood", "Valente", "Whitaker", "Yilmaz", "Zelenko", "Abernathy", "Brennan",
    "Costa", "Dumont", "Esposito",
]  # fmt: skip
#: real states, with the city their government sits in
STATES = [
    ("Norway", "Oslo"), ("Chile", "Santiago"), ("Kenya", "Nairobi"), ("Poland", "Warsaw"), ("Japan", "Tokyo"),
    ("Brazil", "Brasilia"), ("Canada", "Ottawa"), ("Egypt", "Cairo"), ("India", "New Delhi"), ("Turkey", "Ankara"),
    ("Mexico", "Mexico City"), ("Nigeria", "Abuja"), ("Germany", "Berlin"), ("France", "Paris"),
    ("Indonesia", "Jakarta"), ("Argentina", "Buenos Aires"), ("Spain", "Madrid"), ("Vietnam", "Hanoi"),
    ("Pakistan", "Islamabad"), ("Ghana", "Accra"), ("Peru", "Lima"), ("Sweden", "Stockholm"), ("Greece", "Athens"),
    ("Morocco", "Rabat"), ("Colombia", "Bogota"), ("Ethiopia", "Addis Ababa"), ("Thailand", "Bangkok"),
    ("Portugal", "Lisbon"), ("Finland", "Helsinki"), ("Romania", "Bucharest"), ("Australia", "Canberra"),
    ("South Africa", "Pretoria"), ("Italy", "Rome"), ("Ukraine", "Kyiv"), ("Jordan", "Amman"), ("Senegal", "Dakar"),
]  # fmt: skip
INSTITUTIONS = [
    "the United Nations", "NATO", "the European Union", "the World Health Organization", "the World Bank",
    "the International Monetary Fund", "the African Union", "the Red Cross", "Amnesty International",
    "the International Atomic Energy Agency", "the World Food Programme", "the International Criminal Court",
]  # fmt: skip
_COMPANY_NAMES = [
    "Nordvale", "Brightwater", "Kestrel", "Halden", "Silverline", "Orrin", "Talvik", "Quillon", "Westmere", "Corvan",
    "Lindell", "Ashford", "Marlow", "Stellan", "Redpine", "Caldera",
]  # fmt: skip
_SECTORS = [
    "Energy",
    "Shipping",
    "Motors",
    "Pharma",
    "Telecom",
    "Mining",
    "Airlines",
    "Foods",
    "Steel",
    "Bank",
]
OUTLETS = [
    "Harbour Post", "Northern Courier", "Meridian Wire", "Daily Ledger", "Coastal Herald", "Capital Observer",
    "Eastgate Times", "Riverside Gazette",
]  # fmt: skip
STATE_ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister",
               "Finance Minister", "opposition leader"]  # fmt: skip
BODY_ROLES = ["Secretary-General", "spokesperson", "director-general", "chief economist"]
COMPANY_ROLES = ["chief executive", "chief financial officer", "chairman"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["trade", "energy prices", "border security", "migration", "grain exports", "water rights", "fishing quotas",
          "debt relief", "climate finance", "a ceasefire", "prisoner exchanges", "rail links"]  # fmt: skip
BILLS = ["a new budget", "a pension reform", "a law on foreign funding", "tighter gun rules", "a tax on windfall profits",
         "an amnesty law", "a ban on phone use in schools", "a bill on mining royalties"]  # fmt: skip
PROTESTS = ["a protest over fuel prices", "clashes outside the parliament", "a march against the pension reform",
            "a strike at the port", "a rally in support of the jailed activist"]  # fmt: skip
QUOTES = [
    "We will not accept any deal that leaves our farmers behind",
    "This is a day our people have waited for",
    "The talks were difficult but honest",
    "Nobody should be punished for speaking their mind",
    "Our priority is to bring the families home",
    "The figures speak for themselves",
    "We expect the other side to keep its word",
    "There is still a long way to go",
]


@dataclass(frozen=True)
class Actor:
    """One recurring actor: ``name`` as first written, ``short`` for a later mention, ``role`` and ``home``."""

    name: str
    short: str
    kind: str  # person, state, body, company
    role: str = ""
    home: str = ""  # a person's state, body or company; a state's capital


@dataclass(frozen=True)
class Cast:
    people: list[Actor]
    states: list[Actor]
    bodies: list[Actor]
    companies: list[Actor]


def cast(seed: int, *, people: int = 240) -> Cast:
    """A few hundred recurring actors, the same for the same seed."""
    rng = random.Random(seed)
    states = [Actor(name, name, "state", home=capital) for name, capital in STATES]
    bodies = [Actor(name, name.removeprefix("the "), "body") for name in INSTITUTIONS]
    names = rng.sample([(a, b) for a in _COMPANY_NAMES for b in _SECTORS], 48)
    companies = [Actor(f"{a} {b}", a, "company") for a, b in names]
    full = rng.sample([(f, s) for f in FIRST for s in LAST], people)
    persons = []
    for n, (first, last) in enumerate(full):
        if n % 3 == 0:
            home, role = rng.choice(companies).name, rng.choice(COMPANY_ROLES)
        elif n % 5 == 1:
            home, role = rng.choice(bodies).name, rng.choice(BODY_ROLES)
        else:
            home, role = rng.choice(states).name, rng.choice(STATE_ROLES)
        persons.append(Actor(f"{first} {last}", last, "person", role, home))
    return Cast(persons, states, bodies, companies)


def described(person: Actor) -> str:
    """ "Maria Costa, the Foreign Minister of Chile" / "..., the chief executive of Nordvale Energy"."""
    if person.role == "opposition leader":
        return f"{person.name}, the {person.role} in {person.home}"
    return f"{person.name}, the {person.role} of {person.home}"


def titled(person: Actor) -> str:
    """A subject: "Chile's Foreign Minister Maria Costa" (a title before the name, as news writes a state's
    officials), else the name and its apposition, closed by a comma."""
    if person.kind == "person" and person.role[0].isupper() and not person.home.startswith("the "):
        return f"{person.home}'s {person.role} {person.name}"
    return described(person) + ","


def opening(name: str) -> str:
    """A name at the start of a sentence: "The Red Cross"."""
    return "The " + name[4:] if name.startswith("the ") else name


def number(value: float) -> str:
    return f"{round(value):,}"


def money(value: float) -> str:
    """Dollars as news writes them: "$4.2 billion", "$650 million"."""
    if value >= 1e9:
        return f"${value / 1e9:.1f} billion"
    return f"${round(value / 1e6):,} million"


@dataclass(frozen=True)
class Story:
    """A happening told by several outlets over the days after it: its kind, who is in it, where, when, and the
    figure that outlets report (some with another source's figure, later ones with an updated one)."""

    kind: str
    first: Actor
    second: Actor
    speaker: Actor
    state: Actor
    start_day: int  # days after the year's first day
    figure: float
    other: float

    @property
    def key(self) -> tuple[str, str, str, float]:
        """What its text is made of: two stories with the same key may tell the same words."""
        return (self.kind, self.first.name, self.state.name, self.figure)


KINDS = ["attack", "meeting", "agreement", "vote", "arrest", "election", "takeover"]


def story(cast: Cast, index: int, *, seed: int, days: int = 365, salt: int = 0) -> Story:
    """Story ``index`` of the year: the same for the same seed and index (another ``salt``, another draw)."""
    rng = random.Random(seed * 7_919 + index + 1_000_003 * salt)
    kind = KINDS[index % len(KINDS)]
    state, other_state = rng.sample(cast.states, 2)
    people = [p for p in cast.people if p.home == state.name] or cast.people
    speaker = rng.choice(people)
    first, second = state, other_state
    if kind in ("meeting", "election"):
        first, second = speaker, rng.choice([p for p in cast.people if p != speaker])
    elif kind == "takeover":
        first, second = rng.sample(cast.companies, 2)
        speaker = rng.choice([p for p in cast.people if p.home == first.name] or cast.people)
    figure = {
        "attack": rng.randint(5, 140),
        "meeting": rng.randint(2, 60) * 1e8,
        "agreement": rng.randint(3, 90) * 1e8,
        "vote": rng.randint(160, 300),
        "arrest": rng.randint(12, 400),
        "election": rng.randint(38, 71),
        "takeover": rng.randint(5, 200) * 1e8,
    }[kind]
    return Story(kind, first, second, speaker, state, rng.randrange(days), figure, rng.uniform(1.15, 1.6))


def telling(
    s: Story, cast: Cast, *, turn: int, outlet: int, weekday: str, began: str
) -> tuple[str, list[str]]:
    """The title and the story's own sentences in one article, the lead first and the figure that changes second:
    ``turn`` is how many articles told it before (a later one updates the figure), ``outlet`` which outlet tells
    it (odd outlets cite a rival figure); ``began``: the weekday it happened, ``weekday``: the one of the telling."""
    city = s.state.home
    grown = s.figure * (1 + 0.1 * turn)  # the updated figure of a later telling
    rival = outlet % 2 == 1
    body = cast.bodies[(s.start_day + outlet) % len(cast.bodies)]
    if s.kind == "attack":
        title = (
            f"{number(grown)} killed in bombing in {city}"
            if turn and not rival
            else f"Bomb attack kills {number(s.figure)} in {city}"
        )
        lines = [
            f"At least {number(s.figure)} people were killed and {number(s.figure * 2.5)} wounded when a car bomb "
            f"exploded at a market in {city} on {began}, officials said.",
            f"{titled(s.speaker)} said the attackers would be found and punished.",
            f"The health ministry of {s.state.name} said {number(s.figure * 2.5)} people were being treated in "
            f"hospitals across the city.",
        ]
        if turn:
            lines.insert(2 if rival else 1, f"The death toll rose to {number(grown)} on {weekday}, up from {number(s.figure)}, the "
                         f"interior ministry said.")  # fmt: skip
        if rival:
            lines.insert(1, f"{opening(body.name)} put the death "
                         f"toll at {number(grown * s.other)}, citing hospital staff.")  # fmt: skip
        lines.append(f"{s.second.name} condemned the attack and offered to send medical teams.")
    elif s.kind in ("meeting", "agreement"):
        verb = "met" if s.kind == "meeting" else "signed a deal with"
        a, b = (titled(s.first), s.second.name) if s.kind == "meeting" else (s.first.name, s.second.name)
        title = f"{s.first.short} and {s.second.short} {'meet' if s.kind == 'meeting' else 'sign pact'} on {TOPICS[s.start_day % len(TOPICS)]}"
        lines = [
            f"{a} {verb} {b} in {city} on {began} {'to discuss' if s.kind == 'meeting' else 'on'} "
            f"{TOPICS[s.start_day % len(TOPICS)]}.",
            f"The {'package' if s.kind == 'meeting' else 'agreement'} is worth {money(grown * s.other if rival else s.figure)} over {3 + turn % 4} years, "
            f"{'according to ' + body.name if rival else s.speaker.name + ' told reporters'}.",
            f'"{QUOTES[(s.start_day + turn) % len(QUOTES)]}," {s.speaker.short} said after the talks.',
        ]
        if turn:
            lines.insert(
                2 if rival else 1,
                f"Officials said on {weekday} that the value of the deal had risen to {money(grown)}.",
            )
    elif s.kind == "vote":
        bill = BILLS[s.start_day % len(BILLS)]
        against = 400 - round(s.figure)
        title = f"{s.state.name}'s parliament backs {bill}"
        lines = [
            f"Lawmakers in {s.state.name} voted {number(s.figure)} to {against} on {began} to approve {bill}.",
            f"The opposition said {number(s.figure * s.other / 2 + turn)} of its members had been kept out of the chamber."
            if rival
            else f"{s.speaker.short} said {number(against)} members had voted against the bill.",
            f"{described(s.speaker)}, said the vote showed that the country wanted change.",
        ]
        if turn:
            lines.insert(2 if rival else 1, f"The upper house approved the bill by {number(s.figure / 2 + turn)} votes to "
                         f"{number(against / 2)} on {weekday}.")  # fmt: skip
    elif s.kind == "arrest":
        protest = PROTESTS[s.start_day % len(PROTESTS)]
        title = f"Police arrest {number(s.figure if rival else grown)} after {protest}"
        lines = [
            f"Police in {city} arrested {number(s.figure)} people on {began} after {protest}.",
            f"Organisers said more than {number(grown * s.other)} people had been detained."
            if rival
            else f"{titled(s.speaker)} said those arrested would face charges.",
            f"{opening(body.name)} called for the release of the protesters.",
        ]
        if turn:
            lines.insert(
                2 if rival else 1,
                f"The number of people arrested rose to {number(grown)}, police said on {weekday}.",
            )
    elif s.kind == "election":
        share = min(s.figure + turn, 80)
        title = f"{s.first.name} wins election in {s.state.name}"
        lines = [
            f"{s.first.name} won the presidential election in {s.state.name} with {share} percent of the vote, "
            f"the electoral commission said on {began}.",
            f"Turnout was {40 + s.start_day % 30} percent, the commission said." if not rival else
            f"Observers from {body.name} put turnout at {40 + s.start_day % 30 - 6} percent, with "
            f"{min(40 + 5 * turn, 100)} percent of ballots counted.",
            f"{s.second.name}, who came second, said {s.first.short} had won fairly and congratulated {s.first.short}.",
        ]  # fmt: skip
        if turn:
            lines.insert(2 if rival else 1, f"With {min(40 + 5 * turn, 100)} percent of ballots counted on {weekday}, "
                         f"{s.first.short} had {share} percent of the vote.")  # fmt: skip
    else:  # takeover
        title = f"{s.first.name} to buy {s.second.name}"
        lines = [
            f"{s.first.name} agreed on {began} to buy {s.second.name} for {money(s.figure)}.",
            f"Unions said the merger would cut {number(grown / 1e7 * s.other)} jobs."
            if rival
            else f"{s.first.short} said about {number(s.figure / 1e7)} jobs would go.",
            f"{described(s.speaker)}, said the deal would make the group the largest in its market.",
        ]
        if turn:
            lines.insert(
                2 if rival else 1, f"{s.first.short} raised its offer to {money(grown)} on {weekday}."
            )
    return title, lines


def background(cast: Cast, rng: random.Random, *, weekday: str) -> list[str]:
    """One or two sentences of other news with recurring actors: the shapes that fill the rest of an article."""
    p, q = rng.sample(cast.people, 2)
    s1, s2 = rng.sample(cast.states, 2)
    body, company = rng.choice(cast.bodies), rng.choice(cast.companies)
    n = rng.randint(3, 900)
    shape = rng.randrange(10)
    if shape == 0:
        return [f'"{rng.choice(QUOTES)}," {described(p)}, said on {weekday}.',
                f"{p.short} added that talks with {s1.name} would resume next month."]  # fmt: skip
    if shape == 1:
        return [f"{titled(p)} met {q.name} in {s1.home} on {weekday} to discuss {rng.choice(TOPICS)}."]
    if shape == 2:
        return [f"{company.name} said on {weekday} that its quarterly profit rose {n % 40 + 2} percent to "
                f"{money(n * 1e6)}."]  # fmt: skip
    if shape == 3:
        return [f"Police in {s1.home} arrested {n} people after {rng.choice(PROTESTS)}, {p.name} said."]
    if shape == 4:
        return [f"Lawmakers in {s1.name} voted {200 + n % 100} to {n % 150} to approve {rng.choice(BILLS)}."]
    if shape == 5:
        return [
            f"{titled(p)} told reporters that {s1.name} would send {n * 10:,} tonnes of grain to {s2.name}."
        ]
    if shape == 6:
        return [
            f"{opening(body.name)} said it had delivered {n:,} tonnes of food aid to {s1.name} since January."
        ]
    if shape == 7:
        return [f"{titled(p)} arrived in {s2.home} on {weekday} for a two-day visit.",
                f"{p.short} is expected to meet {q.name} on the second day."]  # fmt: skip
    if shape == 8:
        return [
            f"{s1.name} and {s2.name} signed an agreement on {rng.choice(TOPICS)} worth {money(n * 1e7)}."
        ]
    return [
        f"At least {n % 60 + 2} people were killed in floods in the south of {s1.name}, {described(p)}, said."
    ]
