"""Entity resolution: from spaCy spans to the article's actors.

The rules, each registered in the ``resolution`` or ``descriptions`` phase of ``ontology/rules.toml``:

* **table names** - labels and aliases of the pinned actor tables match case-insensitively (acronyms and short
  names exactly), hyphen and spacing variants included ("Kim Jong-un" is "Kim Jong Un"); an unknown full name close
  to a table person's is that person (:mod:`~newsgraph.loaders._known`);
* **metonymy** - a capital or seat of power that is not a physical location in its sentence stands for its state:
  "Seoul said", "ties with Moscow", "Seoul's defence minister";
* **bare surnames** - a one-word person name is the nearest preceding full name whose family name it is
  (:mod:`~newsgraph.loaders.surnames`);
* **acronyms** - "Long Name (LN)" makes LN an alias of Long Name in that article;
* **forms of one name** - spellings, legal suffixes, short forms and longer names are one actor
  (:mod:`~newsgraph.loaders._merge`);
* **unnamed groups, institutions by function, titles and appositions** (:mod:`~newsgraph.loaders.groups`);
* **descriptions and pronouns** that refer back (:mod:`~newsgraph.loaders.nominals`,
  :mod:`~newsgraph.loaders.pronouns`).

Actors not in the table get IRIs minted from their normalised names, so one person in two articles is one node.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.loaders import _doc, names
from newsgraph.loaders._known import (
    acronyms_of_things,
    choose,
    common_nouns,
    defines,
    fuzzy_person,
    is_dateline,
    is_location,
    is_title,
    pycountry_name,
    table_spans,
    trim,
)
from newsgraph.loaders._labels import NAMES, NO_INITIALS
from newsgraph.loaders._merge import core_name, initials_of, merge_name_forms
from newsgraph.loaders._states import government_names
from newsgraph.loaders.canonical import decide_types, names_a_product
from newsgraph.loaders.groups import (
    acronym_mentions,
    described_institutions,
    described_speakers,
    group_actors,
    members,
    peoples_for_their_state,
    roles,
)
from newsgraph.loaders.nominals import nominal_mentions
from newsgraph.loaders.offices import place_offices
from newsgraph.loaders.pronouns import quoted_pronouns
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.surnames import (
    couple,
    kin_surname,
    pair_modifier,
    person_family_names,
    resolve_surname,
    untagged_surnames,
)
from newsgraph.loaders.table import ActorTable, TableActor, normalize_name, slug
from newsgraph.ontology import DATA

__all__ = ["ArticleActor", "Mention", "Resolution", "is_dateline", "is_title", "resolve"]

_ACTOR = str(DATA["actor/"])


@dataclass
class Mention:
    """A span of article text that names an actor."""

    text: str
    start: int
    end: int
    sentence: int
    token_start: int
    token_end: int


@dataclass
class ArticleActor:
    """An actor as it appears in one article: canonical identity plus what the article says of it."""

    iri: str
    label: str
    type: str
    wikidata: str | None = None
    table: TableActor | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    #: an unnamed group described by its kind ("Ukrainian government officials"), not a named actor
    group: bool = False

    def add_mention(self, mention: Mention) -> None:
        if mention.text not in self.aliases:
            self.aliases.append(mention.text)
        self.mentions.append(mention)

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


@dataclass
class Resolution:
    """The actors of one article and which tokens name which actor, with the rules' context (``rules``)."""

    doc: Doc
    rules: Rules
    actors: dict[str, ArticleActor] = field(default_factory=dict)
    token_actor: dict[int, ArticleActor] = field(default_factory=dict)
    spans: list[tuple[Span, ArticleActor]] = field(default_factory=list)
    #: states a lookup named that the article has no record of yet: made a record of (``ensure``) only if used
    looked_up: dict[str, ArticleActor] = field(default_factory=dict)
    #: what the model's labels say each actor named by the text is, mention by mention (IRI -> type -> count)
    votes: dict[str, Counter[str]] = field(default_factory=dict)
    #: the first token after the headline (0: the article has none)
    headline_end: int = 0
    #: the states the article's amounts of money count for, with where each amount starts (found once: rule
    #: ``states_by_their_currency``)
    currency_states: list[tuple[str, int]] | None = None

    def vote(self, actor: ArticleActor, kind: str) -> None:
        """Record that one mention of ``actor`` reads as a ``kind`` (Person, Organization, Place)."""
        self.votes.setdefault(actor.iri, Counter())[kind] += 1

    @property
    def table(self) -> ActorTable:
        return self.rules.table

    def actor_at(self, token: Token | int) -> ArticleActor | None:
        return self.token_actor.get(token if isinstance(token, int) else token.i)

    def actors_in(self, tokens: Iterable[Token]) -> list[ArticleActor]:
        seen: dict[str, ArticleActor] = {}
        for token in tokens:
            actor = self.token_actor.get(token.i)
            if actor is not None:
                seen.setdefault(actor.iri, actor)
        return list(seen.values())

    def country_of(self, token: Token) -> ArticleActor | None:
        """The state a token names as a demonym ('Ukrainian'), a state name or a metonym. A lookup: a state the
        article has no record of is not made one here (a rule that uses it as a participant or a source does so,
        and ``used`` lists it)."""
        actor = self.token_actor.get(token.i)
        if actor is not None and actor.type == "Country":
            return actor
        ent = _doc.ent_at(token)
        if ent is not None and ent.label_ != "NORP":
            ent = None
        text = ent.text if ent is not None else _demonym_span_text(token)
        country = self.table.country_of_demonym(text)
        if country is None:
            return None
        found = self.actors.get(country.iri)
        if found is None:
            found = self.looked_up.get(country.iri) or self._record(country)
            self.looked_up[country.iri] = found
        return found

    def ensure(self, row: TableActor) -> ArticleActor:
        """The article's record of a table actor, created if needed (without a mention)."""
        actor = self.actors.get(row.iri)
        if (
            actor is None and row.iri in self.looked_up
        ):  # a state looked up before: the same record, now the article's
            actor = self.actors[row.iri] = self.looked_up.pop(row.iri)
        if actor is None:
            actor = self.actors[row.iri] = self._record(row)
        return actor

    @staticmethod
    def _record(row: TableActor) -> ArticleActor:
        actor = ArticleActor(iri=row.iri, label=row.label, type=row.type, wikidata=row.wikidata, table=row)
        if row.affiliation:
            actor.affiliation = _ACTOR + row.affiliation
        return actor

    def mint(self, label: str, type_: str) -> ArticleActor:
        # an organisation's IRI leaves out its legal suffix: "Walt Disney Co." in one article and "Walt Disney
        # Company" in another are one node
        iri = _ACTOR + slug(core_name(label, self.rules.names) if type_ == "Organization" else label)
        actor = self.actors.get(iri)
        if actor is None:
            actor = ArticleActor(iri=iri, label=label, type=type_)
            self.actors[iri] = actor
        return actor

    def attach(
        self,
        span: Span,
        actor: ArticleActor,
        sentence: int,
        *,
        name: bool = True,
        keep: bool = False,
        listed: bool = True,
        absorb: bool = False,
        tokens: Iterable[Token] | None = None,
    ) -> None:
        """Record ``span`` as a mention of ``actor`` in sentence number ``sentence`` (the one way a mention is
        attached): its tokens name the actor (``keep``: only those no other actor holds); unless ``name`` is false
        (a pronoun, a description) its text is one of the actor's names; unless ``listed`` is false (a pronoun) it
        joins the article's named spans, replacing those inside it when it ``absorb``s them; ``tokens`` (the
        span's by default) are the ones that name the actor. A person's honorific ("Mr Namazi") is part of the
        mention."""
        if actor.type == "Person" and name and tokens is None and self.rules.on("honorifics"):
            # "Mr Namazi": the honorific is part of how the text names the person
            honorifics = self.rules.names.classes["honorifics"]
            start = span.start
            while start > 0 and (
                self.doc[start - 1].lower_.rstrip(".") in honorifics
                or (
                    self.doc[start - 1].text == "." and start > 1 and self.doc[start - 2].lower_ in honorifics
                )
            ):
                start -= 1
            span = self.doc[start : span.end]
        mention = Mention(span.text, span.start_char, span.end_char, sentence, span.start, span.end)
        if name:
            actor.add_mention(mention)
        else:
            actor.mentions.append(mention)
        for token in span if tokens is None else tokens:
            if keep:
                self.token_actor.setdefault(token.i, actor)
            else:
                self.token_actor[token.i] = actor
        if absorb:
            self.spans = [(s, a) for s, a in self.spans if not (span.start <= s.start and s.end <= span.end)]
        if listed:
            self.spans.append((span, actor))


