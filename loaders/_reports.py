"""What a reporting verb covers: the clauses it reports, and those beside it or inside a promise that it does not
(``loaders/sources.py`` asks these of each figure's path to its source).

>>> from newsgraph.loaders.nlp import load_model
>>> doc = load_model()("Sea Watch said it had sent a boat, and 40 people were rescued.")
>>> beside(Rules.load(), doc[10], doc[2])
True
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._labels import OBJECT
from newsgraph.loaders.lexicon import verb_stems
from newsgraph.loaders.rules import Rules

__all__ = ["after_a_preposition", "beside", "forms", "promises", "put_forward"]


def forms(token: Token) -> set[str]:
    """A verb's lemma and the stems its inflection may hide ("fined": the model's lemma is "fin")."""
    if not token.tag_.startswith("VB"):
        return {token.lemma_.lower()}
    return {token.lemma_.lower(), token.lower_, *verb_stems(token)}


def beside(rules: Rules, number: Token, verb: Token) -> bool:
    """Whether the figure's clause is joined to the reporting verb's as a clause of its own ("ISIS claimed the
    attack, and 11 people were arrested"), not what the verb reports (rule ``clauses_beside_a_report``)."""
    if not rules.on("clauses_beside_a_report"):
        return False
    node = number
    while node.head.i != node.i:
        if node.head.i == verb.i:
            return node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}
        node = node.head
    return False


def promises(rules: Rules, verb: Token) -> bool:
    """ "vowed to punish those behind the attack that killed 133": a promise or a threat (word class
    ``commissives``) tells what someone will do, not what they report; a relative clause inside it describes in the
    writer's words (rule ``what_a_promise_is_about``)."""
    return rules.on("what_a_promise_is_about") and any(rules.words.has("commissives", f) for f in forms(verb))


def after_a_preposition(rules: Rules, verb: Token) -> bool:
    """ "…, after admitting that spending had doubled": a participle after a preposition has the subject of the
    clause the preposition hangs on (rule ``participles_after_a_preposition``)."""
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "prep"
        and rules.on("participles_after_a_preposition")
    )


def put_forward(verb: Token, thing: Token) -> bool:
    """Whether a thing is what an act puts forward: its object, or a part "of" it ("showed the records of a polling
    station"), not what the object is about ("an apology for a crash")."""
    node = thing
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in OBJECT and node.head.i == verb.i:
            return True
        if node.dep_ == "prep" and node.lower_ != "of":
            return False
        node = node.head
    return False
