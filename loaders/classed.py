"""Triggers by lexical class: a word no lexicon entry lists reports a happening when its class says it names one.

The lexicon lists the words of the domains it was written for one by one; news of any other domain reports its
happenings with words it has never seen ("the lender collapsed", "divers searched the lake", "the search went on").
The lexical class of a word (Open English WordNet's lexicographer files, ``ontology/wordclasses.toml``) says what
kind of meaning its commonest senses have, whatever the domain:

- rule ``happening_verbs``: a clause's main verb, told in the past or the perfect (a present simple tells a habit
  or a state), whose first sense is of a dynamic class (change, motion, possession, contact, competition,
  consumption, creation, social, weather: ``words.toml`` [happening_verb_classes]), with a subject that names an
  actor or a thing (not an abstraction: "the mood changed");
- rule ``happening_nouns``: a noun whose first sense is an act, an event, a phenomenon or a process
  ([happening_noun_classes]) as the subject or the object of a clause ("the search continued", "ordered an
  evacuation").

Each class gives its own fine type under ``other`` (``events.ttl``: a movement, a transfer, a change of state...).
A word the lexicon lists is the lexicon's, including what it says reports nothing; statement and reporting verbs
are the statement rules'; a word in quoted speech is what someone says, not a report. The filters every trigger
passes (negation, conditions, requests, references) apply as for any other.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._labels import OBJECT, SUBJECT
from newsgraph.loaders._syntax import object_of, subject_of
from newsgraph.loaders.resolve import Resolution

__all__ = ["class_trigger", "told_as_past", "told_by_an_aspect", "vetoed"]

#: the clauses whose head verb may report a happening by its class
_MAIN = frozenset({"ROOT", "conj", "ccomp"})


def class_trigger(res: Resolution, token: Token) -> str | None:
    """The fine type a word no lexicon entry lists reports by its lexical class (None: none)."""
    from newsgraph.loaders.filters import inside_quote  # the filters read the triggers

    rules = res.rules
    if token.pos_ == "VERB" and rules.on("happening_verbs"):
        fine = _verb(res, token)
    elif token.pos_ == "NOUN" and rules.on("happening_nouns"):
        fine = _noun(res, token)
    else:
        return None
    return None if fine is None or inside_quote(rules, token, token.sent) else fine


def _verb(res: Resolution, token: Token) -> str | None:
    rules = res.rules
    lemma = token.lemma_.lower()
    if token.dep_ not in _MAIN or lemma in rules.reporting or lemma in rules.lexicon.statement_verbs:
        return None
    words = rules.words
    headline = token.i < res.headline_end and rules.on("headline_present")
    if lemma in rules.lexicon_words or not told_as_past(token, headline=headline):
        return None
    if words.has("possessing_states", lemma):
        return None
    if _position_in_a_photo(res, token):
        return None  # "Kim Jong Un, left, visits …": where he stands in the picture
    arguments = [c for c in token.children if c.dep_ in OBJECT or c.dep_ == "nsubjpass"]
    if words.has("aspectual_verbs", lemma) or words.has("light_verbs", lemma):
        arguments += [c for c in token.children if c.dep_ in SUBJECT]
        if any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children):
            return None  # "began sending troops": the verb after it tells the happening
    if any(_names_a_happening(res, c) for c in arguments):
        return None  # its object names the happening: "resumed the search", "wrapped up the conference"
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    # a particle form the table lacks is an idiom its verb's class says nothing of ("doubled down")
    classes = rules.wordclasses.verb(f"{lemma} {particle}" if particle else lemma)
    if not classes:
        return None
    kinds = rules.words.table("happening_verb_classes")
    fine = kinds.get(classes[0])
    if fine is None:
        return None
    if not _names_a_thing(res, subject_of(rules, token) or _passive_subject(token)):
        return None
    if classes[0] == "contact" and not _tangible(res, object_of(token)):
        return None  # a figure of speech: "punched the air"
    if classes[0] == "possession" and _information(res, object_of(token) or _recipient(token)):
        return None  # "provided higher figures", "contributed to this report": words, not a transfer
    if classes[0] == "change" and _information(res, object_of(token)):
        return None  # "broke its rules", "changed his mind": a figure of speech
    return str(fine)


def vetoed(res: Resolution, token: Token, fine: str) -> bool:
    """The class of the verb's subject says the lexicon's type is a reading of another domain: a phenomenon does
    not attack ("Hurricane Ian struck Florida": the name's kind word is its head noun), a possession or a quantity
    has no accident ("the shares plunged"); ``words.toml`` [vetoing_subject_classes] (rule ``argument_classes``)."""
    rules = res.rules
    if not rules.on("argument_classes") or token.pos_ != "VERB":
        return False
    taxonomy = rules.taxonomy
    table = rules.words.table("vetoing_subject_classes")
    barred = next(
        (str(v).split() for k, v in table.items() if k in taxonomy and taxonomy.within(fine, k)), None
    )
    subject = next((c for c in token.children if c.dep_ in SUBJECT), None)  # its own, not a raised one
    if barred is None or subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = subject
    if subject.pos_ == "PROPN":  # "Hurricane Ian": the common noun before the name says what it names
        head = next((c for c in subject.children if c.dep_ == "compound" and c.i < subject.i), subject)
    elif res.actor_at(subject) is not None:
        return False  # "the air force": an actor of the article, whatever its head noun's first sense
    classes = rules.wordclasses.noun(head.lemma_.lower())
    counted = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    if classes and classes[0] == "quantity" and counted:  # "hundreds of migrants": what is counted
        classes = rules.wordclasses.noun(counted[0].lemma_.lower())
    return bool(classes) and classes[0] in barred


def told_by_an_aspect(res: Resolution, noun: Token) -> bool:
    """A happening's noun, the subject of a main clause's verb of aspect told as what happened ("the search
    resumed on Tuesday", "the trial ended"): the clause reports the happening though it names no participant, place,
    date or figure (rule ``happenings_told_by_an_aspect``). An object is left to the other rules: "ended his fight"
    is seldom a fight."""
    verb = noun.head
    return (
        res.rules.on("happenings_told_by_an_aspect")
        and noun.dep_ in SUBJECT | {"nsubjpass"}
        and verb.pos_ == "VERB"
        and verb.dep_ in _MAIN
        and res.rules.words.has("aspectual_verbs", verb.lemma_.lower())
        and told_as_past(verb, headline=verb.i < res.headline_end and res.rules.on("headline_present"))
    )


def told_as_past(verb: Token, *, headline: bool = False) -> bool:
    """Told as what happened: a past tense, a perfect, a past passive or progressive; not a present simple or a
    present passive (a habit or a state: "the company makes games", "the bank is designed to serve"), an
    infinitive or a modal's verb. A headline tells what happened in the present simple ("Court frees activist")."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if headline and verb.tag_ in {"VBZ", "VBP"} and not auxiliaries:
        return True
    # a past; a main verb the model tags as a participle with no auxiliary is one too ("adjourned")
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not auxiliaries):
        return True
    if any(a.lemma_.lower() == "have" for a in auxiliaries):
        return verb.tag_ == "VBN"
    past = any(a.tag_ in {"VBD", "VBN"} and a.lemma_.lower() in {"be", "get"} for a in auxiliaries)
    return past and verb.tag_ in {"VBN", "VBG"}


def _tangible(res: Resolution, noun: Token | None) -> bool:
    """A verb of contact's object (or passive subject) is an actor or a thing one can touch."""
    if noun is None:
        return False
    if noun.pos_ in {"PROPN", "PRON"} or res.actor_at(noun) is not None:
        return True
    classes = res.rules.wordclasses.noun(noun.lemma_.lower())
    return not classes or not res.rules.words.has("intangible_noun_classes", classes[0])


def _information(res: Resolution, noun: Token | None) -> bool:
    """A verb's object is information: what is handed over or changed is words or thoughts, not a thing."""
    if noun is None or noun.pos_ != "NOUN" or res.actor_at(noun) is not None:
        return False
    classes = res.rules.wordclasses.noun(noun.lemma_.lower())
    return bool(classes) and res.rules.words.has("information_noun_classes", classes[0])


def _recipient(verb: Token) -> Token | None:
    """What a verb with no object gives to: "contributed to the fund"."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def _position_in_a_photo(res: Resolution, token: Token) -> bool:
    """A caption's "left" or "right" after a name and a comma says where someone stands in the picture (rule
    ``positions_in_a_photo``; ``words.toml`` [photo_positions])."""
    return (
        res.rules.on("positions_in_a_photo")
        and res.rules.words.has("photo_positions", token.lower_)
        and token.i >= 2
        and token.doc[token.i - 1].text == ","
        and token.doc[token.i - 2].pos_ == "PROPN"
    )


def _passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _names_a_thing(res: Resolution, subject: Token | None) -> bool:
    """The subject names an actor or a thing: a name, an actor of the article, a personal pronoun, or a noun whose
    first sense is no abstraction ("the mood", "the idea")."""
    if subject is None:
        return False
    if subject.pos_ == "PROPN" or res.actor_at(subject) is not None:
        return True
    if subject.pos_ == "PRON":
        return res.rules.words.has("acting_pronouns", subject.lower_)
    if subject.pos_ != "NOUN":
        return False
    classes = res.rules.wordclasses.noun(subject.lemma_.lower())
    return not classes or not res.rules.words.has("abstract_noun_classes", classes[0])


def _names_a_happening(res: Resolution, noun: Token) -> bool:
    """A noun the lexicon makes a trigger, or whose first senses are all of a happening's class (rule
    ``happenings_by_every_sense``; without it, the first sense alone)."""
    rules = res.rules
    lemma = noun.lemma_.lower()
    if rules.lexicon.nouns_for(lemma):
        return True
    classes = rules.wordclasses.noun(lemma)
    kinds = rules.words.table("happening_noun_classes")
    if rules.on("happenings_by_every_sense"):
        return bool(classes) and all(c in kinds for c in classes)  # "sold bonds": a bond is a thing too
    return bool(classes) and classes[0] in kinds


def _noun(res: Resolution, token: Token) -> str | None:
    """A noun the clause says begins, goes on or ends ("the search resumed") or that a light verb makes the
    happening ("ordered an evacuation"); not when the governing verb reports a happening by the lexicon (the noun
    is what it reports: "announced results")."""
    from newsgraph.loaders.filters import expected
    from newsgraph.loaders.triggers import classify  # the triggers call this module

    rules = res.rules
    words = rules.words
    governor = token.head
    lemma = token.lemma_.lower()
    if (
        governor.pos_ not in {"VERB", "AUX"}
        or lemma in rules.lexicon_words
        or governor.lemma_ in rules.reporting
    ):
        return None  # "the security service said": the subject of a reporting verb is its speaker
    verb = governor.lemma_.lower()
    if token.dep_ in SUBJECT | {"nsubjpass"}:
        if not words.has("aspectual_verbs", verb):
            return None
    elif token.dep_ in OBJECT:
        if not (words.has("aspectual_verbs", verb) or words.has("light_verbs", verb)):
            return None
    else:
        return None
    if classify(res, governor) is not None or expected(rules, token):
        return None  # the verb's own happening; or one a modal or a verb of intending expects ("could make")
    classes = rules.wordclasses.noun(lemma)
    if not classes:
        return None
    kinds = rules.words.table("happening_noun_classes")
    if not all(c in kinds for c in classes):
        return None  # its first senses are not all happenings: "an analysis", "the results", "a debut"
    fine = kinds.get(classes[0])
    return None if fine is None else str(fine)
