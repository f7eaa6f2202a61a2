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
    matches = list(_DURATION_NUMBER.finditer(quantity.text))
    if not matches:
        return None
    match = matches[-1]  # "Friday to 12 years": the last one is the length
    number = parse_number(words, match.group(1))
    if number is None:
        return None
    unit = match.group(2).lower() + "s"
    parts = _in_parts(rules, quantity.text, matches)
    if parts is not None:  # "seven years and four months": 88 months
        number, unit = parts, "months"
    near = [quantity.root, *list(quantity.root.ancestors)[:4]]
    near += [t for t in quantity.doc[quantity.end : quantity.end + 3] if t.pos_ in {"NOUN", "ADP"}]
    near += [t for t in quantity.root.head.children if t.dep_ in {"prep", "pobj"}]
    for token in near:
        lemma = token.lemma_.lower()
        if lemma == "term" and not _prison_term(rules, token):
            continue  # "her six-year term" of office is no penalty
        if words.has("penalty_words", lemma) or words.has("penalty_words", token.lower_):
            kind = "ban" if words.has("ban_words", lemma) else "prison sentence"
            return number, unit, kind
        if token.lower_ == "in" and any(c.lemma_ in {"prison", "jail"} for c in token.children):
            return number, unit, "prison sentence"
    return None


def _in_parts(rules: Rules, text: str, matches: list[re.Match[str]]) -> float | None:
    """A length written in parts joined by "and" or a comma ("seven years and four months", "2 years, 6 months"):
    one length, in months (word class ``months_in``; rule ``terms_in_parts``)."""
    if len(matches) < 2 or not rules.on("terms_in_parts"):
        return None
    last, before = matches[-1], matches[-2]
    if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[before.end() : last.start()]):
        return None
    total = 0.0
    for match in (before, last):
        number = parse_number(rules.words, match.group(1))
        months = rules.words.table("months_in").get(match.group(2).lower())
        if number is None or months is None:
            return None
        total += number * float(months)
    return round(total, 2)


def _lengths(rules: Rules, sentence: Span) -> list[Span]:
    """The dates and lengths of a sentence; two lengths joined by "and" are one ("seven years and four months";
    rule ``terms_in_parts``)."""
    found = [e for e in _doc.ents_in(sentence) if e.label_ == "DATE"]
    out: list[Span] = []
    for entity in found:
        if out and rules.on("terms_in_parts"):
            gap = entity.doc[out[-1].end : entity.start]
            if 0 < len(gap) <= 2 and all(t.lower_ in {"and", ","} for t in gap):
                out[-1] = entity.doc[out[-1].start : entity.end]
                continue
        out.append(entity)
    return out


def penalty_claims(res: Resolution, sentence: Span) -> list[FoundClaim]:
    """A length of time that is a prison sentence or a ban is a figure; its source the speaker, else the court."""
    out = []
    for term in _lengths(res.rules, sentence):
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
                kind="penalty",
            )
        )
    return out
