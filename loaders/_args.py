"""Which actors a noun phrase names: shared by the event, agreement and claim rules.

>>> from newsgraph.loaders import Article, Extractor
>>> ex = Extractor().extract(Article(text="Talks\\n\\nRussian diplomats met Chinese officials in Geneva.", source="t"))
>>> sorted(p.actor for e in ex.events for p in e.participants)  # a group named by its state, and a state
['China', 'Russian diplomats']
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._known import is_title
from newsgraph.loaders._labels import NOUN_MODIFIER
from newsgraph.loaders.pronouns import last_person
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.rules import Rules

__all__ = ["np_actors", "office_body", "people_of_a_state"]


def people_of_a_state(rules: Rules, head: Token) -> bool:
    """Whether a noun a state modifies names some of its people, not someone who speaks for it: one of its senses
    is a person (WordNet's noun.person: fans, refugees, voters, workers) and it is no noun of a group that speaks
    for a state (name class ``group_heads``: officials, diplomats, investigators) or an office (a title). Rule
    ``people_of_a_state_are_not_the_state``."""
    if head.pos_ != "NOUN" or not rules.on("people_of_a_state_are_not_the_state"):
        return False
    if rules.names.has("group_heads", head.lower_) or rules.names.has("group_heads", head.lemma_.lower()):
        return False
    if is_title(rules, head.lower_) or is_title(rules, head.lemma_.lower()):
        return False  # "Australia's immigration minister said": an office speaks for its state
    return "person" in rules.wordclasses.noun(head.lemma_.lower())


def np_actors(res: Resolution, head: Token) -> list[ArticleActor]:
    """Actors named by a noun phrase: the head, conjuncts, appositions, and nationality or owner modifiers
    ("North Korean soldiers" names North Korea; not "the Ukraine war", word class ``war_nouns``); "he"/"she" is
    the person the pronoun refers to."""
    rules = res.rules
    out: list[ArticleActor] = []
    if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl" and rules.on("relative_subjects"):
        head = head.head.head  # "soldiers who deserted": the relative pronoun stands for the noun it hangs on
    tokens = [head, *[c for c in head.children if c.dep_ in {"conj", "appos"}]]
    for token in tokens:
        actor = res.actor_at(token)
        described = token.dep_ == "appos" and token is not head  # "Auma Obama, a Kenyan-British activist,"
        money = token.ent_type_ == "MONEY"  # "50,000 Swiss francs" names no Switzerland
        if not rules.on("demonyms_that_name_no_participant"):
            described = money = False
        if (
            actor is None
            and not rules.words.has("war_nouns", token.lemma_.lower())
            and not described
            and not money
        ):
            for mod in token.children:
                if mod.dep_ in NOUN_MODIFIER:
                    found = res.actor_at(mod) or res.country_of(mod)
                    if found is not None and found.type in {"Country", "Organization", "Person"}:
                        actor = found
                        break
        if actor is None and rules.words.has("person_pronouns", token.lower_):
            actor = last_person(res, token)
        if actor is not None and actor not in out:
            out.append(actor)
    if (
        all(a.type == "Country" for a in out)
        and head.pos_ in {"NOUN", "PROPN"}
        and is_title(rules, head.lower_)
        and rules.on("titles_ending_in_a_name")
    ):
        # "Deputy Ambassador to the UN Robert Wood told ...": the parser hangs the name in the title's phrase; the
        # person whose name ends it is the one the title describes
        last = max(head.subtree, key=lambda t: t.i)
        person = res.actor_at(last)
        if person is not None and person.type == "Person" and last.i > head.i:
            out.insert(0, person)
    return out


def office_body(res: Resolution, token: Token) -> ArticleActor | None:
    """The organisation an unnamed office-holder speaks for: "the head of the security service told …", "a
    spokesperson for the ministry said" (rule ``office_holders_speak_for_their_body``); a place's office-holder
    ("the mayor of Bergen") speaks for no organisation."""
    rules = res.rules
    if (
        not rules.on("office_holders_speak_for_their_body")
        or token.pos_ != "NOUN"
        or not is_title(rules, token.lower_)
    ):
        return None
    if res.actor_at(token) is not None:
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "at"}):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = res.actor_at(obj)
            if found is not None and found.type == "Organization":
                return found
    return None
