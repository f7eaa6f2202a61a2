"""Entity resolution: from spaCy spans to the article's actors.

Rules, each a linguistic phenomenon rather than a list of strings from one article:

* **table names** - labels and aliases of the pinned actor table match case-insensitively (acronyms and short
  names exactly), hyphen and spacing variants included ("Kim Jong-un" is "Kim Jong Un");
* **name variants** - an unknown full name close to a table name (same number of words, rapidfuzz ratio >= 90 on
  the normalised form) is that person ("Zelenskyy" / "Zelensky");
* **metonymy** - a capital or seat of power that is not a physical location in its sentence (not the object of
  "in", "at", "to", "near"..., nor the owner of a named institution) stands for its state: "Seoul said",
  "ties with Moscow", "Seoul's defence minister";
* **bare surnames** - a one-word person name is the nearest preceding full name in the article whose family name
  it is (first word for names written family-name first, else last); failing that the only table person of that
  surname, or the next full name that follows;
* **acronyms** - "Long Name (LN)" makes LN an alias of Long Name in that article;
* **possessive titles and appositions** - "Seoul's defence minister Kim Yong-hyun", "Ukrainian President
  Volodymyr Zelensky", "Lim Eul-chul, a professor at X" give the person's role and affiliation;
* **unnamed groups** - "Ukrainian government officials", "intelligence officials in South Korea", "U.S. defense
  officials", "Ukrainian media" become group actors when they speak or act; "Ukrainian forces" acting militarily
  are the state's armed forces.

Actors not in the table get IRIs minted from their normalised names, so one person in two articles is one node.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from newsgraph.loaders import _doc, names
from newsgraph.loaders._merge import core_name, initials_of, merge_name_forms
from newsgraph.loaders.nominals import nominal_mentions
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.table import ActorTable, TableActor, normalize_name, slug
from newsgraph.ontology import DATA

__all__ = ["ArticleActor", "Resolution", "resolve"]

_ACTOR = str(DATA["actor/"])

LOCATIVE_PREPS = {
    "in", "at", "near", "to", "into", "inside", "outside", "around", "toward", "towards",
    "across", "via", "through", "within", "on", "onto", "over", "beyond", "off",
}  # fmt: skip
_MOTION = {"leave", "depart", "head", "fly", "sail", "set", "bound", "travel", "drive", "go", "return"}
#: nouns a capital modifies as the state: "the Seoul government", "Moscow officials"
_STATE_NOUNS = {
    "government", "regime", "officials", "official", "authorities", "leadership", "administration", "side",
    "delegation", "envoy", "ambassador", "diplomats", "diplomacy", "policy", "stance", "position", "leaders",
}  # fmt: skip
LOCATIVE_VERBS = {"visit", "reach", "leave", "enter", "strike", "bomb", "shell", "attack", "tour", "arrive"}
POSSESSIVE = {"'s", "’s", "'", "’"}
TITLE_WORDS = {
    "president", "prime", "minister", "ministers", "secretary", "secretary-general", "general", "lieutenant",
    "major", "colonel", "admiral", "commander", "chief", "head", "leader", "director", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "chancellor", "premier", "senator", "rep.",
    "representative", "lawmaker", "professor", "analyst", "researcher", "governor", "mayor", "adviser",
    "advisor", "official", "deputy", "vice", "chairman", "chairwoman", "chair", "king", "queen", "emperor",
    "defence", "defense", "foreign", "interior", "finance", "intelligence", "vice-foreign", "supreme",
    "first", "lady", "former", "acting", "opposition", "army", "military", "navy", "air", "force",
    "national", "security", "state", "sen.", "gen.", "lt.", "col.", "dr.", "spy", "unification", "top",
    "senior", "deputy-director", "vice-president", "vice-minister", "press", "foreign-minister",
    "commander-in-chief", "speaker", "justice", "trade", "economy", "energy",
}  # fmt: skip
GROUP_HEADS = {
    "officials", "official", "media", "forces", "troops", "soldiers", "military", "army", "government",
    "representatives", "authorities", "diplomats", "sources", "intelligence", "servicemen", "officers",
    "prosecutors", "investigators",
}  # fmt: skip
#: unnamed groups that speak for a state without naming it ("according to officials", "prosecutors said"): the state
#: named in their sentence, else the one the article is most about
_STATELESS_GROUPS = {"officials", "prosecutors", "investigators", "authorities"}
ARMED = {"forces", "troops", "soldiers", "military", "army", "servicemen"}
MILITARY_ACTION = {
    "capture", "attack", "strike", "shell", "fire", "shoot", "seize", "train", "advance", "repel", "retake",
    "liberate", "kill", "destroy", "launch", "push", "defend", "fight", "take", "occupy", "down", "hit",
    "invade", "bomb", "storm", "encircle", "recapture", "free",
}  # fmt: skip
REPORTING = {
    "say", "tell", "claim", "state", "report", "estimate", "announce", "confirm", "deny", "warn", "assess",
    "believe", "disclose", "suggest", "add", "note", "cite", "insist", "allege", "acknowledge", "argue",
    "reveal", "indicate", "stress", "conclude", "predict", "write", "declare", "corroborate", "accuse",
}  # fmt: skip
COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "the north",
    "the south",
    "the east",
    "the west",
    "northeast",
    "southeast",
}
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "LAW"}
#: forms of address that the text keeps with a surname ("Mr Namazi", "Ms. Gough")
_HONORIFICS = names.NameWords.load().classes["honorifics"]  # TODO rules


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
        """The state a token names as a demonym ('Ukrainian'), a state name or a metonym."""
        actor = self.token_actor.get(token.i)
        if actor is not None and actor.type == "Country":
            return actor
        ent = _doc.ent_at(token)
        if ent is not None and ent.label_ != "NORP":
            ent = None
        text = ent.text if ent is not None else _demonym_span_text(token)
        country = self.table.country_of_demonym(text)
        if country is not None:
            return self.ensure(country)
        return None

    def ensure(self, row: TableActor) -> ArticleActor:
        """The article's record of a table actor, created if needed (without a mention)."""
        actor = self.actors.get(row.iri)
        if actor is None:
            actor = ArticleActor(
                iri=row.iri, label=row.label, type=row.type, wikidata=row.wikidata, table=row
            )
            if row.affiliation:
                actor.affiliation = _ACTOR + row.affiliation
            self.actors[row.iri] = actor
        return actor

    def mint(self, label: str, type_: str) -> ArticleActor:
        # an organisation's IRI leaves out its legal suffix: "Walt Disney Co." in one article and "Walt Disney
        # Company" in another are one node
        iri = _ACTOR + slug(core_name(label) if type_ == "Organization" else label)
        actor = self.actors.get(iri)
        if actor is None:
            actor = ArticleActor(iri=iri, label=label, type=type_)
            self.actors[iri] = actor
        return actor

    def attach(
        self, span: Span, actor: ArticleActor, sentence: int, *, name: bool = True, keep: bool = False
    ) -> None:
        """Record ``span`` as a mention of ``actor`` in sentence number ``sentence``: its tokens name the actor
        (``keep``: only those no other actor holds) and, unless ``name`` is false (a pronoun, a description), its
        text is one of the actor's names. A person's honorific ("Mr Namazi") is part of the mention."""
        if (
            actor.type == "Person" and name
        ):  # "Mr Namazi": the honorific is part of how the text names the person
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
        for token in span:
            if keep:
                self.token_actor.setdefault(token.i, actor)
            else:
                self.token_actor[token.i] = actor
        self.spans.append((span, actor))


