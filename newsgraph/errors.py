"""The one exception tree of newsgraph.

>>> from newsgraph.errors import NewsgraphError, UnknownQueryError
>>> issubclass(UnknownQueryError, NewsgraphError)
True
"""

from __future__ import annotations

__all__ = [
    "ARTICLE_KINDS",
    "ActorNotFoundError",
    "ActorTableError",
    "ArticleError",
    "ClusterError",
    "LexiconError",
    "ModelNotFoundError",
    "NamesError",
    "NewsgraphError",
    "ParameterError",
    "QueryError",
    "RulesError",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
    "WordsError",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


#: what became of an article that could not be stored: not read on purpose (its format, its size, its language),
#: refused as unsafe or unstorable, or failed on the way
ARTICLE_KINDS = ("skipped", "refused", "failed")


class ArticleError(NewsgraphError):
    """One article could not be read or extracted (the batch goes on). ``kind`` says what became of it
    (``skipped``, ``refused`` or ``failed``); a reason written as "skipped: …" gives its kind too.

    >>> error = ArticleError("a.txt", "skipped: empty input")
    >>> error.kind, error.reason, str(error)
    ('skipped', 'skipped: empty input', 'a.txt: skipped: empty input')
    """

    def __init__(
        self, source: str, reason: str, *, origin: str | None = None, kind: str | None = None
    ) -> None:
        prefix = reason.split(":", 1)[0]
        if kind is None:
            kind = prefix if prefix in ARTICLE_KINDS else "failed"
        elif prefix not in ARTICLE_KINDS:
            reason = f"{kind}: {reason}"
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.kind = kind
        #: the input (file) the article came from, when ``source`` names a part of it (a line, a feed entry)
        self.origin = origin if origin is not None else source

    @property
    def why(self) -> str:
        """The reason without its kind: "empty input"."""
        return self.reason.removeprefix(f"{self.kind}: ")


class LexiconError(NewsgraphError):
    """The event lexicon is not well formed, or names a type or class that does not exist."""


class NamesError(NewsgraphError):
    """The name word classes file is not well formed."""


class WordsError(NewsgraphError):
    """The word classes file is not well formed, or a rule asks for a class it does not have."""


class RulesError(NewsgraphError):
    """The rule registry is not well formed, or a rule named to switch off does not exist."""


class ActorTableError(NewsgraphError):
    """An actor table (the packaged one or a user's) is not well formed."""


class ModelNotFoundError(NewsgraphError):
    """The spaCy model is not installed."""


class ClusterError(NewsgraphError):
    """The Dask cluster that was to extract could not be reached, or lost its workers."""


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
