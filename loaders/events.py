"""Events: typed happenings with participants and roles, place, date and the sentence they come from.

A trigger word (a verb or an eventive noun, by lemma) gives the type; its object can refine it ("send troops" is a
deployment, "send weapons" a weapons transfer). Participants are the actors in the trigger's arguments: the subject
is the agent (the speaker for statements), the object the patient, "to X" the recipient, "with X" a co-participant,
"told X" the addressee; nationality adjectives on the arguments ("North Korean soldiers") bring in their state. The
place is a location in a locative phrase ("in Singapore", "near Donetsk"); the date is the nearest date expression,
resolved against the publication date. One event per type and sentence, one statement per act of speaking.

Not every trigger reports a happening: negated, conditional, background (a relative clause on a name), purpose
infinitives, references ("any such deployment", "heavy casualties") and speech inside quotes are left out. One
happening is one node: a headline gives way to the body, a restatement within two sentences adds nothing, a speaker
who goes on talking continues one statement. ``docs/extraction.md`` lists each rule with an example sentence.

Agreements: a noun phrase headed by pact/treaty/agreement/accord/deal (or a joint statement) is resolved to a known agreement of the table
when its parties (from the sentence's actors, "between X and Y", or "inter-Korean" style adjectives) and year fit;
otherwise it is minted from its wording and parties. "the pact" later refers back to the last agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders.dates import DateValue, is_duration, resolve_date
from newsgraph.loaders.resolve import REPORTING, ArticleActor, Mention, Resolution
from newsgraph.loaders.table import TableActor

__all__ = ["EVENT_TYPES", "FoundEvent", "find_agreements", "find_events"]

EVENT_TYPES = (
    "deployment", "casualty", "attack", "capture", "desertion", "meeting", "agreement", "statement",
    "weapons_transfer", "sanction_or_veto", "other",
)  # fmt: skip

_VERB_TRIGGERS = {
    "deployment": {"deploy", "send", "dispatch", "transport", "reposition", "station", "redeploy", "mobilize",
                   "mobilise", "reinforce"},
    "casualty": {"kill", "die", "wound", "injure", "perish"},
    "attack": {"attack", "strike", "bomb", "shell", "invade", "assault", "raid", "shoot", "hit", "target",
               "storm", "fire"},
    "capture": {"capture", "detain", "arrest", "seize"},
    "desertion": {"desert", "defect"},
    "meeting": {"meet", "visit", "host", "negotiate", "discuss", "engage"},
    "agreement": {"sign", "ratify", "conclude"},
    "weapons_transfer": {"supply", "ship", "deliver", "arm", "provide", "transfer", "export"},
    "sanction_or_veto": {"veto", "sanction", "embargo", "ban"},
    "other": {"scrap", "test", "withdraw", "contact", "abandon"},
}  # fmt: skip
_NOUN_TRIGGERS = {
    "deployment": {"deployment", "dispatch"},
    "casualty": {"casualty", "death", "casualties"},
    "attack": {"attack", "strike", "invasion", "incursion", "offensive", "assault", "bombardment", "airstrike"},
    "capture": {"capture"},
    "desertion": {"desertion"},
    "meeting": {"summit", "meeting", "talks", "visit", "discussions", "negotiations"},
    "weapons_transfer": {"supplier", "shipment", "shipments", "supplies"},
    "sanction_or_veto": {"veto", "sanctions", "embargo"},
}  # fmt: skip
_WEAPONS = {"weapon", "weaponry", "arsenal", "missile", "shell", "ammunition", "arm", "drone", "container", "artillery", "rocket",
            "equipment", "munition", "uniform", "bomb"}  # fmt: skip
_TROOPS = {"troop", "soldier", "instructor", "adviser", "advisor", "mercenary", "conscript", "force", "personnel", "infantry", "fighter", "officer", "battalion", "unit",
           "serviceman", "troops"}  # fmt: skip
_AGREEMENT_NOUNS = {
    "pact",
    "treaty",
    "agreement",
    "accord",
    "deal",
    "memorandum",
    "armistice",
    "ceasefire",
    "truce",
    "declaration",
    "communique",
    "communiqué",
    "statement",
}
#: verbs that move people or things: their objects say whether it is a deployment or an arms transfer
_MOVE = {"send", "provide", "transfer", "supply", "ship", "deliver", "deploy", "dispatch", "give"}
_DEPLOY = {"send", "transfer", "deploy", "dispatch"}
_WAR_NOUNS = {"war", "conflict", "front", "frontline", "crisis", "battlefield", "theatre", "theater"}
_MODAL = {"will", "would", "could", "might", "may", "shall"}
_EXPECT = {"expect", "plan", "prepare", "intend", "threaten", "suspect"}


@dataclass
class FoundEvent:
    """One event, predicted (the writer turns it into triples)."""

    type: str
    trigger: Token
    sentence: Span
    participants: list[tuple[ArticleActor, str]] = field(default_factory=list)
    place: ArticleActor | None = None
    date: DateValue | None = None
    agreement: ArticleActor | None = None
    expected: bool = False

    @property
    def label(self) -> str:
        agents = [a.label for a, r in self.participants if r in {"agent", "speaker", "party"}]
        others = [a.label for a, r in self.participants if r not in {"agent", "speaker", "party"}]
        words = [", ".join(agents) or None, self.trigger.text, ", ".join(others) or None]
        text = " ".join(w for w in words if w)
        if self.agreement is not None:
            text += f" ({self.agreement.label})"
        if self.place is not None:
            text += f" in {self.place.label}"
        if self.date is not None and self.date.iso:
            text += f", {self.date.iso}"
        return f"{text} (expected)" if self.expected else text


def _objects(token: Token) -> set[str]:
    """Lemmas of what a verb moves: its objects, their conjuncts and "of"/"with"/"along with" complements."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    objects += [g for o in objects for g in o.conjuncts]
    lemmas = {o.lemma_.lower() for o in objects}
    lemmas |= {g.lemma_.lower() for o in objects for g in o.subtree if g.dep_ in {"pobj", "conj"}}
    lemmas |= {  # "supplied Russia with shells", "weaponry along with troops"
        g.lemma_.lower()
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in {"with", "along"}
        for g in p.subtree
    }
    return lemmas


