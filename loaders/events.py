"""Events: typed happenings with participants in their roles, place, date and the sentence they come from.

The words that report happenings, and which kind, are data: ``ontology/lexicon.toml`` (see
:mod:`newsgraph.loaders.lexicon`) over the taxonomy of ``ontology/events.ttl``. This module holds the rules that
apply them, each a linguistic phenomenon (``docs/extraction.md`` lists them with example sentences):

- a verb or an eventive noun is a trigger when a lexicon entry holds its lemma and the entry's conditions on its
  subject, object, prepositions, particle or modifiers hold ("an earthquake struck" is an earthquake, "the air
  force struck" an attack, "sent a message" nothing);
- a reporting verb with a named speaker is a statement (a speech act of a finer type when the lexicon says so);
- the arguments take the roles the lexicon gives the type: a verdict's subject is the court and its object the
  defendant, a disaster's object is the place it struck, an outlet told something is the outlet;
- not every trigger reports a happening: negated, conditional, purpose infinitives, anything under "a ban on",
  references ("any such deployment"), a trigger inside a hyphenated modifier ("worst-hit"), background relative
  clauses on a named actor, and speech quoted inside speech are left out;
- what is asked for, supposed ("in the event of"), a standing prohibition ("is barred by sanctions"), a figure of
  speech ("the aftershock of Covid") and an organisation's evidential "said" before a happening are no happenings
  of their own;
- one happening is one node: one event per fine type and sentence, a headline gives way to the body, a sentence a
  page prints twice tells it once, a restatement within two sentences adds nothing, a definite noun for a penalty,
  a court decision or a disaster told before is that one, an attack named as a toll's cause or a happening a
  judging speech act is about is the one told on its own, a speaker who goes on talking continues one statement;
- an event's date comes from its own clause, resolved against the publication date, forward for what is to come.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._args import np_actors
from newsgraph.loaders.agreements import find_agreements, state_key
from newsgraph.loaders.dates import DateValue, is_duration, label_date, resolve_date
from newsgraph.loaders.lexicon import Entry, Lexicon, verb_stems
from newsgraph.loaders.resolve import REPORTING, ArticleActor, Resolution
from newsgraph.ontology.taxonomy import TOP_TYPES, Taxonomy

__all__ = [
    "EVENT_TYPES",
    "FoundEvent",
    "classify",
    "classify_all",
    "event_label",
    "find_agreements",
    "find_events",
]

EVENT_TYPES = TOP_TYPES

_MODAL = {"will", "would", "could", "might", "may", "shall", "'ll", "wo"}
_FUTURE = {"will", "shall", "'ll", "wo"}
_EXPECT = {"expect", "plan", "prepare", "intend", "threaten", "suspect", "schedule", "set", "due", "poise", "aim",
           "seek", "propose", "hope"}  # fmt: skip
_ANAPHORIC = {"this", "that", "these", "those", "such", "any", "no"}
_PROHIBITION = {"ban", "prohibition", "moratorium"}
_LIGHT = {"make", "use", "hold", "conduct", "carry", "launch", "stage", "pay", "exercise", "wield", "take", "give",
          "issue", "deliver", "impose", "hand", "receive", "announce", "order", "call", "mount", "file", "open"}  # fmt: skip
_QUOTES = set('“”"«»')
#: negating these still says something ("did not deny that …")
_DENIAL = {"deny", "reject", "dispute", "rule"}
#: roles that mark a speaker as a commentator rather than a party ("Lim Eul-chul, a professor at ...")
_COMMENTATOR = {"professor", "analyst", "expert", "researcher", "scholar", "fellow", "lecturer", "commentator",
                "observer", "academic", "economist", "strategist"}  # fmt: skip
_LOCATIVE = {"in", "at", "near", "inside", "across", "throughout", "off", "outside", "around", "over"}
#: words of an outlet's name ("agency" alone is not one: the National Fire Agency; "news agency" has "news")
_OUTLET_WORDS = {"news", "times", "post", "journal", "herald", "tribune", "press", "television", "tv",
                 "radio", "broadcaster", "newspaper", "daily", "gazette", "telegraph", "reuters",
                 "bloomberg", "afp", "ap", "cnn", "bbc", "abc", "cbs", "nbc", "mail", "express", "chronicle",
                 "observer", "wire", "channel", "media", "outlet", "magazine"}  # fmt: skip
#: which participant names a happening in its label, best first
_MAIN_ROLES = ("defendant", "winner", "speaker", "agent", "party", "court", "patient", "participant", "recipient",
               "candidate", "addressee", "office", "outlet")  # fmt: skip


@dataclass
class FoundEvent:
    """One event, predicted (the writer turns it into triples). ``type`` is one of the eleven top types, ``fine``
    its type in the taxonomy (``verdict``, ``earthquake``; the same as ``type`` when nothing finer applies)."""

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

    @property
    def label(self) -> str:
        """The happening and its main participant: "verdict: Sam Bankman-Fried, 2024-03-28"."""
        return event_label(
            self.type_label,
            [(a.iri, a.label, r) for a, r in self.participants],
            place=self.place.label if self.place is not None else None,
            agreement=self.agreement.label if self.agreement is not None else None,
            date=label_date(self.date.iso) if self.date is not None else None,
            trigger=self.trigger.text,
            expected=self.expected,
        )


def event_label(
    what: str,
    participants: list[tuple[str, str, str]],
    *,
    place: str | None,
    agreement: str | None,
    date: str | None,
    trigger: str,
    expected: bool = False,
) -> str:
    """An event's label from its parts (``participants``: IRI, label and role of each, in order), so that a label
    can be made again when a participant is renamed, merged or hidden.

    >>> event_label("meeting", [("a:1", "Donald Trump", "agent"), ("a:2", "Kim Jong Un", "participant")],
    ...             place="Singapore", agreement=None, date="2018-06", trigger="met")
    'meeting: Donald Trump and Kim Jong Un in Singapore, 2018-06'
    """
    main = next((p for role in _MAIN_ROLES for p in participants if p[2] == role), None)
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


# ---------------------------------------------------------------------------------------------- syntax helpers
def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _dateline_word(token: Token) -> bool:
    """A paragraph's dateline the parser took for a word of the sentence: "BARCELONA:", "NEW YORK —"."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.text.isupper() and len(token.text) > 2 and nxt is not None and nxt.text in {":", "—", "–"}


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it depends on ("is expected to strike", "sent troops to …")."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if _dateline_word(child):
                continue  # "BARCELONA: Catalonia's leader ... said": the dateline is no subject
            # on a governing verb a passive subject is raised: "Belarus is expected to send" (Belarus sends)
            if child.dep_ in {"nsubj", "csubj"} or (child.dep_ == "nsubjpass" and node is not verb):
                if child.tag_ in {"WDT", "WP"} and node.dep_ == "relcl":
                    return (
                        node.head
                    )  # "the wildfire that erupted": the relative pronoun is the noun it hangs on
                return child
        if node.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and node.head is not node:
            node = node.head.head if node.dep_ == "pcomp" else node.head
            continue
        if node.dep_ == "relcl" and any(c.tag_ in {"WP", "WDT"} for c in node.children):
            return node.head
        break
    return None


def _object(verb: Token) -> Token | None:
    """The direct object, or the subject of a passive ("was hit")."""
    for child in verb.children:
        if child.dep_ in {"dobj", "obj"}:
            return child
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":  # "the buildings destroyed", "a fine imposed"
        return verb.head
    return None


