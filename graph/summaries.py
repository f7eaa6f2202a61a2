"""Summaries the writer keeps in the store, so that a listing's first page and its total need not read the year.

On a store of millions of quads, a listing that sorts its rows sorts all of them before the first (sorting 20,000
article IRIs alone takes seconds in Oxigraph), and a total is a count over the whole store. So the store keeps, in
its summary graph (``SUMMARY_GRAPH``), how many rows each kept listing (a named query of rows per article, without
parameters: ``# rows: per article``) has in each article, in each bucket of articles and in all
(``_summary_rows``). The writer moves them in the very transaction that writes, replaces or removes an article
graph (``Store.write_article``, ``replace_graph``, ``remove_article``): they are never half-written.

- ``total``: a kept listing's total, read from the summary;
- ``first_rows``: a page of a listing whose rows are each one article's and that sorts by article first
  (``ORDER BY ?article ...``): the listing's own query is run for one article after another in IRI order (the
  buckets in order, then their articles), with ``?article`` bound, skipping whole buckets and articles by their kept
  counts up to the offset. For a listing with a parameter (one actor's), the articles are those whose graph holds
  the parameter's lookup key. The rows are the whole query's rows, in its order: each article's rows come from the
  same query, sorted by the same keys.

A store written before summaries existed has none; it is read as before (counted, sorted in full) until
``newsgraph summaries`` (``build``) builds them, which a new store does not need: its writer starts it with an empty
summary. A SPARQL update or an import of article graphs drops the summary (what changed is unknown), and
``newsgraph summaries`` builds it again.

>>> from newsgraph.graph.store import Store
>>> store = Store()
>>> current(store.oxigraph), total(store, "events")
(True, 0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from newsgraph.graph._results import Solutions
from newsgraph.graph._summary_rows import (
    BUCKET_PREFIX,
    IN_BUCKET,
    KEY_ROWS,
    LISTING_ROWS,
    SUMMARY_GRAPH,
    SUMMARY_OF,
    Counter,
    article_update,
    kept,
    key_node,
    keyed,
    pack,
    read_rows,
    stamp,
)
from newsgraph.ontology import _iris
from newsgraph.queries import NamedQuery

if TYPE_CHECKING:
    from newsgraph.graph.store import Store

__all__ = [
    "SUMMARY_GRAPH",
    "Counter",
    "build",
    "current",
    "first_rows",
    "sliced",
    "start",
    "total",
    "with_drop",
    "write",
    "write_update",
]

_GRAPH = ox.NamedNode(SUMMARY_GRAPH)
_ARTICLE = ox.NamedNode(_iris.NEWS_ARTICLE)
_TYPE = ox.NamedNode(_iris.RDF_TYPE)
_LOOKUP_KEY = ox.NamedNode("https://w3id.org/newsgraph/ns#lookupKey")


def current(store: ox.Store) -> bool:
    """Whether the store holds a summary made for the kept queries of this version."""
    found = next(iter(store.quads_for_pattern(_GRAPH, SUMMARY_OF, None, _GRAPH)), None)
    return found is not None and isinstance(found.object, ox.Literal) and found.object.value == stamp()


def start(store: ox.Store) -> bool:
    """Give a store without articles its (empty) summary; True when it did. A store with articles and no summary
    is left as it is (``build`` makes its summary)."""
    if current(store) or next(iter(store.quads_for_pattern(None, _TYPE, _ARTICLE, None)), None) is not None:
        return False
    store.update(_fresh_text({}))
    return True


def _fresh_text(body: Mapping[ox.NamedNode, str], more: tuple[str, ...] | list[str] = ()) -> str:
    """The update that replaces the summary graph: the stamp, these counts and ``more`` triples."""
    lines = [f"{_GRAPH} {SUMMARY_OF} {ox.Literal(stamp())} ."]
    lines += [f"{node} {LISTING_ROWS} {ox.Literal(text)} ." for node, text in body.items()]
    lines += more
    return f"DROP SILENT GRAPH {_GRAPH} ;\nINSERT DATA {{ GRAPH {_GRAPH} {{\n" + "\n".join(lines) + "\n} }"


def write(store: Store, graph: ox.NamedNode, quads: Iterable[ox.Quad] | bytes | None) -> bool:
    """Write an article graph (None: remove it) with its summary in one transaction; False, writing nothing, when
    the store has no current summary (the caller then writes as before)."""
    if not current(store.oxigraph):
        return False
    if isinstance(quads, bytes):
        quads = ox.parse(quads, format=ox.RdfFormat.N_QUADS)
    batch = None if quads is None else list(quads)
    if store._counter is None:
        store._counter = Counter()
    store.oxigraph.update(write_update(store.oxigraph, store._counter, graph, batch))
    store._count_written(len(batch or ()))
    return True


def write_update(store: ox.Store, counter: Counter, graph: ox.NamedNode, quads: list[ox.Quad] | None) -> str:
    """The update that writes an article graph (None: removes it) with its summary, in one request (one
    transaction). ``quads`` are the graph's (any graph name: they are written to ``graph``)."""
    counts = None if quads is None else counter.counts(graph, quads)
    text = article_update(store, graph.value, counts) + f"DROP SILENT GRAPH {graph}"
    if quads:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        text += f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}"
    return text


def with_drop(update: str) -> str:
    """An update whose effect is unknown, followed by the drop of the summary (in the same request)."""
    return f"{update} ;\nDROP SILENT GRAPH {_GRAPH}" if update.strip() else update


