"""Office-holders the article names by their office of a place, not by their name.

"The mayor of Tromsø told the agency that 200 people were on board": no person of the article is the mayor, yet
someone speaks, and what is said is theirs, not the town's. The office and its place name the person ("Mayor of
Tromsø"), as a reader would write them down (rule ``office_holders_of_a_place``). A person the article names with
that office ("Tromsø mayor Kari Holm") is that office-holder instead, and an organisation's office-holder ("the head
of the coastguard") speaks for the organisation (rule ``office_holders_speak_for_their_body``), not as a person.

>>> from newsgraph.loaders import Article, Extractor
>>> found = Extractor().extract(Article(text="The mayor of Tromsø said 200 people were on board.", source="t"))
>>> [c.speaker for c in found.claims]
['Mayor of Tromsø']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.loaders._known import is_title

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.loaders.resolve import Resolution

__all__ = ["place_offices"]

#: the types of what an office may be "of" for its holder to be named by it
_PLACES = {"Place"}


def place_offices(res: Resolution, sent_of: dict[int, int]) -> None:
    """Mint "Mayor of Tromsø" for "the mayor of Tromsø" when no person of the article holds that office there."""
    rules = res.rules
    if not rules.on("office_holders_of_a_place"):
        return
    doc = res.doc
    for office in doc:
        if office.pos_ != "NOUN" or office.i in res.token_actor or not is_title(rules, office.lower_):
            continue
        if "person" not in rules.wordclasses.noun(office.lemma_.lower()):
            continue  # "the state of Connecticut": a title's word that names no one
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in office.children):
            continue  # "a mayor of a nearby town" names no one in particular
        place = _place_of(res, office)
        if place is None:
            continue
        role = f"{office.lower_} of {place}"
        if _held_by_a_person(res, office.lower_):
            continue
        words = [t for t in office.lefts if t.dep_ in {"amod", "compound"} and not t.is_punct]
        start = min((t.left_edge.i for t in words), default=office.i)
        title = doc[start : office.i + 1].text
        actor = res.mint(f"{title[:1].upper()}{title[1:]} of {place}", "Person")
        if role not in actor.roles:
            actor.roles.append(role)
        span = doc[start : office.i + 1]
        res.attach(span, actor, sent_of[office.i], keep=True)


def _place_of(res: Resolution, office: Token) -> str | None:
    """The name of the place the office is "of": a place of the article, or a name the model left without an
    actor ("the mayor of Kalmar" where the model took the town for a person's name)."""
    for prep in (c for c in office.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = res.actor_at(obj)
            if found is not None:
                return found.label if found.type in _PLACES else None
            if obj.pos_ == "PROPN":
                start = obj.i
                while start > prep.i + 1 and res.doc[start - 1].pos_ == "PROPN":
                    start -= 1
                return res.doc[start : obj.i + 1].text
    return None


def _held_by_a_person(res: Resolution, office: str) -> bool:
    """Whether a person of the article holds the office: a role of theirs has its word ("Tromsø mayor Kari Holm")."""
    return any(
        office in role.lower().split()
        for actor in res.actors.values()
        if actor.type == "Person" and actor.mentions
        for role in actor.roles
    )
