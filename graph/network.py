"""Network analysis over the two views: who matters, how two actors are connected, where the sources disagree.

Every function takes the store or a view from :func:`newsgraph.graph.analysis.to_networkx` and returns plain rows
(lists of dicts) that the CLI prints as a table, JSON or CSV.

>>> from newsgraph.graph.analysis import to_networkx
>>> from newsgraph.graph.store import Store
>>> centrality(to_networkx(Store(), view="actors"))
[]
"""

from __future__ import annotations

from collections import defaultdict
from itertools import islice
from typing import Any

import networkx as nx

from newsgraph.errors import NewsgraphError
from newsgraph.graph.figures import disagreements, figure_history, figure_subjects
from newsgraph.graph.store import AnyStore
from newsgraph.queries import load_query

__all__ = [
    "actor_graph",
    "centrality",
    "communities",
    "community_of",
    "disagreements",
    "figure_history",
    "figure_subjects",
    "pagerank",
    "paths",
    "subject_family",
    "timeline",
    "without_outlets",
]

#: above this many nodes betweenness is estimated from a seeded sample of sources (exact is cubic)
_EXACT_BETWEENNESS_UP_TO = 2_000
_CASUALTY_WORDS = {"killed", "dead", "died", "wounded", "injured", "casualties", "deaths", "missing"}
_COUNTED = {"soldiers", "troops", "officers", "civilians", "people", "personnel", "fighters", "servicemen"}


def without_outlets(graph: nx.Graph) -> nx.Graph:
    """The graph without news organisations: an outlet an official "told" is where a statement was reported, not
    a tie between everyone who talked to it (Reuters would otherwise join unrelated stories)."""
    outlets = [n for n, d in graph.nodes(data=True) if d.get("outlet")]
    if not outlets:
        return graph
    return graph.subgraph([n for n in graph if n not in set(outlets)]).copy()


def actor_graph(graph: nx.Graph, *, include_outlets: bool = True) -> nx.Graph:
    """A simple undirected graph of actors: the actor view as it is, or the event view projected through events;
    without news organisations unless ``include_outlets``."""
    if not include_outlets:
        graph = without_outlets(graph)
    if not graph.is_multigraph():
        return graph if type(graph) is nx.Graph else nx.Graph(graph)
    projected = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data.get("kind") not in {"Event", "Place"}:
            projected.add_node(node, **data)
    for event, data in graph.nodes(data=True):
        if data.get("kind") != "Event":
            continue
        members = sorted({t for _, t in graph.out_edges(event) if t in projected})
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                weight = projected[a][b]["weight"] + 1 if projected.has_edge(a, b) else 1
                projected.add_edge(a, b, weight=weight)
    return projected


def pagerank(graph: nx.Graph) -> dict[str, float]:
    """PageRank of each actor on the actor graph (the event view is projected through its events)."""
    actors = actor_graph(graph)
    return nx.pagerank(actors, weight="weight") if actors.number_of_nodes() else {}


def centrality(
    graph: nx.Graph, *, top: int | None = 10, seed: int = 7, include_outlets: bool = False
) -> list[dict[str, Any]]:
    """Actors ranked by PageRank, with degree (distinct neighbours), weighted degree and betweenness; news
    organisations are left out unless ``include_outlets``.

    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", weight=1); g.add_edge("b", "c", weight=1)
    >>> [row["label"] for row in centrality(g, top=1)]
    ['b']
    """
    actors = actor_graph(graph, include_outlets=include_outlets)
    if actors.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(actors, weight="weight")
    k = None if actors.number_of_nodes() <= _EXACT_BETWEENNESS_UP_TO else _EXACT_BETWEENNESS_UP_TO
    betweenness = nx.betweenness_centrality(actors, k=k, seed=seed)
    rows = [
        {
            "label": data.get("label", node),
            "kind": data.get("kind"),
            "pagerank": round(pagerank[node], 4),
            "degree": actors.degree(node),
            "weighted_degree": actors.degree(node, weight="weight"),
            "betweenness": round(betweenness[node], 4),
            "iri": node,
        }
        for node, data in actors.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], str(r["label"])))
    return rows[:top] if top else rows


def communities(
    graph: nx.Graph, *, seed: int = 7, resolution: float = 1.0, include_outlets: bool = False
) -> list[dict[str, Any]]:
    """Louvain communities of the actor graph (seeded, so the same store gives the same groups), largest first;
    news organisations are left out unless ``include_outlets``.

    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> [row["size"] for row in communities(g)]
    [2, 2]
    """
    actors = actor_graph(graph, include_outlets=include_outlets)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, number in community_of(actors, seed=seed, resolution=resolution).items():
        groups[number].append(str(actors.nodes[node].get("label", node)))
    return [{"community": n, "size": len(m), "members": sorted(m)} for n, m in sorted(groups.items())]


def community_of(
    graph: nx.Graph, *, seed: int = 7, resolution: float = 1.0, include_outlets: bool = False
) -> dict[str, int]:
    """Node IRI -> community number (1 is the largest), for colouring the page (outlets have none unless
    ``include_outlets``)."""
    actors = actor_graph(graph, include_outlets=include_outlets)
    if actors.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(actors, weight="weight", seed=seed, resolution=resolution)
    ordered = sorted(found, key=lambda g: (-len(g), sorted(g)))
    return {node: i + 1 for i, group in enumerate(ordered) for node in group}


