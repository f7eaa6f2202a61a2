"""One happening, one node: the passes over an article's events that drop what tells a happening again.

Each pass is a registered rule of the ``happenings`` phase, run in the registry's order: a trigger with nothing
known about it refers to a happening rather than reporting one; a headline and a photo caption restate the story; an
organisation's "said" with no "that" before a happening it reports is its source; a "that" clause inside someone's
statement is what the statement says; a sentence a page prints twice tells its happenings once; a speaker who goes
on continues one statement; an attack named as a toll's cause, a legal happening a court decides on and a happening a
judging speech act is about are the ones told on their own; a happening told again nearby, with a definite noun,
with the same figures, or as another source's count of a toll is the one told before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._labels import AFFECTED, AMOUNTS, OBJECT
from newsgraph.loaders._quotes import has_quote
from newsgraph.loaders._syntax import nominal, perfect
from newsgraph.loaders.classed import told_as_past, told_by_an_aspect
from newsgraph.loaders.filters import counted
from newsgraph.loaders.found import FoundEvent
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.roles import is_outlet
from newsgraph.loaders.rules import Registry
from newsgraph.loaders.statements import names_its_object, spoken_in
from newsgraph.loaders.triggers import classify, classify_all

__all__ = ["Article", "retell"]


@dataclass
class Article:
    """What the passes read besides the events: the resolution, the sentences and where the headline ends."""

    res: Resolution
    sentences: list[Span]
    number: dict[int, int]
    headline_end: int


Pass = Callable[[Article, list[FoundEvent]], list[FoundEvent]]


def retell(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """Run the passes of the ``happenings`` phase in the registry's order; each pass applies the rules it holds
    that are on (a pass may hold several: the headline's and the captions' restating are one)."""
    for rule in Registry.load().phase("happenings").rules:
        run = _PASSES.get(rule.name)
        if run is not None:
            events = run(article, events)
    return events


def _rule(name: str, run: Pass) -> Pass:
    """A pass that applies while its rule is on."""

    def apply(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
        return run(article, events) if article.res.rules.on(name) else events

    return apply


def _known(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """A trigger with no participant, place or date refers to a happening rather than reporting one; an attack, a
    casualty, a deployment, a disaster or a protest is reported whether or not its actors are named."""
    rules = article.res.rules
    taxonomy = rules.taxonomy
    by_class = {str(v) for v in rules.words.table("happening_verb_classes").values()}
    return [
        e
        for e in events
        if e.participants
        or e.type in {"casualty", "attack", "deployment"}
        or taxonomy.within(e.fine, "disaster")
        or taxonomy.within(e.fine, "protest")  # "unions called a general strike": crowds are seldom named
        or e.place is not None
        or (e.date is not None and e.date.iso)
        or (
            rules.on("told_with_a_subject")
            and _told_with_a_subject(article, e.trigger, e.fine not in by_class)
        )
        or (nominal(e.trigger) and told_by_an_aspect(article.res, e.trigger))
    ]


def _told_with_a_subject(article: Article, verb: Token, listed: bool = False) -> bool:
    """A verb in the past tense (in a headline, the present simple: rule ``headline_present``) with a subject of
    its own tells what happened, named actors or not."""
    headline = article.res.rules.on("headline_present") and verb.idx < article.headline_end
    present = (
        headline
        and verb.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )
    rules = article.res.rules
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    perfect = rules.on("perfects_and_passives_tell") and listed and passive and told_as_past(verb)
    told = verb.tag_ == "VBD" or present or perfect
    return verb.pos_ == "VERB" and told and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _kind(event: FoundEvent) -> str:
    return event.fine if event.type == "other" else event.type


def _restating(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """A headline (rule ``headline_restates``) and a photo caption ("… for a failed doping test. AFP"; rule
    ``photo_captions``) restate the story: their events give way to the body's of the same kind (the same top type,
    or within "other" the same finer type: a headline verdict and a body earthquake are not one happening)."""
    rules = article.res.rules
    spans = [(0, article.headline_end)] if article.headline_end > 0 and rules.on("headline_restates") else []
    if rules.on("photo_captions"):
        spans += _caption_spans(article.res)

    def restating(event: FoundEvent) -> bool:
        start = event.sentence.start_char
        return any(a <= start < b for a, b in spans)

    if not spans:
        return events
    body_kinds = {_kind(e) for e in events if not restating(e)}
    return [e for e in events if not restating(e) or _kind(e) not in body_kinds]


def _caption_spans(res: Resolution) -> list[tuple[int, int]]:
    """The character spans of the paragraphs that are photo captions: a paragraph whose last sentence is only a
    news agency's or a photographer's credit ("… for a failed doping test. AFP", "… on Monday. REUTERS/Jo Bloggs")."""
    text = _doc.text(res.doc)
    bounds: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n\n"):
        bounds.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    starts = [a for a, _ in bounds]
    last: dict[int, Span] = {}  # the paragraph's last sentence
    first: dict[int, int] = {}
    for sentence in res.doc.sents:
        if not sentence.text.strip():
            continue
        index = bisect_right(starts, sentence.start_char) - 1
        first.setdefault(index, sentence.start_char)
        last[index] = sentence
    spans: list[tuple[int, int]] = []
    for index, sentence in last.items():
        if sentence.start_char <= first[index]:
            continue  # a paragraph of one sentence is no caption with a credit
        words = [t for t in sentence if t.is_alpha]
        actors = [res.actor_at(t) for t in words]
        if words and len(words) <= 4 and all(a is not None and is_outlet(res.rules, a) for a in actors):
            spans.append(bounds[index])
    return spans


def _source_of_happening(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "The Houthis claimed they struck the carrier", "The agency has said 14 trucks crossed into Syria": an
    organisation's reporting verb with no "that" before a reported happening marks where the happening is known from
    (an evidential, like a closing "…, the ministry said"); the happening is the event, the organisation its source.
    "The ministry said that …", a person's words, words to someone, in quotes or in a statement stay statements."""
    rules = article.res.rules
    # a happening read by its word's class alone ("destroyed" as a making) is no report the statement only sources
    classed = {str(v) for v in rules.words.table("happening_verb_classes").values()}
    classed |= {str(v) for v in rules.words.table("happening_noun_classes").values()}

    def source(event: FoundEvent) -> bool:
        if event.type != "statement" or (event.fine != "statement" and event.trigger.lemma_ != "claim"):
            return False
        if any(a.type == "Person" for a, r in event.participants if r == "speaker"):
            return False
        if any(r in {"addressee", "outlet"} for _, r in event.participants):
            return False
        if has_quote(event.sentence) or spoken_in(rules, event.trigger):
            return False
        for clause in (c for c in event.trigger.children if c.dep_ == "ccomp" and c.i > event.trigger.i):
            if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                continue
            inside = {t.i for t in clause.subtree}
            if any(e.type != "statement" and e.fine not in classed and e.trigger.i in inside for e in events):
                return True
        return False

    return [e for e in events if not source(e)]


