"""What the rules find in one article, before it becomes records: events and claims (prediction only; the writer
turns the records into triples)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.loaders.dates import DateValue, label_date
from newsgraph.loaders.resolve import ArticleActor

__all__ = ["FoundClaim", "FoundEvent", "event_label", "label_from_parts"]


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
    return label_from_parts(
        event.type_label,
        [(a.iri, a.label, r) for a, r in event.participants],
        roles=roles,
        place=event.place.label if event.place is not None else None,
        agreement=event.agreement.label if event.agreement is not None else None,
        date=label_date(event.date.iso) if event.date is not None else None,
        trigger=event.trigger.text,
        expected=event.expected,
    )


def label_from_parts(
    what: str,
    participants: list[tuple[str, str, str]],
    *,
    roles: tuple[str, ...],
    place: str | None,
    agreement: str | None,
    date: str | None,
    trigger: str,
    expected: bool = False,
) -> str:
    """An event's label from its parts (``participants``: IRI, label and role of each, in order; ``roles``: the
    roles that name the happening, best first), so that a label can be made again when a participant is renamed,
    merged or hidden.

    >>> label_from_parts("meeting", [("a:1", "Donald Trump", "agent"), ("a:2", "Kim Jong Un", "participant")],
    ...                  roles=("agent",), place="Singapore", agreement=None, date="2018-06", trigger="met")
    'meeting: Donald Trump and Kim Jong Un in Singapore, 2018-06'
    """
    main = next((p for role in roles for p in participants if p[2] == role), None)
    if agreement is not None:
        text = f"{what}: {agreement}"
    elif main is not None:
        others = [
            label for iri, label, r in participants if iri != main[0] and r not in {"outlet", "addressee"}
        ]
        text = f"{what}: {main[1]}" + (f" and {others[0]}" if len(others) == 1 else "")
        text += f" and {len(others)} others" if len(others) > 1 else ""
    elif place is not None:
        text = f"{what} in {place}"
    else:
        text = f"{what} ({trigger})"
    if place is not None and main is not None:
        text += f" in {place}"
    if date:
        text += f", {date}"
    return f"{text} (expected)" if expected else text


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
