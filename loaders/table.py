"""The pinned actor table (``ontology/actors.ttl``, ``institutions.ttl``, ``media.ttl`` and the generated
``countries.ttl`` and ``companies.ttl``) as Python lookups.

>>> table = ActorTable.load()
>>> table.by_key["kim-jong-un"].wikidata
'Q56226'
>>> [a.label for a in table.lookup("Kim Jong-un")]
['Kim Jong Un']
>>> table.country_of_demonym("South Korean").label
'South Korea'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from newsgraph.errors import ActorTableError
from newsgraph.ontology import DATA, NG, WD, ontology_path

__all__ = ["ActorTable", "ActorTableError", "TableActor", "normalize_name", "read_table", "slug"]


_TYPES = {
    str(SDO.Person): "Person",
    str(SDO.Organization): "Organization",
    str(SDO.GovernmentOrganization): "Organization",
    str(SDO.NewsMediaOrganization): "Organization",
    str(SDO.Corporation): "Organization",
    str(SDO.Country): "Country",
    str(SDO.City): "Place",
    str(SDO.GovernmentBuilding): "Place",
    str(SDO.Place): "Place",
    str(NG.Agreement): "Agreement",
}
_NEWS_MEDIA, _CORPORATION = str(SDO.NewsMediaOrganization), str(SDO.Corporation)
_GOVERNMENT_BUILDING = str(SDO.GovernmentBuilding)
_TYPE, _LABEL, _ALT_LABEL, _SAME_AS = str(RDF.type), str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)
_JOB_TITLE, _AFFILIATION, _DESCRIPTION = str(SDO.jobTitle), str(SDO.affiliation), str(SDO.description)
_DATE_CREATED, _XSD_BOOLEAN = str(SDO.dateCreated), "http://www.w3.org/2001/XMLSchema#boolean"
_STANDS_FOR, _DEMONYM, _PARTY = str(NG.standsFor), str(NG.demonym), str(NG.party)
_FAMILY_NAME_FIRST, _DEFINITE_ARTICLE = str(NG.familyNameFirst), str(NG.definiteArticle)
_ACTOR_PREFIX = str(DATA["actor/"])


@lru_cache(maxsize=1 << 16)  # names repeat across and within articles; ~35,000 calls per 400 articles
def normalize_name(text: str) -> str:
    """A comparison key for names: case, accents, hyphens, full stops, apostrophes and a leading 'the' ignored.

    >>> normalize_name("Kim Jong-un") == normalize_name("Kim Jong Un")
    True
    >>> normalize_name("the U.S.")
    'us'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = _POSSESSIVE.sub("", text)
    text = _DROPPED.sub("", text)
    text = _DASHES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


_POSSESSIVE = re.compile(r"'s$")
_DROPPED = re.compile(r"[.'“”\"]")
_DASHES = re.compile(r"[-‐‑–—_/]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the ")


def slug(text: str) -> str:
    """A stable IRI path segment for a name: its letters and digits, any script transliterated to ASCII (the
    ``anyascii`` tables); a name with nothing left is known by a digest of itself, never a shared "unnamed".

    >>> slug("Kim Yong-hyun"), slug("Владимир Путин"), slug("Σύριζα")
    ('kim-yong-hyun', 'vladimir-putin', 'syriza')
    >>> slug("!!!") == slug("!!!") != slug("???")
    True
    """
    from anyascii import anyascii

    key = normalize_name(text)
    found = re.sub(r"[^a-z0-9]+", "-", normalize_name(anyascii(key))).strip("-")
    if found:
        return found
    import hashlib

    return "name-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class TableActor:
    """One row of the actor table."""

    key: str
    label: str
    type: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    kind: str | None = None
    demonyms: tuple[str, ...] = ()
    stands_for: str | None = None
    family_name_first: bool = False
    parties: tuple[str, ...] = ()
    date: str | None = None
    #: a news organisation (``schema:NewsMediaOrganization``): a source statements are reported by
    media: bool = False
    #: a business (``schema:Corporation``): what "the company" may refer to
    company: bool = False
    #: the name reads "the <label>" in running text (``ng:definiteArticle``): "the United Kingdom", "the Bahamas"
    definite_article: bool = False
    #: a seat of power (``schema:GovernmentBuilding``): "the White House" names the government it houses
    seat: bool = False

    @property
    def iri(self) -> str:
        return _ACTOR_PREFIX + self.key

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    @property
    def the_name(self) -> str:
        """The label as it reads in running text, with "the" where the name takes it.

        >>> table = ActorTable.load()
        >>> table.lookup("UK")[0].the_name, table.lookup("Kenya")[0].the_name
        ('the United Kingdom', 'Kenya')
        >>> f"Government of {table.lookup('Philippines')[0].the_name}"
        'Government of the Philippines'
        """
        return f"the {self.label}" if self.definite_article else self.label