def _event_types(token: Token) -> list[str]:
    """The event types a trigger word gives: usually one; a verb that moves both arms and troops gives both."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        if lemma in _MOVE:
            heads = _objects(token)
            kinds = []
            if heads & _WEAPONS:
                kinds.append("weapons_transfer")
            if heads & _TROOPS or (lemma in _DEPLOY and not kinds):
                kinds.append("deployment")
            if not kinds and lemma in {"supply", "ship", "deliver"}:
                kinds.append("weapons_transfer")
            return kinds
        if lemma == "engage" and any(c.dep_ in {"dobj", "obj"} for c in token.children):
            return []  # "engage Kim" is an approach, "engage in talks" a meeting
        for kind, lemmas in _VERB_TRIGGERS.items():
            if lemma in lemmas:
                return [kind]
        return []
    if token.pos_ == "NOUN":
        if lemma in {"test", "launch"}:
            mods = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
            return ["other"] if mods & (_WEAPONS | {"nuclear", "ballistic", "missile"}) else []
        for kind, lemmas in _NOUN_TRIGGERS.items():
            if lemma in lemmas or token.lower_ in lemmas:
                return [kind]
    return []


def _event_type(token: Token) -> str | None:
    kinds = _event_types(token)
    return kinds[0] if kinds else None


def _role(child: Token, kind: str) -> str | None:
    dep = child.dep_
    if dep in {"nsubj", "agent", "poss"}:
        return "speaker" if kind == "statement" else "agent"
    if dep in {"dobj", "obj", "nsubjpass", "attr"}:
        return "addressee" if kind == "statement" else "patient"
    if dep == "dative":
        return "addressee" if kind == "statement" else "recipient"
    return None


def _np_actors(res: Resolution, head: Token) -> list[ArticleActor]:
    """Actors named by a noun phrase: the head, conjuncts, appositions, and nationality or owner modifiers."""
    out: list[ArticleActor] = []
    tokens = [head, *[c for c in head.children if c.dep_ in {"conj", "appos"}]]
    for token in tokens:
        actor = res.actor_at(token)
        if (
            actor is None and token.lemma_.lower() not in _WAR_NOUNS
        ):  # "the Ukraine war" names a war, not a party
            for mod in token.children:
                if mod.dep_ in {"amod", "compound", "poss", "nmod"}:
                    found = res.actor_at(mod) or res.country_of(mod)
                    if found is not None and found.type in {"Country", "Organization", "Person"}:
                        actor = found
                        break
        if actor is None and token.lower_ in {"he", "she"}:
            actor = _last_person(res, token)
        if actor is not None and actor not in out:
            out.append(actor)
    return out


def _last_person(res: Resolution, token: Token) -> ArticleActor | None:
    best: tuple[int, ArticleActor | None] = (-1, None)
    for span, actor in res.spans:
        if actor.type == "Person" and best[0] < span.start < token.i:
            best = (span.start, actor)
    return best[1]


_LOCATIVE = {"in", "at", "near", "inside"}


def _misattached_place(res: Resolution, trigger: Token) -> ArticleActor | None:
    """ "met Kim Jong Un in Singapore": the parser hangs the locative phrase on the named object, not the verb.

    A person or an organisation named as the object does not usually carry its own "in <country>" modifier, so a
    locative phrase there is read as the event's place.
    """
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


def _arguments(
    res: Resolution, trigger: Token, kind: str
) -> tuple[list[tuple[ArticleActor, str]], ArticleActor | None]:
    participants: list[tuple[ArticleActor, str]] = []
    place: ArticleActor | None = None

    def add(actor: ArticleActor, role: str) -> None:
        nonlocal place
        if actor.type == "Place":
            place = place or actor
            return
        if all(a.iri != actor.iri for a, _ in participants):
            participants.append((actor, role))

    heads = [trigger]
    # "made a visit", "used its veto power": the verb's subject is the noun's agent
    noun = trigger.head if trigger.dep_ == "compound" else trigger
    if trigger.pos_ == "NOUN" and noun.dep_ in {"dobj", "obj"} and noun.head.lemma_ in _LIGHT:
        for child in noun.head.children:
            if child.dep_ == "nsubj":
                for actor in _np_actors(res, child):
                    add(actor, "agent")
    # "were killed", "is expected to send": the subject may sit on a governing verb
    node = trigger
    while node.dep_ in {"xcomp", "ccomp", "advcl", "acl", "pcomp"} and not any(
        c.dep_.startswith("nsubj") for c in node.children
    ):
        # "by dispatching troops": a gerund under a preposition takes the subject of the verb it modifies
        node = node.head.head if node.dep_ == "pcomp" else node.head
        heads.append(node)
        if node.dep_ == "ROOT":
            break
    for head in heads:
        if head.dep_ == "relcl" and any(
            c.tag_ in {"WP", "WDT"} and c.dep_.startswith("nsubj") for c in head.children
        ):
            # "soldiers who deserted": the relative pronoun stands for the noun the clause hangs on
            passive = head is trigger and any(c.dep_ == "nsubjpass" for c in head.children)
            for actor in _np_actors(res, head.head):
                add(actor, "patient" if passive else "agent")
        for child in head.children:
            role = _role(child, kind)
            if head is not trigger and child.dep_ == "nsubjpass" and kind != "statement":
                role = "agent"  # "North Korea is expected to send": the raised subject does the sending
            if role is not None and not (head is not trigger and role != "agent" and role != "speaker"):
                for actor in _np_actors(res, child):
                    add(actor, role)
            if child.dep_ == "prep" and head is trigger:
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    for actor in _np_actors(res, obj):
                        if actor.type in {"Place"} or (
                            child.lower_ in _LOCATIVE
                            and actor.type == "Country"
                            and kind not in {"statement"}
                        ):
                            place = place or actor
                            continue
                        role = {"to": "recipient", "with": "participant", "against": "patient", "by": "agent",
                                "alongside": "participant", "for": "recipient", "from": "agent"}.get(child.lower_, "participant")  # fmt: skip
                        if kind == "statement" and child.lower_ == "to":
                            role = "addressee"
                        add(actor, role)
    if place is None and kind != "statement":
        place = _misattached_place(res, trigger)
    if trigger.pos_ == "NOUN":
        for mod in trigger.children:
            if mod.dep_ in {"amod", "compound", "poss", "nmod"}:
                found = res.actor_at(mod) or res.country_of(mod)
                if found is not None:
                    add(found, "agent")
    return participants, place


def _date_for(
    res: Resolution, trigger: Token, sentence: Span, anchor: date | None, future: bool
) -> DateValue | None:
    best: tuple[int, Span | None] = (10**6, None)
    for ent in _doc.ents_in(sentence):
        if ent.label_ != "DATE" or is_duration(ent.text):
            continue
        distance = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        if ent.root.head == trigger or any(a == trigger for a in ent.root.ancestors):
            distance -= 100
        if distance < best[0]:
            best = (distance, ent)
    if best[1] is None:
        return None
    return resolve_date(best[1].text, anchor=anchor, future=future)


def _expected(trigger: Token) -> bool:
    chain = [trigger, *trigger.ancestors][:3]
    for token in chain:
        if any(c.lower_ in _MODAL and c.dep_ == "aux" for c in token.children):
            return True
        if token is not trigger and token.lemma_ in _EXPECT:
            return True
    return any(c.lemma_ in _EXPECT for c in trigger.children if c.dep_ in {"aux", "auxpass"})


#: roles that mark a speaker as a commentator rather than a party ("Lim Eul-chul, a professor at ...")
_COMMENTATOR = {"professor", "analyst", "expert", "researcher", "scholar", "fellow", "lecturer", "commentator",
                "observer", "academic"}  # fmt: skip
#: negating these still says something ("did not deny that ...")
_DENIAL = {"deny", "reject", "dispute", "rule"}
#: verbs whose object noun carries the event ("made a visit", "used its veto", "held talks")
_LIGHT = {"make", "use", "hold", "conduct", "carry", "launch", "stage", "pay", "exercise", "wield"}
_QUOTES = set('“”"«»')


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


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
    """Who makes a statement with this reporting verb: the named subject, and the addressee of "tell".

    Statements are made by named people and organisations. A state named as a speaker ("Seoul says") and an unnamed
    group ("officials said") are the source of what they report, recorded on the claim, not a statement event of
    their own; so is commentary by experts ("a professor at …"). The subject of a passive ("he was told") is not
    the speaker.
    """
    participants: list[tuple[ArticleActor, str]] = []
    for child in token.children:
        if child.dep_ == "nsubj":
            for actor in _np_actors(res, child):
                if actor.type in {"Person", "Organization"} and not actor.group and not _commentator(actor):
                    participants.append((actor, "speaker"))
        if child.dep_ in {"dobj", "dative"} and token.lemma_ == "tell" and participants:
            for actor in _np_actors(res, child):
                if actor.type != "Place":
                    participants.append((actor, "addressee"))
    return participants


def _conditional(token: Token) -> bool:
    """The trigger sits in an "if"/"unless" clause: a hypothetical, not a happening."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return True
        if node.dep_ in {"ROOT"} or node.head is node:
            return False
        node = node.head
    return False


