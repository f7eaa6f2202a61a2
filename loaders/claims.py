"""Claims: the figures a source puts forward, with who put them forward.

Phenomena handled (see ``docs/extraction.md``):

* numerals and number words ("11,000", "six", "2.5 million"), vague magnitudes ("thousands of" -> min 1000);
* ranges ("between 1,000 and 3,000", "10,000 to 12,000") -> min/max;
* qualifiers: "about", "around", "nearly", "some", "an estimated", "closer to" -> approximate; "at least",
  "more than", "over" -> a minimum; "up to", "fewer than" -> a maximum;
* the unit is the noun counted ("troops", "officers"); "270 of them" and "around 2,700 injured" inherit the unit
  of the figure before; durations, years and calendar dates are not claims;
* the subject: nationality + what is counted + what happened to it ("North Korean soldiers killed");
* the speaker: subject of a reporting verb governing the figure ("X said", "X told Y", "X claims",
  "estimating" sharing its clause's subject), "according to X", a report "from X", "X's estimate"; "he/she"
  goes back to the last person named; an unattributed "reportedly" stays without a speaker.

>>> parse_number("11,000"), parse_number("six"), parse_number("2.5 million")
(11000.0, 6.0, 2500000.0)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders.dates import is_duration
from newsgraph.loaders.lexicon import Lexicon, verb_stems
from newsgraph.loaders.money import find_money
from newsgraph.loaders.resolve import REPORTING, ArticleActor, Resolution, is_dateline, is_title
from newsgraph.loaders.table import normalize_name

__all__ = ["FoundClaim", "find_claims", "parse_number"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
           "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}  # fmt: skip
_VAGUE = {"dozens": 24, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "tens": 10}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2}
_APPROX = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "an estimated", "estimated",
           "closer to", "close to", "roughly", "circa", "up to an estimated", "as many as", "over", "more than",
           "at least", "up to", "fewer than", "less than", "under", "just over", "just under", "upwards of")  # fmt: skip
_MIN_WORDS = ("at least", "more than", "over", "upwards of", "just over", "as many as")
_MAX_WORDS = ("up to", "fewer than", "less than", "under", "at most", "just under")
_TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
}
_RANGE = re.compile(
    r"(?:between|from)?\s*([\d.,]+)\s*(?:%|percent|per cent)?\s*(?:and|to|-|–)\s*([\d.,]+)", re.I
)
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_REPORT_NOUNS = {"report", "statement", "estimate", "assessment", "figures", "figure", "data", "account",
                 "briefing", "estimates", "analysis", "study", "survey"}  # fmt: skip
_MEASURES = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "slay": "killed",
    "wound": "wounded", "injure": "wounded", "injured": "wounded", "injury": "wounded", "wounded": "wounded",
    "capture": "captured", "detain": "captured", "seize": "captured",
    "desert": "deserted", "defect": "deserted",
    "deploy": "deployed", "send": "deployed", "dispatch": "deployed", "transport": "deployed",
    "station": "deployed", "reposition": "deployed", "train": "deployed", "prepare": "deployed",
    "deployment": "deployed", "mobilize": "deployed", "mobilise": "deployed",
    "casualty": "casualties",
}  # fmt: skip
_SOLDIERS = {
    "troop",
    "soldier",
    "force",
    "personnel",
    "serviceman",
    "infantry",
    "fighter",
    "man",
    "men",
    "troops",
}
_VERB_NOUNS = {"meet": "meetings", "visit": "visits", "attack": "attacks", "strike": "strikes", "launch": "launches",
               "test": "tests", "call": "calls"}  # fmt: skip


@dataclass
class FoundClaim:
    """One figure with its attribution (prediction only; the writer turns it into triples)."""

    sentence: Span
    quantity_text: str
    value: float | None
    min: float | None
    max: float | None
    approximate: bool
    unit: str | None
    about: str
    speaker: ArticleActor | None
    subject_actor: ArticleActor | None
    date_tokens: Span | None
    start: int
    end: int


_RATIO_NEXT = {
    "as",
    "more",
    "higher",
    "larger",
    "bigger",
    "greater",
    "the",
    "its",
    "their",
    "his",
    "her",
    "that",
}
_DEFINITE = {"the", "these", "those", "their", "its", "his", "her"}


def parse_number(text: str) -> float | None:
    """A number from digits or words ('11,000', 'six', 'two thousand', '2.5 million'); None if it is not one."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        clean = word.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", clean):
            current += float(clean)
            seen = True
        elif word in _WORDS and (word not in {"a", "an"} or len(words) > 1):
            current += _WORDS[word]
            seen = True
        elif word in _SCALES and seen:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
        elif word in {"and"}:
            continue
        else:
            return None
    return total + current if seen else None


def _qualifier(prefix: str) -> str | None:
    prefix = prefix.lower().strip()
    for word in sorted(_APPROX, key=len, reverse=True):
        if prefix.endswith(word):
            return word
    return None


def _numeric_tokens(span: Span) -> list[Token]:
    return [
        t
        for t in span
        if t.like_num or t.lower_ in _SCALES or (t.lower_ in _WORDS and t.lower_ not in {"a", "an"})
    ]


def _unit_of(number: Token) -> Token | None:
    head = number.head
    if number.dep_ in {"nummod", "quantmod", "amod", "compound"} and head.pos_ in {
        "NOUN",
        "PROPN",
        "ADJ",
        "VERB",
    }:
        return head
    # "thousands of containers", "270 of them" (not "the 39,800 of Ines Varga": a name owns, it is not counted)
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].tag_ != "NNP":
                return objects[0]  # a singular name owns; "millions of Australians" counts Australians
    if number.i + 1 < len(number.doc) and number.doc[number.i + 1].pos_ == "NOUN":
        return number.doc[number.i + 1]
    return None


def _pronoun_speaker(res: Resolution, token: Token) -> ArticleActor | None:
    best: tuple[int, ArticleActor | None] = (-1, None)
    for span, actor in res.spans:
        if actor.type == "Person" and best[0] < span.start < token.i:
            best = (span.start, actor)
    return best[1]


