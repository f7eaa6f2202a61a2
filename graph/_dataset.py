"""The rdflib view of a store (``Store.dataset()``), with the same two lines as every other query.

oxrdflib hands SPARQL text to pyoxigraph, which would run ``SERVICE`` and ``LOAD`` from whatever thread asked; and
rdflib falls back to its own SPARQL engine (which fetches ``SERVICE`` endpoints itself) when a store declines a
query. So the view's store checks every query and update as ``Store.query`` does (``_sparql.check``, with the
dataset's prefixes), evaluates the check's own writing of it on the offline thread (``_offline``) and reads the
rows there; it declines nothing, so rdflib's engine is never reached through it. The dataset refuses rdflib's
engine asked for by name (``use_store_provided=False``, another processor) and already parsed queries.

>>> import pyoxigraph as ox
>>> view = checked_dataset(ox.Store())
>>> view.update("INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> 1 } }")
>>> [int(row[0]) for row in view.query("SELECT ?o WHERE { ?s ?p ?o }")]
[1]
>>> view.update("LOAD <file:///etc/passwd>")
Traceback (most recent call last):
...
newsgraph.errors.QueryError: refused: LOAD would reach outside the store
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from newsgraph.errors import QueryError
from newsgraph.graph import _offline
from newsgraph.graph._sparql import check

__all__ = ["checked_dataset"]


def _prefixes(store: OxigraphStore, given: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    found = {prefix: str(namespace) for prefix, namespace in store.namespaces()}
    found.update({prefix: str(namespace) for prefix, namespace in (given or {}).items()})
    return tuple(sorted(found.items()))


class _CheckedStore(OxigraphStore):
    """oxrdflib's store, whose ``query`` and ``update`` check their text and evaluate it offline."""

    def query(
        self,
        query: Any,
        initNs: Mapping[str, Any],
        initBindings: Mapping[str, Any],
        queryGraph: Any,
        **kwargs: Any,
    ) -> Any:
        if not isinstance(query, str) or kwargs:
            raise QueryError("this dataset runs SPARQL text only (no parsed query, no extra options)")
        checked = check(query, prefixes=_prefixes(self, initNs))

        def run() -> Any:
            result = OxigraphStore.query(self, checked.text, initNs, initBindings, queryGraph)
            if result.type == "SELECT":
                result.bindings = list(result.bindings)  # evaluated here, on the offline thread
            return result

        try:
            return _offline.call(run)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def update(
        self,
        update: Any,
        initNs: Mapping[str, Any],
        initBindings: Mapping[str, Any],
        queryGraph: Any,
        **kwargs: Any,
    ) -> None:
        if not isinstance(update, str) or kwargs:
            raise QueryError("this dataset runs SPARQL text only (no parsed update, no extra options)")
        checked = check(update, update=True, prefixes=_prefixes(self, initNs))
        try:
            _offline.call(OxigraphStore.update, self, checked.text, initNs, initBindings, queryGraph)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except OSError as exc:
            raise QueryError(f"update failed: {exc}") from None


class _CheckedDataset(Dataset):
    """A ``Dataset`` whose queries and updates always go to its checked store, never to rdflib's own engine."""

    def query(self, query_object: Any, processor: Any = "sparql", *args: Any, **kwargs: Any) -> Any:
        if processor != "sparql" or not kwargs.get("use_store_provided", True):
            raise QueryError("this dataset runs queries on its store only (not on rdflib's engine)")
        return super().query(query_object, processor, *args, **kwargs)

    def update(self, update_object: Any, processor: Any = "sparql", *args: Any, **kwargs: Any) -> None:
        if processor != "sparql" or not kwargs.get("use_store_provided", True):
            raise QueryError("this dataset runs updates on its store only (not on rdflib's engine)")
        super().update(update_object, processor, *args, **kwargs)


def checked_dataset(store: ox.Store) -> Any:
    """An rdflib ``Dataset`` over a pyoxigraph store, its default graph the union of the named graphs."""
    return _CheckedDataset(store=_CheckedStore(store=store), default_union=True)
