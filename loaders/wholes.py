"""Figures written as a part of something: a supply measured in time ("96 hours of oxygen", "40 hours of air
left"), a fraction of a named whole ("a third of the lawmakers" is 0.333 of them), and the few a set leaves out
("all but three lawmakers" counts three). Each rule is registered in the ``figures`` phase of
``ontology/rules.toml``; the words are word classes of ``words.toml``.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Air\\n\\nThe capsule had about 40 hours of oxygen left, the company said."
>>> [(c.value, c.unit, c.measure) for c in Extractor().extract(Article(text=text, source="t")).claims]
[(40.0, 'hours', 'supply_left')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span

from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.numbers import parse_number, qualifier
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.sources import context_speaker, exact_figure, speaker

__all__ = ["excepted", "supply_claims", "tally_claims", "whole_claims"]

_SUPPLY = (
    r"\b(?:(?P<between>between|from)\s+)?(?P<low>\d[\d.,]*|{words})(?:\s*(?:and|to|-|–)\s*(?P<high>\d[\d.,]*))?"
    r"[\s-](?P<unit>hour|day|week|minute)s?\s+of\s+(?P<noun>\w+)(?:\s+(?P<noun2>\w+))?"
)


@lru_cache(maxsize=2)
def _supply_pattern(number_words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_SUPPLY.format(words="|".join(re.escape(w) for w in number_words)), re.IGNORECASE)


_TALLY = re.compile(r"\b(?P<first>\d[\d,]*)\s*(?:-|–|to)\s*(?P<second>\d[\d,]*)\b")
_WHOLE = re.compile(
    r"\b(?P<count>a|an|one|two|three|four)[\s-](?P<part>half|halves|thirds?|quarters?|fifths?)\s+of\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+|all\s+)?(?:[\d,]+\s+)?(?P<noun>[a-z]+)",
    re.IGNORECASE,
)


def supply_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """A length of time "of" a supply (word class ``supplies``) is an amount of it: "between 70 and 96 hours of
    oxygen" (what there was), "40 hours of air left", "less than 30 hours remaining" (what is left, word class
    ``left_words``; rule ``supplies``)."""
    rules = res.rules
    words = rules.words
    out: list[FoundClaim] = []
    covered: set[int] = set()
    if not rules.on("supplies"):
        return out, covered
    pattern = _supply_pattern(tuple(sorted(w for w in words.table("number_words") if len(w) > 2)))
    for match in pattern.finditer(sentence.text):
        noun = match.group("noun").lower()
        if not words.has("supplies", noun):
            noun = (match.group("noun2") or "").lower()  # "40 hours of breathable air"
            if not words.has("supplies", noun):
                continue
        low = parse_number(words, match.group("low"))
        high = parse_number(words, match.group("high")) if match.group("high") else None
        if low is None:
            continue
        start = sentence.start_char + match.start("low")
        span = res.doc.char_span(start, sentence.start_char + match.end("unit"), alignment_mode="expand")
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        prefix = res.doc[max(sentence.start, span.start - 3) : span.start].text
        qualified = qualifier(words, prefix) if rules.on("qualifiers") else None
        value: float | None = low if high is None else None
        least = low if high is not None or qualified in words["minimum_qualifiers"] else None
        most = high if high is not None else (low if qualified in words["maximum_qualifiers"] else None)
        after = res.doc[span.end : min(sentence.end, span.end + 5)]
        left = any(words.has("left_words", t.lower_) or words.has("left_words", t.lemma_) for t in after)
        number = span[0] if span[0].like_num else span.root
        found, said = speaker(res, number, sentence)
        out.append(
            FoundClaim(
                sentence=sentence,
                quantity_text=span.text,
                value=value,
                min=least,
                max=most,
                approximate=qualified is not None,
                unit=match.group("unit").lower() + "s",
                about=f"{noun} {'left' if left else 'supply'}",
                speaker=found or context_speaker(res, sentence),
                subject_actor=None,
                start=span.start_char,
                end=span.end_char,
                token=number,
                said=said,
                kind="supply",
                measure="supply_left" if left else "supply",
                counts=noun,
                base_unit="hours",
                base_factor=float(words.table("hours_in").get(match.group("unit").lower(), 1)),
            )
        )
    return out, covered


def whole_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """A fraction of a named whole (word class ``fractions``): "a third of the 300 lawmakers" is 0.333 of the
    lawmakers, a share (rule ``fractions_of_a_whole``)."""
    rules = res.rules
    words = rules.words
    out: list[FoundClaim] = []
    covered: set[int] = set()
    if not rules.on("fractions_of_a_whole"):
        return out, covered
    for match in _WHOLE.finditer(sentence.text):
        noun = match.group("noun").lower()
        if words.has("time_units", noun.rstrip("s")) or noun in {"a", "an", "one"}:
            continue
        part = match.group("part").lower().rstrip("s").replace("halve", "half")
        count = match.group("count").lower()
        value = (1 if count in {"a", "an", "one"} else words.value("number_words", count)) * words.value(
            "fractions", part
        )
        span = res.doc.char_span(
            sentence.start_char + match.start(),
            sentence.start_char + match.end("part"),
            alignment_mode="expand",
        )
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        claim = exact_figure(
            res,
            sentence,
            span,
            value=round(value, 3),
            unit="share",
            about=f"share of {noun}",
            kind="fraction",
        )
        out.append(replace(claim, measure="rate", counts=noun, base_unit="share", base_factor=1.0))
    return out, covered


def excepted(res: Resolution, claim: FoundClaim) -> bool:
    """ "all but three lawmakers walked out": the figure counts those the set leaves out, three (rule
    ``all_but``)."""
    token = claim.token
    if token is None or not res.rules.on("all_but") or token.i < 2:
        return False
    doc = token.doc
    return doc[token.i - 2].lower_ == "all" and doc[token.i - 1].lower_ == "but"


def tally_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """A vote's tally: "voted 204 to 85", "a vote of 204-85", the larger number first: the votes for and the votes
    against (rule ``tallies``)."""
    rules = res.rules
    out: list[FoundClaim] = []
    covered: set[int] = set()
    if not rules.on("tallies") or not any(t.lemma_.lower() in {"vote", "ballot"} for t in sentence):
        return out, covered
    for match in _TALLY.finditer(sentence.text):
        first, second = (
            parse_number(rules.words, match.group("first")),
            parse_number(rules.words, match.group("second")),
        )
        if first is None or second is None or first <= second:
            continue
        near = res.doc.char_span(
            sentence.start_char + match.start(), sentence.start_char + match.end(), alignment_mode="expand"
        )
        if near is None or not any(
            t.lemma_.lower() in {"vote", "ballot"} for t in [near.root, *near.root.ancestors][:3]
        ):
            continue
        covered.update(range(near.start, near.end))
        for group, measure in (("first", "votes_for"), ("second", "votes_against")):
            span = res.doc.char_span(
                sentence.start_char + match.start(group),
                sentence.start_char + match.end(group),
                alignment_mode="expand",
            )
            if span is None:
                continue
            out.append(
                exact_figure(
                    res,
                    sentence,
                    span,
                    value=first if group == "first" else second,
                    unit="votes",
                    about=f"votes {'for' if group == 'first' else 'against'}",
                    kind="tally",
                    measure=measure,
                )
            )
    return out, covered
