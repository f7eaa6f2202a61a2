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

from newsgraph.errors import QueryError, StoreError, StoreLockedError
from newsgraph.graph import _offline, _snapshots, summaries
from newsgraph.graph._anystore import AnyStore
from newsgraph.graph._locations import DEFAULT_STORE, open_store, store_location, store_path
from newsgraph.graph._lockholder import damaged, lock_holder
from newsgraph.graph._results import materialize
from newsgraph.graph._sparql import check, explain_syntax_error
from newsgraph.ontology import _iris

__all__ = [
    "CURATION_GRAPH",
    "DEFAULT_STORE",
    "IMPORTS_GRAPH",
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

#: Named graph holding newsgraph.ttl inside every store.
ONTOLOGY_GRAPH = "https://w3id.org/newsgraph/ns"
#: Named graph listing the graphs ``import`` loaded (each ``ng:ImportedGraph``, with the file it came from), so that
#: a server store counts, dumps and exports them with the rest of newsgraph's graphs
IMPORTS_GRAPH = "https://w3id.org/newsgraph/id/imports"
#: Named graph of the corrections (``graph/curation.py``)
CURATION_GRAPH = "https://w3id.org/newsgraph/id/curation"
_CURATED_BY = "https://w3id.org/newsgraph/ns#curatedBy"
WriteResult = Literal["added", "replaced", "unchanged"]
#: what a write to a store opened read-only is told (a ``KnowledgeGraph`` takes its store for writing by itself)
READ_ONLY = (
    "store is open read-only: write through the KnowledgeGraph (kg.ingest, kg.update(sparql), kg.merge...), or"
    " hold it for writing with `with kg.writing(): ...`"
)


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


#: the vocabulary files every store holds in its ontology graph: the terms, and the event taxonomy
ONTOLOGY_FILES = ("newsgraph.ttl", "events.ttl", "measures.ttl")


def ontology_quads() -> list[ox.Quad]:
    """``newsgraph.ttl`` and ``events.ttl`` as quads of the ontology graph, as every store holds them."""
    from newsgraph.ontology import ontology_path

    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    out = []
    for name in ONTOLOGY_FILES:
        triples = ox.parse(path=str(ontology_path(name)), format=ox.RdfFormat.TURTLE)
        out += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    return out


_WRITING: dict[Path, list[Any]] = {}
_SUMMARY = ox.NamedNode(summaries.SUMMARY_GRAPH)


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
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        flush_every: int = FLUSH_EVERY,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.flush_every = flush_every
        self._unflushed = 0
        self._shared = False
        #: a reader's open snapshot (``_snapshots``); None when it reads the primary or shares a writer's handle
        self._snapshot: _snapshots.Snapshot | None = None
        #: a writer has written since it last published a snapshot
        self._dirty = False
        #: ... and some of it is of unknown extent (an update, an import, a replaced graph): analyses kept beside the
        #: store are read again from the snapshot that holds it (``_snapshots.mark_edited``)
        self._edited = False
        self._counter: Any = None  # counts an article's rows of the kept listings (``summaries.write``)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (ingest some articles first)")
                shared = _WRITING.get(self.path.resolve())
                if shared is not None:  # this process writes it: read through the same handle
                    shared[1] += 1
                    self._store = shared[0]
                    self._shared = True
                else:
                    self._store = self._open_reader()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
                _WRITING[self.path.resolve()] = [self._store, 1, False]  # handle, users, an unpublished edit
                self._shared = True
                # a store without a snapshot gets its first; so does one whose last writer did not close (it may
                # have committed articles it never published)
                number, unfinished = _snapshots.state(self.path)
                self._dirty = number is None or unfinished
                if unfinished:  # its last writer may have written anything it never published
                    self._edit()
                try:
                    _snapshots.mark_writing(self.path)
                except StoreError:  # a link planted where the marker goes: released, and said
                    self._forget_writer()
                    self._store = None  # type: ignore[assignment]
                    raise
        except (OSError, RuntimeError) as exc:
            message = str(exc)
            if "lock" in message.lower() or "resource temporarily unavailable" in message.lower():
                holder = lock_holder(self.path / "LOCK") if self.path is not None else None
                who = f" (pid {holder})" if holder and holder > 0 else ""
                raise StoreLockedError(
                    f"store {self.path} is in use: another process{who} has it open for writing"
                ) from None
            if "corrupt" in message.lower() or "MANIFEST" in message:
                raise StoreError(damaged(self.path, message)) from None
            raise StoreError(f"cannot open store {self.path}: {message}") from None

        if not read_only:
            try:
                self._load_ontology()
                self._dirty |= summaries.start(self._store)
            except OSError as exc:
                raise StoreError(f"cannot write the store {self.path}: {exc} (is the disk full?)") from None

    def _open_reader(self) -> ox.Store:
        """A read-only handle: on the latest snapshot when a writer has the store open (or closed it cleanly after
        publishing one), else on the store itself (a store no one writes, made before snapshots, or whose writer
        crashed)."""
        assert self.path is not None
        holder = lock_holder(self.path / "LOCK")
        if holder == os.getpid():
            raise StoreLockedError(
                f"store {self.path} is open for writing elsewhere in this process: query it through that handle"
            )
        number, writing = _snapshots.state(self.path)
        if number is not None and (holder is not None or not writing):
            snapshot = _snapshots.open_latest(self.path)
            if snapshot is not None:
                self._snapshot = snapshot
                return snapshot.store
        if holder is not None:
            raise StoreLockedError(
                f"store {self.path} is in use: another process (pid {holder}) is writing it and has not published"
                " a snapshot for readers yet (try again in a moment)"
            )
        return ox.Store.read_only(str(self.path))

    def refresh(self) -> bool:
        """A reader moves to the newest published snapshot; True when it moved (a writer sees the latest already)."""
        if not self.read_only or self._shared or self.path is None or getattr(self, "_store", None) is None:
            return False
        number, writing = _snapshots.state(self.path)
        current = self._snapshot.number if self._snapshot is not None else None
        if number is None or number == current:
            if self._snapshot is None and lock_holder(self.path / "LOCK") is not None:
                raise StoreLockedError(
                    f"store {self.path} is being written by another process, which has not published a snapshot"
                    " for readers yet (try again in a moment)"
                )
            return False
        if self._snapshot is None and not writing and lock_holder(self.path / "LOCK") is None:
            return False  # reading the store itself, which no one writes: it is the latest state
        old = self._snapshot
        self._snapshot = None
        self._store = self._open_reader()
        if old is not None:
            old.close()
        return True

    def _edit(self) -> None:
        """A write of unknown extent (see ``_edited``)."""
        self._edited = True
        entry = _WRITING.get(self.path.resolve()) if self.path is not None else None
        if entry is not None:
            entry[2] = True

    @property
    def pending_edit(self) -> bool:
        """This process writes the store and has made a write of unknown extent (an update, an import, a replaced
        graph) that it has not published yet: what is kept beside the store may not know it."""
        entry = _WRITING.get(self.path.resolve()) if self.path is not None else None
        return bool(entry is not None and entry[2])

    def _load_ontology(self) -> None:
        """The ontology (event types, roles, CAMEO) lives in its own graph so queries can join its labels."""
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        wanted = ontology_quads()
        if self._store.contains_named_graph(graph):
            if sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph)) == len(wanted) and all(
                q in self._store for q in wanted[:: max(1, len(wanted) // 50)]
            ):
                return
            self._store.remove_graph(graph)  # written by another version of newsgraph: replaced
        self._extend(wanted)

    def _extend(self, quads: list[ox.Quad]) -> None:
        """One transaction; the write buffers are flushed once ``flush_every`` quads have gathered."""
        self._store.extend(quads)
        self._count_written(len(quads))

    def _count_written(self, count: int) -> None:
        self._dirty = True
        self._unflushed += count
        if self.path is not None and self._unflushed >= self.flush_every:
            self.flush()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def __len__(self) -> int:
        """The quads of the store's data (the derived summaries left out)."""
        kept = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_SUMMARY} {{ ?s ?p ?o }} }}")
        return len(self._store) - int(next(iter(kept))[0].value)  # type: ignore[arg-type]

    def close(self) -> None:
        """Flush and release the store (its directory may then be opened by another process)."""
        if getattr(self, "_store", None) is None:
            return
        try:
            self.flush()
        finally:  # released even when the last flush fails (a full disk): the error is the caller's to report
            self._store = None  # type: ignore[assignment]
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None
            if not self.read_only and self.path is not None and not self._dirty:
                _snapshots.unmark_writing(self.path)  # left when unpublished: readers read the store itself
            self._forget_writer()
            __import__("gc").collect()  # pyoxigraph closes RocksDB when the last reference goes

    def _forget_writer(self) -> None:
        """Drop this ``Store``'s use of a handle shared in this process (the handle closes with its last user)."""
        if not self._shared or self.path is None:
            return
        self._shared = False
        key = self.path.resolve()
        entry = _WRITING.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _WRITING[key]

    def __del__(self) -> None:
        if getattr(self, "_store", None) is not None:
            self._forget_writer()

    def named_graphs(self) -> list[str]:
        """Names of the article graphs (each names itself a NewsArticle); the ontology and imports left out."""
        kind, article = ox.NamedNode(_iris.RDF_TYPE), ox.NamedNode(_iris.NEWS_ARTICLE)
        found = []
        for graph in self._store.named_graphs():
            if isinstance(graph, ox.NamedNode) and next(
                iter(self._store.quads_for_pattern(graph, kind, article, graph)), None
            ):
                found.append(graph.value)
        return sorted(found)

    def graph_names(self) -> list[str]:
        """Every named graph: articles, the ontology, imported data (not the summaries, which are derived)."""
        return sorted(
            g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g != _SUMMARY
        )

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(_iris.CONTENT_HASH), None, node):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
        return None

    def article_stamp(self, article_iri: str) -> tuple[str, str | None] | None:
        """The content hash and extractor version stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        found = self.article_hash(article_iri)
        if found is None:
            return None
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(_iris.EXTRACTOR_VERSION), None, node):
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
            raise StoreError(READ_ONLY)
        stamp = self.article_stamp(article_iri)
        if unchanged(stamp, content_hash, extractor):
            return "unchanged"
        graph = ox.NamedNode(article_iri)
        if summaries.write(self, graph, quads):  # with its summary, in one transaction
            pass
        elif stamp is not None:
            self._replace(graph, quads)
        elif isinstance(quads, bytes):
            self._store.load(quads, format=ox.RdfFormat.N_QUADS)
            self._count_written(quads.count(b"\n"))
        else:
            self._extend(list(quads))
        return "replaced" if stamp is not None else "added"

    def _replace(self, graph: ox.NamedNode, quads: Iterable[ox.Quad] | bytes) -> None:
        """Drop a graph and write its new quads in one transaction: one SPARQL update, whose text is written by
        pyoxigraph (a crash leaves the old version or the new one, never neither)."""
        if isinstance(quads, bytes):
            quads = ox.parse(quads, format=ox.RdfFormat.N_QUADS)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")
        self._count_written(len(triples))

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph by these quads (an absent graph is created)."""
        if self.read_only:
            raise StoreError(READ_ONLY)
        graph = ox.NamedNode(graph_iri)
        batch = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        # an article graph rewritten with the corrections that changed it named (``graph/curation.py``) has a new
        # stamp; the curation graph is no article's: analyses kept beside the store see both without reading all
        curated = any(q.subject == graph and q.predicate.value == _CURATED_BY for q in batch)
        if graph_iri != CURATION_GRAPH and not curated:
            self._edit()
        article = ox.Quad(graph, ox.NamedNode(_iris.RDF_TYPE), ox.NamedNode(_iris.NEWS_ARTICLE), graph)
        if (article in batch or article in self._store) and summaries.write(self, graph, batch):
            return
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        self._extend(batch)

    def graph_quads(self, graph_iri: str) -> list[ox.Quad]:
        """The quads of one named graph."""
        return list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def quads(self) -> list[ox.Quad]:
        """Every quad in the store's named graphs (the derived summaries left out, as in ``graph_names``)."""
        return [q for q in self._store if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != _SUMMARY]

    def load(
        self, path: str | Path, *, format: ox.RdfFormat, graph: str | None = None, atomic: bool = False
    ) -> int:
        """Load an RDF file: named graphs are kept, default-graph triples go to ``graph``. Returns quads added.

        Parsed in full first, so that a bad file adds nothing, then bulk-loaded (``atomic=True``: in one
        transaction); see ``_loading.load_file``.
        """
        from newsgraph.graph._loading import load_file

        return load_file(self, path, format=format, graph=graph, atomic=atomic)

    def articles_from(self, source: str) -> list[str]:
        """Article graphs read from this input (a file) that are known by their text alone (no URL, no id)."""
        literal = ox.Literal(source)
        url, ident = ox.NamedNode(_iris.URL), ox.NamedNode(_iris.IDENTIFIER)
        found = []
        for quad in self._store.quads_for_pattern(None, ox.NamedNode(_iris.SOURCE_NAME), literal, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or quad.subject != graph:
                continue
            if any(
                next(iter(self._store.quads_for_pattern(graph, p, None, graph)), None) for p in (url, ident)
            ):
                continue
            found.append(graph.value)
        return sorted(found)

    def article_sources(self, article_iri: str) -> list[str]:
        """The inputs an article was read from (``ng:sourceName``; one article, several identical files)."""
        node = ox.NamedNode(article_iri)
        quads = self._store.quads_for_pattern(node, ox.NamedNode(_iris.SOURCE_NAME), None, node)
        return sorted(q.object.value for q in quads if isinstance(q.object, ox.Literal))

    def add_source(self, article_iri: str, source: str) -> None:
        """Record one more input that holds this article."""
        if self.read_only:
            raise StoreError(READ_ONLY)
        self._dirty = True
        node = ox.NamedNode(article_iri)
        self._store.add(ox.Quad(node, ox.NamedNode(_iris.SOURCE_NAME), ox.Literal(source), node))

    def remove_source(self, article_iri: str, source: str) -> None:
        """Forget one input of this article (another still holds it)."""
        if self.read_only:
            raise StoreError(READ_ONLY)
        self._dirty = True
        node = ox.NamedNode(article_iri)
        self._store.remove(ox.Quad(node, ox.NamedNode(_iris.SOURCE_NAME), ox.Literal(source), node))

    def remove_article(self, article_iri: str) -> bool:
        graph = ox.NamedNode(article_iri)
        if not self._store.contains_named_graph(graph):
            return False
        self._dirty = True
        if not summaries.write(self, graph, None):
            self._store.remove_graph(graph)
        return True

    def articles(self) -> int:
        pattern = self._store.quads_for_pattern(
            None, ox.NamedNode(_iris.RDF_TYPE), ox.NamedNode(_iris.NEWS_ARTICLE)
        )
        return sum(1 for _ in pattern)

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        lazy: bool = False,
        offset: int = 0,
        limit: int | None = None,
    ) -> Any:
        """Run SPARQL over the union of all article graphs, with values bound (never pasted into the text).

        ``default_graph`` and ``named_graphs`` set the dataset instead (the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``). The query is checked (``_sparql.check``: parsed, refused if
        it reaches outside the store) and the store is sent the check's own writing of it, evaluated where no
        network socket can be opened (``_offline``); the result is read in full there (``_results``: rows, triples
        or a boolean). ``lazy=True`` in a process that is offline as a whole (a server's query worker) returns
        pyoxigraph's own lazy result instead.

        ``offset`` and ``limit`` keep a window of a SELECT's rows: the rows before it are skipped and evaluation
        stops after it, on the very result the whole query gives, so consecutive windows are the whole in its order.
        """
        checked = check(sparql)
        text = checked.text
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        dataset: dict[str, Any] = {}
        if default_graph is not None:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        # A query's own FROM / FROM NAMED sets its dataset; the union default graph is for queries without one.
        union = default_graph is None and not checked.dataset

        # lazy only where the caller itself is offline (a server's worker): a lazy result is used on the thread
        # that asked, and on an offline thread of an ordinary process it would be read elsewhere
        keep_lazy = lazy and _offline.is_protected()

        def run() -> Any:
            failure: tuple[type[Exception], str] | None = None
            result = None
            try:
                result = self._store.query(
                    text, substitutions=substitutions, use_default_graph_as_union=union, **dataset
                )
                if keep_lazy and not (offset or limit is not None):
                    return result
                # evaluated (and so read in full) here, where no network socket can be opened
                return materialize(result, offset=offset, limit=limit)
            except SyntaxError as exc:
                failure = (SyntaxError, explain_syntax_error(text, str(exc)))
            except (OSError, RuntimeError) as exc:
                failure = (OSError, str(exc))
            # raised only now, with the pyoxigraph error, its frames and the result gone: a lazy result may
            # only be dropped on the thread that made it
            result = None
            assert failure is not None
            kind, message = failure
            if kind is SyntaxError:
                raise QueryError(f"malformed SPARQL: {message}")
            if "corrupt" in message.lower():
                raise StoreError(damaged(self.path, message))
            raise QueryError(f"query failed: {message}")

        return _offline.call(run)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction), checked as queries are: ``LOAD`` and ``SERVICE`` are refused."""
        if self.read_only:
            raise StoreError(READ_ONLY)
        text = check(sparql, update=True).text
        self._dirty = True
        self._edit()
        try:  # what it changed is unknown: the kept summary goes with it, in the same transaction
            _offline.call(self._store.update, summaries.with_drop(text))
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {explain_syntax_error(text, str(exc))}") from None
        except OSError as exc:
            raise QueryError(f"update failed: {exc}") from None

    def dump(self, output: Any, *, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """The store's data in an RDF format (the derived summaries left out)."""
        ox.serialize(
            (q for q in self._store if q.graph_name != _SUMMARY), output, format=format, prefixes=prefixes
        )

    def flush(self) -> None:
        """Write RocksDB's buffers to disk (and free them); a writer then publishes a snapshot of what it wrote for
        the readers beside it (``_snapshots``)."""
        if not self.read_only and self.path is not None:
            self._store.flush()
            if self._dirty:
                try:
                    number = _snapshots.publish(self.path, self._store)
                    self._dirty = False
                    if self._edited:
                        _snapshots.mark_edited(self.path, number)
                        self._edited = False
                        entry = _WRITING.get(self.path.resolve())
                        if entry is not None:
                            entry[2] = False
                except OSError as exc:  # readers see the previous snapshot; the store itself is whole
                    log.warning("could not publish a snapshot of %s for readers: %s", self.path, exc)
        self._unflushed = 0

    def dataset(self) -> Any:
        """An rdflib ``Dataset`` over this same store (via oxrdflib), for library users who prefer rdflib.

        Its ``query`` and ``update`` take SPARQL text only and check it as ``query`` does (``SERVICE`` and ``LOAD``
        refused, evaluated offline); rdflib's own SPARQL engine is not offered (see ``_dataset``).
        """
        from newsgraph.graph._dataset import checked_dataset

        return checked_dataset(self._store)
