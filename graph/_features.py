"""What stories, happenings and disagreements need of one article, read from its graph once.

Each article's features are plain data (JSON): its headline, outlet and date; the actors and places it names (as
``article-actors`` gives them); its events (``article-events``) and its reports of happenings
(``article-reports``); what it says of each actor's class, labels and mentions (``article-names``, from which the
``actors`` query's choice of type and label is summed); and its figures (``figures``). They are read either for a
few articles, one query per article with ``?article`` bound, or for every article at once with the same queries
unbound; each article's rows come out the same both ways.

>>> from newsgraph.graph.store import Store
>>> read_features(Store(), None)
{}
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox

from newsgraph.graph._results import truth
from newsgraph.graph.store import AnyStore, Store
from newsgraph.ontology import _iris
from newsgraph.queries import load_query

__all__ = ["FIGURE_FIELDS", "PARTS", "Features", "blank", "kinds_of", "read_features", "stamp_of", "stamps"]

Features = dict[str, Any]

FIGURE_FIELDS = (
    "subject", "figure", "value", "min", "max", "approximate", "unit", "speaker", "claim_date", "published",
    "sentence", "article", "title", "about", "speaker_iri", "measure", "counts", "status", "part", "earlier",
    "base_unit", "base_factor", "happening", "claim", "owner", "later",
)  # fmt: skip
_CURATED = "https://w3id.org/newsgraph/ns#curatedBy"
_REPORT_FIELDS = ("event", "type", "label", "date", "place", "sentence", "title")


def _value(term: Any) -> Any:
    return None if term is None else term.value


def stamps(store: AnyStore) -> dict[str, str]:
    """Article IRI -> what its graph is (content hash, extractor, the corrections that changed it), as one string:
    a graph whose stamp changed has changed. An embedded store is read through its indexes (the ``article-stamps``
    query's answer, in a fraction of its time); a server by that query."""
    found: dict[str, set[str]] = defaultdict(set)
    if isinstance(store, Store):
        said: dict[str, dict[str, list[str | None]]] = defaultdict(lambda: defaultdict(list))
        for key, predicate in _STAMPED:
            for quad in store.oxigraph.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
                if quad.subject == quad.graph_name and isinstance(quad.subject, ox.NamedNode):
                    said[quad.subject.value][key].append(str(_value(quad.object)))
        kind, article_type = ox.NamedNode(_iris.RDF_TYPE), ox.NamedNode(_iris.NEWS_ARTICLE)
        for quad in store.oxigraph.quads_for_pattern(None, kind, article_type, None):
            if quad.subject != quad.graph_name or not isinstance(quad.subject, ox.NamedNode):
                continue
            found[quad.subject.value].update(_stamp_parts(said.get(quad.subject.value, {})))
    else:
        for row in store.query(load_query("article-stamps").text):
            parts = found[row["article"].value]
            parts.add(f"h:{_value(row['hash'])}|x:{_value(row['extractor'])}")
            if row["curated"] is not None:
                parts.add(f"c:{row['curated'].value}")
    return {article: " ".join(sorted(parts)) for article, parts in found.items()}


_STAMPED = (("hash", _iris.CONTENT_HASH), ("extractor", _iris.EXTRACTOR_VERSION), ("curated", _CURATED))


def _stamp_parts(values: dict[str, list[str | None]]) -> set[str]:
    parts = set()
    for text in values.get("hash", [None]):
        for version in values.get("extractor", [None]):
            parts.add(f"h:{text}|x:{version}")
    parts.update(f"c:{c}" for c in values.get("curated", []))
    return parts


def stamp_of(store: Store, article: str) -> str | None:
    """One article's stamp, as ``stamps`` gives it (None: no such article), read through the indexes of its own
    graph."""
    node = ox.NamedNode(article)
    kind, article_type = ox.NamedNode(_iris.RDF_TYPE), ox.NamedNode(_iris.NEWS_ARTICLE)
    if not any(True for _ in store.oxigraph.quads_for_pattern(node, kind, article_type, node)):
        return None
    said: dict[str, list[str | None]] = defaultdict(list)
    for key, predicate in _STAMPED:
        for quad in store.oxigraph.quads_for_pattern(node, ox.NamedNode(predicate), None, node):
            said[key].append(str(_value(quad.object)))
    return " ".join(sorted(_stamp_parts(said)))


def _rows(
    store: AnyStore, name: str, articles: list[str] | None, fetched: Mapping[str, Future[Any]]
) -> Iterable[tuple[str, Any]]:
    """(article, row) of a per-article query, for these articles (one bound query each) or all (None: the answer
    ``fetched`` holds, or the query run now)."""
    text = load_query(name).text
    if articles is None:
        rows = fetched[name].result() if name in fetched else store.query(text)
        for row in rows:
            yield row["article"].value, row
        return
    for article in articles:
        for row in store.query(text, {"article": ox.NamedNode(article)}):
            yield article, row


#: the queries each part of the features is read by, the longest first
_QUERIES = {
    "stories": ("article-actors", "article-events", "article-meta"),
    "happenings": ("article-reports", "article-names", "article-participants"),
    "figures": ("figures",),
}


def _fetch(store: AnyStore, articles: list[str] | None, parts: tuple[str, ...]) -> dict[str, Future[Any]]:
    """Every article's rows of these parts' queries, two queries at a time: an embedded store evaluates a query
    without Python's lock, so on two cores the whole-store read takes about half its time (the queries of a part
    each take seconds at 4 M quads). Nothing for a few articles, or for a server (its session is one)."""
    if articles is not None or not isinstance(store, Store):
        return {}
    names = sorted((name for part in parts for name in _QUERIES[part]), key=lambda n: n != "figures")
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="newsgraph-features")
    try:
        return {name: pool.submit(store.query, load_query(name).text) for name in names}
    finally:
        pool.shutdown(wait=False)


