"""The store: an embedded on-disk Oxigraph database, one named graph per article.

Writes go through pyoxigraph: one ``extend`` (one transaction) per article. An article whose content hash is
already stored is not written again; a changed article (same URL, new text) replaces its own graph.

>>> store = Store()  # in memory
>>> store.article_hash("https://w3id.org/newsgraph/id/article/none") is None
True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from rdflib.namespace import RDF, SDO

from newsgraph.errors import QueryError, StoreError, StoreLockedError
from newsgraph.ontology import NG

__all__ = ["DEFAULT_STORE", "ONTOLOGY_GRAPH", "Store", "WriteResult", "store_path"]

log = logging.getLogger(__name__)

DEFAULT_STORE = "newsgraph-store"
#: Named graph holding newsgraph.ttl inside every store.
ONTOLOGY_GRAPH = "https://w3id.org/newsgraph/ns"
WriteResult = Literal["added", "replaced", "unchanged"]


def store_path(path: str | Path | None = None) -> Path:
    """The store directory: the argument, else ``NEWSGRAPH_STORE``, else ``./newsgraph-store``."""
    return Path(path or os.environ.get("NEWSGRAPH_STORE") or DEFAULT_STORE)


class Store:
    """An Oxigraph store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (ingest some articles first)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower() or "resource temporarily unavailable" in message.lower():
                raise StoreLockedError(f"store {self.path} is in use by another process") from None
            raise StoreError(f"cannot open store {self.path}: {message}") from None

        if not read_only:
            self._load_ontology()

    def _load_ontology(self) -> None:
        """The ontology (event types, roles, CAMEO) lives in its own graph so queries can join its labels."""
        from newsgraph.ontology import ontology_path

        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        if self._store.contains_named_graph(graph):
            return
        quads = ox.parse(path=str(ontology_path("newsgraph.ttl")), format=ox.RdfFormat.TURTLE)
        self._store.extend([ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads])

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[str]:
        """Names of the article graphs (the ontology's graph left out)."""
        names = (g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(name for name in names if name != ONTOLOGY_GRAPH)

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(str(NG.contentHash)), None, node):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def write_article(self, article_iri: str, content_hash: str, quads: Iterable[ox.Quad]) -> WriteResult:
        """Store one article's graph atomically; skip it when unchanged, replace it when changed."""
        if self.read_only:
            raise StoreError("store is open read-only")
        previous = self.article_hash(article_iri)
        if previous == content_hash:
            return "unchanged"
        graph = ox.NamedNode(article_iri)
        if previous is not None:
            # A crash between these two transactions leaves the article absent, never half-written.
            self._store.remove_graph(graph)
        self._store.extend(list(quads))
        return "replaced" if previous is not None else "added"

    def remove_article(self, article_iri: str) -> bool:
        graph = ox.NamedNode(article_iri)
        if not self._store.contains_named_graph(graph):
            return False
        self._store.remove_graph(graph)
        return True

    def articles(self) -> int:
        pattern = self._store.quads_for_pattern(
            None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SDO.NewsArticle))
        )
        return sum(1 for _ in pattern)

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
        """Run SPARQL over the union of all article graphs, with values bound (never pasted into the text)."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        try:
            return self._store.query(sparql, substitutions=substitutions, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def dump(self, output: Any, *, format: ox.RdfFormat) -> None:
        self._store.dump(output, format=format)

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def dataset(self) -> Any:
        """An rdflib ``Dataset`` over this same store (via oxrdflib), for library users who prefer rdflib."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)
