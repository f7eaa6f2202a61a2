"""Nominal mentions: descriptions that refer back to an actor named before ("the company", "the court", "the health
ministry", "the kingdom", "the former president", "Japan's securities watchdog").

A description is a noun phrase opened by "the", a possessive pronoun ("our board") or an actor's possessive
("Japan's securities watchdog"), whose head noun is in one of the nominal classes of ``ontology/names.toml``. It
refers to the nearest actor before it that it can describe:

* **companies** ("the company", "the airline", "the Burbank-based company"): an organisation that is neither a
  state body (a table institution of a state) nor an outlet;
* **bodies** ("the commission", "the court", "the health ministry"): an organisation whose name has the head noun
  (and the modifier, when there is one); a state's ministry or army that was not named is the home state's
  institution from the table, else one named for it ("Interior Ministry (Spain)");
* **governments** ("the government", "the authorities"): the government of the state the article is most about;
* **countries** ("the country", "the kingdom"): a state named before (a kingdom only one whose official name says
  so);
* **places** ("the city", "the capital"): a place named before; the capital of the home state;
* **people by office** ("the former president", "the judge", "the airline's chief executive"): a person whose
  role or title has the office's words.

The owner of a possessive must be the actor's owner or part of its name. A description that introduces a name
("the public broadcaster of Ukraine, Suspilne,") is not a mention of an earlier actor. A description that fits no
actor is left alone. Descriptions are recorded as mentions with their sentence, never as names of the actor
(except for an institution the article names only by description). Each kind is a registered rule of the
``descriptions`` phase; the words are classes of ``ontology/names.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.loaders._labels import SUBJECTS, THINGS
from newsgraph.loaders._states import government_of, home_country
from newsgraph.loaders.namewords import word_key
from newsgraph.loaders.table import normalize_name

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution
    from newsgraph.loaders.rules import Rules

__all__ = ["home_country", "nominal_mentions"]

#: the name classes of descriptions, in the order a head noun is tried
_CLASSES = (
    "nominal_companies",
    "nominal_bodies",
    "nominal_governments",
    "nominal_countries",
    "nominal_places",
)


def _state_body(actor: ArticleActor) -> bool:
    return bool(actor.table is not None and actor.table.kind and actor.table.affiliation) or actor.group


def _media(actor: ArticleActor) -> bool:
    return actor.table is not None and actor.table.media


@lru_cache(maxsize=256)
def _official_name(label: str) -> str:
    import pycountry

    try:
        country = pycountry.countries.lookup(label)
    except LookupError:
        return label
    return str(getattr(country, "official_name", "") or country.name)


def _before(res: Resolution, position: int) -> list[ArticleActor]:
    """Actors mentioned before a token, nearest first (by their last mention before it)."""
    last: dict[str, int] = {}
    for span, actor in res.spans:
        if span.start < position:
            last[actor.iri] = max(last.get(actor.iri, -1), span.start)
    return [res.actors[iri] for iri in sorted(last, key=lambda k: -last[k]) if iri in res.actors]


def _bare_plural(rules: Rules, head: Token, lefts: list[Token]) -> bool:
    """ "Authorities fear …", "local authorities said": a plural of a state's government with no determiner is as
    definite as "the authorities" (rule ``bare_plural_governments``; name class ``bare_governments``)."""
    return (
        rules.on("bare_plural_governments")
        and head.tag_ in {"NNS", "NNPS"}
        and rules.names.has("bare_governments", head.lower_)
        and all(t.dep_ == "amod" for t in lefts)
    )


def _phrase(rules: Rules, head: Token) -> tuple[int, Token | None, list[Token]] | None:
    """The start of a description, its owner token (an actor's possessive), and its modifiers; None when the head
    does not open with a determiner or a possessive."""
    lefts = list(head.lefts)
    if _bare_plural(rules, head, lefts):
        return (lefts[0].i if lefts else head.i), None, [t for t in lefts if t.dep_ == "amod" and t.is_alpha]
    if not lefts:
        return None
    first = lefts[0]
    owner = None
    if rules.names.has("description_openers", first.lower_) and first.dep_ in {"det", "poss"}:
        pass
    elif first.dep_ == "poss" and first.pos_ in {"PROPN", "NOUN"}:
        owner = first
    else:
        return None
    modifiers = [t for t in lefts[1:] if t.dep_ in {"amod", "compound", "nmod"} and t.is_alpha]
    start = first.left_edge.i if owner is not None else first.i
    return start, owner, modifiers


def nominal_mentions(res: Resolution, sent_of: dict[int, int]) -> None:
    """Attach each description to the actor it refers to (see the module's rules)."""
    rules = res.rules
    words = rules.names
    doc = res.doc
    if not rules.on("descriptions"):
        return
    if rules.on("a_bodys_noun_alone"):
        _bare_bodies(res)
    home = home_country(res)
    nouns = set().union(*(words.classes[c] for c in _CLASSES))
    # "the ethics committee" tagged as an organisation has no name in it: it is a description
    unnamed = {t.i for e in doc.ents if not any(t.is_upper or t.is_title for t in e) for t in e}
    if not rules.on("descriptions_tagged_as_names"):
        unnamed = set()
    for head in doc:
        # a title in capitals the model took for a product ("the Saudi Crown Prince said") is still a title
        titled = words.has("titles", head.lower_) and head.ent_type_ in THINGS
        if head.i in res.token_actor or (head.ent_type_ and not titled and head.i not in unnamed):
            continue
        if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and (head.lower_ in nouns or titled)):
            continue  # "the Kingdom": a capitalised common noun the tagger took for a name
        key = word_key(head.lemma_ if head.lemma_ else head.text)
        lower = head.lower_
        classes = [c for c in _CLASSES if key in words.classes[c] or lower in words.classes[c]]
        title = words.has("titles", lower) and lower not in {"official", "officials"}
        aged = _aged(rules, head)
        if not classes and not title and not aged:
            continue
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        if head.dep_ == "compound" or (
            rules.on("introductions") and nxt is not None and (nxt.i in res.token_actor or nxt.ent_type_)
        ):
            continue  # "the public broadcaster Suspilne": the description introduces the name that follows
        if rules.on("introductions") and any(t.dep_ == "appos" for t in head.subtree):
            continue  # "the broadcaster of Ukraine, Suspilne,"
        found = _phrase(rules, head)
        if found is None:
            continue
        start, owner_token, modifiers = found
        owner = res.actor_at(owner_token) if owner_token is not None else None
        if owner_token is not None and owner is None:
            owner = res.country_of(owner_token)
            if owner is None:
                continue
        named = {res.token_actor[t.i].iri: res.token_actor[t.i] for t in modifiers if t.i in res.token_actor}
        owning: set[int] = set()
        if named and aged and all(a.type in {"Place", "Country"} for a in named.values()):
            # "the 32-year-old California man": where the person is from is a name of its own
            owning = {t.i for t in modifiers if t.i in res.token_actor}
            modifiers = [t for t in modifiers if t.i not in owning]
            named = {}
        if (
            named
            and not title
            and owner is None
            and [a.type for a in named.values()] == ["Country"]
            and rules.on("a_state_as_a_modifier")
        ):
            # "the US agency": the state named as a modifier owns what the description names
            (owner,) = named.values()
            owning = {t.i for t in modifiers if t.i in res.token_actor}
            modifiers = [t for t in modifiers if t.i not in owning]
            named = {}
        if named:
            # "the Disney board": a name, resolved already; but "the Corvina Air chief executive" is a person,
            # the organisation that owns the office named before the title
            if (
                not title
                or owner is not None
                or len(named) != 1
                or not rules.on("offices_of_a_named_organisation")
            ):
                continue
            (owner,) = named.values()
            if owner.type not in {"Organization", "Country"}:
                continue
            owning = {t.i for t in modifiers if t.i in res.token_actor}
            modifiers = [t for t in modifiers if t.i not in owning]
            classes = []  # "the Corvina Air executive" is a person, not "the executive" (a government)
        target = _refer(_Description(res, head, classes, title, modifiers, owner, home, owner_token))
        if target is None and aged and owner is None and rules.on("people_by_age"):
            target = _story_person(res, head)
        if target is None and title and not classes and owner is None and rules.on("people_by_nationality"):
            target = _by_nationality(res, head, modifiers)
        if target is None:
            continue
        span = doc[start : head.i + 1]
        backers = _backers(modifiers) | owning  # "the Iran-backed group": Iran is named, the group described
        if any(
            t.i in res.token_actor
            for t in span
            if t.i != (owner_token.i if owner_token is not None else -1) and t.i not in backers
        ):
            continue
        # an actor the article names only so ("the interior ministry"): that is its name here
        named_so = not target.mentions
        owned = set(range(owner_token.left_edge.i, owner_token.i + 2)) if owner_token is not None else set()
        tokens = [t for t in span if t.i not in backers and t.i not in owned]
        res.attach(Span(doc, span.start, span.end), target, sent_of[head.i], name=named_so, tokens=tokens)


def _aged(rules: Rules, head: Token) -> bool:
    """ "the 32-year-old California man", "the 64-year-old executive": a person described by an age."""
    if not rules.names.has("person_nouns", head.lower_) and not rules.names.has("titles", head.lower_):
        return False
    text = head.doc[head.left_edge.i : head.i].text
    return bool(re.search(r"\b\d{1,3}-year-old\b", text))


def _story_person(res: Resolution, head: Token) -> ArticleActor | None:
    """Whom an age description refers to: the person the article has named most often before it (the story's
    subject; the nearest on a tie)."""
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    verb = next((t for t in head.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    subjects = {
        a.iri
        for c in (verb.children if verb is not None else ())
        if c.dep_ in SUBJECTS
        for a in [res.actor_at(c)]
        if a is not None
    }  # "the judge said of the 32-year-old man": the one who speaks is not the one described
    for span, actor in res.spans:
        if actor.type == "Person" and span.start < head.i and actor.iri not in subjects:
            counts[actor.iri] += 1
            last[actor.iri] = max(last.get(actor.iri, -1), span.start)
    if not counts:
        return None
    best = max(counts, key=lambda iri: (counts[iri], last[iri]))
    return res.actors.get(best)


def _by_nationality(res: Resolution, head: Token, modifiers: list[Token]) -> ArticleActor | None:
    """ "the Serbian star", "the Kenyan champion": a person described by a nationality and a role is the story's
    person (see ``_story_person``) when no person of another state the table knows is it."""
    state = next(
        (
            found
            for m in modifiers
            if m.dep_ in {"amod", "compound"} and (found := res.country_of(m)) is not None
        ),
        None,
    )
    if state is None or state.type != "Country":
        return None
    person = _story_person(res, head)
    if person is None or (person.affiliation is not None and person.affiliation != state.iri):
        return None
    return person


def _backers(modifiers: list[Token]) -> set[int]:
    """The tokens naming who backs, owns or leads what a description describes ("the Iran-backed group",
    "the Kremlin-controlled broadcaster"): a name of its own inside the description."""
    backers: set[int] = set()
    for modifier in modifiers:
        if modifier.dep_ == "amod" and modifier.tag_ == "VBN":
            for child in modifier.lefts:
                if child.dep_ in {"npadvmod", "compound", "nmod"}:
                    backers.update(t.i for t in child.subtree)
    return backers


def _bare_bodies(res: Resolution) -> None:
    """ "our Board", "the Commission": a body's noun alone, capitalised, that the model took for a name is a
    description of the organisation named before whose name has that noun ("the Disney Board of Directors")."""
    from newsgraph.loaders._merge import fold
    from newsgraph.loaders.resolve import Mention

    words = res.rules.names

    for actor in list(res.actors.values()):
        label = normalize_name(actor.label)
        if actor.table is not None or " " in label or label not in words.classes["nominal_bodies"]:
            continue
        if not actor.mentions:
            continue
        before = [
            a
            for a in _before(res, next(s.start for s, x in res.spans if x is actor))
            if a is not actor and a.type == "Organization" and label in normalize_name(a.label).split()
        ]
        if before:
            doc = res.doc
            for index, m in enumerate(actor.mentions):  # the description keeps its determiner: "our Board"
                if m.token_start > 0 and words.has("description_openers", doc[m.token_start - 1].lower_):
                    span = doc[m.token_start - 1 : m.token_end]
                    actor.mentions[index] = Mention(
                        span.text, span.start_char, span.end_char, m.sentence, span.start, span.end
                    )
            fold(res, actor, before[0])


def _armed_forces(actor: ArticleActor, kind: str) -> bool:
    """Whether an actor is a state's armed forces (its table kind, or a name such as "Armed Forces of Chile")."""
    return kind == "armed forces" or normalize_name(actor.label).startswith("armed forces")


@dataclass
class _Description:
    """A description and what the rules read of it."""

    res: Resolution
    head: Token
    classes: list[str]
    title: bool
    modifiers: list[Token]
    owner: ArticleActor | None
    home: ArticleActor | None
    owner_token: Token | None = None

    def __post_init__(self) -> None:
        names = self.res.rules.names
        self.candidates = _before(self.res, self.head.i)
        self.lemma = word_key(self.head.lemma_)
        self.telling = [
            m
            for m in self.modifiers
            if not names.has("empty_modifiers", m.lower_) and not names.has("titles", m.lower_)
        ]
        if self.owner is None and self.res.rules.on("a_state_as_a_modifier"):
            # "the US agency": a state as modifier owns what it describes
            for modifier in self.telling:
                found = self.res.country_of(modifier)
                if found is not None:
                    self.owner = found
                    self.telling = [m for m in self.telling if m is not modifier]
                    break
        head = self.head
        self.armed = names.has("armed_nouns", head.lower_) or any(
            names.has("armed_words", m.lower_)
            or m.lower_.endswith("-backed")
            or (m.lower_ == "backed" and head.lower_ == "group")
            for m in self.modifiers
        )

    def owned(self, actor: ArticleActor) -> bool:
        """Whether an actor is the description's owner's (its affiliation, or the owner's name in its own)."""
        if self.owner is None:
            return True
        return actor.affiliation == self.owner.iri or normalize_name(self.owner.label) in normalize_name(
            actor.label
        )


def _refer(d: _Description) -> ArticleActor | None:
    """The actor a description refers to, by its kind: a government, an armed group, a company, a body, a state,
    a place or a person by office (each a rule; a description of a kind that is off refers to none)."""
    rules = d.res.rules
    if "nominal_governments" in d.classes:
        return _government(d) if rules.on("governments") else None
    if d.armed:
        return _armed_group(d) if rules.on("armed_groups") else None
    if "nominal_companies" in d.classes:
        return _company(d) if rules.on("companies") else None
    if "nominal_bodies" in d.classes:
        return _body(d) if rules.on("bodies") else None
    if "nominal_countries" in d.classes:
        return _country(d) if rules.on("states_and_places") else None
    if "nominal_places" in d.classes:
        return _place(d) if rules.on("states_and_places") else None
    if d.title:
        return _office(d) if rules.on("people_by_office") else None
    return None


def _government(d: _Description) -> ArticleActor | None:
    """ "the government", "the administration": the state acting (as "Seoul said" is), the home state unless an
    owner says which; "the regional government": the government of the region named before."""
    res = d.res
    if any(res.rules.names.has("regional_modifiers", m.lower_) for m in d.modifiers) and d.owner is None:
        region = next((a for a in d.candidates if a.type == "Place"), None)
        if region is None:
            return None
        actor = res.mint(f"Government of {region.label}", "Organization")
        actor.group = True
        return actor
    state = d.owner if d.owner is not None and d.owner.type == "Country" else d.home
    return government_of(res, state) if state is not None else None


def _armed_group(d: _Description) -> ArticleActor | None:
    """ "the paramilitary", "the Iran-backed terror group": an armed organisation named before, not the state's army
    or command and never any other named body; "the junta": the army that rules (rule ``the_junta``)."""
    rules = d.res.rules
    junta = d.head.lower_ == "junta" and rules.on("the_junta")
    for actor in d.candidates:
        if actor.type != "Organization" or _media(actor) or (actor.table is not None and actor.table.company):
            continue
        kind = (actor.table.kind or "") if actor.table else ""
        if not junta and (kind == "armed forces" or _state_body(actor)):
            continue  # "the Iran-backed terror group" is no state's army or command
        if junta and _armed_forces(actor, kind):
            return actor  # "the junta": the army that rules
        if not junta and (
            kind == "armed group"
            or set(normalize_name(actor.label).split()) & rules.names.classes["armed_names"]
        ):
            return actor  # an armed name ("… Forces", "… Front") or one the table knows; never any other body
    return None


def _company(d: _Description) -> ArticleActor | None:
    """ "the company", "the airline", "the carmaker": the nearest organisation before that is a business (not a
    state body, not an outlet); "the broadcasting company" is an outlet."""
    names = d.res.rules.names
    news = any(names.has("news_modifiers", m.lower_) for m in d.modifiers)
    for actor in d.candidates:
        if actor.type != "Organization" or not d.owned(actor) or _state_body(actor):
            continue
        if news and _media(actor):
            return actor
        last = (normalize_name(actor.label).split() or [""])[-1]
        # "Cyber Command" or "the Lahaina Restoration Committee" is no business
        body = last == "command" or last in names.classes["nominal_bodies"]
        business = actor.table.company if actor.table is not None else not actor.group and not body
        if not news and business and not _media(actor):
            return actor
    return None


def _body(d: _Description) -> ArticleActor | None:
    """ "the commission", "the court", "the health ministry": an organisation whose name has the noun and its
    modifiers; "Japan's securities watchdog", "the central bank": the state's institution of that kind from the
    table; "the Fed's policy-setting committee": a body of the owner; "the US agency": the state's organisation named
    last; "FIFA's ethics committee", named no other way, that body of the owner (rule ``an_organisations_body``); an
    unnamed ministry or army of the home state is minted for it."""
    res = d.res
    rules = res.rules
    names = rules.names
    lemma, owner, telling, home = d.lemma, d.owner, d.telling, d.home
    kind_noun = rules.words.value("body_kinds", lemma)
    state = owner if owner is not None and owner.type == "Country" else None
    if kind_noun is not None and telling and (state or (home if lemma == "bank" else None)) is not None:
        kind = " ".join([*(m.lower_ for m in telling), kind_noun])
        row = res.table.institution((state or home).iri.rsplit("/", 1)[-1], kind)  # type: ignore[union-attr]
        if row is not None:
            return res.ensure(row)
    if owner is not None and owner.type == "Organization":
        for row in res.table.actors:
            if row.affiliation == owner.iri.rsplit("/", 1)[-1] and lemma in normalize_name(row.label).split():
                return res.ensure(row)
    for actor in d.candidates:
        if actor.type != "Organization" or not d.owned(actor):
            continue
        name = normalize_name(actor.label)
        kind = (actor.table.kind or "") if actor.table else ""
        has_head = lemma in name.split() or lemma in kind.split() or d.head.lower_ in name.split()
        # "the Ukrainian military ... The military said": a state's armed forces, named before, are its military
        has_head = has_head or (lemma in {"army", "military"} and _armed_forces(actor, kind))
        if has_head and all(
            word_key(m.lemma_) in name or m.lower_ in name or m.lower_ in kind for m in telling
        ):
            return actor
    if (
        owner is not None
        and owner.type == "Country"
        and not telling
        and lemma in names.classes["generic_bodies"]
    ):
        for actor in d.candidates:
            if (
                actor.type == "Organization"
                and d.owned(actor)
                and not _media(actor)
                and not (actor.table is not None and actor.table.company)
            ):
                return actor
    if (
        owner is not None
        and owner.type == "Organization"
        and d.owner_token is not None
        and telling
        and lemma not in names.classes["kinds_not_names"]
        and rules.on("an_organisations_body")
    ):
        name = " ".join([d.owner_token.text, *(m.text.title() for m in telling), d.head.text.title()])
        actor = res.mint(name, "Organization")
        actor.affiliation = owner.iri
        return actor
    if lemma in {"ministry", "army", "military"} and (owner or home) is not None:
        state = owner if owner is not None and owner.type == "Country" else home
        if state is None:
            return None
        institution: str | None = None
        if lemma in {"army", "military"}:
            institution = "armed forces"
        elif telling:
            institution = f"{telling[0].lower_} ministry"
        if institution is None:
            return None
        row = res.table.institution(state.iri.rsplit("/", 1)[-1], institution)
        if row is not None:
            return res.ensure(row)
        if lemma == "ministry":
            actor = res.mint(f"{telling[0].text.title()} Ministry ({state.label})", "Organization")
        else:
            actor = res.mint(f"Armed Forces of {state.label}", "Organization")
        actor.affiliation = state.iri
        return actor
    return None


def _country(d: _Description) -> ArticleActor | None:
    """ "the country", "the kingdom": a state named before (a kingdom only one whose official name says so)."""
    for actor in d.candidates:
        if actor.type != "Country":
            continue
        if d.lemma == "kingdom" and "kingdom" not in _official_name(actor.label).lower():
            continue
        return actor
    return None


def _place(d: _Description) -> ArticleActor | None:
    """ "the city": a place named before; "the capital": the home state's capital, "the Russian capital" Russia's."""
    res = d.res
    # "the Russian capital", "Greece's capital": the state named's (rule capitals_of_a_state_named); else the home's
    named = d.owner if d.owner is not None and d.owner.type == "Country" else None
    state = named if named is not None and res.rules.on("capitals_of_a_state_named") else d.home
    if d.lemma == "capital" and state is not None:
        home_key = state.iri.rsplit("/", 1)[-1]
        # a city that stands for the state, not a seat of power ("the Kremlin" is no capital)
        capital = next((a for a in res.table.actors if a.stands_for == home_key and not a.seat), None)
        if capital is not None:
            return res.ensure(capital)
    for actor in d.candidates:
        if actor.type == "Place":
            return actor
    return None


def _office(d: _Description) -> ArticleActor | None:
    """ "the judge", "the former president": a person whose role has the office's words."""
    names = d.res.rules.names
    wanted = {
        d.head.lower_,
        *(
            m.lower_
            for m in d.modifiers
            if names.has("titles", m.lower_) and not names.has("empty_modifiers", m.lower_)
        ),
    }
    for actor in d.candidates:
        if actor.type != "Person" or not d.owned(actor):
            continue
        roles = " ".join([*actor.roles, actor.table.role if actor.table and actor.table.role else ""]).lower()
        if wanted <= set(roles.replace("-", " ").split()):
            return actor
    return None