def _background(res: Resolution, token: Token) -> bool:
    """A relative clause on a named actor ("North Korea, which has supplied …") is background to the sentence."""
    node = token
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ != "relcl":
        return False
    owner = res.actor_at(node.head)
    return owner is not None and owner.type in {"Person", "Organization", "Country"}


def _purpose(token: Token) -> bool:
    """ "sending troops to fight and die": an infinitive of purpose under another event is part of it."""
    node = token
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ not in {"advcl", "xcomp"} or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children
    ):
        return False
    return _event_type(node.head) is not None and node.head is not token


_ANAPHORIC = {"this", "that", "these", "those", "such", "any"}
_PROHIBITION = {"ban", "prohibition", "moratorium"}


def _clause_head(token: Token) -> Token:
    node = token
    while node.dep_ == "conj":
        node = node.head
    return node


def _under_negation(token: Token) -> bool:
    """ "the unit had not been ordered to advance": what a negated verb governs did not happen as told."""
    for ancestor in list(token.ancestors)[:2]:
        if ancestor.pos_ in {"VERB", "AUX"} and _negated(ancestor) and ancestor.lemma_ not in _DENIAL:
            return True
    return False


def _prohibited(token: Token) -> bool:
    """ "a ban on testing missiles": the thing banned is not a happening."""
    return any(a.lemma_.lower() in _PROHIBITION and a.pos_ == "NOUN" for a in list(token.ancestors)[:3])


