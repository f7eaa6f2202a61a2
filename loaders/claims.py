"""Claims: the figures a source puts forward, with who put them forward.

Every figure that counts or amounts to something becomes a claim: numerals and number words ("11,000", "six",
"2.5 million"), vague magnitudes ("thousands of" is at least 1,000), ranges ("between 1,000 and 3,000"), amounts of
money, percentages, parts of one unit ("three-quarters of a point") and penalties ("sentenced to 12 years"); the
words before it qualify it ("about", "at least", "up to"). Durations, years, dates, ordinals, model numbers and
ratios are not claims. What a figure counts is :mod:`~newsgraph.loaders.counted`'s, who claims it
:mod:`~newsgraph.loaders.sources`'; the numbers themselves :mod:`~newsgraph.loaders.numbers`'. Each rule is
registered in the ``figures`` phase of ``ontology/rules.toml``.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Toll rises\\n\\nThe Red Cross said at least 40 soldiers were killed."
>>> [(c.min, c.unit, c.speaker) for c in Extractor().extract(Article(text=text, source="t")).claims]
[(40.0, 'soldiers', 'International Committee of the Red Cross')]
"""

from __future__ import annotations

import math
import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._labels import SHARES_UNIT
from newsgraph.loaders.counted import (
    about,
    coordinated,
    count_of,
    count_subject_unit,
    counted_by_subject,
    destination,
    elliptic,
    estimated_count,
    figure_owner,
    measure,
    money_about,
    nationality,
    people_befallen,
    people_told_tersely,
    people_who,
    restates_a_count,
    unit_of,
)
from newsgraph.loaders.dates import DateValue, clause_date, is_duration
from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.measures import describe, is_attribute, votes_said
from newsgraph.loaders.money import find_money
from newsgraph.loaders.numbers import parse_number, qualifier
from newsgraph.loaders.penalties import penalty_claims
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.sources import (
    accused,
    accuser,
    authority,
    context_speaker,
    exact_figure,
    follow_on_speaker,
    speaker,
)
from newsgraph.loaders.wholes import supply_claims, tally_claims, whole_claims

__all__ = ["FoundClaim", "find_claims"]

_RANGE = re.compile(
    r"(?:between|from)?\s*([\d.,]+)\s*(?:%|percent|per cent)?\s*(?:and|to|-|–)\s*([\d.,]+)", re.I
)
_DURATION_NUMBER = re.compile(r"\b([\w.,]+?)[- ](year|month|week|day)s?\b", re.I)
_FRACTION = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four)[\s-])?(?P<part>half|halves|thirds?|quarters?|fifths?)"
    r"(?:\s+(?:of\s+)?(?:a|an|one)\s+(?P<unit>(?:percentage\s+)?points?|[a-z]+)"
    r"|[\s-](?P<point>(?:percentage\s+)?points?))\b",
    re.IGNORECASE,
)


def _numeric_tokens(rules: Rules, span: Span) -> list[Token]:
    words = rules.words
    return [
        t
        for t in span
        if t.like_num
        or words.has("scales", t.lower_)
        or (words.has("number_words", t.lower_) and t.lower_ not in {"a", "an"})
    ]


