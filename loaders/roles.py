"""Arguments and roles: who takes part in a happening, in which role, and where it happened.

The roles come from the lexicon for the happening's type ("a verdict's subject is the court and its object the
defendant, a disaster's object is the place it struck"); the rules here find the arguments the roles apply to: the
verb's subject (raised or relative), object, indirect object and prepositional objects; a noun's modifiers and the
subject of the light verb it is the object of ("made a visit"); whoever announces a plan for it; what a noun
subject's verb acts on ("the quake struck Turkey"); and a place the parser hung on the named object ("met Kim in
Singapore").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._args import np_actors
from newsgraph.loaders._labels import NOUN_CLAUSE, NOUN_MODIFIER, OBJECT
from newsgraph.loaders._syntax import nominal, passive, subject_of
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.rules import Rules

__all__ = ["arguments", "is_outlet"]


def is_outlet(rules: Rules, actor: ArticleActor) -> bool:
    """A news organisation: the table says so, or an organisation's name has an outlet's word ("news", "times")."""
    if actor.table is not None and (actor.table.media or actor.table.kind == "news agency"):
        return True
    words = {w.strip(".").lower() for w in actor.label.split()}
    return (
        actor.type == "Organization"
        and bool(words & rules.names.classes["outlet_words"])
        and not words & {"ministry", "council"}
    )


def arguments(
    res: Resolution, trigger: Token, fine: str
) -> tuple[list[tuple[ArticleActor, str]], ArticleActor | None]:
    """The event's participants with their roles (as the lexicon gives them for its type), and its place."""
    rules = res.rules
    taxonomy = rules.taxonomy
    locative = rules.words["locative"]
    roles = rules.lexicon.roles_for(taxonomy.chain(fine))
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
            and is_outlet(rules, actor)
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
                        if child.lower_ in locative and actor.type in {"Place", "Country"}:
                            add(actor, "place")
                        else:
                            add(actor, roles.get(child.lower_, "participant"))

    is_passive = passive(trigger)
    # the verb's own subject, or the subject of the verb it depends on (a raised or a relative subject)
    subject = subject_of(rules, trigger) if not nominal(trigger) else None
    if subject is not None and not is_passive:
        for actor in np_actors(res, subject):
            add(actor, roles.get("subject"))
    elif subject is not None and subject.head.i != trigger.i and rules.on("raised_onto_passives"):
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
                    if preposition in locative and actor.type in {"Place", "Country"}:
                        add(actor, "place")
                        continue
                    add(actor, roles.get(preposition, "participant"))
    if trigger.dep_ in NOUN_CLAUSE and trigger.tag_ == "VBN":  # "the sanctions imposed on …"
        for actor in np_actors(res, trigger.head):
            add(actor, roles.get("passive_subject", roles.get("object")))
    if nominal(trigger):
        # "the Russian attack", "Iran's sanctions", "the attack by Hamas", "made a visit" (the light verb's subject)
        for mod in trigger.children:
            if mod.dep_ in NOUN_MODIFIER:
                found = res.actor_at(mod) or res.country_of(mod)
                if found is not None:
                    add(found, "place" if found.type == "Place" else roles.get("subject"))
        governor = trigger.head
        if (
            trigger.dep_ in OBJECT
            and rules.words.has("light_verbs", governor.lemma_.lower())
            and rules.on("light_verbs")
        ) or (
            # "Veltra Bank completed the closure": an aspectual verb's subject does what its object names, for a
            # noun the rule happening_nouns types by its class
            trigger.dep_ in OBJECT
            and rules.words.has("aspectual_verbs", governor.lemma_.lower())
            and rules.on("happening_nouns")
            and fine in rules.words.table("happening_noun_classes").values()
        ):
            light_subject = subject_of(rules, governor)
            if light_subject is not None:
                for actor in np_actors(res, light_subject):
                    add(actor, roles.get("subject"))
            add_prepositions(governor)
        plan = _planned_by(rules, trigger)
        if plan is not None and not participants:
            # "Disney announced plans for 7,000 layoffs": whoever announces the plan does what it plans
            planner = subject_of(rules, plan)
            if planner is not None:
                for actor in np_actors(res, planner):
                    add(actor, roles.get("subject"))
        if (
            trigger.dep_ == "nsubjpass" or (trigger.dep_ == "nsubj" and governor.pos_ == "VERB")
        ) and rules.on("happening_as_subject"):
            # "sanctions were imposed on X", "the quake struck Turkey"
            for child in governor.children:
                if child.dep_ in OBJECT:
                    for actor in np_actors(res, child):
                        add(actor, roles.get("object"))
            add_prepositions(governor)
    if place is None and roles.get("object") != "place":
        place = _misattached_place(res, trigger)
    return participants, place


def _planned_by(rules: Rules, trigger: Token) -> Token | None:
    """The verb whose object plans a happening ("announced plans for 7,000 layoffs", "unveiled a proposal to
    cut jobs"): a noun of the lexicon's ``intentions`` class the trigger hangs on through "for" or "of" (rule
    ``planned_happenings``)."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"for", "of"} or not rules.on("planned_happenings"):
        return None
    plan = prep.head
    if not rules.lexicon.in_class(plan.lemma_.lower(), "intentions") or plan.dep_ not in OBJECT:
        return None
    return plan.head if plan.head.pos_ == "VERB" else None


def _misattached_place(res: Resolution, trigger: Token) -> ArticleActor | None:
    """ "met Kim Jong Un in Singapore": the parser hangs the locative phrase on the named object, not the verb (rule
    ``misattached_places``)."""
    if not res.rules.on("misattached_places"):
        return None
    locative = res.rules.words["locative"]
    for obj in trigger.children:
        if obj.dep_ not in OBJECT:
            continue
        owner = res.actor_at(obj)
        if owner is None or owner.type not in {"Person", "Organization"}:
            continue
        for prep in obj.children:
            if prep.dep_ != "prep" or prep.lower_ not in locative:
                continue
            for pobj in prep.children:
                found = res.actor_at(pobj)
                if pobj.dep_ == "pobj" and found is not None and found.type in {"Place", "Country"}:
                    return found
    return None
