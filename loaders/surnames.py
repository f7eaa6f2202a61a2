"""People named by a part of their name: a bare surname is the nearest person named in full before with that
family name (not a relative named to say who someone is), else the table's only person of that surname, else the
next full name; a surname the model took for no name is the one person named in full with it; a lone given name
joined by "and" to a full name shares its surname; and two names joined by a hyphen before a noun ("the
Trump-Kim summit") name no actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from newsgraph.loaders._labels import PAIR_MODIFIER
from newsgraph.loaders.table import normalize_name

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution

__all__ = [
    "couple",
    "kin_surname",
    "pair_modifier",
    "person_family_names",
    "resolve_surname",
    "untagged_surnames",
]


def person_family_names(actor: ArticleActor) -> set[str]:
    """The words a person may be called by alone: the first and the last word of their names, a hyphenated
    surname whole ("Bankman-Fried")."""
    words = [normalize_name(w) for w in actor.label.split()]
    names = {words[0], words[-1]} if len(words) > 1 else set(words)
    for alias in actor.aliases:
        alias_words = [normalize_name(w) for w in alias.split()]
        if len(alias_words) > 1:
            names |= {alias_words[0], alias_words[-1]}
    return names


def _kin_of(res: Resolution, people: set[str]) -> set[str]:
    """Of these people, those the article names only as someone else's relative ("X, the daughter of Y": Y)."""
    related: set[str] = set()
    named_plainly: set[str] = set()
    for span, actor in res.spans:
        if actor.iri not in people or len(span.text.split()) < 2:
            continue
        window = res.doc[max(span.sent.start, span.start - 6) : span.start]
        if any(res.rules.names.has("kin", t.lower_) for t in window):
            related.add(actor.iri)
        else:
            named_plainly.add(actor.iri)
    return related - named_plainly


def resolve_surname(res: Resolution, span: Span) -> ArticleActor | None:
    """A bare surname: the person of that name named in full before; of several ("Keiko Fujimori, daughter of
    Alberto Fujimori"), the one named in full in this or the previous sentence, else the one the article
    introduced first (its protagonist); failing that the table's only person of that surname, or the next full
    name that follows."""
    if not res.rules.on("bare_surnames"):
        return None
    word = normalize_name(span.text)
    best: tuple[int, ArticleActor | None] = (-1, None)
    following: tuple[int, ArticleActor | None] = (10**9, None)
    first_seen: dict[str, tuple[int, ArticleActor]] = {}
    for other, actor in res.spans:
        if actor.type != "Person" or len(other.text.split()) < 2:
            continue
        if word not in person_family_names(actor):
            continue
        if other.start < span.start and (
            actor.iri not in first_seen or other.start < first_seen[actor.iri][0]
        ):
            first_seen[actor.iri] = (other.start, actor)
        if other.start < span.start and other.start > best[0]:
            best = (other.start, actor)
        elif other.start > span.start and other.start < following[0]:
            following = (other.start, actor)
    if best[1] is not None:
        if (
            len(first_seen) > 1
            and not (span.sent.start <= best[0] < span.sent.end)
            and res.rules.on("relatives_named_to_say_who")
        ):
            # "Keiko Fujimori, the daughter of former President Alberto Fujimori": a relative named to say who
            # someone is is not who a later bare "Fujimori" means
            kin = _kin_of(res, {a.iri for _, a in first_seen.values()})
            if best[1].iri in kin:
                others = [item for item in first_seen.values() if item[1].iri not in kin]
                if others:
                    return max(others, key=lambda item: item[0])[1]
        return best[1]
    rows = res.table.by_surname(span.text)
    if len(rows) == 1:
        return res.ensure(rows[0])
    return following[1]


def kin_surname(res: Resolution, span: Span) -> str | None:
    """The surname a lone given name takes from the relative it is named as ("Rowan Pelham and his son Idris",
    "Pelham's daughter Nia": Pelham; rule ``relatives_by_their_given_name``): the person of the possessive, or for
    "his"/"her" the person named last before it in its sentence."""
    if not res.rules.on("relatives_by_their_given_name"):
        return None
    doc = res.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 1 or not res.rules.names.has("kin", doc[i].lower_):
        return None
    owner = doc[i - 1]
    person: ArticleActor | None = None
    if res.rules.words.has("possessive_marks", owner.text) and i >= 2:
        person = res.actor_at(i - 2)
    elif owner.lower_ in {"his", "her"}:
        before = [a for s, a in res.spans if a.type == "Person" and span.sent.start <= s.start < owner.i]
        person = before[-1] if before else None
    if person is None or person.type != "Person" or len(person.label.split()) < 2:
        return None
    return person.label.split()[-1]


def couple(span: Span) -> str | None:
    """The surname a lone given name shares with the full name it is joined to by "and" ("Faaso and Malui Fonua
    Tone" -> "Tone")."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].lower_ != "and":
        return None
    after = doc[span.end + 1]
    if after.ent_type_ != "PERSON" or after.ent_iob_ != "B":
        return None
    end = after.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
        end += 1
    if end == after.i or not doc[end].is_alpha:
        return None
    return doc[end].text


def pair_modifier(span: Span, text: str, res: Resolution) -> bool:
    """A hyphen-joined pair of names before a noun ("Trump-Kim summit", "Sino-Indian talks" aside): each part is
    the name of an actor of its own (a person of the table or of the article, a state), so the whole names no
    actor. A hyphenated name ("Bankman-Fried", "Rolls-Royce") has parts that are no names alone."""
    if not res.rules.on("pair_modifiers"):
        return False
    parts = [p for p in text.split("-") if p]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts) or " " in text:
        return False
    root = span.root
    if root.dep_ not in PAIR_MODIFIER or root.head.i < span.end:
        return False
    people = [a for a in res.actors.values() if a.type == "Person"]

    def named(part: str) -> bool:
        key = normalize_name(part)
        return bool(
            res.table.by_surname(part)
            or res.table.lookup(part)
            or any(key in person_family_names(a) for a in people)
        )

    return all(named(p) for p in parts)


def untagged_surnames(res: Resolution, sent_of: dict[int, int]) -> None:
    """A surname the model took for no name ("Haddix said on Wednesday ...", often at a sentence's start) is a
    mention of the one person of the article named in full with it. A word inside a longer name ("the Haddix
    Foundation") or any entity of the model's is left alone."""
    if not res.rules.on("untagged_surnames"):
        return
    honorifics = res.rules.names.classes["honorifics"]
    by_surname: dict[str, list[ArticleActor]] = {}
    given = res.rules.on("given_names_alone")
    for actor in res.actors.values():
        words = actor.label.split()
        if actor.type == "Person" and len(words) >= 2 and actor.mentions:
            # "Woo" after "Woo Won-sik", "Suleman" after "Suleman Dawood": a family name written first, or a given
            # name that is the article's only person's of that name (rule given_names_alone)
            for word in {words[-1], words[0]} if given else {words[-1]}:
                by_surname.setdefault(word, []).append(actor)
    doc = res.doc
    for token in doc:
        people = by_surname.get(token.text)
        if (
            people is None
            or len(people) != 1
            or token.i in res.token_actor
            or token.ent_type_
            or token.pos_ != "PROPN"
            or not token.text.isalpha()
        ):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(
            n.pos_ == "PROPN" and n.text[:1].isupper() and n.lower_.rstrip(".") not in honorifics
            for n in neighbours
        ):
            continue
        res.attach(doc[token.i : token.i + 1], people[0], sent_of[token.i])