#: subjects of a source verb that name no source of their own ("the data show", "the figures indicate")
_EMPTY_SUBJECTS = {"data", "figure", "figures", "statistic", "statistics", "number", "numbers", "report", "survey",
                   "study", "result", "results", "document", "documents", "record", "records", "map", "maps",
                   "estimate", "estimates", "analysis", "count", "tally", "poll", "polls"}  # fmt: skip

#: parts of an organisation that speak for it: "the Kenyan chapter of Amnesty International said"
_BRANCHES = {
    "chapter",
    "branch",
    "arm",
    "wing",
    "office",
    "unit",
    "division",
    "section",
    "bureau",
    "affiliate",
}


def _actor_of_np(res: Resolution, token: Token) -> ArticleActor | None:
    """The actor a noun phrase names: the token itself, its apposition, or an owner/modifier ("U.S. figures")."""
    if token.lower_ in _PERSON_PRONOUNS:
        return _pronoun_speaker(res, token)
    # an apposition names the speaker more precisely: "the broadcaster of Ukraine, Suspilne, reported"
    for child in token.children:
        if child.dep_ == "appos":
            found = res.actor_at(child)
            if found is not None:
                return found
    actor = res.actor_at(token)
    if actor is not None:
        return actor
    if token.pos_ in {"NOUN", "PROPN"} and is_title(token.lower_):
        # "U.S. Ambassador to the UN Nikki Haley": the parser hangs the name in the title's phrase
        last = max(token.subtree, key=lambda t: t.i)
        person = res.actor_at(last)
        if person is not None and person.type == "Person" and last.i > token.i:
            return person
    if token.lower_ in _BRANCHES:
        # "the Kenyan chapter of Amnesty International": the organisation speaks, not the state it is in
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    found = res.actor_at(obj)
                    if found is not None and found.type == "Organization":
                        return found
    # a name right on the head noun ("the JoongAng Ilbo newspaper") before its owner ("South Korea's ...")
    order = {"compound": 0, "nmod": 1, "poss": 2, "amod": 3}
    for child in sorted(token.children, key=lambda c: (order.get(c.dep_, 9), c.i)):
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            found = res.actor_at(child) or res.country_of(child)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            for obj in child.children:
                if obj.lower_ in {"whom", "which", "them"}:
                    continue
                found = _actor_of_np(res, obj)
                if found is not None:
                    return found
    return None


def _subject(res: Resolution, verb: Token) -> ArticleActor | None:
    """The actor a verb's subject (or a passive's agent) names; of two subjects the parser gives it (a dateline
    taken for one: "BARCELONA: Catalonia's leader Carles Puigdemont said"), the one that names an actor."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            found = _actor_of_np(res, child)
            if found is not None and not (found.type == "Place" and _opens_paragraph(res, child)):
                return found
        if child.dep_ == "agent":
            for obj in child.children:
                return _actor_of_np(res, obj)
    return None


def _opens_paragraph(res: Resolution, token: Token) -> bool:
    """A name that is its paragraph's dateline ("BARCELONA: …")."""
    return any(span.start <= token.i < span.end and is_dateline(span) for span, _ in res.spans)


#: the verbs whose subject is a figure's source (see ``set_sources``)
_SOURCES: set[str] = set(REPORTING)
_ACTS: set[str] = set()
#: the verbs that report (statement verbs): above an act, theirs is the source
_REPORTERS: set[str] = set(REPORTING)


def set_sources(lexicon: Lexicon) -> None:
    """Take the source verbs from a lexicon: its statement verbs and its ``[claims] sources``; and the words that
    make an actor a court (its ``court`` class: "court", "tribunal", "judge", ...)."""
    _SOURCES.clear()
    _SOURCES.update(REPORTING, lexicon.statement_verbs, lexicon.claim_sources)
    _REPORTERS.clear()
    _REPORTERS.update(REPORTING, lexicon.statement_verbs)
    _ACTS.clear()
    _ACTS.update(lexicon.claim_sources)
    _COURTS.clear()
    _COURTS.update(lexicon.classes.get("court", ()))
    _ACCUSATIONS.clear()
    _ACCUSATIONS.update(lexicon.accusations)
    _ACCUSERS.clear()
    _ACCUSERS.update(lexicon.accusers)


_ACCUSATIONS: set[str] = set()
_ACCUSERS: set[str] = set()


def _accused(number: Token) -> bool:
    """Whether a figure is what someone is accused of ("accused of hiding $5 million", "on suspicion of
    under-reporting ¥5 billion"): an accusation word above it in its clause."""
    for ancestor in number.ancestors:
        if ancestor.lower_ in _ACCUSATIONS or ancestor.lemma_.lower() in _ACCUSATIONS:
            return True
        if ancestor.dep_ in {"ROOT", "ccomp", "parataxis"} and ancestor.pos_ == "VERB":
            return False  # the figure's clause ends here
    return False


