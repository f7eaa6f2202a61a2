"""Known actors in the text: the names of the pinned actor tables, matched case-insensitively (acronyms and short
names exactly), with their hyphen and spacing variants ("Kim Jong-un" is "Kim Jong Un"); a table name inside a
longer name is not that actor; a capital used for the place, not its state; an unknown full name close to a table
person's.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from newsgraph.loaders import _doc
from newsgraph.loaders._labels import PLACES_OR_BODIES, THINGS
from newsgraph.loaders.rules import Rules
from newsgraph.loaders.table import ActorTable, TableActor, normalize_name
from newsgraph.ontology import DATA

if TYPE_CHECKING:
    from newsgraph.loaders.resolve import ArticleActor, Resolution

__all__ = [
    "acronyms_of_things",
    "choose",
    "common_nouns",
    "defines",
    "fuzzy_person",
    "is_dateline",
    "is_location",
    "is_title",
    "owner_before",
    "pycountry_name",
    "table_spans",
    "trim",
]

_ACTOR = str(DATA["actor/"])


def _variants(name: str) -> set[str]:
    out = {name, name.replace("-", " ")}
    words = name.split()
    if len(words) == 3 and "-" not in name:
        out.add(f"{words[0]} {words[1]}-{words[2].lower()}")
        out.add(f"{words[0]} {words[1]}-{words[2]}")
    return out


def _owners(table: ActorTable) -> dict[str, str]:
    """An organisation's acronym (its own name in capitals, "UN", "U.N.") to its full name: the owner a body's
    name may begin with ("UN refugee agency")."""
    out: dict[str, str] = {}
    for actor in table.actors:
        if actor.type != "Organization":
            continue
        for name in actor.aliases:
            letters = name.replace(".", "")
            if (
                2 <= len(letters) <= 4
                and letters.isalpha()
                and letters.isupper()
                and defines(actor.label, letters)
            ):
                out.setdefault(letters, actor.label)
    return out


def _owned_variants(name: str, owners: dict[str, str]) -> set[str]:
    """ "UN refugee agency" as the press also writes it: "the United Nations refugee agency", "the UN's refugee
    agency", "the United Nations' (UN) refugee agency" (rule ``bodies_named_by_their_owner``)."""
    first, _, rest = name.partition(" ")
    acronym = first.replace(".", "")
    owner = owners.get(acronym)
    if owner is None or not rest or rest[:1].isupper():
        return set()  # "UN Security Council" is a name of its own, written the one way
    out = set()
    for who in (owner, acronym):
        out.add(f"{who} {rest}")
        for mark in ("'s", "’s", "'", "’"):
            if mark in {"'", "’"} and not who.endswith("s"):
                continue
            out.add(f"{who}{mark} {rest}")
            out.add(f"{who}{mark} ({acronym}) {rest}")
        out.add(f"{owner} ({acronym}) {rest}")
    out.discard(name)
    return out


class _TableMatcher:
    """A phrase matcher over the table's names, their variants and each with "the" before it, that makes a name's
    pattern only when a text first has the word the pattern starts with.

    Making a pattern tokenizes the name, which gives each of its words a lexeme; for every name of the table that
    was about half a second of each process's start, and most names never occur. A name whose first word the
    tokenizer keeps whole (no special case, prefix, suffix or infix in it) can match only where a token is that word
    in lower case, so it waits for such a text; a name whose first word the tokenizer may split is made at once.
    The matches are those of a matcher made with every pattern: a pattern not yet made cannot match the text.
    """

    def __init__(self, nlp: Language, table: ActorTable) -> None:
        self._nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.index: dict[str, list[TableActor]] = {}
        #: the patterns not made yet, by the hash of their first word in lower case
        self._waiting: dict[int, dict[str, list[str]]] = {}
        self._lock = threading.Lock()
        #: the keys of names written with their owner's full name (rule ``bodies_named_by_their_owner``)
        self.owned: set[str] = set()
        tokenizer = nlp.tokenizer
        whole: dict[str, bool] = {}
        now: dict[str, list[str]] = {}
        owners = _owners(table)
        for name, actor in table.names():
            owned = _owned_variants(name, owners)
            for variant in _variants(name) | owned:
                if variant in owned:
                    self.owned.add(normalize_name(variant))
                key = normalize_name(variant)
                self.index.setdefault(key, [])
                if actor not in self.index[key]:
                    self.index[key].append(actor)
                # "the" is a word of its own: after it come the variant's words, the first among them
                patterns = [variant]
                if not variant.lower().startswith("the "):
                    patterns.append("the " + variant)
                first = _FIRST_WORD.match(variant)
                word = first.group(0) if first else ""
                if word and word not in whole:
                    whole[word] = _kept_whole(tokenizer, word)
                bucket = (
                    self._waiting.setdefault(get_string_id(word.lower()), {}) if word and whole[word] else now
                )
                for pattern in patterns:
                    bucket.setdefault(key, []).append(pattern)
        self._make(now)

    def _make(self, patterns: dict[str, list[str]]) -> None:
        for key, texts in patterns.items():
            self.matcher.add(key, [self._nlp.make_doc(text) for text in dict.fromkeys(texts)])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        with self._lock:
            if self._waiting:
                for word in set(doc.to_array(LOWER).tolist()) & self._waiting.keys():
                    self._make(self._waiting.pop(word))
            return list(self.matcher(doc))