def _demonym_span_text(token: Token) -> str:
    """'Korean' in 'South Korean' is read with its compound: 'South Korean'."""
    parts = [t.text for t in token.lefts if t.dep_ == "compound" and t.i == token.i - 1] + [token.text]
    return " ".join(parts)


def resolve(doc: Doc, rules: Rules, nlp: Language, *, headline_end: int = 0) -> Resolution:
    """Find and resolve the actors of one article parsed by ``nlp``; ``headline_end`` is the first token after the
    headline (0 when the article has none)."""
    res = Resolution(doc=doc, rules=rules, headline_end=headline_end)
    known = table_spans(doc, rules, nlp)
    covered = {i for span, _ in known for i in range(span.start, span.end)}
    names.refine(doc, rules, protected=covered, headline_end=headline_end, nouns=common_nouns(nlp))
    _doc.forget_ents(doc)
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    sent_of = {}
    for sent in doc.sents:
        for token in sent:
            sent_of[token.i] = sent_index[sent.start]

    items: list[tuple[Span, list[TableActor] | None]] = list(known)
    for ent in _doc.ents(doc):
        if ent.label_ not in NAMES or ent.label_ == "NORP":
            continue
        trimmed = trim(rules, ent)
        if trimmed is None or any(i in covered for i in range(trimmed.start, trimmed.end)):
            continue
        items.append((trimmed, None))
    items.sort(key=lambda item: item[0].start)
    if rules.on("acronyms_of_things"):
        things = acronyms_of_things(doc)
        items = [item for item in items if item[0].text not in things]

    acronyms = _acronyms(res, items)
    pending = _named_actors(res, items, acronyms, sent_of)
    if rules.on("bodies_named_by_their_owner"):
        _owners_named(res, items, sent_of)
    _surnames(res, pending)
    decide_types(res)
    if rules.on("forms_of_one_name"):
        merge_name_forms(res)
    acronym_mentions(res, acronyms, sent_of)
    untagged_surnames(res, sent_of)
    described_institutions(res, sent_of)
    group_actors(res, sent_of)
    described_speakers(res, sent_of)
    peoples_for_their_state(res, sent_of)
    roles(res)
    place_offices(res, sent_of)
    nominal_mentions(res, sent_of)
    members(res, sent_of)
    government_names(res)
    quoted_pronouns(res, sent_of)
    return res