def _inside_quote(token: Token, sentence: Span) -> bool:
    """A reporting verb inside quoted speech ("“Obama said …,” Trump said") is speech within speech."""
    before = _doc.text(sentence.doc)[sentence.start_char : token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _nominal(token: Token) -> bool:
    """A noun, or a gerund used as one ("the issue of deploying troops")."""
    if token.pos_ == "NOUN":
        return True
    return token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ == "of"


def find_events(
    res: Resolution, *, anchor: date | None, agreements: dict[int, ArticleActor]
) -> list[FoundEvent]:
    """All events of one resolved article.

    One event per type and sentence, except statements, which are one per act of speaking. Then the rules that keep
    one node per happening: a speaker who goes on talking ("he added", a quote "… he said") continues the same
    statement; a headline restates the story, so its events give way to the body's; a sentence that restates an
    event of the sentence before without anything new adds nothing; an agreement is signed once.
    """
    events: dict[tuple[int, str, int], FoundEvent] = {}
    body_start = _doc.text(res.doc).find("\n\n")
    headline_end = body_start if body_start > 0 else -1
    sentences = list(res.doc.sents)
    number = {s.start: n for n, s in enumerate(sentences)}
    for sentence in sentences:
        for token in sentence:
            if token.lemma_ in REPORTING and token.pos_ == "VERB":
                _add_statement(res, events, token, sentence, anchor)
            for kind in _event_types(token):
                _add_event(res, events, token, kind, sentence, anchor, agreements)
    _agreement_events(res, events, agreements, sentences, anchor)
    ordered = sorted(
        events.values(), key=lambda e: (e.sentence.start, EVENT_TYPES.index(e.type), e.trigger.i)
    )
    ordered = [
        e
        for e in ordered
        if e.participants
        or e.type in {"casualty", "attack", "deployment"}
        or (e.place is not None and e.date is not None and e.date.iso)
    ]
    if headline_end > 0:
        body_types = {e.type for e in ordered if e.sentence.start_char >= headline_end}
        ordered = [e for e in ordered if e.sentence.start_char >= headline_end or e.type not in body_types]
    ordered = _continued_statements(ordered, number)
    return _restated(ordered, number)


def _add_statement(
    res: Resolution,
    events: dict[tuple[int, str, int], FoundEvent],
    token: Token,
    sentence: Span,
    anchor: date | None,
) -> None:
    """A statement event for one reporting verb: not when negated ("has not acknowledged"), not for speech quoted
    inside speech, and not for a closing attribution of reported fact ("…, the military said"), whose speaker is
    the source of that fact rather than the maker of a statement."""
    if (_negated(token) and token.lemma_ not in _DENIAL) or _inside_quote(token, sentence):
        return
    if _closing(token) and not _quoted(sentence):
        return
    speakers = _statement_speaker(res, token)
    if speakers:
        event = FoundEvent("statement", token, sentence)
        event.participants.extend(speakers)
        event.date = _date_for(res, token, sentence, anchor, False)
        events[(sentence.start, "statement", token.i)] = event


def _add_event(
    res: Resolution,
    events: dict[tuple[int, str, int], FoundEvent],
    token: Token,
    kind: str,
    sentence: Span,
    anchor: date | None,
    agreements: dict[int, ArticleActor],
) -> None:
    """Add (or merge into the sentence's event of that type) what one trigger word says, unless a rule says the
    trigger does not report a happening."""
    if kind == "agreement" and not any(c.i in agreements for c in token.subtree):
        return
    if _negated(token) or (token.pos_ == "NOUN" and _negated(token.head)) or _under_negation(token):
        return
    if _conditional(token) or _background(res, token) or _purpose(token) or _prohibited(token):
        return
    determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "amod", "predet"}}
    if _nominal(token) and determiners & _ANAPHORIC:
        return  # "any such deployment", "this deployment": a happening told already
    participants, place = _arguments(res, token, kind)
    if kind == "meeting" and token.pos_ == "NOUN" and not participants and place is None:
        return
    expected = _expected(token)
    date_value = _date_for(res, token, sentence, anchor, expected)
    dated = date_value is not None and bool(date_value.iso)
    if _nominal(token) and kind in {"deployment", "casualty"} and place is None and not dated:
        return  # "heavy casualties": a reference to a happening, not a report of one
    if _nominal(token) and not participants and place is None and not dated:
        return
    if _clause_head(token).dep_ == "acl" and not participants and place is None:
        return  # "the personnel sent": a participle naming people by what befell them
    key = (sentence.start, kind, 0)
    event = events.get(key) or FoundEvent(kind, token, sentence)
    for actor, role in participants:
        if all(a.iri != actor.iri for a, _ in event.participants):
            event.participants.append((actor, role))
    event.place = event.place or place
    event.expected = event.expected or expected
    event.date = event.date or date_value
    events[key] = event


