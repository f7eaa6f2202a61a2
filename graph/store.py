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
from typing import Any, Literal, Protocol

import pyoxigraph as ox
from rdflib.namespace import RDF, SDO

from newsgraph.errors import QueryError, StoreError, StoreLockedError
from newsgraph.graph._sparql import dataset_iris, refuse_service
from newsgraph.ontology import NG

__all__ = [
    "DEFAULT_STORE",
    "IMPORT_FORMATS",
    "ONTOLOGY_GRAPH",
    "AnyStore",
    "Store",
    "WriteResult",
    "ontology_quads",
    "open_store",
    "store_location",
    "store_path",
    "unchanged",
]

log = logging.getLogger(__name__)

DEFAULT_STORE = "newsgraph-store"
#: Named graph holding newsgraph.ttl inside every store.
ONTOLOGY_GRAPH = "https://w3id.org/newsgraph/ns"
WriteResult = Literal["added", "replaced", "unchanged"]


#: RDF formats ``Store.load`` reads, by file suffix.
IMPORT_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def ontology_quads() -> list[ox.Quad]:
    """``newsgraph.ttl`` as quads of the ontology graph, as every store holds it."""
    from newsgraph.ontology import ontology_path

    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(ontology_path("newsgraph.ttl")), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def _refuse_if_being_written(path: Path) -> None:
    """Reading a store while another process writes it is undefined in RocksDB: check the writer's lock first.

    The writer holds a POSIX lock on ``LOCK``; if we cannot take it for an instant, someone is writing. (A writer
    that starts after this check is not seen: do not ingest into a store that is being served read-only.)
    """
    import fcntl

    lock = path / "LOCK"
    if not lock.exists():
        return
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return  # a read-only copy of a store: nobody can be writing it
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise StoreLockedError(
            f"store {path} is in use: another process is writing it (wait for it to finish)"
        ) from None
    finally:
        os.close(fd)  # closing releases the lock we took


def store_path(path: str | Path | None = None) -> Path:
    """The store directory: the argument, else ``NEWSGRAPH_STORE``, else ``./newsgraph-store``."""
    return Path(path or os.environ.get("NEWSGRAPH_STORE") or DEFAULT_STORE)


def store_location(value: str | Path | None = None) -> str | Path:
    """A ``--store`` value: a SPARQL server's URL as given, else the store directory (see ``store_path``).

    >>> store_location("http://127.0.0.1:7878")
    'http://127.0.0.1:7878'
    >>> store_location("data/store")
    PosixPath('data/store')
    """
    from newsgraph.graph.remote import is_remote

    chosen = value if value is not None else os.environ.get("NEWSGRAPH_STORE")
    if is_remote(str(chosen) if chosen is not None else None):
        return str(chosen)
    return store_path(chosen)


def open_store(location: str | Path | None, *, read_only: bool = False) -> AnyStore:
    """The embedded store at a directory (``None``: in memory) or a ``RemoteStore`` for an ``http(s)://`` URL.

    A server's update endpoint, when it is not derived from the URL, comes from ``NEWSGRAPH_UPDATE_URL``.
    """
    from newsgraph.graph.remote import RemoteStore, is_remote

    if is_remote(str(location) if location is not None else None):
        return RemoteStore(
            str(location), update_url=os.environ.get("NEWSGRAPH_UPDATE_URL") or None, read_only=read_only
        )
    return Store(location, read_only=read_only)


#: Quads written between two flushes of an on-disk store. RocksDB keeps what was written in memory (its memtables)
#: until a flush; without one, a long ingest grew by about 0.2 MiB per article. A flush costs ~0.4 s per 50,000
#: quads, which the smaller memtables give back in cheaper writes (benchmarks/run.py measures the peak).
FLUSH_EVERY = 50_000


def unchanged(stamp: tuple[str, str | None] | None, content_hash: str, extractor: str | None) -> bool:
    """Whether a stored article (its ``article_stamp``) already holds this text, made by this extractor.

    ``extractor=None`` compares the text only.

    >>> unchanged(("abc", "newsgraph 0.1.0"), "abc", "newsgraph 0.2.0"), unchanged(("abc", None), "abc", None)
    (False, True)
    """
    return stamp is not None and stamp[0] == content_hash and extractor in (None, stamp[1])


