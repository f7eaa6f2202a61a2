"""Penalties as figures: a length of time that is a prison sentence or a ban ("sentenced to 12 years in prison",
"a two-year ban"), with its source: the speaker, else the court or the judge (rules ``penalties``, ``terms``)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.numbers import parse_number
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.sources import authority, penalised_subject, speaker

__all__ = ["penalty_claims"]

_DURATION_NUMBER = re.compile(r"\b([\w.,]+?)[- ](year|month|week|day)s?\b", re.I)


def _prison_term(rules: Rules, term: Token) -> bool:
    """ "a five-year prison term", "handed a ten-year term": a term that is a sentence, not a term of office (rule
    ``terms``)."""
    if not rules.on("terms"):
        return True
    if any(c.lemma_.lower() in {"prison", "jail", "custodial"} for c in term.children):
        return True
    return rules.words.has("term_givers", term.head.lemma_.lower())


def _penalty(rules: Rules, quantity: Span) -> tuple[float, str, str] | None:
    """A length of time that is a sentence or a ban: (number, unit, what it is). The model may run a date and the
    length together ("Friday to 12 years"): the length is found inside (rule ``penalties``)."""
    if not rules.on("penalties"):
        return None
    words = rules.words
    match = None
    for match in _DURATION_NUMBER.finditer(quantity.text):  # noqa: B007 - the last one is wanted
        pass
    if match is None:
        return None
    number = parse_number(words, match.group(1))
    if number is None:
        return None
    near = [quantity.root, *list(quantity.root.ancestors)[:4]]
    near += [t for t in quantity.doc[quantity.end : quantity.end + 3] if t.pos_ in {"NOUN", "ADP"}]
    near += [t for t in quantity.root.head.children if t.dep_ in {"prep", "pobj"}]
    for token in near:
        lemma = token.lemma_.lower()
        if lemma == "term" and not _prison_term(rules, token):
            continue  # "her six-year term" of office is no penalty
        if words.has("penalty_words", lemma) or words.has("penalty_words", token.lower_):
            kind = "ban" if words.has("ban_words", lemma) else "prison sentence"
            return number, match.group(2).lower() + "s", kind
        if token.lower_ == "in" and any(c.lemma_ in {"prison", "jail"} for c in token.children):
            return number, match.group(2).lower() + "s", "prison sentence"
    return None


def penalty_claims(res: Resolution, sentence: Span) -> list[FoundClaim]:
    """A length of time that is a prison sentence or a ban is a figure; its source the speaker, else the court."""
    out = []
    for term in (e for e in _doc.ents_in(sentence) if e.label_ == "DATE"):
        found_penalty = _penalty(res.rules, term)
        if found_penalty is None:
            continue
        number_of, unit_of_term, kind = found_penalty
        source, said = speaker(res, term.root, sentence)
        if source is not None and penalised_subject(res, term.root, source):
            source = None  # "Lee sentenced to five years" (a headline's passive): Lee is not the source
        if source is None:
            source = authority(res, sentence)
        out.append(
            FoundClaim(
                sentence=sentence,
                quantity_text=term.text,
                value=number_of,
                min=None,
                max=None,
                approximate=False,
                unit=unit_of_term,
                about=kind,
                speaker=source,
                subject_actor=None,
                start=term.start_char,
                end=term.end_char,
                token=term.root,
                said=said,
            )
        )
    return out