#: a name's first word: what precedes its first white space
_FIRST_WORD = re.compile(r"\S+")


def _kept_whole(tokenizer: Any, word: str) -> bool:
    """Does the tokenizer keep ``word`` as one token: no special case, and no prefix, suffix or infix found in it
    (its algorithm splits a word at nothing else)?"""
    return not (
        word in tokenizer.rules
        or (tokenizer.prefix_search is not None and tokenizer.prefix_search(word))
        or (tokenizer.suffix_search is not None and tokenizer.suffix_search(word))
        or (tokenizer.infix_finditer is not None and next(iter(tokenizer.infix_finditer(word)), None))
    )


@lru_cache(maxsize=4)
def _matcher(nlp: Language, table: ActorTable) -> _TableMatcher:
    return _TableMatcher(nlp, table)


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


def trim(rules: Rules, span: Span) -> Span | None:
    """A name's span without its article, its possessive and punctuation around it."""
    possessive = rules.words["possessive_marks"]
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in possessive or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def is_location(span: Span, res: Resolution, stands_for: str) -> bool:
    """Is a city name used for the place itself (not for the government seated there; rule ``capital_metonymy``)?"""
    rules = res.rules
    words = rules.words
    if not rules.on("capital_metonymy"):
        return True
    root = span.root
    doc = span.doc
    if is_dateline(span):
        return True
    if root.dep_ == "pobj" and (
        words.has("locative", root.head.lower_) or words.has("directional", root.head.lower_)
    ):
        return True
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in {"for", "from"}
        and words.has("motion_verbs", root.head.head.lemma_)
    ):
        return True  # "left Iran on Monday for Doha", "flew from Ankara to Doha"
    if (
        root.dep_ in {"compound", "nmod"}
        and root.head.pos_ == "NOUN"
        and not words.has("state_nouns", root.head.lower_)
        and not is_title(rules, root.head.lower_)
        and root.head.i > root.i
    ):
        return True  # "the London bombings", "the Moscow talks": where it happened ("Kremlin spokesman": who)
    if root.dep_ in {"dobj", "obj"} and words.has("place_verbs", root.head.lemma_):
        return True
    if root.dep_ == "compound" and root.head.pos_ == "PROPN":
        return True
    if (
        span.start > 0
        and words.has("city_quarters", doc[span.start - 1].lower_)
        and rules.on("parts_of_a_city")
    ):
        return True  # "western Seoul", "northern Kyiv": a part of the city
    placed = res.actor_at(root.head) if root.dep_ == "appos" else None
    if placed is not None and placed.type == "Place" and rules.on("parts_of_a_city"):
        return True  # "Gangseo District, Seoul": the city a place is in
    after = span.end
    if after < len(doc) and words.has("possessive_marks", doc[after].text):
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


def owner_before(res: Resolution, start: int) -> ArticleActor | None:
    """The actor in a possessive right before a title: 'Seoul's defence minister' -> South Korea."""
    doc = res.doc
    i = start - 1
    while i >= 0 and (is_title(res.rules, doc[i].lower_) or doc[i].text in {"-", ","}):
        i -= 1
    if i >= 1 and res.rules.words.has("possessive_marks", doc[i].text):
        return res.actor_at(i - 1)
    return None