#: the parts of an article's features, each read when an analysis first needs it: stories need the first,
#: happenings the second (the participants and what the store says of the actors), disagreements the third
PARTS = {
    "stories": ("meta", "listed", "names", "events"),
    "happenings": ("reports", "actors", "who"),
    "figures": ("figures", "figured"),
}
_EMPTY: dict[str, Any] = {
    "meta": {"title": None, "outlet": None, "published": None, "url": None},
    "listed": False,
    "names": {},
    "events": [],
    "reports": [],
    "actors": {},
    "who": [],
    "figures": [],
    "figured": False,
}


def blank(parts: Iterable[str] = tuple(PARTS)) -> Features:
    """The features of an article that says nothing (of these parts)."""
    return {key: copy.deepcopy(_EMPTY[key]) for part in parts for key in PARTS[part]}


def read_features(
    store: AnyStore, articles: list[str] | None, *, parts: Iterable[str] = tuple(PARTS)
) -> dict[str, Features]:
    """These parts (``PARTS``) of the features of these articles (``None``: of every article), read from the store.

    ``names``: actor IRI -> [label, type] of each actor or place the article names that is no outlet, the label and
    type of its last ``article-actors`` row; ``listed``: the article has such rows at all (stories are made of
    those); ``events``: [top type, fine type, label] per event; ``reports``: one row per event of ``article-reports``
    (its first), with its ``participants`` (``article-participants``); ``actors``: actor IRI -> its ``classes``, ``labels``, ``mentions`` and ``outlet`` here;
    ``figures``: the ``figures`` rows, in the query's order; ``who``: the participants of its reports; ``figured``:
    whether it has figures.
    """
    found: dict[str, Features] = {}
    wanted = set(articles) if articles is not None else None
    parts = tuple(parts)
    fetched = _fetch(store, articles, parts)

    def entry(article: str) -> Features | None:
        if wanted is not None and article not in wanted:
            return None
        if article not in found:
            found[article] = blank(parts)
        return found[article]

    if "stories" in parts:
        _stories_part(store, articles, entry, fetched)
    if "happenings" in parts:
        _happenings_part(store, articles, entry, fetched)
        for item in found.values():
            for actor in item["actors"].values():
                actor["classes"].sort()
                actor["labels"].sort()
            item["who"] = sorted({p for report in item["reports"] for p in report["participants"]})
    if "figures" in parts:
        for article, row in _rows(store, "figures", articles, fetched):
            if (figured := entry(article)) is not None:
                figured["figures"].append({key: _value(row[key]) for key in FIGURE_FIELDS})
        for item in found.values():
            item["figured"] = bool(item["figures"])
    return found


