"""The one exception tree of newsgraph.

>>> from newsgraph.errors import NewsgraphError, UnknownQueryError
>>> issubclass(UnknownQueryError, NewsgraphError)
True
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "ModelNotFoundError",
    "NewsgraphError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class ArticleError(NewsgraphError):
    """One article could not be read or extracted (the batch goes on)."""

    def __init__(self, source: str, reason: str, *, origin: str | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        #: the input (file) the article came from, when ``source`` names a part of it (a line, a feed entry)
        self.origin = origin if origin is not None else source


class ModelNotFoundError(NewsgraphError):
    """The spaCy model is not installed."""


class StoreError(NewsgraphError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class QueryError(NewsgraphError):
    """A query is malformed, is missing a parameter, or failed."""


class UnknownQueryError(QueryError):
    """No named query has that name."""
