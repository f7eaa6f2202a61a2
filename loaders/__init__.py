"""Reading articles and extracting actors, events and claims from them (no store, no page, no server here).

>>> from newsgraph.loaders import read_paths, Extractor
>>> callable(read_paths) and callable(Extractor)
True
"""

from newsgraph.loaders.article import Article
from newsgraph.loaders.dates import DateValue, resolve_date
from newsgraph.loaders.extraction import (
    ActorRecord,
    ClaimRecord,
    EventRecord,
    Extraction,
    Extractor,
    MentionRecord,
    ParticipantRecord,
)
from newsgraph.loaders.nlp import DEFAULT_MODEL, load_model
from newsgraph.loaders.read import MAX_INPUT_BYTES, read_bytes, read_paths
from newsgraph.loaders.table import ActorTable, normalize_name

__all__ = [
    "DEFAULT_MODEL",
    "MAX_INPUT_BYTES",
    "ActorRecord",
    "ActorTable",
    "Article",
    "ClaimRecord",
    "DateValue",
    "EventRecord",
    "Extraction",
    "Extractor",
    "MentionRecord",
    "ParticipantRecord",
    "load_model",
    "normalize_name",
    "read_bytes",
    "read_paths",
    "resolve_date",
]
