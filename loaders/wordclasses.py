"""The lexical classes of English nouns and verbs (``ontology/wordclasses.toml``, generated from Open English
WordNet by ``tools/generate_wordclasses.py``): for a lemma, the WordNet lexicographer file of each of its first
senses, the commonest first ("search" the noun: act, act; "have" the verb: possession, stative, perception).

Rules read a word's class where no lexicon entry lists the word: a noun whose first sense is an act or an event
names a happening in any domain, a verb whose first senses are of change, motion or possession reports one. The
table is read when a rule first asks for it, once per extraction context (``Rules.wordclasses``), never at import.

>>> classes = WordClasses.load()
>>> classes.noun("evacuation")[0], classes.verb("believe")[0], classes.verb("shut down")
('act', 'cognition', ('social',))
>>> classes.noun("no-such-word")
()
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import WordsError

__all__ = ["WordClasses"]

_COMMIT = re.compile(r"at commit ([0-9a-f]{40})")


@dataclass(frozen=True)
class WordClasses:
    """Each noun's and verb's classes, first sense first."""

    nouns: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]]
    #: the source commit the header names
    commit: str
    source: str = "wordclasses.toml"

    @classmethod
    def load(cls, path: str | Path | None = None) -> WordClasses:
        """The packaged table, or the file at ``path`` in its format (read on each call: a ``Rules`` context
        keeps the one it reads)."""
        from newsgraph.ontology import ontology_path

        file = Path(path) if path is not None else ontology_path("wordclasses.toml")
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise WordsError(f"cannot read the word classes {file}: {exc.strerror or exc}") from None
        return parse(text, source=str(file))

    def noun(self, lemma: str) -> tuple[str, ...]:
        """The classes of a noun's first senses (empty: not in the table)."""
        return self.nouns.get(lemma.lower(), ())

    def verb(self, lemma: str) -> tuple[str, ...]:
        """The classes of a verb's first senses; a particle form is written "shut down"."""
        return self.verbs.get(lemma.lower().replace(" ", "_"), ())


def parse(text: str, *, source: str = "wordclasses.toml") -> WordClasses:
    """The table from the text of a file in its format, checked: a header naming the source commit, and under
    ``[noun]`` and ``[verb]`` each class signature with its lemmas."""
    commit = _COMMIT.search(text[:2000])
    if commit is None:
        raise WordsError(f"{source}: the header names no source commit")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WordsError(f"{source}: not valid TOML: {exc}") from None
    if set(data) != {"noun", "verb"}:
        raise WordsError(f"{source}: the sections must be [noun] and [verb]")
    tables: list[dict[str, tuple[str, ...]]] = []
    for section in ("noun", "verb"):
        table: dict[str, tuple[str, ...]] = {}
        for signature, lemmas in data[section].items():
            if not isinstance(lemmas, str):
                raise WordsError(f"{source}: [{section}] {signature!r} must be a string of lemmas")
            classes = tuple(signature.split())
            for lemma in lemmas.split():
                table[lemma] = classes
        tables.append(table)
    return WordClasses(tables[0], tables[1], commit.group(1), source)
