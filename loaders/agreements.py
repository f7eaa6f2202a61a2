"""Agreements: treaties, pacts, deals and joint statements named in an article, resolved to one node each.

A noun phrase headed by pact/treaty/agreement/accord/deal (or a joint statement; the word class
``agreement_nouns``) is resolved to a known agreement of the actor table when its parties (from the sentence's
actors, "between X and Y", or "inter-Korean" style adjectives) and year fit; otherwise it is minted from its wording
and parties. "the pact" later refers back to the last agreement. A ceasefire or a truce is only a known agreement of
that kind, and what is asked for ("a demand for a ceasefire") is none. Each agreement is one event of the article,
at the mention where it is signed, else at its first mention, with its parties.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._args import np_actors
from newsgraph.loaders._labels import ARGUMENT, OBJECT, SIGNERS, SUBJECTS
from newsgraph.loaders._syntax import subject_of
from newsgraph.loaders.dates import clause_date, resolve_date
from newsgraph.loaders.found import FoundEvent
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.table import TableActor

__all__ = ["agreement_events", "find_agreements", "state_key"]


def state_key(actor: ArticleActor) -> str | None:
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
            key = state_key(actor)
            if key:
                keys[key] = max(keys.get(key, 0), 1)
    verb = head.head if head.dep_ in ARGUMENT else head
    if verb.dep_ == "prep":
        verb = verb.head
    strong = [c for c in verb.children if c.dep_ in SUBJECTS]
    strong += [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "between"} for o in c.children
    ]
    strong += [
        o for c in head.children if c.dep_ == "prep" and c.lower_ in {"with", "between"} for o in c.children
    ]
    for np in strong:
        for actor in np_actors(res, np) + [a for t in np.subtree if (a := res.actor_at(t)) is not None]:
            key = state_key(actor)
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
    """Agreement mentions (token index of the head noun -> agreement actor), resolved to known agreements (rule
    ``agreements``). What is asked for ("a demand for an immediate ceasefire", "called for a truce"; the lexicon's
    ``requests_for``) or opposed is no agreement that exists (rule ``agreements_of_a_kind``)."""
    rules = res.rules
    lexicon = rules.lexicon
    found: dict[int, ArticleActor] = {}
    if not rules.on("agreements"):
        return found
    nouns = rules.words["agreement_nouns"]
    kinds = rules.on("agreements_of_a_kind")
    last: ArticleActor | None = None
    table_rows = [a for a in res.table.actors if a.type == "Agreement"]
    previous: Span | None = None
    for n, sentence in enumerate(res.doc.sents):
        for token in sentence:
            if token.lemma_.lower() not in nouns or token.pos_ != "NOUN":
                continue
            if token.dep_ == "pobj" and token.head.lower_ in {"without", "instead"}:
                continue  # "ended without an agreement": no agreement to name
            if (
                kinds
                and token.dep_ == "pobj"
                and token.head.lower_ == "for"
                and lexicon.word_in(token.head.head, "requests_for")
            ):
                continue  # "a resolution for a ceasefire": asked for, not agreed
            if kinds and token.dep_ == "dobj" and lexicon.in_class(token.head.lemma_.lower(), "opposing"):
                continue  # "oppose a ceasefire"
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
            if _declared_alone(rules, token, phrase, mods):
                continue  # a joint statement is an agreement; a statement, a martial law declaration are not
            if mods and all(t.tag_ in {"JJS", "JJR"} for t in mods):
                mods = []  # "the strongest treaty": a description of an agreement named before, not a name
            determiner = phrase[0].lower_ if len(phrase) else ""
            parties = _parties_in(res, sentence, token)
            year = _year_in(sentence)
            if (
                sum(1 for w in parties.values() if w >= 10) < 2
                and previous is not None
                and _anaphoric_signers(res, token)
            ):
                # "The two men signed a joint statement": the signers were named in the sentence before
                for key in _core_states(res, previous):
                    parties[key] = 10
                year = year or _year_in(previous)
            row = _match_agreement(res, table_rows, phrase.text, parties, year, head=token.lemma_.lower())
            actor: ArticleActor | None
            if row is None and _of_one_party(rules, token, parties):
                continue  # "the Treasury and the Fed said in a joint statement": one state's bodies agree on words
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
            res.attach(phrase, actor, n, name=True, keep=True)
            found[token.i] = actor
            last = actor
        previous = sentence
    return found


def _declared_alone(rules: Rules, token: Token, phrase: Span, mods: list[Token]) -> bool:
    """A statement or a declaration one party makes alone (word class ``declared_alone``): not joint, not named
    with a capitalised word of its own, not signed (rule ``declarations_made_alone``; without it, a statement that
    is not joint only)."""
    lemma = token.lemma_.lower()
    if "joint" in {t.lower_ for t in mods}:
        return False
    if not rules.on("declarations_made_alone"):
        return lemma == "statement"
    if not rules.words.has("declared_alone", lemma):
        return False
    if lemma != "statement" and any(t.text[:1].isupper() and t.i != phrase.start for t in phrase):
        return False  # "the Oslo Declaration"
    signed = token.head.pos_ == "VERB" and rules.words.has("signing", token.head.lemma_.lower())
    return lemma == "statement" or not signed


def _of_one_party(rules: Rules, token: Token, parties: dict[str, int]) -> bool:
    """A joint statement or declaration (word class ``declared_alone``) that no two parties of the sentence make
    is no agreement between parties (rule ``declarations_made_alone``)."""
    return (
        rules.on("declarations_made_alone")
        and rules.words.has("declared_alone", token.lemma_.lower())
        and sum(1 for weight in parties.values() if weight >= 10) < 2
    )


def _core_states(res: Resolution, sentence: Span) -> set[str]:
    """States of the main clause's subject and object ("Trump met Kim", "Minsk and Moscow have strengthened …")."""
    keys: set[str] = set()
    for child in sentence.root.children:
        if child.dep_ in SUBJECTS or child.dep_ in OBJECT:
            for actor in np_actors(res, child):
                key = state_key(actor)
                if key:
                    keys.add(key)
    return keys


