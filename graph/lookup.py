"""An actor by the name a user types: its label, an alias, a surname, or its IRI. One rule for every command and
method that takes an actor (``analyze path``, ``render --focus``, the corrections), so that a name that finds an
actor in one finds it in all (``query actor-events`` matches labels and aliases the same way).

1. An IRI is taken as it is (it must name an actor in the store).
2. A label or an alias, in any case (``ng:lookupKey``, one index probe): the actor whose label it is, else the one
   whose alias it is; two actors with that label are ambiguous.
3. Otherwise the words of the name among the words of a label ("Budanov", "Jong Un"): the one actor that has
   them; among several, the only person whose surname it is.
4. Otherwise nothing: ``ActorNotFoundError`` names the argument and the labels closest to the name.

>>> from newsgraph.graph.store import Store
>>> find_actor(Store(), "Kim", parameter="source")
Traceback (most recent call last):
...
newsgraph.errors.ActorNotFoundError: source='Kim': no actor in the store goes by that name
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pyoxigraph as ox

from newsgraph.errors import ActorNotFoundError
from newsgraph.graph.store import AnyStore
from newsgraph.loaders.table import normalize_name
from newsgraph.queries import bind_params, bind_value, load_query, lookup_key

__all__ = ["FoundActor", "actor_rows", "find_actor"]


@dataclass(frozen=True)
class FoundActor:
    """An actor of the store: its IRI, label, type and how many mentions name it."""

    iri: str
    label: str
    type: str
    mentions: int

    def describe(self) -> str:
        return f"{self.label} ({self.type}, {self.mentions} mention{'' if self.mentions == 1 else 's'})"


def actor_rows(store: AnyStore) -> dict[str, FoundActor]:
    """Every actor and place of the store, by IRI (one row each: ``actors`` and places)."""
    found = {}
    for row in store.query(load_query("actor-names").text):
        iri = row["actor"].value
        found[iri] = FoundActor(iri, row["label"].value, row["type"].value, int(row["mentions"].value))
    return found


def _ranked(actors: list[FoundActor]) -> list[FoundActor]:
    return sorted(actors, key=lambda a: (-a.mentions, a.label, a.iri))


def _ambiguous(name: str, parameter: str, candidates: list[FoundActor]) -> ActorNotFoundError:
    ranked = _ranked(candidates)
    listed = "; ".join(f"{a.describe()} <{a.iri}>" for a in ranked[:6])
    return ActorNotFoundError(
        f"{parameter}={name!r} could be any of: {listed}; give the full name or the IRI",
        parameter=parameter,
        name=name,
        candidates=[a.label for a in ranked],
    )


def find_actor(store: AnyStore, name: str, *, parameter: str = "actor") -> FoundActor:
    """The actor ``name`` means (see the module's rules); ``parameter`` names the argument in errors."""
    actors = actor_rows(store)
    term = bind_value(name.strip())
    if isinstance(term, ox.NamedNode):
        if term.value in actors:
            return actors[term.value]
        raise ActorNotFoundError(
            f"{parameter}={name!r}: no actor in the store has that IRI",
            parameter=parameter,
            name=name,
            candidates=[],
        )
    key = lookup_key(name)
    if not key:
        raise ActorNotFoundError(
            f"{parameter}={name!r}: give a name", parameter=parameter, name=name, candidates=[]
        )
    named = {
        row["actor"].value
        for row in store.query(
            load_query("actor-by-name").text, bind_params(load_query("actor-by-name").text, {"name": name})
        )
        if row["actor"].value in actors
    }
    if named:
        labelled = [actors[i] for i in named if lookup_key(actors[i].label) == key]
        chosen = labelled or [actors[i] for i in named]
        if len(chosen) == 1:
            return chosen[0]
        raise _ambiguous(name, parameter, chosen)
    words = normalize_name(name).split()
    having = [a for a in actors.values() if _contains(normalize_name(a.label).split(), words)]
    if len(having) == 1:
        return having[0]
    if having:
        surnames = [a for a in having if a.type == "Person" and normalize_name(a.label).split()[-1:] == words]
        if len(surnames) == 1:
            return surnames[0]
        raise _ambiguous(name, parameter, having)
    labels = {a.label: a for a in actors.values()}
    close = difflib.get_close_matches(name, list(labels), n=3, cutoff=0.6)
    if not close:  # a misspelt surname ("Budanof"): the labels with a word close to it
        by_word = {w: a.label for a in actors.values() for w in a.label.split() if len(w) > 2}
        close = sorted({by_word[w] for w in difflib.get_close_matches(name, list(by_word), n=3, cutoff=0.75)})
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise ActorNotFoundError(
        f"{parameter}={name!r}: no actor in the store goes by that name{hint}",
        parameter=parameter,
        name=name,
        candidates=close,
    )


def _contains(label: list[str], words: list[str]) -> bool:
    """Whether ``words`` appear in ``label`` as a run ("jong un" in "kim jong un")."""
    size = len(words)
    return size > 0 and any(label[i : i + size] == words for i in range(len(label) - size + 1))
