"""Events: typed happenings with participants in their roles, place, date and the sentence they come from.

The words that report happenings, and which kind, are data: ``ontology/lexicon.toml`` (see
:mod:`newsgraph.loaders.lexicon`) over the taxonomy of ``ontology/events.ttl``. The rules that apply them are
registered (``ontology/rules.toml``, listed with examples in ``docs/extraction.md``) and live by concern:

- :mod:`~newsgraph.loaders.triggers`: which word reports which kind of happening;
- :mod:`~newsgraph.loaders.roles`: who takes part, in which role, and where;
- :mod:`~newsgraph.loaders.filters`: the triggers that report no happening (negated, supposed, asked for, ...);
- :mod:`~newsgraph.loaders.statements`: acts of speaking and who makes them;
- :mod:`~newsgraph.loaders.agreements`: agreements named, one node and one event each;
- :mod:`~newsgraph.loaders.retold`: one happening, one node.

This module walks the article's words, gives each trigger to the statement or the event rule, and runs the passes.
An event's date comes from its own clause, resolved against the publication date, forward for what is to come.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._syntax import clause_head, nominal
from newsgraph.loaders.agreements import agreement_events, find_agreements
from newsgraph.loaders.classed import told_by_an_aspect
from newsgraph.loaders.dates import clause_date
from newsgraph.loaders.filters import (
    background,
    conditional,
    counted,
    expected,
    future,
    inside_quote,
    naming_modifier,
    negated,
    none_of_it,
    prohibited,
    purpose,
    qualifies_aftermath,
    requested,
    standing,
    under_negation,
)
from newsgraph.loaders.found import FoundEvent
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.retold import Article, retell
from newsgraph.loaders.roles import arguments
from newsgraph.loaders.statements import add_statement
from newsgraph.loaders.triggers import classify, classify_all
from newsgraph.ontology.taxonomy import TOP_TYPES

__all__ = ["EVENT_TYPES", "FoundEvent", "classify", "classify_all", "find_agreements", "find_events"]

EVENT_TYPES = TOP_TYPES

_Key = tuple[int, str, int]


def find_events(
    res: Resolution,
    *,
    anchor: date | None,
    agreements: dict[int, ArticleActor],
    headline: int | None = None,
) -> list[FoundEvent]:
    """All events of one resolved article (see the module's rules). ``headline`` is the length of the article's
    headline at the start of its text (0 when it has none); by default the text's first paragraph is taken for it.
    """
    rules = res.rules
    taxonomy = rules.taxonomy
    events: dict[_Key, FoundEvent] = {}
    if headline is None:
        body_start = _doc.text(res.doc).find("\n\n")
        headline_end = body_start if body_start > 0 else -1
    else:
        headline_end = headline if headline > 0 else -1
    sentences = list(res.doc.sents)
    number = {s.start: n for n, s in enumerate(sentences)}
    reporting = rules.reporting
    for sentence in sentences:
        for token in sentence:
            lemma = token.lemma_.lower()
            fines = classify_all(res, token)
            if lemma in reporting and token.pos_ == "VERB":
                # a speech verb the lexicon gives a happening for its object ("call a strike") reports that
                happening = [f for f in fines if taxonomy.top(f) not in {"statement", "none"}]
                if not rules.on("speech_verb_happenings"):
                    happening = []
                if (
                    token.tag_ == "VBG"
                    and token.dep_ in {"advcl", "acl", "xcomp"}
                    and rules.on("elaborating_participles")
                ):
                    happening = []  # "..., pledging to provide aid": a participle elaborates, it reports no act
                if not happening:
                    add_statement(res, events, token, sentence, anchor)
                    continue
                fines = happening
            for fine in fines:
                _add_event(res, events, token, fine, sentence, anchor, agreements)
    agreement_events(res, events, agreements, sentences, anchor)
    ordered = sorted(
        events.values(), key=lambda e: (e.sentence.start, EVENT_TYPES.index(e.type), e.trigger.i)
    )
    return retell(Article(res, sentences, number, headline_end), ordered)


def _add_event(
    res: Resolution,
    events: dict[_Key, FoundEvent],
    token: Token,
    fine: str,
    sentence: Span,
    anchor: date | None,
    agreements: dict[int, ArticleActor],
) -> None:
    """Add (or merge into the sentence's event of that type) what one trigger says, unless a rule says the trigger
    does not report a happening."""
    rules = res.rules
    taxonomy = rules.taxonomy
    top = taxonomy.top(fine)
    if top == "agreement" and any(sentence.start <= i < sentence.end for i in agreements):
        return  # the agreement named in this sentence has its own event (the agreement rule)
    if (
        negated(rules, token)
        or (nominal(token) and negated(rules, token.head))
        or under_negation(rules, token)
        or none_of_it(rules, token)
    ):
        return
    if conditional(rules, token) or background(res, token) or purpose(res, token) or prohibited(rules, token):
        return
    if requested(rules, token):
        return
    if top == "sanction_or_veto" and standing(rules, token):
        return
    if top == "statement" and inside_quote(rules, token, sentence):
        return
    if naming_modifier(res, token):
        return
    if nominal(token) and rules.on("anaphoric_references"):
        determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "amod", "predet"}}
        if determiners & rules.words["anaphoric_determiners"]:
            return  # "any such deployment", "this deployment": a happening told already
    participants, place = arguments(res, token, fine)
    if (
        not participants
        and place is None
        and qualifies_aftermath(rules, token)
        and rules.on("aftermath_nouns")
    ):
        # "the earthquake death toll in Turkey": the toll's place and figures are the quake's
        participants, place = arguments(res, token.head, fine)
    is_expected = expected(rules, token)
    date_value = clause_date(rules, token, sentence, anchor, future(rules, token))
    dated = date_value is not None and bool(date_value.iso)
    if (
        nominal(token)
        and top in {"deployment", "casualty"}
        and place is None
        and not dated
        and not participants
        and rules.on("references_not_reports")
    ):
        return  # "heavy casualties": a reference to a happening, not a report of one
    if (
        nominal(token)
        and not participants
        and place is None
        and not dated
        and not counted(token)
        and rules.on("uncounted_references")
        and not told_by_an_aspect(res, token)
    ):
        return
    if (
        clause_head(token).dep_ == "acl"
        and not participants
        and place is None
        and rules.on("participle_references")
        and not (clause_head(token).head.dep_ == "ROOT" and rules.on("participles_of_verbless_sentences"))
        and not (dated and rules.on("dated_participles"))
    ):
        return  # "the personnel sent": a participle naming people by what befell them
    key = (sentence.start, fine, 0)
    event = events.get(key) or FoundEvent(top, token, sentence, fine=fine, type_label=taxonomy.label(fine))
    for actor, role in participants:
        if all(a.iri != actor.iri for a, _ in event.participants):
            event.participants.append((actor, role))
    event.place = event.place or place
    event.expected = event.expected or is_expected
    event.date = event.date or date_value
    events[key] = event
