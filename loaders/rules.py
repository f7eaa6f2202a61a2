"""The rule registry and the context every rule is given.

A rule handles one linguistic phenomenon ("a title before a name is not part of it", "what a denial governs did not
happen as told"). The registry is data, ``ontology/rules.toml``: the phases of extraction in the order they run,
and in each phase its rules in the order they apply, each with the phenomenon it handles, what it does, an example
sentence of our own and the tests that prove it. ``docs/extraction.md`` is generated from it (``newsgraph rules
--format markdown``) and ``newsgraph rules`` lists it.

The code asks ``rules.on(NAME)`` where a rule applies, and runs a phase's passes in the registry's order, so every
rule can be switched off to measure what it is worth (``Extractor(without=...)``, ``newsgraph evaluate --without``
and ``--ablate``). ``Rules`` is also the one context of an extraction: the lexicon, the name word classes, the other
word classes, the event taxonomy and the actor table, built once by the extractor and passed down; nothing the
rules read lives in module state.

>>> registry = Registry.load()
>>> registry["told_twice"].phase
'happenings'
>>> rules = Rules.load(without=("told_twice",))
>>> rules.on("told_twice"), rules.on("negation")
(False, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import RulesError
from newsgraph.loaders._datafile import read_toml

if TYPE_CHECKING:
    from newsgraph.loaders.lexicon import Lexicon
    from newsgraph.loaders.names import NameWords
    from newsgraph.loaders.table import ActorTable
    from newsgraph.loaders.wordclasses import WordClasses
    from newsgraph.loaders.words import Words
    from newsgraph.ontology.measures import Measures
    from newsgraph.ontology.taxonomy import Taxonomy

__all__ = ["Phase", "Registry", "Rule", "Rules", "RulesError"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_KEYS = {"name", "phase", "phenomenon", "rule", "example", "tests"}
_PHASE_KEYS = {"name", "title", "modules", "about"}


@dataclass(frozen=True)
class Rule:
    """One registered rule: its name, its phase, the phenomenon it handles, what it does, an example of our own
    and the tests that prove it (``tests/FILE.py::test_name``)."""

    name: str
    phase: str
    phenomenon: str
    rule: str
    example: str
    tests: tuple[str, ...]


@dataclass(frozen=True)
class Phase:
    """A phase of extraction: its rules in the order they apply."""

    name: str
    title: str
    modules: tuple[str, ...]
    about: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Registry:
    """Every rule, phase by phase, in order (``ontology/rules.toml``)."""

    phases: tuple[Phase, ...]
    _by_name: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for rule in self:
            self._by_name[rule.name] = rule

    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """The packaged registry, or the file at ``path`` in its format (read once per process)."""
        return _load(str(path) if path is not None else None)

    def __iter__(self) -> Iterator[Rule]:
        for phase in self.phases:
            yield from phase.rules

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Rule:
        try:
            return self._by_name[name]
        except KeyError:
            raise RulesError(f"no rule is named {name!r} (newsgraph rules lists them)") from None

    def phase(self, name: str) -> Phase:
        for phase in self.phases:
            if phase.name == name:
                return phase
        raise RulesError(f"no phase is named {name!r}")

    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def check(self, names: Iterable[str]) -> frozenset[str]:
        """The names given, each checked to be a rule; a phase's name stands for all its rules."""
        out: set[str] = set()
        for raw in names:
            name = raw.strip()
            if not name:
                continue
            if any(p.name == name for p in self.phases):
                out.update(r.name for r in self.phase(name).rules)
                continue
            out.add(self[name].name)
        return frozenset(out)


def _fail(source: str, where: str, message: str) -> RulesError:
    return RulesError(f"{source}: {where}: {message}")


def _text(item: dict[str, Any], key: str, source: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, f"'{key}' must be a non-empty string")
    return value.strip()


