"""Whether a figure is the figure itself: a maximum, a request, a forecast, a condition; a part of another
figure, an increment, or those a set leaves out; the figure before a change; the unit it is compared in; the
happening it counts. Each rule is registered in the ``figures`` phase of ``ontology/rules.toml``; the words are
word classes of ``words.toml``. :mod:`~newsgraph.loaders.measures` sets them on each claim.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Cost\\n\\nThe ministry expects another £30 million cost next year."
>>> [(c.status, c.base_unit) for c in Extractor().extract(Article(text=text, source="t")).claims]
[('forecast', 'GBP')]
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.loaders._labels import SUBJECTS
from newsgraph.loaders.counted import unit_of
from newsgraph.loaders.found import FoundClaim, FoundEvent
from newsgraph.loaders.rules import Rules

__all__ = ["earlier", "governing_verb", "happening_of", "later", "normalise", "part", "status"]


def governing_verb(token: Token) -> Token | None:
    """The first verb above a figure's word: the clause that says what befell what it counts."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


# ------------------------------------------------------------------------------------------------------ status
def status(rules: Rules, claim: FoundClaim, token: Token) -> str:
    """Whether a figure is the figure itself: a maximum ("faces up to 20 years"), a request ("prosecutors sought
    12 years"), a forecast ("expects another £50 million", "will be given") or a condition ("£50m if 300 places
    were taken up") is not; a request or a maximum puts forward what the figure is the object of (rule
    ``figure_status``)."""
    words = rules.words
    verbs: list[tuple[Token, bool]] = []  # each verb above, and whether the figure is on its object side
    object_side = True
    child = token
    for ancestor in token.ancestors:
        if child.dep_ in SUBJECTS:
            object_side = False
        if ancestor.pos_ in {"VERB", "AUX"}:
            verbs.append((ancestor, object_side))
            if ancestor.dep_ not in {"xcomp", "auxpass"} or len(verbs) > 2:
                break
        child = ancestor
    for verb, on_object in verbs:
        lemma = verb.lemma_.lower()
        if on_object and words.has("maximum_words", lemma) and claim.kind in {"penalty", "money"}:
            return "maximum"
        if on_object and words.has("request_words", lemma) and lemma not in rules.reporting:
            return "requested"
    for verb, _ in verbs:
        marks = [verb, *(c for c in verb.children if c.dep_ == "advcl")]
        if any(
            m.dep_ == "mark" and words.has("condition_markers", m.lower_) for v in marks for m in v.children
        ):
            return "conditional"
    for verb, _ in verbs:
        lemma = verb.lemma_.lower()
        if words.has("forecast_words", lemma) or any(
            c.dep_ == "aux" and words.has("forecast_words", c.lower_) for c in verb.children
        ):
            return "forecast"
    noun = unit_of(token)
    modifiers = [c for c in (noun.children if noun is not None else []) if c.dep_ == "amod"]
    modifiers += [c for c in token.children if c.dep_ == "amod"]
    if any(words.has("maximum_words", m.lower_) for m in modifiers):
        return "maximum"
    if any(words.has("forecast_words", m.lower_) for m in modifiers):
        return "forecast"
    return "reported"


# ---------------------------------------------------------------------------------------- parts and increments
def part(rules: Rules, token: Token, claim: FoundClaim, before: list[FoundClaim]) -> str | None:
    """A figure that is a part of the one before ("including three children", "four people among those
    detained") or an increment on an earlier one of its measure ("a further £100m", "three more bodies"; rule
    ``parts_of_figures``)."""
    words = rules.words
    doc = token.doc
    marked = any(
        words.has("elliptic_before", t.lower_) or t.lower_ == "additional"
        for t in doc[max(0, token.i - 3) : token.i]
    )
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    marked = marked or (
        after is not None and after.lower_ == "more" and after.head.i in {token.i, token.head.i}
    )
    if marked and (claim.measure is None or any(b.measure == claim.measure for b in before)):
        return "increment"
    noun = unit_of(token)
    for holder in [token, *([noun] if noun is not None else [])]:
        for ancestor in [holder, *list(holder.ancestors)[:2]]:
            if words.has("part_markers", ancestor.lower_) or (
                ancestor.dep_ == "prep" and words.has("part_markers", ancestor.lemma_.lower())
            ):
                return "part"
        for child in holder.children:  # "four people among those detained" (the part before its whole)
            if child.dep_ == "prep" and child.lower_ == "among":
                return "part"
    return None


def earlier(rules: Rules, claim: FoundClaim, token: Token) -> bool:
    """The figure a sentence says came before: the "from" of "rose from £140m to £290m", a figure given "earlier",
    "previously", "initially" (rule ``earlier_figures``)."""
    before = [t.lower_ for t in token.doc[max(token.sent.start, token.i - 3) : token.i]]
    if "from" in before and "to" not in before[before.index("from") :]:
        return True
    verbs = [v for v in (governing_verb(token), claim.said) if v is not None]
    return any(
        c.dep_ == "advmod" and rules.words.has("earlier_words", c.lower_) for v in verbs for c in v.children
    )


def later(rules: Rules, token: Token) -> bool:
    """The figure a change came to: "the toll rose to 55", "bringing the toll to 81", "climbed to 90" (word class
    ``change_to``; rule ``earlier_figures``)."""
    if token.dep_ != "pobj" or token.head.lower_ != "to":
        return False
    verb = token.head.head
    return verb.pos_ in {"VERB", "AUX"} and rules.words.has("change_to", verb.lemma_.lower())


# -------------------------------------------------------------------------------------------------- one unit
def normalise(rules: Rules, claim: FoundClaim) -> None:
    """The unit a figure is compared in: money in its currency (ISO 4217), lengths in metres, areas in square
    metres, weights in kilograms, penalties and supplies in months or hours (rule ``units_normalised``)."""
    words = rules.words
    unit = (claim.unit or "").lower()
    if claim.kind == "money":
        claim.base_unit, claim.base_factor = claim.base_unit or claim.unit, 1.0
        return
    for table, base in (("length_units", "m"), ("area_units", "m2"), ("weight_units", "kg")):
        factor = words.table(table).get(unit)
        if factor is not None:
            claim.base_unit, claim.base_factor = base, float(factor)
            return
    if claim.kind == "penalty":
        months = words.table("months_in").get(unit.rstrip("s"))
        if months is not None:
            claim.base_unit, claim.base_factor = "months", float(months)
    elif unit == "%":
        claim.base_unit, claim.base_factor = "%", 1.0


# -------------------------------------------------------------------------------------------------- happenings
def happening_of(claim: FoundClaim, events: list[FoundEvent]) -> FoundEvent | None:
    """The happening a figure counts: the event of its sentence whose word is nearest above it, else the one event
    of its sentence that is no statement (rule ``figure_happenings``)."""
    token = claim.token
    here = [e for e in events if e.sentence == claim.sentence and e.type != "statement"]
    if token is None or not here:
        return None
    above = {a.i: n for n, a in enumerate(token.ancestors)}
    ranked = sorted((above[e.trigger.i], e.trigger.i, n) for n, e in enumerate(here) if e.trigger.i in above)
    if ranked:
        return here[ranked[0][2]]
    return here[0] if len(here) == 1 else None
