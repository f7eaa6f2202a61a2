"""What a figure counts: its unit (the noun counted), what befell it (killed, wounded, deployed …), whose it is
(a nationality, an owner) and where it went; and the figures whose noun is left out or named elsewhere ("2,700
more", "the number was nearer 60", "the death toll has crossed 22,000", "the shelling killed nine").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.loaders._labels import BEFALLEN, COUNTED_HEADS, FIGURE_HOLDER, NUMBER_ON_NOUN, SUBJECTS
from newsgraph.loaders._syntax import passive
from newsgraph.loaders.found import FoundClaim
from newsgraph.loaders.resolve import ArticleActor, Resolution
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.sources import forms

__all__ = [
    "about",
    "coordinated",
    "count_of",
    "count_subject_unit",
    "counted_by_subject",
    "destination",
    "elliptic",
    "estimated_count",
    "figure_owner",
    "measure",
    "money_about",
    "nationality",
    "people_befallen",
    "people_told_tersely",
    "people_who",
    "restates_a_count",
    "unit_of",
]


def unit_of(number: Token) -> Token | None:
    """The noun a number counts: the noun it modifies, what it is "of" ("thousands of containers", "270 of them";
    not "the 39,800 of Ines Varga": a name owns, it is not counted), or the noun after it."""
    head = number.head
    if number.dep_ in NUMBER_ON_NOUN and head.pos_ in COUNTED_HEADS:
        return head
    if number.dep_ == "conj" and head.lower_ == "all" and head.head.pos_ in COUNTED_HEADS:
        return head.head  # "all but three lawmakers"
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].tag_ != "NNP":
                return objects[0]  # a singular name owns; "millions of Australians" counts Australians
    if number.i + 1 < len(number.doc) and number.doc[number.i + 1].pos_ == "NOUN":
        return number.doc[number.i + 1]
    return None


def coordinated(rules: Rules, number: Token, previous: FoundClaim) -> bool:
    """The figure is coordinated with the previous one of its sentence ("300 have died, and 2,700 ...")."""
    if any(t.dep_ == "conj" for t in [number, *number.ancestors][:4]):
        return True
    doc = number.doc
    gap = [t for t in doc[previous.sentence.start : number.i] if t.idx >= previous.end]
    return any(t.lower_ == "and" for t in gap) and not any(t.lemma_ in rules.lexicon.reporting for t in gap)


def elliptic(rules: Rules, number: Token, previous: FoundClaim, sentence: Span) -> bool:
    """A figure whose noun is left out because it is the previous figure's ("300 were killed ... 2,700 more were
    wounded", "another 40"), in the same sentence or the one before (rule ``elliptic_figures``)."""
    if not rules.on("elliptic_figures"):
        return False
    words = rules.words
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    before = doc[max(sentence.start, number.i - 2) : number.i].text.lower()
    left_out = (after is not None and words.has("elliptic_after", after.lower_) and after.pos_ != "NOUN") or (
        words.has("elliptic_after", number.head.lower_) and number.head.i == number.i + 1
    )
    left_out = left_out or (
        any(before.endswith(w) for w in words.ordered("elliptic_before"))
        and (after is None or after.pos_ != "NOUN")
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


def restates_a_count(rules: Rules, number: Token) -> bool:
    """ "the number is nearer 60", "the toll stands at 40": a figure for a count named before (rule
    ``restated_counts``)."""
    if not rules.on("restated_counts"):
        return False
    for ancestor in list(number.ancestors)[:4]:
        if ancestor.pos_ in {"AUX", "VERB"}:
            return any(
                c.dep_ == "nsubj" and rules.words.has("count_nouns", c.lemma_) for c in ancestor.children
            )
    return False


def people_befallen(rules: Rules, number: Token) -> bool:
    """A bare number that is whom a death or an injury befell: the object of "kill", "injure", "wound" or the
    subject of "die" (or of their passives): people, when the text names no noun."""
    if number.dep_ not in BEFALLEN:
        return False
    verb = number.head
    while verb.dep_ == "conj" and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    measures = rules.words.table("measures")
    befell = measures.get(verb.lemma_.lower()) or measures.get(verb.lower_)
    if befell not in {"deaths", "injuries", "crowd"}:
        return False
    if number.dep_ == "dobj":
        return True
    # "at least 212 have died", "200,000 had gathered"
    return number.dep_ in {"nsubjpass", "nsubj"} and (
        verb.lemma_.lower() == "die" or passive(verb) or befell == "crowd"
    )


def people_told_tersely(rules: Rules, number: Token) -> bool:
    """ "11 arrested after 137 killed", "30 dead, 200 injured": a bare number right before the word of what befell
    them (table ``measures``: a death, an injury, a detention, the missing), as headlines and tallies write it,
    counts people (rule ``tallies_without_a_noun``; the measures a tally counts: word class ``tally_measures``)."""
    if not rules.on("tallies_without_a_noun") or number.i + 1 >= len(number.doc):
        return False
    after = number.doc[number.i + 1]
    if after.tag_ not in {"VBN", "VBD", "JJ"}:
        return False
    measures = rules.words.table("measures")
    befell = measures.get(after.lemma_.lower()) or measures.get(after.lower_)
    return befell is not None and rules.words.has("tally_measures", befell)


def people_who(number: Token) -> bool:
    """A bare number a "who" clause describes ("844 who needed treatment", "a total of 844 who …"): people."""
    holders = [number]
    if (
        number.dep_ == "pobj"
        and number.head.lower_ == "of"
        and number.head.head.lemma_ in {"total", "number"}
    ):
        holders.append(number.head.head)
    return any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ in SUBJECTS for g in c.children)
        for holder in holders
        for c in holder.children
    )


