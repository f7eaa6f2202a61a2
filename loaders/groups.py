"""Actors the text names by what they are: unnamed groups that speak or act for a state ("South Korean officials
said", "according to officials", "Ukrainian forces captured"), a state's institutions named by function ("South
Korea's spy agency"), an organisation's members ("allies" in its official's words), acronyms the model missed, and
the roles and affiliations that titles and appositions give people ("Seoul's defence minister, Kim Yong-hyun").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.loaders import _doc
from newsgraph.loaders._known import is_title, trim
from newsgraph.loaders._labels import ARGUMENT, NOUN_MODIFIER, SUBJECTS
from newsgraph.loaders._merge import core_name, initials_of
from newsgraph.loaders._states import home_country, state_name
from newsgraph.loaders.table import normalize_name, slug
from newsgraph.ontology import DATA

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution

__all__ = [
    "acronym_mentions",
    "described_institutions",
    "described_speakers",
    "group_actors",
    "members",
    "peoples_for_their_state",
    "roles",
]

_ACTOR = str(DATA["actor/"])


def _title_before(res: Resolution, span: Span) -> tuple[str | None, ArticleActor | None]:
    """A title right before a name ("NATO Secretary-General", "Seoul's defence minister,", "Ukrainian President")."""
    rules = res.rules
    doc = res.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words: list[Token] = []
    while i >= 0 and not doc[i].is_sent_end:
        joined = (
            words
            and (
                doc[i].text == "-"
                or (doc[i].lower_ == "and" and i > 0 and is_title(rules, doc[i - 1].lower_))
            )
        )  # "Secretary-General", "Crown Prince and Prime Minister Mohammed bin Salman": one office and another
        if not (is_title(rules, doc[i].lower_) or joined):
            break
        words.insert(0, doc[i])
        i -= 1
    while words and words[0].text == "-":
        words.pop(0)
    if not words or all(rules.names.has("empty_titles", w.lower_) for w in words):
        return None, None
    owner: ArticleActor | None = None
    if i >= 1 and rules.words.has("possessive_marks", doc[i].text):
        owner = res.actor_at(i - 1)
    elif i >= 0:
        owner = res.actor_at(i) or res.country_of(doc[i])
    title = "".join(w.text_with_ws if w.i < words[-1].i else w.text for w in words).lower()
    after = _apposition_after(res, span)[1]
    if owner is None and after is not None:
        owner = after
    if owner is not None and owner.type in {"Country", "Organization"}:
        return f"{title} of {owner.label}", owner
    return title, None


def _apposition_after(res: Resolution, span: Span) -> tuple[str | None, ArticleActor | None]:
    """ ", a professor at Kyiv's Institute of History," or " of Ukraine's Defense Intelligence"."""
    doc = res.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of":
        org = next(
            (a for a in map(res.actor_at, doc[i + 1 : i + 6]) if a is not None and a.type == "Organization"),
            None,
        )
        if org is not None:
            return None, org
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an", "the"}:
        words = []
        j = i + 2
        while j < len(doc) and is_title(res.rules, doc[j].lower_):
            words.append(doc[j].text)
            j += 1
        if words and j < len(doc) and res.rules.words.has("affiliation_prepositions", doc[j].lower_):
            org = next(
                (
                    a
                    for a in map(res.actor_at, doc[j + 1 : j + 8])
                    if a is not None and a.type in {"Organization", "Country"}
                ),
                None,
            )
            if org is not None:
                return f"{' '.join(words).lower()} {doc[j].lower_} {org.label}", org
        if words:
            return " ".join(words).lower(), None
    return None, None


def roles(res: Resolution) -> None:
    """A title before a person's name, or an apposition after it, gives the person's role and affiliation (rule
    ``titles_and_appositions``)."""
    if not res.rules.on("titles_and_appositions"):
        return
    for span, actor in list(res.spans):
        if actor.type != "Person":
            continue
        role, owner = _title_before(res, span)
        if role is None:
            role, owner = _apposition_after(res, span)
        if role and role not in actor.roles:
            actor.roles.append(role)
        if owner is not None and actor.affiliation is None:
            actor.affiliation = owner.iri


def acronym_mentions(res: Resolution, acronyms: dict[str, str], sent_of: dict[int, int]) -> None:
    """An acronym the model did not take for a name ("RSF fighters", "ROWS engineers") is a mention of the
    organisation the article defined it for, or whose initials it is when exactly one organisation has them."""
    if not res.rules.on("acronyms_the_model_missed"):
        return
    by_initials: dict[str, list[ArticleActor]] = {}
    for actor in res.actors.values():
        if actor.type == "Organization" and actor.mentions and len(actor.label.split()) >= 2:
            for letters in initials_of(res.rules, actor.label):
                by_initials.setdefault(letters, []).append(actor)
    for token in res.doc:
        text = token.text
        if token.i in res.token_actor or not (text.isalpha() and text.isupper() and 2 <= len(text) <= 7):
            continue
        target: ArticleActor | None = None
        if text in acronyms:
            rows = res.table.lookup(acronyms[text])
            target = (
                res.ensure(rows[0])
                if rows
                else res.actors.get(_ACTOR + slug(core_name(acronyms[text], res.rules.names)))
            )
        elif len(by_initials.get(text, [])) == 1:
            target = by_initials[text][0]
        if target is not None:
            res.attach(res.doc[token.i : token.i + 1], target, sent_of[token.i])


def members(res: Resolution, sent_of: dict[int, int]) -> None:
    """ "At the summit NATO's chief Mark Rutte told reporters that allies …": a bare "allies" or "members" in the words of an
    international organisation's official stands for that organisation's members, i.e. the organisation."""
    if not res.rules.on("members_of_an_organisation"):
        return
    for token in res.doc:
        if (
            not res.rules.names.has("member_words", token.lower_)
            or token.i in res.token_actor
            or any(token.lefts)
        ):
            continue
        sentence = token.sent
        for span, actor in res.spans:
            if (
                actor.type != "Person"
                or not (sentence.start <= span.start < sentence.end)
                or not actor.affiliation
            ):
                continue
            owner = res.actors.get(actor.affiliation)
            if owner is None and actor.affiliation.startswith(_ACTOR):
                row = res.table.by_key.get(actor.affiliation[len(_ACTOR) :])
                owner = res.ensure(row) if row is not None else None
            if owner is not None and owner.type == "Organization" and not owner.affiliation:
                res.attach(res.doc[token.i : token.i + 1], owner, sent_of[token.i], name=False, listed=False)
                break


def _tells_someone(res: Resolution, verb: Token) -> bool:
    """Whether a reporting verb says whom it was told to: an outlet or a person named ("told Bloomberg")."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and verb.lemma_ == "tell":
            actor = res.actor_at(child)
            if actor is not None and actor.type in {"Organization", "Person"}:
                return True
    return False