def _in_class(res: Resolution, lexicon: Lexicon, token: Token | None, name: str) -> bool:
    """Whether a phrase's head (or the actor it names) is in a lexicon class."""
    if token is None:
        return False
    if name == "@any":
        return True
    if name.startswith("@"):
        actor = res.actor_at(token) or next(
            (res.actor_at(t) for t in token.subtree if res.actor_at(t) is not None and t.head == token), None
        )
        if name == "@name":
            return token.pos_ == "PROPN" or actor is not None
        if actor is None:
            return False
        return name == "@actor" or actor.type.lower() == name[1:]
    words = {token.lemma_.lower(), token.lower_}
    if name != "figurative_of" and _figure_of_speech(res, lexicon, token):
        return False
    words |= {f"{c.lower_} {token.lower_}" for c in token.children if c.dep_ == "compound"}
    if any(lexicon.in_class(w, name) for w in words):
        return True
    # "thousands of containers of weapons", "a shipment of arms": the thing counted or held is what is meant
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and _in_class(res, lexicon, o, name)
        for prep in token.children
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _figure_of_speech(res: Resolution, lexicon: Lexicon, token: Token) -> bool:
    """ "the aftershock of Covid", "a flood of refugees": a disaster's word whose "of" phrase names no place, actor or
    time (the lexicon's ``figurative_of``)."""
    if not lexicon.word_in(token, "figurative_of"):
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for o in prep.children:
                if o.dep_ == "pobj" and not (
                    o.like_num or o.ent_type_ in {"DATE", "GPE", "LOC", "FAC"} or res.actor_at(o) is not None
                ):
                    return True
    return False


def _matches(
    res: Resolution, lexicon: Lexicon, entry: Entry, token: Token, is_verb: bool, obj: Token | None = None
) -> bool:
    the_object = obj if obj is not None else _object(token)
    for key, value in entry.conditions:
        if key == "subject" and not _in_class(res, lexicon, _subject(token), value):
            return False
        if key == "not_subject" and _in_class(res, lexicon, _subject(token), value):
            return False
        if key == "object" and not _in_class(res, lexicon, the_object, value):
            return False
        if key == "not_object" and _in_class(res, lexicon, the_object, value):
            return False
        if key == "passive" and _passive(token) != value:
            return False
        if key == "particle" and not any(c.dep_ == "prt" and c.lower_ == value for c in token.children):
            return False
        if key == "prep":
            preposition, _, name = str(value).partition(":")
            found = False
            for child in token.children:
                if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == preposition:
                    found = not name or any(_in_class(res, lexicon, o, name) for o in child.children)
                    if found:
                        break
            if not found:
                return False
        if key in {"modifier", "not_modifier"}:
            mods = [c for c in token.children if c.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}]
            mods += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            mods += _part_of(token)  # "a public meeting as part of an election campaign"
            if (
                token.i > 0
                and token.doc[token.i - 1].dep_ == "compound"
                and token.doc[token.i - 1].head == token
            ):
                mods.append(token.doc[token.i - 1])
            hit = any(_in_class(res, lexicon, m, value) for m in mods)
            if hit != (key == "modifier"):
                return False
        if key == "context" and not any(lexicon.word_in(t, value) for t in token.sent):
            return False
        if key == "governor":
            governor = token.head if token.dep_ in {"dobj", "obj", "nsubjpass", "pobj", "attr"} else None
            if governor is not None and governor.dep_ == "prep":
                governor = governor.head
            if governor is None or not lexicon.in_class(governor.lemma_.lower(), value):
                return False
    return True


def _part_of(token: Token) -> list[Token]:
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


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.tag_ == "VBN")


_NAMES = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "DATE",
    "TIME",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}


def classify(res: Resolution, lexicon: Lexicon, token: Token) -> str | None:
    """The fine type a word reports in its sentence, by the lexicon (None: not a trigger). A word inside a name or
    a date ("in March", "the Strike Force") is not a trigger."""
    found = classify_all(res, lexicon, token)
    return found[0] if found else None


def classify_all(res: Resolution, lexicon: Lexicon, token: Token) -> list[str]:
    """Every fine type a word reports: usually one; a verb whose coordinated objects differ in kind gives one per
    kind ("supplying weapons and troops" is an arms transfer and a deployment)."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    heads = [objects[0], *objects[0].conjuncts] if objects else []
    if heads:  # "weaponry along with 10,000 troops", "drones alongside instructors"
        heads += [
            o
            for p in [*heads[0].children, *token.children]
            if p.dep_ == "prep" and p.lower_ in {"along", "alongside", "together"}
            for o in p.subtree
            if o.dep_ == "pobj"
        ]
    if len(heads) > 1:
        found: list[str] = []
        for head in heads:
            kind = _classify(res, lexicon, token, head)
            if kind is not None and kind not in found:
                found.append(kind)
        return found
    kind = _classify(res, lexicon, token, None)
    return [kind] if kind is not None else []


def _verb_lemma(lexicon: Lexicon, token: Token) -> str:
    """The model's lemma, or when the lexicon does not know it the stem the inflection hides: the model lemmatises
    "fined" as "fin" and "banned" as "banne"; "fine" and "ban" are the verbs."""
    lemma = token.lemma_.lower()
    if lexicon.verbs_for(lemma):
        return lemma
    return next((stem for stem in verb_stems(token) if len(stem) > 2 and lexicon.verbs_for(stem)), lemma)


def _classify(res: Resolution, lexicon: Lexicon, token: Token, obj: Token | None) -> str | None:
    if token.ent_type_ in _NAMES or res.actor_at(token) is not None:
        return None
    if token.dep_ == "amod" and token.tag_ in {"VBN", "VBD", "JJ"}:
        return None  # a participle used as an adjective names a state: "occupied Ukraine", "the wounded man"
    lemma = token.lemma_.lower()
    if _is_verb(token):
        lemma = _verb_lemma(lexicon, token)
        entries = lexicon.verbs_for(lemma)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle:
            entries = lexicon.verbs_for(f"{lemma} {particle}") + entries
        is_verb = True
    elif token.pos_ in {"NOUN", "PROPN"} or (token.tag_ == "VBG" and token.dep_ in {"pobj", "dobj"}):
        entries = lexicon.nouns_for(lemma) or lexicon.nouns_for(token.lower_)
        if _figure_of_speech(res, lexicon, token):
            return None  # "a flood of refugees"
        is_verb = False
    else:
        return None
    for entry in entries:
        if _matches(res, lexicon, entry, token, is_verb, obj):
            return None if entry.type == "none" else entry.type
    return None


# ---------------------------------------------------------------------------------------------- filters
#: verbs of not doing: what they govern did not happen ("failed to report his pay", "refused to sign")
_NOT_DOING = {"fail", "refuse", "decline", "neglect", "omit"}


def _negated(token: Token) -> bool:
    """A "not" on the word, or a verb of not doing above it ("failed to report", "refused to sign")."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return (
        token.dep_ == "xcomp"
        and token.head.lemma_ in _NOT_DOING
        and not any(c.dep_ == "neg" for c in token.head.children)
    )


def _under_negation(token: Token) -> bool:
    """ "the unit had not been ordered to advance": what a negated verb governs did not happen as told; nor does
    what a denial governs ("the militia denied killing civilians", "rejected claims it had attacked")."""
    node = token
    # "not sidetracked by the deadly bombings": a definite noun's happening is presupposed, negation or not
    presupposed = _nominal(token) and any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "these"}) or c.dep_ == "poss" for c in token.children
    )
    for ancestor in list(token.ancestors)[:2]:
        if node.dep_ == "conj" or presupposed:
            break  # "has not commented but said Ukraine fired": the negation is the other conjunct's
        if ancestor.pos_ in {"VERB", "AUX"} and _negated(ancestor) and ancestor.lemma_ not in _DENIAL:
            return True
        node = ancestor
    if token.dep_ in {"xcomp", "ccomp", "dobj", "pcomp", "acl"} and token.head.lemma_ in {"deny", "refute"}:
        return token.head.pos_ == "VERB" and not _negated(token.head)
    return False