def _owners_named(
    res: Resolution, items: list[tuple[Span, list[TableActor] | None]], sent_of: dict[int, int]
) -> None:
    """ "the UN refugee agency", "the United Nations' migration agency": a body the press names by its owner and
    common words names the owner too, an actor of the article (rule ``bodies_named_by_their_owner``)."""
    for span, rows in items:
        row = rows[0] if rows and len(rows) == 1 else None
        owner = res.table.by_key.get(row.affiliation) if row is not None and row.affiliation else None
        if owner is None or owner.type != "Organization":
            continue
        for k in range(1, min(len(span), 4)):
            rest = [t for t in span[k:] if t.is_alpha and t.text not in owner.names]
            if span[:k].text in owner.names and rest and all(t.is_lower for t in rest):
                res.attach(span[:k], res.ensure(owner), sent_of[span.start], keep=True, tokens=())
                break


def _acronyms(res: Resolution, items: list[tuple[Span, list[TableActor] | None]]) -> dict[str, str]:
    """The acronyms the article defines: "Long Name (LN)" (the bracket may be left open by a cut page; rule
    ``acronyms``), and an acronym with its article ("the AFP") after an organisation whose initials it is ("the
    Australian Federal Police have said"; rule ``acronyms_with_their_article``). The article's own definition wins
    over the table's ("Australian Federal Police (AFP)" is not the news agency)."""
    doc = res.doc
    acronyms: dict[str, str] = {}
    if not res.rules.on("acronyms"):
        return acronyms
    for span, _ in items:
        end = span.end
        if end + 1 < len(doc) and doc[end].text == "(":
            acronym = doc[end + 1].text
            if defines(span.text, acronym):
                acronyms[acronym] = span.text
    if not res.rules.on("acronyms_with_their_article"):
        return acronyms
    earlier: dict[str, tuple[int, str]] = {}
    for span, _ in items:
        if span.label_ not in NO_INITIALS and len(span) >= 2 and not span.text.isupper():
            for letters in initials_of(res.rules, span.text):
                earlier.setdefault(letters, (span.start, span.text))
    for span, _ in items:
        text = span.text
        if (
            text not in acronyms
            and text in earlier
            and earlier[text][0] < span.start
            and span.start > 0
            and doc[span.start - 1].lower_ == "the"
        ):
            acronyms[text] = earlier[text][1]
    return acronyms


