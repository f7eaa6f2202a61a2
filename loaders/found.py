"""What the rules find in one article, before it becomes records: events and claims (prediction only; the writer
turns the records into triples)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.loaders.dates import DateValue
from newsgraph.loaders.resolve import ArticleActor

__all__ = ["FoundClaim", "FoundEvent", "event_label"]


@dataclass
class FoundEvent:
    """One event. ``type`` is one of the eleven top types, ``fine`` its type in the taxonomy (``verdict``,
    ``earthquake``; the same as ``type`` when nothing finer applies)."""

    type: str
    trigger: Token
    sentence: Span
    participants: list[tuple[ArticleActor, str]] = field(default_factory=list)
    place: ArticleActor | None = None
    date: DateValue | None = None
    agreement: ArticleActor | None = None
    expected: bool = False
    fine: str = ""
    type_label: str = ""

    def __post_init__(self) -> None:
        self.fine = self.fine or self.type
        self.type_label = self.type_label or self.fine.replace("_", " ")


def main_participant(event: FoundEvent, roles: tuple[str, ...]) -> ArticleActor | None:
    """The participant that names the happening: the first of ``roles`` (best first) that someone has."""
    for role in roles:
        for actor, r in event.participants:
            if r == role:
                return actor
    return None


def event_label(event: FoundEvent, roles: tuple[str, ...]) -> str:
    """The happening and its main participant (``roles``, best first): "verdict: Sam Bankman-Fried, 2024-03-28"."""
    main = main_participant(event, roles)
    what = event.type_label
    if event.agreement is not None:
        text = f"{what}: {event.agreement.label}"
    elif main is not None:
        others = [
            a.label for a, r in event.participants if a is not main and r not in {"outlet", "addressee"}
        ]
        text = f"{what}: {main.label}" + (f" and {others[0]}" if len(others) == 1 else "")
        text += f" and {len(others)} others" if len(others) > 1 else ""
    elif event.place is not None:
        text = f"{what} in {event.place.label}"
    else:
        text = f"{what} ({event.trigger.text})"
    if event.place is not None and main is not None:
        text += f" in {event.place.label}"
    if event.date is not None and event.date.iso:
        text += f", {event.date.iso}"
    return f"{text} (expected)" if event.expected else text


@dataclass
class FoundClaim:
    """One figure with its attribution."""

    sentence: Span
    quantity_text: str
    value: float | None
    min: float | None
    max: float | None
    approximate: bool
    unit: str | None
    about: str
    speaker: ArticleActor | None
    subject_actor: ArticleActor | None
    start: int
    end: int
    #: the figure's word, and the word that says who puts it forward ("said", "according"), when there is one
    token: Token | None = None
    said: Token | None = None
    #: the claim's own date: of the clause that puts it forward, else of the figure's clause
    date: DateValue | None = None
    #: how it was found: a count, money, a fraction, a penalty, a supply, a tally of votes
    kind: str = "count"
    #: what it measures (a notation of ``measures.ttl``), and what it counts beyond that: the people it sets apart
    #: ("children"), what a share of a whole is ("uninsured"), where a distance is from ("from Pylos")
    measure: str | None = None
    counts: str | None = None
    #: reported, or a maximum, a request, a forecast, a condition (``measures.ttl``'s figure statuses)
    status: str = "reported"
    #: a part of another figure ("including three children"), an increment ("a further £100m"), or those
    #: excepted ("all but three")
    part: str | None = None
    #: the figure is the one before a change the sentence tells ("rose from £140m to £290m", "had earlier given")
    earlier: bool = False
    #: the figure is the one a change came to ("the toll rose to 55")
    later: bool = False
    #: the unit of a normalised figure (a currency's ISO code, "m", "m2", "kg", "months") and what one of the text's
    #: units is in it
    base_unit: str | None = None
    base_factor: float | None = None
    #: the happening it counts, when the article tells one in the figure's sentence
    happening: FoundEvent | None = None
    #: what befell what it counts by the nearest measure word anywhere above it ("300 were killed and 2,700
    #: wounded"): the measure when nothing in its own clause says
    befell: str | None = None
