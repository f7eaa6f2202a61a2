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
    "CLAUSE_HEADS",
    "DENIED",
    "DETERMINER",
    "ELABORATING",
    "HYPHEN_MODIFIER",
    "NAMES",
    "NOUN_CLAUSE",
    "NOUN_MODIFIER",
    "NO_TRIGGER",
    "OBJECT",
    "PARTICIPLE",
    "PASSIVE",
    "PLACED",
    "PREDICATE",
    "RAISING",
    "REPORTED",
    "ROLE_PREPOSITION",
    "SIGNERS",
    "SUBJECT",
    "SUBJECTS",
    "THINGS",
    "TRIGGER_MODIFIER",
    "group",
]


@lru_cache(maxsize=1)
def _scheme() -> dict[str, Any]:
    from newsgraph.ontology import ontology_path

    return tomllib.loads(ontology_path("parser.toml").read_text(encoding="utf-8"))


def group(kind: str, name: str) -> frozenset[str]:
    """One group of labels of ``parser.toml`` (``kind`` is ``dependencies`` or ``entities``)."""
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
HYPHEN_MODIFIER = group("dependencies", "hyphen_modifier")
SIGNERS = group("dependencies", "signers")
DETERMINER = group("dependencies", "determiner")
PREDICATE = group("dependencies", "predicate")
ROLE_PREPOSITION = group("dependencies", "role_preposition")
NAMES = group("entities", "names")
NO_TRIGGER = group("entities", "no_trigger")
AMOUNTS = group("entities", "amounts")
PLACED = group("entities", "placed")
THINGS = group("entities", "things")