def _accuser(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who accuses, when the sentence names no source: the prosecution the sentence names, else the article's most
    named one (an organisation with an accuser's word in its name, a person in such a role)."""

    def accuses(actor: ArticleActor) -> bool:
        words = set(normalize_name(actor.label).split()) | {m.text.lower() for m in actor.mentions}
        if actor.type == "Person":
            words = {w for role in actor.roles for w in role.lower().split()}
        return bool(words & _ACCUSERS)

    accusers = [a for a in res.actors.values() if a.type in {"Organization", "Person"} and accuses(a)]
    here = [
        a for a in accusers if any(sentence.start_char <= m.start < sentence.end_char for m in a.mentions)
    ]
    if here:
        return here[0]
    return max(accusers, key=lambda a: (a.type == "Organization", len(a.mentions)), default=None)


_COURTS: set[str] = set()
#: what a fine is called: an amount of money that is one of these is a penalty
_FINES = {"fine", "fined", "penalty", "penalties", "damages"}
#: court words that name a court only as part of a longer name ("the Olympic Committee" is not a court)
_COURT_NAMES = {"court", "tribunal", "chamber", "arbitration", "jury"}


def _judicial(actor: ArticleActor) -> bool:
    """A court, tribunal or judge: an organisation whose name has a court's word, a person whose role is a judge's."""
    if actor.type == "Organization":
        return bool(set(normalize_name(actor.label).split()) & _COURT_NAMES)
    if actor.type == "Person":
        return any(
            set(role.lower().split()) & _COURTS & {"judge", "justice", "magistrate"} for role in actor.roles
        )
    return False


_PENALISING = {"sentence", "fine", "ban", "jail", "suspend", "bar", "imprison", "convict"}


def _penalised_subject(res: Resolution, length: Token, speaker: ArticleActor) -> bool:
    """Whether ``speaker`` is the subject of the penalty verb a length of time hangs on, a verb with no object:
    a headline drops the "was" of the passive ("Lee sentenced to five years"), so the subject is the one punished."""
    verb = next((t for t in [length, *length.ancestors] if t.pos_ == "VERB"), None)
    if verb is None or not _forms(verb) & _PENALISING:
        return False
    if any(c.dep_ in {"dobj", "dative"} for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and res.actor_at(c) is speaker for c in verb.children)


def _authority(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who imposes a penalty whose sentence names no source ("Lee was jailed for five years"): the court or judge
    the sentence names, else the article's (a court before a judge, the most named first; a presiding judge before
    another judge)."""
    judicial = [a for a in res.actors.values() if _judicial(a)]
    if not judicial:
        return None
    here = [
        a for a in judicial if any(sentence.start_char <= m.start < sentence.end_char for m in a.mentions)
    ]
    if here:
        return here[0]

    def rank(actor: ArticleActor) -> tuple[int, int, int]:
        presiding = any("presiding" in role.lower() for role in actor.roles)
        return (actor.type == "Organization", presiding, len(actor.mentions))

    return max(judicial, key=rank)


def _forms(token: Token) -> set[str]:
    """A verb's lemma and the stems its inflection may hide ("fined": the model's lemma is "fin")."""
    if not token.tag_.startswith("VB"):
        return {token.lemma_.lower()}
    return {token.lemma_.lower(), token.lower_, *verb_stems(token)}


def _is_source_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and bool(_forms(token) & _SOURCES)


def _agent(res: Resolution, verb: Token) -> ArticleActor | None:
    """The "by X" of a passive verb: "fined 50,000 francs by the committee"; also when the parser hangs it on the
    verb's last object ("fined 50,000 francs and Platini 80,000 francs by the committee")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                found = _actor_of_np(res, obj)
                if found is not None:
                    return found
    if not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "conj"} and c.pos_ in {"NOUN", "PROPN"}]
    for obj in objects:
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for target in child.children:
                    found = _actor_of_np(res, target)
                    if found is not None and found.type != "Place":
                        return found
    return None


def _media_after(res: Resolution, verb: Token) -> ArticleActor | None:
    """ "..., reported The Sydney Morning Herald", "reports the AP": an outlet after its reporting verb."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ in {"dobj", "attr", "nsubj", "npadvmod", "appos", "dep"}:
            found = res.actor_at(child)
            if found is not None and found.table is not None and found.table.media:
                return found
    return None


def _speaker(res: Resolution, number: Token, sentence: Span) -> tuple[ArticleActor | None, Token | None]:
    """Who puts the figure forward, and the reporting word that says so. The subject of an act that sets a figure
    ("the company will cut 2,000 jobs") is its source unless a reporting verb above it names another ("Haddix
    announced that the company will cut ...")."""
    act: tuple[ArticleActor, Token] | None = None
    # a thing a relative clause describes: "an apology for a crash that killed 181"
    described: Token | None = None
    unnamed = False  # the figure's own source verb has an unnamed subject ("most economists expected")
    for ancestor in number.ancestors:
        if ancestor.dep_ == "relcl" and ancestor.head.pos_ == "PROPN" and not _is_source_verb(ancestor):
            # "… the envoy, whom she had met twice": a relative clause on a name is the writer's background
            return None, None
        if ancestor.dep_ == "relcl" and ancestor.head.pos_ == "NOUN" and not _is_source_verb(ancestor):
            described = described or ancestor.head
        if (
            described is not None
            and _is_source_verb(ancestor)
            and _forms(ancestor).isdisjoint(_REPORTERS)
            and not _put_forward(ancestor, described)
        ):
            # "Kim issued an apology for a crash that killed 181 people": the clause describes the crash in the
            # writer's words; what the act puts forward is the apology ("showed records of a station where X got
            # 187 votes" puts the figure forward in what it shows)
            return None, None
        if _passive(ancestor):
            if _forms(ancestor) & _ACTS:
                agent = _agent(res, ancestor)
                if agent is not None:
                    return agent, ancestor  # "was fined 50,000 francs by the ethics committee"
            continue  # "he had not been told": the hearer, not the source
        if _is_source_verb(ancestor):
            inverted = _media_after(res, ancestor) if _subject(res, ancestor) is None else None
            if inverted is not None:
                return inverted, ancestor  # "..., reported the Bangkok Post" (but "X told Reuters": X speaks)
            speaker = _subject(res, ancestor)
            node = ancestor
            while (
                speaker is None
                and node.dep_ in {"advcl", "xcomp", "acl", "conj", "relcl"}
                and node.head is not node
            ):
                node = node.head
                speaker = _subject(res, node) if node.pos_ in {"VERB", "AUX"} else _actor_of_np(res, node)
            if speaker is not None:
                if act is None and _forms(ancestor).isdisjoint(_REPORTERS):
                    act = (speaker, ancestor)
                    continue
                if act is not None and _forms(ancestor).isdisjoint(_REPORTERS):
                    continue
                return speaker, ancestor
            if act is None and any(
                c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() not in _EMPTY_SUBJECTS
                for c in ancestor.children
            ):
                # "Most economists had been expecting 10.7%, but the ONS said …": the figure is the unnamed
                # economists', not the source of the clause beside it (a reporter above it still is)
                unnamed = True
        if ancestor.lemma_ in _REPORT_NOUNS and ancestor.pos_ == "NOUN":
            speaker = _actor_of_np(res, ancestor)
            if speaker is not None:
                return speaker, ancestor
    if act is not None:
        return act
    for token in sentence:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
        ):
            for obj in token.doc[token.i + 1].children:
                speaker = _actor_of_np(res, obj)
                if speaker is not None:
                    return speaker, token
        if token.lower_ == "per":  # "..., per Reuters"
            for obj in token.children:
                found = res.actor_at(obj)
                if found is not None and found.table is not None and found.table.media:
                    return found, token
    for token in sentence if not unnamed else sentence[:0]:
        # a closing attribution ("..., reported the Bangkok Post") hangs on the root as a conjunct
        closing = token.dep_ in {"conj", "parataxis"} and token.head.dep_ == "ROOT" and token.i > number.i
        if _is_source_verb(token) and (token.dep_ == "ROOT" or closing) and not _passive(token):
            inverted = _media_after(res, token) if _subject(res, token) is None else None
            if inverted is not None:
                return inverted, token
            speaker = _subject(res, token)
            if speaker is not None:
                return speaker, token
    return None, None