def _conditional(token: Token) -> bool:
    """The trigger sits in an "if"/"unless"/"whether" clause: a hypothetical, not a happening."""
    if any(_supposing(a) for a in token.ancestors):
        return True  # the parser hangs what is supposed inside the phrase: "in the event of [a victory he would …]"
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return True
        if any(_supposing(c) for c in node.children):
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


def _background(res: Resolution, token: Token) -> bool:
    """A relative clause on a named actor ("North Korea, which has supplied …") is background to the sentence."""
    node = _clause_head(token)
    if node.dep_ != "relcl":
        return False
    owner = res.actor_at(node.head)
    return owner is not None and owner.type in {"Person", "Organization", "Country"}


def _purpose(res: Resolution, lexicon: Lexicon, token: Token) -> bool:
    """ "sending troops to fight and die": an infinitive of purpose under another event is part of it."""
    node = _clause_head(token)
    if node.dep_ not in {"advcl", "xcomp"} or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    ):
        return False
    return node.head is not token and classify(res, lexicon, node.head) is not None


def _standing(token: Token) -> bool:
    """ "North Korea is barred by UN sanctions from any tests": a prohibition in the present of a passive is a state
    that holds, not a happening; nor are the sanctions that are its agent."""
    verb = token
    if _nominal(token) and token.dep_ == "pobj" and token.head.dep_ == "agent":
        verb = token.head.head
    return (
        _passive(verb)
        and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
        and not any(t.ent_type_ == "DATE" for t in verb.subtree)
    )


def _requested(lexicon: Lexicon, token: Token) -> bool:
    """ "urged governments to consider passing legislation", "called for sanctions": what a verb of asking asks for
    (the lexicon's ``requests``, and what is asked "for", ``requests_for``) has not happened; the asking is the
    statement."""
    if token.dep_ == "pobj" and token.head.lower_ == "for":
        asking = token.head.head
        if lexicon.word_in(asking, "requests_for"):
            return True  # "called for a ceasefire", "a resolution for a ceasefire"
    node = token
    for _ in range(4):
        if (
            node.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "conj"}
            or node.head.i == node.i
        ):
            return False
        node = node.head
        if node.pos_ == "VERB" and lexicon.in_class(node.lemma_.lower(), "requests"):
            return True
    return False


def _clause_head(token: Token) -> Token:
    node = token
    while node.dep_ == "conj":
        node = node.head
    return node


def _prohibited(token: Token) -> bool:
    """ "a ban on testing missiles": the thing banned is not a happening."""
    return any(a.lemma_.lower() in _PROHIBITION and a.pos_ == "NOUN" for a in list(token.ancestors)[:3])


#: nouns a happening's word may qualify and still report the happening ("the earthquake death toll", "flood
#: victims": the toll and the victims are the quake's and the flood's)
_AFTERMATH = {"toll", "victim", "victims", "survivor", "survivors", "zone", "area", "areas", "aftermath", "damage",
              "relief", "recovery", "response", "refugees", "death", "deaths"}  # fmt: skip


def _qualifies_aftermath(token: Token) -> bool:
    """ "the earthquake death toll", "flood victims": a happening's noun before a noun of its aftermath."""
    return token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.lower_ in _AFTERMATH


def _naming_modifier(res: Resolution, lexicon: Lexicon, token: Token) -> bool:
    """ "the emergency committee", "an attack helicopter": a happening's noun that names what another noun is,
    before it, reports no happening of its own; unless that noun is a happening's too ("an election campaign")."""
    head = token.head
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "compound"
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i > token.i
        and head.lower_ not in _AFTERMATH
        and not [f for f in classify_all(res, lexicon, head) if f != "none"]
    )


