"""Extraction -> quads: one named graph per article, every fact tied to its sentence.

>>> from newsgraph.loaders import Article, Extractor
>>> article = Article(text="Summit\\n\\nVladimir Putin met Kim Jong Un in Pyongyang.", source="doc")
>>> quads = to_quads(Extractor().extract(article))
>>> all(q.graph_name.value == article.iri for q in quads)
True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from newsgraph.loaders.records import Extraction
from newsgraph.loaders.setup import extractor_version
from newsgraph.loaders.table import slug
from newsgraph.ontology import DATA, GAF, NG, NIF, SEM, WD
from newsgraph.ontology.measures import Measures
from newsgraph.ontology.taxonomy import Taxonomy
from newsgraph.queries import lookup_key

__all__ = ["EVENT_TYPE_TERMS", "ROLE_TERMS", "to_quads"]

EVENT_TYPE_TERMS = {
    "deployment": NG.DeploymentEvent,
    "casualty": NG.CasualtyEvent,
    "attack": NG.AttackEvent,
    "capture": NG.CaptureEvent,
    "desertion": NG.DesertionEvent,
    "meeting": NG.MeetingEvent,
    "agreement": NG.AgreementEvent,
    "statement": NG.StatementEvent,
    "weapons_transfer": NG.WeaponsTransferEvent,
    "sanction_or_veto": NG.SanctionOrVetoEvent,
    "other": NG.OtherEvent,
}
ROLE_TERMS = {
    "agent": NG.AgentRole,
    "patient": NG.PatientRole,
    "recipient": NG.RecipientRole,
    "speaker": NG.SpeakerRole,
    "addressee": NG.AddresseeRole,
    "party": NG.PartyRole,
    "participant": NG.ParticipantRole,
    "defendant": NG.DefendantRole,
    "court": NG.CourtRole,
    "winner": NG.WinnerRole,
    "candidate": NG.CandidateRole,
    "office": NG.OfficeRole,
    "outlet": NG.OutletRole,
}
_ACTOR_CLASSES = {
    "Person": (SDO.Person, SEM.Actor),
    "Organization": (SDO.Organization, SEM.Actor),
    "Country": (SDO.Country, SEM.Actor),
    "Place": (SDO.Place, SEM.Place),
    "Agreement": (NG.Agreement,),
}
_GRANULARITY = {"day": NG.Day, "week": NG.Week, "month": NG.Month, "year": NG.Year}
_TAXONOMY = Taxonomy.load()
_MEASURES = Measures.load()


@cache
def n(term: str) -> ox.NamedNode:
    """A pyoxigraph IRI for a vocabulary term, made once (the same few hundred are used everywhere; article data
    IRIs are made with ``ox.NamedNode`` directly, so that this cache stays that small)."""
    return ox.NamedNode(str(term))


class _Nodes:
    """A namespace's terms as pyoxigraph IRIs, each made once: ``_RDF.type`` is then a plain attribute read, where
    a ``DefinedNamespace`` look-up costs about a microsecond (a third of ``to_quads``' time, 230 quads per article).
    Unknown terms still fail, as the namespace does."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


_OWL, _PROV, _RDF, _RDFS, _SDO, _SKOS, _TIME, _XSD = (
    _Nodes(ns) for ns in (OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD)
)
_GAF, _NG, _NIF, _SEM = (_Nodes(ns) for ns in (GAF, NG, NIF, SEM))


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype is not None:
        return ox.Literal(str(value), datatype=n(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD.boolean)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_XSD.integer)
    if isinstance(value, float):
        return ox.Literal(
            repr(int(value)) if value.is_integer() else repr(value),
            datatype=_XSD.integer if value.is_integer() else _XSD.decimal,
        )
    return ox.Literal(_clean(str(value)))


def _clean(text: str) -> str:
    """Literals keep every character RDF can carry; the few it cannot (lone surrogates) become U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _date_literal(iso: str) -> tuple[str, str] | None:
    if iso.startswith("--"):
        return None
    if len(iso) == 10:
        return str(TIME.inXSDDate), str(XSD.date)
    if len(iso) == 7:
        return str(TIME.inXSDgYearMonth), str(XSD.gYearMonth)
    if len(iso) == 4:
        return str(TIME.inXSDgYear), str(XSD.gYear)
    return None


def to_quads(extraction: Extraction) -> list[ox.Quad]:
    """All quads of one article's named graph."""
    art = extraction.article
    g = a = ox.NamedNode(art.iri)  # the article names its own graph
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, p, o, g))

    add(a, _RDF.type, _SDO.NewsArticle)
    add(a, _RDF.type, _NIF.Context)
    add(a, _RDF.type, _PROV.Entity)
    add(a, _NIF.isString, lit(art.text))
    add(a, _NIF.beginIndex, lit(0))
    add(a, _NIF.endIndex, lit(len(art.text)))
    add(a, _NG.contentHash, lit(art.content_hash))
    add(a, _NG.sourceName, lit(art.origin or art.source))
    if art.ident:
        add(a, _SDO.identifier, lit(art.ident))
    add(a, _NG.extractorVersion, lit(extraction.version or extractor_version(extraction.model)))
    if art.title:
        add(a, _SDO.headline, lit(art.title))
    if art.url:
        add(a, _SDO.url, lit(art.url, str(XSD.anyURI)))
    if art.published_text:  # a month or a year the page gave without its day ("Date: 2022-11") stays one
        kind = {"month": XSD.gYearMonth, "year": XSD.gYear}.get(art.published_granularity, XSD.date)
        add(a, _SDO.datePublished, lit(art.published_text, str(kind)))
    if art.outlet:
        outlet = ox.NamedNode(DATA[f"outlet/{slug(art.outlet)}"])
        add(a, _SDO.publisher, outlet)
        add(outlet, _RDF.type, _SDO.NewsMediaOrganization)
        add(outlet, _SDO.name, lit(art.outlet))

    sentences: dict[tuple[int, int], ox.NamedNode] = {}

    def sentence(start: int, end: int) -> ox.NamedNode:
        node = sentences.get((start, end))
        if node is None:
            node = ox.NamedNode(f"{art.iri}#char={start},{end}")
            sentences[(start, end)] = node
            add(node, _RDF.type, _NIF.Sentence)
            add(node, _RDF.type, _NIF.RFC5147String)
            add(node, _NIF.beginIndex, lit(start))
            add(node, _NIF.endIndex, lit(end))
            add(node, _NIF.anchorOf, lit(art.text[start:end]))
            add(node, _NIF.referenceContext, a)
        return node

    for record in extraction.sentences:
        sentence(record.start, record.end)
    sentence_spans = sorted(sentences)

    def sentence_of(offset: int) -> ox.NamedNode | None:
        for start, end in sentence_spans:
            if start <= offset < end:
                return sentences[(start, end)]
        return None

    for actor in extraction.actors:
        node = ox.NamedNode(actor.iri)
        for cls in _ACTOR_CLASSES[actor.type]:
            add(node, _RDF.type, n(cls))
        if actor.outlet:
            add(node, _RDF.type, _SDO.NewsMediaOrganization)
        add(node, _RDFS.label, lit(actor.label))
        if actor.wikidata:
            add(node, _OWL.sameAs, n(WD[actor.wikidata]))
        if actor.role:
            add(node, _SDO.jobTitle if actor.type == "Person" else _SDO.description, lit(actor.role))
        if actor.affiliation:
            add(node, _SDO.affiliation, ox.NamedNode(actor.affiliation))
        for alias in actor.aliases:
            if alias != actor.label:
                add(node, _SKOS.altLabel, lit(alias))
        add(node, _NG.lookupKey, node)
        for key in dict.fromkeys(lookup_key(name) for name in (actor.label, *actor.aliases)):
            add(node, _NG.lookupKey, lit(key))
        add(a, _SDO.mentions, node)
        for mention in actor.mentions:
            m = ox.NamedNode(f"{art.iri}#char={mention.start},{mention.end}")
            add(node, _GAF.denotedBy, m)
            add(m, _RDF.type, _NG.Mention)
            add(m, _RDF.type, _NIF.RFC5147String)
            add(m, _NIF.beginIndex, lit(mention.start))
            add(m, _NIF.endIndex, lit(mention.end))
            add(m, _NIF.anchorOf, lit(mention.text))
            add(m, _NIF.referenceContext, a)
            sent = sentence_of(mention.start)
            if sent is not None:
                add(m, _NIF.sentence, sent)

    for event in extraction.events:
        e = ox.NamedNode(event.iri)
        add(e, _RDF.type, _SEM.Event)
        # the finest type the taxonomy has for it; its top type (one of the eleven) stated too, for plain queries
        add(e, _SEM.eventType, n(_TAXONOMY.iri(event.fine_type or event.type)))
        add(e, _NG.topType, n(EVENT_TYPE_TERMS[event.type]))
        add(e, _RDFS.label, lit(event.label))
        add(e, _NG.lookupKey, e)
        add(e, _NG.trigger, lit(event.trigger))
        add(e, _PROV.wasDerivedFrom, sentence(event.start, event.end))
        trigger = ox.NamedNode(f"{art.iri}#char={event.trigger_start},{event.trigger_end}")
        add(e, _NG.mention, trigger)
        add(trigger, _RDF.type, _NIF.RFC5147String)
        add(trigger, _NIF.beginIndex, lit(event.trigger_start))
        add(trigger, _NIF.endIndex, lit(event.trigger_end))
        add(trigger, _NIF.anchorOf, lit(event.trigger))
        add(trigger, _NIF.referenceContext, a)
        for index, participant in enumerate(event.participants):
            who = ox.NamedNode(participant.iri)
            add(e, _SEM.hasActor, who)
            role = ox.NamedNode(f"{event.iri}/role/{index}")
            add(e, _NG.participation, role)
            add(role, _RDF.type, _SEM.Role)
            add(role, _RDF.value, who)
            add(role, _SEM.roleType, n(ROLE_TERMS[participant.role]))
        if event.place_iri:
            add(e, _SEM.hasPlace, ox.NamedNode(event.place_iri))
        if event.agreement_iri:
            add(e, _NG.agreement, ox.NamedNode(event.agreement_iri))
        if event.date_text:
            add(e, _NG.dateExpression, lit(event.date_text))
        if event.date:
            t = ox.NamedNode(f"{event.iri}/time")
            add(e, _SEM.hasTime, t)
            _time(add, t, event.date, event.date_granularity, event.date_text)

    for claim in extraction.claims:
        c = ox.NamedNode(claim.iri)
        add(c, _RDF.type, _NG.Claim)
        add(c, _RDF.type, _SDO.Claim)
        add(c, _NG.subject, lit(claim.about))
        add(c, _PROV.wasDerivedFrom, sentence(claim.sentence_start, claim.sentence_end))
        if claim.speaker_iri:
            add(c, _PROV.wasAttributedTo, ox.NamedNode(claim.speaker_iri))
        if claim.subject_iri:
            add(c, _SDO.about, ox.NamedNode(claim.subject_iri))
        q = ox.NamedNode(f"{claim.iri}/figure")
        add(c, _NG.figure, q)
        add(q, _RDF.type, _SDO.QuantitativeValue)
        for prop, value in (
            (_SDO.value, claim.value),
            (_SDO.minValue, claim.min),
            (_SDO.maxValue, claim.max),
        ):
            if value is not None:
                add(q, prop, lit(float(value)))
        if claim.unit:
            add(q, _SDO.unitText, lit(claim.unit))
        add(q, _NG.approximate, lit(bool(claim.approximate)))
        add(q, _NG.quantityText, lit(claim.quantity_text))
        if claim.date:
            t = ox.NamedNode(f"{claim.iri}/time")
            add(c, _NG.claimTime, t)
            _time(add, t, claim.date, claim.date_granularity, claim.date_text)
        if claim.measure:
            add(c, _NG.measure, n(_MEASURES.iri(claim.measure)))
        if claim.counts:
            add(c, _NG.counts, lit(claim.counts))
        if claim.happening_iri:
            add(c, _NG.countsHappening, ox.NamedNode(claim.happening_iri))
        add(c, _NG.figureStatus, n(_MEASURES.status_iri(claim.status)))
        if claim.part:
            add(c, _NG.partKind, lit(claim.part))
        if claim.earlier:
            add(c, _NG.givenBefore, lit(True))
        if claim.later:
            add(c, _NG.givenAfter, lit(True))
        if claim.base_unit:
            add(q, _NG.baseUnit, lit(claim.base_unit))
        if claim.base_factor is not None:
            add(q, _NG.baseFactor, ox.Literal(repr(float(claim.base_factor)), datatype=_XSD.decimal))
    return out


def _granularity(iso: str) -> str:
    body = iso[2:] if iso.startswith("--") else iso[5:] if len(iso) > 4 else ""
    return "year" if not body else "day" if "-" in body else "month"


def _time(
    add: Callable[[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal], None],
    node: ox.NamedNode,
    iso: str,
    granularity: str | None,
    text: str | None,
) -> None:
    add(node, _RDF.type, _SEM.Time)
    instant = (granularity or _granularity(iso)) == "day"
    add(node, _RDF.type, n(TIME.Instant if instant else TIME.Interval))
    add(node, _NG.dateText, lit(iso))
    add(node, _NG.granularity, n(_GRANULARITY[granularity or _granularity(iso)]))
    typed = _date_literal(iso)
    if typed is not None:
        prop, datatype = typed
        add(node, n(prop), lit(iso, datatype))
    if text:
        add(node, _RDFS.label, lit(text))