def _put_forward(verb: Token, thing: Token) -> bool:
    """Whether a thing is what an act puts forward: its object, or a part "of" it ("showed the records of a polling
    station"), not what the object is about ("an apology for a crash")."""
    node = thing
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in {"dobj", "obj"} and node.head.i == verb.i:
            return True
        if node.dep_ == "prep" and node.lower_ != "of":
            return False
        node = node.head
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _follow_on_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """'Reports emerged of ...' then 'X reported.' in one of the next two sentences: the report is X's.

    Only a closing attribution counts ("..., X reported." / "X reported."), not "X reported that <new fact>".
    """
    doc = sentence.doc
    end = sentence.end
    for _ in range(2):
        if end >= len(doc):
            return None
        nxt = doc[end].sent
        for token in nxt:
            if (
                token.lemma_ in {"report", "say"}
                and token.pos_ == "VERB"
                and all(c.i < token.i for c in token.children if c.dep_ == "ccomp")
            ):
                found = _subject(res, token)
                if found is not None and found.type != "Person":
                    return found
        end = nxt.end
    return None


def _merge_ranges(quantities: list[Span]) -> list[Span]:
    """ "about 10,000 to 12,000" comes out of spaCy as two numbers; joined by "to", "-" or "and" they are one range."""
    if len(quantities) < 2:
        return quantities
    doc = quantities[0].doc
    out: list[Span] = []
    for quantity in quantities:
        if out:
            last = out[-1]
            gap = doc[last.end : quantity.start]
            if (
                len(gap) == 1
                and gap[0].lower_ in {"to", "-", "–", "and"}
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


def _coordinated(number: Token, previous: FoundClaim) -> bool:
    """The figure is coordinated with the previous one of its sentence ("300 have died, and 2,700 ...")."""
    if any(t.dep_ == "conj" for t in [number, *number.ancestors][:4]):
        return True
    doc = number.doc
    gap = [t for t in doc[previous.sentence.start : number.i] if t.idx >= previous.end]
    return any(t.lower_ == "and" for t in gap) and not any(t.lemma_ in REPORTING for t in gap)


_COUNT_NOUNS = {"number", "figure", "toll", "total", "tally", "count"}
#: words that stand for the noun a figure counts when it is left out: "2,700 more", "40 others", "another 300"
_ELLIPTIC_AFTER = {"more", "others", "fewer", "less"}
_ELLIPTIC_BEFORE = {"another", "a further", "further"}


def _elliptic(number: Token, previous: FoundClaim, sentence: Span) -> bool:
    """A figure whose noun is left out because it is the previous figure's ("300 were killed ... 2,700 more were
    wounded", "another 40"), in the same sentence or the one before."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    before = doc[max(sentence.start, number.i - 2) : number.i].text.lower()
    left_out = (after is not None and after.lower_ in _ELLIPTIC_AFTER and after.pos_ != "NOUN") or (
        number.head.lower_ in _ELLIPTIC_AFTER and number.head.i == number.i + 1
    )
    left_out = left_out or (
        any(before.endswith(w) for w in _ELLIPTIC_BEFORE) and (after is None or after.pos_ != "NOUN")
    )
    # "41,210 votes against Varga's 39,870": a figure owned by another, after a counted one
    owned = previous.sentence == sentence and (
        (number.i > sentence.start and doc[number.i - 1].tag_ == "POS")
        or any(
            c.dep_ == "prep" and c.lower_ == "of" and any(o.tag_ == "NNP" for o in c.children)
            for c in number.children
        )
    )
    left_out = left_out or (owned and (after is None or after.pos_ != "NOUN"))
    if not left_out or previous.unit is None:
        return False
    before_this = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
    return previous.sentence.start >= before_this.start


def _restates_a_count(number: Token) -> bool:
    """ "the number is nearer 60", "the toll stands at 40": a figure for a count named before."""
    for ancestor in list(number.ancestors)[:4]:
        if ancestor.pos_ in {"AUX", "VERB"}:
            return any(c.dep_ == "nsubj" and c.lemma_ in _COUNT_NOUNS for c in ancestor.children)
    return False


def _people_befallen(number: Token) -> bool:
    """A bare number that is whom a death or an injury befell: the object of "kill", "injure", "wound" or the
    subject of "die" (or of their passives): people, when the text names no noun."""
    if number.dep_ not in {"dobj", "nsubj", "nsubjpass", "conj"}:
        return False
    verb = number.head
    while verb.dep_ == "conj" and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    measure = _MEASURES.get(verb.lemma_.lower()) or _MEASURES.get(verb.lower_)
    if measure not in {"killed", "wounded"}:
        return False
    if number.dep_ == "dobj":
        return True
    return number.dep_ in {"nsubjpass", "nsubj"} and (verb.lemma_.lower() in {"die"} or _passive(verb))


def _people_who(number: Token) -> bool:
    """A bare number a "who" clause describes ("844 who needed treatment", "a total of 844 who …"): people."""
    holders = [number]
    if (
        number.dep_ == "pobj"
        and number.head.lower_ == "of"
        and number.head.head.lemma_ in {"total", "number"}
    ):
        holders.append(number.head.head)
    return any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        for holder in holders
        for c in holder.children
    )


def _counted_by_subject(number: Token) -> Token | None:
    """ "the number of casualties was closer to 1,200": the noun a count noun subject counts is the unit."""
    for ancestor in list(number.ancestors)[:4]:
        if ancestor.pos_ in {"AUX", "VERB"}:
            for child in ancestor.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_ in _COUNT_NOUNS:
                    of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
                    if counted is not None and counted.pos_ == "NOUN":
                        return counted
            return None
    return None


_OPENING = {'"', "“"}
_CLOSING = {'"', "”"}


def _in_quotation(text_before: str, sentence_text: str) -> bool:
    """Whether a sentence is speech: it opens or closes a quotation, or one opened before it in its paragraph is
    still open."""
    stripped = sentence_text.strip()
    if stripped[:1] in _OPENING or stripped[-1:] in _CLOSING or stripped[-2:-1] in _CLOSING:
        return True
    straight = text_before.count('"')
    return straight % 2 == 1 or text_before.count("“") > text_before.count("”")


def _speech_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """The speaker of a reporting verb in a sentence, when it names a person or an organisation."""
    for token in sentence:
        if token.pos_ == "VERB" and _forms(token) & _REPORTERS and not _passive(token):
            speaker = _subject(res, token)
            if speaker is not None and speaker.type in {"Person", "Organization"}:
                return speaker
    return None


def _quotation_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """Who speaks a quotation that names no speaker in its own sentence: the one whose reporting verb opens or
    closes the quotation in the same paragraph ('Powell said, "We are not ... We aim for 2%."'), and for a
    paragraph that is all quotation, the speaker of the paragraph before it (up to two back)."""
    text = res.doc.text
    start = text.rfind("\n\n", 0, sentence.start_char)
    start = 0 if start < 0 else start + 2
    if not _in_quotation(text[start : sentence.start_char], sentence.text):
        return None
    before = _paragraph_sentences(sentence, backwards=True)
    after = _paragraph_sentences(sentence, backwards=False)
    for other in [*before, *after]:
        speaker = _speech_speaker(res, other)
        if speaker is not None:
            return speaker
    first = before[-1] if before else sentence
    for _ in range(2):  # a paragraph of quotation goes on with the speaker of the one before
        if text[first.start_char : first.start_char + 1] not in _OPENING or first.start == 0:
            return None
        previous = res.doc[first.start - 1].sent
        sentences = [previous, *_paragraph_sentences(previous, backwards=True)]
        for other in sentences:
            speaker = _speech_speaker(res, other)
            if speaker is not None:
                return speaker
        first = sentences[-1]
    return None


def _paragraph_sentences(sentence: Span, *, backwards: bool) -> list[Span]:
    """The other sentences of a sentence's paragraph, nearest first, before it or after it (walked from the
    sentence, so a long article is not read again for each figure)."""
    doc = sentence.doc
    text = doc.text
    start = text.rfind("\n\n", 0, sentence.start_char)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", sentence.start_char)
    end = len(text) if end < 0 else end
    out: list[Span] = []
    current = sentence
    while True:
        index = current.start - 1 if backwards else current.end
        if not 0 <= index < len(doc):
            return out
        current = doc[index].sent
        if not start <= current.start_char < end:
            return out
        if current.start != sentence.start:
            out.append(current)


def _context_speaker(res: Resolution, sentence: Span) -> ArticleActor | None:
    """A figure's source when its own clause names none: "It believes ..." (the organisation that reported last),
    else the speaker of the quotation the sentence is part of."""
    return _pronoun_source(res, sentence) or _quotation_speaker(res, sentence)


def _pronoun_source(res: Resolution, sentence: Span) -> ArticleActor | None:
    """ "It believes ...", "They estimate ...": the organisation that last reported something before."""
    root = sentence.root
    if root.lemma_ not in REPORTING:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in {"it", "they"}:
        return None
    for token in reversed(res.doc[: sentence.start]):
        if token.lemma_ in REPORTING and token.pos_ == "VERB":
            found = _subject(res, token)
            if found is not None and found.type in {"Organization", "Country"}:
                return found
    return None


def _measure(unit: Token | None, number: Token, sentence: Span) -> str | None:
    candidates: list[Token] = []
    if unit is not None:
        candidates.append(unit)
        candidates.extend(unit.ancestors)
        candidates.extend(t for t in unit.children if t.dep_ in {"acl", "relcl", "amod"})
    candidates.extend(number.ancestors)
    for token in candidates:
        if token.sent != sentence:
            continue
        measure = _MEASURES.get(token.lemma_.lower()) or _MEASURES.get(token.lower_)
        if measure:
            # "killed or wounded": the dead and the wounded together are the casualties
            joined = [c for c in token.children if c.dep_ == "conj"] + (
                [token.head] if token.dep_ == "conj" else []
            )
            # a verb with a figure of its own is that figure's ("270 killed and 2,700 injured")
            joined = [
                c for c in joined if not any(t.like_num and t.i != number.i for t in _own_words(c, token))
            ]
            others = {_MEASURES.get(c.lemma_.lower()) or _MEASURES.get(c.lower_) for c in joined}
            if {measure, *others} >= {"killed", "wounded"}:
                return "casualties"
            return measure
    return None


def _own_words(verb: Token, other: Token) -> list[Token]:
    """The words of a coordinated verb that are its own: its subtree without the other verb's, when it holds it."""
    if other in verb.subtree:
        inside = {t.i for t in other.subtree}
        return [t for t in verb.subtree if t.i not in inside]
    return list(verb.subtree)


