"""The most central part of a large graph, drawn first on the page, and the rest kept for its search to bring in.

A year of news names a thousand actors in tens of thousands of events: drawn whole, the page takes minutes to lay
out and shows a grey disc. So past ``top`` actors the page draws the ``top`` actors of highest PageRank (the
figures ``analyze centrality`` gives), each with its most reported events (and their places), and keeps every
other actor, with a few of its events and the links to what is drawn, for the search box to bring in.

>>> import networkx as nx
>>> events = nx.MultiDiGraph()
>>> for n, who in enumerate(["a", "b", "c"]):
...     events.add_node(who, kind="Person", label=who.upper())
...     events.add_node(f"e{n}", kind="Event", label=f"event {n}", sources=[("s", "x")])
...     _ = events.add_edge(f"e{n}", who, key="participant", role="participant")
>>> actors = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 1})])
>>> drawn, kept = central({"events": events, "actors": actors}, {"a": 0.5, "b": 0.3, "c": 0.2}, top=2)
>>> sorted(drawn["actors"]), sorted(n for n in kept["events"] if n in ("c", "e2"))
(['a', 'b'], ['c', 'e2'])
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["central"]


def _weight(data: dict[str, Any]) -> tuple[int, int, str]:
    """An event's order among an actor's: most reported, then best sourced, then the latest."""
    return (int(data.get("reports") or 1), len(data.get("sources") or ()), str(data.get("date") or ""))


def _events_of(events: nx.MultiDiGraph, actor: str, most: int) -> list[str]:
    found = {e for e in events.predecessors(actor) if events.nodes[e].get("kind") == "Event"}
    return sorted(found, key=lambda e: _weight(events.nodes[e]), reverse=True)[:most]


def _kept(graph: nx.Graph, drawn: set[str], kept: set[str], *, edges_each: int | None = None) -> nx.Graph:
    """The kept nodes and every edge between a kept node and a kept or drawn one (at most ``edges_each`` per kept
    node, the heaviest); drawn nodes stay in as the ends of those edges (the page has them already)."""
    out = graph.__class__()
    for node in kept:
        out.add_node(node, **graph.nodes[node])
    multi = graph.is_multigraph()
    for node in kept:
        if multi:
            found = list(graph.in_edges(node, keys=True, data=True)) + list(
                graph.out_edges(node, keys=True, data=True)
            )
        else:
            found = [(node, other, None, data) for other, data in graph[node].items()]
        found = [
            (a, b, k, d) for a, b, k, d in found if (a in kept or a in drawn) and (b in kept or b in drawn)
        ]
        if edges_each is not None:
            found.sort(key=lambda edge: -float(edge[3].get("weight", 1)))
            found = found[:edges_each]
        for a, b, key, data in found:
            for end in (a, b):
                if end not in out:
                    out.add_node(end, **graph.nodes[end])
            if multi:
                out.add_edge(a, b, key=key, **data)
            else:
                out.add_edge(a, b, **data)
    return out


def central(
    both: dict[str, nx.Graph],
    ranks: dict[str, float],
    *,
    top: int,
    events_each: int = 6,
    kept_events_each: int = 4,
    kept_edges_each: int = 12,
) -> tuple[dict[str, nx.Graph], dict[str, nx.Graph]]:
    """(what the page draws, what its search may bring in), each an events and an actors graph: the ``top``
    actors by ``ranks`` with ``events_each`` events each (and the places of those events); every other actor with
    ``kept_events_each`` of its events, and in the actor view its ``kept_edges_each`` heaviest links."""
    events, actors = both["events"], both["actors"]
    ranked = sorted(actors, key=lambda a: (-ranks.get(a, 0.0), str(actors.nodes[a].get("label", a))))
    chosen = set(ranked[:top])
    drawn_events: set[str] = set()
    for actor in chosen:
        if actor in events:
            drawn_events.update(_events_of(events, actor, events_each))
    places = {
        target
        for event in drawn_events
        for _, target, role in events.out_edges(event, keys=True)
        if role == "place"
    }
    shown = (chosen & set(events)) | drawn_events | places
    drawn = {"events": events.subgraph(shown).copy(), "actors": actors.subgraph(chosen).copy()}
    others_events = {
        a for a in events if a not in shown and events.nodes[a].get("kind") not in ("Event", "Place")
    }
    kept_events = {e for a in others_events for e in _events_of(events, a, kept_events_each)} - shown
    kept = {
        "events": _kept(events, shown, others_events | kept_events),
        "actors": _kept(actors, chosen, set(actors) - chosen, edges_each=kept_edges_each),
    }
    return drawn, kept