def is_title(rules: Rules, word: str) -> bool:
    """Whether a lower-case word is a title or a word of an office's title ("minister", "ambassador", "defence";
    the name classes ``titles`` and ``office_words``)."""
    return rules.names.has("titles", word) or rules.names.has("office_words", word)


def table_spans(doc: Doc, rules: Rules, nlp: Language) -> list[tuple[Span, list[TableActor]]]:
    """The table's names in the text (rule ``known_actors``), each with the rows it may be."""
    from spacy.util import filter_spans

    if not rules.on("known_actors"):
        return []
    matcher = _matcher(nlp, rules.table)
    index = matcher.index
    spans = []
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        candidates = index.get(key, [])
        span = Span(doc, start, end, label="TABLE")
        if key in matcher.owned and not rules.on("bodies_named_by_their_owner"):
            continue
        if candidates and _acceptable_case(span, [n for c in candidates for n in c.names]):
            spans.append(span)
    kept = filter_spans(spans)
    claimed = {i for span in kept for i in range(span.start, span.end)}
    kept = [
        span
        for span in kept
        if not _inside_longer_name(rules, span, index.get(normalize_name(span.text), []), claimed)
    ]
    out = []
    for span in kept:
        trimmed = trim(rules, span) or span
        key = normalize_name(trimmed.text)
        candidates = index.get(key) or index.get(normalize_name(span.text)) or []
        if candidates:
            out.append((trimmed, candidates))
    return out


def acronyms_of_things(doc: Doc) -> set[str]:
    """Acronyms the text defines by common words in lower case, either way round: "a remotely operated vehicle
    (ROV)", "ROV (remotely operated vehicle)": a thing's, not an organisation's (rule ``acronyms_of_things``).

    >>> import spacy
    >>> sorted(acronyms_of_things(spacy.blank("en")("The ROV (remotely operated vehicle) dived.")))
    ['ROV']
    """
    out: set[str] = set()
    for open_ in (t for t in doc if t.text == "(" and 0 < t.i < len(doc) - 2):
        close = next((t.i for t in doc[open_.i + 1 : open_.i + 8] if t.text == ")"), None)
        if close is None:
            continue
        inside = doc[open_.i + 1 : close]
        before = doc[open_.i - 1]
        if len(inside) == 1 and inside[0].is_upper:  # "a remotely operated vehicle (ROV)"
            words = [t for t in doc[max(0, open_.i - len(inside[0].text)) : open_.i] if t.is_alpha]
            if (
                words
                and all(t.is_lower for t in words)
                and defines(" ".join(t.text for t in words), inside.text)
            ):
                out.add(inside.text)
        elif (
            before.is_upper
            and before.is_alpha
            and all(t.is_lower or not t.is_alpha for t in inside)
            and defines(" ".join(t.text for t in inside if t.is_alpha), before.text)
        ):
            out.add(before.text)  # "ROV (remotely operated vehicle)"
    return out


