"""newsgraph: news articles to an RDF knowledge graph of actors, events, agreements and attributed claims.

>>> from newsgraph import KnowledgeGraph
>>> kg = KnowledgeGraph.open(None)
>>> kg.stats()["articles"]
0
"""

from newsgraph._kg import IngestReport, KnowledgeGraph
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

__all__ = [
    "ArticleError",
    "IngestReport",
    "KnowledgeGraph",
    "ModelNotFoundError",
    "NewsgraphError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
    "__version__",
]
