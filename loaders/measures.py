"""What a figure measures and what it counts: its measure (``ontology/measures.ttl``: deaths, people aboard, votes
against, the value of a deal, a share of a whole, a distance, a prison term ...), the people it sets apart, what a
share is of, where a distance is from; whether it is the figure itself or a maximum, a request, a forecast or a
condition; whether it is a part of another figure or an increment; and its value in one unit. Each rule is
registered in the ``figures`` phase of ``ontology/rules.toml``; the words are word classes of ``words.toml``.

>>> from newsgraph.loaders import Article, Extractor
>>> text = "Toll\\n\\nAt least 40 people were killed and 12 were feared dead, officials said."
>>> [(c.measure, c.counts) for c in Extractor().extract(Article(text=text, source="t")).claims]
[('deaths', 'people'), ('missing', 'people')]
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.loaders._labels import (
    FIGURE_PREDICATE,
    NOUN_CLAUSES,
    NUMBER_ON_NOUN,
    RESTRICTING,
    SUBJECTS,
    WITHIN_CLAUSE,
)
from newsgraph.loaders.counted import people_told_tersely, unit_of
from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.resolve import Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.statuses import earlier, governing_verb, happening_of, later, normalise, part, status
from newsgraph.loaders.wholes import excepted

__all__ = ["describe", "governing_verb", "happening_of", "is_attribute", "share_measure", "votes_said"]


def describe(res: Resolution, claim: FoundClaim, before: list[FoundClaim]) -> None:
    """Set what a claim measures, what it counts, its status, whether it is a part, and its normalised unit
    (``before``: the article's claims before it)."""
    rules = res.rules
    token = claim.token
    if token is None:
        return
    if rules.on("figure_measures") and claim.measure is None:
        claim.measure = _measure(res, claim, token)
        restated = _restated(rules, token, claim, before) if claim.measure is None else None
        if restated is not None:  # "a charity put that number higher, at about 60 pupils"
            claim.measure, claim.counts = restated.measure, claim.counts or restated.counts
    if claim.measure is not None and claim.counts is None:
        claim.counts = _counts(res, claim, token)
    if rules.on("what_a_figure_counts"):
        poll_owner(res, claim)
    if rules.on("figure_status"):
        claim.status = status(rules, claim, token)
    if rules.on("parts_of_figures") and claim.part is None:
        claim.part = "excepted" if excepted(res, claim) else part(rules, token, claim, before)
    if rules.on("earlier_figures"):
        claim.earlier = earlier(rules, claim, token)
        claim.later = later(rules, token)
    if rules.on("units_normalised"):
        normalise(rules, claim)


def _restated(rules: Rules, token: Token, claim: FoundClaim, before: list[FoundClaim]) -> FoundClaim | None:
    """ "put that number higher, at 100": a figure for the count the figure before gave, in its sentence or the
    one before, measures what that one measured (rule ``figure_measures``)."""
    verb = governing_verb(token)
    if verb is None or not before or before[-1].measure is None:
        return None
    said = [c for c in verb.children if c.dep_ in SUBJECTS | {"dobj"}]
    if not any(
        rules.words.has("count_nouns", c.lemma_.lower()) and not any(o.lower_ == "of" for o in c.children)
        for c in said
    ):
        return None  # "the numbers of survivors and dead remain": they say what they count
    previous = before[-1]
    start = token.sent.start
    earlier = token.doc[start - 1].sent.start if start > 0 else start
    return previous if previous.sentence.start >= earlier else None


# ---------------------------------------------------------------------------------------------------- measures
def _measure(res: Resolution, claim: FoundClaim, token: Token) -> str | None:
    rules = res.rules
    words = rules.words
    if claim.kind == "money":
        return _money_measure(rules, claim, token)
    if claim.kind == "penalty":
        return "ban" if claim.about == "ban" else "prison_sentence"
    if claim.kind in {"supply", "tally"}:
        return claim.measure
    unit = (claim.unit or "").lower()
    if unit == "%" or claim.unit == "percentage points":
        return share_measure(rules, token, claim.sentence)
    for table, dimension in (
        ("area_units", "area"),
        ("length_units", "distance"),
        ("weight_units", "weight"),
    ):
        if unit in words.table(table):
            return dimension
    noun = unit_of(token)
    if noun is not None and noun.sent != claim.sentence:
        noun = None
    lemma = noun.lemma_.lower() if noun is not None else unit.rstrip("s")
    votes = votes_said(rules, token, bare=noun is None) or _vote_measure(rules, token, noun)
    if votes is not None:
        return votes
    found = words.table("measure_nouns").get(lemma)
    if found is None and noun is None:  # a noun of the figure before: what it is says most
        found = words.table("measure_roles").get(lemma)
    if found is not None:
        return str(found)
    found = _people_measure(rules, token, noun, claim.sentence)
    if found is not None:
        return found
    found = words.table("measure_roles").get(lemma)
    if found is not None:
        return str(found)
    return _gathering(rules, noun, claim.sentence) or claim.befell


def is_attribute(number: Token) -> bool:
    """ "a 300-member assembly", "a 21-foot craft", "a three-judge bench": a figure joined to its noun by a hyphen,
    before another noun, says what that noun is like: no figure of the story (rule ``attributes``)."""
    doc = number.doc
    if number.i + 2 >= len(doc) or doc[number.i + 1].text != "-":
        return False
    noun = doc[number.i + 2]
    return noun.head.i > noun.i and noun.head.pos_ in {"NOUN", "PROPN", "ADJ"}


def _gathering(rules: Rules, noun: Token | None, sentence: Span) -> str | None:
    """People counted in a sentence about a protest, a rally or a march, and nothing else said of them: the
    crowd ("cheers from an estimated 2 million Koreans, according to protest organisers")."""
    if noun is not None and not (
        rules.words.has("general_people", noun.lemma_.lower())
        or noun.ent_type_ == "NORP"
        or noun.tag_ == "NNPS"
    ):
        return None
    if any(rules.words.has("gathering_nouns", t.lemma_.lower()) for t in sentence):
        return "crowd"
    return None


def _clause_ancestors(token: Token) -> list[Token]:
    """The words above a figure up to the head of its clause (through "including", a preposition, a noun)."""
    out = []
    for ancestor in token.ancestors:
        out.append(ancestor)
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.dep_ not in WITHIN_CLAUSE:
            break
    return out


def _people_measure(rules: Rules, number: Token, noun: Token | None, sentence: Span) -> str | None:
    """What befell the people a figure counts, by the nearest word of the class ``measures`` on its noun, its
    clauses, the words above it up to its clause's verb and what the verb says of its subject ("were listed as
    wounded", "on board"), or the count noun the verb has ("the death toll stood at 140"); "feared dead" is
    missing; the bodies an act is done to are not the toll."""
    words = rules.words
    table = words.table("measures")
    candidates: list[Token] = []
    if people_told_tersely(rules, number):
        candidates.append(number.doc[number.i + 1])  # "137 killed": the word right after the tally says it
    if noun is not None:
        candidates.append(noun)
        candidates.extend(t for t in noun.children if t.dep_ in NOUN_CLAUSES)
        candidates.extend(_clause_ancestors(noun))
    candidates.extend(_clause_ancestors(number))
    seen: set[int] = set()
    for token in candidates:
        if token.i in seen or token.sent != sentence or token.ent_type_ in {"ORG", "PERSON", "WORK_OF_ART"}:
            continue
        seen.add(token.i)
        if words.has("body_acts", token.lemma_.lower()) and noun is not None and noun.lemma_ == "body":
            return None
        for word in [token, *_count_nouns(rules, token), *_predicates(token, with_objects=True)]:
            found = table.get(word.lemma_.lower()) or table.get(word.lower_)
            if word.lemma_.lower() == "board":
                found = "aboard" if word.dep_ == "pobj" and word.head.lower_ == "on" else None
            if found:
                return _joined(rules, word, _feared(rules, word, str(found)))
    return None


def _own_words(verb: Token, other: Token) -> list[Token]:
    """The words of a coordinated verb that are its own: its subtree without the other verb's."""
    inside = {t.i for t in other.subtree} if other in verb.subtree else set()
    return [t for t in verb.subtree if t.i not in inside]


def _joined(rules: Rules, word: Token, found: str) -> str:
    """ "killed or wounded": the dead and the wounded together are the casualties."""
    if found not in {"deaths", "injuries"}:
        return found
    table = rules.words.table("measures")
    joined = [c for c in word.children if c.dep_ == "conj"] + ([word.head] if word.dep_ == "conj" else [])
    # "300 were killed and 2,700 wounded": a verb with a figure of its own is that figure's
    joined = [c for c in joined if not any(t.like_num for t in _own_words(c, word))]
    others = {table.get(c.lemma_.lower()) or table.get(c.lower_) for c in joined}
    return "casualties" if {found, *others} >= {"deaths", "injuries"} else found


def _count_nouns(rules: Rules, verb: Token) -> list[Token]:
    """The count noun a verb has as its subject or object, and its modifiers: "the death toll stood at 140",
    "bringing the toll to 81"."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in SUBJECTS | {"dobj"} and rules.words.has("count_nouns", child.lemma_.lower()):
            out.extend(c for c in child.children if c.dep_ in RESTRICTING)
            out.append(child)
    return out


def _predicates(verb: Token, *, with_objects: bool = False) -> list[Token]:
    """What a verb says of its subject besides itself: "listed as wounded", "declared invalid", "were on board"."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return [c for c in verb.children if c.dep_ == "prep"] if with_objects else []
    out = [c for c in verb.children if c.dep_ in FIGURE_PREDICATE or (c.dep_ == "advmod" and c.pos_ == "ADV")]
    # "were listed as wounded" (a clause with "as"), "left 19 villagers injured" (a participle of its object)
    out += [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and (
            any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
            or (c.tag_ == "VBN" and not any(s.dep_ in SUBJECTS for s in c.children))
        )
    ]
    if with_objects:
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            out.extend(o for o in prep.children if o.dep_ == "pobj")
    return out


def _feared(rules: Rules, word: Token, found: str) -> str:
    """ "feared dead", "dead or missing": the missing, not the dead."""
    if found != "deaths":
        return found
    near = [word, *(c for c in word.children if c.dep_ != "conj")] + (
        [word.head] if word.dep_ != "conj" else []
    )
    if any(rules.words.has("feared", t.lemma_.lower()) or rules.words.has("feared", t.lower_) for t in near):
        return "missing"
    joined = [c for c in word.children if c.dep_ == "conj"] + ([word.head] if word.dep_ == "conj" else [])
    if any(rules.words.table("measures").get(c.lower_) == "missing" for c in joined):
        return "missing"
    return found


def votes_said(rules: Rules, number: Token, *, bare: bool = True) -> str | None:
    """The votes a number is, by a word of its own: "204 in favour", "85 against" (the preposition it hangs on
    only when it has no noun; word class ``vote_words``)."""
    table = rules.words.table("vote_words")
    own = [*number.children, *(o for c in number.children for o in c.children if o.dep_ == "pobj")]
    if number.head.pos_ == "ADP" and bare:
        own.append(number.head)
    for word in own:
        found = table.get(word.lemma_.lower()) or table.get(word.lower_)
        if found is not None and word.lower_ != "for":
            return str(found)
    return None


def _vote_measure(rules: Rules, number: Token, noun: Token | None) -> str | None:
    """Which votes a figure of votes counts: "204 in favour", "85 votes against", "three null votes", "eight votes
    were declared invalid", "three lawmakers abstained"; "out of 300 total votes" is all of them (word class
    ``vote_words``; rule ``vote_figures``)."""
    if not rules.on("vote_figures"):
        return None
    table = rules.words.table("vote_words")

    def said_of(token: Token) -> str | None:
        found = table.get(token.lemma_.lower()) or table.get(token.lower_)
        return None if found is None else str(found)

    if noun is None or noun.lemma_.lower() in {"vote", "ballot"}:
        found = votes_said(rules, number)  # "204 in favour", "85 votes against"
        if found is not None:
            return found
    is_vote = noun is not None and rules.words.table("measure_nouns").get(noun.lemma_.lower()) == "votes"
    if noun is not None and any(c.lower_ == "total" for c in noun.children):
        return "votes"  # "out of 300 total votes"
    near: list[Token] = []
    if noun is not None:
        near.extend(noun.children)
        near.extend(o for c in noun.children for o in c.children if o.dep_ == "pobj")
    verb = governing_verb(noun if noun is not None else number)
    if verb is not None:
        near.append(verb)
        near.extend(_predicates(verb))
        is_vote = is_vote or verb.lemma_ == "vote"
    for word in near:
        found = said_of(word)
        if found is not None and (found == "abstentions" or is_vote):
            return found
    return "votes" if is_vote else None


def share_measure(rules: Rules, number: Token, sentence: Span) -> str | None:
    """What a percentage is: a poll's result ("a poll showed 83 per cent"), a share of the vote, a turnout, how much
    something moved ("down 60%"), or a rate or share of a whole ("95% of deposits were uninsured", "a 90%
    vaccination rate"); none when the sentence does not say (rule ``shares_of_a_whole``)."""
    if not rules.on("shares_of_a_whole"):
        return None
    words = rules.words
    number = _percent_word(number)
    lemmas = {t.lemma_.lower() for t in sentence}
    near = [number, *list(number.ancestors)[:2]]
    near_lemmas = {t.lemma_.lower() for t in near} | {c.lemma_.lower() for t in near for c in t.children}
    if near_lemmas & words["change_words"]:
        return "change"
    if lemmas & words["turnout_words"]:
        return "turnout"
    if lemmas & words["poll_words"]:
        return "poll"
    if any(
        t.lower_ in words["vote_share_words"] for t in sentence if t.head.lower_ == "of" or t.dep_ == "dobj"
    ):
        return "vote_share"
    if _share_predicate(rules, number) is not None:
        return "rate"
    return None


def _percent_word(number: Token) -> Token:
    """The word that holds a percentage in the parse: "%", "percent", "cent" after its number."""
    head = number.head
    if head.i == number.i + 1 and head.lower_ in {"%", "percent", "cent"}:
        return head
    return number


def _share_predicate(rules: Rules, number: Token) -> Token | None:
    """What a share of a whole is: the predicate of the clause it is the subject of ("95% of deposits were
    uninsured", "91% of adults are vaccinated"), or the noun a rate is of ("a 90% vaccination rate")."""
    number = _percent_word(number)
    head = number.head if number.dep_ in NUMBER_ON_NOUN | {"npadvmod"} else number
    if head.lemma_.lower() in rules.words["rate_nouns"]:
        modifiers = [c for c in head.children if c.dep_ in {"compound", "amod"} and c.i != number.i]
        modifiers = [c for c in modifiers if not c.like_num and c.pos_ in {"NOUN", "ADJ", "VERB"}]
        return modifiers[-1] if modifiers else None
    if number.dep_ not in SUBJECTS:
        return None
    verb = number.head
    # "91.6% of Australians aged 16 and over are fully vaccinated": the verb with a "be" of its own
    for candidate in (verb, *(c for c in verb.children if c.dep_ == "conj")):
        if candidate.pos_ == "VERB" and any(c.dep_ in {"auxpass", "aux"} for c in candidate.children):
            return candidate
    for child in verb.children:
        if child.dep_ in {"acomp", "attr"} and child.pos_ in {"ADJ", "VERB", "NOUN"}:
            return child
    return verb if verb.pos_ == "VERB" and verb.tag_ in {"VBN", "VBG"} else None


def _money_measure(rules: Rules, claim: FoundClaim, token: Token) -> str:
    """What an amount of money is, by the noun it qualifies or the verb it is the object of, the noun it is "in"
    ("$175 billion in deposits") or the subject of its verb ("the cost rose from £90m"; word class
    ``money_measures``): a deal's value, a bill, a payment, a fine, deposits ...; "money" when nothing says."""
    after = token.doc[token.i + 1 : token.i + 5]
    if any(
        rules.words.has("per_unit", t.lower_) and t.head.i != t.i for t in after if t.pos_ in {"ADP", "DET"}
    ):
        return "price"  # "$250,000 per person": what one costs
    word = _money_word(rules, claim, token)
    return "money" if word is None else str(rules.words.table("money_measures")[word])


def _money_word(rules: Rules, claim: FoundClaim, token: Token) -> str | None:
    table = rules.words.table("money_measures")
    own = [c for c in token.children if c.dep_ in NOUN_CLAUSES and c.pos_ == "VERB"]  # "the £140m paid out"
    own += [
        c
        for c in token.head.children
        if c.dep_ in NOUN_CLAUSES and c.pos_ == "VERB" and token.head.pos_ == "NUM"
    ]
    for word in own:
        if word.lemma_.lower() in table:
            return word.lemma_.lower()
    for written in (claim.about, claim.about.rstrip("s")):
        if written in table:
            return written
    qualified = [
        t for t in (token.head, token.head.head) if t.pos_ == "NOUN" and t.lemma_.lower() == claim.about
    ]
    if qualified:
        return None  # "the $250,000 limit": the noun it qualifies says what it is, and it is none of these
    for holder in [token, *list(token.ancestors)[:5]]:
        words = [holder, *(c for c in holder.children if c.dep_ in {"prep", "pobj", "dobj"})]
        words += [o for c in holder.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in table and word.i != token.i and word.ent_type_ not in {"ORG", "PERSON"}:
                return lemma
    verb = governing_verb(token)
    for child in verb.children if verb is not None else []:
        if child.dep_ in SUBJECTS and child.lemma_.lower() in table:
            return child.lemma_.lower()
    return None


# ---------------------------------------------------------------------------------------------- what it counts
def _counts(res: Resolution, claim: FoundClaim, token: Token) -> str | None:
    """What a figure counts beyond its measure: the people it sets apart ("children", "fee-paying passengers";
    people, migrants, passengers are the whole), what a share is of ("uninsured"), where a distance is from, the
    currency of an amount (rule ``what_a_figure_counts``)."""
    rules = res.rules
    if not rules.on("what_a_figure_counts"):
        return None
    measures = rules.measures
    chain = measures.chain(claim.measure) if claim.measure is not None and claim.measure in measures else []
    if "people" in chain:
        return _people_counted(rules, claim, token)
    if claim.measure == "rate":
        found = _share_predicate(rules, token)
        return found.lemma_.lower() if found is not None else None
    if claim.measure == "distance":
        for ancestor in [token, *list(token.ancestors)[:3]]:
            for prep in (
                c for c in ancestor.children if c.dep_ == "prep" and c.lower_ in {"from", "off", "of"}
            ):
                for obj in prep.children:
                    actor = res.actor_at(obj)
                    if actor is not None and actor.type in {"Place", "Country"}:
                        return f"from {actor.label}"
        return None
    if "money" in chain:
        currency = claim.base_unit or claim.unit
        verb = governing_verb(token)
        spent_on = [
            o
            for c in (verb.children if verb is not None and claim.measure == "cost" else [])
            if c.dep_ == "prep" and c.lower_ == "on"
            for o in c.children
            if o.dep_ == "pobj" and any(m.dep_ in RESTRICTING for m in o.children)
        ]
        if spent_on:  # "£1.5m has been spent on legal costs": a part of the cost
            return f"{_phrase(spent_on[0])} {currency}"
        if claim.measure in {"holdings", "earnings"}:  # deposits are not assets, revenue is not profit
            holder = (
                next((c for c in verb.children if c.dep_ in SUBJECTS and c.pos_ == "PROPN"), None)
                if verb
                else None
            )
            whose = f" of {_phrase(holder)}" if holder is not None and claim.subject_actor is None else ""
            return f"{_money_word(rules, claim, token)} {currency}{whose}"
        return currency
    return None


def _people_counted(rules: Rules, claim: FoundClaim, token: Token) -> str:
    words = rules.words
    noun = unit_of(token)
    if noun is None or noun.sent != claim.sentence or noun.pos_ not in {"NOUN", "PROPN", "PRON"}:
        noun = None
    elif words.has("unit_pronouns", noun.lower_) or noun.pos_ == "PRON":
        noun = None  # "270 of them": the noun the figure before counted
    if noun is None:
        unit = (claim.unit or "people").lower()
        singular = unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit
        if words.has("soldiers", singular) or words.has("soldiers", unit):
            return "soldier"
        general = words.has("general_people", singular) or words.has("general_people", unit)
        # "the death toll stood at 212": deaths are the people counted
        return "people" if general or singular in words.table("measure_nouns") else singular
    lemma = noun.lemma_.lower()
    if words.has("soldiers", lemma) or words.has("soldiers", noun.lower_):
        lemma = "soldier"
    elif (
        words.has("general_people", lemma)
        or words.has("general_people", noun.lower_)
        or noun.ent_type_ == "NORP"  # "2 million Koreans": people, whose state is their owner
        or noun.tag_ == "NNPS"
    ):
        lemma = "people"
    modifiers = [
        token.doc[c.left_edge.i : c.i + 1].text.lower()  # "fee-paying"
        for c in noun.children
        if c.dep_ in RESTRICTING
        and c.i != token.i
        and not c.like_num
        and c.ent_type_ not in {"NORP", "GPE"}
        and not words.has("unrestricting", c.lower_)
        and not words.has("measures", c.lemma_.lower())
        and c.pos_ in {"ADJ", "NOUN", "VERB"}
    ]
    return " ".join([*modifiers, lemma])


def _phrase(noun: Token) -> str:
    """A noun with its modifiers, lower case: "legal costs"."""
    return noun.doc[noun.left_edge.i : noun.i + 1].text.lower()


def poll_owner(res: Resolution, claim: FoundClaim) -> None:
    """A poll's result belongs to whoever ran the poll: "a News Corp poll", "a poll by the Times" (rule
    ``what_a_figure_counts``)."""
    if claim.measure != "poll" or claim.subject_actor is not None or claim.token is None:
        return
    polls = [
        c
        for verb in claim.token.ancestors
        if verb.pos_ in {"VERB", "AUX"}
        for c in verb.children
        if c.dep_ in SUBJECTS and res.rules.words.has("poll_words", c.lemma_.lower())
    ]
    for token in polls[
        :1
    ]:  # the poll that shows the figure: "a new poll showed 90%" is not the News Corp one
        holders = [c for c in token.children if c.dep_ in {"compound", "poss", "nmod"}]
        holders += [o for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.subtree]
        for holder in holders:
            actor = res.actor_at(holder)
            if actor is not None and actor.type in {"Organization", "Person", "Country"}:
                claim.subject_actor = actor
                return