def _hyphen_modifier(token: Token) -> bool:
    """ "the worst-hit areas", "war-torn", "storm-battered towns": a trigger inside a hyphenated modifier describes
    the noun, it does not report a happening."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    joined = (before is not None and before.text == "-" and not before.whitespace_) or (
        after is not None and after.text == "-" and not token.whitespace_
    )
    glued = "-" in token.text and token.dep_ in {"amod", "compound"}
    return (
        (joined and token.dep_ in {"amod", "compound", "advmod", "npadvmod"})
        or glued
        or (joined and token.head.pos_ == "NOUN" and token.head.i > token.i)
    )


_QUOTE_CLOSED = re.compile(r"""(?:”|[,.!?…]["'’])[^"“”]*$""")


def _inside_quote(token: Token, sentence: Span) -> bool:
    """A word inside quoted speech: a reporting verb there is speech within speech. The attribution after a
    quotation is outside it: after its closing mark ('…," Peskov told'), or, when the text never closes it, as
    the sentence's main verb after the words it reports."""
    before = _doc.text(sentence.doc)[sentence.start_char : token.idx]
    if _QUOTE_CLOSED.search(before):
        return False
    if token.dep_ == "ROOT" and _closing(token):
        return False
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _nominal(token: Token) -> bool:
    """A noun, or a gerund used as one ("the issue of deploying troops"; "by deploying troops" is a verb)."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return True
    return token.tag_ == "VBG" and token.dep_ in {"pcomp", "pobj"} and token.head.lower_ == "of"


def _expected(token: Token) -> bool:
    """Announced or expected rather than reported: a modal or a verb of intending governs the trigger."""
    chain = [token, *token.ancestors][:3]
    for node in chain:
        if any(c.lower_ in _MODAL and c.dep_ == "aux" for c in node.children):
            return True
        if node is not token and node.lemma_ in _EXPECT:
            return True
    return any(c.lemma_ in _EXPECT for c in token.children if c.dep_ in {"aux", "auxpass"})


def _future(token: Token) -> bool:
    """The clause speaks of what is to come ("will meet on Tuesday", "is to visit", "plans to sign")."""
    node = token.head if _nominal(token) else token
    for candidate in [node, *list(node.ancestors)[:2]]:
        if any(c.lower_ in _FUTURE and c.dep_ == "aux" for c in candidate.children):
            return True
        if candidate.lemma_ in {"plan", "schedule", "set", "due", "expect", "prepare", "intend", "aim"}:
            return True
        if candidate.lemma_ == "be" and any(c.dep_ == "xcomp" and c.i == token.i for c in candidate.children):
            return True
    return False


# ---------------------------------------------------------------------------------------------- arguments
def _is_outlet(actor: ArticleActor) -> bool:
    if actor.table is not None and (actor.table.media or actor.table.kind == "news agency"):
        return True
    words = {w.strip(".").lower() for w in actor.label.split()}
    return (
        actor.type == "Organization" and bool(words & _OUTLET_WORDS) and not words & {"ministry", "council"}
    )


def _arguments(
    res: Resolution, lexicon: Lexicon, taxonomy: Taxonomy, trigger: Token, fine: str
) -> tuple[list[tuple[ArticleActor, str]], ArticleActor | None]:
    """The event's participants with their roles (as the lexicon gives them for its type), and its place."""
    roles = lexicon.roles_for(taxonomy.chain(fine))
    participants: list[tuple[ArticleActor, str]] = []
    place: ArticleActor | None = None

    def add(actor: ArticleActor, role: str | None) -> None:
        nonlocal place
        if role is None or role == "-":
            return
        if role == "place" or actor.type == "Place":
            if actor.type in {"Place", "Country"}:
                place = place or actor
            return
        if (
            taxonomy.top(fine) == "statement"
            and role in {"addressee", "recipient", "participant"}
            and _is_outlet(actor)
        ):
            role = "outlet"
        if all(a.iri != actor.iri for a, _ in participants):
            participants.append((actor, role))

    def add_prepositions(verb: Token) -> None:
        """The actors of a governing verb's prepositional phrases: a place after a locative one, else a role."""
        for child in verb.children:
            if child.dep_ == "prep":
                for obj in child.children:
                    for actor in np_actors(res, obj):
                        if child.lower_ in _LOCATIVE and actor.type in {"Place", "Country"}:
                            add(actor, "place")
                        else:
                            add(actor, roles.get(child.lower_, "participant"))

    passive = _passive(trigger)
    # the verb's own subject, or the subject of the verb it depends on (a raised or a relative subject)
    subject = _subject(trigger) if not _nominal(trigger) else None
    if subject is not None and not passive:
        for actor in np_actors(res, subject):
            add(actor, roles.get("subject"))
    elif subject is not None and subject.head.i != trigger.i:
        # "Castillo is expected to be declared the winner": a subject raised onto a passive is what it befalls
        for actor in np_actors(res, subject):
            add(actor, roles.get("passive_subject", roles.get("object")))
    for child in trigger.children:
        dep = child.dep_
        if dep in {"dobj", "obj", "attr"}:
            for actor in np_actors(res, child):
                add(actor, roles.get("object"))
        elif dep == "nsubjpass":
            for actor in np_actors(res, child):
                add(actor, roles.get("passive_subject", roles.get("object")))
        elif dep == "dative":
            for actor in np_actors(res, child):
                add(actor, roles.get("to", "recipient"))
        elif dep in {"prep", "agent"}:
            preposition = "by" if dep == "agent" else child.lower_
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                for actor in np_actors(res, obj):
                    if preposition in _LOCATIVE and actor.type in {"Place", "Country"}:
                        add(actor, "place")
                        continue
                    add(actor, roles.get(preposition, "participant"))
    if trigger.dep_ in {"acl", "relcl"} and trigger.tag_ == "VBN":  # "the sanctions imposed on …"
        for actor in np_actors(res, trigger.head):
            add(actor, roles.get("passive_subject", roles.get("object")))
    if _nominal(trigger):
        # "the Russian attack", "Iran's sanctions", "the attack by Hamas", "made a visit" (the light verb's subject)
        for mod in trigger.children:
            if mod.dep_ in {"amod", "compound", "poss", "nmod"}:
                found = res.actor_at(mod) or res.country_of(mod)
                if found is not None:
                    add(found, "place" if found.type == "Place" else roles.get("subject"))
        governor = trigger.head
        if trigger.dep_ in {"dobj", "obj"} and governor.lemma_.lower() in _LIGHT:
            light_subject = _subject(governor)
            if light_subject is not None:
                for actor in np_actors(res, light_subject):
                    add(actor, roles.get("subject"))
            add_prepositions(governor)
        plan = _planned_by(lexicon, trigger)
        if plan is not None and not participants:
            # "Disney announced plans for 7,000 layoffs": whoever announces the plan does what it plans
            planner = _subject(plan)
            if planner is not None:
                for actor in np_actors(res, planner):
                    add(actor, roles.get("subject"))
        if trigger.dep_ == "nsubjpass" or (trigger.dep_ == "nsubj" and governor.pos_ == "VERB"):
            # "sanctions were imposed on X", "the quake struck Turkey"
            for child in governor.children:
                if child.dep_ in {"dobj", "obj"}:
                    for actor in np_actors(res, child):
                        add(actor, roles.get("object"))
            add_prepositions(governor)
    if place is None and roles.get("object") != "place":
        place = _misattached_place(res, trigger)
    return participants, place


def _planned_by(lexicon: Lexicon, trigger: Token) -> Token | None:
    """The verb whose object plans a happening ("announced plans for 7,000 layoffs", "unveiled a proposal to
    cut jobs"): a noun of the lexicon's ``intentions`` class the trigger hangs on through "for" or "of"."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"for", "of"}:
        return None
    plan = prep.head
    if not lexicon.in_class(plan.lemma_.lower(), "intentions") or plan.dep_ not in {"dobj", "obj"}:
        return None
    return plan.head if plan.head.pos_ == "VERB" else None


def _misattached_place(res: Resolution, trigger: Token) -> ArticleActor | None:
    """ "met Kim Jong Un in Singapore": the parser hangs the locative phrase on the named object, not the verb."""
    for obj in trigger.children:
        if obj.dep_ not in {"dobj", "obj"}:
            continue
        owner = res.actor_at(obj)
        if owner is None or owner.type not in {"Person", "Organization"}:
            continue
        for prep in obj.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
                continue
            for pobj in prep.children:
                found = res.actor_at(pobj)
                if pobj.dep_ == "pobj" and found is not None and found.type in {"Place", "Country"}:
                    return found
    return None


# ---------------------------------------------------------------------------------------------- dates
def _clause_of(token: Token) -> Token:
    """The head of the clause a word belongs to (a noun's clause is its governing verb's)."""
    node = token
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in {
            "ROOT",
            "relcl",
            "advcl",
            "ccomp",
            "xcomp",
            "conj",
            "acl",
            "pcomp",
            "parataxis",
        }:
            return node
        if node.head is node:
            return node
        node = node.head
    return node


def _date_for(trigger: Token, sentence: Span, anchor: date | None, future: bool) -> DateValue | None:
    """The date of the trigger's own clause: a date inside another clause (a relative clause, a subordinate
    "who won last year") belongs to that clause's happening."""
    clause = _clause_of(trigger)
    best: tuple[int, Span | None] = (10**6, None)
    for ent in _doc.ents_in(sentence):
        if ent.label_ != "DATE" or is_duration(ent.text):
            continue
        owner = _clause_of(ent.root)
        if owner != clause and owner != trigger:
            continue
        distance = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        if ent.root.head == trigger or any(a == trigger for a in ent.root.ancestors):
            distance -= 100
        if distance < best[0]:
            best = (distance, ent)
    if best[1] is None:
        return None
    return resolve_date(best[1].text, anchor=anchor, future=future)


# ---------------------------------------------------------------------------------------------- statements
def _commentator(actor: ArticleActor) -> bool:
    return any(word in _COMMENTATOR for role in actor.roles for word in role.lower().split())


def _quoted(span: Span) -> bool:
    return any(ch in _QUOTES for ch in span.text)


def _closing(token: Token) -> bool:
    """ "…, the military said": the reporting verb follows the clause it reports."""
    return any(c.dep_ in {"ccomp", "parataxis"} and c.i < token.i for c in token.children) and not any(
        c.dep_ in {"ccomp", "parataxis"} and c.i > token.i for c in token.children
    )