def _agreement_events(
    res: Resolution,
    events: dict[tuple[int, str, int], FoundEvent],
    agreements: dict[int, ArticleActor],
    sentences: list[Span],
    anchor: date | None,
) -> None:
    """One agreement event per agreement: at the mention where it is signed, else at its first mention."""
    chosen: dict[str, int] = {}
    for index, agreement in sorted(agreements.items()):
        signed = _signed_at(res, index)
        if agreement.iri not in chosen or (signed and not _signed_at(res, chosen[agreement.iri])):
            chosen[agreement.iri] = index
    for index in chosen.values():
        agreement = agreements[index]
        sentence = next(s for s in sentences if s.start <= index < s.end)
        key = (sentence.start, "agreement", 0)
        event = events.get(key) or FoundEvent("agreement", res.doc[index], sentence)
        event.agreement = agreement
        known = set(agreement.table.parties) if agreement.table is not None else set()
        for span, actor in res.spans:
            in_sentence = sentence.start <= span.start < sentence.end and actor.type in {"Person", "Country"}
            # a known treaty's parties are known: "the Ukraine war" in the sentence does not make Ukraine one
            if known and not ({_state_key(actor), actor.iri.rsplit("/", 1)[-1]} & known):
                continue
            if in_sentence and all(a.iri != actor.iri for a, _ in event.participants):
                event.participants.append((actor, "party"))
        event.date = event.date or _date_for(res, res.doc[index], sentence, anchor, False)
        events[key] = event
    # signatories are parties; the agreement itself is the event's agreement, not a participant
    for key, event in events.items():
        if key[1] == "agreement" and event.agreement is not None:
            event.participants = [
                (actor, "party" if actor.type in {"Person", "Country", "Organization"} else role)
                for actor, role in event.participants
                if actor.iri != event.agreement.iri
            ]
    # agreement verbs whose agreement is given its event elsewhere add nothing here
    for key in [k for k in events if k[1] == "agreement"]:
        if events[key].agreement is None:
            del events[key]