def estimated_count(rules: Rules, number: Token) -> Token | None:
    """ "Police put the crowd at 80,000", "estimated the number of children at 120", "put that number higher, at
    about 40": the object of the verb whose "at" the figure follows is what it counts (rule ``counts_put_at``)."""
    if not rules.on("counts_put_at") or number.dep_ != "pobj" or number.head.lower_ != "at":
        return None
    verb = number.head.head
    if verb.pos_ == "ADV" and verb.head.pos_ == "VERB":
        verb = verb.head  # "put that number higher, at about 40"
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)


def counted_by_subject(rules: Rules, number: Token) -> Token | None:
    """ "the number of casualties was closer to 1,200": the noun a count noun subject counts is the unit (rule
    ``the_number_of``)."""
    if not rules.on("the_number_of"):
        return None
    for ancestor in list(number.ancestors)[:4]:
        if ancestor.pos_ in {"AUX", "VERB"}:
            for child in ancestor.children:
                if child.dep_ in SUBJECTS and rules.words.has("count_nouns", child.lemma_):
                    of = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
                    if counted is not None and counted.pos_ == "NOUN":
                        return counted
            return None
    return None


def count_subject_unit(rules: Rules, number: Token) -> str | None:
    """ "The death toll has crossed 22,000": the figure counts what the subject's modifier names (deaths; rule
    ``counts_named_by_their_subject``)."""
    if not rules.on("counts_named_by_their_subject"):
        return None
    for ancestor in list(number.ancestors)[:3]:
        if ancestor.pos_ not in {"AUX", "VERB"}:
            continue
        for child in ancestor.children:
            if child.dep_ == "nsubj" and rules.words.has("count_nouns", child.lemma_):
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


def count_of(rules: Rules, number: Token, previous: FoundClaim | None) -> str | None:
    """ "a toll of 143", "an estimate of up to 400": a figure "of" a count noun counts what the noun's modifier
    names ("a death toll of 50": deaths), people for a toll, else what the figure before counted (rule
    ``counts_named_by_their_subject``)."""
    if not rules.on("counts_named_by_their_subject") or number.dep_ != "pobj":
        return None
    noun: Token | None = number.head.head if number.head.lower_ == "of" else None
    if noun is None and number.head.head.pos_ in {"VERB", "AUX"}:  # "bringing the toll to 81", "rose to 81"
        noun = next(
            (
                c
                for c in number.head.head.children
                if c.dep_ in SUBJECTS | {"dobj"} and rules.words.has("count_nouns", c.lemma_.lower())
            ),
            None,
        )
    if noun is None or not rules.words.has("count_nouns", noun.lemma_.lower()):
        return None
    modifiers = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.pos_ == "NOUN"]
    if modifiers:
        word = modifiers[-1].lemma_.lower()
        return word[:-1] + "ies" if word.endswith("y") else word + "s"
    if noun.lemma_.lower() == "toll":
        return "people"
    before = number.doc[number.sent.start - 1].sent if number.sent.start > 0 else number.sent
    return previous.unit if previous is not None and previous.sentence.start >= before.start else None


def measure(rules: Rules, unit: Token | None, number: Token, sentence: Span) -> str | None:
    """What befell what a figure counts, by the nearest word of the word class ``measures`` on its noun or above
    it; the dead and the wounded together are the casualties (rule ``measures``)."""
    if not rules.on("measures"):
        return None
    measures = rules.words.table("measures")
    candidates: list[Token] = []
    if people_told_tersely(rules, number):
        candidates.append(number.doc[number.i + 1])  # "137 killed": the word right after the tally says it
    if unit is not None:
        candidates.append(unit)
        candidates.extend(unit.ancestors)
        candidates.extend(t for t in unit.children if t.dep_ in {"acl", "relcl", "amod"})
    candidates.extend(number.ancestors)
    for token in candidates:
        if token.sent != sentence:
            continue
        found = measures.get(token.lemma_.lower()) or measures.get(token.lower_)
        if found:
            # "killed or wounded": the dead and the wounded together are the casualties
            joined = [c for c in token.children if c.dep_ == "conj"] + (
                [token.head] if token.dep_ == "conj" else []
            )
            # a verb with a figure of its own is that figure's ("270 killed and 2,700 injured")
            joined = [
                c for c in joined if not any(t.like_num and t.i != number.i for t in _own_words(c, token))
            ]
            others = {measures.get(c.lemma_.lower()) or measures.get(c.lower_) for c in joined}
            if {found, *others} >= {"deaths", "injuries"}:
                return "casualties"
            return str(found)
    return None