def _nationality(res: Resolution, unit: Token | None, sentence: Span) -> ArticleActor | None:
    if unit is None:
        return None
    for token in unit.subtree:
        if token.i >= unit.i + 1 and token.dep_ not in {"compound", "amod"}:
            break
        country = res.country_of(token) if token.i != unit.i else None
        if country is not None:
            return country
    return None


def _destination(res: Resolution, unit: Token | None, number: Token) -> ArticleActor | None:
    for start in ([unit] if unit is not None else []) + [number]:
        for ancestor in [start, *start.ancestors]:
            for child in ancestor.children:
                if child.dep_ == "prep" and child.lower_ in {"to", "in", "into"}:
                    for obj in child.children:
                        actor = res.actor_at(obj)
                        if actor is not None and actor.type in {"Country", "Place"}:
                            return actor
            if ancestor.pos_ == "VERB" and ancestor.dep_ in {"ROOT", "ccomp"}:
                break
    return None


#: words that make a length of time a penalty: "sentenced to 25 years", "banned for eight years", "a four-year ban"
_PENALTY = {
    "sentence", "jail", "imprison", "imprisonment", "prison", "ban", "suspend", "suspension", "bar", "term",
    "probation", "ineligibility", "detention", "exile", "disqualify", "disqualification", "incarceration",
}  # fmt: skip
_DURATION_NUMBER = re.compile(r"\b([\w.,]+?)[- ](year|month|week|day)s?\b", re.I)