def _stateless_group(res: Resolution, head: Token, sent_of: dict[int, int]) -> None:
    """An unnamed group of no state that tells an outlet something: a group actor named by its own words."""
    words = [t for t in head.lefts if t.dep_ in {"amod", "compound"} and t.is_alpha] + [head]
    if len(words) < 2:
        return  # "officials told Reuters": which officials the text does not say
    span = res.doc[words[0].i : head.i + 1]
    label = span.text[:1].upper() + span.text[1:]
    actor = res.mint(label, "Organization")
    actor.group = True
    res.attach(span, actor, sent_of[head.i], keep=True)


def _state_of_unnamed_group(res: Resolution, head: Token) -> ArticleActor | None:
    """The state an unnamed group speaks for ("…, according to officials"; "Prosecutors said"): the one state named
    in its sentence, else the state the article is most about. A group with a word of its own before it that is
    no place word ("rebel officials", "party officials") speaks for no state."""
    if any(t.dep_ in NOUN_MODIFIER and t.lower_ not in {"local", "senior", "top"} for t in head.lefts):
        return None
    states = {
        actor.iri: actor
        for token in head.sent
        if (actor := res.actor_at(token)) is not None and actor.type == "Country"
    }
    if len(states) == 1:
        return next(iter(states.values()))
    return home_country(res) if not states else None


def _region_of_demonym(res: Resolution, words: Span) -> ArticleActor | None:
    """The region a nationality word names when the table knows no state for it: a place of the article whose name
    it shares its first five letters with ("Catalan" / "Catalonia", "Bavarian" / "Bavaria")."""
    for token in words:
        if token.ent_type_ != "NORP" or len(token.text) < 5:
            continue
        stem = token.lower_[:5]
        places = {
            a.iri: a
            for a in res.actors.values()
            if a.type == "Place" and a.mentions and normalize_name(a.label).startswith(stem)
        }
        if len(places) == 1:
            return next(iter(places.values()))
    return None


def _group_label(
    res: Resolution, head: Token, country: ArticleActor, demonym_text: str | None
) -> tuple[str, str]:
    mods = {t.lower_ for t in head.lefts if t.dep_ in {"compound", "amod"}}
    dem = demonym_text or res.table.demonym_of(country.iri[len(_ACTOR) :]) or country.label
    word = head.lower_
    if word in {"government", "representatives", "authorities"} or "government" in mods:
        return f"Government of {state_name(res.rules, country.label)}", "Organization"
    if word == "media":
        return (f"{dem} state media" if "state" in mods else f"{dem} media"), "Organization"
    if "intelligence" in mods or "spy" in mods or word == "intelligence":
        return f"{dem} intelligence officials", "Organization"
    if "defense" in mods or "defence" in mods:
        return f"{dem} defense officials", "Organization"
    if "military" in mods and word in {"officials", "official", "sources"}:
        return f"{dem} military officials", "Organization"
    local = "local " if "local" in mods else ""
    return f"{dem} {local}{word if word.endswith('s') else word + 's'}", "Organization"


