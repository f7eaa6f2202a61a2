"""Triggers: which words report which kind of happening, by the lexicon (``ontology/lexicon.toml``).

A verb or an eventive noun is a trigger when a lexicon entry holds its lemma and the entry's conditions on its
subject, object, prepositions, particle or modifiers hold ("an earthquake struck" is an earthquake, "the air force
struck" an attack, "sent a message" nothing). An entry that belongs to a registered rule (its ``rule`` key) applies
only while that rule is on.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._labels import GOVERNED, NO_TRIGGER, OBJECT, PLACED, ROLE_PREPOSITION, TRIGGER_MODIFIER
from newsgraph.loaders._syntax import is_verb, object_of, part_of, passive, subject_of
from newsgraph.loaders.classed import class_trigger, vetoed
from newsgraph.loaders.lexicon import Entry, verb_stems
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.rules import Rules

__all__ = ["classify", "classify_all", "figure_of_speech", "in_class"]


def in_class(res: Resolution, token: Token | None, name: str) -> bool:
    """Whether a phrase's head (or the actor it names) is in a lexicon class."""
    if token is None:
        return False
    lexicon = res.rules.lexicon
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
    if name.startswith("wn:"):
        # "wn:artifact|food": the phrase's head (or what it counts, "batches of formula") has that WordNet class as
        # its first sense (``ontology/wordclasses.toml``)
        wanted = set(name[3:].split("|"))
        classes = res.rules.wordclasses.noun(token.lemma_.lower())
        if classes and classes[0] in wanted and token.pos_ in {"NOUN", "PROPN"}:
            return True
        return _what_it_counts_is(res, token, name)
    words = {token.lemma_.lower(), token.lower_}
    if name != "figurative_of" and figure_of_speech(res, token):
        return False
    words |= {f"{c.lower_} {token.lower_}" for c in token.children if c.dep_ == "compound"}
    if any(lexicon.in_class(w, name) for w in words):
        return True
    return _what_it_counts_is(res, token, name)


