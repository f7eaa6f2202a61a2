"""The parser's labels the rules read, named once (``ontology/parser.toml``): the English coupling in one place.

>>> "dobj" in OBJECT, "nsubjpass" in PASSIVE, "MONEY" in AMOUNTS
(True, True, True)
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

__all__ = [
    "AFFECTED",
    "AMOUNTS",
    "ARGUMENT",
    "ASKED",
    "BEFALLEN",
    "CLAUSE_HEADS",
    "COUNTED_HEADS",
    "DENIED",
    "DETERMINER",
    "ELABORATING",
    "FIGURE_HOLDER",
    "FIGURE_PREDICATE",
    "GOVERNED",
    "INVERTED_SOURCE",
    "NAMES",
    "NOUN_CLAUSE",
    "NOUN_CLAUSES",
    "NOUN_MODIFIER",
    "NO_INITIALS",
    "NO_TRIGGER",
    "NUMBER_ON_NOUN",
    "OBJECT",
    "PAIR_MODIFIER",
    "PARTICIPLE",
    "PASSIVE",
    "PLACED",
    "PLACES_OR_BODIES",
    "PREDICATE",
    "RAISING",
    "REPORTED",
    "RESTRICTING",
    "ROLE_PREPOSITION",
    "SHARES_UNIT",
    "SIGNERS",
    "SOURCE_CLAUSE",
    "SPEAKER_MODIFIERS",
    "SUBJECT",
    "SUBJECTS",
    "THINGS",
    "TRIGGER_MODIFIER",
    "WITHIN_CLAUSE",
    "group",
]


@lru_cache(maxsize=1)
def _scheme() -> dict[str, Any]:
    from newsgraph.ontology import ontology_path

    return tomllib.loads(ontology_path("parser.toml").read_text(encoding="utf-8"))


def group(kind: str, name: str) -> frozenset[str]:
    """One group of labels of ``parser.toml`` (``kind`` is ``dependencies``, ``entities`` or ``tags``)."""
    return frozenset(_scheme()[kind][name])


SUBJECT = group("dependencies", "subject")
SUBJECTS = group("dependencies", "subjects")
OBJECT = group("dependencies", "object")
AFFECTED = group("dependencies", "affected")
ARGUMENT = group("dependencies", "argument")
PASSIVE = group("dependencies", "passive")
NOUN_CLAUSE = group("dependencies", "noun_clause")
NOUN_MODIFIER = group("dependencies", "noun_modifier")
TRIGGER_MODIFIER = group("dependencies", "trigger_modifier")
RAISING = group("dependencies", "raising")
CLAUSE_HEADS = group("dependencies", "clause_heads")
REPORTED = group("dependencies", "reported")
ASKED = group("dependencies", "asked")
DENIED = group("dependencies", "denied")
ELABORATING = group("dependencies", "elaborating")
PARTICIPLE = group("dependencies", "participle")
SIGNERS = group("dependencies", "signers")
DETERMINER = group("dependencies", "determiner")
PREDICATE = group("dependencies", "predicate")
ROLE_PREPOSITION = group("dependencies", "role_preposition")
INVERTED_SOURCE = group("dependencies", "inverted_source")
NUMBER_ON_NOUN = group("dependencies", "number_on_noun")
SOURCE_CLAUSE = group("dependencies", "source_clause")
SHARES_UNIT = group("dependencies", "shares_unit")
BEFALLEN = group("dependencies", "befallen")
FIGURE_HOLDER = group("dependencies", "figure_holder")
FIGURE_PREDICATE = group("dependencies", "figure_predicate")
RESTRICTING = group("dependencies", "restricting")
WITHIN_CLAUSE = group("dependencies", "within_clause")
NOUN_CLAUSES = group("dependencies", "noun_clauses")
GOVERNED = group("dependencies", "governed")
#: the modifiers that name a speaker, the likeliest first
SPEAKER_MODIFIERS: tuple[str, ...] = tuple(_scheme()["dependencies"]["speaker_modifiers"])
PAIR_MODIFIER = group("dependencies", "pair_modifier")
PLACES_OR_BODIES = group("entities", "places_or_bodies")
NO_INITIALS = group("entities", "no_initials")
COUNTED_HEADS = group("tags", "counted_heads")
NAMES = group("entities", "names")
NO_TRIGGER = group("entities", "no_trigger")
AMOUNTS = group("entities", "amounts")
PLACED = group("entities", "placed")
THINGS = group("entities", "things")
