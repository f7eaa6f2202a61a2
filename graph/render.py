"""The offline interactive page: pyvis builds the network, our template draws it.

pyvis 0.3.2's own template loads Bootstrap from a CDN and switches tooltips to innerHTML when a title contains
"href", so we use pyvis only to assemble nodes and edges and render them with ``templates/page.html``: vis-network
inlined from the pyvis package, data embedded as JSON with ``<``, ``>`` and ``&`` escaped, every text shown with
``textContent``. The layout is computed in Python (networkx, seeded) and physics is off, so the page draws at once
and stays still.

>>> from newsgraph.graph.store import Store
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
>>> render(Store(), out).name
'g.html'
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.graph.analysis import to_networkx
from newsgraph.graph.store import Store

__all__ = ["TYPE_STYLE", "render", "render_html"]

TYPE_STYLE = {
    "Person": ("#e45756", "dot"),
    "Organization": ("#4c78a8", "square"),
    "Country": ("#54a24b", "diamond"),
    "Place": ("#b279a2", "triangle"),
    "Agreement": ("#f58518", "star"),
    "Event": ("#9d9d9d", "ellipse"),
}


def _vis_assets() -> tuple[str, str]:
    import pyvis

    root = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (root / "vis-network.min.js").read_text(encoding="utf-8"), (root / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _script_json(data: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _focus(graph: nx.Graph, focus: str | None, depth: int) -> nx.Graph:
    if not focus:
        return graph
    wanted = focus.lower()
    starts = [n for n, d in graph.nodes(data=True) if n == focus or str(d.get("label", "")).lower() == wanted]
    if not starts:
        from newsgraph.errors import NewsgraphError

        raise NewsgraphError(f"no node labelled {focus!r} in the graph")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for start in starts:
        keep |= set(nx.single_source_shortest_path_length(undirected, start, cutoff=max(depth, 0) * 2))
    return graph.subgraph(keep).copy()


def render_html(graph: nx.Graph, *, title: str = "newsgraph", seed: int = 7) -> str:
    """The page for a networkx graph from ``to_networkx``."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    positions = (
        nx.spring_layout(graph, seed=seed, k=1.5 / max(1, graph.number_of_nodes()) ** 0.5) if graph else {}
    )
    scale = 60 * max(1, graph.number_of_nodes()) ** 0.5
    degrees = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "Event")
        color, shape = TYPE_STYLE.get(kind, TYPE_STYLE["Event"])
        sentences = data.get("sentences", [])
        articles = data.get("articles", [])
        tooltip = "\n".join(
            [f"{data.get('label')} ({data.get('event_type') or kind})"]
            + [f"“{s}”" for s in sentences[:3]]
            + [f"— {a}" for a in articles[:3]]
        )
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(
            node,
            label=str(data.get("label") or node)[:60],
            title=tooltip,
            color=color,
            shape=shape,
            size=8 + 4 * min(degrees.get(node, 0), 12),
            x=float(x) * scale,
            y=float(y) * scale,
            physics=False,
        )
        net.nodes[-1].update(
            {"kind": kind, "sentences": sentences, "articles": articles, "date": data.get("date")}
        )
    for source, target, data in graph.edges(data=True):
        net.add_edge(
            source,
            target,
            label=data.get("role") or str(data.get("weight", "")),
            title=data.get("sentence") or "",
        )
    script, css = _vis_assets()
    template = resources.files("newsgraph.graph").joinpath("templates/page.html").read_text(encoding="utf-8")
    legend = [{"kind": k, "color": c, "shape": s} for k, (c, s) in TYPE_STYLE.items()]
    return (
        template.replace("{{TITLE}}", html.escape(title))
        .replace("{{VIS_CSS}}", css.replace("</", "<\\/"))
        .replace("{{VIS_JS}}", script.replace("</script", "<\\/script"))
        .replace("{{DATA}}", _script_json({"nodes": net.nodes, "edges": net.edges, "legend": legend}))
    )


def render(
    store: Store,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 2,
    title: str = "newsgraph",
    seed: int = 7,
) -> Path:
    """Write the offline page of the store's event graph to ``path``."""
    graph = _focus(to_networkx(store, view="events"), focus, depth)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(graph, title=title, seed=seed), encoding="utf-8")
    return out