def _what_it_counts_is(res: Resolution, token: Token, name: str) -> bool:
    """ "thousands of containers of weapons", "a shipment of arms": the thing counted or held is what is meant."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and in_class(res, o, name)
        for prep in token.children
        for o in prep.children
        if o.dep_ == "pobj"
    )


def figure_of_speech(res: Resolution, token: Token) -> bool:
    """ "the aftershock of Covid", "a flood of refugees": a disaster's word whose "of" phrase names no place, actor or
    time (the lexicon's ``figurative_of``; rule ``figures_of_speech``)."""
    if not res.rules.on("figures_of_speech") or not res.rules.lexicon.word_in(token, "figurative_of"):
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for o in prep.children:
                if o.dep_ == "pobj" and not (
                    o.like_num or o.ent_type_ in PLACED or res.actor_at(o) is not None
                ):
                    return True
    return False


def _matches(res: Resolution, entry: Entry, token: Token, obj: Token | None = None) -> bool:
    rules = res.rules
    lexicon = rules.lexicon
    the_object = obj if obj is not None else object_of(token)
    for key, value in entry.conditions:
        if key == "subject" and not in_class(res, subject_of(rules, token), value):
            return False
        if key == "not_subject" and in_class(res, subject_of(rules, token), value):
            return False
        if key == "object" and not in_class(res, the_object, value):
            return False
        if key == "not_object" and in_class(res, the_object, value):
            return False
        if key == "passive" and passive(token) != value:
            return False
        if key == "clause" and any(c.dep_ == "ccomp" for c in token.children) != value:
            return False  # "agreed the court was entitled": a clause says what is held true
        if key == "particle" and not any(
            c.dep_ in {"prt", "advmod"} and c.lower_ == value for c in token.children
        ):  # "ran aground": the parser takes the particle for an adverb
            return False
        if key == "prep":
            preposition, _, name = str(value).partition(":")
            found = False
            for child in token.children:
                if child.dep_ in ROLE_PREPOSITION and child.lower_ == preposition:
                    found = not name or any(in_class(res, o, name) for o in child.children)
                    if found:
                        break
            if not found:
                return False
        if key in {"modifier", "not_modifier"}:
            mods = [c for c in token.children if c.dep_ in TRIGGER_MODIFIER]
            mods += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            if rules.on("agents_of_a_happening_noun"):  # "a strike by rail workers": who does it
                mods += [
                    o for p in token.children if p.dep_ == "prep" and p.lower_ == "by" for o in p.children
                ]
            if rules.on("part_of_a_whole"):
                mods += part_of(token)  # "a public meeting as part of an election campaign"
            if (
                token.i > 0
                and token.doc[token.i - 1].dep_ == "compound"
                and token.doc[token.i - 1].head == token
            ):
                mods.append(token.doc[token.i - 1])
            hit = any(in_class(res, m, value) for m in mods)
            if hit != (key == "modifier"):
                return False
        if key == "context" and not any(lexicon.word_in(t, value) for t in token.sent):
            return False
        if key == "governor":
            governor = token.head if token.dep_ in GOVERNED else None
            if governor is not None and governor.dep_ == "prep":
                governor = governor.head
            if governor is None or not lexicon.in_class(governor.lemma_.lower(), value):
                return False
    return True


def classify(res: Resolution, token: Token) -> str | None:
    """The fine type a word reports in its sentence, by the lexicon (None: not a trigger). A word inside a name or
    a date ("in March", "the Strike Force") is not a trigger."""
    found = classify_all(res, token)
    return found[0] if found else None


def classify_all(res: Resolution, token: Token) -> list[str]:
    """Every fine type a word reports: usually one; a verb whose coordinated objects differ in kind gives one per
    kind ("supplying weapons and troops" is an arms transfer and a deployment; rule ``what_is_moved``)."""
    if not res.rules.on("typed_triggers"):
        return []
    objects = [c for c in token.children if c.dep_ in OBJECT]
    heads = [objects[0], *objects[0].conjuncts] if objects and res.rules.on("what_is_moved") else []
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
            kind = _classify(res, token, head)
            if kind is not None and kind not in found:
                found.append(kind)
        return found
    kind = _classify(res, token, None)
    return [kind] if kind is not None else []


def _verb_lemma(rules: Rules, token: Token) -> str:
    """The model's lemma, or when the lexicon does not know it the stem the inflection hides: the model lemmatises
    "fined" as "fin" and "banned" as "banne"; "fine" and "ban" are the verbs (rule ``inflected_stems``)."""
    lemma = token.lemma_.lower()
    if rules.lexicon.verbs_for(lemma) or not rules.on("inflected_stems"):
        return lemma
    return next(
        (stem for stem in verb_stems(token) if len(stem) > 2 and rules.lexicon.verbs_for(stem)), lemma
    )


def _classify(res: Resolution, token: Token, obj: Token | None) -> str | None:
    rules = res.rules
    lexicon = rules.lexicon
    if token.ent_type_ in NO_TRIGGER or res.actor_at(token) is not None:
        return None
    if token.dep_ == "amod" and token.tag_ in {"VBN", "VBD", "JJ"} and rules.on("participle_adjectives"):
        return None  # a participle used as an adjective names a state: "occupied Ukraine", "the wounded man"
    if token.dep_ == "amod" and token.tag_ == "VBG" and rules.on("present_participle_adjectives"):
        return None  # "an attacking midfielder", "the ruling party": a quality, not a happening
    lemma = token.lemma_.lower()
    if is_verb(token):
        lemma = _verb_lemma(rules, token)
        entries = lexicon.verbs_for(lemma)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle:
            phrasal = lexicon.verbs_for(f"{lemma} {particle}")
            if (
                not phrasal
                and rules.words.has("idiom_particles", particle)
                and not any(("particle", particle) in e.conditions for e in entries)
                and rules.on("particles_make_another_verb")
            ):
                return class_trigger(res, token)  # "signed off on the spending": no signing
            entries = phrasal + entries
    elif token.pos_ in {"NOUN", "PROPN"} or (token.tag_ == "VBG" and token.dep_ in {"pobj", "dobj"}):
        entries = lexicon.nouns_for(lemma) or lexicon.nouns_for(token.lower_)
        if figure_of_speech(res, token):
            return None  # "a flood of refugees"
    else:
        return None
    for entry in entries:
        if entry.rule is not None and not rules.on(entry.rule):
            continue
        if _matches(res, entry, token, obj):
            if entry.type == "none" or vetoed(res, token, entry.type):
                return None
            return entry.type
    if entries and is_verb(token) and rules.on("unmet_conditions_fall_to_class"):
        return class_trigger(res, token)  # "the court released him": no prisoner, still a happening
    if (
        entries
        or (is_verb(token) and lexicon.nouns_for(lemma))
        or (not is_verb(token) and lexicon.verbs_for(lemma))
    ):
        return None  # a word the lexicon lists is the lexicon's, as a verb or a noun
    return class_trigger(res, token)
