"""Not every trigger reports a happening: the filters that say so, each a registered rule.

Negated ("have not been held"), what someone failed or refused to do, what a denial governs, a hypothetical ("if",
"in the event of"), what a verb of asking asks for, a standing prohibition ("is barred by sanctions"), anything
under "a ban on", a relative clause on a named actor, an infinitive of purpose under another event, a happening's
noun that only names what another noun is ("an attack helicopter"), speech quoted inside speech, and "any such
deployment". Also whether a trigger speaks of what is to
come (expected, future), and whether a noun carries a figure.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._labels import AMOUNTS, ASKED, DENIED
from newsgraph.loaders._quotes import closed_before, open_before
from newsgraph.loaders._syntax import clause_head, closing, nominal, passive
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.triggers import classify, classify_all

__all__ = [
    "background",
    "conditional",
    "counted",
    "expected",
    "future",
    "inside_quote",
    "naming_modifier",
    "negated",
    "none_of_it",
    "prohibited",
    "purpose",
    "qualifies_aftermath",
    "requested",
    "standing",
    "under_negation",
]


def negated(rules: Rules, token: Token) -> bool:
    """A "not" on the word (rule ``negation``), or a verb of not doing above it ("failed to report", "refused to
    sign"; rule ``not_doing``)."""
    if any(c.dep_ == "neg" for c in token.children) and rules.on("negation"):
        return True
    return (
        token.dep_ == "xcomp"
        and rules.on("not_doing")
        and rules.words.has("not_doing", token.head.lemma_)
        and not any(c.dep_ == "neg" for c in token.head.children)
    )


def none_of_it(rules: Rules, token: Token) -> bool:
    """ "No one was hurt", "nobody was arrested", "police made no arrests": a negative quantifier as the trigger's
    subject or object, or on the trigger noun itself, says it did not happen (word class ``negative_quantifiers``;
    rule ``negative_quantifiers``). It says nothing of what the trigger governs ("no one was hurt because the
    roof held")."""
    if not rules.on("negative_quantifiers"):
        return False
    words = rules.words
    arguments = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    for node in (token, *arguments):
        if node is not token and words.has("negative_quantifiers", node.lower_):
            return True
        if (node is not token or token.pos_ == "NOUN") and any(
            c.dep_ == "det" and words.has("negative_quantifiers", c.lower_) for c in node.children
        ):
            return True
    return False


def under_negation(rules: Rules, token: Token) -> bool:
    """ "the unit had not been ordered to advance": what a negated verb governs did not happen as told (rule
    ``negation_scope``); nor does what a denial governs ("the militia denied killing civilians", "rejected claims
    it had attacked"; rule ``denials``)."""
    node = token
    # "not sidetracked by the deadly bombings": a definite noun's happening is presupposed, negation or not
    presupposed = (
        rules.on("presupposed_definites")
        and nominal(token)
        and any(
            (c.dep_ == "det" and c.lower_ in {"the", "this", "these"}) or c.dep_ == "poss"
            for c in token.children
        )
    )
    if rules.on("negation_scope"):
        for ancestor in list(token.ancestors)[:2]:
            if (node.dep_ == "conj" and rules.on("negation_and_coordination")) or presupposed:
                break  # "has not commented but said Ukraine fired": the negation is the other conjunct's
            if (
                ancestor.pos_ in {"VERB", "AUX"}
                and negated(rules, ancestor)
                and not rules.words.has("denials", ancestor.lemma_)
            ):
                return True
            node = ancestor
    if token.dep_ in DENIED and token.head.lemma_ in {"deny", "refute"} and rules.on("denials"):
        return token.head.pos_ == "VERB" and not negated(rules, token.head)
    return False


def conditional(rules: Rules, token: Token) -> bool:
    """The trigger sits in an "if"/"unless"/"whether" clause: a hypothetical, not a happening (rule
    ``conditionals``); so does what a phrase that supposes governs ("in the event of"; rule ``supposing``)."""
    if not rules.on("conditionals"):
        return False
    supposing = rules.on("supposing")
    if supposing and any(_supposing(a) for a in token.ancestors):
        return True  # the parser hangs what is supposed inside the phrase: "in the event of [a victory he would …]"
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return True
        if supposing and any(_supposing(c) for c in node.children):
            return True  # "in the event of a victory, he would declare …"
        if node.dep_ == "ROOT" or node.head is node:
            return False
        node = node.head
    return False


def _supposing(token: Token) -> bool:
    """ "in the event of a victory", "in case of defeat": a prepositional phrase that supposes, like "if"."""
    return (
        token.dep_ == "prep"
        and token.lower_ == "in"
        and any(c.dep_ == "pobj" and c.lemma_.lower() in {"event", "case"} and _of(c) for c in token.children)
    )


def _of(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def background(res: Resolution, token: Token) -> bool:
    """A relative clause on a named actor ("North Korea, which has supplied …") is background to the sentence (rule
    ``background_relatives``)."""
    node = clause_head(token)
    if node.dep_ != "relcl" or not res.rules.on("background_relatives"):
        return False
    owner = res.actor_at(node.head)
    return owner is not None and owner.type in {"Person", "Organization", "Country"}


def purpose(res: Resolution, token: Token) -> bool:
    """ "sending troops to fight and die": an infinitive of purpose under another event is part of it (rule
    ``purpose_infinitives``)."""
    node = clause_head(token)
    if not res.rules.on("purpose_infinitives"):
        return False
    if node.dep_ not in {"advcl", "xcomp"} or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    ):
        return False
    return node.head is not token and classify(res, node.head) is not None


def standing(rules: Rules, token: Token) -> bool:
    """ "North Korea is barred by UN sanctions from any tests": a prohibition in the present of a passive is a state
    that holds, not a happening; nor are the sanctions that are its agent (rule ``standing_prohibitions``)."""
    if not rules.on("standing_prohibitions"):
        return False
    verb = token
    if nominal(token) and token.dep_ == "pobj" and token.head.dep_ == "agent":
        verb = token.head.head
    return (
        passive(verb)
        and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
        and not any(t.ent_type_ == "DATE" for t in verb.subtree)
    )


def requested(rules: Rules, token: Token) -> bool:
    """ "urged governments to consider passing legislation", "called for sanctions": what a verb of asking asks for
    (the lexicon's ``requests``, and what is asked "for", ``requests_for``) has not happened; the asking is the
    statement (rule ``requests``)."""
    if not rules.on("requests"):
        return False
    lexicon = rules.lexicon
    if token.dep_ == "pobj" and token.head.lower_ == "for":
        asking = token.head.head
        if lexicon.word_in(asking, "requests_for"):
            return True  # "called for a ceasefire", "a resolution for a ceasefire"
    node = token
    for _ in range(4):
        if node.dep_ not in ASKED or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "VERB" and lexicon.in_class(node.lemma_.lower(), "requests"):
            return True
    return False


def prohibited(rules: Rules, token: Token) -> bool:
    """ "a ban on testing missiles": the thing banned is not a happening (rule ``prohibitions``)."""
    return rules.on("prohibitions") and any(
        rules.words.has("prohibitions", a.lemma_.lower()) and a.pos_ == "NOUN"
        for a in list(token.ancestors)[:3]
    )


def qualifies_aftermath(rules: Rules, token: Token) -> bool:
    """ "the earthquake death toll", "flood victims": a happening's noun before a noun of its aftermath."""
    return (
        token.pos_ == "NOUN" and token.dep_ == "compound" and rules.words.has("aftermath", token.head.lower_)
    )


def naming_modifier(res: Resolution, token: Token) -> bool:
    """ "the emergency committee", "an attack helicopter": a happening's noun that names what another noun is,
    before it, reports no happening of its own; unless that noun is a happening's too ("an election campaign";
    rule ``naming_modifiers``)."""
    head = token.head
    return (
        res.rules.on("naming_modifiers")
        and token.pos_ == "NOUN"
        and token.dep_ == "compound"
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i > token.i
        and not res.rules.words.has("aftermath", head.lower_)
        and not [f for f in classify_all(res, head) if f != "none"]
    )


def inside_quote(rules: Rules, token: Token, sentence: Span) -> bool:
    """A word inside quoted speech: a reporting verb there is speech within speech (rule ``quoted_speech``). The
    attribution after a quotation is outside it: after its closing mark ('…," Peskov told'), or, when the text
    never closes it, as the sentence's main verb after the words it reports."""
    if not rules.on("quoted_speech"):
        return False
    before = _doc.text(sentence.doc)[sentence.start_char : token.idx]
    if closed_before(before):
        return False
    if token.dep_ == "ROOT" and closing(token):
        return False
    return open_before(before)


def expected(rules: Rules, token: Token) -> bool:
    """Announced or expected rather than reported: a modal or a verb of intending governs the trigger (rule
    ``expected_happenings``)."""
    if not rules.on("expected_happenings"):
        return False
    words = rules.words
    chain = [token, *token.ancestors][:3]
    for node in chain:
        if any(c.dep_ == "aux" and words.has("modal", c.lower_) for c in node.children):
            return True
        if node is not token and words.has("intending", node.lemma_):
            return True
    return any(words.has("intending", c.lemma_) for c in token.children if c.dep_ in {"aux", "auxpass"})


def future(rules: Rules, token: Token) -> bool:
    """The clause speaks of what is to come ("will meet on Tuesday", "is to visit", "plans to sign"): its dates are
    resolved forward (rule ``future_dates``)."""
    if not rules.on("future_dates"):
        return False
    words = rules.words
    node = token.head if nominal(token) else token
    for candidate in [node, *list(node.ancestors)[:2]]:
        if any(c.dep_ == "aux" and words.has("future", c.lower_) for c in candidate.children):
            return True
        if words.has("scheduling", candidate.lemma_):
            return True
        if candidate.lemma_ == "be" and any(c.dep_ == "xcomp" and c.i == token.i for c in candidate.children):
            return True
    return False


def counted(token: Token) -> bool:
    """A noun that carries a figure ("the toll rose to 93", "7,000 layoffs"): a report, not a reference."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head  # "the death toll crossed 22,000": the phrase's head carries the figure
    return any(t.like_num or t.ent_type_ in AMOUNTS for t in token.subtree) or any(
        t.like_num for t in token.head.subtree if t.head == token.head
    )