def described_institutions(res: Resolution, sent_of: dict[int, int]) -> None:
    """A state's institution named by its function: "South Korea's spy agency", "the Russian defence ministry",
    "Seoul's intelligence service" resolve to that state's agency or ministry in the actor table."""
    if not res.rules.on("institutions_named_by_function"):
        return
    functions = res.rules.words.table("institution_words")
    heads = {key.split()[-1] for key in functions}
    doc = res.doc
    for head in doc:
        if head.lower_ not in heads or head.i in res.token_actor:
            continue
        left = list(head.lefts)
        kind = next(
            (
                functions[f"{t.lower_} {head.lower_}"]
                for t in left
                if f"{t.lower_} {head.lower_}" in functions
            ),
            functions.get(head.lower_),
        )
        if kind is None and head.lower_ == "ministry":
            for prep in head.rights:  # "ministry of defence"
                if prep.lower_ == "of":
                    kind = next((functions.get(f"{o.lower_} ministry") for o in prep.children), None)
        if kind is None:
            continue
        country = None
        for token in doc[head.left_edge.i : head.i]:
            found = res.country_of(token)
            if found is not None and found.type == "Country":
                country = found
        if (
            country is None
            and left
            and left[0].lower_ == "the"
            and (head.pos_ == "NOUN" or head.is_lower)  # the tagger's "PROPN" on "the coast guard"
            and res.rules.on("institutions_of_the_home_state")
        ):
            country = home_country(res)  # "the coastguard said": the article's state's
        if country is None:
            continue
        row = res.table.institution(country.iri[len(_ACTOR) :], kind)
        if row is None:
            continue
        actor = res.ensure(row)
        start = head.left_edge.i
        if doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        span = doc[start : head.i + 1]
        res.attach(span, actor, sent_of[head.i], absorb=True)


def group_actors(res: Resolution, sent_of: dict[int, int]) -> None:
    """Unnamed groups that speak or act: a state's officials, media and government (rule ``unnamed_groups``), the
    state of a group that names none (``groups_that_name_no_state``) or a region's (``regional_groups``), a group of
    no state that tells an outlet (``groups_of_no_state_that_tell_an_outlet``), and a state's troops that act
    militarily, its armed forces (``armed_forces``)."""
    rules = res.rules
    names = rules.names
    if not rules.on("unnamed_groups"):
        return
    doc = res.doc
    for head in doc:
        if (
            not names.has("group_heads", head.lower_)
            or head.pos_ not in {"NOUN", "PROPN"}
            or head.i in res.token_actor
        ):
            continue
        left = head.left_edge.i
        country: ArticleActor | None = None
        demonym_text: str | None = None
        for token in doc[left : head.i]:
            if token.ent_type_ == "NORP" or token.i in res.token_actor:
                found = res.country_of(token)
                if found is not None:
                    country = found
                    named = next((s for s, a in res.spans if s.start <= token.i < s.end), None)
                    ent = _doc.ent_at(token)
                    if token.ent_type_ == "NORP" and ent is not None:
                        demonym_text = ent.text
                    elif named is not None and named.root.dep_ in {"compound", "amod", "nmod"}:
                        demonym_text = named.text
        if country is None:
            for prep in head.rights:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "of"}:
                    for obj in prep.children:
                        actor = res.actor_at(obj)
                        if actor is not None and actor.type == "Country":
                            country = actor
                        elif (
                            actor is not None
                            and actor.type == "Place"
                            and names.has("stateless_groups", head.lower_)
                        ):
                            # "prosecutors in Tokyo": the state whose capital it is
                            row = actor.table
                            if row is not None and row.stands_for:
                                country = res.ensure(res.table.by_key[row.stands_for])
        verb = head.head
        speaks = head.dep_ in {"nsubj"} and verb.lemma_ in rules.lexicon.reporting
        according = head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according"
        by_agent = head.dep_ == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent"
        if country is None and names.has("stateless_groups", head.lower_) and rules.on("regional_groups"):
            country = _region_of_demonym(res, doc[left : head.i])  # "Catalan authorities" after "Catalonia"
        if (
            country is None
            and names.has("stateless_groups", head.lower_)
            and (speaks or according)
            and rules.on("groups_that_name_no_state")
        ):
            country = _state_of_unnamed_group(res, head)
        if (
            country is None
            and head.lower_ in {"officials", "sources"}
            and speaks
            and _tells_someone(res, verb)
            and rules.on("groups_of_no_state_that_tell_an_outlet")
        ):
            _stateless_group(res, head, sent_of)  # "Two senior humanitarian officials told Bloomberg"
            continue
        if country is None:
            continue
        span = doc[left : head.i + 1]
        if names.has("armed_heads", head.lower_) and not any(
            t.lower_ in {"officials", "media"} for t in span
        ):
            acting = (head.dep_ == "nsubj" and rules.words.has("military_action", verb.lemma_)) or (
                head.dep_ == "pobj" and rules.words.has("fighting_prepositions", verb.lower_)
            )
            if not acting or not rules.on("armed_forces"):
                continue
            row = res.table.institution(country.iri[len(_ACTOR) :], "armed forces")
            actor = res.ensure(row) if row else res.mint(f"Armed Forces of {country.label}", "Organization")
        elif (
            speaks
            or according
            or by_agent
            or head.dep_ == "nsubj"
            or (head.dep_ == "poss" and head.lower_ in {"government", "authorities", "administration"})
        ):  # "Turkish authorities' response": the government whose act it is
            label, type_ = _group_label(res, head, country, demonym_text)
            actor = res.mint(label, type_)
            actor.affiliation = country.iri
            actor.group = True
        else:
            continue
        trimmed = trim(rules, span) or span
        res.attach(trimmed, actor, sent_of[head.i], keep=True)


