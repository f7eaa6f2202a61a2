"""The library facade: ``KnowledgeGraph`` wires loaders -> writer -> store, and runs queries, renders and exports."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox

from newsgraph._corrections import Corrections
from newsgraph._ingest import BATCH_SIZE, Ingesting, IngestReport
from newsgraph._querying import Querying, QueryPage, python_value
from newsgraph.errors import QueryError, StoreError
from newsgraph.graph._results import serialize
from newsgraph.graph.store import IMPORT_FORMATS, AnyStore, Store, open_store
from newsgraph.queries import bind_value

# Extraction (spaCy), the views (networkx), the page and the writer (rdflib) are imported where they are used, so
# that `newsgraph query` and `newsgraph stats` start in a fraction of a second.
if TYPE_CHECKING:
    import networkx as nx

    from newsgraph.graph.render import Page
    from newsgraph.loaders import Extractor
    from newsgraph.loaders.setup import ExtractorSetup

View = Literal["events", "actors"]
__all__ = ["BATCH_SIZE", "IngestReport", "KnowledgeGraph", "QueryPage", "bind_value", "python_value"]

log = logging.getLogger(__name__)

EXPORT_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def _setup(
    model: str | None,
    actors: Iterable[str | Path],
    lexicon: str | Path | None,
    names: str | Path | None,
    without: Iterable[str],
) -> ExtractorSetup | None:
    """What the extractor is made of, each user file read and checked now; None when the user gave nothing to read
    or check (the packaged tables: made when the extractor is first needed, so that a graph opened to be read
    does not import spaCy)."""
    actors, without = tuple(actors), tuple(without)
    if not actors and lexicon is None and names is None and not without:
        return None
    from newsgraph.loaders.lexicon import read_lexicon
    from newsgraph.loaders.namewords import read_names
    from newsgraph.loaders.rules import Registry
    from newsgraph.loaders.setup import ExtractorSetup
    from newsgraph.loaders.table import read_table

    return ExtractorSetup(
        model=model,
        actor_tables=tuple(read_table(p) for p in actors),
        lexicon_text=read_lexicon(lexicon) if lexicon is not None else None,
        names_text=read_names(names) if names is not None else None,
        without=tuple(sorted(Registry.load().check(without))),
    )


class KnowledgeGraph(Querying, Ingesting, Corrections):
    """A news knowledge graph in an on-disk (or in-memory) Oxigraph store.

    >>> from newsgraph.loaders import Article
    >>> kg = KnowledgeGraph.open(None)  # in memory
    >>> text = "Summit ends\\n\\nPresident Vladimir Putin met Kim Jong Un in Pyongyang in June 2024, officials said."
    >>> report = kg.ingest_articles([Article(text=text, source="example")])
    >>> report.added
    1
    >>> [row["label"] for row in kg.query("actors") if row["type"] == "Person"]
    ['Kim Jong Un', 'Vladimir Putin']
    """

    def __init__(
        self,
        store: AnyStore,
        *,
        model: str | None = None,
        actors: Iterable[str | Path] = (),
        lexicon: str | Path | None = None,
        names: str | Path | None = None,
        without: Iterable[str] = (),
    ) -> None:
        self._store: AnyStore | None = store
        #: an on-disk store this graph opens itself: read-only until a method writes (see ``open``)
        self._path: Path | None = None
        self._may_write = not store.read_only
        self._writing_depth = 0
        self._model = model
        self._made_setup = _setup(model, actors, lexicon, names, without)  # read now: a bad file fails first
        self._table_names = tuple(str(p) for p in actors)
        self._extractor: Extractor | None = None

    @classmethod
    def open(
        cls,
        location: str | Path | None,
        *,
        read_only: bool = False,
        model: str | None = None,
        actors: Iterable[str | Path] = (),
        lexicon: str | Path | None = None,
        names: str | Path | None = None,
        without: Iterable[str] = (),
    ) -> KnowledgeGraph:
        """Open the store at a directory (created at the first write), or a SPARQL server at an ``http(s)://`` URL.

        ``None`` is an in-memory store. A store on disk is opened read-only, so that any number of sessions and
        ``newsgraph`` commands may read it at once; a method that writes (``ingest``, ``import_rdf``, ``merge`` and
        the other corrections) takes the store for writing while it runs and gives it back when done. One process
        writes at a time: a write while another process writes raises ``StoreLockedError``. A reader beside a
        writer reads the last state the writer committed (see ``newsgraph.graph._snapshots``), and each method
        reads the newest. ``read_only=True`` refuses every write.

        ``actors`` are actor tables of the user's own, in the Turtle format of ``ontology/actors.ttl``, used with
        the packaged one; ``lexicon`` is an event lexicon of the user's own, in the format of
        ``ontology/lexicon.toml``, and ``names`` name word classes in the format of ``ontology/names.toml``, each
        used in place of the packaged one; ``without`` names rules to switch off (``newsgraph rules`` lists them).
        """
        from newsgraph.graph.remote import is_remote

        setup = _setup(
            model, actors, lexicon, names, without
        )  # before the store: a bad file leaves nothing behind
        if location is None or is_remote(str(location)):
            kg = cls(open_store(location, read_only=read_only), model=model)
        else:
            path = Path(location)
            if not read_only and not (path.is_dir() and any(path.iterdir())):
                Store(path).close()  # a new store: made (with its ontology graph), then opened for reading
            kg = cls(Store(path, read_only=True), model=model)  # a damaged or missing store fails here
            kg._path = path
            kg._may_write = not read_only
        kg._made_setup = setup
        kg._table_names = tuple(str(p) for p in actors)
        return kg

    @property
    def _setup(self) -> ExtractorSetup:
        """What the extractor is made of (see ``_setup``)."""
        if self._made_setup is None:
            from newsgraph.loaders.setup import ExtractorSetup

            self._made_setup = ExtractorSetup(model=self._model)
        return self._made_setup

    @_setup.setter
    def _setup(self, setup: ExtractorSetup) -> None:
        self._made_setup = setup

    @property
    def store(self) -> AnyStore:
        """The store this graph reads (while a method writes: the store being written)."""
        if self._store is None:
            assert self._path is not None
            self._store = Store(self._path, read_only=True)
        return self._store

    def _reading(self) -> AnyStore:
        """The store at the start of a method that reads: moved to the newest state writers have committed."""
        store = self.store
        if isinstance(store, Store):
            store.refresh()
        return store

    @contextmanager
    def writing(self) -> Iterator[KnowledgeGraph]:
        """Hold the store for writing across several calls (a batch of corrections, several ingests), instead of
        taking and releasing it in each; readers beside it see each published state. Raises ``StoreLockedError``
        at once when another process writes the store.

        >>> kg = KnowledgeGraph.open(None)
        >>> with kg.writing():
        ...     kg.stats()["articles"]
        0
        """
        with self._writing("writing"):
            yield self

    @contextmanager
    def _writing(self, method: str) -> Iterator[AnyStore]:
        """The store for a method that writes: an on-disk store opened read-only is taken for writing for the
        method's time, then released (flushed, a snapshot published for readers) and read-only again."""
        if self._writing_depth:
            self._writing_depth += 1
            try:
                yield self.store
            finally:
                self._writing_depth -= 1
            return
        if not self._may_write:
            raise StoreError(
                f"KnowledgeGraph.{method}() writes, and this graph was opened with read_only=True:"
                " open it with KnowledgeGraph.open(path) to write"
            )
        switched = self._path is not None and self.store.read_only
        if switched:
            assert self._path is not None
            if self._store is not None:
                self._store.close()
                self._store = None
            self._store = Store(self._path)  # StoreLockedError when another process writes it
        self._writing_depth = 1
        try:
            yield self.store
        finally:
            self._writing_depth = 0
            if switched and self._store is not None:
                writer, self._store = self._store, None  # read-only again at the next use
                try:
                    writer.close()  # flushed, and a snapshot published for the readers beside it
                except OSError as exc:
                    raise StoreError(
                        f"cannot write the store: {exc} (is the disk full, or the store damaged?)"
                    ) from None

    def close(self) -> None:
        """Release the store: another process may open it for writing afterwards."""
        if self._store is not None:
            self._store.close()
            self._store = None if self._path is not None else self._store

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from newsgraph.loaders import Extractor

            self._extractor = Extractor.from_setup(self._setup)
        return self._extractor

    # ------------------------------------------------------------------ other RDF in and out
    def import_rdf(
        self,
        paths: Iterable[str | Path],
        *,
        format: str | None = None,
        graph: str | None = None,
        atomic: bool = False,
    ) -> dict[str, int]:
        """Load RDF files (TriG, N-Quads, Turtle, N-Triples, JSON-LD, RDF/XML) with pyoxigraph's bulk loader.

        Each file is parsed in full before anything is written, so a malformed file adds nothing; ``atomic=True``
        also writes each file in one transaction (slower; see ``Store.load``). Named graphs are kept; triples
        outside one go to ``graph``, by default a graph named by the file's URI. Returns the quads added per file.
        The format comes from the suffix unless ``format`` names one.
        """
        if not isinstance(self.store, Store):
            raise StoreError(
                "KnowledgeGraph.import_rdf() loads into the embedded store; use push() to copy it to a server"
            )
        added: dict[str, int] = {}
        with self._writing("import_rdf") as store:
            assert isinstance(store, Store)
            for raw in paths:
                path = Path(raw)
                rdf_format = _import_format(path, format)
                target = graph or path.resolve().as_uri()
                added[str(path)] = store.load(path, format=rdf_format, graph=target, atomic=atomic)
        return added

    def push(self, url: str, *, progress: Any = None) -> int:
        """Copy every named graph of this store to a SPARQL server, one update request per graph.

        Returns the number of graphs sent; a graph already on the server is replaced.
        """
        from newsgraph.graph.remote import RemoteStore

        store = self._reading()
        if not isinstance(store, Store):
            raise StoreError(
                "KnowledgeGraph.push() copies an embedded store to a server; this one is a server"
            )
        target = RemoteStore(url)
        graphs = store.graph_names()  # the articles, the ontology and imported data
        for name in graphs:
            target.replace_graph(name, store.graph_quads(name))
            if progress is not None:
                progress(name)
        return len(graphs)

    # ------------------------------------------------------------------ queries (query, page, count: _querying)
    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the store (one transaction). ``LOAD`` and ``SERVICE`` are refused.

        >>> kg = KnowledgeGraph.open(None)
        >>> kg.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> a <https://example.org/T> } }")
        >>> kg.query("ASK { GRAPH ?g { ?a a <https://example.org/T> } }")
        [{'result': True}]
        """
        from newsgraph.graph._sparql import check

        try:  # before the store is taken for writing
            check(sparql, update=True)
        except QueryError as exc:
            raise QueryError(f"KnowledgeGraph.update(): {exc}") from None
        with self._writing("update") as store:
            store.update(sparql)

    # ------------------------------------------------------------------ views and output
    def to_networkx(self, *, view: Literal["events", "actors"] = "events") -> nx.Graph:
        """The event graph or the actor graph as networkx, with provenance attributes."""
        from newsgraph.graph.analysis import to_networkx

        return to_networkx(self._reading(), view=view)

    def render(
        self,
        path: str | Path,
        *,
        focus: str | None = None,
        depth: int = 1,
        title: str = "newsgraph",
        view: View = "events",
        seed: int = 7,
        top: int | None = 150,
    ) -> Path:
        """Write the offline interactive page (``focus``: an actor's label or IRI and ``depth`` hops around it;
        ``top``: past that many actors the page draws the most central and its search brings in the others)."""
        from newsgraph.graph.render import render

        return render(
            self._reading(), path, focus=focus, depth=depth, title=title, view=view, seed=seed, top=top
        )

    def show(
        self,
        *,
        focus: str | None = None,
        depth: int = 1,
        view: View = "events",
        height: int = 640,
        browser: bool | None = None,
    ) -> Page:
        """The page, to look at now: in Jupyter the returned object displays itself inline (an isolated
        ``iframe``); elsewhere (a terminal's Python, a script) it is written to a temporary file and opened in the
        web browser, and the object says where (``page.path``). ``browser`` forces one or the other.
        """
        from newsgraph.graph.render import Page, in_notebook, page_data, render_html

        data = page_data(self._reading(), focus_on=focus, depth=depth, view=view)
        page = Page(render_html(data, title="newsgraph"), height=height)
        if browser if browser is not None else not in_notebook():
            page.open_in_browser()
        return page

    def export(
        self,
        output: str | Path | io.IOBase | None = None,
        *,
        format: str = "trig",
        view: View = "events",
    ) -> bytes | None:
        """Serialise the store or a network view.

        ``trig`` and ``nquads`` keep the named graphs (one per article); ``turtle``, ``ntriples`` and ``jsonld``
        (with a prefix context) give their union; ``graphml`` and ``gexf`` write the ``view`` for Gephi and the
        like.
        """
        from newsgraph.graph.exports import JSONLD_CONTEXT, NETWORK_FORMATS, network_bytes

        store = self._reading()
        if format == "jsonld":
            from rdflib import Dataset

            quads = io.BytesIO()
            store.dump(quads, format=ox.RdfFormat.N_QUADS)  # the store's data: the derived summaries left out
            dataset = Dataset(default_union=True).parse(data=quads.getvalue(), format="nquads")
            data = dataset.serialize(format="json-ld", indent=2, context=JSONLD_CONTEXT)
            payload = data.encode("utf-8") if isinstance(data, str) else data
        elif format in NETWORK_FORMATS:
            payload = network_bytes(self.to_networkx(view=view), format)
        elif format in EXPORT_FORMATS:
            buffer = io.BytesIO()
            # Turtle and TriG with the vocabularies' prefixes (the formats that have them); N-Triples and N-Quads
            # are one full statement a line by design
            prefixes = JSONLD_CONTEXT if format in {"turtle", "trig"} else None
            if format in {"turtle", "ntriples"}:
                # the union of the graphs, the derived summaries left out
                results = store.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o"
                    " FILTER NOT EXISTS { GRAPH <https://w3id.org/newsgraph/id/summary> { ?s ?p ?o } } }"
                )
                if prefixes:
                    payload = (
                        ox.serialize(list(results), format=EXPORT_FORMATS[format], prefixes=prefixes) or b""
                    )
                else:
                    payload = serialize(results, EXPORT_FORMATS[format])
            else:
                store.dump(buffer, format=EXPORT_FORMATS[format], prefixes=prefixes)
                payload = buffer.getvalue()
        else:
            raise QueryError(
                f"unknown export format {format!r}; use trig, nquads, turtle, ntriples, jsonld, graphml or gexf"
            )
        if output is None:
            return payload
        if isinstance(output, (str, Path)):
            Path(output).write_bytes(payload)
        else:
            output.write(payload)
        return None

    # ------------------------------------------------------------------ network analysis
    def centrality(
        self, *, top: int | None = 10, view: View = "actors", include_outlets: bool = False
    ) -> list[dict[str, Any]]:
        """Actors ranked by PageRank, with degree and betweenness (see :func:`newsgraph.graph.network.centrality`);
        news organisations are left out unless ``include_outlets``."""
        from newsgraph.graph import network

        return network.centrality(self.to_networkx(view=view), top=top, include_outlets=include_outlets)

    def communities(
        self, *, seed: int = 7, resolution: float = 1.0, include_outlets: bool = False
    ) -> list[dict[str, Any]]:
        """Seeded Louvain communities of the actor graph, largest first (news organisations left out unless
        ``include_outlets``)."""
        from newsgraph.graph import network

        return network.communities(
            self.to_networkx(view="actors"), seed=seed, resolution=resolution, include_outlets=include_outlets
        )

    def paths(self, source: str, target: str, *, limit: int = 3) -> list[dict[str, Any]]:
        """Shortest connections between two actors, each hop with its event (or the sentence naming both, or an
        affiliation) and source sentences."""
        from newsgraph.graph import network
        from newsgraph.graph.analysis import article_index, both_views
        from newsgraph.graph.lookup import find_actor

        store = self._reading()
        # any name an actor goes by (label, alias, surname, IRI), as every command takes it
        start = find_actor(store, source, parameter="source").iri
        end = find_actor(store, target, parameter="target").iri
        views = both_views(store, article_index(store))
        return network.paths(views["events"], start, end, limit=limit, actors=views["actors"])

    def stories(self) -> list[dict[str, Any]]:
        """The stories of the store: articles about one happening, each link with its evidence, largest first
        (see :mod:`newsgraph.graph.stories`)."""
        from newsgraph.graph.incremental import Analysis

        analysis = Analysis.of(self._reading())
        found = []
        for story in analysis.stories():
            entry = story.to_dict()
            # each article as people know it: headline, outlet, date (the IRIs stay in "articles")
            entry["reports"] = [{"article": iri, **analysis.meta(iri)} for iri in story.articles]
            found.append(entry)
        analysis.close()
        return found

    def happenings(self) -> list[dict[str, Any]]:
        """One happening told by several articles: the events of one story that are one event, each with every
        report as its provenance and the evidence that joined them (see :mod:`newsgraph.graph.happenings`)."""
        from newsgraph.graph.happenings import happenings

        return happenings(self._reading())

    def disagreements(self, *, subject: str | None = None) -> list[dict[str, Any]]:
        """Subjects with differing figures: each figure with speaker and date, the spread, the sources."""
        from newsgraph.graph.figures import disagreements  # not through graph.network: no networkx to import

        return disagreements(self._reading(), subject=subject)

    def figure_subjects(self) -> list[dict[str, Any]]:
        """What the figures count, by subject family, most figures first (subjects that name nothing counted, such
        as "%" or a verb, left out): ``subject``, ``figures``, ``articles``, ``counted`` (the exact subjects)."""
        from newsgraph.graph import network

        return network.figure_subjects(self._reading())

    def figure_history(self, subject: str) -> list[dict[str, Any]]:
        """Every figure for a subject in date order: how an estimate moved."""
        from newsgraph.graph import network

        return network.figure_history(self._reading(), subject)

    def timeline(self) -> list[dict[str, Any]]:
        """Events in date order with granularity and source."""
        from newsgraph.graph import network

        return network.timeline(self._reading())

    def stats(self) -> dict[str, int]:
        """Counts: quads, articles, actors, events, claims."""
        store = self._reading()
        rows = self.query("stats")
        return {"quads": len(store), "articles": store.articles(), **rows[0]}

    def build_summaries(self) -> int:
        """Build the summaries that keep the listings' first pages and totals quick (``graph/summaries.py``) for a
        store written before they existed, or after a SPARQL update dropped them; the number of articles
        summarised. A store that newsgraph made keeps them up to date as it writes, so this is needed once.

        >>> kg = KnowledgeGraph.open(None)
        >>> kg.build_summaries()
        0
        """
        from newsgraph.graph import summaries

        with self._writing("build_summaries") as store:
            if not isinstance(store, Store):
                raise StoreError("a SPARQL server's store keeps no summaries: only the embedded store does")
            return summaries.build(store)


def _import_format(path: Path, name: str | None) -> ox.RdfFormat:
    if name is not None:
        chosen = {
            "trig": ox.RdfFormat.TRIG,
            "nquads": ox.RdfFormat.N_QUADS,
            "turtle": ox.RdfFormat.TURTLE,
            "ntriples": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
            "rdfxml": ox.RdfFormat.RDF_XML,
        }.get(name)
        if chosen is None:
            raise QueryError(
                f"unknown RDF format format={name!r}; use trig, nquads, turtle, ntriples, jsonld or rdfxml"
            )
        return chosen
    found = IMPORT_FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(IMPORT_FORMATS))
        raise StoreError(
            f"{path}: unknown RDF file suffix (known: {known}); name its format: import_rdf(..., format='turtle')"
        )
    return found