def _prison_term(term: Token) -> bool:
    """ "a five-year prison term", "handed a ten-year term": a term that is a sentence, not a term of office."""
    if any(c.lemma_.lower() in {"prison", "jail", "custodial"} for c in term.children):
        return True
    return term.head.lemma_.lower() in {"hand", "sentence", "jail", "impose"}


def _penalty(quantity: Span) -> tuple[float, str, str] | None:
    """A length of time that is a sentence or a ban: (number, unit, what it is). The model may run a date and the
    length together ("Friday to 12 years"): the length is found inside."""
    match = None
    for match in _DURATION_NUMBER.finditer(quantity.text):  # noqa: B007 - the last one is wanted
        pass
    if match is None:
        return None
    number = parse_number(match.group(1))
    if number is None:
        return None
    near = [quantity.root, *list(quantity.root.ancestors)[:4]]
    near += [t for t in quantity.doc[quantity.end : quantity.end + 3] if t.pos_ in {"NOUN", "ADP"}]
    near += [t for t in quantity.root.head.children if t.dep_ in {"prep", "pobj"}]
    for token in near:
        lemma = token.lemma_.lower()
        if lemma == "term" and not _prison_term(token):
            continue  # "her six-year term" of office is no penalty
        if lemma in _PENALTY or token.lower_ in _PENALTY:
            kind = (
                "ban"
                if lemma in {"ban", "suspend", "suspension", "bar", "ineligibility", "disqualify"}
                else ("prison sentence")
            )
            return number, match.group(2).lower() + "s", kind
        if token.lower_ == "in" and any(c.lemma_ in {"prison", "jail"} for c in token.children):
            return number, match.group(2).lower() + "s", "prison sentence"
    return None


def _count_subject_unit(number: Token) -> str | None:
    """ "The death toll has crossed 22,000": the figure counts what the subject's modifier names (deaths)."""
    for ancestor in list(number.ancestors)[:3]:
        if ancestor.pos_ not in {"AUX", "VERB"}:
            continue
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.lemma_ in _COUNT_NOUNS:
                modifiers = [c for c in child.children if c.dep_ in {"compound", "amod"} and c.pos_ == "NOUN"]
                modifier = (
                    max(modifiers, key=lambda c: c.i) if modifiers else None
                )  # "flood death toll": deaths
                if modifier is None:
                    return None
                word = modifier.lemma_.lower()
                return word[:-1] + "ies" if word.endswith("y") else word + "s"
        return None
    return None