def _named_actors(
    res: Resolution,
    items: list[tuple[Span, list[TableActor] | None]],
    acronyms: dict[str, str],
    sent_of: dict[int, int],
) -> list[tuple[Span, int]]:
    """Each table name and each name of the model's becomes a mention of an actor; returns the bare surnames, which
    wait until every full name is known."""
    rules = res.rules
    table = rules.table
    doc = res.doc
    pending_surnames: list[tuple[Span, int]] = []
    for span, candidates in items:
        sentence = sent_of[span.start]
        if not candidates and span.label_ in {"ORG", "PERSON", "PRODUCT"} and names_a_product(res, span):
            continue  # "a Veltro 737-800", "the Lumio app": a product (a maker the table knows stays an actor)
        if (
            candidates
            and span.text in acronyms
            and not any(
                normalize_name(acronyms[span.text]) in map(normalize_name, c.names) for c in candidates
            )
        ):
            defined = table.lookup(acronyms[span.text])
            actor = res.ensure(defined[0]) if defined else res.mint(acronyms[span.text], "Organization")
            res.attach(span, actor, sentence)
            continue
        if candidates:
            if (
                span.root.dep_ in {"compound", "amod"}
                and span.root.head.i >= span.end
                and span[-1].is_lower
                and rules.on("aliases_as_attributes")
                and not _institution_of_a_named_person(rules, span)
            ):
                continue  # "North Korean military officers": the alias is an attribute here, not the institution
            row = choose(candidates, res, span)
            with_article = f"the {span.text.lower()}"
            if (
                span.start > 0
                and doc[span.start - 1].lower_ == "the"
                and with_article in map(str.lower, row.names)
            ):
                span = doc[
                    span.start - 1 : span.end
                ]  # "the Kremlin", "the Pentagon": the name has its article
            if row.stands_for and (
                _seat_of_power(rules, row, span) or not is_location(span, res, row.stands_for)
            ):
                res.attach(span, res.ensure(table.by_key[row.stands_for]), sentence)
            else:
                res.attach(span, res.ensure(row), sentence)
            continue
        label = span.label_
        text = " ".join(span.text.split())
        if rules.words.has("compass", text.lower()) or table.country_of_demonym(text) is not None:
            continue
        if (
            label in {"ORG", "GPE"}
            and len(text.split()) == 1
            and any(
                normalize_name(text) in person_family_names(a)
                for a in res.actors.values()
                if a.type == "Person"
            )
            and rules.on("surnames_the_model_mislabels")
        ):
            label = "PERSON"
        if pair_modifier(span, text, res):
            continue  # "the first Trump-Kim summit", "Putin-Xi talks": two actors' names make a modifier
        if label == "PERSON":
            words = text.split()
            if any(not w[:1].isupper() and not rules.names.has("particles", w) for w in words) or any(
                ch.isdigit() for ch in text
            ):
                continue
            known_surname = bool(table.by_surname(text)) or any(
                normalize_name(text) in person_family_names(a)
                for a in res.actors.values()
                if a.type == "Person"
            )  # "Kim and Vladimir Putin": Kim is a person named before by surname, not Putin's spouse
            if (
                len(words) == 1
                and not known_surname
                and couple(span) is not None
                and rules.on("given_names_sharing_a_surname")
            ):
                # "Faaso and Malui Fonua Tone": the given name takes the surname of the name it is joined to
                res.attach(span, res.mint(f"{text} {couple(span)}", "Person"), sentence)
                continue
            if len(words) == 1:
                pending_surnames.append((span, sentence))
                continue
            row_or_none = fuzzy_person(rules, text)
            if text.isupper():
                text = text.title()  # "BRENDAN SMIALOWSKI" in a credit is Brendan Smialowski
            actor = res.ensure(row_or_none) if row_or_none else res.mint(text, "Person")
            res.attach(span, actor, sentence)
            res.vote(actor, "Person")
        elif label == "ORG":
            if not text[:1].isupper() or text[:1].isdigit() or len(text) < 2:
                continue
            if text in acronyms and table.lookup(acronyms[text]):
                res.attach(span, res.ensure(table.lookup(acronyms[text])[0]), sentence)
                continue
            full = acronyms.get(text, text)
            actor = res.mint(full, "Organization")
            res.attach(span, actor, sentence)
            res.vote(actor, "Place" if _seat_of_an_office(rules, span) else "Organization")
        elif label == "GPE":
            name = pycountry_name(text)
            if name is not None:
                rows = table.lookup(name)
                actor = res.ensure(rows[0]) if rows else res.mint(name, "Country")
            else:
                actor = res.mint(text.title() if text.isupper() and len(text) > 4 else text, "Place")
            res.attach(span, actor, sentence)  # a dateline in capitals: "BARCELONA" is Barcelona
            res.vote(actor, actor.type)
        elif label in {"LOC", "FAC"} and text[:1].isupper():
            actor = res.mint(text, "Place")
            res.attach(span, actor, sentence)
            res.vote(actor, "Place")
    return pending_surnames