def _reported_within(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "Ms Gough said the crime was grave, and that the police believed they knew who did it": a "that" clause
    reported inside another's statement is what that statement says, not a statement of its own."""
    lexicon = article.res.rules.lexicon
    outer_all = {e.trigger.i for e in events if e.type == "statement"}

    def within(event: FoundEvent) -> bool:
        if event.type != "statement":
            return False
        outer = outer_all - {event.trigger.i}
        node = event.trigger
        # "… said X, and that the police believed …"; but "A said X and B said Y" (no "that") are two statements,
        # and "she said he had told her" reports an act of telling; "said the police believed …": a belief
        # reported inside the statement
        thought = node.dep_ == "ccomp" and node.lemma_.lower() not in lexicon.statement_verbs
        if not thought and not any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
            return False
        for _ in range(4):
            if node.dep_ not in {"ccomp", "conj"} or node.head.i == node.i:
                return False
            node = node.head
            if node.i in outer:
                return True
        return False

    return [e for e in events if not within(e)]


def _told_twice(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """A sentence a page prints twice (a standfirst the story repeats, a photo caption over the photo and under
    it, the second time with an abbreviation in brackets) tells its happenings once: at its last telling."""
    last: dict[str, int] = {}
    for sentence in article.sentences:
        if sum(t.is_alpha for t in sentence) >= 6:  # "He said so." twice is two statements
            last[_bare(sentence.text)] = sentence.start
    return [e for e in events if last.get(_bare(e.sentence.text), e.sentence.start) == e.sentence.start]


def _bare(text: str) -> str:
    """A sentence's words without what it puts in brackets, lower case."""
    return " ".join(re.sub(r"\([^()]*\)", " ", text).lower().split())


def _speakers(event: FoundEvent) -> set[str]:
    return {a.iri for a, r in event.participants if r == "speaker"}


def _iso(event: FoundEvent) -> str | None:
    return event.date.iso if event.date is not None else None


def _continued_statements(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """A speaker who goes on ("he added", "“…,” Kim said") within two sentences continues one statement, unless
    the later one brings someone new in (an addressee, an outlet)."""
    rules = article.res.rules
    number = article.number
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
                    and here - number[e.sentence.start] <= 2
                ),
                None,
            )
            # "Kim said … Kim has said before that …": another occasion, another statement
            if (
                previous is not None
                and rules.on("another_occasion")
                and perfect(event.trigger)
                and not perfect(previous.trigger)
            ):
                previous = None
            if previous is not None:
                known = {a.iri for a, _ in previous.participants}
                new = {a.iri for a, _ in event.participants} - known
                if not new and not (_iso(event) and _iso(previous) and _iso(event) != _iso(previous)):
                    continue
        kept.append(event)
    return kept


def _agents(event: FoundEvent) -> set[str]:
    return {a.iri for a, r in event.participants if r == "agent"}


def _cause_of_casualty(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "Six people were killed in an air raid by the military", "… wounded after missile strikes hit the city", "the
    US strikes took out several commanders": an attack named as what caused the deaths of its clause is the toll's
    cause when the article tells an attack by the same attacker (or by no one named, at no other place) in a
    sentence of its own; that sentence has the attack."""
    res = article.res
    taxonomy = res.rules.taxonomy

    def toll(token: Token) -> bool:
        fine = classify(res, token)
        return fine is not None and taxonomy.top(fine) == "casualty"

    def cause(event: FoundEvent) -> bool:
        if event.type != "attack" or not any(
            e.type == "casualty" and e.sentence.start == event.sentence.start for e in events
        ):
            return False
        link, token = event.trigger, event.trigger
        while token.head.i != token.i and not toll(token):
            link, token = token, token.head
        if not toll(token) or token.i == event.trigger.i:
            return False
        # "killed in the raid", "killed after strikes hit", "the strikes killed": through a preposition, a
        # subordinate clause or the subject; not an attack the casualty's clause only mentions
        if not (
            link.dep_ in {"prep", "nsubj"}
            or (link.dep_ == "advcl" and any(c.dep_ == "mark" for c in link.children))
        ):
            return False
        mine = _agents(event)
        return any(
            e.type == "attack"
            and e.sentence.start != event.sentence.start
            and (not _agents(e) or not mine or bool(_agents(e) & mine))
            and (e.place is None or event.place is None or e.place.iri == event.place.iri)
            for e in events
        )

    return [e for e in events if not cause(e)]


def _ruled_on(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "The court upheld an appeal by the agency", "the judge dismissed the charges": a legal happening's noun that a
    court's decision is about is part of that decision, one happening (its parties join the decision's)."""
    taxonomy = article.res.rules.taxonomy
    kept: list[FoundEvent] = []
    for event in events:
        trigger = event.trigger
        decision = None
        if nominal(trigger) and taxonomy.within(event.fine, "legal") and trigger.dep_ in AFFECTED:
            decision = next(
                (
                    e
                    for e in events
                    if e is not event and e.trigger.i == trigger.head.i and taxonomy.within(e.fine, "legal")
                ),
                None,
            )
        if decision is None:
            kept.append(event)
            continue
        for actor, _ in event.participants:
            if all(a.iri != actor.iri for a, _ in decision.participants):
                decision.participants.append((actor, "party"))
    return kept


#: speech acts that judge what they are about: "condemned the attack", "apologised for the crash"
_JUDGING = {"criticism", "praise", "apology"}


def _spoken_of(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """ "The airline's chief issued an apology for the crash", "Hamas condemned the strike", "called the strike a
    massacre": a happening's noun that a judging speech act is about, when the article tells a happening of that kind
    in a sentence of its own, is that happening spoken of; the sentence reports the speaking."""
    res = article.res
    lexicon = res.rules.lexicon

    def spoken(event: FoundEvent) -> bool:
        trigger = event.trigger
        if event.type == "statement" or not nominal(trigger):
            return False
        speech = None
        if trigger.dep_ in OBJECT and trigger.head.pos_ == "VERB":
            verb = trigger.head
            lemma = verb.lemma_.lower()
            if lexicon.acts.get(lemma) in _JUDGING or (
                lexicon.in_class(lemma, "naming_verbs") and names_its_object(verb)
            ):
                speech = verb
        elif trigger.dep_ == "pobj" and trigger.head.lower_ in {"for", "of", "over"}:
            governor = trigger.head.head
            # "an apology for the crash", or "issued an apology for the crash" with "for" on the light verb
            nouns = (
                [governor] if governor.pos_ == "NOUN" else [c for c in governor.children if c.dep_ == "dobj"]
            )
            for noun in nouns:
                if noun.pos_ == "NOUN" and any(f in _JUDGING for f in classify_all(res, noun)):
                    speech = noun
        if speech is None:
            return False
        return any(
            _kind(e) == _kind(event) and e.sentence.start != event.sentence.start and e is not event
            for e in events
        )

    return [e for e in events if not spoken(e)]


def _moved(article: Article, event: FoundEvent) -> set[str]:
    """What a trigger moves or hits, with every kind of troops as one ("soldiers" and "troops" are one thing)."""
    lexicon = article.res.rules.lexicon
    objects = [c for c in event.trigger.children if c.dep_ in AFFECTED]
    objects += [g for o in objects for g in o.conjuncts]
    return {"troops" if lexicon.in_class(o.lemma_.lower(), "troops") else o.lemma_.lower() for o in objects}


def _restates(article: Article, event: FoundEvent, earlier: FoundEvent) -> bool:
    number = article.number
    distance = number[event.sentence.start] - number[earlier.sentence.start]
    if not 0 < distance <= 2 or earlier.fine != event.fine or earlier.expected != event.expected:
        return False
    same_parties = {a.iri for a, _ in event.participants} <= {a.iri for a, _ in earlier.participants}
    moved = _moved(article, event)
    same_things = not moved or moved <= _moved(article, earlier)
    same_place = event.place is None or (earlier.place is not None and earlier.place.iri == event.place.iri)
    same_date = event.date is None or (earlier.date is not None and earlier.date.iso == event.date.iso)
    figures = any(t.like_num or t.ent_type_ in AMOUNTS for t in event.trigger.subtree)
    return same_parties and same_things and same_place and same_date and not figures


def _restated(article: Article, events: list[FoundEvent]) -> list[FoundEvent]:
    """An event told again in the next sentence or the one after, with no participant, place or date of its own, is
    the same happening (rule ``restated_nearby``); so are another source's count of a toll told
    (``toll_reported_again``), a definite noun for a penalty, court decision or disaster told (``told_again_definite``)
    and a happening told again with the same figures (``same_figures``)."""
    rules = article.res.rules
    nearby, toll = rules.on("restated_nearby"), rules.on("toll_reported_again")
    definite, figures = rules.on("told_again_definite"), rules.on("same_figures")
    kept: list[FoundEvent] = []
    for event in events:
        if (
            nearby
            and event.type not in {"statement", "agreement"}
            and any(_restates(article, event, e) for e in kept)
        ):
            continue
        if (toll and _reported_toll(article, event, kept)) or (
            definite and _definite_told_again(article, event, kept)
        ):
            continue
        if (
            figures
            and event.type not in {"statement", "agreement"}
            and any(_same_figures(event, e) for e in kept)
        ):
            continue
        kept.append(event)
    return kept


def _numbers(tokens: Iterable[Token]) -> set[str]:
    """The counts and amounts among tokens (not years or dates)."""
    return {
        t.text.replace(",", "")
        for t in tokens
        if t.like_num and any(ch.isdigit() for ch in t.text) and t.ent_type_ in AMOUNTS
    }


def _same_figures(event: FoundEvent, earlier: FoundEvent) -> bool:
    """ "Disney announced plans for 7,000 layoffs … Iger said the company will slash 7,000 jobs": a happening of
    the same kind told again with the same figures, however far apart, is the one told before."""
    if earlier.fine != event.fine or earlier.sentence.start == event.sentence.start:
        return False
    mine = _numbers(event.trigger.subtree)
    return bool(mine) and mine <= _numbers(earlier.sentence)


def _definite_told_again(article: Article, event: FoundEvent, earlier: list[FoundEvent]) -> bool:
    """ "The 1.8-billion-euro penalty is the third-biggest ever", "the bans were imposed by the judge": a definite
    noun for a penalty of the kind the article has told is that penalty, told again; it may name one party more
    (who imposed it), not two. So is "the verdict" or "the ruling" after the article's court decision, and "the
    earthquake" after an earthquake."""
    taxonomy = article.res.rules.taxonomy
    trigger = event.trigger
    legal = taxonomy.within(event.fine, "legal")
    disaster = taxonomy.within(event.fine, "disaster")
    if (event.type != "sanction_or_veto" and not legal and not disaster) or not nominal(trigger):
        return False
    if not any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in trigger.children):
        return False
    told = [
        e
        for e in earlier
        if (e.type == event.type and e.fine == event.fine) or (legal and taxonomy.within(e.fine, "legal"))
    ]
    if _iso(event) and all(_iso(e) != _iso(event) for e in told):
        return False  # "Spotify's complaint in 2019": a date of its own, another happening
    known = {a.iri for e in told for a, _ in e.participants}
    return bool(told) and len({a.iri for a, _ in event.participants} - known) <= 1


def _reported_toll(article: Article, event: FoundEvent, earlier: list[FoundEvent]) -> bool:
    """Another source's count of a toll already told ("Myanmar Now reported that 80 people were killed" after the
    raid's deaths): the figure is that source's claim, the deaths are the happening told before, not a new one."""
    rules = article.res.rules
    if event.type != "casualty" or any(r == "agent" for _, r in event.participants):
        return False
    told = [e for e in earlier if e.type == "casualty" and counted(e.trigger)]
    if event.place is not None:  # "the toll in Turkey had risen to 18,991" after the toll in Turkey and Syria
        told = [e for e in told if e.place is not None and e.place.iri == event.place.iri]
    if not told:  # "the chief was killed in a strike … they claimed 53 were killed": no toll was told before
        return False
    for ancestor in event.trigger.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in rules.reporting:
            return True
    return any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in event.sentence[:-1])


#: the passes of the happenings phase, by rule name (the registry gives their order)
_PASSES: dict[str, Pass] = {
    "known_happenings": _rule("known_happenings", _known),
    "headline_restates": _restating,
    "what_a_statement_says": _rule("what_a_statement_says", _reported_within),
    "a_report_without_that": _rule("a_report_without_that", _source_of_happening),
    "told_twice": _rule("told_twice", _told_twice),
    "a_speaker_goes_on": _rule("a_speaker_goes_on", _continued_statements),
    "cause_of_deaths": _rule("cause_of_deaths", _cause_of_casualty),
    "court_decides_on": _rule("court_decides_on", _ruled_on),
    "judged_happenings": _rule("judged_happenings", _spoken_of),
    "restated_nearby": _restated,
}
