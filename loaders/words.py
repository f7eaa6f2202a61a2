"""Word classes the rules read besides the event lexicon and the name classes (``ontology/words.toml``).

Each class is one concept ("modal auxiliaries", "nouns of a happening's aftermath", "number words and their
values"), written once, with a comment saying what it is for. A class is a ``words`` list, or a ``values`` table
when each word stands for a value (a number word, a scale, the measure a verb counts). The file is checked when it
is read: every class has exactly one of the two, every word is a non-empty string, every value a number or a
string; a rule that asks for a class the file lacks fails with the class's name.

>>> words = Words.load()
>>> words.has("modal", "would"), words.value("number_words", "twelve")
(True, 12)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.errors import WordsError
from newsgraph.loaders._datafile import read_toml

__all__ = ["Words", "WordsError"]


@dataclass(frozen=True)
class Words:
    """The word classes of ``ontology/words.toml``: sets of words, and tables of words with values."""

    sets: dict[str, frozenset[str]]
    values: dict[str, dict[str, Any]]
    #: each class's words in the file's order (where order matters: the longest qualifier first)
    lists: dict[str, tuple[str, ...]]
    source: str = "words.toml"

    @classmethod
    def load(cls, path: str | Path | None = None) -> Words:
        """The packaged word classes, or the file at ``path`` in their format (read once per process)."""
        return _load(str(path) if path is not None else None)

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self.sets[name]
        except KeyError:
            raise WordsError(f"{self.source}: no word class [{name}]") from None

    def has(self, name: str, word: str) -> bool:
        return word in self[name]

    def ordered(self, name: str) -> tuple[str, ...]:
        """A class's words in the order the file gives them."""
        self[name]
        return self.lists[name]

    def table(self, name: str) -> dict[str, Any]:
        """A class of words with values."""
        try:
            return self.values[name]
        except KeyError:
            raise WordsError(f"{self.source}: no table of values [{name}]") from None

    def value(self, name: str, word: str, default: Any = None) -> Any:
        return self.table(name).get(word, default)


def parse(data: dict[str, Any], *, source: str = "words.toml") -> Words:
    """Word classes from the parsed TOML, checked (see the module's doc)."""
    sets: dict[str, frozenset[str]] = {}
    values: dict[str, dict[str, Any]] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for name, table in data.items():
        if (
            not isinstance(table, dict)
            or len(set(table) & {"words", "values"}) != 1
            or set(table)
            - {
                "words",
                "values",
            }
        ):
            raise WordsError(f"{source}: [{name}] must have either a 'words' list or a 'values' table")
        if "words" in table:
            words = table["words"]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
                raise WordsError(f"{source}: [{name}] words must be a non-empty list of strings")
            if len(set(words)) != len(words):
                raise WordsError(f"{source}: [{name}] lists a word twice")
            sets[name] = frozenset(words)
            lists[name] = tuple(words)
        else:
            mapping = table["values"]
            if not isinstance(mapping, dict) or not mapping:
                raise WordsError(f"{source}: [{name}] values must be a non-empty table")
            bad = [
                k for k, v in mapping.items() if not isinstance(v, int | float | str) or isinstance(v, bool)
            ]
            if bad:
                raise WordsError(f"{source}: [{name}] values must be numbers or strings: {bad[:3]}")
            values[name] = dict(mapping)
            sets[name] = frozenset(mapping)
            lists[name] = tuple(mapping)
    return Words(sets, values, lists, source)


@lru_cache(maxsize=4)
def _load(path: str | None) -> Words:
    from newsgraph.ontology import ontology_path

    file = Path(path) if path is not None else ontology_path("words.toml")
    return parse(read_toml(file, what="the word classes", error=WordsError), source=str(file))