def _own_words(verb: Token, other: Token) -> list[Token]:
    """The words of a coordinated verb that are its own: its subtree without the other verb's, when it holds it."""
    if other in verb.subtree:
        inside = {t.i for t in other.subtree}
        return [t for t in verb.subtree if t.i not in inside]
    return list(verb.subtree)


def nationality(res: Resolution, unit: Token | None) -> ArticleActor | None:
    """The state a figure's noun names as its own: "North Korean soldiers" (rule ``nationalities``)."""
    if unit is None or not res.rules.on("nationalities"):
        return None
    for token in unit.subtree:
        if token.i >= unit.i + 1 and token.dep_ not in {"compound", "amod"}:
            break
        country = res.country_of(token) if token.i != unit.i else None
        if country is not None:
            return country
    return None


def destination(res: Resolution, unit: Token | None, number: Token) -> ArticleActor | None:
    """Where those deployed are sent: "sent 3,000 troops to Russia" (rule ``destinations``)."""
    if not res.rules.on("destinations"):
        return None
    towards = res.rules.words["destination_prepositions"]
    for start in ([unit] if unit is not None else []) + [number]:
        for ancestor in [start, *start.ancestors]:
            for child in ancestor.children:
                if child.dep_ == "prep" and child.lower_ in towards:
                    for obj in child.children:
                        actor = res.actor_at(obj)
                        if actor is not None and actor.type in {"Country", "Place"}:
                            return actor
            if ancestor.pos_ == "VERB" and ancestor.dep_ in {"ROOT", "ccomp"}:
                break
    return None


def money_about(rules: Rules, number: Token) -> str:
    """What an amount is of: the noun it qualifies ("a $44 billion buyout"), else the verb it is the object of
    ("fined €1.8bn": fine; "pledged $600bn": pledge)."""
    head = number.head
    while (
        head.dep_ in {"quantmod", "nummod", "compound"}
        and head.head is not head
        and head.pos_ not in {"NOUN"}
    ):
        head = head.head
    if head.pos_ == "NOUN" and not rules.words.has("currency_nouns", head.lemma_.lower()):
        return head.lemma_.lower()
    for ancestor in [head, *head.ancestors][:4]:
        if ancestor.pos_ == "NOUN" and ancestor.i > number.i and ancestor.lemma_.isalpha():
            return ancestor.lemma_.lower()
        if ancestor.pos_ == "VERB":
            return ancestor.lower_  # the word itself: the model's lemma of "fined" is "fin"
    return "amount"


def figure_owner(res: Resolution, number: Token, unit: Token | None) -> ArticleActor | None:
    """The actor a figure is of, when the text says so: a possessive on it ("Varga's 39,870", "Apple's
    revenue of $90bn") or the subject of the verb that has it ("Castillo obtained 187 votes"; word class
    ``holding``). Two such figures are tallies of two actors, not two sources disagreeing (rule ``figure_owners``)."""
    if not res.rules.on("figure_owners"):
        return None
    for token in (number, unit):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ == "poss":
                found = res.actor_at(child)
                if found is not None:
                    return found
    head = (unit or number).head if (unit or number).dep_ in FIGURE_HOLDER else None
    for verb in [head, *(head.ancestors if head is not None else [])][:2]:
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if forms(verb) & res.rules.words["holding"]:
            for child in verb.children:
                if child.dep_ in SUBJECTS:
                    found = res.actor_at(child)
                    if found is not None and found.type in {"Person", "Organization", "Country"}:
                        return found
        break
    return None


def about(
    res: Resolution,
    owner: ArticleActor | None,
    unit: str | None,
    befell: str | None,
    where: ArticleActor | None,
) -> str:
    """What a figure counts, in words: the owner's demonym, the noun (soldiers and troops as one) and what befell
    it (the participle of its measure, ``befell``), and where it went ("North Korean troops deployed to Russia")."""
    befell = (
        res.rules.measures[befell].befallen if befell is not None and befell in res.rules.measures else None
    )
    noun = unit or "units"
    singular = noun[:-1] if noun.endswith("s") else noun
    if res.rules.words.has("soldiers", singular) or res.rules.words.has("soldiers", noun):
        noun = "troops" if befell == "deployed" else "soldiers"
    if befell == "casualties":  # "4,000 soldiers killed or wounded"
        noun, befell = "casualties", None
    demonym = None
    if owner is not None:
        demonym = res.table.demonym_of(owner.iri.rsplit("/", 1)[-1]) or owner.label
    parts = [p for p in (demonym, noun, befell) if p]
    text = " ".join(parts)
    if where is not None and where is not owner:
        text += f" to {where.label}"
    return text