def _demonym_span_text(token: Token) -> str:
    """'Korean' in 'South Korean' is read with its compound: 'South Korean'."""
    parts = [t.text for t in token.lefts if t.dep_ == "compound" and t.i == token.i - 1] + [token.text]
    return " ".join(parts)


def _variants(name: str) -> set[str]:
    out = {name, name.replace("-", " ")}
    words = name.split()
    if len(words) == 3 and "-" not in name:
        out.add(f"{words[0]} {words[1]}-{words[2].lower()}")
        out.add(f"{words[0]} {words[1]}-{words[2]}")
    return out


@lru_cache(maxsize=4)
def _matcher(nlp: Language, table: ActorTable) -> tuple[PhraseMatcher, dict[str, list[TableActor]]]:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    index: dict[str, list[TableActor]] = {}
    for name, actor in table.names():
        for variant in _variants(name):
            key = normalize_name(variant)
            index.setdefault(key, [])
            if actor not in index[key]:
                index[key].append(actor)
            matcher.add(key, [nlp.make_doc(variant)])
            if not variant.lower().startswith("the "):
                matcher.add(key, [nlp.make_doc("the " + variant)])
    return matcher, index


def _acceptable_case(span: Span, names: list[str]) -> bool:
    """Short names and acronyms match only in their own case; others must start with a capital when the name does."""
    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
    for name in names:
        bare = name[4:] if name.lower().startswith("the ") else name
        if len(bare.replace(".", "")) <= 4 or bare.isupper():
            if normalize_name(text) == normalize_name(bare) and text.replace(".", "") == bare.replace(
                ".", ""
            ):
                return True
            continue
        if bare[:1].isupper() and not text[:1].isupper():
            continue
        return True
    return False


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _is_location(span: Span, res: Resolution, stands_for: str) -> bool:
    """Is a city name used for the place itself (not for the government seated there)?"""
    root = span.root
    doc = span.doc
    if is_dateline(span):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in {"for", "from"} and root.head.head.lemma_ in _MOTION:
        return True  # "left Iran on Monday for Doha", "flew from Ankara to Doha"
    if (
        root.dep_ in {"compound", "nmod"}
        and root.head.pos_ == "NOUN"
        and root.head.lower_ not in _STATE_NOUNS
        and not is_title(root.head.lower_)
        and root.head.i > root.i
    ):
        return True  # "the London bombings", "the Moscow talks": where it happened ("Kremlin spokesman": who)
    if root.dep_ in {"dobj", "obj"} and root.head.lemma_ in LOCATIVE_VERBS:
        return True
    if root.dep_ == "compound" and root.head.pos_ == "PROPN":
        return True
    if span.start > 0 and doc[span.start - 1].lower_ in _QUARTERS:
        return True  # "western Seoul", "northern Kyiv": a part of the city
    placed = res.actor_at(root.head) if root.dep_ == "appos" else None
    if placed is not None and placed.type == "Place":
        return True  # "Gangseo District, Seoul": the city a place is in
    after = span.end
    if after < len(doc) and doc[after].text in POSSESSIVE:
        owned = doc[after].head if doc[after].head.i != root.i else None
        nxt = doc[after + 1] if after + 1 < len(doc) else None
        for token in (nxt, owned):
            if token is None or token.ent_type_ not in {"ORG", "FAC"} or not token.text[:1].isupper():
                continue
            # a state institution belongs to the state ("Kyiv's Defense Intelligence"); others sit in the city
            window = doc[token.i : token.i + 6]
            rows = [r for n in range(len(window), 0, -1) for r in res.table.lookup(window[:n].text)]
            return not any(r.affiliation == stands_for and r.kind for r in rows)
    return False


