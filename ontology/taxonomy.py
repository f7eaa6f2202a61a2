"""The event taxonomy (``events.ttl``) as lookups: each type's IRI, readable label, broader type and top type.

>>> taxonomy = Taxonomy.load()
>>> taxonomy.top("earthquake"), taxonomy.top("fine"), taxonomy.top("attack")
('other', 'sanction_or_veto', 'attack')
>>> taxonomy.chain("verdict")
['verdict', 'legal', 'other']
>>> taxonomy.label("sentencing"), taxonomy.iri("earthquake")
('sentence', 'https://w3id.org/newsgraph/ns#EarthquakeEvent')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["TOP_TYPES", "EventType", "Taxonomy", "role_types"]

#: the eleven top types (the gold annotations use them), in the order they are listed
TOP_TYPES = (
    "deployment", "casualty", "attack", "capture", "desertion", "meeting", "agreement", "statement",
    "weapons_transfer", "sanction_or_veto", "other",
)  # fmt: skip

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_NG = "https://w3id.org/newsgraph/ns#"


@dataclass(frozen=True)
class EventType:
    notation: str
    iri: str
    label: str
    broader: str | None
    cameo: str | None
    plover: str | None


class Taxonomy:
    """Event types by notation, with their place in the hierarchy."""

    def __init__(self, types: dict[str, EventType]) -> None:
        self.types = types
        missing = [t for t in TOP_TYPES if t not in types]
        if missing:
            raise ValueError(f"the taxonomy lacks top types: {', '.join(missing)}")
        for notation in types:
            self.chain(notation)  # every type reaches a top type, without a cycle

    @classmethod
    def load(cls) -> Taxonomy:
        """The packaged taxonomy (read once per process)."""
        return _load()

    def __contains__(self, notation: object) -> bool:
        return notation in self.types

    def chain(self, notation: str) -> list[str]:
        """The type and each broader one, up to its top type."""
        out = [notation]
        while True:
            broader = self.types[out[-1]].broader
            if broader is None:
                break
            if broader in out or broader not in self.types:
                raise ValueError(f"event type {notation!r}: broader {broader!r} is unknown or a cycle")
            out.append(broader)
        if out[-1] not in TOP_TYPES:
            raise ValueError(f"event type {notation!r} does not reach a top type")
        return out

    def top(self, notation: str) -> str:
        return self.chain(notation)[-1]

    def label(self, notation: str) -> str:
        return self.types[notation].label

    def iri(self, notation: str) -> str:
        return self.types[notation].iri

    def within(self, notation: str, ancestor: str) -> bool:
        """Whether ``notation`` is ``ancestor`` or one of its narrower types."""
        return ancestor in self.chain(notation)


@lru_cache(maxsize=1)
def role_types() -> frozenset[str]:
    """The notations of the participant roles (``ng:RoleTypes`` in ``newsgraph.ttl``).

    >>> {"agent", "speaker", "defendant"} <= role_types()
    True
    """
    import pyoxigraph as ox

    from newsgraph.ontology import ontology_path

    scheme = _NG + "RoleTypes"
    notations: dict[str, str] = {}
    members: set[str] = set()
    for triple in ox.parse(path=str(ontology_path("newsgraph.ttl")), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == _SKOS + "notation":
            notations[triple.subject.value] = triple.object.value
        elif triple.predicate.value == _SKOS + "inScheme" and triple.object.value == scheme:
            members.add(triple.subject.value)
    return frozenset(notations[m] for m in members if m in notations)


@lru_cache(maxsize=1)
def _load() -> Taxonomy:
    import pyoxigraph as ox

    from newsgraph.ontology import ontology_path

    by_subject: dict[str, dict[str, str]] = {}
    for triple in ox.parse(path=str(ontology_path("events.ttl")), format=ox.RdfFormat.TURTLE):
        subject = triple.subject.value
        predicate = triple.predicate.value
        value = triple.object.value
        if predicate in {
            _SKOS + "notation",
            _SKOS + "prefLabel",
            _SKOS + "broader",
            _NG + "cameoCode",
            _NG + "plover",
        }:
            by_subject.setdefault(subject, {})[predicate] = value
    notation_of = {iri: p[_SKOS + "notation"] for iri, p in by_subject.items() if _SKOS + "notation" in p}
    types = {}
    for iri, props in by_subject.items():
        if not iri.startswith(_NG) or _SKOS + "notation" not in props:
            continue
        broader = props.get(_SKOS + "broader")
        types[props[_SKOS + "notation"]] = EventType(
            notation=props[_SKOS + "notation"],
            iri=iri,
            label=props.get(_SKOS + "prefLabel", props[_SKOS + "notation"]),
            broader=notation_of.get(broader) if broader else None,
            cameo=props.get(_NG + "cameoCode"),
            plover=props.get(_NG + "plover"),
        )
    return Taxonomy(types)