def parse(data: dict[str, Any], *, source: str = "rules.toml") -> Registry:
    """A registry from the parsed TOML, checked: known keys, unique names, every rule in a declared phase with a
    phenomenon, what it does, an example and at least one test, and each phase's rules written together."""
    unknown = set(data) - {"phase", "rule"}
    if unknown:
        raise _fail(source, "top level", f"unknown section(s): {', '.join(sorted(unknown))}")
    phases: list[dict[str, Any]] = []
    for number, item in enumerate(data.get("phase", []), 1):
        where = f"[[phase]] #{number}"
        if not isinstance(item, dict) or set(item) - _PHASE_KEYS:
            raise _fail(source, where, f"must be a table with keys {', '.join(sorted(_PHASE_KEYS))}")
        modules = item.get("modules", [])
        if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
            raise _fail(source, where, "'modules' must be a list of paths")
        phases.append(
            {
                "name": _text(item, "name", source, where),
                "title": _text(item, "title", source, where),
                "about": str(item.get("about", "")).strip(),
                "modules": tuple(modules),
                "rules": [],
            }
        )
    by_phase = {p["name"]: p for p in phases}
    if len(by_phase) != len(phases):
        raise _fail(source, "[[phase]]", "two phases have one name")
    seen: set[str] = set()
    order: list[str] = []
    for number, item in enumerate(data.get("rule", []), 1):
        where = f"[[rule]] #{number}"
        if not isinstance(item, dict):
            raise _fail(source, where, "must be a table")
        extra = set(item) - _RULE_KEYS
        if extra:
            raise _fail(source, where, f"unknown key(s): {', '.join(sorted(extra))}")
        name = _text(item, "name", source, where)
        where = f"[[rule]] {name}"
        if not _NAME.match(name):
            raise _fail(source, where, "a name is lower case letters, digits and underscores")
        if name in seen:
            raise _fail(source, where, "is registered twice")
        seen.add(name)
        phase = _text(item, "phase", source, where)
        if phase not in by_phase:
            raise _fail(source, where, f"phase {phase!r} is not declared")
        if order and order[-1] != phase and phase in order:
            raise _fail(source, where, f"the rules of phase {phase!r} must be written together, in order")
        if not order or order[-1] != phase:
            order.append(phase)
        tests = item.get("tests")
        if (
            not isinstance(tests, list)
            or not tests
            or not all(isinstance(t, str) and "::" in t for t in tests)
        ):
            raise _fail(source, where, "'tests' must list at least one test as FILE::NAME")
        by_phase[phase]["rules"].append(
            Rule(
                name=name,
                phase=phase,
                phenomenon=_text(item, "phenomenon", source, where),
                rule=_text(item, "rule", source, where),
                example=_text(item, "example", source, where),
                tests=tuple(tests),
            )
        )
    return Registry(
        tuple(
            Phase(p["name"], p["title"], p["modules"], p["about"], tuple(p["rules"]))
            for p in phases  # the phases' order is the file's
        )
    )


@lru_cache(maxsize=4)
def _load(path: str | None) -> Registry:
    from newsgraph.ontology import ontology_path

    file = Path(path) if path is not None else ontology_path("rules.toml")
    return parse(read_toml(file, what="the rule registry", error=RulesError), source=str(file))


@dataclass(frozen=True)
class Rules:
    """The context of one extraction: what the rules know (lexicon, word classes, taxonomy, actor table) and which
    rules are switched off. Built once by the extractor and passed down; never changed while it runs.

    >>> rules = Rules.load()
    >>> rules.on("negation"), rules.lexicon.in_class("earthquake", "quake")
    (True, True)
    """

    lexicon: Lexicon
    names: NameWords
    words: Words
    taxonomy: Taxonomy
    table: ActorTable
    off: frozenset[str] = frozenset()

    @classmethod
    def load(cls, *, without: Iterable[str] = (), table: ActorTable | None = None) -> Rules:
        """The packaged knowledge, with the rules named in ``without`` (or whole phases) switched off."""
        from newsgraph.loaders.lexicon import Lexicon
        from newsgraph.loaders.names import NameWords
        from newsgraph.loaders.table import ActorTable
        from newsgraph.loaders.words import Words
        from newsgraph.ontology.taxonomy import Taxonomy

        return cls(
            lexicon=Lexicon.load(),
            names=NameWords.load(),
            words=Words.load(),
            taxonomy=Taxonomy.load(),
            table=table if table is not None else ActorTable.load(),
            off=Registry.load().check(without),
        )

    def on(self, name: str) -> bool:
        """Whether the rule ``name`` applies (it is not switched off)."""
        return name not in self.off

    def without(self, *names: str) -> Rules:
        """The same context with more rules switched off."""
        return replace(self, off=self.off | Registry.load().check(names))

    @cached_property
    def wordclasses(self) -> WordClasses:
        """The lexical classes of English nouns and verbs (``ontology/wordclasses.toml``), read when a rule first
        asks for them."""
        from newsgraph.loaders.wordclasses import WordClasses

        return WordClasses.load()

    # what the rules derive from the lexicon and the word classes, once per context
    @cached_property
    def lexicon_words(self) -> frozenset[str]:
        """Every word a class of the lexicon names: the lexicon knows them in their roles ("results", "case")."""
        return frozenset().union(*self.lexicon.classes.values())

    @cached_property
    def reporting(self) -> frozenset[str]:
        """Verbs that report what someone says or finds: the lexicon's statement verbs and its reporting class."""
        return self.lexicon.statement_verbs | self.lexicon.reporting

    @cached_property
    def measures(self) -> Measures:
        """What figures measure (``measures.ttl``)."""
        from newsgraph.ontology.measures import Measures

        return Measures.load()

    @cached_property
    def figure_sources(self) -> frozenset[str]:
        """Verbs whose subject (or agent) puts a figure forward: the reporting verbs and the lexicon's ``[claims]
        sources`` (evidence, counting, publishing, official acts)."""
        return self.reporting | self.lexicon.claim_sources