#: adjectives of a part of a city: "western Seoul"
_QUARTERS = {"northern", "southern", "eastern", "western", "central", "north-western", "north-eastern",
             "south-western", "south-eastern", "northwestern", "northeastern", "southwestern", "southeastern",
             "downtown", "suburban", "greater"}  # fmt: skip


def is_dateline(span: Span) -> bool:
    """Does a place name open a paragraph as its dateline ("BARCELONA: ...", "Brussels, Belgium – ...",
    "NEW YORK (AP) — ...")?"""
    doc = span.doc
    if span.start > 0 and "\n" not in doc[span.start - 1].text and not doc[span.start - 1].is_space:
        return False
    after = doc[span.end : span.end + 6]
    for token in after:
        if token.text in {":", "–", "—", "-"}:
            return True
        if not (token.text in {",", "(", ")"} or token.text[:1].isupper()):
            return False
    return False


def _owner_before(res: Resolution, start: int) -> ArticleActor | None:
    """The actor in a possessive right before a title: 'Seoul's defence minister' -> South Korea."""
    doc = res.doc
    i = start - 1
    while i >= 0 and (doc[i].lower_ in TITLE_WORDS or doc[i].text in {"-", ","}):
        i -= 1
    if i >= 1 and doc[i].text in POSSESSIVE:
        return res.actor_at(i - 1)
    return None


def is_title(word: str) -> bool:
    """Whether a lower-case word is a title ("minister", "ambassador", "spokesman")."""
    return word in TITLE_WORDS or names.NameWords.load().has("titles", word)


_is_title = is_title


def _title_before(res: Resolution, span: Span) -> tuple[str | None, ArticleActor | None]:
    """A title right before a name ("NATO Secretary-General", "Seoul's defence minister,", "Ukrainian President")."""
    doc = res.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words: list[Token] = []
    while i >= 0 and not doc[i].is_sent_end:
        joined = (
            words
            and (doc[i].text == "-" or (doc[i].lower_ == "and" and i > 0 and _is_title(doc[i - 1].lower_)))
        )  # "Secretary-General", "Crown Prince and Prime Minister Mohammed bin Salman": one office and another
        if not (_is_title(doc[i].lower_) or joined):
            break
        words.insert(0, doc[i])
        i -= 1
    while words and words[0].text == "-":
        words.pop(0)
    if not words or all(
        w.lower_ in {"first", "former", "top", "senior", "state", "national", "security"} for w in words
    ):
        return None, None
    owner: ArticleActor | None = None
    if i >= 1 and doc[i].text in POSSESSIVE:
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
        while j < len(doc) and _is_title(doc[j].lower_):
            words.append(doc[j].text)
            j += 1
        if words and j < len(doc) and doc[j].lower_ in {"at", "of", "with", "for"}:
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


def _table_spans(doc: Doc, table: ActorTable, nlp: Language) -> list[tuple[Span, list[TableActor]]]:
    from spacy.util import filter_spans

    matcher, index = _matcher(nlp, table)
    spans = []
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        candidates = index.get(key, [])
        span = Span(doc, start, end, label="TABLE")
        if candidates and _acceptable_case(span, [n for c in candidates for n in c.names]):
            spans.append(span)
    kept = filter_spans(spans)
    claimed = {i for span in kept for i in range(span.start, span.end)}
    kept = [
        span
        for span in kept
        if not _inside_longer_name(span, index.get(normalize_name(span.text), []), claimed)
    ]
    out = []
    for span in kept:
        trimmed = _trim(span) or span
        key = normalize_name(trimmed.text)
        candidates = index.get(key) or index.get(normalize_name(span.text)) or []
        if candidates:
            out.append((trimmed, candidates))
    return out


