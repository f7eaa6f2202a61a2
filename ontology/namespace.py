"""Vocabulary terms used by newsgraph, as rdflib ``DefinedNamespace`` classes.

Every IRI that newsgraph writes or queries comes from here (or from rdflib's own
namespaces such as ``PROV``, ``SDO``, ``TIME``, ``OWL``, ``SKOS``), so a typo in a term
is an ``AttributeError`` at import time rather than a silent new IRI.

>>> from newsgraph.ontology import NG, SEM
>>> str(SEM.Event)
'http://semanticweb.cs.vu.nl/2009/11/sem/Event'
>>> str(NG.AttackEvent)
'https://w3id.org/newsgraph/ns#AttackEvent'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["CAMEO", "DATA", "GAF", "NG", "NIF", "SEM", "WD"]

#: Base of the IRIs newsgraph mints for articles, actors, events and claims.
DATA = Namespace("https://w3id.org/newsgraph/id/")
#: Wikidata items.
WD = Namespace("http://www.wikidata.org/entity/")


class NG(DefinedNamespace):
    """newsgraph's own terms, declared in ``ontology/newsgraph.ttl``."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ns#")

    # classes
    Agreement: URIRef
    Claim: URIRef
    Mention: URIRef
    # event types (sem:EventType individuals, each with a CAMEO match)
    DeploymentEvent: URIRef
    CasualtyEvent: URIRef
    AttackEvent: URIRef
    CaptureEvent: URIRef
    DesertionEvent: URIRef
    MeetingEvent: URIRef
    AgreementEvent: URIRef
    StatementEvent: URIRef
    WeaponsTransferEvent: URIRef
    SanctionOrVetoEvent: URIRef
    OtherEvent: URIRef
    EventTypes: URIRef
    # role types (sem:RoleType individuals)
    AgentRole: URIRef
    PatientRole: URIRef
    RecipientRole: URIRef
    SpeakerRole: URIRef
    AddresseeRole: URIRef
    PartyRole: URIRef
    ParticipantRole: URIRef
    DefendantRole: URIRef
    CourtRole: URIRef
    WinnerRole: URIRef
    CandidateRole: URIRef
    OfficeRole: URIRef
    OutletRole: URIRef
    RoleTypes: URIRef
    # granularity of a date
    Day: URIRef
    Week: URIRef
    Month: URIRef
    Year: URIRef
    # properties
    contentHash: URIRef
    sourceName: URIRef
    participation: URIRef
    agreement: URIRef
    party: URIRef
    dateText: URIRef
    dateExpression: URIRef
    granularity: URIRef
    subject: URIRef
    figure: URIRef
    approximate: URIRef
    quantityText: URIRef
    claimTime: URIRef
    measure: URIRef
    counts: URIRef
    countsHappening: URIRef
    figureStatus: URIRef
    partKind: URIRef
    givenBefore: URIRef
    givenAfter: URIRef
    baseUnit: URIRef
    baseFactor: URIRef
    Measures: URIRef
    FigureStatuses: URIRef
    trigger: URIRef
    cameoCode: URIRef
    standsFor: URIRef
    demonym: URIRef
    familyNameFirst: URIRef
    definiteArticle: URIRef
    partyName: URIRef
    mention: URIRef
    extractorVersion: URIRef
    lookupKey: URIRef
    topType: URIRef
    plover: URIRef
    # corrections (graph/curation.py)
    Correction: URIRef
    action: URIRef
    sequence: URIRef
    correctedActor: URIRef
    actorLabel: URIRef
    actorType: URIRef
    into: URIRef
    targetLabel: URIRef
    targetType: URIRef
    targetWikidata: URIRef
    addedName: URIRef
    mentionText: URIRef
    inArticle: URIRef
    undoneBy: URIRef
    curatedBy: URIRef
    mergedInto: URIRef
    hidden: URIRef
    splitFrom: URIRef
    ImportedGraph: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    EventType: URIRef
    RoleType: URIRef
    Role: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    eventType: URIRef
    roleType: URIRef
    accordingTo: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core: character offsets into an article's text."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    String: URIRef
    Phrase: URIRef
    Sentence: URIRef
    RFC5147String: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sentence: URIRef


class GAF(DefinedNamespace):
    """Grounded Annotation Framework: an instance is denoted by its mentions."""

    _fail = True
    _NS = Namespace("http://groundedannotationframework.org/gaf#")

    denotedBy: URIRef


class CAMEO(DefinedNamespace):
    """A SKOS concept scheme of the CAMEO event codes newsgraph maps to (no official RDF exists)."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/cameo/")

    scheme: URIRef
    c010: URIRef
    c040: URIRef
    c057: URIRef
    c072: URIRef
    c154: URIRef
    c163: URIRef
    c173: URIRef
    c190: URIRef
    c0874: URIRef