def _in_brackets_after(rules: Rules, doc: Doc, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Is a figure a conversion in brackets right after another ("2 million Swiss francs (£1.3 million)",
    "40 kilometres (25 miles)"; rule ``conversions``)?"""
    if not rules.on("conversions"):
        return False
    if start == 0 or doc[start - 1].text != "(" or end >= len(doc) or doc[end].text != ")":
        return False
    return any(e == start - 1 for _, e in taken)


def _merge_ranges(rules: Rules, quantities: list[Span]) -> list[Span]:
    """ "about 10,000 to 12,000" comes out of spaCy as two numbers; joined by "to", "-" or "and" they are one range
    (rule ``ranges``)."""
    if len(quantities) < 2 or not rules.on("ranges"):
        return quantities
    doc = quantities[0].doc
    out: list[Span] = []
    for quantity in quantities:
        if out:
            last = out[-1]
            gap = doc[last.end : quantity.start]
            if (
                len(gap) == 1
                and rules.words.has("range_joiners", gap[0].lower_)
                and quantity.label_ == last.label_
                and quantity.label_ in {"CARDINAL", "PERCENT"}
                and (
                    gap[0].lower_ != "and"
                    or last[0].lower_ == "between"
                    or (last.start > 0 and doc[last.start - 1].lower_ == "between")
                )
            ):
                out[-1] = doc[last.start : quantity.end]
                continue
        out.append(quantity)
    return out


def _fraction_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """A fraction of one unit as a figure: "three-quarters of a point" (0.75 percentage points), "half a
    percentage point", "a three-quarter point rise", "a half-point cut", "a quarter of a mile"; a point of a rate is
    a percentage point (rule ``fractions_of_a_unit``)."""
    rules = res.rules
    doc = res.doc
    out: list[FoundClaim] = []
    covered: set[int] = set()
    if not rules.on("fractions_of_a_unit"):
        return out, covered
    for match in _FRACTION.finditer(sentence.text):
        part = match.group("part").lower().rstrip("s").replace("halve", "half")
        count = (match.group("count") or "one").lower()
        value = (
            1 if count in {"a", "an", "one"} else rules.words.value("number_words", count)
        ) * rules.words.value("fractions", part)
        unit = (match.group("unit") or match.group("point")).lower()
        unit = "percentage points" if unit.endswith(("point", "points")) else unit + "s"
        span = doc.char_span(
            sentence.start_char + match.start(), sentence.start_char + match.end(), alignment_mode="expand"
        )
        if span is None or rules.words.has("time_units", unit.rstrip("s")):
            continue
        covered.update(range(span.start, span.end))
        out.append(
            exact_figure(res, sentence, span, value=round(value, 4), unit=unit, about=unit, kind="fraction")
        )
    return out, covered


def _money_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """Every amount of money in a sentence as a claim, and the tokens they cover (rule ``money``)."""
    rules = res.rules
    words = rules.words
    doc = res.doc
    out: list[FoundClaim] = []
    covered: set[int] = set()
    if not rules.on("money"):
        return out, covered
    taken: list[tuple[int, int]] = []
    base = sentence.start_char
    for money in find_money(sentence.text, words=words):
        span = doc.char_span(base + money.start, base + money.end, alignment_mode="expand")
        if span is None:
            continue
        if _in_brackets_after(rules, doc, span.start, span.end, taken):
            covered.update(range(span.start, span.end))
            continue
        taken.append((span.start, span.end))
        covered.update(range(span.start, span.end))
        numbers = [t for t in span if t.like_num] or [span.root]
        number = numbers[-1]
        prefix = doc[max(sentence.start, span.start - 3) : span.start].text
        qualified = qualifier(words, prefix) if rules.on("qualifiers") else None
        low = money.amount if qualified in words["minimum_qualifiers"] else None
        high = money.amount if qualified in words["maximum_qualifiers"] else None
        found, said = speaker(res, number, sentence)
        what = money_about(rules, number)
        if found is None and words.has("fines", what):
            found = authority(res, sentence)
        if found is None and accused(rules, number):
            found = accuser(res, sentence)
        if found is None:
            found = context_speaker(res, sentence)
        out.append(
            FoundClaim(
                sentence=sentence,
                quantity_text=span.text,
                value=money.amount,
                min=low,
                max=high,
                approximate=qualified is not None,
                unit=money.unit,
                about=what,
                speaker=found,
                subject_actor=None,
                start=span.start_char,
                end=span.end_char,
                token=number,
                said=said,
                kind="money",
                base_unit=money.code,
            )
        )
    return out, covered


def _as_percent(entity: Span) -> Span:
    """ "83 per cent", which the model may take for money (a cent): a percentage (rule ``percentages``)."""
    if entity.label_ == "MONEY" and re.search(r"\bper ?cent$", entity.text, re.I):
        return Span(entity.doc, entity.start, entity.end, label="PERCENT")
    return entity


def _quantities(res: Resolution, sentence: Span, covered: set[int], date_like: set[int]) -> list[Span]:
    """The figures of a sentence the money and fraction rules left: the model's counts, quantities and
    percentages (ranges joined), vague amounts ("tens of thousands"; rule ``vague_amounts``) and counts the model
    did not tag (rule ``untagged_counts``)."""
    rules = res.rules
    doc = res.doc
    vague = rules.words["vague_amounts"]
    quantities = _merge_ranges(
        rules,
        [
            _as_percent(e)
            for e in _doc.ents_in(sentence)
            if (e.label_ in {"CARDINAL", "QUANTITY", "PERCENT"} or _as_percent(e).label_ == "PERCENT")
            and not any(i in covered for i in range(e.start, e.end))
        ],
    )
    covered = {i for q in quantities for i in range(q.start, q.end)} | covered
    for token in sentence:
        if (
            token.lower_ in vague
            and token.i not in covered
            and token.pos_ == "NOUN"
            and rules.on("vague_amounts")
        ):
            # "tens of thousands": one figure, the one scale times the other
            end = token.i + 1
            if end + 1 < sentence.end and doc[end].lower_ == "of" and doc[end + 1].lower_ in vague:
                end += 2
            quantities.append(doc[token.i : end])
            covered.update(range(token.i, end))
        elif (  # a count the entity recogniser missed ("said 900 Russian soldiers had been killed")
            token.i not in covered
            and token.i not in date_like
            and (token.pos_ == "NUM" or _number_word_as_adjective(token))
            and token.dep_ in {"nummod", "amod"}
            and token.like_num
            and not token.ent_type_
            and rules.on("untagged_counts")
        ):
            quantities.append(Span(doc, token.i, token.i + 1, label="CARDINAL"))
    quantities.sort(key=lambda q: q.start)
    return quantities


def _number_word_as_adjective(token: Token) -> bool:
    """ "Eleven people were detained": a number written as a word that the tagger took for an adjective."""
    return token.is_alpha and token.tag_ == "JJ" and token.dep_ in {"nummod", "amod"}


def find_claims(res: Resolution, *, anchor: date | None = None) -> list[FoundClaim]:
    """Every figure in the article that is a count or amount of something, with its source and its own date
    (resolved against ``anchor``, the publication date)."""
    doc = res.doc
    claims: list[FoundClaim] = []
    state = _State()
    date_like = {
        i for e in _doc.ents(doc) if e.label_ in {"DATE", "TIME", "ORDINAL"} for i in range(e.start, e.end)
    }
    for sentence in doc.sents:
        money, covered = _money_claims(res, sentence)
        claims.extend(money)
        for finder in (_fraction_claims, supply_claims, whole_claims, tally_claims):
            parts, in_parts = finder(res, sentence)
            claims.extend(parts)
            covered |= in_parts
        quantities = _quantities(res, sentence, covered, date_like)
        claims.extend(penalty_claims(res, sentence))
        converted: list[tuple[int, int]] = []
        for quantity in quantities:
            found = _count_claim(res, sentence, quantity, date_like, converted, state)
            if found is not None:
                claims.append(found)
                state.previous = found
    for n, claim in enumerate(claims):
        claim.date = _claim_date(res, claim, anchor)
        describe(res, claim, claims[:n])
    return claims


def _claim_date(res: Resolution, claim: FoundClaim, anchor: date | None) -> DateValue | None:
    """A claim's own date (rule ``claim_dates``): the date of the clause that puts it forward ("the ministry said on
    Monday that …"), else of the figure's own clause ("40 were killed on Monday"); none when neither names one (the
    article's date stands for it)."""
    if not res.rules.on("claim_dates"):
        return None
    said = claim.said
    if (
        said is None and claim.token is not None
    ):  # a source verb with no named source: "it was said on Monday"
        said = next(
            (
                a
                for a in claim.token.ancestors
                if a.pos_ == "VERB" and a.lemma_.lower() in res.rules.figure_sources
            ),
            None,
        )
    for token in (said, claim.token):
        if token is None:
            continue
        found = clause_date(res.rules, token, claim.sentence, anchor, False)
        if found is not None and found.iso:
            return found
    return None


class _State:
    """What the figures of an article carry from one to the next: the previous figure and the last nationality."""

    def __init__(self) -> None:
        self.previous: FoundClaim | None = None
        self.last_nationality: ArticleActor | None = None


def _not_a_figure(rules: Rules, doc: Doc, number: Token) -> bool:
    """A number that is a label, not a count: "Article 5", "No. 10", "#3", a model's number after its name ("the
    Falcon 9"; rule ``labels_and_models``); a word that is no number word."""
    words = rules.words
    if (
        rules.on("labels_and_models")
        and number.i > 0
        and (
            doc[number.i - 1].text in {"-", "Article", "No.", "#"}
            or (
                doc[number.i - 1].is_title
                and doc[number.i - 1].pos_ == "PROPN"
                and not doc[number.i - 1].ent_type_
            )
        )
    ):
        return True
    return bool(
        re.search(r"[A-Za-z]", number.text)
        and not words.has("number_words", number.lower_)
        and not words.has("scales", number.lower_)
        and not words.has("vague_amounts", number.lower_)
    )


def _count_claim(
    res: Resolution,
    sentence: Span,
    quantity: Span,
    date_like: set[int],
    converted: list[tuple[int, int]],
    state: _State,
) -> FoundClaim | None:
    """One count, quantity or percentage as a claim: its value or bounds, its unit, what it counts, its source."""
    rules = res.rules
    words = rules.words
    doc = res.doc
    previous = state.previous
    if (
        rules.on("not_figures") and any(i in date_like for i in range(quantity.start, quantity.end))
    ) or is_duration(quantity.text):
        return None
    if _in_brackets_after(rules, doc, quantity.start, quantity.end, converted):
        return None  # "40 kilometres (25 miles)": one figure
    converted.append((quantity.start, quantity.end))
    numbers = _numeric_tokens(rules, quantity) or [quantity.root]
    number = numbers[-1]
    if _not_a_figure(rules, doc, number) or (rules.on("attributes") and is_attribute(number)):
        return None
    text = quantity.text
    prefix_tokens = doc[max(sentence.start, quantity.start - 3) : quantity.start].text
    qualified = (
        qualifier(words, prefix_tokens + " " + text.split(numbers[0].text)[0])
        if numbers and rules.on("qualifiers")
        else None
    )
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate = qualified is not None
    vague = [t for t in quantity if words.has("vague_amounts", t.lower_)]
    if quantity.root.lower_ in words["vague_amounts"] or (
        len(quantity) == 1 and number.lower_ in words["vague_amounts"]
    ):
        amounts = words.table("vague_amounts")
        low = float(math.prod(amounts[t.lower_] for t in vague)) if vague else float(amounts[number.lower_])
        value, approximate = None, True  # "hundreds of thousands": at least 100,000
    else:
        match = _RANGE.search(text)
        if match and len(numbers) >= 2 and rules.on("ranges"):
            low, high = parse_number(words, match.group(1)), parse_number(words, match.group(2))
            value = None
        else:
            value = parse_number(words, " ".join(t.text for t in numbers))
        if value is None and low is None:
            return None
        after = doc[quantity.end : quantity.end + 2]
        if (
            rules.on("ratios")
            and len(after) == 2
            and after[0].lower_ == "times"
            and (words.has("ratio_after", after[1].lower_) or after[1].dep_ in {"poss", "det"})
        ):
            return None  # "three times its estimate", "four times as many": a ratio, not a count
        if (
            rules.on("named_pairs")
            and value == 2
            and words.has("definite_determiners", doc[quantity.start - 1].lower_)
            and quantity.start > sentence.start
        ):
            return None  # "the two men", "their two countries": a pair already named, not a count
        if qualified in words["minimum_qualifiers"]:
            low = value
        elif qualified in words["maximum_qualifiers"]:
            high = value
    unit, unit_token, is_elliptic = _unit(res, sentence, quantity, numbers, number, state)
    if quantity.label_ == "PERCENT" and rules.on("percentages"):
        unit = "%"
    if unit is None or words.has("time_units", unit.rstrip("s")) or (value == 1 and not approximate):
        return None
    if value == 1 and qualified in {"more than", "over", "just over"} and rules.on("more_than_one"):
        return None  # "more than one company": several, not a figure
    source, said = speaker(res, number, sentence)
    if (
        source is None
        and previous is not None
        and previous.sentence == sentence
        and rules.on("coordinated_figures")
        and coordinated(rules, number, previous)
    ):
        source = previous.speaker  # "90 civilians had died, and 310 had been wounded"
    if source is None:
        source = context_speaker(res, sentence)
    if source is None and re.search(r"\breports?\b", sentence.text) and "reportedly" not in sentence.text:
        source = follow_on_speaker(res, sentence)
    befell = measure(rules, unit_token, number, sentence)
    if unit == "casualties":
        befell = None
    owner = _nationality_of(res, unit_token, sentence, is_elliptic, state)
    about_text = about(
        res, owner, unit, befell, destination(res, unit_token, number) if befell == "deployments" else None
    )
    return FoundClaim(
        sentence=sentence,
        quantity_text=text,
        value=value,
        min=low,
        max=high,
        approximate=approximate,
        unit=unit,
        about=about_text,
        speaker=source,
        subject_actor=figure_owner(res, number, unit_token) or owner,
        start=quantity.start_char,
        end=quantity.end_char,
        token=number,
        said=said,
        befell=befell,
    )


def _unit(
    res: Resolution, sentence: Span, quantity: Span, numbers: list[Token], number: Token, state: _State
) -> tuple[str | None, Token | None, bool]:
    """The noun a figure counts (rule ``the_unit``), the token that says so, and whether the noun was left out
    because it is the previous figure's (rule ``elliptic_figures``)."""
    rules = res.rules
    words = rules.words
    previous = state.previous
    unit_token = unit_of(number)
    if unit_token is None and len(numbers) >= 2:
        unit_token = unit_of(numbers[0])  # "between 1,000 and 3,000 soldiers": the unit hangs on the first
    if quantity.label_ == "QUANTITY":
        unit_token = next((t for t in reversed(quantity) if t.pos_ == "NOUN"), unit_token)
    unit = unit_token.lower_ if unit_token is not None and unit_token.pos_ in {"NOUN", "PROPN"} else None
    if unit is not None and unit_token is not None and unit_token.i > 0:
        before = unit_token.doc[unit_token.i - 1].lower_
        if before in {"square", "sq", "nautical"}:  # "10,000 square miles": an area; "nautical miles"
            unit = f"{before} {unit}"
    if unit_token is not None and words.has("unit_pronouns", unit_token.lower_) and rules.on("pronoun_units"):
        unit = previous.unit if previous is not None else None
    if unit in {"times"} and rules.on("repeated_acts"):
        acts = words.table("repeated_acts")
        unit = acts.get(number.head.head.lemma_ if number.head.lower_ == "times" else number.head.lemma_)
    if (
        unit is None
        and previous is not None
        and number.dep_ in SHARES_UNIT
        and previous.sentence == sentence
        and rules.on("shared_units")
    ):
        unit = previous.unit
    counted = counted_by_subject(rules, number) if unit is None else None
    if counted is not None:  # "the number of casualties was closer to 1,200"
        unit_token, unit = counted, counted.lower_
    estimated = estimated_count(rules, number) if unit is None else None
    if estimated is not None:  # "put the crowd at 80,000", "put the number of children at 120"
        of = next((c for c in estimated.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = (
            next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of else None
        )
        if counted is not None and words.has("count_nouns", estimated.lemma_.lower()):
            unit_token, unit = counted, counted.lower_
        elif words.has("crowd_nouns", estimated.lemma_.lower()):
            unit_token, unit = estimated, "people"
        elif words.has("count_nouns", estimated.lemma_.lower()) and previous is not None:
            unit = previous.unit  # "put that number higher, at about 40": the count named before
    if unit is None:
        unit = count_subject_unit(rules, number) or count_of(rules, number, previous)
    if unit is None and previous is not None and restates_a_count(rules, number):
        unit = previous.unit  # "at least 40 soldiers … officials put the number nearer 60"
        unit_token = None
    is_elliptic = unit is None and previous is not None and elliptic(rules, number, previous, sentence)
    if is_elliptic and previous is not None:
        unit = previous.unit  # "300 soldiers were killed. The agency said 2,700 more were wounded"
    if unit is None:
        unit = count_subject_unit(rules, number)  # "the death toll has crossed 22,000"
    if unit is None and rules.on("vote_figures") and votes_said(rules, number):
        unit = "votes"  # "204 in favour, 85 against"
    if (
        unit is None
        and rules.on("people_befallen")
        and (people_befallen(rules, number) or people_who(number))
    ) or (unit is None and people_told_tersely(rules, number)):
        unit = "people"  # "the shelling killed nine and injured 14", "at least 212 have died"
    return unit, unit_token, is_elliptic


def _nationality_of(
    res: Resolution, unit_token: Token | None, sentence: Span, is_elliptic: bool, state: _State
) -> ArticleActor | None:
    """The state whose people a figure counts: its noun's nationality, else (rule ``shared_nationality``) that of
    the figure before ("… of them", a coordinated or elliptic figure)."""
    previous = state.previous
    owner = nationality(res, unit_token)
    if res.rules.on("shared_nationality"):
        if owner is None and unit_token is not None and unit_token.lower_ in {"them", "whom", "those"}:
            owner = state.last_nationality
        if (
            owner is None
            and previous is not None
            and previous.sentence == sentence
            and previous.subject_actor is not None
            and previous.subject_actor.type == "Country"
        ):
            owner = previous.subject_actor
        if owner is None and is_elliptic and previous is not None:
            owner = previous.subject_actor if previous.subject_actor is not None else None
            if owner is not None and owner.type != "Country":
                owner = None
    if owner is not None:
        state.last_nationality = owner
    return owner