class Store:
    """An Oxigraph store on disk (``path``) or in memory (``path=None``).

    ``flush_every`` bounds the quads held in RocksDB's write buffers: after that many are written, they are
    flushed to disk, so memory stays flat however many articles are ingested.
    """

    def __init__(
        self, path: str | Path | None = None, *, read_only: bool = False, flush_every: int = FLUSH_EVERY
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.flush_every = flush_every
        self._unflushed = 0
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (ingest some articles first)")
                _refuse_if_being_written(self.path)
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower() or "resource temporarily unavailable" in message.lower():
                raise StoreLockedError(
                    f"store {self.path} is in use: another process has it open for writing"
                ) from None
            raise StoreError(f"cannot open store {self.path}: {message}") from None

        if not read_only:
            self._load_ontology()

    def _load_ontology(self) -> None:
        """The ontology (event types, roles, CAMEO) lives in its own graph so queries can join its labels."""
        if not self._store.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH)):
            self._extend(ontology_quads())

    def _extend(self, quads: list[ox.Quad]) -> None:
        """One transaction; the write buffers are flushed once ``flush_every`` quads have gathered."""
        self._store.extend(quads)
        self._count_written(len(quads))

    def _count_written(self, count: int) -> None:
        self._unflushed += count
        if self.path is not None and self._unflushed >= self.flush_every:
            self.flush()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Flush and release the store (its directory may then be opened by another process)."""
        if getattr(self, "_store", None) is None:
            return
        self.flush()
        self._store = None  # type: ignore[assignment]
        import gc

        gc.collect()  # pyoxigraph closes RocksDB when the last reference goes

    def named_graphs(self) -> list[str]:
        """Names of the article graphs (each names itself a NewsArticle); the ontology and imports left out."""
        kind, article = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SDO.NewsArticle))
        found = []
        for graph in self._store.named_graphs():
            if isinstance(graph, ox.NamedNode) and next(
                iter(self._store.quads_for_pattern(graph, kind, article, graph)), None
            ):
                found.append(graph.value)
        return sorted(found)

    def graph_names(self) -> list[str]:
        """Every named graph: articles, the ontology, imported data."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(str(NG.contentHash)), None, node):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def article_stamp(self, article_iri: str) -> tuple[str, str | None] | None:
        """The content hash and extractor version stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        found = self.article_hash(article_iri)
        if found is None:
            return None
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(str(NG.extractorVersion)), None, node):
            if isinstance(quad.object, ox.Literal):
                return found, quad.object.value
        return found, None

    def write_article(
        self,
        article_iri: str,
        content_hash: str,
        quads: Iterable[ox.Quad] | bytes,
        *,
        extractor: str | None = None,
    ) -> WriteResult:
        """Store one article's graph atomically; skip it when unchanged, replace it when changed.

        ``quads`` are pyoxigraph quads, or the graph as N-Quads bytes (as extraction workers send it), which
        pyoxigraph parses and writes in one transaction without making Python objects. Unchanged means the same
        content hash and, when ``extractor`` is given, the same extractor version: a graph made by another newsgraph
        version or spaCy model is replaced.
        """
        if self.read_only:
            raise StoreError("store is open read-only")
        stamp = self.article_stamp(article_iri)
        if unchanged(stamp, content_hash, extractor):
            return "unchanged"
        graph = ox.NamedNode(article_iri)
        if stamp is not None:
            # A crash between these two transactions leaves the article absent, never half-written.
            self._store.remove_graph(graph)
        if isinstance(quads, bytes):
            self._store.load(quads, format=ox.RdfFormat.N_QUADS)
            self._count_written(quads.count(b"\n"))
        else:
            self._extend(list(quads))
        return "replaced" if stamp is not None else "added"

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph by these quads (an absent graph is created)."""
        if self.read_only:
            raise StoreError("store is open read-only")
        graph = ox.NamedNode(graph_iri)
        batch = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        self._extend(batch)

    def graph_quads(self, graph_iri: str) -> list[ox.Quad]:
        """The quads of one named graph."""
        return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def quads(self) -> list[ox.Quad]:
        """Every quad in the store's named graphs."""
        return [q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph)]

    def load(
        self, path: str | Path, *, format: ox.RdfFormat, graph: str | None = None, atomic: bool = False
    ) -> int:
        """Load an RDF file: named graphs are kept, default-graph triples go to ``graph``. Returns quads added.

        The whole file is parsed first, so a file with a syntax error (or triples with no graph to go to) adds
        nothing. It is then written with pyoxigraph's bulk loader, which is fast but not one transaction: a crash
        during the write can leave part of the file. ``atomic=True`` writes it in one transaction instead, at about
        40 % of the speed (28.4 against 10.9 s for a million quads) and with the whole file held in memory. Parsing
        is pyoxigraph's, which neither fetches URLs (JSON-LD contexts, RDF/XML entities) nor reads other files.
        """
        if self.read_only:
            raise StoreError("store is open read-only")
        to_graph = ox.NamedNode(graph) if graph else None
        if format == ox.RdfFormat.RDF_XML:
            from newsgraph.graph._xmlguard import check_entities

            try:
                check_entities(Path(path).read_bytes())
            except ValueError as exc:
                raise StoreError(f"{path}: refused: {exc}") from None
            except OSError as exc:
                raise StoreError(f"cannot read {path}: {exc}") from None
        try:
            for quad in ox.parse(path=str(path), format=format):
                if to_graph is None and isinstance(quad.graph_name, ox.DefaultGraph):
                    raise StoreError(
                        f"{path}: triples outside a named graph need a target graph (--graph IRI)"
                    )
        except SyntaxError as exc:
            raise StoreError(f"{path}: not valid {format.name}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc}") from None
        before = len(self._store)
        # The file has just been parsed in full with every check (IRIs included), so the write skips them
        # (lenient): validating once instead of twice is what keeps import close to pyoxigraph's own bulk rate.
        if atomic:  # one transaction
            self._store.load(path=str(path), format=format, to_graph=to_graph, lenient=True)
        else:
            self._store.bulk_load(path=str(path), format=format, to_graph=to_graph, lenient=True)
        added = len(self._store) - before
        self._count_written(added)
        return added

    def articles_from(self, source: str) -> list[str]:
        """Article graphs ingested from this source (a file) that have no URL of their own."""
        literal = ox.Literal(source)
        url = ox.NamedNode(str(SDO.url))
        found = []
        for quad in self._store.quads_for_pattern(None, ox.NamedNode(str(NG.sourceName)), literal, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or quad.subject != graph:
                continue
            if next(iter(self._store.quads_for_pattern(graph, url, None, graph)), None) is None:
                found.append(graph.value)
        return sorted(found)

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

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run SPARQL over the union of all article graphs, with values bound (never pasted into the text).

        ``default_graph`` and ``named_graphs`` set the dataset instead (the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``).
        """
        refuse_service(sparql)
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        dataset: dict[str, Any] = {}
        if default_graph is not None:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        # A query's own FROM / FROM NAMED sets its dataset; the union default graph is for queries without one.
        union = default_graph is None and not ("FROM" in sparql.upper() and dataset_iris(sparql))
        try:
            return self._store.query(
                sparql, substitutions=substitutions, use_default_graph_as_union=union, **dataset
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction). ``LOAD`` and ``SERVICE`` are the caller's to refuse."""
        if self.read_only:
            raise StoreError("store is open read-only")
        refuse_service(sparql)
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except OSError as exc:
            raise QueryError(f"update failed: {exc}") from None

    def dump(self, output: Any, *, format: ox.RdfFormat) -> None:
        self._store.dump(output, format=format)

    def flush(self) -> None:
        """Write RocksDB's buffers to disk (and free them)."""
        if not self.read_only and self.path is not None:
            self._store.flush()
        self._unflushed = 0

    def dataset(self) -> Any:
        """An rdflib ``Dataset`` over this same store (via oxrdflib), for library users who prefer rdflib."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)


class AnyStore(Protocol):
    """What newsgraph needs of a store; ``Store`` (embedded) and ``RemoteStore`` (a SPARQL server) provide it."""

    path: Path | None
    read_only: bool

    def __len__(self) -> int: ...
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any: ...
    def named_graphs(self) -> list[str]: ...
    def graph_names(self) -> list[str]: ...
    def articles(self) -> int: ...
    def article_hash(self, article_iri: str) -> str | None: ...
    def article_stamp(self, article_iri: str) -> tuple[str, str | None] | None: ...
    def write_article(
        self,
        article_iri: str,
        content_hash: str,
        quads: Iterable[ox.Quad] | bytes,
        *,
        extractor: str | None = None,
    ) -> str: ...
    def articles_from(self, source: str) -> list[str]: ...
    def remove_article(self, article_iri: str) -> bool: ...
    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None: ...
    def update(self, sparql: str) -> None: ...
    def quads(self) -> list[ox.Quad]: ...
    def dump(self, output: Any, *, format: ox.RdfFormat) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def dataset(self) -> Any: ...
