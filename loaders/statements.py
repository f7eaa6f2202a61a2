"""Statements: a reporting verb with a named speaker is an act of speaking (of a finer type when the lexicon says
so: an accusation, an apology). Who speaks (a person, an organisation, an unnamed group the article resolves, a
state), whom to, and when a reporting verb is no statement: an expert's commentary, an outlet or its own reporter
reporting; a closing "…, the ministry said" after a plain report attributes the fact; a participle or an absolute clause
elaborates; what is quoted inside speech is not a statement of its own.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from newsgraph.loaders._args import np_actors, office_body, people_of_a_state
from newsgraph.loaders._labels import ELABORATING, OBJECT, PREDICATE
from newsgraph.loaders._quotes import has_quote
from newsgraph.loaders._syntax import closing, passive, subject_of
from newsgraph.loaders.dates import clause_date
from newsgraph.loaders.filters import conditional, future, inside_quote, negated
from newsgraph.loaders.found import FoundEvent
from newsgraph.loaders.pronouns import last_organisation
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.roles import is_outlet
from newsgraph.loaders.rules import Rules

__all__ = ["add_statement", "names_its_object", "spoken_in", "statement_speaker"]

_Key = tuple[int, str, int]


def _commentator(rules: Rules, actor: ArticleActor) -> bool:
    """ "Lim Eul-chul, a professor at …": a role that makes the speaker a commentator rather than a party."""
    return any(rules.words.has("commentators", word) for role in actor.roles for word in role.lower().split())


def statement_speaker(res: Resolution, token: Token) -> list[tuple[ArticleActor, str]]:
    """Who makes a statement with this reporting verb: the named subject (a person, an organisation, a group of
    officials), and whom it was told to ("told Reuters": an outlet; "told the council": an addressee).

    A state that says something ("Pakistan said an inquiry had begun") makes a statement, and so does an unnamed
    group the article resolves ("Greek authorities said", "police said"; rule ``states_speak``); commentary by
    experts ("a professor at …") does not. The subject of a passive ("he was told") is not the speaker."""
    rules = res.rules
    words = rules.words
    participants: list[tuple[ArticleActor, str]] = []
    if passive(token) or (
        token.dep_ in ELABORATING
        and not any(c.dep_ == "nsubj" for c in token.children)
        and rules.on("elaborating_participles")
    ):
        return participants  # "…, estimating 4,000": a participle elaborates its clause, it is no act of speaking
    subject = subject_of(rules, token)
    if (
        subject is not None
        and (
            words.has("statement_vehicles", subject.lemma_.lower())
            or words.has("documents", subject.lemma_.lower())
        )
        and rules.on("documents_that_speak")
    ):
        # "A statement from the committee says", "the agency's report said": the author speaks
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                subject = next((c for c in child.children if c.dep_ == "pobj"), subject)
                break
    speaking = (
        {"Person", "Organization", "Country"} if rules.on("states_speak") else {"Person", "Organization"}
    )
    if subject is not None:
        for actor in np_actors(res, subject):
            if actor.type == "Country" and people_of_a_state(rules, subject):
                continue  # "Australian tennis fans said": the state's people, not the state, speak
            if actor.type in speaking and not (rules.on("commentators") and _commentator(rules, actor)):
                participants.append((actor, "speaker"))
        body = office_body(res, subject) if not participants else None
        participants += [(body, "speaker")] if body is not None else []
        if not participants and subject.pos_ == "PRON":
            found = last_organisation(res, subject)  # "It said …": the organisation that acted before
            participants += [(found, "speaker")] if found is not None else []
        if any(a.type != "Country" for a, _ in participants):
            # "Deputy Chilean Envoy Rosa Vidal told": the state in a speaker's title is no speaker of its own
            participants = [(a, r) for a, r in participants if a.type != "Country"]
    if not participants:
        return participants
    for child in token.children:
        targets: list[Token] = []
        if child.dep_ in {"dobj", "dative"} and words.has("telling", token.lemma_):
            targets = [child]
        elif child.dep_ == "prep" and child.lower_ in {"to", "with"}:
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for target in targets:
            for actor in np_actors(res, target):
                if actor.type != "Place" and all(a.iri != actor.iri for a, _ in participants):
                    participants.append((actor, "outlet" if is_outlet(rules, actor) else "addressee"))
    told = any(r in {"outlet", "addressee"} for _, r in participants)
    if not told and all(a.group for a, r in participants if r == "speaker") and not rules.on("states_speak"):
        return []  # without the rule: "officials say" only sources what they report
    return participants


def _reports_for_an_outlet(rules: Rules, participants: list[tuple[ArticleActor, str]], token: Token) -> bool:
    """ "The Irrawaddy reported that …": a news outlet reporting is the source of what it reports (provenance), not
    a statement of its own (rule ``outlets_report``)."""
    speakers = [a for a, r in participants if r == "speaker"]
    return (
        rules.on("outlets_report")
        and bool(speakers)
        and all(is_outlet(rules, a) for a in speakers)
        and rules.words.has("outlet_reporting", token.lemma_)
    )


def _correspondent(res: Resolution, token: Token) -> bool:
    """ "Al Jazeera's Stefanie Dekker, reporting from Gaziantep, says …": an outlet's own reporter telling what she
    sees is the outlet's reporting (provenance), not a statement in the story (rule ``an_outlets_reporters``)."""
    rules = res.rules
    if not rules.on("an_outlets_reporters"):
        return False
    subject = subject_of(rules, token)
    if subject is None or not rules.words.has("correspondent_reporting", token.lemma_):
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
            if owner is not None and is_outlet(rules, owner):
                return True
    return False


