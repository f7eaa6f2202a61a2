"""An article's stored graph read back into the ``Extraction`` records that made it, so that a correction can be
applied to an article already in the store the way it is applied at ingest, without extracting it again.

The reading is exact for everything ``to_quads`` writes: ``to_quads(read_back(iri, quads))`` gives the same quads
(``tests/test_curation.py`` checks it on every example article). Fields the graph does not hold (a claim's own
character span, the model's name) are filled with what stands in for them; they do not reach the quads.

>>> from newsgraph.loaders import Article, Extractor
>>> from newsgraph.graph.writer import to_quads
>>> text = "Summit ends\\n\\nVladimir Putin met Kim Jong Un in Pyongyang in June 2024, officials said."
>>> quads = to_quads(Extractor().extract(Article(text=text, source="example")))
>>> back = read_back(quads[0].graph_name.value, quads)
>>> set(to_quads(back.extraction)) == set(quads)
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS

from newsgraph.graph.writer import EVENT_TYPE_TERMS, ROLE_TERMS
from newsgraph.loaders.article import Article
from newsgraph.loaders.dates import period
from newsgraph.loaders.extraction import (
    ActorRecord,
    ClaimRecord,
    EventRecord,
    Extraction,
    MentionRecord,
    ParticipantRecord,
    SentenceRecord,
)
from newsgraph.ontology import GAF, NG, NIF, SEM, WD
from newsgraph.ontology.measures import Measures
from newsgraph.ontology.taxonomy import Taxonomy

__all__ = ["ReadBack", "read_back"]

_CLASSES = {
    str(SDO.Person): "Person",
    str(SDO.Organization): "Organization",
    str(SDO.Country): "Country",
    str(SDO.Place): "Place",
    str(NG.Agreement): "Agreement",
}
_TOP = {str(term): name for name, term in EVENT_TYPE_TERMS.items()}
_ROLES = {str(term): name for name, term in ROLE_TERMS.items()}
_GRANULARITY = {str(NG.Day): "day", str(NG.Week): "week", str(NG.Month): "month", str(NG.Year): "year"}


@dataclass
class ReadBack:
    """The records of one stored article, and what its graph holds beside them."""

    extraction: Extraction
    #: the other inputs the article was read from (``ng:sourceName`` beyond the first)
    sources: list[str] = field(default_factory=list)
    #: the corrections that changed the graph (``ng:curatedBy``)
    curated: list[str] = field(default_factory=list)


class _Graph:
    """The quads of one graph, indexed by subject and predicate."""

    def __init__(self, quads: list[ox.Quad]) -> None:
        self.index: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for quad in quads:
            self.index[str(getattr(quad.subject, "value", quad.subject))][quad.predicate.value].append(
                quad.object
            )

    def all(self, subject: str, predicate: Any) -> list[Any]:
        return self.index.get(subject, {}).get(str(predicate), [])

    def one(self, subject: str, predicate: Any) -> Any:
        found = self.all(subject, predicate)
        return found[0] if found else None

    def text(self, subject: str, predicate: Any) -> str | None:
        term = self.one(subject, predicate)
        return None if term is None else str(term.value)

    def number(self, subject: str, predicate: Any) -> int:
        return int(self.one(subject, predicate).value)

    def subjects(self, predicate: Any, value: str) -> list[str]:
        return sorted(
            s
            for s, props in self.index.items()
            if any(o.value == value for o in props.get(str(predicate), []))
        )


def _span(graph: _Graph, node: str) -> tuple[int, int, str]:
    return (
        graph.number(node, NIF.beginIndex),
        graph.number(node, NIF.endIndex),
        graph.text(node, NIF.anchorOf) or "",
    )


def _figure(graph: _Graph, node: str, predicate: Any) -> float | None:
    term = graph.one(node, predicate)
    return None if term is None else float(term.value)


def read_back(graph_iri: str, quads: list[ox.Quad]) -> ReadBack:
    """The ``Extraction`` that an article's graph was written from (see the module's note)."""
    g = _Graph(quads)
    a = graph_iri
    sources = sorted(str(t.value) for t in g.all(a, NG.sourceName))
    published = g.text(a, SDO.datePublished)
    published_day, published_granularity = (
        (date.fromisoformat(published), "day")
        if published and len(published) == 10
        else period(published or "") or (None, "day")
    )
    publisher = g.text(a, SDO.publisher)
    text = g.text(a, NIF.isString) or ""
    url = g.text(a, SDO.url)
    ident = g.text(a, SDO.identifier)
    article = None
    candidates: list[str | None] = [*sources] or [None]
    for origin in candidates:  # the input whose name makes the article's identity (an id is per input)
        article = Article(
            text=text,
            source=origin or graph_iri,
            title=g.text(a, SDO.headline),
            url=url,
            published=published_day,
            published_granularity=published_granularity,
            outlet=g.text(publisher, SDO.name) if publisher else None,
            origin=origin,
            ident=ident,
        )
        if article.iri == graph_iri:
            break
    assert article is not None
    others = [s for s in sources if s != article.origin]

    sentences = [SentenceRecord(*_span(g, node)) for node in g.subjects(RDF.type, str(NIF.Sentence))]
    sentences.sort(key=lambda s: s.start)

    actors = []
    for iri in sorted(str(t.value) for t in g.all(a, SDO.mentions)):
        kinds = [_CLASSES[str(t.value)] for t in g.all(iri, RDF.type) if str(t.value) in _CLASSES]
        if not kinds:
            continue
        label = g.text(iri, RDFS.label) or iri
        mentions = []
        for node in sorted(str(t.value) for t in g.all(iri, GAF.denotedBy)):
            start, end, anchor = _span(g, node)
            sentence = g.text(node, NIF.sentence)
            mentions.append(
                MentionRecord(anchor, start, end, g.text(sentence, NIF.anchorOf) or "" if sentence else "")
            )
        mentions.sort(key=lambda m: (m.start, m.end))
        wikidata = g.text(iri, OWL.sameAs)
        role = g.text(iri, SDO.jobTitle) or g.text(iri, SDO.description)
        actors.append(
            ActorRecord(
                iri=iri,
                label=label,
                type=kinds[0],
                wikidata=wikidata[len(str(WD)) :] if wikidata and wikidata.startswith(str(WD)) else None,
                aliases=sorted(str(t.value) for t in g.all(iri, SKOS.altLabel)),
                role=role,
                mentions=mentions,
                affiliation=g.text(iri, SDO.affiliation),
                outlet=any(str(t.value) == str(SDO.NewsMediaOrganization) for t in g.all(iri, RDF.type)),
            )
        )
    actors.sort(key=lambda r: (r.mentions[0].start if r.mentions else 10**9, r.label))
    labels = {r.iri: r.label for r in actors}

    taxonomy = Taxonomy.load()
    fine_of = {t.iri: t.notation for t in taxonomy.types.values()}
    events = []
    for iri in g.subjects(RDF.type, str(SEM.Event)):
        sentence = g.text(iri, PROV.wasDerivedFrom) or ""
        start, end, sentence_text = _span(g, sentence)
        trigger = g.text(iri, NG.mention) or ""
        trigger_start, trigger_end, trigger_text = _span(g, trigger)
        roles = sorted(
            (str(t.value) for t in g.all(iri, NG.participation)), key=lambda r: int(r.rsplit("/", 1)[1])
        )
        participants = []
        for node in roles:
            who = g.text(node, RDF.value) or ""
            participants.append(
                ParticipantRecord(labels.get(who, who), _ROLES[g.text(node, SEM.roleType) or ""], who)
            )
        place_iri = g.text(iri, SEM.hasPlace)
        agreement_iri = g.text(iri, NG.agreement)
        time = g.text(iri, SEM.hasTime)
        granularity = g.text(time, NG.granularity) if time else None
        events.append(
            EventRecord(
                iri=iri,
                type=_TOP[g.text(iri, NG.topType) or ""],
                label=g.text(iri, RDFS.label) or "",
                date=g.text(time, NG.dateText) if time else None,
                place=labels.get(place_iri) if place_iri else None,
                participants=participants,
                sentence=sentence_text,
                start=start,
                end=end,
                trigger=g.text(iri, NG.trigger) or trigger_text,
                date_text=g.text(iri, NG.dateExpression),
                date_granularity=_GRANULARITY.get(granularity or ""),
                place_iri=place_iri,
                agreement=labels.get(agreement_iri) if agreement_iri else None,
                agreement_iri=agreement_iri,
                trigger_start=trigger_start,
                trigger_end=trigger_end,
                fine_type=fine_of.get(g.text(iri, SEM.eventType) or ""),
            )
        )
    events.sort(key=lambda e: _order(e.iri))

    measures = Measures.load()
    measure_of = {m.iri: notation for notation, m in measures.measures.items()}
    status_of = {iri: notation for notation, iri in measures.statuses.items()}
    claims = []
    for iri in g.subjects(RDF.type, str(NG.Claim)):
        sentence = g.text(iri, PROV.wasDerivedFrom) or ""
        start, end, sentence_text = _span(g, sentence)
        figure = g.text(iri, NG.figure) or ""
        speaker = g.text(iri, PROV.wasAttributedTo)
        time = g.text(iri, NG.claimTime)
        approximate = g.text(figure, NG.approximate)
        claims.append(
            ClaimRecord(
                iri=iri,
                speaker=labels.get(speaker) if speaker else None,
                about=g.text(iri, NG.subject) or "",
                value=_figure(g, figure, SDO.value),
                min=_figure(g, figure, SDO.minValue),
                max=_figure(g, figure, SDO.maxValue),
                approximate=approximate in {"true", "1"},
                unit=g.text(figure, SDO.unitText),
                date=g.text(time, NG.dateText) if time else None,
                sentence=sentence_text,
                start=start,
                end=end,
                quantity_text=g.text(figure, NG.quantityText) or "",
                sentence_start=start,
                sentence_end=end,
                speaker_iri=speaker,
                subject_iri=g.text(iri, SDO.about),
                date_text=g.text(time, RDFS.label) if time else None,
                date_granularity=_GRANULARITY.get(g.text(time, NG.granularity) or "") if time else None,
                measure=measure_of.get(g.text(iri, NG.measure) or ""),
                counts=g.text(iri, NG.counts),
                happening_iri=g.text(iri, NG.countsHappening),
                status=status_of.get(g.text(iri, NG.figureStatus) or "", "reported"),
                part=g.text(iri, NG.partKind),
                earlier=g.text(iri, NG.givenBefore) in {"true", "1"},
                later=g.text(iri, NG.givenAfter) in {"true", "1"},
                base_unit=g.text(figure, NG.baseUnit),
                base_factor=_figure(g, figure, NG.baseFactor),
            )
        )
    claims.sort(key=lambda c: _order(c.iri))
    extraction = Extraction(
        article=article,
        actors=actors,
        events=events,
        claims=claims,
        sentences=sentences,
        version=g.text(a, NG.extractorVersion) or "",
    )
    return ReadBack(extraction, others, sorted(str(t.value) for t in g.all(a, NG.curatedBy)))


def _order(iri: str) -> tuple[str, int]:
    """Event and claim IRIs end in their number in the article: read back in that order."""
    head, _, number = iri.rpartition("-")
    return (head, int(number)) if number.isdigit() else (iri, 0)