class ActorTable:
    """Indexes over the table: by normalised name, demonym, surname, and (state, kind of institution)."""

    def __init__(self, actors: list[TableActor]) -> None:
        self.actors = actors
        self.by_key = {a.key: a for a in actors}
        self._by_name: dict[str, list[TableActor]] = defaultdict(list)
        self._by_demonym: dict[str, TableActor] = {}
        self._by_surname: dict[str, list[TableActor]] = defaultdict(list)
        self._by_kind: dict[tuple[str, str], TableActor] = {}
        for actor in actors:
            for name in actor.names:
                bucket = self._by_name[normalize_name(name)]
                if actor not in bucket:
                    bucket.append(actor)
            for demonym in actor.demonyms:
                self._by_demonym.setdefault(normalize_name(demonym), actor)
            if actor.type == "Person":
                tokens = normalize_name(actor.label).split()
                surname = tokens[0] if actor.family_name_first else tokens[-1]
                self._by_surname[surname].append(actor)
            if actor.affiliation and actor.kind:
                self._by_kind.setdefault((actor.affiliation, actor.kind), actor)

    @classmethod
    def load(cls, *extra: str | Path) -> ActorTable:
        """The packaged table (parsed once per process), with a user's own tables in the same Turtle format added
        (``newsgraph ingest --actors FILE``): their actors join the packaged ones, and their names, types and links
        add to an actor both describe."""
        if not extra:
            return _load_table()
        return cls.with_texts(*(read_table(p) for p in extra))

    @classmethod
    def with_texts(cls, *texts: str) -> ActorTable:
        """The packaged table with tables given as Turtle text added (how extraction workers receive a user's)."""
        return _parse_cached(tuple(texts)) if texts else _load_table()

    @classmethod
    def from_files(cls, *paths: str | Path) -> ActorTable:
        """A table from these Turtle files only."""
        return _parse([Path(p) for p in paths])

    def lookup(self, name: str) -> list[TableActor]:
        """Table actors whose label or an alias has this normalised form."""
        return list(self._by_name.get(normalize_name(name), ()))

    def names(self) -> list[tuple[str, TableActor]]:
        """Every (name, actor) pair, for building a phrase matcher."""
        return [(name, actor) for actor in self.actors for name in actor.names]

    @cached_property
    def person_names(self) -> dict[tuple[int, str], list[tuple[str, TableActor]]]:
        """The normalised names of the table's people, by their number of words and first character, each list
        in the order of ``names()``: the candidates of a fuzzy match, built once per table."""
        out: dict[tuple[int, str], list[tuple[str, TableActor]]] = defaultdict(list)
        for name, actor in self.names():
            if actor.type == "Person":
                key = normalize_name(name)
                out[(len(key.split()), key[:1])].append((key, actor))
        return dict(out)

    def country_of_demonym(self, demonym: str) -> TableActor | None:
        return self._by_demonym.get(normalize_name(demonym))

    def demonym_of(self, country_key: str) -> str | None:
        actor = self.by_key.get(country_key)
        return actor.demonyms[0] if actor and actor.demonyms else None

    def demonyms(self) -> list[tuple[str, TableActor]]:
        return [(d, a) for a in self.actors for d in a.demonyms]

    def by_surname(self, surname: str) -> list[TableActor]:
        return list(self._by_surname.get(normalize_name(surname), ()))

    def institution(self, country_key: str, kind: str) -> TableActor | None:
        """The state's institution of a kind ('armed forces', 'intelligence agency', 'defence ministry')."""
        return self._by_kind.get((country_key, kind))


def _key(text: str) -> str:
    if not text.startswith(_ACTOR_PREFIX):
        raise ActorTableError(
            f"actor table IRI outside {_ACTOR_PREFIX}: {text} (write actors as <{_ACTOR_PREFIX}name>)"
        )
    return text[len(_ACTOR_PREFIX) :]


#: the packaged table: the hand-curated actors, then every state and capital and the companies of the large stock
#: indices, generated from maintained packages (a name a hand-curated file has is not generated again)
PACKAGED = ("actors.ttl", "institutions.ttl", "media.ttl", "countries.ttl", "companies.ttl")


@lru_cache(maxsize=1)
def _load_table() -> ActorTable:
    return _parse([ontology_path(name) for name in PACKAGED])