def _signed_at(res: Resolution, index: int) -> bool:
    """ "signed a pact", "the pact was signed", "an agreement signed in 1991"."""
    head = res.doc[index]
    near = [head.head, *head.head.ancestors][:2] + [c for c in head.children if c.dep_ in {"acl", "relcl"}]
    return any(t.lemma_ in _VERB_TRIGGERS["agreement"] for t in near)


def _moved(trigger: Token) -> set[str]:
    """What a trigger moves, with every kind of troops as one ("soldiers" and "troops" are the same thing)."""
    return {"troop" if w in _TROOPS else w for w in _objects(trigger) & (_WEAPONS | _TROOPS)}


def _restates(event: FoundEvent, earlier: FoundEvent, number: dict[int, int]) -> bool:
    distance = number[event.sentence.start] - number[earlier.sentence.start]
    if not 0 < distance <= 2 or earlier.type != event.type or earlier.expected != event.expected:
        return False
    same_parties = {a.iri for a, _ in event.participants} <= {a.iri for a, _ in earlier.participants}
    moved = _moved(event.trigger)
    same_things = not moved or moved <= _moved(earlier.trigger)
    same_place = event.place is None or (earlier.place is not None and earlier.place.iri == event.place.iri)
    same_date = event.date is None or (earlier.date is not None and earlier.date.iso == event.date.iso)
    figures = any(
        t.like_num or t.ent_type_ in {"CARDINAL", "QUANTITY", "PERCENT"} for t in event.trigger.subtree
    )
    return same_parties and same_things and same_place and same_date and not figures


