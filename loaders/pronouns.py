"""Pronouns: who "he", "she" and "they" are. One resolver for the event, claim and statement rules.

A he/she/him/her is the person named last before it (rule ``personal_pronouns``), unless it sits in a clause under
a verb whose subject is a named person: then it is that person ("Ruiz blamed President Orlov's war …, as she
warned": she is Ruiz; rule ``pronouns_bound_by_a_subject``); a person named inside a quotation earlier in the
sentence is not the one who says it ("'… Orlov's war …,' she said"; rule ``pronouns_after_a_quotation``). Inside
a quoted passage that names exactly one person, a third-person pronoun is that person (rule
``pronouns_in_quotes``); it is recorded as a mention, never as one of the person's names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.loaders import _doc, _quotes

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution

__all__ = ["last_organisation", "last_person", "quoted_pronouns"]


def last_person(res: Resolution, token: Token) -> ArticleActor | None:
    """The person a pronoun refers to: the subject of a clause it sits under when that names a person, else the
    person named last before it outside a quotation of its sentence."""
    rules = res.rules
    if not rules.on("personal_pronouns"):
        return None
    if rules.on("pronouns_bound_by_a_subject"):
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if child.dep_ == "nsubj" and child.i < token.i and not child.is_ancestor(token):
                    actor = res.actor_at(child)
                    if actor is not None and actor.type == "Person":
                        return actor
    quoted = _quotes.quoted_before(token) if rules.on("pronouns_after_a_quotation") else set()
    best: tuple[int, ArticleActor | None] = (-1, None)
    for span, actor in res.spans:
        if actor.type == "Person" and best[0] < span.start < token.i and span.start not in quoted:
            best = (span.start, actor)
    return best[1]


def last_organisation(res: Resolution, token: Token) -> ArticleActor | None:
    """The organisation an "it" that speaks refers to ("The coast guard searched the bay. It said …"; rule
    ``organisations_as_it``): the last organisation or state named in the singular that is a clause's subject in
    its sentence or the two before it, else none (an "it" with no such subject near is a dummy: "it said nothing about …" is rare)."""
    if not res.rules.on("organisations_as_it") or token.lower_ != "it":
        return None
    sentences = list(res.doc.sents)
    here = next(n for n, s in enumerate(sentences) if s.start <= token.i < s.end)
    start = sentences[max(0, here - 2)].start
    best: tuple[int, ArticleActor | None] = (-1, None)
    for span, actor in res.spans:
        if (
            actor.type in {"Organization", "Country"}
            and start <= span.start < token.i
            and span.root.dep_ in {"nsubj", "nsubjpass"}
            and span.root.tag_ not in {"NNS", "NNPS"}  # "Greek authorities" are "they"
            and span.start > best[0]
        ):
            best = (span.start, actor)
    return best[1]


def quoted_pronouns(res: Resolution, sent_of: dict[int, int]) -> None:
    """A third-person pronoun in a quoted passage that names exactly one person refers to that person ("“I got
    along with him. … Kim Jong Un is a smart guy.”"), wherever in the passage the name comes."""
    if not res.rules.on("pronouns_in_quotes"):
        return
    doc = res.doc
    for match in _quotes.passages(_doc.text(doc)):
        inside = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if inside is None:
            continue
        people = {
            actor.iri: actor
            for span, actor in res.spans
            if actor.type == "Person" and inside.start <= span.start and span.end <= inside.end
        }
        if len(people) != 1:
            continue
        (person,) = people.values()
        for token in inside:
            if res.rules.words.has("third_person_pronouns", token.lower_) and token.i not in res.token_actor:
                res.attach(doc[token.i : token.i + 1], person, sent_of[token.i], name=False, listed=False)