def _defines(name: str, acronym: str) -> bool:
    """Could ``acronym`` abbreviate ``name``: capitals, 2-7 letters, each one the initial of one of the name's
    words in some order ("ONPE" for "National Office of Electoral Processes", which is Spanish word order)?

    >>> _defines("Rapid Support Forces", "RSF"), _defines("National Office of Electoral Processes", "ONPE")
    (True, True)
    >>> _defines("Joe Biden", "AP")
    False
    """
    letters = acronym.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 7):
        return False
    initials = [w[0].upper() for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    pool = list(initials)
    for letter in letters:
        if letter not in pool:
            return False
        pool.remove(letter)
    return letters[0] in initials[:2]


def _inside_longer_name(span: Span, candidates: list[TableActor], claimed: set[int]) -> bool:
    """Is a table name only part of a longer name the model found: "Bank of America", "Israel Defense Forces",
    "Gaza City", "US Central Command", "Michael Jordan" (but not "Russia's Olympic Committee", where Russia is the
    owner, nor "UAE U.N.", two table names run together)?"""
    ent = _doc.ent_at(span.doc[span.start])
    if ent is None or len(ent) <= len(span) or ent.start > span.start or ent.end < span.end:
        return False
    if any(t.text in POSSESSIVE for t in ent) or any(
        i in claimed for i in range(ent.start, ent.end) if not (span.start <= i < span.end)
    ):
        return False
    words = names.NameWords.load()
    if (
        ent.label_ == "PERSON"
    ):  # "Michael Jordan", "Harrison Ford": a person's name holding a state's or a firm's
        return (
            bool(candidates)
            and all(c.type != "Person" for c in candidates)
            and len([t for t in ent if t.is_alpha]) >= 2
            and not words.has("titles", ent[0].text)
        )
    if ent.label_ not in {"ORG", "FAC", "LOC", "GPE"} or words.has("thing_heads", ent[-1].text):
        return False  # "G8 Summit": the summit is no actor, the G8 is
    doc = span.doc
    left = [t for t in doc[ent.start : span.start] if t.lower_ != "the"]
    right = list(doc[span.end : ent.end])
    if left and left[-1].lower_ in {"of", "for"}:
        return True  # "Bank of America"
    if left and all(t.text[:1].isupper() and not words.has("titles", t.text) for t in left):
        return True  # "Pennsylvania General Assembly", "Kenya Red Cross"
    if right and right[0].text[:1].isupper() and not words.has("titles", right[0].text):
        names_only = all(t.pos_ == "PROPN" and not words.has("organisation_heads", t.text) for t in right)
        return not (names_only and len(right) >= 2)  # "the UN Nikki Haley" is the UN and a person
    return False


def _choose(candidates: list[TableActor], res: Resolution, span: Span) -> TableActor:
    if len(candidates) == 1:
        return candidates[0]
    owner = _owner_before(res, span.start)
    if owner is not None:
        for candidate in candidates:
            if candidate.affiliation and _ACTOR + candidate.affiliation == owner.iri:
                return candidate
    counts: dict[str, int] = {}
    for actor in res.actors.values():
        counts[actor.iri] = len(actor.mentions)
    return max(candidates, key=lambda c: counts.get(_ACTOR + (c.affiliation or ""), 0))


def _person_family_names(actor: ArticleActor) -> set[str]:
    """The words a person may be called by alone: the first and the last word of their names, a hyphenated
    surname whole ("Bankman-Fried")."""
    words = [normalize_name(w) for w in actor.label.split()]
    names = {words[0], words[-1]} if len(words) > 1 else set(words)
    for alias in actor.aliases:
        alias_words = [normalize_name(w) for w in alias.split()]
        if len(alias_words) > 1:
            names |= {alias_words[0], alias_words[-1]}
    return names


def _fuzzy_person(table: ActorTable, name: str) -> TableActor | None:
    key = normalize_name(name)
    words = key.split()
    best: tuple[float, TableActor | None] = (0.0, None)
    for label, actor in table.names():
        if actor.type != "Person":
            continue
        other = normalize_name(label)
        if len(other.split()) != len(words) or other[:1] != key[:1]:
            continue
        score = fuzz.ratio(key, other)
        if score > best[0]:
            best = (score, actor)
    return best[1] if best[0] >= 90 else None


def _pycountry_name(text: str) -> str | None:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - optional
        return None
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=4)
def _common_nouns(nlp: Language) -> frozenset[str]:
    """English common nouns from the model's lemmatizer tables (WordNet's noun index), if it has them."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(index["noun"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()


def resolve(doc: Doc, rules: Rules, nlp: Language, *, headline_end: int = 0) -> Resolution:
    """Find and resolve the actors of one article parsed by ``nlp``; ``headline_end`` is the first token after the
    headline (0 when the article has none)."""
    table = rules.table
    res = Resolution(doc=doc, rules=rules)
    table_spans = _table_spans(doc, table, nlp)
    covered = {i for span, _ in table_spans for i in range(span.start, span.end)}
    names.refine(doc, protected=covered, headline_end=headline_end, nouns=_common_nouns(nlp))
    _doc.forget_ents(doc)
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    sent_of = {}
    for sent in doc.sents:
        for token in sent:
            sent_of[token.i] = sent_index[sent.start]

    items: list[tuple[Span, list[TableActor] | None]] = list(table_spans)
    acronyms: dict[str, str] = {}
    for ent in _doc.ents(doc):
        if ent.label_ not in NER_LABELS or ent.label_ == "NORP":
            continue
        trimmed = _trim(ent)
        if trimmed is None or any(i in covered for i in range(trimmed.start, trimmed.end)):
            continue
        items.append((trimmed, None))
    items.sort(key=lambda item: item[0].start)

    # acronyms introduced as "Long Name (LN)" (the bracket may be left open by a cut page): the article's own
    # definition wins over the table's ("Australian Federal Police (AFP)" is not the news agency)
    for span, _ in items:
        end = span.end
        if end + 1 < len(doc) and doc[end].text == "(":
            acronym = doc[end + 1].text
            if _defines(span.text, acronym):
                acronyms[acronym] = span.text
    # an acronym with its article ("the AFP") after an organisation whose initials it is ("the Australian Federal
    # Police have said"): that organisation, not a table entry of the same letters
    earlier: dict[str, tuple[int, str]] = {}
    for span, _ in items:
        if span.label_ not in {"PERSON", "GPE", "LOC", "NORP"} and len(span) >= 2 and not span.text.isupper():
            for letters in initials_of(span.text):
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

    pending_surnames: list[tuple[Span, int]] = []
    for span, candidates in items:
        sentence = sent_of[span.start]
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
            if span.root.dep_ in {"compound", "amod"} and span.root.head.i >= span.end and span[-1].is_lower:
                continue  # "North Korean military officers": the alias is an attribute here, not the institution
            row = _choose(candidates, res, span)
            with_article = f"the {span.text.lower()}"
            if (
                span.start > 0
                and doc[span.start - 1].lower_ == "the"
                and with_article in map(str.lower, row.names)
            ):
                span = doc[
                    span.start - 1 : span.end
                ]  # "the Kremlin", "the Pentagon": the name has its article
            if row.stands_for and not _is_location(span, res, row.stands_for):
                res.attach(span, res.ensure(table.by_key[row.stands_for]), sentence)
            else:
                res.attach(span, res.ensure(row), sentence)
            continue
        label = span.label_
        text = " ".join(span.text.split())
        if text.lower() in COMPASS or table.country_of_demonym(text) is not None:
            continue
        if (
            label in {"ORG", "GPE"}
            and len(text.split()) == 1
            and any(
                normalize_name(text) in _person_family_names(a)
                for a in res.actors.values()
                if a.type == "Person"
            )
        ):
            label = "PERSON"
        if _pair_modifier(span, text, res):
            continue  # "the first Trump-Kim summit", "Putin-Xi talks": two actors' names make a modifier
        if label == "PERSON":
            words = text.split()
            name_words = names.NameWords.load()
            if any(not w[:1].isupper() and not name_words.has("particles", w) for w in words) or any(
                ch.isdigit() for ch in text
            ):
                continue
            known_surname = bool(table.by_surname(text)) or any(
                normalize_name(text) in _person_family_names(a)
                for a in res.actors.values()
                if a.type == "Person"
            )  # "Kim and Vladimir Putin": Kim is a person named before by surname, not Putin's spouse
            if len(words) == 1 and not known_surname and _couple(span) is not None:
                # "Faaso and Malui Fonua Tone": the given name takes the surname of the name it is joined to
                res.attach(span, res.mint(f"{text} {_couple(span)}", "Person"), sentence)
                continue
            if len(words) == 1:
                pending_surnames.append((span, sentence))
                continue
            row_or_none = _fuzzy_person(table, text)
            if text.isupper():
                text = text.title()  # "BRENDAN SMIALOWSKI" in a credit is Brendan Smialowski
            actor = res.ensure(row_or_none) if row_or_none else res.mint(text, "Person")
            res.attach(span, actor, sentence)
        elif label == "ORG":
            if not text[:1].isupper() or text[:1].isdigit() or len(text) < 2:
                continue
            if text in acronyms and table.lookup(acronyms[text]):
                res.attach(span, res.ensure(table.lookup(acronyms[text])[0]), sentence)
                continue
            full = acronyms.get(text, text)
            res.attach(span, res.mint(full, "Organization"), sentence)
        elif label == "GPE":
            name = _pycountry_name(text)
            if name is not None:
                rows = table.lookup(name)
                actor = res.ensure(rows[0]) if rows else res.mint(name, "Country")
            else:
                actor = res.mint(text.title() if text.isupper() and len(text) > 4 else text, "Place")
            res.attach(span, actor, sentence)  # a dateline in capitals: "BARCELONA" is Barcelona
        elif label in {"LOC", "FAC"} and text[:1].isupper():
            res.attach(span, res.mint(text, "Place"), sentence)

    # bare surnames, now that every full name is known; a surname no full name explains is a person of that name
    # when the text makes it one: a title or an honorific before it, or said twice ("President Bush ... Bush said")
    unresolved: list[tuple[Span, int]] = []
    for span, sentence in pending_surnames:
        surname_actor = _resolve_surname(res, span)
        if surname_actor is not None:
            res.attach(span, surname_actor, sentence)
        else:
            unresolved.append((span, sentence))
    said = Counter(normalize_name(span.text) for span, _ in unresolved)
    for span, sentence in unresolved:
        before = doc[span.start - 1] if span.start > 0 else None
        titled = before is not None and (_is_title(before.lower_) or before.lower_.rstrip(".") in _HONORIFICS)
        if (
            (titled or said[normalize_name(span.text)] >= 2)
            and span.text.isalpha()
            and span.text[:1].isupper()
        ):
            res.attach(span, res.mint(span.text, "Person"), sentence)

    merge_name_forms(res)
    _acronym_mentions(res, acronyms, sent_of)
    _untagged_surnames(res, sent_of)
    _described_institutions(res, sent_of)
    _group_actors(res, sent_of)
    _roles(res)
    nominal_mentions(res, sent_of)
    _members(res, sent_of)
    _quoted_pronouns(res, sent_of)
    return res


def _pair_modifier(span: Span, text: str, res: Resolution) -> bool:
    """A hyphen-joined pair of names before a noun ("Trump-Kim summit", "Sino-Indian talks" aside): each part is
    the name of an actor of its own (a person of the table or of the article, a state), so the whole names no
    actor. A hyphenated name ("Bankman-Fried", "Rolls-Royce") has parts that are no names alone."""
    parts = [p for p in text.split("-") if p]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts) or " " in text:
        return False
    root = span.root
    if root.dep_ not in {"compound", "amod", "nmod", "npadvmod"} or root.head.i < span.end:
        return False
    people = [a for a in res.actors.values() if a.type == "Person"]

    def named(part: str) -> bool:
        key = normalize_name(part)
        return bool(
            res.table.by_surname(part)
            or res.table.lookup(part)
            or any(key in _person_family_names(a) for a in people)
        )

    return all(named(p) for p in parts)


def _untagged_surnames(res: Resolution, sent_of: dict[int, int]) -> None:
    """A surname the model took for no name ("Haddix said on Wednesday ...", often at a sentence's start) is a
    mention of the one person of the article named in full with it. A word inside a longer name ("the Haddix
    Foundation") or any entity of the model's is left alone."""
    by_surname: dict[str, list[ArticleActor]] = {}
    for actor in res.actors.values():
        words = actor.label.split()
        if actor.type == "Person" and len(words) >= 2 and actor.mentions:
            by_surname.setdefault(words[-1], []).append(actor)
    doc = res.doc
    for token in doc:
        people = by_surname.get(token.text)
        if (
            people is None
            or len(people) != 1
            or token.i in res.token_actor
            or token.ent_type_
            or token.pos_ != "PROPN"
            or not token.text.isalpha()
        ):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(
            n.pos_ == "PROPN" and n.text[:1].isupper() and n.lower_.rstrip(".") not in _HONORIFICS
            for n in neighbours
        ):
            continue
        res.attach(doc[token.i : token.i + 1], people[0], sent_of[token.i])


def _acronym_mentions(res: Resolution, acronyms: dict[str, str], sent_of: dict[int, int]) -> None:
    """An acronym the model did not take for a name ("RSF fighters", "ROWS engineers") is a mention of the
    organisation the article defined it for, or whose initials it is when exactly one organisation has them."""

    by_initials: dict[str, list[ArticleActor]] = {}
    for actor in res.actors.values():
        if actor.type == "Organization" and actor.mentions and len(actor.label.split()) >= 2:
            for letters in initials_of(actor.label):
                by_initials.setdefault(letters, []).append(actor)
    for token in res.doc:
        text = token.text
        if token.i in res.token_actor or not (text.isalpha() and text.isupper() and 2 <= len(text) <= 7):
            continue
        target: ArticleActor | None = None
        if text in acronyms:
            rows = res.table.lookup(acronyms[text])
            target = res.ensure(rows[0]) if rows else res.actors.get(_ACTOR + slug(core_name(acronyms[text])))
        elif len(by_initials.get(text, [])) == 1:
            target = by_initials[text][0]
        if target is not None:
            res.attach(res.doc[token.i : token.i + 1], target, sent_of[token.i])


#: bare plurals that stand for the members of an organisation when one of its officials speaks of them
_MEMBER_WORDS = {"allies", "members", "partners"}
_PRONOUNS = {"he", "him", "his", "she", "her"}
_QUOTE_PASSAGE = re.compile(r"“[^“”]+”|\"[^\"]+\"")


def _pronoun_mention(res: Resolution, token: Token, actor: ArticleActor, sentence: int) -> None:
    """A pronoun is recorded as a mention (for provenance) but never as one of the actor's names."""
    actor.mentions.append(
        Mention(token.text, token.idx, token.idx + len(token.text), sentence, token.i, token.i + 1)
    )
    res.token_actor[token.i] = actor


def _members(res: Resolution, sent_of: dict[int, int]) -> None:
    """ "At the summit NATO's chief Mark Rutte told reporters that allies …": a bare "allies" or "members" in the words of an
    international organisation's official stands for that organisation's members, i.e. the organisation."""
    for token in res.doc:
        if token.lower_ not in _MEMBER_WORDS or token.i in res.token_actor or any(token.lefts):
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
                owner.mentions.append(
                    Mention(
                        token.text,
                        token.idx,
                        token.idx + len(token.text),
                        sent_of[token.i],
                        token.i,
                        token.i + 1,
                    )
                )
                res.token_actor[token.i] = owner
                break


def _quoted_pronouns(res: Resolution, sent_of: dict[int, int]) -> None:
    """A third-person pronoun in a quoted passage that names exactly one person refers to that person ("“I got
    along with him. … Kim Jong Un is a smart guy.”"), wherever in the passage the name comes."""
    doc = res.doc
    for match in _QUOTE_PASSAGE.finditer(_doc.text(doc)):
        inside = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if inside is None:
            continue
        people = {
            actor.iri: actor
            for span, actor in res.spans
            if actor.type == "Person" and inside.start <= span.start and span.end <= inside.end
        }
        if len(people) != 1:
            continue
        (person,) = people.values()
        for token in inside:
            if token.lower_ in _PRONOUNS and token.i not in res.token_actor:
                _pronoun_mention(res, token, person, sent_of[token.i])


#: nouns of kinship that introduce a relative by name: "the daughter of X", "his brother Babak"
_KIN = {
    "daughter", "son", "wife", "husband", "sister", "brother", "father", "mother", "half-sister", "half-brother",
    "niece", "nephew", "widow", "widower", "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandfather",
    "grandmother", "relative", "stepson", "stepdaughter", "spouse", "partner", "sibling", "child", "children",
}  # fmt: skip


def _kin_of(res: Resolution, people: set[str]) -> set[str]:
    """Of these people, those the article names only as someone else's relative ("X, the daughter of Y": Y)."""
    related: set[str] = set()
    named_plainly: set[str] = set()
    for span, actor in res.spans:
        if actor.iri not in people or len(span.text.split()) < 2:
            continue
        window = res.doc[max(span.sent.start, span.start - 6) : span.start]
        if any(t.lower_ in _KIN for t in window):
            related.add(actor.iri)
        else:
            named_plainly.add(actor.iri)
    return related - named_plainly


def _resolve_surname(res: Resolution, span: Span) -> ArticleActor | None:
    """A bare surname: the person of that name named in full before; of several ("Keiko Fujimori, daughter of
    Alberto Fujimori"), the one named in full in this or the previous sentence, else the one the article
    introduced first (its protagonist); failing that the table's only person of that surname, or the next full
    name that follows."""
    word = normalize_name(span.text)
    best: tuple[int, ArticleActor | None] = (-1, None)
    following: tuple[int, ArticleActor | None] = (10**9, None)
    first_seen: dict[str, tuple[int, ArticleActor]] = {}
    for other, actor in res.spans:
        if actor.type != "Person" or len(other.text.split()) < 2:
            continue
        if word not in _person_family_names(actor):
            continue
        if other.start < span.start and (
            actor.iri not in first_seen or other.start < first_seen[actor.iri][0]
        ):
            first_seen[actor.iri] = (other.start, actor)
        if other.start < span.start and other.start > best[0]:
            best = (other.start, actor)
        elif other.start > span.start and other.start < following[0]:
            following = (other.start, actor)
    if best[1] is not None:
        if len(first_seen) > 1 and not (span.sent.start <= best[0] < span.sent.end):
            # "Keiko Fujimori, the daughter of former President Alberto Fujimori": a relative named to say who
            # someone is is not who a later bare "Fujimori" means
            kin = _kin_of(res, {a.iri for _, a in first_seen.values()})
            if best[1].iri in kin:
                others = [item for item in first_seen.values() if item[1].iri not in kin]
                if others:
                    return max(others, key=lambda item: item[0])[1]
        return best[1]
    rows = res.table.by_surname(span.text)
    if len(rows) == 1:
        return res.ensure(rows[0])
    return following[1]


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


def _couple(span: Span) -> str | None:
    """The surname a lone given name shares with the full name it is joined to by "and" ("Faaso and Malui Fonua
    Tone" -> "Tone")."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].lower_ != "and":
        return None
    after = doc[span.end + 1]
    if after.ent_type_ != "PERSON" or after.ent_iob_ != "B":
        return None
    end = after.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
        end += 1
    if end == after.i or not doc[end].is_alpha:
        return None
    return doc[end].text


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
    actor.add_mention(
        Mention(span.text, span.start_char, span.end_char, sent_of[head.i], span.start, span.end)
    )
    for token in span:
        res.token_actor.setdefault(token.i, actor)
    res.spans.append((span, actor))


def _state_of_unnamed_group(res: Resolution, head: Token) -> ArticleActor | None:
    """The state an unnamed group speaks for ("…, according to officials"; "Prosecutors said"): the one state named
    in its sentence, else the state the article is most about. A group with a word of its own before it that is
    no place word ("rebel officials", "party officials") speaks for no state."""
    from newsgraph.loaders.nominals import home_country

    if any(t.dep_ in {"compound", "amod", "nmod", "poss"} and t.lower_ not in {"local", "senior", "top"}
           for t in head.lefts):  # fmt: skip
        return None
    states = {
        actor.iri: actor
        for token in head.sent
        if (actor := res.actor_at(token)) is not None and actor.type == "Country"
    }
    if len(states) == 1:
        return next(iter(states.values()))
    return home_country(res) if not states else None


def _group_label(
    res: Resolution, head: Token, country: ArticleActor, demonym_text: str | None
) -> tuple[str, str]:
    mods = {t.lower_ for t in head.lefts if t.dep_ in {"compound", "amod"}}
    dem = demonym_text or res.table.demonym_of(country.iri[len(_ACTOR) :]) or country.label
    word = head.lower_
    if word in {"government", "representatives", "authorities"} or "government" in mods:
        return f"Government of {country.label}", "Organization"
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


#: (head noun, a modifier) -> the kind of state institution it describes ("South Korea's spy agency")
_INSTITUTION_WORDS = {
    ("agency", "spy"): "intelligence agency",
    ("agency", "intelligence"): "intelligence agency",
    ("service", "intelligence"): "intelligence agency",
    ("service", "spy"): "intelligence agency",
    ("ministry", "defence"): "defence ministry",
    ("ministry", "defense"): "defence ministry",
    ("ministry", "foreign"): "foreign ministry",
}


def _described_institutions(res: Resolution, sent_of: dict[int, int]) -> None:
    """A state's institution named by its function: "South Korea's spy agency", "the Russian defence ministry",
    "Seoul's intelligence service" resolve to that state's agency or ministry in the actor table."""
    doc = res.doc
    for head in doc:
        if head.lower_ not in {"agency", "service", "ministry"} or head.i in res.token_actor:
            continue
        left = list(head.lefts)
        kind = next(
            (
                _INSTITUTION_WORDS.get((head.lower_, t.lower_))
                for t in left
                if (head.lower_, t.lower_) in _INSTITUTION_WORDS
            ),
            None,
        )
        if kind is None and head.lower_ == "ministry":
            for prep in head.rights:  # "ministry of defence"
                if prep.lower_ == "of":
                    kind = next((_INSTITUTION_WORDS.get(("ministry", o.lower_)) for o in prep.children), None)
        if kind is None:
            continue
        country = None
        for token in doc[head.left_edge.i : head.i]:
            found = res.country_of(token)
            if found is not None and found.type == "Country":
                country = found
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
        actor.add_mention(
            Mention(span.text, span.start_char, span.end_char, sent_of[head.i], span.start, span.end)
        )
        for token in span:
            res.token_actor[token.i] = actor
        res.spans = [(s, a) for s, a in res.spans if not (span.start <= s.start and s.end <= span.end)]
        res.spans.append((span, actor))


def _group_actors(res: Resolution, sent_of: dict[int, int]) -> None:
    doc = res.doc
    for head in doc:
        if head.lower_ not in GROUP_HEADS or head.pos_ not in {"NOUN", "PROPN"} or head.i in res.token_actor:
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
                        elif actor is not None and actor.type == "Place" and head.lower_ in _STATELESS_GROUPS:
                            # "prosecutors in Tokyo": the state whose capital it is
                            row = actor.table
                            if row is not None and row.stands_for:
                                country = res.ensure(res.table.by_key[row.stands_for])
        verb = head.head
        speaks = head.dep_ in {"nsubj"} and verb.lemma_ in REPORTING
        according = head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according"
        by_agent = head.dep_ == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent"
        if country is None and head.lower_ in _STATELESS_GROUPS:
            country = _region_of_demonym(res, doc[left : head.i])  # "Catalan authorities" after "Catalonia"
        if country is None and head.lower_ in _STATELESS_GROUPS and (speaks or according):
            country = _state_of_unnamed_group(res, head)
        if (
            country is None
            and head.lower_ in {"officials", "sources"}
            and speaks
            and _tells_someone(res, verb)
        ):
            _stateless_group(res, head, sent_of)  # "Two senior humanitarian officials told Bloomberg"
            continue
        if country is None:
            continue
        span = doc[left : head.i + 1]
        if head.lower_ in ARMED and not any(t.lower_ in {"officials", "media"} for t in span):
            acting = (head.dep_ == "nsubj" and verb.lemma_ in MILITARY_ACTION) or (
                head.dep_ == "pobj" and verb.lower_ in {"alongside", "against", "with", "by"}
            )
            if not acting:
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
        trimmed = _trim(span) or span
        actor.add_mention(
            Mention(
                trimmed.text,
                trimmed.start_char,
                trimmed.end_char,
                sent_of[head.i],
                trimmed.start,
                trimmed.end,
            )
        )
        for token in trimmed:
            res.token_actor.setdefault(token.i, actor)
        res.spans.append((trimmed, actor))


def _roles(res: Resolution) -> None:
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