def _iso(event: FoundEvent) -> str | None:
    return event.date.iso if event.date is not None else None


def _speakers(event: FoundEvent) -> set[str]:
    return {a.iri for a, r in event.participants if r == "speaker"}


def _continued_statements(events: list[FoundEvent], number: dict[int, int]) -> list[FoundEvent]:
    """A speaker who goes on ("he added", "“…,” Kim said") within three sentences continues one statement, unless
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
                    and here - number[e.sentence.start] <= 3
                ),
                None,
            )
            if previous is not None:
                known = {a.iri for a, _ in previous.participants}
                new = {a.iri for a, _ in event.participants} - known
                if not new and not (_iso(event) and _iso(previous) and _iso(event) != _iso(previous)):
                    continue
        kept.append(event)
    return kept


def _restated(events: list[FoundEvent], number: dict[int, int]) -> list[FoundEvent]:
    """An event told again in the next sentence or the one after, with no participant, place or date of its own, is
    the same happening."""
    kept: list[FoundEvent] = []
    for event in events:
        if event.type not in {"statement", "agreement"} and any(_restates(event, e, number) for e in kept):
            continue
        kept.append(event)
    return kept


def _state_key(actor: ArticleActor) -> str | None:
    if actor.type == "Country":
        return actor.iri.rsplit("/", 1)[-1]
    if actor.type == "Person" and actor.affiliation:
        return actor.affiliation.rsplit("/", 1)[-1]
    return None


def _parties_in(res: Resolution, sentence: Span, head: Token) -> dict[str, int]:
    """States that may be parties, weighted: 10 for the signers (subject, "with X"), 1 for others in the sentence."""
    keys: dict[str, int] = {}
    for span, actor in res.spans:
        if sentence.start <= span.start < sentence.end:
            key = _state_key(actor)
            if key:
                keys[key] = max(keys.get(key, 0), 1)
    verb = head.head if head.dep_ in {"dobj", "obj", "nsubjpass", "pobj"} else head
    if verb.dep_ == "prep":
        verb = verb.head
    strong = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    strong += [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "between"} for o in c.children
    ]
    strong += [
        o for c in head.children if c.dep_ == "prep" and c.lower_ in {"with", "between"} for o in c.children
    ]
    for np in strong:
        for actor in _np_actors(res, np) + [a for t in np.subtree if (a := res.actor_at(t)) is not None]:
            key = _state_key(actor)
            if key:
                keys[key] = 10
    # "inter-Korean agreement": the states whose demonym ends with the stem
    for token in head.subtree:
        match = re.match(r"inter-?(\w+)", token.lower_)
        if match is None and token.lower_ == "inter" and token.i + 2 < len(token.doc):
            nxt = token.doc[token.i + 2] if token.doc[token.i + 1].text == "-" else None
            match = re.match(r"(\w+)", nxt.lower_) if nxt is not None else None
        if match is not None:
            stem = match.group(1)
            for name, state in res.table.demonyms():
                if name.lower().endswith(stem) and state.type == "Country":
                    keys[state.key] = 10
    return keys


def _year_in(sentence: Span) -> int | None:
    for ent in _doc.ents_in(sentence):
        if ent.label_ == "DATE":
            value = resolve_date(ent.text)
            if value.year is not None:
                return value.year
    return None


def find_agreements(res: Resolution) -> dict[int, ArticleActor]:
    """Agreement mentions (token index of the head noun -> agreement actor), resolved to known agreements."""
    found: dict[int, ArticleActor] = {}
    last: ArticleActor | None = None
    table_rows = [a for a in res.table.actors if a.type == "Agreement"]
    previous: Span | None = None
    for sentence in res.doc.sents:
        for token in sentence:
            if token.lemma_.lower() not in _AGREEMENT_NOUNS or token.pos_ != "NOUN":
                continue
            if (
                token.lemma_.lower() == "alliance"
                and token.dep_ == "pobj"
                and token.head.lower_ in {"to", "as", "like", "akin"}
            ):
                continue
            if token.dep_ == "pobj" and token.head.lower_ in {"without", "instead"}:
                continue  # "ended without an agreement": no agreement to name
            start = token.i
            while (
                start > token.left_edge.i
            ):  # the name's own words: not a person or a verb the parser hung on it
                left = res.doc[start - 1]
                person = res.actor_at(left)
                if left.pos_ in {"VERB", "CCONJ"} or (person is not None and person.type == "Person"):
                    break
                start -= 1
            phrase = res.doc[start : token.i + 1]
            mods = [t for t in phrase if t.dep_ in {"amod", "compound"} and t.i < token.i]
            if token.lemma_.lower() == "statement" and "joint" not in {t.lower_ for t in mods}:
                continue  # a joint statement is an agreement; a statement is not
            if mods and all(t.tag_ in {"JJS", "JJR"} for t in mods):
                mods = []  # "the strongest treaty": a description of an agreement named before, not a name
            determiner = phrase[0].lower_ if len(phrase) else ""
            if token.lemma_.lower() == "alliance" and not mods:
                continue
            parties = _parties_in(res, sentence, token)
            year = _year_in(sentence)
            if (
                sum(1 for w in parties.values() if w >= 10) < 2
                and previous is not None
                and _anaphoric_signers(token)
            ):
                # "The two men signed a joint statement": the signers were named in the sentence before
                for key in _core_states(res, previous):
                    parties[key] = 10
                year = year or _year_in(previous)
            row = _match_agreement(table_rows, phrase.text, parties, year)
            actor: ArticleActor | None
            if row is not None:
                actor = res.ensure(row)
            elif determiner in {"the", "this", "that"} and not mods and last is not None:
                actor = last
            elif mods or len(parties) >= 2:
                words = " ".join(
                    t.text for t in phrase if t.dep_ not in {"det", "poss", "case"} and t.pos_ != "NUM"
                )
                words = re.sub(r"^(so-called|landmark|rare|new|key)\s+", "", words, flags=re.I).strip(
                    "“”\"' "
                )
                names = sorted(
                    res.table.by_key[k].label for k in parties if k in res.table.by_key and parties[k] >= 10
                )
                label = words[:1].upper() + words[1:]
                if names:
                    label += " (" + " – ".join(names) + ")"
                actor = res.mint(label, "Agreement")
            else:
                continue
            actor.add_mention(
                Mention(
                    phrase.text,
                    phrase.start_char,
                    phrase.end_char,
                    _sent_no(res, sentence),
                    phrase.start,
                    phrase.end,
                )
            )
            res.spans.append((phrase, actor))
            for t in phrase:
                res.token_actor.setdefault(t.i, actor)
            found[token.i] = actor
            last = actor
        previous = sentence
    return found


def _core_states(res: Resolution, sentence: Span) -> set[str]:
    """States of the main clause's subject and object ("Trump met Kim", "Minsk and Moscow have strengthened …")."""
    keys: set[str] = set()
    for child in sentence.root.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "obj"}:
            for actor in _np_actors(res, child):
                key = _state_key(actor)
                if key:
                    keys.add(key)
    return keys