def _statement_speaker(res: Resolution, token: Token) -> list[tuple[ArticleActor, str]]:
    """Who makes a statement with this reporting verb: the named subject (a person, an organisation, a group of
    officials), and whom it was told to ("told Reuters": an outlet; "told the council": an addressee).

    A state named as a speaker ("Seoul says") is the source of what it reports, recorded on the claim, not a
    statement event of its own; so is commentary by experts ("a professor at …"). The subject of a passive ("he
    was told") is not the speaker."""
    participants: list[tuple[ArticleActor, str]] = []
    if _passive(token) or (
        token.dep_ in {"advcl", "acl", "amod", "pcomp", "relcl"}
        and not any(c.dep_ == "nsubj" for c in token.children)
    ):
        return participants  # "…, estimating 4,000": a participle elaborates its clause, it is no act of speaking
    subject = _subject(token)
    if subject is not None and subject.lemma_.lower() in _VEHICLES | _DOCUMENTS:
        # "A statement from the committee says", "the agency's report said": the author speaks
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                subject = next((c for c in child.children if c.dep_ == "pobj"), subject)
                break
    if subject is not None:
        for actor in np_actors(res, subject):
            if actor.type in {"Person", "Organization"} and not _commentator(actor):
                participants.append((actor, "speaker"))
    if not participants:
        return participants
    for child in token.children:
        targets: list[Token] = []
        if child.dep_ in {"dobj", "dative"} and token.lemma_ in {
            "tell",
            "brief",
            "inform",
            "warn",
            "ask",
            "urge",
        }:
            targets = [child]
        elif child.dep_ == "prep" and child.lower_ in {"to", "with"}:
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for target in targets:
            for actor in np_actors(res, target):
                if actor.type != "Place" and all(a.iri != actor.iri for a, _ in participants):
                    participants.append((actor, "outlet" if _is_outlet(actor) else "addressee"))
    told = any(r in {"outlet", "addressee"} for _, r in participants)
    if not told and all(a.group for a, r in participants if r == "speaker"):
        return []  # "officials say": the source of what they report; "two officials told Reuters": a statement
    return participants


def _reports_for_an_outlet(participants: list[tuple[ArticleActor, str]], token: Token) -> bool:
    """ "The Irrawaddy reported that …": a news outlet reporting is the source of what it reports (provenance), not
    a statement of its own."""
    speakers = [a for a, r in participants if r == "speaker"]
    return (
        bool(speakers)
        and all(_is_outlet(a) for a in speakers)
        and token.lemma_ in {"report", "say", "state", "write"}
    )


def _correspondent(res: Resolution, token: Token) -> bool:
    """ "Al Jazeera's Stefanie Dekker, reporting from Gaziantep, says …": an outlet's own reporter telling what she
    sees is the outlet's reporting (provenance), not a statement in the story."""
    subject = _subject(token)
    if subject is None or token.lemma_ not in {"say", "report", "add", "write", "describe"}:
        return False
    person = res.actor_at(subject)
    if person is None or person.type != "Person":
        return False
    if any(w in role.lower().split() for role in person.roles for w in ("correspondent", "reporter")):
        return True
    doc = res.doc
    for span, actor in res.spans:  # named anywhere as "Al Jazeera's Stefanie Dekker"
        if actor is person and span.start >= 2 and doc[span.start - 1].tag_ == "POS":
            owner = res.actor_at(doc[span.start - 2])
            if owner is not None and _is_outlet(owner):
                return True
    return False


# ---------------------------------------------------------------------------------------------- the pass
_Key = tuple[int, str, int]


def find_events(
    res: Resolution,
    *,
    anchor: date | None,
    agreements: dict[int, ArticleActor],
    lexicon: Lexicon | None = None,
    taxonomy: Taxonomy | None = None,
    headline: int | None = None,
) -> list[FoundEvent]:
    """All events of one resolved article (see the module's rules). ``headline`` is the length of the article's
    headline at the start of its text (0 when it has none); by default the text's first paragraph is taken for it.
    """
    lexicon = lexicon or Lexicon.load()
    taxonomy = taxonomy or Taxonomy.load()
    events: dict[_Key, FoundEvent] = {}
    if headline is None:
        body_start = _doc.text(res.doc).find("\n\n")
        headline_end = body_start if body_start > 0 else -1
    else:
        headline_end = headline if headline > 0 else -1
    sentences = list(res.doc.sents)
    number = {s.start: n for n, s in enumerate(sentences)}
    for sentence in sentences:
        for token in sentence:
            lemma = token.lemma_.lower()
            fines = classify_all(res, lexicon, token)
            if (lemma in lexicon.statement_verbs or lemma in REPORTING) and token.pos_ == "VERB":
                # a speech verb the lexicon gives a happening for its object ("call a strike") reports that
                happening = [f for f in fines if taxonomy.top(f) not in {"statement", "none"}]
                if token.tag_ == "VBG" and token.dep_ in {"advcl", "acl", "xcomp"}:
                    happening = []  # "..., pledging to provide aid": a participle elaborates, it reports no act
                if not happening:
                    _add_statement(res, lexicon, taxonomy, events, token, sentence, anchor)
                    continue
                fines = happening
            for fine in fines:
                _add_event(res, lexicon, taxonomy, events, token, fine, sentence, anchor, agreements)
    _agreement_events(res, taxonomy, events, agreements, sentences, anchor)
    ordered = sorted(
        events.values(), key=lambda e: (e.sentence.start, EVENT_TYPES.index(e.type), e.trigger.i)
    )
    ordered = [
        e
        for e in ordered
        if e.participants
        or e.type in {"casualty", "attack", "deployment"}
        or taxonomy.within(e.fine, "disaster")
        or taxonomy.within(e.fine, "protest")  # "unions called a general strike": crowds are seldom named
        or e.place is not None
        or (e.date is not None and e.date.iso)
    ]
    # a headline, and a photo caption ("… for a failed doping test. AFP"), restate the story: their events give way
    # to the body's of the same kind (the same top type, or within "other" the same finer type: a headline verdict
    # and a body earthquake are not one happening)
    captions = _caption_spans(res)

    def restating(event: FoundEvent) -> bool:
        start = event.sentence.start_char
        return start < headline_end or any(a <= start < b for a, b in captions)

    if headline_end > 0 or captions:
        body_kinds = {_kind(e) for e in ordered if not restating(e)}
        ordered = [e for e in ordered if not restating(e) or _kind(e) not in body_kinds]
    ordered = [
        e
        for e in ordered
        if not _source_of_happening(e, ordered) and not _reported_within(lexicon, e, ordered)
    ]
    ordered = _told_twice(ordered, sentences)
    ordered = _continued_statements(ordered, number)
    ordered = [e for e in ordered if not _cause_of_casualty(res, lexicon, taxonomy, e, ordered)]
    ordered = _ruled_on(taxonomy, ordered)
    ordered = [e for e in ordered if not _spoken_of(res, lexicon, taxonomy, e, ordered)]
    return _restated(ordered, number, lexicon, taxonomy)


def _source_of_happening(event: FoundEvent, events: list[FoundEvent]) -> bool:
    """ "The Houthis claimed they struck the carrier", "The agency has said 14 trucks crossed into Syria": an
    organisation's reporting verb with no "that" before a reported happening marks where the happening is known from
    (an evidential, like a closing "…, the ministry said"); the happening is the event, the organisation its source.
    "The ministry said that …", a person's words, words to someone, in quotes or in a statement stay statements."""
    if event.type != "statement" or (event.fine != "statement" and event.trigger.lemma_ != "claim"):
        return False
    if any(a.type == "Person" for a, r in event.participants if r == "speaker"):
        return False
    if any(r in {"addressee", "outlet"} for _, r in event.participants):
        return False
    if _quoted(event.sentence) or _spoken_in(event.trigger):
        return False
    for clause in (c for c in event.trigger.children if c.dep_ == "ccomp" and c.i > event.trigger.i):
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            continue
        inside = {t.i for t in clause.subtree}
        if any(e.type != "statement" and e.trigger.i in inside for e in events):
            return True
    return False


def _reported_within(lexicon: Lexicon, event: FoundEvent, events: list[FoundEvent]) -> bool:
    """ "Ms Gough said the crime was grave, and that the police believed they knew who did it": a "that" clause
    reported inside another's statement is what that statement says, not a statement of its own."""
    if event.type != "statement":
        return False
    outer = {e.trigger.i for e in events if e.type == "statement" and e is not event}
    node = event.trigger
    # "… said X, and that the police believed …"; but "A said X and B said Y" (no "that") are two statements, and
    # "she said he had told her" reports an act of telling
    # "said the police believed …": a belief reported inside the statement
    thought = node.dep_ == "ccomp" and node.lemma_.lower() not in lexicon.statement_verbs
    if not thought and not any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
        return False
    for _ in range(4):
        if node.dep_ not in {"ccomp", "conj"} or node.head.i == node.i:
            return False
        node = node.head
        if node.i in outer:
            return True
    return False


