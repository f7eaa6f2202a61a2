"""One decision per actor from all its mentions: what an actor the text names is (a person, an organisation, a
place) is decided once for the article, by a vote of the model's labels on each of its mentions and of its name's
head noun, rather than by whichever mention came first.

>>> from newsgraph.loaders import Extractor
>>> from newsgraph.loaders.article import Article
>>> text = ("Relief for Kelora\\n\\nDonors pledged aid to Kelora. Kelora reported 30 deaths on Monday. Aid reached "
...         "Kelora by boat, and Kelora said more was needed.")
>>> ex = Extractor().extract(Article(text=text, source="t.txt"))
>>> len({a.type for a in ex.actors if a.label == "Kelora"})
1
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from newsgraph.loaders.resolve import ArticleActor, Resolution

__all__ = ["decide_types", "names_a_product"]

#: the types a vote decides between
_KINDS = ("Person", "Organization", "Place")


def decide_types(res: Resolution) -> None:
    """Each actor the article names, not from the table, takes the type most of its mentions read as (the model's
    labels), with its name's head noun as one more vote: an organisation's ("… Authority", "… Games Studio") or a
    place's ("… City Hall", "… Airport"; name classes ``organisation_heads``, ``place_heads``); a place the model
    also reads as an organisation is a place unless its head noun is an organisation's; a tie keeps the type of its
    first mention (rule ``types_by_vote``)."""
    if not res.rules.on("types_by_vote"):
        return
    names = res.rules.names
    for actor in res.actors.values():
        if actor.table is not None or actor.type not in _KINDS or actor.group:
            continue
        if actor.type == "Person" and _words_not_a_person(res, actor):
            actor.type = "Organization"
            continue
        votes = Counter(res.votes.get(actor.iri, Counter()))
        words = actor.label.split()
        last = words[-1].lower() if len(words) > 1 else ""
        organisation_head = False
        if last and not (actor.type == "Person" and names.has("surname_heads", last)):
            if names.has("organisation_heads", last):
                votes["Organization"] += 1
                organisation_head = True
            elif names.has("place_heads", last):
                votes["Place"] += 1
        if not votes:
            continue
        if votes["Place"] and not organisation_head:
            # a place the model also reads as an organisation ("Africa", a ship, a venue) is a place: the
            # organisation reading is a place standing for those in it
            votes["Place"] += votes.pop("Organization", 0)
        best = max(_KINDS, key=lambda kind: (votes[kind], kind == actor.type))
        if votes[best] > votes[actor.type]:
            actor.type = best


def _words_not_a_person(res: Resolution, actor: ArticleActor) -> bool:
    """A name the model reads as a person's whose every word is an English common noun ("Harbour Aid", "Alarm
    Phone"), never shortened to one word and never after a title, is an organisation's (rule
    ``names_of_common_nouns``): a person is named by a given name and a surname, and spoken of by the surname or
    with a title ("adviser Mike Waltz … Waltz said")."""
    from newsgraph.loaders._known import is_title

    rules = res.rules
    words = actor.label.split()
    if not rules.on("names_of_common_nouns") or len(words) < 2:
        return False
    if not all(w.isalpha() and w[:1].isupper() and rules.wordclasses.noun(w.lower()) for w in words):
        return False
    if rules.names.has("surname_heads", words[-1].lower()):
        return False  # "Grace Park": a common surname
    if any(m.text != actor.label and not m.text.endswith(actor.label) for m in actor.mentions):
        return False  # "Waltz said": a surname alone
    doc = res.doc
    for m in actor.mentions:
        if m.token_start > 0 and is_title(rules, doc[m.token_start - 1].lower_):
            return False  # "adviser Mike Waltz"
        after = doc[m.token_end : doc[m.token_start].sent.end]
        if any(rules.words.has("person_pronouns", t.lower_) for t in after):
            return False  # "… said she would run": a person's pronoun
    return True


def names_a_product(res: Resolution, span: Span) -> bool:
    """Whether a name only qualifies a product here (rule ``products_named_by_their_maker``): a model number after
    it ("a Veltro 737-800", "the Skyra A320neo") or a product's noun ("the Lumio app", "a Nordvale phone";
    name class ``thing_heads``), where the maker or the brand is no actor of the sentence."""
    if not res.rules.on("products_named_by_their_maker"):
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if (
        after is not None
        and any(ch.isdigit() for ch in after.text)
        and (after.ent_type_ == "PRODUCT" or any(ch.isalpha() for ch in after.text))
    ):
        return True  # "a Veltro 737-800" (a model the model tags as a product), "the Skyra A320neo"
    root = span.root
    head = root.head
    if root.dep_ not in {"compound", "nmod", "amod"} or head.i < span.end:
        return False
    if any(ch.isdigit() for ch in head.text):
        return True
    return head.is_lower and head.pos_ == "NOUN" and res.rules.names.has("thing_heads", head.lower_)
