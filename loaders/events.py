"""Events: typed happenings with participants and roles, place, date and the sentence they come from.

A trigger word (a verb or an eventive noun, by lemma) gives the type; its object can refine it ("send troops" is a
deployment, "send weapons" a weapons transfer). Participants are the actors in the trigger's arguments: the subject
is the agent (the speaker for statements), the object the patient, "to X" the recipient, "with X" a co-participant,
"told X" the addressee; nationality adjectives on the arguments ("North Korean soldiers") bring in their state. The
place is a location in a locative phrase ("in Singapore", "near Donetsk"); the date is the nearest date expression,
resolved against the publication date. One event per type and sentence.

Agreements: a noun phrase headed by pact/treaty/agreement/accord/deal is resolved to a known agreement of the table
when its parties (from the sentence's actors, "between X and Y", or "inter-Korean" style adjectives) and year fit;
otherwise it is minted from its wording and parties. "the pact" later refers back to the last agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

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
_WEAPONS = {"weapon", "missile", "shell", "ammunition", "arm", "drone", "container", "artillery", "rocket",
            "equipment", "munition", "uniform", "bomb"}  # fmt: skip
_TROOPS = {"troop", "soldier", "force", "personnel", "infantry", "fighter", "officer", "battalion", "unit",
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
}
_MODAL = {"will", "would", "could", "might", "may", "shall"}
_EXPECT = {"expect", "plan", "prepare", "intend", "threaten", "suspect"}
_LOCATIVE = {"in", "at", "near", "to", "into", "inside", "on", "outside", "from"}


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


def _event_type(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        if lemma in {"send", "provide", "transfer", "supply", "ship", "deliver"}:
            objects = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
            heads = {o.lemma_.lower() for o in objects} | {
                g.lemma_.lower() for o in objects for g in o.subtree if g.dep_ == "pobj"
            }
            if heads & _WEAPONS:
                return "weapons_transfer"
            if heads & _TROOPS or lemma in {"send"}:
                return (
                    "deployment"
                    if lemma in {"send", "transfer"}
                    else "weapons_transfer"
                    if heads & _WEAPONS
                    else None
                )
            return "weapons_transfer" if lemma in {"supply", "ship", "deliver"} else None
        for kind, lemmas in _VERB_TRIGGERS.items():
            if lemma in lemmas:
                return kind
        return None
    if token.pos_ == "NOUN":
        for kind, lemmas in _NOUN_TRIGGERS.items():
            if lemma in lemmas or token.lower_ in lemmas:
                return kind
    return None


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
        if actor is None:
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
    # "were killed", "is expected to send": the subject may sit on a governing verb
    node = trigger
    while node.dep_ in {"xcomp", "ccomp", "advcl", "acl"} and not any(
        c.dep_.startswith("nsubj") for c in node.children
    ):
        node = node.head
        heads.append(node)
        if node.dep_ == "ROOT":
            break
    for head in heads:
        for child in head.children:
            role = _role(child, kind)
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
    for ent in sentence.ents:
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


def _statement_speaker(res: Resolution, token: Token) -> tuple[list[tuple[ArticleActor, str]], bool]:
    """Reporting verbs with a named source make statement events."""
    participants: list[tuple[ArticleActor, str]] = []
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            for actor in _np_actors(res, child):
                if actor.type in {"Person", "Organization", "Country"}:
                    participants.append((actor, "speaker"))
        if child.dep_ in {"dobj", "dative"} and token.lemma_ == "tell":
            for actor in _np_actors(res, child):
                if actor.type != "Place":
                    participants.append((actor, "addressee"))
    return participants, bool(participants)


def find_events(
    res: Resolution, *, anchor: date | None, agreements: dict[int, ArticleActor]
) -> list[FoundEvent]:
    """All events of one resolved article (one per type and sentence)."""
    events: dict[tuple[int, str], FoundEvent] = {}
    for sentence in res.doc.sents:
        for token in sentence:
            kind = _event_type(token)
            participants: list[tuple[ArticleActor, str]]
            if token.lemma_ in REPORTING and token.pos_ == "VERB":
                speakers, ok = _statement_speaker(res, token)
                if ok:
                    key = (sentence.start, "statement")
                    event = events.get(key) or FoundEvent("statement", token, sentence)
                    for actor, role in speakers:
                        if all(a.iri != actor.iri for a, _ in event.participants):
                            event.participants.append((actor, role))
                    event.date = event.date or _date_for(res, token, sentence, anchor, False)
                    events[key] = event
            if (
                token.lower_ == "according"
                and token.i + 1 < len(res.doc)
                and res.doc[token.i + 1].lower_ == "to"
            ):
                for obj in res.doc[token.i + 1].children:
                    for actor in _np_actors(res, obj):
                        key = (sentence.start, "statement")
                        event = events.get(key) or FoundEvent("statement", token, sentence)
                        if all(a.iri != actor.iri for a, _ in event.participants):
                            event.participants.append((actor, "speaker"))
                        events[key] = event
            if kind is None:
                continue
            if kind == "agreement" and not any(i in agreements for i in (c.i for c in token.subtree)):
                continue
            participants, place = _arguments(res, token, kind)
            if kind == "meeting" and token.pos_ == "NOUN" and not participants:
                continue
            key = (sentence.start, kind)
            event = events.get(key) or FoundEvent(kind, token, sentence)
            for actor, role in participants:
                if all(a.iri != actor.iri for a, _ in event.participants):
                    event.participants.append((actor, role))
            event.place = event.place or place
            expected = _expected(token)
            event.expected = event.expected or expected
            event.date = event.date or _date_for(res, token, sentence, anchor, expected)
            events[key] = event
        # an agreement mentioned in a sentence is an agreement event there, with its parties
        for index, agreement in agreements.items():
            if sentence.start <= index < sentence.end:
                key = (sentence.start, "agreement")
                event = events.get(key) or FoundEvent("agreement", res.doc[index], sentence)
                event.agreement = agreement
                for span, actor in res.spans:
                    in_sentence = sentence.start <= span.start < sentence.end and actor.type in {
                        "Person",
                        "Country",
                    }
                    if in_sentence and all(a.iri != actor.iri for a, _ in event.participants):
                        event.participants.append((actor, "party"))
                event.date = event.date or _date_for(res, res.doc[index], sentence, anchor, False)
                events[key] = event
    ordered = sorted(events.values(), key=lambda e: (e.sentence.start, EVENT_TYPES.index(e.type)))
    return [e for e in ordered if e.participants or e.type in {"casualty", "attack", "deployment"}]


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
    for ent in sentence.ents:
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
            phrase = res.doc[token.left_edge.i : token.i + 1]
            mods = [t for t in phrase if t.dep_ in {"amod", "compound"} and t.i < token.i]
            determiner = phrase[0].lower_ if len(phrase) else ""
            if token.lemma_.lower() == "alliance" and not mods:
                continue
            parties = _parties_in(res, sentence, token)
            year = _year_in(sentence)
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
    return found


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
