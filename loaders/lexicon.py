"""The event lexicon (``ontology/lexicon.toml``, or a user's file in the same format): loaded, checked, looked up.

The file's format is described in its own header. Loading checks it against the taxonomy: every type is an event
type of ``events.ttl`` (or ``none``), every class a condition names is defined, every key is known. A mistake is a
``LexiconError`` naming the entry, not a silent miss at extraction time.

>>> lexicon = Lexicon.load()
>>> lexicon.in_class("earthquake", "quake"), lexicon.in_class("army", "quake")
(True, False)
>>> [e.type for e in lexicon.verbs_for("send")][:2]
['none', 'earthquake']
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import LexiconError

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ACTOR_CLASSES", "Entry", "Lexicon", "LexiconError", "read_lexicon", "verb_stems"]

#: classes of an argument's resolved actor rather than of its words
ACTOR_CLASSES = {"@person", "@organization", "@country", "@place", "@actor", "@name", "@any"}
_VERB_KEYS = {
    "lemmas", "type", "subject", "object", "not_object", "not_subject", "prep", "particle", "passive", "context", "rule",
    "clause",
}  # fmt: skip
_NOUN_KEYS = {"lemmas", "type", "modifier", "not_modifier", "governor", "context", "rule"}
#: the lexicon file's top-level sections, and the keys of an entry whose value names a class
_SECTION_KEYS = frozenset({"version", "classes", "verb", "noun", "statement", "roles", "claims"})
_CLASS_KEYS = frozenset(
    {"subject", "object", "not_object", "not_subject", "modifier", "not_modifier", "governor", "context"}
)


def _role_values() -> frozenset[str]:
    """The roles an argument may take: the participant roles of the ontology, "place" (the event's place) and "-"
    (dropped)."""
    from newsgraph.ontology.taxonomy import role_types

    return role_types() | {"place", "-"}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: the words, the type they give, and the conditions under which they give it."""

    kind: str  # "verb" or "noun"
    number: int
    lemmas: frozenset[str]
    type: str
    conditions: tuple[tuple[str, Any], ...] = ()
    #: the registered rule the entry belongs to (it applies while that rule is on), if any
    rule: str | None = None

    def condition(self, key: str) -> Any:
        return dict(self.conditions).get(key)


@dataclass
class Lexicon:
    classes: dict[str, frozenset[str]]
    verbs: list[Entry]
    nouns: list[Entry]
    statement_verbs: frozenset[str]
    acts: dict[str, str]
    roles: dict[str, dict[str, str]]
    source: str = "lexicon.toml"
    #: verbs whose subject (or agent) puts a figure forward, besides the statement verbs: "data showed", "the
    #: court sentenced him to", "the agency put the toll at"
    claim_sources: frozenset[str] = frozenset()
    #: words above a figure that make it an accusation, and the words that name the accusers ("prosecutors")
    accusations: frozenset[str] = frozenset()
    accusers: frozenset[str] = frozenset()
    #: verbs that report what their subject says, finds or believes, besides the statement verbs
    reporting: frozenset[str] = frozenset()
    _verb_index: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _noun_index: dict[str, list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entries, index in ((self.verbs, self._verb_index), (self.nouns, self._noun_index)):
            for entry in entries:
                for lemma in entry.lemmas:
                    index.setdefault(lemma, []).append(entry)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Lexicon:
        """The packaged lexicon, or the file at ``path`` (same format), checked against the taxonomy."""
        return _load(str(path) if path is not None else None)

    @classmethod
    def from_text(cls, text: str, *, source: str = "lexicon") -> Lexicon:
        """A lexicon from the text of a file in the format of ``ontology/lexicon.toml``, checked."""
        return _from_text(text, source)

    def in_class(self, lemma: str, name: str) -> bool:
        return lemma in self.classes.get(name, frozenset())

    def word_in(self, token: Token, name: str) -> bool:
        """Whether a word's lemma or its own form is in a class ("calls" as well as "call")."""
        return self.in_class(token.lemma_.lower(), name) or self.in_class(token.lower_, name)

    def verbs_for(self, lemma: str) -> list[Entry]:
        return self._verb_index.get(lemma, [])

    def nouns_for(self, lemma: str) -> list[Entry]:
        return self._noun_index.get(lemma, [])

    def roles_for(self, chain: Iterable[str]) -> dict[str, str]:
        """The argument roles of a type: the most specific ``[roles.TYPE]`` along its chain, over the defaults."""
        out = dict(self.roles.get("default", {}))
        for notation in reversed(list(chain)):
            out.update(self.roles.get(notation, {}))
        return out


def _check_reachable(entries: list[Entry], source: str) -> None:
    """Entries are tried in order and the first that holds wins: an entry whose every word an earlier entry without
    conditions already takes can never give its type."""
    taken: set[str] = set()
    for entry in entries:
        if entry.lemmas <= taken:
            raise _fail(
                source,
                f"[[{entry.kind}]] #{entry.number}",
                f"is never reached: an earlier entry without conditions takes {', '.join(sorted(entry.lemmas))}",
            )
        if not entry.conditions and entry.rule is None:
            taken |= entry.lemmas


def _fail(source: str, where: str, message: str) -> LexiconError:
    return LexiconError(f"{source}: {where}: {message}")


def _entries(data: Any, kind: str, keys: set[str], source: str) -> list[Entry]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise _fail(source, kind, "must be an array of tables ([[" + kind + "]])")
    out = []
    for number, item in enumerate(data, 1):
        where = f"[[{kind}]] #{number}"
        if not isinstance(item, dict):
            raise _fail(source, where, "must be a table")
        unknown = set(item) - keys
        if unknown:
            raise _fail(source, where, f"unknown key(s): {', '.join(sorted(unknown))}")
        lemmas = item.get("lemmas")
        if not isinstance(lemmas, list) or not lemmas or not all(isinstance(x, str) and x for x in lemmas):
            raise _fail(source, where, "'lemmas' must be a non-empty list of words")
        if not isinstance(item.get("type"), str):
            raise _fail(source, where, "'type' must be an event type (or \"none\")")
        rule = item.get("rule")
        if rule is not None and not isinstance(rule, str):
            raise _fail(source, where, "'rule' must be the name of a registered rule")
        conditions = tuple(sorted((k, v) for k, v in item.items() if k not in {"lemmas", "type", "rule"}))
        out.append(Entry(kind, number, frozenset(w.lower() for w in lemmas), item["type"], conditions, rule))
    return out


#: the sections of the format that are tables
_TABLE_KEYS = ("classes", "statement", "roles", "claims")


def _check_shape(data: Any, source: str) -> None:
    """The sections have the shapes the format gives them (a user's file may hold anything TOML can)."""
    if not isinstance(data, dict):
        raise _fail(source, "top level", "must be a table")
    for name in _TABLE_KEYS:
        if not isinstance(data.get(name, {}), dict):
            raise _fail(source, f"[{name}]", "must be a table")
    statement = data.get("statement", {})
    if not _words(statement.get("verbs", [])):
        raise _fail(source, "[statement] verbs", "must be a list of words")
    acts = statement.get("acts", {})
    if not isinstance(acts, dict) or not all(_words(words) for words in acts.values()):
        raise _fail(source, "[statement.acts]", "must be a table of word lists")
    for notation, mapping in data.get("roles", {}).items():
        if not isinstance(mapping, dict) or not all(isinstance(role, str) for role in mapping.values()):
            raise _fail(source, f"[roles.{notation}]", "must be a table of argument = role")


@cache
def _noun_classes() -> frozenset[str]:
    """The WordNet classes of nouns the packaged word classes have: what a condition "wn:CLASS" may name."""
    from newsgraph.loaders.wordclasses import WordClasses

    return frozenset(c for classes in WordClasses.load().nouns.values() for c in classes)


def _words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(word, str) for word in value)


def parse(data: dict[str, Any], *, source: str = "lexicon.toml") -> Lexicon:
    """A lexicon from the parsed TOML, checked (see the module's doc)."""
    from newsgraph.ontology.taxonomy import Taxonomy

    _check_shape(data, source)
    taxonomy = Taxonomy.load()
    unknown = set(data) - _SECTION_KEYS
    if unknown:
        raise _fail(source, "top level", f"unknown section(s): {', '.join(sorted(unknown))}")
    raw_classes = data.get("classes", {})
    if not isinstance(raw_classes, dict):
        raise _fail(source, "[classes]", "must be a table of word lists")
    classes: dict[str, frozenset[str]] = {}
    for name, words in raw_classes.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _fail(source, f"[classes] {name}", "must be a list of words")
        classes[name] = frozenset(w.lower() for w in words)
    verbs = _entries(data.get("verb"), "verb", _VERB_KEYS, source)
    nouns = _entries(data.get("noun"), "noun", _NOUN_KEYS, source)
    for entries in (verbs, nouns):
        _check_reachable(entries, source)
    from newsgraph.loaders.rules import Registry

    registry = Registry.load()
    for entry in [*verbs, *nouns]:
        where = f"[[{entry.kind}]] #{entry.number}"
        if entry.rule is not None and entry.rule not in registry:
            raise _fail(
                source, where, f"rule = {entry.rule!r} is not a registered rule (newsgraph rules lists them)"
            )
        if entry.type != "none" and entry.type not in taxonomy:
            raise _fail(source, where, f"type {entry.type!r} is not an event type of events.ttl")
        for key, value in entry.conditions:
            if key in _CLASS_KEYS:
                if isinstance(value, str) and value.startswith("wn:"):
                    if not set(value[3:].split("|")) <= _noun_classes():
                        raise _fail(
                            source, where, f"{key} = {value!r}: write wn:CLASS|CLASS of WordNet's nouns"
                        )
                elif not isinstance(value, str) or (value not in classes and value not in ACTOR_CLASSES):
                    raise _fail(source, where, f"{key} = {value!r} is not a class")
            elif key == "prep":
                preposition, _, name = value.partition(":") if isinstance(value, str) else ("", "", "")
                if not preposition or (name and name not in classes and name not in ACTOR_CLASSES):
                    raise _fail(source, where, f"prep = {value!r}: write PREPOSITION:CLASS")
            elif key == "particle" and not isinstance(value, str):
                raise _fail(source, where, "'particle' must be a word")
            elif key == "passive" and not isinstance(value, bool):
                raise _fail(source, where, "'passive' must be true or false")
    statement = data.get("statement", {})
    if not isinstance(statement, dict):
        raise _fail(source, "[statement]", "must be a table")
    unknown = set(statement) - {"verbs", "reporting", "acts"}
    if unknown:
        raise _fail(source, f"[statement] {sorted(unknown)[0]}", "is not a key of [statement]")
    verbs_list = statement.get("verbs", [])
    reporting = statement.get("reporting", [])
    for key, listed in (("verbs", verbs_list), ("reporting", reporting)):
        if not isinstance(listed, list) or not all(isinstance(w, str) and w for w in listed):
            raise _fail(source, f"[statement] {key}", "must be a list of verbs")
    acts: dict[str, str] = {}
    for act, words in statement.get("acts", {}).items():
        if act not in taxonomy or taxonomy.top(act) != "statement":
            raise _fail(source, f"[statement.acts] {act}", "is not a narrower type of statement")
        for word in words:
            acts[word.lower()] = act
    roles: dict[str, dict[str, str]] = {}
    for notation, mapping in data.get("roles", {}).items():
        if notation != "default" and notation not in taxonomy:
            raise _fail(source, f"[roles.{notation}]", "is not an event type")
        for argument, role in mapping.items():
            if role not in _role_values():
                raise _fail(source, f"[roles.{notation}] {argument}", f"{role!r} is not a role")
        roles[notation] = dict(mapping)
    claims = data.get("claims", {})
    sources = claims.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(w, str) and w.isalpha() for w in sources):
        raise _fail(source, "[claims] sources", "must be a list of verbs")
    claim_words: dict[str, frozenset[str]] = {}
    for key in ("accusations", "accusers"):
        listed = claims.get(key, [])
        if not isinstance(listed, list) or not all(isinstance(w, str) and w for w in listed):
            raise _fail(source, f"[claims] {key}", "must be a list of words")
        claim_words[key] = frozenset(w.lower() for w in listed)
    unknown = set(claims) - {"sources", "accusations", "accusers"}
    if unknown:
        raise _fail(source, f"[claims] {sorted(unknown)[0]}", "is not a key of [claims]")
    return Lexicon(
        classes,
        verbs,
        nouns,
        frozenset(w.lower() for w in verbs_list),
        acts,
        roles,
        source,
        claim_sources=frozenset(w.lower() for w in sources),
        accusations=claim_words["accusations"],
        accusers=claim_words["accusers"],
        reporting=frozenset(w.lower() for w in reporting),
    )