def read_table(path: str | Path) -> str:
    """A user's actor table file as text, checked to be Turtle (a clear error naming the file when it is not)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ActorTableError(f"actor table not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorTableError(f"cannot read the actor table {path}: {exc}") from exc
    try:
        _triples({}, text)
    except SyntaxError as exc:
        raise ActorTableError(f"the actor table {path} is not valid Turtle: {exc}") from exc
    return text


@lru_cache(maxsize=4)
def _parse_cached(texts: tuple[str, ...]) -> ActorTable:
    return _parse([ontology_path(name) for name in PACKAGED], texts)


#: subject IRI -> predicate IRI -> its objects, in the order the files give them (a dict for an ordered set)
_Triples = dict[str, dict[str, dict[Any, None]]]


def _triples(into: _Triples, source: Path | str) -> None:
    """Add the triples of a Turtle file or text whose subject is an IRI (pyoxigraph's parser: about fifty times
    rdflib's speed, which every extraction process paid for at start-up)."""
    import pyoxigraph as ox

    if isinstance(source, Path):
        quads = ox.parse(path=source, format=ox.RdfFormat.TURTLE)
    else:
        quads = ox.parse(source, format=ox.RdfFormat.TURTLE)
    for quad in quads:
        subject = quad.subject
        if isinstance(subject, ox.NamedNode):
            into.setdefault(subject.value, {}).setdefault(quad.predicate.value, {})[quad.object] = None


def _text(term: Any) -> str:
    """A term as rdflib's ``str`` gives it: an IRI, a literal's lexical form, a blank node's id."""
    return str(term.value)


def _true(term: Any) -> bool:
    """Whether a flag's value holds, as rdflib reads it: a boolean's value, else a non-empty literal or any IRI."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal) and term.datatype.value == _XSD_BOOLEAN:
        return term.value in {"true", "1"}
    return bool(term.value)


def _parse(paths: list[Path], texts: tuple[str, ...] = ()) -> ActorTable:
    import pyoxigraph as ox

    triples: _Triples = {}
    sources: list[tuple[str, Path | str]] = [(str(p), p) for p in paths]
    sources += [(f"actor table {n + 1}", text) for n, text in enumerate(texts)]
    for name, source in sources:
        try:
            _triples(triples, source)
        except FileNotFoundError as exc:
            raise ActorTableError(f"actor table not found: {name}") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise ActorTableError(f"cannot read the {name}: {exc}") from exc
    actors = []
    for subject in sorted(s for s, about in triples.items() if _LABEL in about):
        about = triples[subject]

        def objects(predicate: str, about: dict[str, dict[Any, None]] = about) -> list[Any]:
            return list(about.get(predicate, ()))

        def value(predicate: str, about: dict[str, dict[Any, None]] = about) -> Any:
            return next(iter(about.get(predicate, ())), None)

        type_iris = [t.value for t in objects(_TYPE) if isinstance(t, ox.NamedNode)]
        types = [_TYPES[t] for t in type_iris if t in _TYPES]
        if not types:
            continue
        same = [_text(o) for o in objects(_SAME_AS) if _text(o).startswith(str(WD))]
        role = value(_JOB_TITLE)
        affiliation = value(_AFFILIATION)
        stands_for = value(_STANDS_FOR)
        created = value(_DATE_CREATED)
        description = value(_DESCRIPTION)
        family_name_first = value(_FAMILY_NAME_FIRST)
        definite_article = value(_DEFINITE_ARTICLE)
        actors.append(
            TableActor(
                key=_key(subject),
                label=_text(value(_LABEL)),
                type=types[0],
                wikidata=same[0][len(str(WD)) :] if same else None,
                aliases=tuple(sorted(_text(o) for o in objects(_ALT_LABEL))),
                role=_text(role) if role is not None and _true(role) else None,
                affiliation=_key(affiliation.value) if isinstance(affiliation, ox.NamedNode) else None,
                kind=_text(description) if description is not None and _true(description) else None,
                demonyms=tuple(sorted((_text(o) for o in objects(_DEMONYM)), key=lambda d: (-len(d), d))),
                stands_for=_key(stands_for.value) if isinstance(stands_for, ox.NamedNode) else None,
                family_name_first=family_name_first is not None and _true(family_name_first),
                parties=tuple(sorted(_key(o.value) for o in objects(_PARTY) if isinstance(o, ox.NamedNode))),
                date=_text(created) if created is not None and _true(created) else None,
                media=_NEWS_MEDIA in type_iris,
                company=_CORPORATION in type_iris,
                seat=_GOVERNMENT_BUILDING in type_iris,
                definite_article=definite_article is not None and _true(definite_article),
            )
        )
    return ActorTable(actors)
