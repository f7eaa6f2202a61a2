"""The rows each kept listing has, per article, per bucket of articles and in all: what ``summaries`` keeps in the
store's summary graph, and the update that writes an article graph together with its summary in one transaction.

A kept listing is a named query without parameters whose rows are each one article's (``# rows: per article`` in
its header). An article's rows are counted by the listing's own count query, run on a small in-memory store that
holds the ontology and that article's graph alone (``Counter``). The summary graph holds, as ``ng:listingRows``
literals ("name=rows ..."): each article's counts, each bucket's (the articles whose IRI starts with the same
``BUCKET_CHARS`` characters: the buckets in order of their prefix, and the articles of each in order of their IRI,
are all the articles in IRI order) and the store's totals, under a stamp of the kept queries' texts
(``ng:summaryOf``): a summary made for other queries is not read.

>>> pack({"events": 3, "claims": 0, "articles": 1})
'articles=1 events=3'
>>> unpack("articles=1 events=3")["events"]
3
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox

from newsgraph.queries import NamedQuery, count_text, list_queries

__all__ = [
    "BUCKET_CHARS",
    "BUCKET_PREFIX",
    "IN_BUCKET",
    "KEY_ROWS",
    "LISTING_ROWS",
    "SUMMARY_GRAPH",
    "SUMMARY_OF",
    "Counter",
    "article_update",
    "bucket_node",
    "kept",
    "key_node",
    "keyed",
    "pack",
    "read_rows",
    "stamp",
    "unpack",
]

#: Named graph of the kept row counts (``graph/summaries.py``)
SUMMARY_GRAPH = "https://w3id.org/newsgraph/id/summary"
_NG = "https://w3id.org/newsgraph/ns#"
LISTING_ROWS = ox.NamedNode(_NG + "listingRows")
SUMMARY_OF = ox.NamedNode(_NG + "summaryOf")
IN_BUCKET = ox.NamedNode(_NG + "inBucket")
KEY_ROWS = ox.NamedNode(_NG + "keyRows")
BUCKET_PREFIX = ox.NamedNode(_NG + "bucketPrefix")
_GRAPH = ox.NamedNode(SUMMARY_GRAPH)
#: an article's bucket: the first characters of its IRI (the article namespace and two more: 256 buckets of hashes)
BUCKET_CHARS = len("https://w3id.org/newsgraph/id/article/") + 2


@cache
def kept() -> tuple[NamedQuery, ...]:
    """The listings whose rows are kept: named queries of rows per article, without parameters."""
    return tuple(q for q in list_queries() if q.per_article and not q.params and count_text(q) is not None)


@cache
def keyed() -> tuple[NamedQuery, ...]:
    """The listings of one actor whose rows are kept per lookup key: named queries of rows per article with one
    parameter, matched by its lookup key (``?NAME_key``). Their count query groups by the key, so that run on an
    article with the key unbound it gives every key's rows at once."""
    return tuple(
        q
        for q in list_queries()
        if q.per_article
        and len(q.params) == 1
        and f"?{q.params[0]}_key" in q.text
        and count_text(q) is not None
    )


@cache
def stamp() -> str:
    """What the kept counts were made by: a hash of the kept queries' names and texts."""
    digest = hashlib.sha256()
    for named in (*kept(), *keyed()):
        digest.update(f"{named.name}\n{named.text}\n".encode())
    return digest.hexdigest()[:16]


def pack(counts: Mapping[str, int]) -> str:
    """Counts as the literal that holds them (the listings with no row left out)."""
    return " ".join(f"{name}={count}" for name, count in sorted(counts.items()) if count)


def unpack(text: str) -> dict[str, int]:
    """The counts a literal holds."""
    found = {}
    for item in text.split():
        name, _, count = item.rpartition("=")
        found[name] = int(count)
    return found


def key_node(key: str) -> ox.NamedNode:
    """The node of the summary graph that holds a lookup key's totals (the key in N-Triples: a literal or an IRI)."""
    return ox.NamedNode(f"{SUMMARY_GRAPH}/key/{hashlib.sha256(key.encode()).hexdigest()[:24]}")


def bucket_node(article: str) -> tuple[ox.NamedNode, str]:
    """The bucket an article is in, and the bucket's prefix."""
    prefix = article[:BUCKET_CHARS]
    return ox.NamedNode(f"{SUMMARY_GRAPH}/bucket/{quote(prefix, safe='')}"), prefix