def verb_stems(token: Token) -> list[str]:
    """The stems an inflected verb may hide, the likeliest first: the model lemmatises "fined" as "fin" and
    "banned" as "banne"; "fine" and "ban" are among the stems.

    >>> import spacy
    >>> [verb_stems(t) for t in spacy.blank("en")("fined") if setattr(t, "tag_", "VBD") is None]
    [['fine', 'fin', 'fi']]
    """
    if not token.tag_.startswith("VB"):
        return []
    word = token.lower_
    if word.endswith("ed"):
        stems = [word[:-1], word[:-2], word[:-3]]
    elif word.endswith("ing"):
        stems = [word[:-3] + "e", word[:-3], word[:-4]]
    elif word.endswith("s"):
        stems = [word[:-1], word[:-2]]
    else:
        stems = []
    return [stem for stem in stems if len(stem) > 1]


def read_lexicon(path: str | Path) -> str:
    """The text of a user's lexicon file, checked now (a mistake fails before any work is done); the text is what
    workers on other machines get, and what the extractor version digests."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(
            f"cannot read the lexicon {file}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    _from_text(text, str(file))
    return text


@lru_cache(maxsize=8)
def _from_text(text: str, source: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{source}: not valid TOML: {exc}") from None
    except RecursionError:
        raise LexiconError(f"{source}: nested too deeply to read") from None
    return parse(data, source=source)


@lru_cache(maxsize=4)
def _load(path: str | None) -> Lexicon:
    from newsgraph.ontology import ontology_path

    file = Path(path) if path is not None else ontology_path("lexicon.toml")
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise LexiconError(f"cannot read the lexicon {file}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{file}: not valid TOML: {exc}") from None
    except RecursionError:
        raise LexiconError(f"{file}: nested too deeply to read") from None
    return parse(data, source=str(file))
