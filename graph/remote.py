"""A store on a SPARQL 1.1 server: the same methods as the embedded ``Store``, spoken over HTTP.

``RemoteStore("http://host:7878")`` talks to an Oxigraph server (``/query`` and ``/update``); any other SPARQL 1.1
server works by giving its query endpoint (``…/sparql``, ``…/ds/query``) and, when it differs and is not the
query endpoint with ``query`` replaced by ``update``, its update endpoint. User and password may sit in the URL
(HTTP basic authentication).

Each article is written by one update request that drops its named graph and inserts the new one
(``DROP SILENT GRAPH …; INSERT DATA { GRAPH … }``); Oxigraph runs one request as one transaction, so a reader
sees the old article or the new one, never a mix. Queries and updates given to ``query`` and ``update`` are
checked, and the server is sent the check's own writing of them (``_sparql.check``). Values are bound by ``VALUES``
rows serialised by pyoxigraph (``Checked.with_values``), never pasted as text. Queries ask for the union of the named
graphs as their default graph (Oxigraph's ``union-default-graph``; Virtuoso does this by default). Updates newsgraph
writes itself (an article's graph, its sources) are built from pyoxigraph's terms and sent as written.

>>> RemoteStore("http://127.0.0.1:7878").update_url
'http://127.0.0.1:7878/update'
>>> RemoteStore("http://127.0.0.1:8890/sparql").update_url
'http://127.0.0.1:8890/sparql'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from newsgraph.errors import QueryError, StoreError
from newsgraph.graph._results import Solutions, Triples, materialize
from newsgraph.graph._sparql import check
from newsgraph.graph.store import CURATION_GRAPH, IMPORTS_GRAPH, ONTOLOGY_GRAPH, ontology_quads, unchanged
from newsgraph.ontology import _iris

__all__ = ["RemoteStore", "is_remote", "redact"]

log = logging.getLogger(__name__)

_ARTICLE = f"<{_iris.NEWS_ARTICLE}>"
_RESULTS_JSON = "application/sparql-results+json"
_TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"

# Our graphs: each article's own graph (it names itself as a NewsArticle), the ontology, the corrections, and the
# graphs `import` loaded (listed in the imports graph): what a local store holds, so that the counts agree after a
# push. A server may keep graphs of its own (Virtuoso's system graphs), which counts and dumps leave alone.
_OUR_GRAPHS = (
    f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g IN (<{ONTOLOGY_GRAPH}>, <{CURATION_GRAPH}>, <{IMPORTS_GRAPH}>)"
    f" || EXISTS {{ GRAPH ?g {{ ?g a {_ARTICLE} }} }}"
    f" || EXISTS {{ GRAPH <{IMPORTS_GRAPH}> {{ ?g a <https://w3id.org/newsgraph/ns#ImportedGraph> }} }})"
)


def is_remote(location: str | Path | None) -> bool:
    """Whether a ``--store`` value names a SPARQL server rather than a directory."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def redact(url: str) -> str:
    """A store URL as it may be printed: user and password (or a token in their place) replaced by ``***``.

    >>> redact("http://user:secret@127.0.0.1:7878/query"), redact("data/store")
    ('http://***@127.0.0.1:7878/query', 'data/store')
    """
    parts = urlsplit(url)
    if not is_remote(url) or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def _endpoints(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path:
        base = urlunsplit(parts._replace(path="", query="", fragment=""))
        return f"{base}/query", f"{base}/update"
    if path.endswith("/query"):
        return url, urlunsplit(parts._replace(path=path[: -len("query")] + "update"))
    return url, url


def _dataset_params(default_graph: list[str] | None, named_graphs: list[str] | None) -> list[tuple[str, str]]:
    if default_graph is None and named_graphs is None:
        return [("union-default-graph", "")]
    return [("default-graph-uri", g) for g in default_graph or []] + [
        ("named-graph-uri", g) for g in named_graphs or []
    ]


class RemoteStore:
    """A SPARQL 1.1 server used as newsgraph's store."""

    path: Path | None = None

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        read_only: bool = False,
        timeout: float = 60.0,
    ) -> None:
        import requests

        self.url = url
        self.query_url, default_update = _endpoints(url)
        self.update_url = update_url or default_update
        self.read_only = read_only
        self.timeout = timeout
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "newsgraph"
        self._ontology_checked = False

    # ------------------------------------------------------------------ HTTP
    def _post(
        self, url: str, *, data: dict[str, str] | bytes, headers: dict[str, str], params: Any = None
    ) -> Any:
        import requests

        try:
            response = self._session.post(
                url, data=data, headers=headers, params=params, timeout=self.timeout
            )
        except requests.Timeout:
            raise QueryError(f"{redact(url)} did not answer within {self.timeout:g} s") from None
        except requests.RequestException as exc:
            raise StoreError(
                f"cannot reach the SPARQL server at {redact(url)}: {type(exc).__name__}"
            ) from None
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300]
            error = QueryError if response.status_code in {400, 406, 415} else StoreError
            raise error(f"{redact(url)} answered {response.status_code}: {detail}")
        return response

    def _select(
        self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None
    ) -> list[dict[str, Any]]:
        result = self.query(sparql, bindings)
        return [{v.value: row[v.value] for v in result.variables} for row in result]

    def update(self, sparql: str) -> None:
        """Send one SPARQL update request: checked, and sent as the check wrote it (see ``_sparql``)."""
        self._update(check(sparql, update=True).text)

    def _update(self, text: str) -> None:
        """Send an update newsgraph wrote itself (terms serialised by pyoxigraph)."""
        if self.read_only:
            raise StoreError("store is open read-only")
        self._post(
            self.update_url,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # ------------------------------------------------------------------ the Store interface
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
        """Run SPARQL on the server with values bound; results come back read in full, as from ``Store``.

        The server is sent the check's own writing of the query (``_sparql.check``), so it never reads text the
        check did not. ``offset`` and ``limit`` keep a window of the rows, cut here from the server's answer (the
        same rows in the same order as the whole answer gives them).
        """
        checked = check(sparql, trust=not bindings)  # values are bound in the check's writing of the text
        try:
            text = checked.with_values(bindings or {})
        except ValueError as exc:
            raise QueryError(str(exc)) from None
        form = checked.form
        accept = _RESULTS_JSON if form in {"SELECT", "ASK"} else _TRIPLES
        response = self._post(
            self.query_url,
            data={"query": text},
            headers={"Accept": accept},
            params=_dataset_params(default_graph, named_graphs),
        )
        media = response.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            result = self._read(response.content, media, form)
            if (offset or limit is not None) and isinstance(result, Solutions):
                end = None if limit is None else offset + limit
                result = Solutions(result.variables, list(islice(result, offset, end)))
            return result
        except (SyntaxError, ValueError) as exc:
            # a server that fails while it streams its answer (an evaluation error) sends a cut-off document
            raise QueryError(f"{redact(self.query_url)} sent an answer that does not parse: {exc}") from None

    def _read(self, content: bytes, media: str, form: str) -> Any:
        if form in {"SELECT", "ASK"}:
            formats = {
                "application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            }
            result = ox.parse_query_results(content, format=formats.get(media, ox.QueryResultsFormat.JSON))
            if form == "ASK" and isinstance(result, ox.QuerySolutions):
                # Virtuoso 7 answers a POSTed ASK as a one-column SELECT (__ASK_RETVAL = 1, or no row for false).
                truth = any(row[0] is not None and row[0].value not in {"0", "false"} for row in result)
                return truth
            return materialize(result)
        rdf_format = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return Triples(
            ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(content, format=rdf_format)
        )

    def _ensure_ontology(self) -> None:
        if self._ontology_checked or self.read_only:
            return
        if not self._select(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"g": ox.NamedNode(ONTOLOGY_GRAPH)}
        ):
            self.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
        self._ontology_checked = True

    def __len__(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {_OUR_GRAPHS} }}")
        return int(rows[0]["n"].value)

    def named_graphs(self) -> list[str]:
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a {_ARTICLE} }} }}")
        return sorted(row["g"].value for row in rows)

    def graph_names(self) -> list[str]:
        """Every named graph on the server (a server's own graphs included)."""
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def articles(self) -> int:
        return len(self.named_graphs())

    def article_hash(self, article_iri: str) -> str | None:
        node = ox.NamedNode(article_iri)
        rows = self._select(
            f"SELECT ?h ?a WHERE {{ GRAPH ?a {{ ?a <{_iris.CONTENT_HASH}> ?h }} }}", {"a": node}
        )
        return rows[0]["h"].value if rows else None

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph by these quads in one update request."""
        graph = ox.NamedNode(graph_iri)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")

    def article_stamp(self, article_iri: str) -> tuple[str, str | None] | None:
        """The content hash and extractor version stored for an article, or None if it is not stored."""
        node = ox.NamedNode(article_iri)
        rows = self._select(
            f"SELECT ?h ?v ?a WHERE {{ GRAPH ?a {{ ?a <{_iris.CONTENT_HASH}> ?h "
            f"OPTIONAL {{ ?a <{_iris.EXTRACTOR_VERSION}> ?v }} }} }}",
            {"a": node},
        )
        if not rows:
            return None
        version = rows[0].get("v")
        return rows[0]["h"].value, version.value if version is not None else None

    def write_article(
        self,
        article_iri: str,
        content_hash: str,
        quads: Iterable[ox.Quad] | bytes,
        *,
        extractor: str | None = None,
    ) -> str:
        """Store one article's graph (one request); skip it when unchanged, replace it when changed."""
        if self.read_only:
            raise StoreError("store is open read-only")
        self._ensure_ontology()
        stamp = self.article_stamp(article_iri)
        if unchanged(stamp, content_hash, extractor):
            return "unchanged"
        if isinstance(quads, bytes):
            quads = list(ox.parse(quads, format=ox.RdfFormat.N_QUADS))
        self.replace_graph(article_iri, quads)
        return "replaced" if stamp is not None else "added"

    def articles_from(self, source: str) -> list[str]:
        """Article graphs read from this input (a file) that are known by their text alone (no URL, no id)."""
        rows = self._select(
            f"SELECT ?g ?source WHERE {{ GRAPH ?g {{ ?g <{_iris.SOURCE_NAME}> ?source "
            f"FILTER NOT EXISTS {{ ?g <{_iris.URL}> ?url }} FILTER NOT EXISTS {{ ?g <{_iris.IDENTIFIER}> ?id }} }} }}",
            {"source": ox.Literal(source)},
        )
        return sorted(row["g"].value for row in rows)

    def article_sources(self, article_iri: str) -> list[str]:
        """The inputs an article was read from."""
        rows = self._select(
            f"SELECT ?s ?a WHERE {{ GRAPH ?a {{ ?a <{_iris.SOURCE_NAME}> ?s }} }}",
            {"a": ox.NamedNode(article_iri)},
        )
        return sorted(row["s"].value for row in rows)

    def add_source(self, article_iri: str, source: str) -> None:
        """Record one more input that holds this article (one update request)."""
        node = ox.NamedNode(article_iri)
        self._update(
            f"INSERT DATA {{ GRAPH {node} {{ {node} <{_iris.SOURCE_NAME}> {ox.Literal(source)} }} }}"
        )

    def remove_source(self, article_iri: str, source: str) -> None:
        """Forget one input of this article (one update request)."""
        node = ox.NamedNode(article_iri)
        self._update(
            f"DELETE DATA {{ GRAPH {node} {{ {node} <{_iris.SOURCE_NAME}> {ox.Literal(source)} }} }}"
        )

    def remove_article(self, article_iri: str) -> bool:
        if self.article_hash(article_iri) is None:
            return False
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(article_iri)}")
        return True

    def quads(self) -> list[ox.Quad]:
        """Every quad of newsgraph's graphs on the server."""
        result = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {_OUR_GRAPHS} }}")
        return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in result]

    def dump(self, output: Any, *, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        ox.serialize(self.quads(), output, format=format, prefixes=prefixes)

    def flush(self) -> None:
        """Nothing to do: the server has stored each request when it answered."""

    def close(self) -> None:
        self._session.close()

    def dataset(self) -> Any:
        """An rdflib ``Dataset`` over a snapshot of the server's newsgraph graphs (held in memory), checked as
        ``Store.dataset`` is."""
        from newsgraph.graph._dataset import checked_dataset

        snapshot = ox.Store()
        snapshot.extend(self.quads())
        return checked_dataset(snapshot)
