"""Which actors a noun phrase names: shared by the event, agreement and claim rules.

>>> from newsgraph.loaders import Article, Extractor
>>> ex = Extractor().extract(Article(text="Talks\\n\\nRussian diplomats met Chinese officials in Geneva.", source="t"))
>>> sorted(p.actor for e in ex.events for p in e.participants)  # a group named by its state, and a state
['China', 'Russian diplomats']
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders.resolve import ArticleActor, Resolution, is_title

__all__ = ["last_person", "np_actors"]

#: "the Ukraine war" names a war, not a party to it
_WAR_NOUNS = {"war", "conflict", "front", "frontline", "crisis", "battlefield", "theatre", "theater"}


def np_actors(res: Resolution, head: Token) -> list[ArticleActor]:
    """Actors named by a noun phrase: the head, conjuncts, appositions, and nationality or owner modifiers
    ("North Korean soldiers" names North Korea); "he"/"she" is the last person named before."""
    out: list[ArticleActor] = []
    if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl":
        head = head.head.head  # "soldiers who deserted": the relative pronoun stands for the noun it hangs on
    tokens = [head, *[c for c in head.children if c.dep_ in {"conj", "appos"}]]
    for token in tokens:
        actor = res.actor_at(token)
        described = token.dep_ == "appos" and token is not head  # "Auma Obama, a Kenyan-British activist,"
        money = token.ent_type_ == "MONEY"  # "50,000 Swiss francs" names no Switzerland
        if actor is None and token.lemma_.lower() not in _WAR_NOUNS and not described and not money:
            for mod in token.children:
                if mod.dep_ in {"amod", "compound", "poss", "nmod"}:
                    found = res.actor_at(mod) or res.country_of(mod)
                    if found is not None and found.type in {"Country", "Organization", "Person"}:
                        actor = found
                        break
        if actor is None and token.lower_ in {"he", "she", "him", "her"}:
            actor = last_person(res, token)
        if actor is not None and actor not in out:
            out.append(actor)
    if all(a.type == "Country" for a in out) and head.pos_ in {"NOUN", "PROPN"} and is_title(head.lower_):
        # "Deputy Ambassador to the UN Robert Wood told ...": the parser hangs the name in the title's phrase; the
        # person whose name ends it is the one the title describes
        last = max(head.subtree, key=lambda t: t.i)
        person = res.actor_at(last)
        if person is not None and person.type == "Person" and last.i > head.i:
            out.insert(0, person)
    return out


def last_person(res: Resolution, token: Token) -> ArticleActor | None:
    """The person named last before ``token``; but a pronoun in a clause under a verb whose subject is a named
    person is that person ("Hunt blamed Putin's war for the rise, as he warned …": he is Hunt)."""
    for ancestor in token.ancestors:
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.i < token.i and not child.is_ancestor(token):
                actor = res.actor_at(child)
                if actor is not None and actor.type == "Person":
                    return actor
    quoted = _quoted_before(token)
    best: tuple[int, ArticleActor | None] = (-1, None)
    for span, actor in res.spans:
        if actor.type == "Person" and best[0] < span.start < token.i and span.start not in quoted:
            best = (span.start, actor)
    return best[1]


def _quoted_before(token: Token) -> set[int]:
    """The tokens of a quotation earlier in the pronoun's sentence: "'… Putin's invasion …,' he said" - a person
    named inside what is said is not the one who says it."""
    inside: set[int] = set()
    open_at: int | None = None
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.text in {"“", '"'} and open_at is None:
            open_at = t.i
        elif t.text in {"”", '"'} and open_at is not None:
            inside.update(range(open_at, t.i))
            open_at = None
    return inside