def _find(graph: nx.Graph, name: str) -> str:
    wanted = name.casefold()
    for node, data in graph.nodes(data=True):
        if node == name or str(data.get("label", "")).casefold() == wanted:
            return str(node)
    raise NewsgraphError(f"no actor labelled {name!r} in the graph")


def paths(
    graph: nx.Graph, source: str, target: str, *, limit: int = 3, actors: nx.Graph | None = None
) -> list[dict[str, Any]]:
    """The shortest connections between two actors in the event view, each hop with what makes it and its sentences.

    A hop is actor → event → actor (the event both take part in, with their roles), a person's affiliation to an
    organisation or state, or (given the actor view as ``actors``) two actors named in one sentence. Places (and
    countries as the place of an event) are not walked through: being in the same country is not a connection; nor
    are news organisations, which would join everyone who talked to them. Returns up to ``limit`` paths, shortest
    first; none when the two are not connected.
    """
    if not graph.is_multigraph():
        raise NewsgraphError("paths need the event view (to_networkx(view='events'))")
    if actors is not None:  # an actor in no event is still in the actor view
        for node, data in actors.nodes(data=True):
            if node not in graph:
                graph.add_node(node, **data)
    start, end = _find(graph, source), _find(graph, target)
    outlets = {n for n, d in graph.nodes(data=True) if d.get("outlet")} - {start, end}
    # places connect everything that happened in one country; a path goes through events between actors
    walk = nx.Graph(
        (u, v)
        for u, v, role in graph.edges(keys=True)
        if role != "place" and "Place" not in {_kind(graph, u), _kind(graph, v)} and not {u, v} & outlets
    )
    named_together: dict[frozenset[str], dict[str, Any]] = {}
    if actors is not None:
        for u, v, data in actors.edges(data=True):
            if data.get("co_mentions") and not {u, v} & outlets and u in graph and v in graph:
                named_together[frozenset((u, v))] = data
                walk.add_edge(u, v)
    if start not in walk or end not in walk:
        return []
    try:
        found = list(islice(nx.shortest_simple_paths(walk, start, end), limit))
    except nx.NetworkXNoPath:
        return []
    result = []
    for number, nodes in enumerate(found, 1):
        hops = []
        i = 0
        while i < len(nodes) - 1:
            a, step = nodes[i], nodes[i + 1]
            if _kind(graph, step) == "Event" and i + 2 < len(nodes):
                b, data = nodes[i + 2], graph.nodes[step]
                hop = {
                    "from": graph.nodes[a].get("label", a),
                    "from_role": _role(graph, step, a),
                    "link": data.get("label"),
                    "event_type": data.get("event_type"),
                    "date": data.get("date"),
                    "to": graph.nodes[b].get("label", b),
                    "to_role": _role(graph, step, b),
                    "sentences": data.get("sentences", []),
                    "articles": data.get("articles", []),
                }
                i += 2
            elif not graph.has_edge(a, step) and not graph.has_edge(step, a):  # named in one sentence
                hop = _direct_hop(
                    graph, a, step, "named together", named_together.get(frozenset((a, step)), {})
                )
                i += 1
            else:  # an affiliation: a person and the organisation or state they belong to
                edge = graph.get_edge_data(a, step) or graph.get_edge_data(step, a) or {}
                hop = _direct_hop(graph, a, step, "affiliation", edge.get("affiliation", {}))
                i += 1
            hops.append(hop)
        result.append({"path": number, "length": len(hops), "hops": hops})
    return result


def _direct_hop(graph: nx.Graph, a: str, b: str, link: str, data: dict[str, Any]) -> dict[str, Any]:
    """A hop between two actors with no event between them (named together, or an affiliation)."""
    return {
        "from": graph.nodes[a].get("label", a),
        "from_role": None,
        "link": link,
        "event_type": None,
        "date": None,
        "to": graph.nodes[b].get("label", b),
        "to_role": None,
        "sentences": data.get("sentences", []),
        "articles": data.get("articles", []),
    }


def _kind(graph: nx.Graph, node: str) -> str | None:
    kind = graph.nodes[node].get("kind")
    return None if kind is None else str(kind)


def _role(graph: nx.Graph, event: str, actor: str) -> str | None:
    roles = sorted(k for k in graph[event].get(actor, {}))
    return ", ".join(roles) or None


def subject_family(subject: str) -> str:
    """Subjects that count the same losses under different words are read together.

    >>> subject_family("North Korean soldiers killed"), subject_family("North Korean casualties")
    ('North Korean casualties', 'North Korean casualties')
    >>> subject_family("North Korean troops deployed to Russia")
    'North Korean troops deployed to Russia'
    """
    words = subject.split()
    if not _CASUALTY_WORDS & {w.lower() for w in words}:
        return subject
    head = []
    for word in words:
        if word.lower() in _CASUALTY_WORDS | _COUNTED:
            break
        head.append(word)
    return " ".join([*head, "casualties"])


def timeline(store: AnyStore) -> list[dict[str, Any]]:
    """Events in date order with granularity and source (the ``timeline`` named query)."""
    fields = ("date", "granularity", "type", "label", "place", "title", "sentence", "article")
    return [
        {k: None if row[k] is None else row[k].value for k in fields}
        for row in store.query(load_query("timeline").text)
    ]
