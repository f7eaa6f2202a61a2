"""What makes an extractor, without spaCy: the model's name, the batch sizes, ``ExtractorSetup`` and the
``ng:extractorVersion`` it writes.

The process that writes the store while workers extract (``ingest --workers``, ``--dask``) needs these and nothing
else of extraction, so it never imports spaCy: its CPU goes to reading and writing, not to a model it does not use.

>>> setup = ExtractorSetup(without=("figure_happenings",))
>>> setup.version.startswith("newsgraph ") and setup.version.endswith("; without figure_happenings")
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["BATCH_CHARS", "BATCH_SIZE", "DEFAULT_MODEL", "ExtractorSetup", "extractor_version", "model_name"]

DEFAULT_MODEL = "en_core_web_sm"

#: Articles per ``nlp.pipe`` batch, and per task sent to a worker process. Measured on the benchmark corpus
#: (2 cores): 64 made one-process ingest 5-9 % faster (53-55 against 50.6 articles/s) but ``--workers 2`` no
#: faster (85-87 articles/s either way), and raised its peak memory at 10,000 articles from 770 to 935 MiB.
BATCH_SIZE = 16

#: the most characters one spaCy batch holds at once (memory grows with it)
BATCH_CHARS = 200_000


def model_name(name: str | None = None) -> str:
    """The model to use: the argument, else ``NEWSGRAPH_SPACY_MODEL``, else ``en_core_web_sm``."""
    return name or os.environ.get("NEWSGRAPH_SPACY_MODEL") or DEFAULT_MODEL


def extractor_version(
    model: str,
    *,
    actors: tuple[str, ...] = (),
    lexicon: str | None = None,
    names: str | None = None,
    without: Iterable[str] = (),
) -> str:
    """What made an article's graph (``ng:extractorVersion``): an article is extracted again when this changes.
    It names the newsgraph release, the model, a digest of the rules (their code, the packaged lexicon, word
    classes, event types and actor tables, a user's own actor tables, lexicon and name classes in place of the
    packaged ones) and the rules switched off, so that new rules or a new table reach the articles already stored.

    >>> extractor_version("en_core_web_sm").startswith("newsgraph ")
    True
    """
    from newsgraph._version import __version__

    off = ",".join(sorted(without))
    return f"newsgraph {__version__}; spaCy model {model}; rules {_rules_digest(actors, lexicon, names)}" + (
        f"; without {off}" if off else ""
    )


@lru_cache(maxsize=8)
def _rules_digest(actors: tuple[str, ...], lexicon: str | None = None, names: str | None = None) -> str:
    import hashlib

    from newsgraph.loaders.table import PACKAGED
    from newsgraph.ontology import ontology_path

    digest = hashlib.sha256()
    for name in ("lexicon.toml", "names.toml", "words.toml", "page.toml", "parser.toml", "rules.toml", "events.ttl",
                 "measures.ttl", "wordclasses.toml", *PACKAGED):  # fmt: skip
        if name == "lexicon.toml" and lexicon is not None:
            digest.update(b"user lexicon\0" + lexicon.encode("utf-8"))
            continue
        if name == "names.toml" and names is not None:
            digest.update(b"user names\0" + names.encode("utf-8"))
            continue
        digest.update(ontology_path(name).read_bytes())
    for text in actors:
        digest.update(text.encode("utf-8"))
    # the rules' code too: a release that changes a rule re-extracts what an earlier one stored
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode("utf-8") + b"\0" + module.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class ExtractorSetup:
    """What makes an extractor, all of it as text, so that a worker process (or a machine with no access to the
    files) builds the same one: the model's name, a user's actor tables, lexicon and name classes, and the rules
    switched off."""

    model: str | None = None
    actor_tables: tuple[str, ...] = ()
    lexicon_text: str | None = None
    names_text: str | None = None
    without: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """The ``ng:extractorVersion`` of what this setup extracts."""
        return extractor_version(
            model_name(self.model),
            actors=self.actor_tables,
            lexicon=self.lexicon_text,
            names=self.names_text,
            without=self.without,
        )