def _institution_of_a_named_person(rules: Rules, span: Span) -> bool:
    """ "Greek coast guard spokesman Nikos Alexiou": the alias before a title and a name is the institution the
    person speaks for, not an attribute (rule ``institutions_in_a_title``)."""
    head = span.root.head
    after = head.i + 1
    return (
        rules.on("institutions_in_a_title")
        and is_title(rules, head.lower_)
        and after < len(span.doc)
        and span.doc[after].pos_ == "PROPN"
    )


def _seat_of_power(rules: Rules, row: TableActor, span: Span) -> bool:
    """ "Talks at the White House": a seat of power names the government it houses wherever it stands, but as a
    dateline (rule ``seats_of_power``)."""
    return row.seat and rules.on("seats_of_power") and not is_dateline(span)


def _seat_of_an_office(rules: Rules, span: Span) -> bool:
    """ "the mayor of Bergen": the name an office of a place is held "of" is a place, whatever the model's label
    (rule ``seats_of_offices``; ``words.toml`` [place_offices])."""
    head = span.root.head
    return (
        rules.on("seats_of_offices")
        and span.root.dep_ == "pobj"
        and head.lower_ == "of"
        and rules.words.has("place_offices", head.head.lemma_.lower())
    )


def _surnames(res: Resolution, pending: list[tuple[Span, int]]) -> None:
    """Bare surnames, now that every full name is known; a surname no full name explains is a person of that name
    when the text makes it one: a title or an honorific before it, or said twice ("President Bush ... Bush said";
    rule ``surnames_of_their_own``)."""
    doc = res.doc
    honorifics = res.rules.names.classes["honorifics"]
    unresolved: list[tuple[Span, int]] = []
    for span, sentence in pending:
        surname_actor = resolve_surname(res, span)
        family = kin_surname(res, span) if surname_actor is None else None
        if surname_actor is not None:
            res.attach(span, surname_actor, sentence)
        elif family is not None:
            res.attach(span, res.mint(f"{span.text} {family}", "Person"), sentence)  # "his son Idris"
        else:
            unresolved.append((span, sentence))
    if not res.rules.on("surnames_of_their_own"):
        return
    said = Counter(normalize_name(span.text) for span, _ in unresolved)
    for span, sentence in unresolved:
        before = doc[span.start - 1] if span.start > 0 else None
        titled = before is not None and (
            is_title(res.rules, before.lower_) or before.lower_.rstrip(".") in honorifics
        )
        if (
            (titled or said[normalize_name(span.text)] >= 2)
            and span.text.isalpha()
            and span.text[:1].isupper()
        ):
            res.attach(span, res.mint(span.text, "Person"), sentence)
