"""networkx views of the graph, built from named queries (``network-edges``, ``actors``, ``articles``).

Two views:

- ``events``: actors, events, places and agreements are nodes; an edge goes from an event to each participant and
  carries the role (``agent``, ``patient``, ``speaker``, ``place``, ``party`` ...). A happening several articles
  report is one node, with every report among its sources.
- ``actors``: people, organisations, states and agreements; an undirected edge joins two actors that take part in
  the same event or are named in the same sentence, weighted by shared events plus co-mentions (``co_mentions``
  counts the sentences); a person's affiliation is an edge too.

Every node and edge carries its provenance: ``sources``, a list of ``(sentence, article IRI)`` pairs, plus the
flattened ``sentences`` and ``articles`` (titles) for exports that only take strings.

>>> from newsgraph.graph.store import Store
>>> to_networkx(Store()).number_of_nodes()
0
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx

from newsgraph.errors import NewsgraphError
from newsgraph.graph._results import truth
from newsgraph.graph.store import AnyStore
from newsgraph.queries import load_query

__all__ = ["View", "article_index", "both_views", "focus", "to_networkx", "wikidata_facts"]

View = Literal["events", "actors"]


def _value(term: Any) -> Any:
    return None if term is None else term.value


def article_index(store: AnyStore) -> dict[str, dict[str, Any]]:
    """Article IRI → ``title``, ``outlet``, ``published``, ``url``, ``source`` (from the ``articles`` query)."""
    out: dict[str, dict[str, Any]] = {}
    for row in store.query(load_query("articles").text):
        out[row["article"].value] = {
            key: _value(row[key]) for key in ("title", "outlet", "published", "url", "source")
        }
    return out


def wikidata_facts(store: AnyStore) -> dict[str, dict[str, Any]]:
    """What imported Wikidata extracts say of each item (``Q423`` → its ``label`` and ``facts``, each "capital:
    Pyongyang"), from the ``wikidata`` query; empty without an import."""
    found: dict[str, dict[str, Any]] = {}
    for row in store.query(load_query("wikidata").text):
        item = row["item"].value.rsplit("/", 1)[-1]
        entry = found.setdefault(item, {"label": _value(row["label"]), "facts": []})
        said = _value(row["property_label"]) or _value(row["property"])
        value = _value(row["value_label"]) or str(_value(row["value"])).rsplit("/", 1)[-1]
        fact = f"{said}: {value}"
        if fact not in entry["facts"]:
            entry["facts"].append(fact)
    return found


def _actor_details(store: AnyStore) -> dict[str, dict[str, Any]]:
    items = wikidata_facts(store)
    details = {}
    for row in store.query(load_query("actors").text):
        wikidata = _value(row["wikidata"]) or None
        item = items.get(wikidata or "", {})
        details[row["actor"].value] = {
            "wikidata": wikidata,
            "wikidata_label": item.get("label"),
            "wikidata_facts": item.get("facts", []),
            "role": _value(row["role"]),
            "outlet": truth(row["outlet"]),
            "_label": _value(row["label"]),
            "_kind": _value(row["type"]),
        }
    return details


def _public(details: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in details.items() if not k.startswith("_")}


_NO_DETAILS: dict[str, Any] = {
    "wikidata": None,
    "wikidata_label": None,
    "wikidata_facts": [],
    "role": None,
    "outlet": False,
}


def to_networkx(store: AnyStore, *, view: View = "events") -> nx.Graph:
    """The event graph (a ``MultiDiGraph``) or the actor graph (a weighted ``Graph``) of the whole store."""
    if view not in ("events", "actors"):
        raise NewsgraphError(f"unknown view {view!r}; use 'events' or 'actors'")
    return both_views(store, article_index(store))[view]


def both_views(store: AnyStore, articles: dict[str, dict[str, Any]]) -> dict[str, nx.Graph]:
    """The event and the actor graph from one pass over the store (``articles`` from :func:`article_index`)."""
    titles = {iri: meta["title"] or meta["source"] or iri for iri, meta in articles.items()}
    details = _actor_details(store)
    events = nx.MultiDiGraph()
    actors: dict[str, dict[str, Any]] = {}
    members: dict[str, set[str]] = {}
    for row in store.query(load_query("network-edges").text):
        event, actor = row["event"].value, row["actor"].value
        sentence, article = row["sentence"].value, row["article"].value
        source = (sentence, article)
        known = details.get(actor, _NO_DETAILS)
        data = actors.setdefault(
            actor,
            {
                # one label and one type per actor, the actors query's, whatever one article says
                "label": known.get("_label") or row["actor_label"].value,
                "kind": known.get("_kind") or row["actor_type"].value,
                **_public(known),
                "sources": set(),
            },
        )
        data["sources"].add(source)
        members.setdefault(event, set()).add(actor)
        if event not in events:
            events.add_node(
                event,
                label=row["event_label"].value,
                kind="Event",
                event_type=row["type"].value,
                date=_value(row["date"]),
                sources=set(),
            )
        events.nodes[event]["sources"].add(source)
        role = row["role"].value
        if role == "place":
            events.nodes[event]["place"] = row["actor_label"].value
        events.add_edge(event, actor, key=role, role=role, sources={source})
    graph = nx.Graph()
    for actor, data in actors.items():
        if data["kind"] != "Place":
            graph.add_node(actor, **data)
    # every actor is in the actor view, also one in no event: co-mentions connect it ("Keir Starmer" named with
    # "Rishi Sunak" in a sentence about the election)
    for actor, found in details.items():
        if actor not in graph and found.get("_kind") in {"Person", "Organization", "Country", "Agreement"}:
            graph.add_node(actor, label=found["_label"], kind=found["_kind"], **_public(found), sources=set())
    for event, group in members.items():
        people = sorted(m for m in group if actors[m]["kind"] != "Place")
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1
                    graph[a][b]["events"].add(event)
                    graph[a][b]["sources"] |= events.nodes[event]["sources"]
                else:
                    graph.add_edge(
                        a, b, weight=1, events={event}, sources=set(events.nodes[event]["sources"])
                    )
    for actor, data in actors.items():
        events.add_node(actor, **data)
    _one_node_per_happening(store, events)
    _affiliations(store, events, graph, details)
    _co_mentions(store, graph)
    return {"events": _finish(events, titles), "actors": _finish(graph, titles)}


def _one_node_per_happening(store: AnyStore, events: nx.MultiDiGraph) -> None:
    """A happening several articles report (``graph/happenings.py``: a sentencing told by five outlets) is drawn
    once: its reports' event nodes become one, with every report among its sources and every participant's edge;
    ``reports`` counts the articles."""
    from newsgraph.graph.happenings import happenings

    for happening in happenings(store):
        nodes = list(dict.fromkeys(r["event"] for r in happening["reports"] if r["event"] in events))
        if len(nodes) < 2:
            continue
        keep = nodes[0]
        kept = events.nodes[keep]
        for other in nodes[1:]:
            kept["sources"] |= events.nodes[other]["sources"]
            kept.setdefault("place", events.nodes[other].get("place"))
            for _, target, role, data in list(events.out_edges(other, keys=True, data=True)):
                if events.has_edge(keep, target, role):
                    events[keep][target][role]["sources"] |= data["sources"]
                else:
                    events.add_edge(keep, target, key=role, **data)
            events.remove_node(other)
        kept["label"] = happening["label"]
        kept["date"] = happening["date"] or kept.get("date")
        kept["reports"] = len({r["article"] for r in happening["reports"]})


def _co_mentions(store: AnyStore, actors: nx.Graph) -> None:
    """Two actors named in one sentence: ``co_mentions`` counts the sentences, and each adds to ``weight``."""
    for row in store.query(load_query("co-mentions").text):
        a, b = row["a"].value, row["b"].value
        if a not in actors or b not in actors:
            continue
        source = (row["sentence"].value, row["article"].value)
        if not actors.has_edge(a, b):
            actors.add_edge(a, b, weight=0, events=set(), sources=set())
        edge = actors[a][b]
        edge["co_mentions"] = edge.get("co_mentions", 0) + 1
        edge["weight"] += 1
        edge["sources"].add(source)


def _affiliations(
    store: AnyStore, events: nx.MultiDiGraph, actors: nx.Graph, details: dict[str, dict[str, Any]]
) -> None:
    """A person's organisation or state joins both views with an ``affiliation`` edge (so "Budanov" reaches the
    events of his agency), sourced to a sentence that names the person."""
    for row in store.query(load_query("affiliations").text):
        person, owner = row["actor"].value, row["organisation"].value
        source = (row["sentence"].value, row["article"].value)
        known = details.get(owner, _NO_DETAILS)
        data = {
            "label": known.get("_label") or row["organisation_label"].value,
            "kind": known.get("_kind") or row["organisation_type"].value,
            **_public(known),
        }
        if person in events:
            if owner not in events:
                events.add_node(owner, **data, sources=set())
            if events.has_edge(person, owner, key="affiliation"):
                events[person][owner]["affiliation"]["sources"].add(source)
            else:
                events.add_edge(person, owner, key="affiliation", role="affiliation", sources={source})
        if person not in actors:
            continue
        if owner not in actors:
            actors.add_node(owner, **data, sources=set())
        if actors.has_edge(person, owner):
            edge = actors[person][owner]
            edge["sources"].add(source)
            if not edge.get("affiliation"):
                edge["affiliation"] = True
                edge["weight"] += 1
        else:
            actors.add_edge(person, owner, weight=1, events=set(), sources={source}, affiliation=True)


def focus(graph: nx.Graph, node: str, *, depth: int = 1) -> nx.Graph:
    """The part of ``graph`` within ``depth`` hops of a node given by IRI or label (case-insensitive).

    In the event view an actor reaches another actor through an event, so one hop there is two edges.
    """
    wanted = node.lower()
    starts = [n for n, d in graph.nodes(data=True) if n == node or str(d.get("label", "")).lower() == wanted]
    if not starts:
        raise NewsgraphError(f"no node labelled {node!r} in the graph")
    steps = max(depth, 0) * (2 if graph.is_multigraph() else 1)
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for start in starts:
        keep |= set(nx.single_source_shortest_path_length(undirected, start, cutoff=steps))
    return graph.subgraph(keep).copy()


def _finish(graph: nx.Graph, titles: dict[str, str]) -> nx.Graph:
    """Provenance sets become sorted lists, with flattened ``sentences`` and ``articles`` for string-only exports."""

    def fix(data: dict[str, Any]) -> None:
        for key, value in list(data.items()):
            if isinstance(value, set):
                data[key] = sorted(value)
        if "sources" in data:
            data["sentences"] = sorted({s for s, _ in data["sources"]})
            data["articles"] = sorted({titles.get(a, a) for _, a in data["sources"]})

    for _, data in graph.nodes(data=True):
        fix(data)
    for *_, data in graph.edges(data=True):
        fix(data)
    return graph
