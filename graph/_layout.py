"""A seeded force-directed layout for the page, fast enough for 10,000 nodes.

networkx's ``spring_layout`` switches to a sparse Fruchterman-Reingold above 500 nodes that needs SciPy and
loops in Python (12 s for 2,000 nodes and about 4 minutes for 10,000 here), so the page uses this vectorised
Fruchterman-Reingold instead: exact repulsion for small graphs, repulsion from a seeded random sample of nodes
(scaled up) for large ones, spring attraction along edges and a weak pull to the centre.

Each connected component is laid out on its own and the components are then packed in rows, largest first: on a
corpus of unrelated stories, one force layout of everything throws the small stories into a wide ring around the
big one, and the page's fit then shrinks every label to nothing. Same graph and seed, same picture.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["layout"]

_EXACT_UP_TO = 1000
_SAMPLE = 256


def layout(graph: nx.Graph, *, seed: int = 7, spacing: float = 110.0) -> dict[Hashable, tuple[float, float]]:
    """Positions in page pixels, about ``spacing`` apart between neighbours, components packed in rows.

    >>> pos = layout(nx.path_graph(3), seed=1)
    >>> sorted(pos) == [0, 1, 2] and pos == layout(nx.path_graph(3), seed=1)
    True
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), str(c[0]))
    )
    if len(components) <= 1:
        return _force(graph, seed=seed, spacing=spacing)
    placed: list[tuple[list[Hashable], dict[Hashable, tuple[float, float]], float, float]] = []
    for number, members in enumerate(components):
        part = _force(undirected.subgraph(members), seed=seed + number, spacing=spacing)
        xs = [x for x, _ in part.values()]
        ys = [y for _, y in part.values()]
        left, top = min(xs), min(ys)
        part = {node: (x - left, y - top) for node, (x, y) in part.items()}
        placed.append((members, part, max(xs) - left + spacing, max(ys) - top + spacing))
    area = sum(w * h for *_, w, h in placed)
    row_width = max(max(w for *_, w, _ in placed), area**0.5 * 1.2)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for _, part, width, height in placed:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in part.items():
            out[node] = (x + px, y + py)
        x += width
        row_height = max(row_height, height)
    cx = (max(p[0] for p in out.values()) + min(p[0] for p in out.values())) / 2
    cy = (max(p[1] for p in out.values()) + min(p[1] for p in out.values())) / 2
    return {node: (round(px - cx, 3), round(py - cy, 3)) for node, (px, py) in out.items()}


def _force(graph: nx.Graph, *, seed: int, spacing: float) -> dict[Hashable, tuple[float, float]]:
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    pos = (rng.random((n, 2)) - 0.5) * np.sqrt(n) * 2
    iterations = 80 if n <= _EXACT_UP_TO else 50
    gravity = 0.3 if n <= 200 else 0.1
    temperature = np.sqrt(n) / 4
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n <= _EXACT_UP_TO:
            delta = pos[:, None, :] - pos[None, :, :]
            scale = 1.0
        else:
            sample = rng.choice(n, _SAMPLE, replace=False)
            delta = pos[:, None, :] - pos[None, sample, :]
            scale = n / _SAMPLE
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-4)
        displacement = (delta / dist2[:, :, None]).sum(axis=1) * scale
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.maximum((d**2).sum(axis=1), 1e-8))
            pull = d * dist[:, None]
            for axis in (0, 1):
                displacement[:, axis] += np.bincount(edges[:, 1], pull[:, axis], minlength=n)
                displacement[:, axis] -= np.bincount(edges[:, 0], pull[:, axis], minlength=n)
        displacement -= gravity * pos
        length = np.sqrt(np.maximum((displacement**2).sum(axis=1), 1e-12))
        pos += displacement / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature - cooling, 0.01)
    pos -= pos.mean(axis=0)
    return {node: (float(x) * spacing, float(y) * spacing) for node, (x, y) in zip(nodes, pos, strict=True)}