_Sink = Callable[[str], "Features | None"]


def _stories_part(
    store: AnyStore, articles: list[str] | None, entry: _Sink, fetched: Mapping[str, Future[Any]]
) -> None:
    for article, row in _rows(store, "article-meta", articles, fetched):
        if (item := entry(article)) is not None:
            item["meta"] = {k: _value(row[k]) for k in ("title", "outlet", "published", "url")}
    for article, row in _rows(store, "article-actors", articles, fetched):
        if (item := entry(article)) is None:
            continue
        item["listed"] = True
        if not truth(row["outlet"]):
            item["names"][row["actor"].value] = [row["label"].value, row["type"].value]
    for article, row in _rows(store, "article-events", articles, fetched):
        if (item := entry(article)) is not None:
            item["events"].append([row["type"].value, _value(row["fine"]), row["label"].value])


def _happenings_part(
    store: AnyStore, articles: list[str] | None, entry: _Sink, fetched: Mapping[str, Future[Any]]
) -> None:
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, row in _rows(store, "article-participants", articles, fetched):
        who[(article, row["event"].value)].add(row["who"].value)
    seen: set[tuple[str, str]] = set()
    for article, row in _rows(store, "article-reports", articles, fetched):
        if (item := entry(article)) is None or (article, row["event"].value) in seen:
            continue
        seen.add((article, row["event"].value))
        report = {k: _value(row[k]) for k in _REPORT_FIELDS}
        report["participants"] = sorted(who.get((article, report["event"]), ()))
        item["reports"].append(report)
    mentions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, row in _rows(store, "article-names", articles, fetched):
        if (item := entry(article)) is None:
            continue
        actor = item["actors"].setdefault(
            row["actor"].value, {"classes": [], "labels": [], "mentions": 0, "outlet": False}
        )
        kind, value = row["kind"].value, row["value"].value
        if kind == "class" and value not in actor["classes"]:
            actor["classes"].append(value)
        elif kind == "label" and value not in actor["labels"]:
            actor["labels"].append(value)
        elif kind == "mention":
            mentions[(article, row["actor"].value)].add(value)
        elif kind == "outlet":
            actor["outlet"] = True
    for (article, actor_iri), named in mentions.items():
        if (item := entry(article)) is not None:
            item["actors"][actor_iri]["mentions"] = len(named)


#: the ``actors`` query's order of types when two are given by as many articles
_TYPE_RANK = {"Person": 4, "Organization": 3, "Country": 2, "Agreement": 1}


def kinds_of(features: Iterable[Features]) -> dict[str, tuple[str, bool]]:
    """Label -> (type, outlet) as the ``actors`` query gives them, summed over the articles' features: an actor's
    type is the one the most articles give it (ties: Person, Organization, Country, Agreement), its label the one
    the most give (ties: the later label); where actors share a label, the one with the fewest mentions (then the
    later IRI) is the label's, as reading that query's rows in order leaves it."""
    classes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    mentions: dict[str, int] = defaultdict(int)
    outlets: set[str] = set()
    for item in features:
        for actor, said in item["actors"].items():
            for name in said["classes"]:
                classes[actor][name] += 1
            if said["classes"]:
                for text in said["labels"]:
                    labels[actor][text] += 1
            mentions[actor] += said["mentions"]
            if said["outlet"]:
                outlets.add(actor)
    rows = []
    for actor, counted in classes.items():
        if not labels.get(actor):
            continue
        kind = max(counted, key=lambda name: (counted[name], _TYPE_RANK[name]))
        label = max(labels[actor], key=lambda text: (labels[actor][text], text))
        rows.append((-mentions[actor], label, actor, kind))
    return {label: (kind, actor in outlets) for _, label, actor, kind in sorted(rows)}