def spoken_in(rules: Rules, token: Token) -> bool:
    """Whether a reporting verb says what the statement was made in or at ("said in a statement")."""
    for child in token.children:
        if child.dep_ == "prep" and rules.words.has("vehicle_prepositions", child.lower_):  # noqa: SIM102
            if any(
                rules.words.has("statement_vehicles", o.lemma_.lower())
                for o in child.subtree
                if o.pos_ == "NOUN"
            ):
                return True
    return False


def add_statement(
    res: Resolution,
    events: dict[_Key, FoundEvent],
    token: Token,
    sentence: Span,
    anchor: date | None,
) -> None:
    """A statement event for one reporting verb: not when negated ("has not acknowledged"), not for speech quoted
    inside speech, and not for a closing attribution of reported fact ("…, the military said"), whose speaker is
    the source of that fact rather than the maker of a statement."""
    rules = res.rules
    if not rules.on("statements"):
        return
    if (
        negated(rules, token) and not (rules.on("denials") and rules.words.has("denials", token.lemma_))
    ) or inside_quote(rules, token, sentence):
        return
    if conditional(rules, token):
        return
    if _acts_on_a_thing(rules, token):
        return  # "the maker added 300 models to the list", "crews responded to 900 calls": no speech
    if token.tag_ == "VBG" and token.head.lower_ in {"with", "without"} and rules.on("absolute_clauses"):
        return  # "…, with Trump hailing the meeting a success": an absolute clause describes, it reports no act
    speakers = statement_speaker(res, token)
    if (
        rules.on("closing_attribution")
        and closing(token)
        and not has_quote(sentence)
        and not any(a.type == "Person" for a, r in speakers if r == "speaker")
        and rules.words.has("closing_reporting", token.lemma_)
        and not spoken_in(rules, token)
    ):
        return  # "…, the ministry said" after a plain report: the institution is the source of the fact
    if not speakers and not (rules.on("unnamed_speakers") and _unnamed_speaker(res, token)):
        return
    if _reports_for_an_outlet(rules, speakers, token) or _correspondent(res, token):
        return
    lemma = token.lemma_.lower()
    fine = rules.lexicon.acts.get(lemma, "statement") if rules.on("speech_acts") else "statement"
    if (
        rules.lexicon.in_class(lemma, "naming_verbs")
        and names_its_object(token)
        and rules.on("naming_is_no_request")
    ):
        fine = "statement"  # "called the verdict unjust": a description, not a request
    event = FoundEvent("statement", token, sentence, fine=fine, type_label=rules.taxonomy.label(fine))
    event.participants.extend(speakers)
    event.date = clause_date(rules, token, sentence, anchor, future(rules, token))
    events[(sentence.start, "statement", token.i)] = event


def _acts_on_a_thing(rules: Rules, token: Token) -> bool:
    """A verb that reports speech only with what is said (word class ``speech_with_a_clause``: add, note) that has
    no clause and no quotation in its sentence but an object or a "to" phrase acts on a thing (rule
    ``speech_needs_its_words``)."""
    if not rules.on("speech_needs_its_words") or not rules.words.has(
        "speech_with_a_clause", token.lemma_.lower()
    ):
        return False
    if any(c.dep_ in {"ccomp", "parataxis", "xcomp"} for c in token.children) or has_quote(token.sent):
        return False
    return any(c.dep_ in {"dobj", "attr"} or (c.dep_ == "prep" and c.lower_ == "to") for c in token.children)


def _unnamed_speaker(res: Resolution, token: Token) -> bool:
    """The reporting verb's subject names people the article gives no name ("the mayor of Bergen told", "one of
    the lawyers said", "survivors have said"): a noun whose first sense is a person or a group of people
    (``words.toml`` [speaking_noun_classes]); not an expert's commentary, and only when what is said is a clause
    or a quotation."""
    if passive(token):
        return False
    if res.rules.lexicon.in_class(token.lemma_.lower(), "naming_verbs"):
        return False  # "what the leaders called a pact" names, it says nothing
    if not any(c.dep_ == "ccomp" for c in token.children) and not has_quote(token.sent):
        return False  # what is said is a clause or a quotation
    subject = subject_of(res.rules, token)
    if subject is not None and subject.pos_ in {"NUM", "PRON"} and subject.lower_ in {"one", "some", "many"}:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        subject = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if subject is None or subject.pos_ != "NOUN" or res.actor_at(subject) is not None:
        return False
    words = res.rules.words
    if res.rules.on("commentators") and words.has("commentators", subject.lemma_.lower()):
        return False
    classes = res.rules.wordclasses.noun(subject.lemma_.lower())
    return bool(classes) and words.has("speaking_noun_classes", classes[0])


def names_its_object(verb: Token) -> bool:
    """ "called the verdict unjust", "called the strike a massacre": an object and what it is called (a predicate
    after the object); "called a meeting", "called for a ceasefire" name nothing."""
    for obj in (c for c in verb.children if c.dep_ in OBJECT):
        if any(c.dep_ == "oprd" and c.i > obj.i for c in verb.children):
            return True
        if any(c.dep_ in PREDICATE and c.i > obj.i for c in obj.children):
            return True
    return False
