"""What the rules ask of the parse: a verb's subject and object, the clause a word belongs to, passives and
nominals. Shared by the event, statement, agreement and figure rules."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._labels import (
    CLAUSE_HEADS,
    NOUN_CLAUSE,
    OBJECT,
    PASSIVE,
    RAISING,
    REPORTED,
    SUBJECT,
)
from newsgraph.loaders.rules import Rules

__all__ = [
    "clause_head",
    "clause_of",
    "closing",
    "dateline_word",
    "is_verb",
    "nominal",
    "object_of",
    "part_of",
    "passive",
    "perfect",
    "subject_of",
]


def passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE for c in verb.children)


def perfect(verb: Token) -> bool:
    """ "has said", "had warned": a verb in a perfect tense."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.tag_ == "VBN")


def nominal(token: Token) -> bool:
    """A noun, or a gerund used as one ("the issue of deploying troops"; "by deploying troops" is a verb)."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return True
    return token.tag_ == "VBG" and token.dep_ in {"pcomp", "pobj"} and token.head.lower_ == "of"


def dateline_word(token: Token) -> bool:
    """A paragraph's dateline the parser took for a word of the sentence: "BARCELONA:", "NEW YORK —"."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.text.isupper() and len(token.text) > 2 and nxt is not None and nxt.text in {":", "—", "–"}


def subject_of(rules: Rules, verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it depends on ("is expected to strike", "sent troops to …";
    rule ``raised_subjects``); the relative pronoun of a relative clause is the noun it hangs on ("the wildfire
    that erupted"; rule ``relative_subjects``)."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if dateline_word(child):
                continue  # "BARCELONA: Catalonia's leader ... said": the dateline is no subject
            # on a governing verb a passive subject is raised: "Belarus is expected to send" (Belarus sends)
            if child.dep_ in SUBJECT or (child.dep_ == "nsubjpass" and node is not verb):
                if child.tag_ in {"WDT", "WP"} and node.dep_ == "relcl" and rules.on("relative_subjects"):
                    return (
                        node.head
                    )  # "the wildfire that erupted": the relative pronoun is the noun it hangs on
                return child
        if node.dep_ in RAISING and node.head is not node and rules.on("raised_subjects"):
            node = node.head.head if node.dep_ == "pcomp" else node.head
            continue
        if (
            node.dep_ == "relcl"
            and any(c.tag_ in {"WP", "WDT"} for c in node.children)
            and rules.on("relative_subjects")
        ):
            return node.head
        break
    return None


def object_of(verb: Token) -> Token | None:
    """The direct object, or the subject of a passive ("was hit")."""
    for child in verb.children:
        if child.dep_ in OBJECT:
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ in NOUN_CLAUSE and verb.tag_ == "VBN":  # "the buildings destroyed", "a fine imposed"
        return verb.head
    return None


def part_of(token: Token) -> list[Token]:
    """What "as part of" puts a word in: "a meeting as part of an election campaign" gives the campaign."""
    return [
        whole
        for as_ in token.children
        if as_.dep_ == "prep" and as_.lower_ == "as"
        for part in as_.children
        if part.dep_ == "pobj" and part.lower_ == "part"
        for of in part.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for whole in of.children
        if whole.dep_ == "pobj"
    ]


def clause_head(token: Token) -> Token:
    """The first of a run of coordinated words: "struck and killed" is "struck"'s clause."""
    node = token
    while node.dep_ == "conj":
        node = node.head
    return node


def clause_of(token: Token) -> Token:
    """The head of the clause a word belongs to (a noun's clause is its governing verb's)."""
    node = token
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_HEADS:
            return node
        if node.head is node:
            return node
        node = node.head
    return node


def closing(token: Token) -> bool:
    """ "…, the military said": the reporting verb follows the clause it reports."""
    return any(c.dep_ in REPORTED and c.i < token.i for c in token.children) and not any(
        c.dep_ in REPORTED and c.i > token.i for c in token.children
    )