def _anaphoric_signers(head: Token) -> bool:
    """ "The two men signed", "They signed", "Both sides agreed": signers named before, not here."""
    verb = head.head if head.dep_ in {"dobj", "obj", "nsubjpass"} else head
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        words = {t.lower_ for t in subject.subtree}
        if words & {"they", "both", "two", "sides", "leaders", "men", "countries", "nations"}:
            return True
    return False


def _sent_no(res: Resolution, sentence: Span) -> int:
    for n, s in enumerate(res.doc.sents):
        if s.start == sentence.start:
            return n
    return 0


def _match_agreement(
    rows: list[TableActor], text: str, parties: dict[str, int], year: int | None
) -> TableActor | None:
    from newsgraph.loaders.table import normalize_name

    key = normalize_name(text)
    for row in rows:
        if any(
            normalize_name(n) == key or (len(normalize_name(n)) > 6 and normalize_name(n) in key)
            for n in row.names
        ):
            return row
    best: tuple[int, TableActor | None] = (0, None)
    for row in rows:
        if len(row.parties) < 2 or not set(row.parties) <= set(parties):
            continue
        row_year = int(row.date[:4]) if row.date else None
        if year is not None and row_year is not None and year != row_year:
            continue
        score = sum(parties[p] for p in row.parties) + (5 if year is not None and year == row_year else 0)
        if score > best[0]:
            best = (score, row)
    return best[1]