def _anaphoric_signers(res: Resolution, head: Token) -> bool:
    """ "The two men signed", "They signed", "Both sides agreed": signers named before, not here (rule
    ``signers_named_before``)."""
    if not res.rules.on("signers_named_before"):
        return False
    verb = head.head if head.dep_ in {"dobj", "obj", "nsubjpass"} else head
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        words = {t.lower_ for t in subject.subtree}
        if words & res.rules.words["signers_named_before"]:
            return True
    return False


def _match_agreement(
    res: Resolution,
    rows: list[TableActor],
    text: str,
    parties: dict[str, int],
    year: int | None,
    *,
    head: str = "agreement",
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
        if (
            res.rules.on("agreements_of_a_kind")
            and head not in res.rules.words["generic_agreements"]
            and not any(head in normalize_name(n).split() for n in row.names)
        ):
            continue  # "a ceasefire" between Israel and the US is not the Abraham Accords
        row_year = int(row.date[:4]) if row.date else None
        if year is not None and row_year is not None and year != row_year:
            continue
        score = sum(parties[p] for p in row.parties) + (5 if year is not None and year == row_year else 0)
        if score > best[0]:
            best = (score, row)
    return best[1]


def agreement_events(
    res: Resolution,
    events: dict[tuple[int, str, int], FoundEvent],
    agreements: dict[int, ArticleActor],
    sentences: list[Span],
    anchor: date | None,
) -> None:
    """One agreement event per agreement: at the mention where it is signed, else at its first mention. Its
    parties are the named signatories and the states the agreement is between (never every actor of the
    sentence: a regulator that must approve a deal is not a party to it)."""
    rules = res.rules
    taxonomy = rules.taxonomy
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
        verb = head.head if head.dep_ in ARGUMENT else head
        signers = [c for c in verb.children if c.dep_ in SIGNERS]
        if not any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in signers):
            raised = subject_of(rules, verb)  # "The US agreed to sell Saudi Arabia an arms package"
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
        if not event.participants and rules.on("agreements_named_away_from_their_verb"):
            # "The US agreed to sell Saudi Arabia an arms package … 'the largest cooperation agreement'": the
            # agreement is named away from its verb; the sentence's verb of agreeing names the parties
            for verb in sentence:
                if verb.pos_ != "VERB" or not rules.words.has("agreeing", verb.lemma_):
                    continue
                parties = [t for t in (subject_of(rules, verb),) if t is not None]
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
        event.date = event.date or clause_date(rules, res.doc[index], sentence, anchor, False)
        events[key] = event
    for key, event in events.items():
        if key[1] == "agreement" and event.agreement is not None:
            event.participants = [
                (actor, "party" if actor.type in {"Person", "Country", "Organization"} else role)
                for actor, role in event.participants
                if actor.iri != event.agreement.iri
            ]


def _signed_at(res: Resolution, index: int) -> bool:
    """ "signed a pact", "the pact was signed", "an agreement signed in 1991" (rule ``signed_mentions``)."""
    if not res.rules.on("signed_mentions"):
        return False
    head = res.doc[index]
    near = [head.head, *head.head.ancestors][:2] + [c for c in head.children if c.dep_ in {"acl", "relcl"}]
    return any(res.rules.words.has("signing", t.lemma_) for t in near)
