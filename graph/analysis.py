"""networkx views of the graph, built from the ``network-edges`` named query.

>>> from newsgraph.graph.store import Store
>>> to_networkx(Store()).number_of_nodes()
0
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx

from newsgraph.graph.store import Store
from newsgraph.queries import load_query

__all__ = ["to_networkx"]


def _value(term: Any) -> Any:
    return None if term is None else term.value


def to_networkx(store: Store, *, view: Literal["events", "actors"] = "events") -> nx.Graph:
    """The event graph (actors, events, places, agreements as nodes; roles on edges) or the actor graph.

    Every node and edge carries its provenance: ``sentences`` and ``articles`` it comes from.
    """
    query = load_query("network-edges")
    events = nx.MultiDiGraph() if view == "events" else None
    participants: dict[str, set[str]] = {}
    info: dict[str, dict[str, Any]] = {}
    graph: nx.Graph = nx.MultiDiGraph()
    for row in store.query(query.text):
        event, actor = _value(row["event"]), _value(row["actor"])
        sentence, article = _value(row["sentence"]), _value(row["article"])
        title = _value(row["title"]) or article
        info.setdefault(
            actor,
            {
                "label": _value(row["actor_label"]),
                "kind": _value(row["actor_type"]),
                "sentences": set(),
                "articles": set(),
            },
        )
        info[actor]["sentences"].add(sentence)
        info[actor]["articles"].add(title)
        participants.setdefault(event, set()).add(actor)
        if events is not None:
            events.add_node(
                event,
                label=_value(row["event_label"]),
                kind="Event",
                event_type=_value(row["type"]),
                date=_value(row["date"]),
                sentences={sentence},
                articles={title},
            )
            events.add_edge(
                event,
                actor,
                key=_value(row["role"]),
                role=_value(row["role"]),
                sentence=sentence,
                article=title,
            )
    if events is not None:
        for actor, data in info.items():
            events.add_node(actor, **data)
        graph = events
        return _freeze(graph)
    actors = nx.Graph()
    for actor, data in info.items():
        if data["kind"] != "Place":
            actors.add_node(actor, **data)
    for event, members in participants.items():
        people = sorted(m for m in members if info[m]["kind"] != "Place")
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if actors.has_edge(a, b):
                    actors[a][b]["weight"] += 1
                    actors[a][b]["events"].add(event)
                else:
                    actors.add_edge(a, b, weight=1, events={event})
    return _freeze(actors)


def _freeze(graph: nx.Graph) -> nx.Graph:
    """Sets become sorted lists, so the graph exports to GraphML/JSON."""
    for _, data in graph.nodes(data=True):
        for key, value in list(data.items()):
            if isinstance(value, set):
                data[key] = sorted(v for v in value if v is not None)
    for *_, data in graph.edges(data=True):
        for key, value in list(data.items()):
            if isinstance(value, set):
                data[key] = sorted(v for v in value if v is not None)
    return graph
