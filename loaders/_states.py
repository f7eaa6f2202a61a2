"""States as the article speaks of them: the state an article is most about, how a state's name reads in a longer
name ("the United Kingdom", "Chile"), and the one canonical actor for a state's government.

>>> from newsgraph.loaders.rules import Rules
>>> rules = Rules.load()
>>> [state_name(rules, n) for n in ("United Kingdom", "Philippines", "Chile", "Sudan", "Belarus")]
['the United Kingdom', 'the Philippines', 'Chile', 'Sudan', 'Belarus']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.ontology import DATA

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution
    from newsgraph.loaders.rules import Rules

__all__ = ["government_names", "government_of", "home_country", "state_name"]

_ACTOR = str(DATA["actor/"])


@lru_cache(maxsize=512)
def _official_name(label: str) -> str:
    import pycountry

    try:
        country = pycountry.countries.lookup(label)
    except LookupError:
        return ""
    return str(getattr(country, "official_name", "") or "")


def state_name(rules: Rules, label: str) -> str:
    """A state's name as it reads after "of": with "the" when a word of it is a common noun of states (word class
    ``state_heads_with_article``: "Kingdom", "States", "Republic", "Islands") or when it is a plural name its
    official name writes with "the" ("Kingdom of the Netherlands", "Republic of the Philippines"); as it is
    otherwise (a name that is no plural takes no article, whatever its official name: "Republic of the Sudan")."""
    words = label.split()
    if not words or words[0].lower() == "the":
        return label
    if any(rules.words.has("state_heads_with_article", w.lower()) for w in words):
        return f"the {label}"
    if (
        words[-1].endswith("s")
        and not words[-1].endswith(("us", "os"))
        and f"of the {label}" in _official_name(label)
    ):
        return f"the {label}"
    return label


def home_country(res: Resolution) -> ArticleActor | None:
    """The state the article is most about: the country named most often; with rule ``states_by_their_capitals``
    its capital named as a place counts for it too, and with ``states_by_their_people`` its people and institutions
    the table knows ("Rishi Sunak", "the Home Office" count for the United Kingdom); with ``states_as_attributes``
    a name that is an attribute of a common noun ("the Rwanda policy") or a destination counts a quarter; the first
    named on a tie."""
    counts: dict[str, float] = {}
    first: dict[str, int] = {}

    def count(iri: str, start: int, weight: float = 1.0) -> None:
        counts[iri] = counts.get(iri, 0.0) + weight
        first[iri] = min(first.get(iri, start), start)

    capitals = res.rules.on("states_by_their_capitals")
    people = res.rules.on("states_by_their_people")
    attributes = res.rules.on("states_as_attributes")
    for actor in res.actors.values():
        row = actor.table
        if actor.type == "Country":
            state: str | None = actor.iri
        elif capitals and actor.type == "Place" and row is not None and row.stands_for:
            state = _ACTOR + row.stands_for
        elif people and actor.type in {"Person", "Organization"} and row is not None and not row.media:
            state = _ACTOR + row.affiliation if row.affiliation else None
        else:
            state = None
        owner = (
            res.table.by_key.get(state[len(_ACTOR) :]) if state is not None and state != actor.iri else None
        )
        if state is None or (state != actor.iri and (owner is None or owner.type != "Country")):
            continue
        for m in actor.mentions:
            # a name as an attribute or a destination counts for little (it still tells a story of one state)
            count(state, m.start, 0.25 if attributes and _attribute(res, m.token_start, m.token_end) else 1.0)
    if res.rules.on("states_by_their_currency"):
        _count_currencies(res, count)
    if not counts:
        return None
    best = max(counts, key=lambda iri: (counts[iri], -first[iri]))
    found = res.actors.get(best)
    row = res.table.by_key.get(best[len(_ACTOR) :])
    if found is None and row is not None:
        found = res.looked_up.get(row.iri) or res._record(row)
        res.looked_up[row.iri] = found  # a lookup: a record of the article only if a rule uses it
    return found


def _count_currencies(res: Resolution, count: Callable[[str, int, float], None]) -> None:
    """Each amount in a currency other than a reserve one (word class ``reserve_currencies``) counts for the state
    that issues it: a story told in pounds is told for Britain, whatever state it is about. The amounts are found
    once per article."""
    if res.currency_states is None:
        res.currency_states = _currency_states(res)
    for iri, start in res.currency_states:
        count(iri, start, 1.0)


def _currency_states(res: Resolution) -> list[tuple[str, int]]:
    from newsgraph.loaders.money import currency_issuer, find_money

    reserve = res.rules.words["reserve_currencies"]
    found = []
    for money in find_money(res.doc.text, words=res.rules.words):
        if money.code is None or money.code.lower() in reserve:
            continue
        issuer = currency_issuer(money.code)
        row = res.table.country_of_demonym(issuer) if issuer else None
        if row is None and issuer:
            named = res.table.lookup(issuer)
            row = named[0] if named and named[0].type == "Country" else None
        if row is not None:
            found.append((row.iri, money.start))
    return found


def _attribute(res: Resolution, start: int, end: int) -> bool:
    """Whether a state's name is an attribute of a common noun ("the Rwanda policy", "Chile flights") or where
    someone or something goes ("sent to Rwanda"): what the story is about, not who acts in it."""
    if end <= start:
        return False
    root = res.doc[start:end].root
    if root.dep_ == "pobj" and res.rules.words.has("directional", root.head.lower_):
        return True  # "deported to Rwanda": where someone is sent
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= end


def government_of(res: Resolution, state: ArticleActor) -> ArticleActor:
    """The one actor of a state's government: "Government of Chile", "Government of the United Kingdom" (rule
    ``governments_by_one_name``; without it, the state itself acts)."""
    if not res.rules.on("governments_by_one_name"):
        return state
    # the tables' own word on the article (ng:definiteArticle) when they have one, else the name's form
    the = bool(state.table is not None and getattr(state.table, "definite_article", False))
    name = f"the {state.label}" if the else state_name(res.rules, state.label)
    actor = res.mint(f"Government of {name}", "Organization")
    actor.affiliation = state.iri
    actor.group = True
    return actor


def _government_name(res: Resolution, actor: ArticleActor) -> ArticleActor | None:
    """The state whose government a name the model found is ("the Government", "the Morrison Government",
    "Australian Government", "Tory government"): its last word a government's noun (name class
    ``nominal_governments``), the words before it a state or its demonym (that state), or a person's or a party's
    name, a capitalised word or "federal" (the article's state); a region's government ("Regional Government") is
    an organisation of its own."""
    names = res.rules.names
    words = actor.label.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not names.has("nominal_governments", words[-1].lower()):
        return None
    before = words[:-1]
    if any(names.has("regional_modifiers", w.lower()) and w.lower() != "federal" for w in before):
        return None
    if any(
        names.has("organisation_heads", w.lower()) or not w[:1].isupper()
        for w in before
        if w.lower() != "federal"
    ):
        return None
    text = " ".join(before)
    if text:
        row = res.table.country_of_demonym(text)
        named = res.table.lookup(text)
        if row is None and named and named[0].type == "Country":
            row = named[0]
        if row is not None:
            return res.actors.get(row.iri) or res.ensure(row)
    return home_country(res)


def _institution_name(res: Resolution, actor: ArticleActor) -> ArticleActor | None:
    """The table's institution a name the model found is, when the name is a function's ("Coast Guard", "Border
    Force", "Supreme Court"; word class ``institution_words``) after a state or its demonym or alone (the article's
    state)."""
    functions = res.rules.words.table("institution_words")
    words = actor.label.split()
    for cut in range(len(words)):
        key = " ".join(words[cut:]).lower()
        if key not in functions:
            continue
        before = " ".join(words[:cut])
        row = res.table.country_of_demonym(before) if before else None
        named = res.table.lookup(before) if before else []
        if row is None and named and named[0].type == "Country":
            row = named[0]
        state = (res.actors.get(row.iri) or res.ensure(row)) if row is not None else None
        if before and state is None:
            return None  # "Kestrel Coast Guard": a name of its own
        state = state or home_country(res)
        found = res.table.institution(state.iri[len(_ACTOR) :], functions[key]) if state is not None else None
        return res.ensure(found) if found is not None else None
    return None


def government_names(res: Resolution) -> None:
    """Organisations the model found whose name is a state's government's (see ``_government_name``) become that
    government (rule ``government_names``): one actor, "Government of <state>", whatever the text calls it; one
    whose name is a state institution's function ("Coast Guard", "Border Force") becomes the table's institution
    of that state (rule ``institutions_by_their_function_name``)."""
    from newsgraph.loaders._merge import fold

    governments = res.rules.on("government_names") and res.rules.on("governments_by_one_name")
    institutions = res.rules.on("institutions_by_their_function_name")
    for actor in list(res.actors.values()):
        if actor.type != "Organization" or actor.table is not None or actor.group or not actor.mentions:
            continue
        target: ArticleActor | None = None
        state = _government_name(res, actor) if governments else None
        if state is not None and state.type == "Country":
            target = government_of(res, state)
        elif institutions:
            target = _institution_name(res, actor)
        if target is not None and target is not actor:
            fold(res, actor, target, keep_label=True)
