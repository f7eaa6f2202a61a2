"""The measures of ``measures.ttl`` as lookups: what a figure counts (its IRI, label, broader measure, how it moves
over time, the participle of its subject), and the statuses a figure can have.

>>> measures = Measures.load()
>>> measures["deaths"].moves, measures["deaths"].befallen, measures.chain("deaths")
('rises', 'killed', ['deaths', 'casualties', 'people'])
>>> measures.iri("aboard"), measures.status_iri("forecast")
('https://w3id.org/newsgraph/measure/aboard', 'https://w3id.org/newsgraph/status/forecast')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["MEASURE", "STATUS", "Measure", "Measures"]

MEASURE = "https://w3id.org/newsgraph/measure/"
STATUS = "https://w3id.org/newsgraph/status/"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_NG = "https://w3id.org/newsgraph/ns#"


@dataclass(frozen=True)
class Measure:
    notation: str
    iri: str
    label: str
    broader: str | None
    #: "rises", "falls" or None: how the quantity itself changes while a story goes on
    moves: str | None
    #: the participle of a figure's subject ("killed"), when the measure has one
    befallen: str | None


class Measures:
    """Measures and figure statuses by notation."""

    def __init__(self, measures: dict[str, Measure], statuses: dict[str, str]) -> None:
        self.measures = measures
        self.statuses = statuses
        for notation in measures:
            self.chain(notation)

    @classmethod
    def load(cls) -> Measures:
        """The packaged scheme (read once per process)."""
        return _load()

    def __contains__(self, notation: object) -> bool:
        return notation in self.measures

    def __getitem__(self, notation: str) -> Measure:
        return self.measures[notation]

    def chain(self, notation: str) -> list[str]:
        """The measure and each broader one, up to its top concept."""
        out = [notation]
        while (broader := self.measures[out[-1]].broader) is not None:
            if broader in out or broader not in self.measures:
                raise ValueError(f"measure {notation!r}: broader {broader!r} is unknown or a cycle")
            out.append(broader)
        return out

    def iri(self, notation: str) -> str:
        return self.measures[notation].iri

    def status_iri(self, notation: str) -> str:
        return self.statuses[notation]


@lru_cache(maxsize=1)
def _load() -> Measures:
    import pyoxigraph as ox

    from newsgraph.ontology import ontology_path

    props: dict[str, dict[str, str]] = {}
    for triple in ox.parse(path=str(ontology_path("measures.ttl")), format=ox.RdfFormat.TURTLE):
        props.setdefault(triple.subject.value, {})[triple.predicate.value] = triple.object.value
    notation_of = {iri: p[_SKOS + "notation"] for iri, p in props.items() if _SKOS + "notation" in p}
    measures = {}
    statuses = {}
    for iri, p in props.items():
        if iri not in notation_of:
            continue
        if iri.startswith(STATUS):
            statuses[notation_of[iri]] = iri
            continue
        broader = p.get(_SKOS + "broader")
        measures[notation_of[iri]] = Measure(
            notation=notation_of[iri],
            iri=iri,
            label=p.get(_SKOS + "prefLabel", notation_of[iri]),
            broader=notation_of.get(broader) if broader else None,
            moves=p.get(_NG + "movesOverTime"),
            befallen=p.get(_NG + "befallen"),
        )
    return Measures(measures, statuses)