def described_speakers(res: Resolution, sent_of: dict[int, int]) -> None:
    """An organisation the article describes but does not name, as the source of what is said ("a Norwegian
    refugee charity said", "according to a local human rights group"): an actor named by its description (rule
    ``described_organisations_that_speak``). Its head noun's first sense is a group (WordNet's noun.group), not a
    gathering of people (name class ``gatherings``); it is indefinite (a definite one refers back to a named one),
    has words of its own before its head (a bare "a charity" says too little to be told apart) and none of an
    outlet's (name class ``outlet_words``: "a news agency reported")."""
    rules = res.rules
    if not rules.on("described_organisations_that_speak"):
        return
    for head in res.doc:
        if head.pos_ != "NOUN" or head.i in res.token_actor or rules.names.has("gatherings", head.lower_):
            continue
        classes = rules.wordclasses.noun(head.lemma_.lower())
        if not classes or classes[0] != "group":
            continue
        verb = head.head
        speaks = head.dep_ == "nsubj" and verb.lemma_ in rules.lexicon.reporting
        according = head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according"
        if not (speaks or according):
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children):
            continue
        if any(c.dep_ == "appos" and res.actor_at(c) is not None for c in head.children):
            continue  # "a local group, the Harbour Committee, said": the name is the speaker
        words = [t for t in head.lefts if t.dep_ in {"amod", "compound", "nmod"} and not t.is_punct]
        span = res.doc[min(t.left_edge.i for t in words) : head.i + 1] if words else None
        if span is None or any(
            (named := res.actor_at(t)) is not None and named.type != "Country" for t in span
        ):
            continue  # "a Harbour Aid group": a name of its own
        if any(rules.names.has("outlet_words", t.lower_) for t in span):
            continue  # "a news agency reported": an outlet the article does not name is no actor
        label = span.text[:1].upper() + span.text[1:]
        actor = res.mint(label, "Organization")
        actor.group = True
        res.attach(span, actor, sent_of[head.i], keep=True)


def peoples_for_their_state(res: Resolution, sent_of: dict[int, int]) -> None:
    """ "We warned the Russians", "the Americans and the Chinese met": a state's people named with "the" as who acts
    or is acted on stand for the state (rule ``peoples_for_their_state``); "Russian troops", "the Russian people"
    are no such mention."""
    rules = res.rules
    if not rules.on("peoples_for_their_state"):
        return
    doc = res.doc
    for token in doc:
        if token.ent_type_ != "NORP" or token.tag_ != "NNPS" or token.i in res.token_actor:
            continue
        if token.dep_ not in SUBJECTS and token.dep_ not in ARGUMENT and token.dep_ not in {"conj", "dative"}:
            continue
        det = next((c for c in token.children if c.dep_ == "det" and c.lower_ == "the"), None)
        if det is None or det.i != token.i - 1:
            continue
        verb = token.head
        if (
            token.dep_ in SUBJECTS
            and verb.tag_ in {"VB", "VBP"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        ):
            continue  # "to help the Palestinians achieve peace": a people in a bare infinitive's clause
        row = res.table.country_of_demonym(token.text)
        if row is None and token.text.endswith("s"):
            row = res.table.country_of_demonym(token.text[:-1])
        if row is None or row.type != "Country":
            continue
        res.attach(doc[det.i : token.i + 1], res.ensure(row), sent_of[token.i], keep=True)
