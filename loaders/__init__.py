"""Reading articles and extracting actors, events and claims from them (no store, no page, no server here).

Names are imported on first use (PEP 562): reading articles does not import spaCy, extracting does.

>>> from newsgraph.loaders import read_paths, Extractor
>>> callable(read_paths) and callable(Extractor)
True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Article": "article",
    "DateValue": "dates",
    "resolve_date": "dates",
    "ActorRecord": "extraction",
    "ClaimRecord": "extraction",
    "EventRecord": "extraction",
    "Extraction": "extraction",
    "Extractor": "extraction",
    "MentionRecord": "extraction",
    "ParticipantRecord": "extraction",
    "DEFAULT_MODEL": "nlp",
    "load_model": "nlp",
    "MAX_INPUT_BYTES": "read",
    "read_bytes": "read",
    "read_paths": "read",
    "ActorTable": "table",
    "normalize_name": "table",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph.loaders' has no attribute {name!r}")
    return getattr(import_module(f"newsgraph.loaders.{module}"), name)


__all__ = sorted(_WHERE)