def _in_brackets_after(doc: Doc, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Is a figure a conversion in brackets right after another ("2 million Swiss francs (£1.3 million)",
    "40 kilometres (25 miles)")?"""
    if start == 0 or doc[start - 1].text != "(" or end >= len(doc) or doc[end].text != ")":
        return False
    return any(e == start - 1 for _, e in taken)


def _money_about(number: Token) -> str:
    """What an amount is of: the noun it qualifies ("a $44 billion buyout"), else the verb it is the object of
    ("fined €1.8bn": fine; "pledged $600bn": pledge)."""
    head = number.head
    while (
        head.dep_ in {"quantmod", "nummod", "compound"}
        and head.head is not head
        and head.pos_ not in {"NOUN"}
    ):
        head = head.head
    if head.pos_ == "NOUN" and head.lemma_.lower() not in {"$", "dollar", "euro", "pound", "yen"}:
        return head.lemma_.lower()
    for ancestor in [head, *head.ancestors][:4]:
        if ancestor.pos_ == "NOUN" and ancestor.i > number.i and ancestor.lemma_.isalpha():
            return ancestor.lemma_.lower()
        if ancestor.pos_ == "VERB":
            return ancestor.lower_  # the word itself: the model's lemma of "fined" is "fin"
    return "amount"


_FRACTION = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four)[\s-])?(?P<part>half|halves|thirds?|quarters?|fifths?)"
    r"(?:\s+(?:of\s+)?(?:a|an|one)\s+(?P<unit>(?:percentage\s+)?points?|[a-z]+)"
    r"|[\s-](?P<point>(?:percentage\s+)?points?))\b",
    re.IGNORECASE,
)


def _fraction_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """A fraction of one unit as a figure: "three-quarters of a point" (0.75 percentage points), "half a
    percentage point", "a three-quarter point rise", "a half-point cut", "a quarter of a mile"; a point of a rate is
    a percentage point."""
    doc = res.doc
    out: list[FoundClaim] = []
    covered: set[int] = set()
    for match in _FRACTION.finditer(sentence.text):
        part = match.group("part").lower().rstrip("s").replace("halve", "half")
        count = (match.group("count") or "one").lower()
        value = (1 if count in {"a", "an", "one"} else _WORDS[count]) * _FRACTIONS[part]
        unit = (match.group("unit") or match.group("point")).lower()
        unit = "percentage points" if unit.endswith(("point", "points")) else unit + "s"
        span = doc.char_span(
            sentence.start_char + match.start(), sentence.start_char + match.end(), alignment_mode="expand"
        )
        if span is None or unit.rstrip("s") in _TIME_UNITS:
            continue
        covered.update(range(span.start, span.end))
        speaker, _ = _speaker(res, span.root, sentence)
        out.append(
            FoundClaim(
                sentence=sentence,
                quantity_text=span.text,
                value=round(value, 4),
                min=None,
                max=None,
                approximate=False,
                unit=unit,
                about=unit,
                speaker=speaker or _context_speaker(res, sentence),
                subject_actor=None,
                date_tokens=None,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return out, covered


def _money_claims(res: Resolution, sentence: Span) -> tuple[list[FoundClaim], set[int]]:
    """Every amount of money in a sentence as a claim, and the tokens they cover."""
    doc = res.doc
    out: list[FoundClaim] = []
    covered: set[int] = set()
    taken: list[tuple[int, int]] = []
    base = sentence.start_char
    for money in find_money(sentence.text):
        span = doc.char_span(base + money.start, base + money.end, alignment_mode="expand")
        if span is None:
            continue
        if _in_brackets_after(doc, span.start, span.end, taken):
            covered.update(range(span.start, span.end))
            continue
        taken.append((span.start, span.end))
        covered.update(range(span.start, span.end))
        numbers = [t for t in span if t.like_num] or [span.root]
        number = numbers[-1]
        prefix = doc[max(sentence.start, span.start - 3) : span.start].text
        qualifier = _qualifier(prefix)
        low = money.amount if qualifier in _MIN_WORDS else None
        high = money.amount if qualifier in _MAX_WORDS else None
        speaker, _ = _speaker(res, number, sentence)
        about = _money_about(number)
        if speaker is None and about in _FINES:
            speaker = _authority(res, sentence)
        if speaker is None and _accused(number):
            speaker = _accuser(res, sentence)
        if speaker is None:
            speaker = _context_speaker(res, sentence)
        out.append(
            FoundClaim(
                sentence=sentence,
                quantity_text=span.text,
                value=money.amount,
                min=low,
                max=high,
                approximate=qualifier is not None,
                unit=money.unit,
                about=about,
                speaker=speaker,
                subject_actor=None,
                date_tokens=None,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return out, covered


def find_claims(res: Resolution) -> list[FoundClaim]:
    """Every figure in the article that is a count or amount of something, with its source."""
    set_sources(res.rules.lexicon)
    doc = res.doc
    claims: list[FoundClaim] = []
    previous: FoundClaim | None = None
    last_nationality: ArticleActor | None = None
    date_like = {
        i for e in _doc.ents(doc) if e.label_ in {"DATE", "TIME", "ORDINAL"} for i in range(e.start, e.end)
    }
    for sentence in doc.sents:
        money, in_money = _money_claims(res, sentence)
        claims.extend(money)
        parts, in_parts = _fraction_claims(res, sentence)
        claims.extend(parts)
        in_money |= in_parts
        quantities: list[Span] = _merge_ranges(
            [
                e
                for e in _doc.ents_in(sentence)
                if e.label_ in {"CARDINAL", "QUANTITY", "PERCENT"}
                and not any(i in in_money for i in range(e.start, e.end))
            ]
        )
        penalties = [e for e in _doc.ents_in(sentence) if e.label_ == "DATE" and _penalty(e) is not None]
        covered = {i for q in quantities for i in range(q.start, q.end)} | in_money
        for token in sentence:
            if token.lower_ in _VAGUE and token.i not in covered and token.pos_ == "NOUN":
                # "tens of thousands": one figure, the one scale times the other
                end = token.i + 1
                if end + 1 < sentence.end and doc[end].lower_ == "of" and doc[end + 1].lower_ in _VAGUE:
                    end += 2
                quantities.append(doc[token.i : end])
                covered.update(range(token.i, end))
            elif (  # a count the entity recogniser missed ("said 900 Russian soldiers had been killed")
                token.i not in covered
                and token.i not in date_like
                and token.pos_ == "NUM"
                and token.dep_ == "nummod"
                and token.like_num
                and not token.ent_type_
            ):
                quantities.append(Span(doc, token.i, token.i + 1, label="CARDINAL"))
        quantities.sort(key=lambda q: q.start)
        for term in penalties:
            number_of, unit_of, kind = _penalty(term)  # type: ignore[misc]
            speaker, _ = _speaker(res, term.root, sentence)
            if speaker is not None and _penalised_subject(res, term.root, speaker):
                speaker = None  # "Lee sentenced to five years" (a headline's passive): Lee is not the source
            if speaker is None:
                speaker = _authority(res, sentence)
            claims.append(
                FoundClaim(
                    sentence=sentence,
                    quantity_text=term.text,
                    value=number_of,
                    min=None,
                    max=None,
                    approximate=False,
                    unit=unit_of,
                    about=kind,
                    speaker=speaker,
                    subject_actor=None,
                    date_tokens=None,
                    start=term.start_char,
                    end=term.end_char,
                )
            )
        converted: list[tuple[int, int]] = []
        for quantity in quantities:
            if any(i in date_like for i in range(quantity.start, quantity.end)) or is_duration(quantity.text):
                continue
            if _in_brackets_after(doc, quantity.start, quantity.end, converted):
                continue  # "40 kilometres (25 miles)": one figure
            converted.append((quantity.start, quantity.end))
            numbers = _numeric_tokens(quantity) or [quantity.root]
            number = numbers[-1]
            if number.i > 0 and (
                doc[number.i - 1].text in {"-", "Article", "No.", "#"}
                or (
                    doc[number.i - 1].is_title
                    and doc[number.i - 1].pos_ == "PROPN"
                    and not doc[number.i - 1].ent_type_
                )
            ):
                continue
            if (
                re.search(r"[A-Za-z]", number.text)
                and number.lower_ not in _WORDS
                and number.lower_ not in _SCALES
                and number.lower_ not in _VAGUE
            ):
                continue
            text = quantity.text
            prefix_tokens = doc[max(sentence.start, quantity.start - 3) : quantity.start].text
            qualifier = _qualifier(prefix_tokens + " " + text.split(numbers[0].text)[0]) if numbers else None
            value: float | None
            low: float | None = None
            high: float | None = None
            approximate = qualifier is not None
            vague = [t for t in quantity if t.lower_ in _VAGUE]
            if quantity.root.lower_ in _VAGUE or (len(quantity) == 1 and number.lower_ in _VAGUE):
                low = (
                    float(math.prod(_VAGUE[t.lower_] for t in vague))
                    if vague
                    else float(_VAGUE[number.lower_])
                )
                value, approximate = None, True  # "hundreds of thousands": at least 100,000
            else:
                match = _RANGE.search(text)
                if match and len(numbers) >= 2:
                    low, high = parse_number(match.group(1)), parse_number(match.group(2))
                    value = None
                else:
                    value = parse_number(" ".join(t.text for t in numbers))
                if value is None and low is None:
                    continue
                after = doc[quantity.end : quantity.end + 2]
                if (
                    len(after) == 2
                    and after[0].lower_ == "times"
                    and (after[1].lower_ in _RATIO_NEXT or after[1].dep_ in {"poss", "det"})
                ):
                    continue  # "three times its estimate", "four times as many": a ratio, not a count
                if (
                    value == 2
                    and doc[quantity.start - 1].lower_ in _DEFINITE
                    and quantity.start > sentence.start
                ):
                    continue  # "the two men", "their two countries": a pair already named, not a count
                if qualifier in _MIN_WORDS:
                    low = value
                elif qualifier in _MAX_WORDS:
                    high = value
            unit_token = _unit_of(number)
            if unit_token is None and len(numbers) >= 2:
                unit_token = _unit_of(
                    numbers[0]
                )  # "between 1,000 and 3,000 soldiers": the unit hangs on the first
            if quantity.label_ == "QUANTITY":
                unit_token = next((t for t in reversed(quantity) if t.pos_ == "NOUN"), unit_token)
            unit = (
                unit_token.lower_ if unit_token is not None and unit_token.pos_ in {"NOUN", "PROPN"} else None
            )
            if unit_token is not None and unit_token.lower_ in {"them", "whom", "those", "these", "which"}:
                unit = previous.unit if previous is not None else None
            if unit in {"times"}:
                unit = _VERB_NOUNS.get(
                    number.head.head.lemma_ if number.head.lower_ == "times" else number.head.lemma_
                )
            if (
                unit is None
                and previous is not None
                and number.dep_ in {"conj", "npadvmod", "nsubj", "nsubjpass", "dobj", "nummod"}
                and previous.sentence == sentence
            ):
                unit = previous.unit
            counted = _counted_by_subject(number) if unit is None else None
            if counted is not None:  # "the number of casualties was closer to 1,200"
                unit_token, unit = counted, counted.lower_
            if unit is None and previous is not None and _restates_a_count(number):
                unit = previous.unit  # "at least 40 soldiers … officials put the number nearer 60"
                unit_token = None
            elliptic = unit is None and previous is not None and _elliptic(number, previous, sentence)
            if elliptic and previous is not None:
                unit = previous.unit  # "300 soldiers were killed. The agency said 2,700 more were wounded"
            if unit is None:
                unit = _count_subject_unit(number)  # "the death toll has crossed 22,000"
            if unit is None and (_people_befallen(number) or _people_who(number)):
                unit = "people"  # "the shelling killed nine and injured 14", "at least 212 have died"
            if quantity.label_ == "PERCENT":
                unit = "%"
            if unit is None or unit.rstrip("s") in _TIME_UNITS or (value == 1 and not approximate):
                continue
            if value == 1 and qualifier in {"more than", "over", "just over"}:
                continue  # "more than one company": several, not a figure
            speaker, _ = _speaker(res, number, sentence)
            if (
                speaker is None
                and previous is not None
                and previous.sentence == sentence
                and _coordinated(number, previous)
            ):
                speaker = previous.speaker  # "90 civilians had died, and 310 had been wounded"
            if speaker is None:
                speaker = _context_speaker(res, sentence)
            if (
                speaker is None
                and re.search(r"\breports?\b", sentence.text)
                and "reportedly" not in sentence.text
            ):
                speaker = _follow_on_speaker(res, sentence)
            measure = _measure(unit_token, number, sentence)
            if unit == "casualties":
                measure = None
            nationality = _nationality(res, unit_token, sentence)
            if (
                nationality is None
                and unit_token is not None
                and unit_token.lower_ in {"them", "whom", "those"}
            ):
                nationality = last_nationality
            if (
                nationality is None
                and previous is not None
                and previous.sentence == sentence
                and previous.subject_actor is not None
                and previous.subject_actor.type == "Country"
            ):
                nationality = previous.subject_actor
            if nationality is None and elliptic and previous is not None:
                nationality = previous.subject_actor if previous.subject_actor is not None else None
                if nationality is not None and nationality.type != "Country":
                    nationality = None
            if nationality is not None:
                last_nationality = nationality
            about = _about(
                res,
                nationality,
                unit,
                measure,
                _destination(res, unit_token, number) if measure == "deployed" else None,
            )
            owner = _figure_owner(res, number, unit_token)
            found = FoundClaim(
                sentence=sentence,
                quantity_text=text,
                value=value,
                min=low,
                max=high,
                approximate=approximate,
                unit=unit,
                about=about,
                speaker=speaker,
                subject_actor=owner or nationality,
                date_tokens=None,
                start=quantity.start_char,
                end=quantity.end_char,
            )
            claims.append(found)
            previous = found
    return claims


#: verbs whose subject a count belongs to: "Castillo obtained 187 votes", "the party won 61 seats"
_HOLDING = {"win", "get", "obtain", "receive", "take", "have", "secure", "garner", "poll", "score", "earn", "lose",
            "gain", "hold", "keep", "tally", "total", "collect", "register", "record", "post", "report",
            # the one a penalty or a payment falls on: "Blatter was fined 50,000 francs"
            "fine", "sentence", "ban", "jail", "suspend", "award", "pay", "order", "charge"}  # fmt: skip


def _figure_owner(res: Resolution, number: Token, unit: Token | None) -> ArticleActor | None:
    """The actor a figure is of, when the text says so: a possessive on it ("Varga's 39,870", "Apple's
    revenue of $90bn") or the subject of the verb that has it ("Castillo obtained 187 votes"). Two such figures
    are tallies of two actors, not two sources disagreeing."""
    for token in (number, unit):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ == "poss":
                found = res.actor_at(child)
                if found is not None:
                    return found
    head = (unit or number).head if (unit or number).dep_ in {"dobj", "attr", "nummod", "pobj"} else None
    for verb in [head, *(head.ancestors if head is not None else [])][:2]:
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if _forms(verb) & _HOLDING:
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    found = res.actor_at(child)
                    if found is not None and found.type in {"Person", "Organization", "Country"}:
                        return found
        break
    return None


def _about(
    res: Resolution,
    nationality: ArticleActor | None,
    unit: str | None,
    measure: str | None,
    destination: ArticleActor | None,
) -> str:
    noun = unit or "units"
    singular = noun[:-1] if noun.endswith("s") else noun
    if singular in _SOLDIERS or noun in _SOLDIERS:
        noun = "troops" if measure == "deployed" else "soldiers"
    if measure == "casualties":  # "4,000 soldiers killed or wounded"
        noun, measure = "casualties", None
    demonym = None
    if nationality is not None:
        demonym = res.table.demonym_of(nationality.iri.rsplit("/", 1)[-1]) or nationality.label
    parts = [p for p in (demonym, noun, measure) if p]
    about = " ".join(parts)
    if destination is not None and destination is not nationality:
        about += f" to {destination.label}"
    return about
