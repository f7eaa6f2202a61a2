"""newsgraph: news articles to an RDF knowledge graph of actors, events, agreements and attributed claims.

>>> from newsgraph import KnowledgeGraph
>>> kg = KnowledgeGraph.open(None)
>>> kg.stats()["articles"]
0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph._version import __version__
from newsgraph.errors import (
    ArticleError,
    ModelNotFoundError,
    NewsgraphError,
    QueryError,
    StoreError,
    StoreLockedError,
    UnknownQueryError,
)

if TYPE_CHECKING:
    from newsgraph._kg import IngestReport, KnowledgeGraph, QueryPage


def __getattr__(name: str) -> Any:
    """``KnowledgeGraph`` and ``IngestReport`` are imported on first use: ``newsgraph --help`` and the query
    commands do not pay for spaCy, rdflib and networkx."""
    if name in {"KnowledgeGraph", "IngestReport", "QueryPage"}:
        from newsgraph import _kg

        return getattr(_kg, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


__all__ = [
    "ArticleError",
    "IngestReport",
    "KnowledgeGraph",
    "ModelNotFoundError",
    "NewsgraphError",
    "QueryError",
    "QueryPage",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
    "__version__",
]
