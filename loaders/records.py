"""What ``newsgraph extract`` gives for an article: plain records (its JSON), made from what the rules found."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.loaders.article import Article

__all__ = [
    "ActorRecord",
    "ClaimRecord",
    "EventRecord",
    "Extraction",
    "MentionRecord",
    "ParticipantRecord",
    "SentenceRecord",
]


@dataclass
class MentionRecord:
    text: str
    start: int
    end: int
    sentence: str


@dataclass
class ActorRecord:
    iri: str
    label: str
    type: str
    wikidata: str | None
    aliases: list[str]
    role: str | None
    mentions: list[MentionRecord]
    affiliation: str | None = None
    #: a news organisation: a source statements are reported by, kept out of centrality and communities
    outlet: bool = False


@dataclass
class ParticipantRecord:
    actor: str
    role: str
    iri: str


@dataclass
class EventRecord:
    iri: str
    type: str
    label: str
    date: str | None
    place: str | None
    participants: list[ParticipantRecord]
    sentence: str
    start: int
    end: int
    trigger: str
    date_text: str | None = None
    date_granularity: str | None = None
    place_iri: str | None = None
    agreement: str | None = None
    agreement_iri: str | None = None
    trigger_start: int = 0
    trigger_end: int = 0
    #: the finer type of the taxonomy (``verdict``, ``earthquake``…); ``type`` is its broad one of the eleven
    fine_type: str | None = None


@dataclass
class ClaimRecord:
    iri: str
    speaker: str | None
    about: str
    value: float | None
    min: float | None
    max: float | None
    approximate: bool
    unit: str | None
    date: str | None
    sentence: str
    start: int
    end: int
    quantity_text: str
    sentence_start: int
    sentence_end: int
    speaker_iri: str | None = None
    subject_iri: str | None = None
    #: the claim's own date as the text gives it, and its granularity (day, week, month, year)
    date_text: str | None = None
    date_granularity: str | None = None
    #: what the figure measures (a notation of ``ontology/measures.ttl``) and what it counts beyond that
    measure: str | None = None
    counts: str | None = None
    #: the happening it counts (an event of this article) and the actor it belongs to (``subject_iri``'s label)
    happening_iri: str | None = None
    happening: str | None = None
    subject: str | None = None
    #: reported, maximum, requested, forecast or conditional: only a reported figure is the figure itself
    status: str = "reported"
    #: "part" of another figure, an "increment" on one, or those "excepted" ("all but three")
    part: str | None = None
    #: the figure before a change the sentence tells ("from £140m to £290m", "had earlier given")
    earlier: bool = False
    #: the figure a change came to ("the toll rose to 55")
    later: bool = False
    #: the unit figures are compared in (a currency's ISO code, "m", "m2", "kg", "months", "hours", "%") and what
    #: one unit of the text is in it
    base_unit: str | None = None
    base_factor: float | None = None


@dataclass
class SentenceRecord:
    start: int
    end: int
    text: str


@dataclass
class Extraction:
    """What newsgraph found in one article (the JSON of ``newsgraph extract``)."""

    article: Article
    actors: list[ActorRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)
    model: str = ""
    #: what made it: release, model and rules' data (``ng:extractorVersion``)
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape: article, actors, events, claims."""
        art = self.article
        return {
            "article": {
                "iri": art.iri,
                "title": art.title,
                "url": art.url,
                "published": art.published_text,
                "source": art.source,
                "outlet": art.outlet,
                "content_hash": art.content_hash,
            },
            "actors": [asdict(a) for a in self.actors],
            "events": [asdict(e) for e in self.events],
            "claims": [_claim_dict(c) for c in self.claims],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _claim_dict(claim: ClaimRecord) -> dict[str, Any]:
    data = asdict(claim)
    for key in ("value", "min", "max"):
        data[key] = _number(data[key])
    return data
