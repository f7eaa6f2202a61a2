"""Draw time of newsgraph's page against pyvis's default page, measured in the same run in Debian's Chromium.

    .venv/bin/python benchmarks/page_draw.py [--nodes 2000] [--big 10000]

A synthetic event graph in the shape ``to_networkx`` gives (actors of each kind, events linked to 2-4 of them,
seeded) is written twice: by ``render_graph`` and by pyvis 0.3.2 with its defaults (physics on; its CDN requests
are aborted so that both pages are offline). For each page it prints the seconds from navigation until the canvas
has been painted ("drawn") and until two snapshots one second apart are identical ("still"), plus the ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from newsgraph.graph.render import render_graph

PAINTED = """() => { const c = document.querySelector('canvas'); if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 64) if (d[i]) n++; return n; }"""
SNAPSHOT = "() => { const c = document.querySelector('canvas'); return c ? c.toDataURL().length + ':' + c.toDataURL().slice(-200) : ''; }"


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    kinds = ["Person"] * 4 + ["Organization"] * 3 + ["Country"] * 2 + ["Place"]
    n_actors = max(2, n // 4)
    for i in range(n_actors):
        graph.add_node(f"a{i}", label=f"Actor {i}", kind=rng.choice(kinds), sources=[])
    for j in range(n - n_actors):
        event = f"e{j}"
        graph.add_node(
            event, label=f"Event {j}", kind="Event", event_type="meeting", date="2024-10", sources=[]
        )
        for k, actor in enumerate(rng.sample(range(n_actors), rng.randint(2, 4))):
            # a few popular actors, as in news
            actor = min(actor, int(rng.paretovariate(1.2))) if rng.random() < 0.3 else actor
            graph.add_edge(event, f"a{actor}", key=str(k), role="participant", sources=[])
    return graph


def pyvis_default(graph: nx.Graph, path: Path) -> Path:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data["label"])
    for a, b, data in graph.edges(data=True):
        net.add_edge(a, b, label=data.get("role", ""))
    path.write_text(net.generate_html(), encoding="utf-8")
    return path


def measure(browser, path: Path, limit: float) -> tuple[float, float | None]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("http*://**", lambda route: route.abort())
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    drawn = None
    while time.perf_counter() - start < limit:
        if page.evaluate(PAINTED) > 50:
            drawn = time.perf_counter() - start
            break
        page.wait_for_timeout(50)
    still = None
    if drawn is not None:
        previous = page.evaluate(SNAPSHOT)
        while time.perf_counter() - start < limit:
            page.wait_for_timeout(1000)
            now = page.evaluate(SNAPSHOT)
            if now == previous:
                still = time.perf_counter() - start - 1.0
                break
            previous = now
    page.close()
    return (drawn if drawn is not None else float("inf")), still


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument(
        "--big", type=int, default=10000, help="also time our page alone at this size (0: skip)"
    )
    parser.add_argument(
        "--limit", type=float, default=180.0, help="give up on a page after this many seconds"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    graph = synthetic(args.nodes)
    t = time.perf_counter()
    ours = render_graph(graph, tmp / "ours.html")
    build = time.perf_counter() - t
    theirs = pyvis_default(graph, tmp / "pyvis.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        ours_drawn, ours_still = measure(browser, ours, args.limit)
        pyvis_drawn, pyvis_still = measure(browser, theirs, args.limit)
        print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
        print(
            f"newsgraph page: built in {build:.2f} s (layout included), drawn {ours_drawn:.2f} s, still {ours_still}"
        )
        print(f"pyvis default : drawn {pyvis_drawn:.2f} s, still {pyvis_still} (limit {args.limit:.0f} s)")
        if pyvis_drawn == float("inf"):
            print(
                f"ratio drawn (pyvis / newsgraph): more than {args.limit / ours_drawn:.0f}x (pyvis not drawn)"
            )
        else:
            print(f"ratio drawn (pyvis / newsgraph): {pyvis_drawn / ours_drawn:.1f}x")
        if args.big:
            big = synthetic(args.big)
            t = time.perf_counter()
            path = render_graph(big, tmp / "big.html")
            built = time.perf_counter() - t
            drawn, still = measure(browser, path, args.limit)
            print(
                f"newsgraph page, {big.number_of_nodes()} nodes: built {built:.2f} s, drawn {drawn:.2f} s, still {still}"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