def _told_twice(events: list[FoundEvent], sentences: list[Span]) -> list[FoundEvent]:
    """A sentence a page prints twice (a standfirst the story repeats, a photo caption over the photo and under
    it, the second time with an abbreviation in brackets) tells its happenings once: at its last telling."""
    last: dict[str, int] = {}
    for sentence in sentences:
        if sum(t.is_alpha for t in sentence) >= 6:  # "He said so." twice is two statements
            last[_bare(sentence.text)] = sentence.start
    return [e for e in events if last.get(_bare(e.sentence.text), e.sentence.start) == e.sentence.start]


def _bare(text: str) -> str:
    """A sentence's words without what it puts in brackets, lower case."""
    return " ".join(re.sub(r"\([^()]*\)", " ", text).lower().split())


def _cause_of_casualty(
    res: Resolution, lexicon: Lexicon, taxonomy: Taxonomy, event: FoundEvent, events: list[FoundEvent]
) -> bool:
    """ "Six people were killed in an air raid by the military", "… wounded after missile strikes hit the city", "the
    US strikes took out several commanders": an attack named as what caused the deaths of its clause is the toll's
    cause when the article tells an attack by the same attacker (or by no one named, at no other place) in a
    sentence of its own; that sentence has the attack."""
    if event.type != "attack" or not any(
        e.type == "casualty" and e.sentence.start == event.sentence.start for e in events
    ):
        return False

    def toll(token: Token) -> bool:
        fine = classify(res, lexicon, token)
        return fine is not None and taxonomy.top(fine) == "casualty"

    link, token = event.trigger, event.trigger
    while token.head.i != token.i and not toll(token):
        link, token = token, token.head
    if not toll(token) or token.i == event.trigger.i:
        return False
    # "killed in the raid", "killed after strikes hit", "the strikes killed": through a preposition, a subordinate
    # clause or the subject; not an attack the casualty's clause only mentions
    if not (
        link.dep_ in {"prep", "nsubj"}
        or (link.dep_ == "advcl" and any(c.dep_ == "mark" for c in link.children))
    ):
        return False
    mine = _agents(event)
    return any(
        e.type == "attack"
        and e.sentence.start != event.sentence.start
        and (not _agents(e) or not mine or bool(_agents(e) & mine))
        and (e.place is None or event.place is None or e.place.iri == event.place.iri)
        for e in events
    )


def _ruled_on(taxonomy: Taxonomy, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "The court upheld an appeal by the agency", "the judge dismissed the charges": a legal happening's noun that a
    court's decision is about is part of that decision, one happening (its parties join the decision's)."""
    kept: list[FoundEvent] = []
    for event in events:
        trigger = event.trigger
        decision = None
        if (
            _nominal(trigger)
            and taxonomy.within(event.fine, "legal")
            and trigger.dep_ in {"dobj", "obj", "nsubjpass"}
        ):
            decision = next(
                (
                    e
                    for e in events
                    if e is not event and e.trigger.i == trigger.head.i and taxonomy.within(e.fine, "legal")
                ),
                None,
            )
        if decision is None:
            kept.append(event)
            continue
        for actor, _ in event.participants:
            if all(a.iri != actor.iri for a, _ in decision.participants):
                decision.participants.append((actor, "party"))
    return kept


#: speech acts that judge what they are about: "condemned the attack", "apologised for the crash"
_JUDGING = {"criticism", "praise", "apology"}


def _spoken_of(
    res: Resolution, lexicon: Lexicon, taxonomy: Taxonomy, event: FoundEvent, events: list[FoundEvent]
) -> bool:
    """ "The airline's chief issued an apology for the crash", "Hamas condemned the strike", "called the strike a
    massacre": a happening's noun that a judging speech act is about, when the article tells a happening of that kind
    in a sentence of its own, is that happening spoken of; the sentence reports the speaking."""
    trigger = event.trigger
    if event.type == "statement" or not _nominal(trigger):
        return False
    speech = None
    if trigger.dep_ in {"dobj", "obj"} and trigger.head.pos_ == "VERB":
        verb = trigger.head
        lemma = verb.lemma_.lower()
        if lexicon.acts.get(lemma) in _JUDGING or (
            lexicon.in_class(lemma, "naming_verbs") and _names_its_object(verb)
        ):
            speech = verb
    elif trigger.dep_ == "pobj" and trigger.head.lower_ in {"for", "of", "over"}:
        governor = trigger.head.head
        # "an apology for the crash", or "issued an apology for the crash" with "for" on the light verb
        nouns = [governor] if governor.pos_ == "NOUN" else [c for c in governor.children if c.dep_ == "dobj"]
        for noun in nouns:
            if noun.pos_ == "NOUN" and any(f in _JUDGING for f in classify_all(res, lexicon, noun)):
                speech = noun
    if speech is None:
        return False
    return any(
        _kind(e) == _kind(event) and e.sentence.start != event.sentence.start and e is not event
        for e in events
    )


def _agents(event: FoundEvent) -> set[str]:
    return {a.iri for a, r in event.participants if r == "agent"}


def _caption_spans(res: Resolution) -> list[tuple[int, int]]:
    """The character spans of the paragraphs that are photo captions: a paragraph whose last sentence is only a
    news agency's or a photographer's credit ("… for a failed doping test. AFP", "… on Monday. REUTERS/Jo Bloggs")."""
    from bisect import bisect_right

    text = _doc.text(res.doc)
    bounds: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n\n"):
        bounds.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    starts = [a for a, _ in bounds]
    last: dict[int, Span] = {}  # the paragraph's last sentence
    first: dict[int, int] = {}
    for sentence in res.doc.sents:
        if not sentence.text.strip():
            continue
        index = bisect_right(starts, sentence.start_char) - 1
        first.setdefault(index, sentence.start_char)
        last[index] = sentence
    spans: list[tuple[int, int]] = []
    for index, sentence in last.items():
        if sentence.start_char <= first[index]:
            continue  # a paragraph of one sentence is no caption with a credit
        words = [t for t in sentence if t.is_alpha]
        actors = [res.actor_at(t) for t in words]
        if words and len(words) <= 4 and all(a is not None and _is_outlet(a) for a in actors):
            spans.append(bounds[index])
    return spans


def _kind(event: FoundEvent) -> str:
    return event.fine if event.type == "other" else event.type


#: what a statement is made in or at: "said in a statement", "confirmed in a news release", "at a briefing"
_VEHICLES = {"statement", "release", "communique", "communiqué", "briefing", "conference", "post", "interview",
             "letter", "speech", "address", "filing", "notice", "tweet", "video"}  # fmt: skip


#: documents whose author speaks through them: "a report from the agency said"
_DOCUMENTS = {"report", "document", "memo", "memorandum", "study", "assessment", "sheet", "survey", "analysis",
              "paper", "review", "audit"}  # fmt: skip


def _spoken_in(token: Token) -> bool:
    """Whether a reporting verb says what the statement was made in or at ("said in a statement")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "at", "during", "on"}:  # noqa: SIM102
            if any(o.lemma_.lower() in _VEHICLES for o in child.subtree if o.pos_ == "NOUN"):
                return True
    return False