def _one(store: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> ox.Literal | ox.NamedNode | None:
    for quad in store.quads_for_pattern(subject, predicate, None, _GRAPH):
        return quad.object  # type: ignore[return-value]
    return None


def read_rows(store: ox.Store, node: ox.NamedNode) -> tuple[ox.Literal | None, dict[str, int]]:
    """The ``ng:listingRows`` literal of a node of the summary graph (an article, a bucket, the graph), and its
    counts."""
    found = _one(store, node, LISTING_ROWS)
    if not isinstance(found, ox.Literal):
        return None, {}
    return found, unpack(found.value)


class Counter:
    """An in-memory store holding the ontology, in which one article's graph at a time is counted.

    pyoxigraph's in-memory store keeps what was removed from it (its versions), and its scans step over them, so
    counting slowed with every article counted (minutes for 20,000 articles): the store is made again every
    ``RENEW`` articles."""

    RENEW = 100

    def __init__(self) -> None:
        from newsgraph.graph.store import ontology_quads

        self.ontology = ontology_quads()
        self.counted = 0
        self.store = ox.Store()
        self.store.extend(self.ontology)

    def counts(
        self, graph: ox.NamedNode, quads: Iterable[ox.Quad] | bytes
    ) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
        """The rows each kept listing has for this article graph, and each keyed listing for each lookup key in it
        (the key in N-Triples)."""
        self.counted += 1
        if self.counted % self.RENEW == 0:
            self.store = ox.Store()
            self.store.extend(self.ontology)
        if isinstance(quads, bytes):
            self.store.load(quads, format=ox.RdfFormat.N_QUADS)
        else:
            self.store.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
        try:
            found = {}
            for named in kept():
                counting = count_text(named)
                assert counting is not None
                rows = self.store.query(counting, use_default_graph_as_union=True)
                assert isinstance(rows, ox.QuerySolutions)
                found[named.name] = sum(int(getattr(row["total"], "value", 0)) for row in rows)
            keys: dict[str, dict[str, int]] = {}
            for named in keyed():
                counting = count_text(named)
                assert counting is not None
                rows = self.store.query(counting, use_default_graph_as_union=True)
                assert isinstance(rows, ox.QuerySolutions)
                for row in rows:
                    key, total = row[0], row[1]
                    if key is not None and total is not None:
                        keys.setdefault(str(key), {})[named.name] = int(total.value)
            return found, keys
        finally:
            self.store.remove_graph(graph)


def _triple(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> str:
    return f"{s} {p} {o} ."


def article_update(
    store: ox.Store, article: str, counts: tuple[Mapping[str, int], Mapping[str, Mapping[str, int]]] | None
) -> str:
    """The update that moves an article's summary to ``counts`` (``Counter.counts``; None: the article is gone),
    its bucket's, its keys' and the totals with it: a ``DELETE DATA`` and an ``INSERT DATA`` of the summary graph,
    to run in the same request as the write of the article graph itself."""
    node = ox.NamedNode(article)
    removed, added = _key_update(store, node, None if counts is None else counts[1])
    bucket, prefix = bucket_node(article)
    old_literal, old = read_rows(store, node)
    bucket_literal, in_bucket = read_rows(store, bucket)
    totals_literal, totals = read_rows(store, _GRAPH)
    new = dict(counts[0] if counts is not None else {})
    for name in set(old) | set(new):
        change = new.get(name, 0) - old.get(name, 0)
        in_bucket[name] = in_bucket.get(name, 0) + change
        totals[name] = totals.get(name, 0) + change
    if old_literal is not None:
        removed.append(_triple(node, LISTING_ROWS, old_literal))
        removed.append(_triple(node, IN_BUCKET, bucket))
    for subject, literal in ((bucket, bucket_literal), (_GRAPH, totals_literal)):
        if literal is not None:
            removed.append(_triple(subject, LISTING_ROWS, literal))
    if counts is not None:
        added.append(_triple(node, LISTING_ROWS, ox.Literal(pack(new))))
        added.append(_triple(node, IN_BUCKET, bucket))
        added.append(_triple(bucket, BUCKET_PREFIX, ox.Literal(prefix)))
    added.append(_triple(bucket, LISTING_ROWS, ox.Literal(pack(in_bucket))))
    added.append(_triple(_GRAPH, LISTING_ROWS, ox.Literal(pack(totals))))
    text = ""
    if removed:
        text += f"DELETE DATA {{ GRAPH {_GRAPH} {{\n{chr(10).join(removed)}\n}} }} ;\n"
    return text + f"INSERT DATA {{ GRAPH {_GRAPH} {{\n{chr(10).join(added)}\n}} }} ;\n"


def _key_update(
    store: ox.Store, node: ox.NamedNode, keys: Mapping[str, Mapping[str, int]] | None
) -> tuple[list[str], list[str]]:
    """The triples to remove and add for an article's per-key counts (None: gone) and its keys' totals."""
    removed, added = [], []
    found = _one(store, node, KEY_ROWS)
    old: dict[str, dict[str, int]] = {}
    if isinstance(found, ox.Literal):
        old = json.loads(found.value)
        removed.append(_triple(node, KEY_ROWS, found))
    new = {key: dict(counts) for key, counts in (keys or {}).items()}
    if keys is not None:
        added.append(_triple(node, KEY_ROWS, ox.Literal(json.dumps(new, sort_keys=True))))
    for key in set(old) | set(new):
        if old.get(key) == new.get(key):
            continue
        total = key_node(key)
        literal, totals = read_rows(store, total)
        for name in set(old.get(key, {})) | set(new.get(key, {})):
            totals[name] = totals.get(name, 0) + new.get(key, {}).get(name, 0) - old.get(key, {}).get(name, 0)
        if literal is not None:
            removed.append(_triple(total, LISTING_ROWS, literal))
        if any(totals.values()):
            added.append(_triple(total, LISTING_ROWS, ox.Literal(pack(totals))))
    return removed, added
