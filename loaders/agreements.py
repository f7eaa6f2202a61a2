"""Agreements: treaties, pacts, deals and joint statements named in an article, resolved to one node each.

A noun phrase headed by pact/treaty/agreement/accord/deal (or a joint statement) is resolved to a known agreement
of the actor table when its parties (from the sentence's actors, "between X and Y", or "inter-Korean" style
adjectives) and year fit; otherwise it is minted from its wording and parties. "the pact" later refers back to the
last agreement. A ceasefire or a truce is only a known agreement of that kind, and what is asked for ("a demand for
a ceasefire") is none.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._args import np_actors
from newsgraph.loaders.dates import resolve_date
from newsgraph.loaders.lexicon import Lexicon
from newsgraph.loaders.resolve import ArticleActor, Mention, Resolution
from newsgraph.loaders.table import TableActor

__all__ = ["AGREEMENT_NOUNS", "find_agreements", "state_key"]

AGREEMENT_NOUNS = {
    "pact", "treaty", "agreement", "accord", "deal", "memorandum", "armistice", "ceasefire", "truce", "declaration",
    "communique", "communiqué", "statement",
}  # fmt: skip


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


def find_agreements(res: Resolution, *, lexicon: Lexicon | None = None) -> dict[int, ArticleActor]:
    """Agreement mentions (token index of the head noun -> agreement actor), resolved to known agreements. What is
    asked for ("a demand for an immediate ceasefire", "called for a truce"; the lexicon's ``requests_for``) is no
    agreement that exists."""
    lexicon = lexicon or Lexicon.load()
    found: dict[int, ArticleActor] = {}
    last: ArticleActor | None = None
    table_rows = [a for a in res.table.actors if a.type == "Agreement"]
    previous: Span | None = None
    for sentence in res.doc.sents:
        for token in sentence:
            if token.lemma_.lower() not in AGREEMENT_NOUNS or token.pos_ != "NOUN":
                continue
            if (
                token.lemma_.lower() == "alliance"
                and token.dep_ == "pobj"
                and token.head.lower_ in {"to", "as", "like", "akin"}
            ):
                continue
            if token.dep_ == "pobj" and token.head.lower_ in {"without", "instead"}:
                continue  # "ended without an agreement": no agreement to name
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "for"
                and lexicon.word_in(token.head.head, "requests_for")
            ):
                continue  # "a resolution for a ceasefire": asked for, not agreed
            if token.dep_ == "dobj" and lexicon.in_class(token.head.lemma_.lower(), "opposing"):
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
            row = _match_agreement(table_rows, phrase.text, parties, year, head=token.lemma_.lower())
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
            for actor in np_actors(res, child):
                key = state_key(actor)
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


#: nouns any kind of agreement may be called by; a ceasefire or a truce is only an agreement of that kind
_GENERIC = {"pact", "treaty", "agreement", "accord", "deal", "memorandum", "declaration"}


def _match_agreement(
    rows: list[TableActor], text: str, parties: dict[str, int], year: int | None, *, head: str = "agreement"
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
        if head not in _GENERIC and not any(head in normalize_name(n).split() for n in row.names):
            continue  # "a ceasefire" between Israel and the US is not the Abraham Accords
        row_year = int(row.date[:4]) if row.date else None
        if year is not None and row_year is not None and year != row_year:
            continue
        score = sum(parties[p] for p in row.parties) + (5 if year is not None and year == row_year else 0)
        if score > best[0]:
            best = (score, row)
    return best[1]