def _add_statement(
    res: Resolution,
    lexicon: Lexicon,
    taxonomy: Taxonomy,
    events: dict[_Key, FoundEvent],
    token: Token,
    sentence: Span,
    anchor: date | None,
) -> None:
    """A statement event for one reporting verb: not when negated ("has not acknowledged"), not for speech quoted
    inside speech, and not for a closing attribution of reported fact ("…, the military said"), whose speaker is
    the source of that fact rather than the maker of a statement."""
    if (_negated(token) and token.lemma_ not in _DENIAL) or _inside_quote(token, sentence):
        return
    if _conditional(token) or _hyphen_modifier(token):
        return
    if token.tag_ == "VBG" and token.head.lower_ in {"with", "without"}:
        return  # "…, with Trump hailing the meeting a success": an absolute clause describes, it reports no act
    speakers = _statement_speaker(res, token)
    if (
        _closing(token)
        and not _quoted(sentence)
        and not any(a.type == "Person" for a, r in speakers if r == "speaker")
        and token.lemma_ in {"say", "report", "tell"}
        and not _spoken_in(token)
    ):
        return  # "…, the ministry said" after a plain report: the institution is the source of the fact
    if not speakers or _reports_for_an_outlet(speakers, token) or _correspondent(res, token):
        return
    fine = lexicon.acts.get(token.lemma_.lower(), "statement")
    if lexicon.in_class(token.lemma_.lower(), "naming_verbs") and _names_its_object(token):
        fine = "statement"  # "called the verdict unjust": a description, not a request
    event = FoundEvent("statement", token, sentence, fine=fine, type_label=taxonomy.label(fine))
    event.participants.extend(speakers)
    event.date = _date_for(token, sentence, anchor, _future(token))
    events[(sentence.start, "statement", token.i)] = event


def _names_its_object(verb: Token) -> bool:
    """ "called the verdict unjust", "called the strike a massacre": an object and what it is called (a predicate
    after the object); "called a meeting", "called for a ceasefire" name nothing."""
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        if any(c.dep_ == "oprd" and c.i > obj.i for c in verb.children):
            return True
        if any(c.dep_ in {"amod", "appos", "acomp"} and c.i > obj.i for c in obj.children):
            return True
    return False


def _add_event(
    res: Resolution,
    lexicon: Lexicon,
    taxonomy: Taxonomy,
    events: dict[_Key, FoundEvent],
    token: Token,
    fine: str,
    sentence: Span,
    anchor: date | None,
    agreements: dict[int, ArticleActor],
) -> None:
    """Add (or merge into the sentence's event of that type) what one trigger says, unless a rule says the trigger
    does not report a happening."""
    top = taxonomy.top(fine)
    if top == "agreement" and any(sentence.start <= i < sentence.end for i in agreements):
        return  # the agreement named in this sentence has its own event (the agreement rule)
    if _negated(token) or (_nominal(token) and _negated(token.head)) or _under_negation(token):
        return
    if _conditional(token) or _background(res, token) or _purpose(res, lexicon, token) or _prohibited(token):
        return
    if _requested(lexicon, token):
        return
    if top == "sanction_or_veto" and _standing(token):
        return
    if _hyphen_modifier(token) or (_inside_quote(token, sentence) and top == "statement"):
        return
    if _naming_modifier(res, lexicon, token):
        return
    determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "amod", "predet"}}
    if _nominal(token) and determiners & _ANAPHORIC:
        return  # "any such deployment", "this deployment": a happening told already
    participants, place = _arguments(res, lexicon, taxonomy, token, fine)
    if not participants and place is None and _qualifies_aftermath(token):
        # "the earthquake death toll in Turkey": the toll's place and figures are the quake's
        participants, place = _arguments(res, lexicon, taxonomy, token.head, fine)
    expected = _expected(token)
    date_value = _date_for(token, sentence, anchor, _future(token))
    dated = date_value is not None and bool(date_value.iso)
    if (
        _nominal(token)
        and top in {"deployment", "casualty"}
        and place is None
        and not dated
        and not participants
    ):
        return  # "heavy casualties": a reference to a happening, not a report of one
    if _nominal(token) and not participants and place is None and not dated and not _counted(token):
        return
    if _clause_head(token).dep_ == "acl" and not participants and place is None:
        return  # "the personnel sent": a participle naming people by what befell them
    key = (sentence.start, fine, 0)
    event = events.get(key) or FoundEvent(top, token, sentence, fine=fine, type_label=taxonomy.label(fine))
    for actor, role in participants:
        if all(a.iri != actor.iri for a, _ in event.participants):
            event.participants.append((actor, role))
    event.place = event.place or place
    event.expected = event.expected or expected
    event.date = event.date or date_value
    events[key] = event


