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

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from newsgraph._version import __version__
from newsgraph.loaders.extraction import Extraction
from newsgraph.loaders.table import slug
from newsgraph.ontology import DATA, GAF, NG, NIF, SEM, WD
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
}
_ACTOR_CLASSES = {
    "Person": (SDO.Person, SEM.Actor),
    "Organization": (SDO.Organization, SEM.Actor),
    "Country": (SDO.Country, SEM.Actor),
    "Place": (SDO.Place, SEM.Place),
    "Agreement": (NG.Agreement,),
}
_GRANULARITY = {"day": NG.Day, "month": NG.Month, "year": NG.Year}


@cache
def n(term: str) -> ox.NamedNode:
    """A pyoxigraph IRI for an rdflib term (cached: the same few hundred terms are used everywhere)."""
    return ox.NamedNode(str(term))


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype is not None:
        return ox.Literal(str(value), datatype=n(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=n(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=n(XSD.integer))
    if isinstance(value, float):
        return ox.Literal(
            repr(int(value)) if value.is_integer() else repr(value),
            datatype=n(XSD.integer if value.is_integer() else XSD.decimal),
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


def extractor_version(model: str) -> str:
    """What made an article's graph (``ng:extractorVersion``): an article is extracted again when this changes.

    >>> extractor_version("en_core_web_sm").startswith("newsgraph ")
    True
    """
    return f"newsgraph {__version__}; spaCy model {model}"


def to_quads(extraction: Extraction) -> list[ox.Quad]:
    """All quads of one article's named graph."""
    art = extraction.article
    g = ox.NamedNode(art.iri)
    a = n(art.iri)
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, n(p), o, g))

    add(a, RDF.type, n(SDO.NewsArticle))
    add(a, RDF.type, n(NIF.Context))
    add(a, RDF.type, n(PROV.Entity))
    add(a, NIF.isString, lit(art.text))
    add(a, NIF.beginIndex, lit(0))
    add(a, NIF.endIndex, lit(len(art.text)))
    add(a, NG.contentHash, lit(art.content_hash))
    add(a, NG.sourceName, lit(art.source))
    add(a, NG.extractorVersion, lit(extractor_version(extraction.model)))
    if art.title:
        add(a, SDO.headline, lit(art.title))
    if art.url:
        add(a, SDO.url, lit(art.url, str(XSD.anyURI)))
    if art.published:
        add(a, SDO.datePublished, lit(art.published.isoformat(), str(XSD.date)))
    if art.outlet:
        outlet = n(DATA[f"outlet/{slug(art.outlet)}"])
        add(a, SDO.publisher, outlet)
        add(outlet, RDF.type, n(SDO.NewsMediaOrganization))
        add(outlet, SDO.name, lit(art.outlet))

    sentences: dict[tuple[int, int], ox.NamedNode] = {}

    def sentence(start: int, end: int) -> ox.NamedNode:
        node = sentences.get((start, end))
        if node is None:
            node = n(f"{art.iri}#char={start},{end}")
            sentences[(start, end)] = node
            add(node, RDF.type, n(NIF.Sentence))
            add(node, RDF.type, n(NIF.RFC5147String))
            add(node, NIF.beginIndex, lit(start))
            add(node, NIF.endIndex, lit(end))
            add(node, NIF.anchorOf, lit(art.text[start:end]))
            add(node, NIF.referenceContext, a)
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
        node = n(actor.iri)
        for cls in _ACTOR_CLASSES[actor.type]:
            add(node, RDF.type, n(cls))
        add(node, RDFS.label, lit(actor.label))
        if actor.wikidata:
            add(node, OWL.sameAs, n(WD[actor.wikidata]))
        if actor.role:
            add(node, SDO.jobTitle if actor.type == "Person" else SDO.description, lit(actor.role))
        if actor.affiliation:
            add(node, SDO.affiliation, n(actor.affiliation))
        for alias in actor.aliases:
            if alias != actor.label:
                add(node, SKOS.altLabel, lit(alias))
        add(node, NG.lookupKey, node)
        for key in dict.fromkeys(lookup_key(name) for name in (actor.label, *actor.aliases)):
            add(node, NG.lookupKey, lit(key))
        add(a, SDO.mentions, node)
        for mention in actor.mentions:
            m = n(f"{art.iri}#char={mention.start},{mention.end}")
            add(node, GAF.denotedBy, m)
            add(m, RDF.type, n(NG.Mention))
            add(m, RDF.type, n(NIF.RFC5147String))
            add(m, NIF.beginIndex, lit(mention.start))
            add(m, NIF.endIndex, lit(mention.end))
            add(m, NIF.anchorOf, lit(mention.text))
            add(m, NIF.referenceContext, a)
            sent = sentence_of(mention.start)
            if sent is not None:
                add(m, NIF.sentence, sent)

    for event in extraction.events:
        e = n(event.iri)
        add(e, RDF.type, n(SEM.Event))
        add(e, SEM.eventType, n(EVENT_TYPE_TERMS[event.type]))
        add(e, RDFS.label, lit(event.label))
        add(e, NG.lookupKey, e)
        add(e, NG.trigger, lit(event.trigger))
        add(e, PROV.wasDerivedFrom, sentence(event.start, event.end))
        trigger = n(f"{art.iri}#char={event.trigger_start},{event.trigger_end}")
        add(e, NG.mention, trigger)
        add(trigger, RDF.type, n(NIF.RFC5147String))
        add(trigger, NIF.beginIndex, lit(event.trigger_start))
        add(trigger, NIF.endIndex, lit(event.trigger_end))
        add(trigger, NIF.anchorOf, lit(event.trigger))
        add(trigger, NIF.referenceContext, a)
        for index, participant in enumerate(event.participants):
            who = n(participant.iri)
            add(e, SEM.hasActor, who)
            role = n(f"{event.iri}/role/{index}")
            add(e, NG.participation, role)
            add(role, RDF.type, n(SEM.Role))
            add(role, RDF.value, who)
            add(role, SEM.roleType, n(ROLE_TERMS[participant.role]))
        if event.place_iri:
            add(e, SEM.hasPlace, n(event.place_iri))
        if event.agreement_iri:
            add(e, NG.agreement, n(event.agreement_iri))
        if event.date_text:
            add(e, NG.dateExpression, lit(event.date_text))
        if event.date:
            t = n(f"{event.iri}/time")
            add(e, SEM.hasTime, t)
            _time(add, t, event.date, event.date_granularity, event.date_text)

    for claim in extraction.claims:
        c = n(claim.iri)
        add(c, RDF.type, n(NG.Claim))
        add(c, RDF.type, n(SDO.Claim))
        add(c, NG.subject, lit(claim.about))
        add(c, PROV.wasDerivedFrom, sentence(claim.sentence_start, claim.sentence_end))
        if claim.speaker_iri:
            add(c, PROV.wasAttributedTo, n(claim.speaker_iri))
        if claim.subject_iri:
            add(c, SDO.about, n(claim.subject_iri))
        q = n(f"{claim.iri}/figure")
        add(c, NG.figure, q)
        add(q, RDF.type, n(SDO.QuantitativeValue))
        for prop, value in ((SDO.value, claim.value), (SDO.minValue, claim.min), (SDO.maxValue, claim.max)):
            if value is not None:
                add(q, prop, lit(float(value)))
        if claim.unit:
            add(q, SDO.unitText, lit(claim.unit))
        add(q, NG.approximate, lit(bool(claim.approximate)))
        add(q, NG.quantityText, lit(claim.quantity_text))
        if claim.date:
            t = n(f"{claim.iri}/time")
            add(c, NG.claimTime, t)
            _time(add, t, claim.date, None, None)
    return out


def _granularity(iso: str) -> str:
    body = iso[2:] if iso.startswith("--") else iso[5:] if len(iso) > 4 else ""
    return "year" if not body else "day" if "-" in body else "month"


def _time(
    add: Callable[[ox.NamedNode, str, ox.NamedNode | ox.Literal], None],
    node: ox.NamedNode,
    iso: str,
    granularity: str | None,
    text: str | None,
) -> None:
    add(node, RDF.type, n(SEM.Time))
    add(node, RDF.type, n(TIME.Instant if _granularity(iso) == "day" else TIME.Interval))
    add(node, NG.dateText, lit(iso))
    add(node, NG.granularity, n(_GRANULARITY[granularity or _granularity(iso)]))
    typed = _date_literal(iso)
    if typed is not None:
        prop, datatype = typed
        add(node, prop, lit(iso, datatype))
    if text:
        add(node, RDFS.label, lit(text))