def build(store: Store) -> int:
    """Count every article's rows of the kept listings and write the summary graph anew in one transaction; the
    number of articles summarised. For a store written before summaries existed (or after a SPARQL update)."""
    from newsgraph.errors import StoreError
    from newsgraph.graph._summary_rows import bucket_node

    if store.read_only:
        raise StoreError("summaries are built by the store's writer: open it for writing")
    oxigraph = store.oxigraph
    counter = Counter()
    body: dict[ox.NamedNode, str] = {}
    buckets: dict[ox.NamedNode, tuple[str, dict[str, int]]] = {}
    totals: dict[str, int] = {}
    memberships = []
    key_totals: dict[str, dict[str, int]] = {}
    articles = store.named_graphs()
    for article in articles:
        graph = ox.NamedNode(article)
        counts, keys = counter.counts(graph, list(oxigraph.quads_for_pattern(None, None, None, graph)))
        body[graph] = pack(counts)
        memberships.append(f"{graph} {KEY_ROWS} {ox.Literal(json.dumps(keys, sort_keys=True))} .")
        for key, in_article in keys.items():
            of_key = key_totals.setdefault(key, {})
            for name, count in in_article.items():
                of_key[name] = of_key.get(name, 0) + count
        node, prefix = bucket_node(article)
        in_bucket = buckets.setdefault(node, (prefix, {}))[1]
        for name, count in counts.items():
            in_bucket[name] = in_bucket.get(name, 0) + count
            totals[name] = totals.get(name, 0) + count
        memberships.append(f"{graph} {IN_BUCKET} {node} .")
    for node, (prefix, counts) in buckets.items():
        body[node] = pack(counts)
        memberships.append(f"{node} {BUCKET_PREFIX} {ox.Literal(prefix)} .")
    body[_GRAPH] = pack(totals)
    body.update((key_node(key), pack(counts)) for key, counts in key_totals.items())
    store._dirty = True
    oxigraph.update(_fresh_text(body, memberships))
    return len(articles)


def total(store: Store, name: str, bindings: Mapping[str, Any] | None = None) -> int | None:
    """A kept listing's total as the summary holds it (a keyed one's for the lookup key in ``bindings``); None
    when it is not kept or the store has no current summary."""
    if name in {q.name for q in kept()} and not bindings:
        node = _GRAPH
    elif name in {q.name for q in keyed()} and bindings and len(bindings) == 1:
        (key,) = bindings.values()
        node = key_node(str(key))
    else:
        return None
    if not current(store.oxigraph):
        return None
    return read_rows(store.oxigraph, node)[1].get(name, 0)


def sliced(named: NamedQuery) -> bool:
    """Whether a listing's pages can be read one article at a time: its rows are each one article's and it sorts by
    article first."""
    import re

    return named.per_article and re.search(r"^ORDER BY \?article\b", named.text, re.MULTILINE) is not None


def first_rows(
    store: Store, named: NamedQuery, bindings: Mapping[str, Any], *, offset: int, limit: int
) -> Solutions | None:
    """``limit`` rows after ``offset`` of a sliced listing (see the module), or None when the store cannot give
    them so (no current summary for a listing without parameters)."""
    oxigraph = store.oxigraph
    if named.params:
        articles = _articles_with(oxigraph, bindings)
    elif current(oxigraph):
        articles = _kept_articles(oxigraph, named.name, offset)
    else:
        return None
    return _collect(store, named, bindings, articles, offset=offset, limit=limit)


def _kept_articles(store: ox.Store, name: str, offset: int) -> Any:
    """(article, rows, rows skipped before it) in IRI order, whole buckets and articles before ``offset`` skipped."""
    buckets = sorted(
        (q.object.value, q.subject)
        for q in store.quads_for_pattern(None, BUCKET_PREFIX, None, _GRAPH)
        if isinstance(q.object, ox.Literal) and isinstance(q.subject, ox.NamedNode)
    )
    seen = 0
    for _, bucket in buckets:
        in_bucket = read_rows(store, bucket)[1].get(name, 0)
        if seen + in_bucket <= offset:
            seen += in_bucket
            continue
        members = sorted(
            q.subject.value
            for q in store.quads_for_pattern(None, IN_BUCKET, bucket, _GRAPH)
            if isinstance(q.subject, ox.NamedNode)
        )
        for article in members:
            rows = read_rows(store, ox.NamedNode(article))[1].get(name, 0)
            if rows:
                yield article, rows, seen
                seen += rows


def _articles_with(store: ox.Store, bindings: Mapping[str, Any]) -> Any:
    """(article, None, None) in IRI order for the articles whose graph holds the parameter's lookup key."""
    keys = [value for name, value in bindings.items() if name.endswith("_key")]
    if len(keys) != 1:
        return iter(())
    graphs = {
        q.graph_name.value
        for q in store.quads_for_pattern(None, _LOOKUP_KEY, keys[0], None)
        if isinstance(q.graph_name, ox.NamedNode)
    }
    return ((article, None, None) for article in sorted(graphs))


def _collect(
    store: Store, named: NamedQuery, bindings: Mapping[str, Any], articles: Any, *, offset: int, limit: int
) -> Solutions:
    variables: list[ox.Variable] | None = None
    rows: list[ox.QuerySolution] = []
    skip = offset
    for article, count, before in articles:
        if len(rows) >= limit:
            break
        if count is not None:
            skip = max(0, offset - before)
        result = store.query(named.text, {**bindings, "article": ox.NamedNode(article)})
        variables = variables or list(result.variables)
        found = list(result)
        rows += found[skip : skip + limit - len(rows)]
        skip = max(0, skip - len(found))
    if variables is None:  # no article: the columns of an empty result
        variables = list(store.query(named.text, {**bindings, "article": _GRAPH}).variables)
    return Solutions(variables, rows[:limit])