def _counted(token: Token) -> bool:
    """A noun that carries a figure ("the toll rose to 93", "7,000 layoffs"): a report, not a reference."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head  # "the death toll crossed 22,000": the phrase's head carries the figure
    return any(
        t.like_num or t.ent_type_ in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"} for t in token.subtree
    ) or any(t.like_num for t in token.head.subtree if t.head == token.head)


def _agreement_events(
    res: Resolution,
    taxonomy: Taxonomy,
    events: dict[_Key, FoundEvent],
    agreements: dict[int, ArticleActor],
    sentences: list[Span],
    anchor: date | None,
) -> None:
    """One agreement event per agreement: at the mention where it is signed, else at its first mention. Its
    parties are the named signatories and the states the agreement is between (never every actor of the
    sentence: a regulator that must approve a deal is not a party to it)."""
    chosen: dict[str, int] = {}
    for index, agreement in sorted(agreements.items()):
        signed = _signed_at(res, index)
        if agreement.iri not in chosen or (signed and not _signed_at(res, chosen[agreement.iri])):
            chosen[agreement.iri] = index
    for index in chosen.values():
        agreement = agreements[index]
        sentence = next(s for s in sentences if s.start <= index < s.end)
        key = (sentence.start, "agreement", 0)
        event = events.get(key) or FoundEvent(
            "agreement", res.doc[index], sentence, fine="agreement", type_label=taxonomy.label("agreement")
        )
        event.agreement = agreement
        known = set(agreement.table.parties) if agreement.table is not None else set()
        head = res.doc[index]
        verb = head.head if head.dep_ in {"dobj", "obj", "nsubjpass", "pobj"} else head
        signers = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent", "dative"}]
        if not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in signers):
            raised = _subject(verb)  # "The US agreed to sell Saudi Arabia an arms package"
            if raised is not None:
                signers.append(raised)
        signers += [
            o
            for c in [*verb.children, *head.children]
            if c.dep_ == "prep" and c.lower_ in {"with", "between"}
            for o in c.children
        ]
        for np in signers:
            heads = [o for o in np.children if o.dep_ == "pobj"] if np.dep_ == "agent" else [np]
            for actor in (a for h in heads for a in np_actors(res, h)):
                if actor.type in {"Person", "Country", "Organization"} and all(
                    a.iri != actor.iri for a, _ in event.participants
                ):
                    event.participants.append((actor, "party"))
        if not event.participants:
            # "The US agreed to sell Saudi Arabia an arms package … 'the largest cooperation agreement'": the
            # agreement is named away from its verb; the sentence's verb of agreeing names the parties
            for verb in sentence:
                if verb.pos_ != "VERB" or verb.lemma_ not in _AGREEING:
                    continue
                parties = [t for t in (_subject(verb),) if t is not None]
                parties += [c for c in verb.children if c.dep_ == "dative"]
                parties += [
                    c for x in verb.children if x.dep_ == "xcomp" for c in x.children if c.dep_ == "dative"
                ]
                parties += [
                    o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
                ]
                for actor in (a for np in parties for a in np_actors(res, np)):
                    if actor.type in {"Person", "Country", "Organization"} and all(
                        a.iri != actor.iri for a, _ in event.participants
                    ):
                        event.participants.append((actor, "party"))
        for span, actor in res.spans:  # a known treaty's known parties, where the sentence names them
            in_sentence = sentence.start <= span.start < sentence.end
            named = known and in_sentence and ({state_key(actor), actor.iri.rsplit("/", 1)[-1]} & known)
            if named and all(a.iri != actor.iri for a, _ in event.participants):
                event.participants.append((actor, "party"))
        event.date = event.date or _date_for(res.doc[index], sentence, anchor, False)
        events[key] = event
    for key, event in events.items():
        if key[1] == "agreement" and event.agreement is not None:
            event.participants = [
                (actor, "party" if actor.type in {"Person", "Country", "Organization"} else role)
                for actor, role in event.participants
                if actor.iri != event.agreement.iri
            ]


#: verbs of agreeing whose subject and partners are an agreement's parties
_AGREEING = {"agree", "sign", "conclude", "seal", "ink", "reach", "strike"}


def _signed_at(res: Resolution, index: int) -> bool:
    """ "signed a pact", "the pact was signed", "an agreement signed in 1991"."""
    head = res.doc[index]
    near = [head.head, *head.head.ancestors][:2] + [c for c in head.children if c.dep_ in {"acl", "relcl"}]
    return any(t.lemma_ in {"sign", "ratify", "conclude", "seal", "ink"} for t in near)


# ---------------------------------------------------------------------------------------------- one node per happening
def _moved(event: FoundEvent, lexicon: Lexicon) -> set[str]:
    """What a trigger moves or hits, with every kind of troops as one ("soldiers" and "troops" are one thing)."""
    objects = [c for c in event.trigger.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    objects += [g for o in objects for g in o.conjuncts]
    return {"troops" if lexicon.in_class(o.lemma_.lower(), "troops") else o.lemma_.lower() for o in objects}


def _restates(event: FoundEvent, earlier: FoundEvent, number: dict[int, int], lexicon: Lexicon) -> bool:
    distance = number[event.sentence.start] - number[earlier.sentence.start]
    if not 0 < distance <= 2 or earlier.fine != event.fine or earlier.expected != event.expected:
        return False
    same_parties = {a.iri for a, _ in event.participants} <= {a.iri for a, _ in earlier.participants}
    moved = _moved(event, lexicon)
    same_things = not moved or moved <= _moved(earlier, lexicon)
    same_place = event.place is None or (earlier.place is not None and earlier.place.iri == event.place.iri)
    same_date = event.date is None or (earlier.date is not None and earlier.date.iso == event.date.iso)
    figures = any(
        t.like_num or t.ent_type_ in {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}
        for t in event.trigger.subtree
    )
    return same_parties and same_things and same_place and same_date and not figures


def _iso(event: FoundEvent) -> str | None:
    return event.date.iso if event.date is not None else None


def _speakers(event: FoundEvent) -> set[str]:
    return {a.iri for a, r in event.participants if r == "speaker"}


def _continued_statements(events: list[FoundEvent], number: dict[int, int]) -> list[FoundEvent]:
    """A speaker who goes on ("he added", "“…,” Kim said") within two sentences continues one statement, unless
    the later one brings someone new in (an addressee, an outlet)."""
    kept: list[FoundEvent] = []
    for event in events:
        if event.type == "statement":
            here = number[event.sentence.start]
            previous = next(
                (
                    e
                    for e in reversed(kept)
                    if e.type == "statement"
                    and _speakers(e) & _speakers(event)
                    and here - number[e.sentence.start] <= 2
                ),
                None,
            )
            # "Kim said … Kim has said before that …": another occasion, another statement
            if previous is not None and _perfect(event.trigger) and not _perfect(previous.trigger):
                previous = None
            if previous is not None:
                known = {a.iri for a, _ in previous.participants}
                new = {a.iri for a, _ in event.participants} - known
                if not new and not (_iso(event) and _iso(previous) and _iso(event) != _iso(previous)):
                    continue
        kept.append(event)
    return kept


def _perfect(verb: Token) -> bool:
    """ "has said", "had warned": a verb in a perfect tense."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _restated(
    events: list[FoundEvent], number: dict[int, int], lexicon: Lexicon, taxonomy: Taxonomy
) -> list[FoundEvent]:
    """An event told again in the next sentence or the one after, with no participant, place or date of its own, is
    the same happening."""
    kept: list[FoundEvent] = []
    for event in events:
        if event.type not in {"statement", "agreement"} and any(
            _restates(event, e, number, lexicon) for e in kept
        ):
            continue
        if _reported_toll(event, kept, lexicon) or _definite_told_again(event, kept, taxonomy):
            continue
        if event.type not in {"statement", "agreement"} and any(_same_figures(event, e) for e in kept):
            continue
        kept.append(event)
    return kept


def _numbers(tokens: Iterable[Token]) -> set[str]:
    """The counts and amounts among tokens (not years or dates)."""
    return {
        t.text.replace(",", "")
        for t in tokens
        if t.like_num
        and any(ch.isdigit() for ch in t.text)
        and t.ent_type_ in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
    }


def _same_figures(event: FoundEvent, earlier: FoundEvent) -> bool:
    """ "Disney announced plans for 7,000 layoffs … Iger said the company will slash 7,000 jobs": a happening of
    the same kind told again with the same figures, however far apart, is the one told before."""
    if earlier.fine != event.fine or earlier.sentence.start == event.sentence.start:
        return False
    mine = _numbers(event.trigger.subtree)
    return bool(mine) and mine <= _numbers(earlier.sentence)


def _definite_told_again(event: FoundEvent, earlier: list[FoundEvent], taxonomy: Taxonomy) -> bool:
    """ "The 1.8-billion-euro penalty is the third-biggest ever", "the bans were imposed by the judge": a definite
    noun for a penalty of the kind the article has told is that penalty, told again; it may name one party more
    (who imposed it), not two. So is "the verdict" or "the ruling" after the article's court decision, and "the
    earthquake" after an earthquake."""
    trigger = event.trigger
    legal = taxonomy.within(event.fine, "legal")
    disaster = taxonomy.within(event.fine, "disaster")
    if (event.type != "sanction_or_veto" and not legal and not disaster) or not _nominal(trigger):
        return False
    if not any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in trigger.children):
        return False
    told = [
        e
        for e in earlier
        if (e.type == event.type and e.fine == event.fine) or (legal and taxonomy.within(e.fine, "legal"))
    ]
    if _iso(event) and all(_iso(e) != _iso(event) for e in told):
        return False  # "Spotify's complaint in 2019": a date of its own, another happening
    known = {a.iri for e in told for a, _ in e.participants}
    return bool(told) and len({a.iri for a, _ in event.participants} - known) <= 1


def _reported_toll(event: FoundEvent, earlier: list[FoundEvent], lexicon: Lexicon) -> bool:
    """Another source's count of a toll already told ("Myanmar Now reported that 80 people were killed" after the
    raid's deaths): the figure is that source's claim, the deaths are the happening told before, not a new one."""
    if event.type != "casualty" or any(r == "agent" for _, r in event.participants):
        return False
    told = [e for e in earlier if e.type == "casualty" and _counted(e.trigger)]
    if event.place is not None:  # "the toll in Turkey had risen to 18,991" after the toll in Turkey and Syria
        told = [e for e in told if e.place is not None and e.place.iri == event.place.iri]
    if not told:  # "the chief was killed in a strike … they claimed 53 were killed": no toll was told before
        return False
    for ancestor in event.trigger.ancestors:
        lemma = ancestor.lemma_.lower()
        if ancestor.pos_ == "VERB" and (lemma in REPORTING or lemma in lexicon.statement_verbs):
            return True
    return any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in event.sentence[:-1])
