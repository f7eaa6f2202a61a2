"""The one exception tree of newsgraph.

>>> from newsgraph.errors import NewsgraphError, UnknownQueryError
>>> issubclass(UnknownQueryError, NewsgraphError)
True
"""

from __future__ import annotations

__all__ = [
    "ActorNotFoundError",
    "ArticleError",
    "ModelNotFoundError",
    "NewsgraphError",
    "ParameterError",
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


class ParameterError(QueryError):
    """A query was given a parameter it does not have, or not one it needs (``missing`` and ``unknown`` name them).

    The message speaks Python (``kg.query("actor-events", actor=...)``); the command line says the same with
    its ``--param``.
    """

    def __init__(self, message: str, *, query: str, missing: list[str], unknown: list[str]) -> None:
        super().__init__(message)
        self.query = query
        self.missing = missing
        self.unknown = unknown


class ActorNotFoundError(NewsgraphError):
    """No actor goes by a name, or several do: ``parameter`` names the argument that held it, ``name`` the name,
    ``candidates`` the labels it could have meant (most mentioned first)."""

    def __init__(self, message: str, *, parameter: str, name: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.name = name
        self.candidates = candidates
