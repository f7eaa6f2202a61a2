"""The word classes of names (``ontology/names.toml``, or a user's file in its format): loaded and checked.

Each class is a kind of word around or inside a name ("titles", "honorifics", "organisation_heads", ...): a rule
says what to do with "a title before a name" and the file says which words are titles. Words are matched
lower-cased with full stops removed ("Gen." is "gen", "Co." is "co"). A file is checked when it is read: it has the
classes of the packaged file and no other, each a list of words, and no word is in two classes that contradict
each other. ``--names FILE`` (on ingest, extract and evaluate) reads a user's file in its place.

>>> words = NameWords.load()
>>> words.has("titles", "Adm."), words.has("particles", "bin"), words.has("legal_suffixes", "Co.")
(True, True, True)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.errors import NamesError

__all__ = ["NameWords", "NamesError", "read_names", "word_key"]

#: classes no word may share
_EXCLUSIVE = (("organisation_heads", "place_heads"),)
_QUOTES = str.maketrans({"’": "'", "‘": "'"})
_WORD = re.compile(r"^[a-z][a-z'-]*$")


def word_key(text: str) -> str:
    """A word as the classes list it: lower case, without full stops, plain apostrophes.

    >>> word_key("Adm."), word_key("Co."), word_key("S.A.")
    ('adm', 'co', 'sa')
    """
    return text.translate(_QUOTES).lower().replace(".", "")


@dataclass(frozen=True)
class NameWords:
    """The word classes of ``ontology/names.toml`` (or a user's file in the same format)."""

    classes: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: str | Path | None = None) -> NameWords:
        """Read and check a word classes file; the packaged one by default (read once per process)."""
        return _load(str(path) if path is not None else None)

    @classmethod
    def from_text(cls, text: str, *, source: str = "names") -> NameWords:
        """Word classes from the text of a file in the format of ``ontology/names.toml``, checked."""
        return _from_text(text, source)

    def has(self, name: str, word: str) -> bool:
        return word_key(word) in self.classes[name]


def read_names(path: str | Path) -> str:
    """The text of a user's name word classes file, checked now (a mistake fails before any work is done); the
    text is what workers on other machines get, and what the extractor version digests."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise NamesError(f"cannot read the name word classes {file}: {reason}") from None
    _from_text(text, str(file))
    return text


def _packaged_text() -> str:
    from newsgraph.ontology import ontology_path

    return ontology_path("names.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _load(path: str | None) -> NameWords:
    from newsgraph.ontology import ontology_path

    source = Path(path) if path is not None else ontology_path("names.toml")
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise NamesError(f"cannot read the name word classes {source}: {exc}") from exc
    return _from_text(text, str(source))


@lru_cache(maxsize=1)
def _required() -> tuple[str, ...]:
    """The classes the rules use: those of the packaged file."""
    return tuple(tomllib.loads(_packaged_text()))


@lru_cache(maxsize=8)
def _from_text(text: str, source: str) -> NameWords:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NamesError(f"cannot read the name word classes {source}: {exc}") from exc
    required = _required()
    classes: dict[str, frozenset[str]] = {}
    for name in required:
        table = data.get(name)
        if not isinstance(table, dict) or not isinstance(table.get("words"), list):
            raise NamesError(f"{source}: no [{name}] table with a words list")
        words = table["words"]
        bad = [w for w in words if not isinstance(w, str) or not _WORD.match(word_key(w))]
        if bad:
            raise NamesError(f"{source}: [{name}] has entries that are not words: {bad[:5]}")
        classes[name] = frozenset(word_key(w) for w in words)
    unknown = sorted(set(data) - set(required))
    if unknown:
        raise NamesError(f"{source}: unknown classes {unknown} (known: {', '.join(required)})")
    for a, b in _EXCLUSIVE:
        both = sorted(classes[a] & classes[b])
        if both:
            raise NamesError(f"{source}: {both} in both [{a}] and [{b}]")
    return NameWords(classes)