def defines(name: str, acronym: str) -> bool:
    """Could ``acronym`` abbreviate ``name``: capitals, 2-7 letters, each one the initial of one of the name's
    words in some order ("ONPE" for "National Office of Electoral Processes", which is Spanish word order)?

    >>> defines("Rapid Support Forces", "RSF"), defines("National Office of Electoral Processes", "ONPE")
    (True, True)
    >>> defines("Joe Biden", "AP")
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


#: the marks that join two words of one name ("Athens-Macedonian", "Guinea-Bissau")
_HYPHENS = frozenset({"-", "‐", "–"})


def _inside_longer_name(rules: Rules, span: Span, candidates: list[TableActor], claimed: set[int]) -> bool:
    """Is a table name only part of a longer name the model found: "Bank of America", "Israel Defense Forces",
    "Gaza City", "US Central Command", "Michael Jordan" (but not "Russia's Olympic Committee", where Russia is the
    owner, nor "UAE U.N.", two table names run together)?"""
    ent = _doc.ent_at(span.doc[span.start])
    if not rules.on("a_name_inside_a_longer_name"):
        return False
    if span[0].lower_ == "the" and len(span) > 1 and _in_a_compound(span[1:]):
        return True  # "the Athens-Macedonian News Agency", matched as "the Athens"
    if _continued_by_a_name(rules, span, claimed):
        return True  # "the Australian Open": the newspaper's name begins the tournament's
    if ent is None or len(ent) <= len(span) or ent.start > span.start or ent.end < span.end:
        return False
    if _in_a_compound(span):
        return True  # "Athens-Macedonian News Agency": one word of a compound name
    doc = span.doc
    if any(rules.words.has("possessive_marks", t.text) for t in ent) or any(
        i in claimed for i in range(ent.start, ent.end) if not (span.start <= i < span.end)
    ):
        return False
    words = rules.names
    if (
        ent.label_ == "PERSON"
    ):  # "Michael Jordan", "Harrison Ford": a person's name holding a state's or a firm's
        return (
            bool(candidates)
            and all(c.type != "Person" for c in candidates)
            and len([t for t in ent if t.is_alpha]) >= 2
            and not words.has("titles", ent[0].text)
        )
    if ent.label_ not in PLACES_OR_BODIES or words.has("thing_heads", ent[-1].text):
        return False  # "G8 Summit": the summit is no actor, the G8 is
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


def _in_a_compound(span: Span) -> bool:
    """Whether a hyphen joins a table name to the capitalised words of a longer name of the model's around it
    ("Athens-Macedonian News Agency"; not "Guinea-Bissau", which the table has whole)."""
    ent = _doc.ent_at(span.doc[span.start])
    if ent is None or ent.label_ not in PLACES_OR_BODIES or ent.start > span.start or ent.end < span.end:
        return False
    doc = span.doc
    left, right = doc[ent.start : span.start], doc[span.end : ent.end]
    return (len(right) > 1 and right[0].text in _HYPHENS and right[1].text[:1].isupper()) or (
        len(left) > 1 and left[-1].text in _HYPHENS and left[-2].text[:1].isupper()
    )


def _continued_by_a_name(rules: Rules, span: Span, claimed: set[int]) -> bool:
    """A table name whose next word goes on with a capitalised word of no other name inside one name the model
    found of a thing (an event, a work, a product, a law): "the Australian Open" is no newspaper's. A
    title after it ("UN Secretary-General") starts another name."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    ent = _doc.ent_at(nxt)
    return (
        nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and nxt.is_alpha
        and nxt.i not in claimed
        and not rules.names.has("titles", nxt.text)
        and not rules.names.has("organisation_heads", nxt.text)
        and ent is not None
        and ent == _doc.ent_at(doc[span.start])
        and ent.label_ in THINGS
    )


def choose(candidates: list[TableActor], res: Resolution, span: Span) -> TableActor:
    """Of the rows a name may be, the one of the owner named before its title ("Kyiv's Defence Intelligence"), else
    of the state the article names most."""
    if len(candidates) == 1:
        return candidates[0]
    owner = owner_before(res, span.start)
    if owner is not None:
        for candidate in candidates:
            if candidate.affiliation and _ACTOR + candidate.affiliation == owner.iri:
                return candidate
    counts: dict[str, int] = {}
    for actor in res.actors.values():
        counts[actor.iri] = len(actor.mentions)
    return max(candidates, key=lambda c: counts.get(_ACTOR + (c.affiliation or ""), 0))


def fuzzy_person(rules: Rules, name: str) -> TableActor | None:
    """A table person whose name is close to an unknown full name (same number of words, rapidfuzz ratio of 90 or
    more on the normalised form; rule ``name_variants``): "Zelenskyy" / "Zelensky"."""
    if not rules.on("name_variants"):
        return None
    key = normalize_name(name)
    best: tuple[float, TableActor | None] = (0.0, None)
    for other, actor in rules.table.person_names.get((len(key.split()), key[:1]), ()):
        score = fuzz.ratio(key, other)
        if score > best[0]:
            best = (score, actor)
    return best[1] if best[0] >= 90 else None


def pycountry_name(text: str) -> str | None:
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
def common_nouns(nlp: Language) -> frozenset[str]:
    """English common nouns from the model's lemmatizer tables (WordNet's noun index), if it has them."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(index["noun"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()
