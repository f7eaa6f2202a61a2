"""The offline interactive page: pyvis assembles the network, our template draws it.

pyvis 0.3.2 (unmaintained since 2023) loads Bootstrap from a CDN, switches a tooltip to ``innerHTML`` when it
contains "href" and writes the heading unescaped, so we use pyvis only to build node and edge records and draw them
with ``templates/page.html``:

- vis-network is inlined from the pyvis package and the data is embedded as JSON with ``<``, ``>`` and ``&``
  escaped; a Content-Security-Policy forbids every request, and the page only ever sets ``textContent``;
- the layout is computed in Python (:func:`newsgraph.graph._layout.layout`, seeded) and physics is off, so the page
  draws at once and stays still;
- both views (events and actors), the articles and the claims travel in the page, so switching views, filtering
  by type or date, searching and reading conflicting figures need no server.

>>> from newsgraph.graph.store import Store
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
>>> render(Store(), out).name
'g.html'
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.graph._central import central
from newsgraph.graph._layout import layout
from newsgraph.graph.analysis import View, article_index, both_views, focus
from newsgraph.graph.network import actor_graph, community_of, pagerank
from newsgraph.graph.store import AnyStore
from newsgraph.graph.stories import Story, stories, undated
from newsgraph.loaders.dates import human_date
from newsgraph.queries import load_query

__all__ = ["TOP", "TYPE_STYLE", "Page", "in_notebook", "page_data", "render", "render_graph", "render_html"]

#: colour and vis-network shape for each kind of node (the legend on the page)
TYPE_STYLE = {
    "Person": ("#e45756", "dot"),
    "Organization": ("#4c78a8", "square"),
    "Country": ("#54a24b", "diamond"),
    "Place": ("#b279a2", "triangle"),
    "Agreement": ("#f58518", "star"),
    "Event": ("#9d9d9d", "dot"),
}

_EDGE_LABELS_UP_TO = 1500
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    root = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (root / "vis-network.min.js").read_text(encoding="utf-8"), (root / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _script_json(data: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Interner:
    """Each sentence and article is stored once in the page; nodes and edges point to them by number."""

    def __init__(self, articles: dict[str, dict[str, Any]]) -> None:
        self.sentences: list[str] = []
        self._sentence_ids: dict[str, int] = {}
        self.articles: list[dict[str, Any]] = []
        self._article_ids: dict[str, int] = {}
        self._meta = articles

    def sentence(self, text: str) -> int:
        if text not in self._sentence_ids:
            self._sentence_ids[text] = len(self.sentences)
            self.sentences.append(text)
        return self._sentence_ids[text]

    def article(self, iri: str) -> int:
        if iri not in self._article_ids:
            meta = dict(self._meta.get(iri, {}))
            url = meta.get("url")
            meta["url"] = url if url and _SAFE_URL.match(url) else None
            meta["iri"] = iri
            self._article_ids[iri] = len(self.articles)
            self.articles.append(meta)
        return self._article_ids[iri]

    def sources(self, pairs: list[tuple[str, str]]) -> list[list[int]]:
        return [[self.sentence(s), self.article(a)] for s, a in pairs]


#: the part of the page the network gets at a common window size (1400 x 900 less the panel and the bars)
_CANVAS = (1000.0, 760.0)


def _fit_scale(positions: dict[Any, tuple[float, float]]) -> float:
    """About the scale at which the page first shows the whole graph (vis-network's fit), from the layout."""
    if not positions:
        return 1.0
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = max(xs) - min(xs) + 120, max(ys) - min(ys) + 120  # the nodes and their labels at the rim
    return max(0.05, min(1.0, _CANVAS[0] / width, _CANVAS[1] / height))


Measures = tuple[dict[str, float], dict[str, int], dict[str, int]]


def _measures(actors: nx.Graph, *, seed: int) -> Measures:
    """PageRank, community and neighbours of each actor, as ``analyze centrality`` and ``communities`` give them:
    on the actor view without news organisations, PageRank rounded as the command prints it. Both of the page's
    views show these, so the panel and the commands agree."""
    graph = actor_graph(actors, include_outlets=False)
    ranks = {node: round(value, 4) for node, value in pagerank(graph).items()}
    return ranks, community_of(graph, seed=seed), dict(graph.degree())


def _view_records(
    graph: nx.Graph,
    interner: _Interner,
    *,
    seed: int,
    named_in: dict[str, list[str]] | None = None,
    measures: Measures | None = None,
    only: set[str] | None = None,
    fit: float | None = None,
) -> dict[str, Any]:
    """The nodes and edges of one view for the page; ``named_in`` gives each actor the articles that name it (the
    story filter's), else a node's articles are those of its sources; ``measures``: PageRank and community of each
    actor (``_measures`` of the actor view), else computed from this graph. ``only``: the records of these nodes
    alone, not placed (what the page's search brings in, placed there beside what is drawn), their labels sized
    for the drawn view's ``fit``."""
    from pyvis.network import Network

    net = Network(directed=graph.is_directed(), cdn_resources="in_line")
    positions = layout(graph, seed=seed, spacing=60.0) if only is None else {}
    fit = fit if fit is not None else _fit_scale(positions)
    degree = dict(graph.degree(weight="weight")) if not graph.is_multigraph() else dict(graph.degree())
    top = max(degree.values(), default=1) or 1
    # actors are sized by PageRank on the actor graph (who matters), events by their number of participants
    ranks, community, neighbours = measures if measures is not None else _measures(graph, seed=seed)
    top_rank = max(ranks.values(), default=1.0) or 1.0
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "Event")
        color, shape = TYPE_STYLE.get(kind, TYPE_STYLE["Event"])
        x, y = positions.get(node, (0.0, 0.0))
        place = {"x": round(x, 1), "y": round(y, 1)} if only is None else {}
        wikidata = data.get("wikidata")
        full = str(data.get("label") or node)
        if kind == "Event":
            # "attack: Israel · 17 Oct 2023": the type, the main participant, the date as people write it
            # "attack: Israel · 17 Oct 2023"; a label that starts with its type ("clash in Kursk") is not given it
            # again ("clash clash in Kursk"), and its date is said once, as people write it
            kind_words = str(data.get("event_type") or "").replace("_", " ")
            body = undated(full)
            named = (
                body
                if ":" in body or not kind_words or body.lower().startswith(kind_words.lower())
                else f"{kind_words} {body}"
            )
            short = " · ".join(
                p for p in (named[:40] + ("…" if len(named) > 40 else ""), human_date(data.get("date"))) if p
            )
            size = 5 + 6 * (degree.get(node, 0) / top) ** 0.5
        else:
            short = full[:40] + ("…" if len(full) > 40 else "")
            weight = ranks[node] / top_rank if node in ranks else degree.get(node, 0) / top
            size = 9 + 21 * weight**0.5
        net.add_node(
            node,
            label=short or full[:40],
            title=full,
            color=color,
            shape=shape,
            size=round(size, 1),
            **place,
        )
        net.nodes[-1].update(
            {
                # label size with the node, so the largest read at about 20 px at the default fit whatever the
                # graph's size (a small graph is drawn near full scale, a big one far below it)
                "font": {"size": round(max(12.0, 22 * (max(size - 9, 0) / 21) ** 0.5 / fit), 1)},
                "kind": kind,
                "fullLabel": str(data.get("label") or node),
                "eventType": data.get("event_type"),
                "date": data.get("date"),
                "place": data.get("place"),
                "role": data.get("role"),
                "wikidata": wikidata if wikidata and re.fullmatch(r"Q\d+", wikidata) else None,
                # what an imported Wikidata extract says of it (newsgraph import)
                "wikidataLabel": data.get("wikidata_label"),
                "wikidataFacts": list(data.get("wikidata_facts") or []),
                "degree": degree.get(node, 0),
                "neighbours": neighbours.get(node),
                "pagerank": ranks.get(node),
                "community": community.get(node),
                "outlet": bool(data.get("outlet")),
                "dateText": human_date(data.get("date")),
                "src": interner.sources(data.get("sources", [])),
            }
        )
        sources = net.nodes[-1]["src"]
        naming = (named_in or {}).get(str(node))
        net.nodes[-1]["articles"] = sorted(
            {interner.article(a) for a in naming} if naming else {pair[1] for pair in sources}
        )
    # Edge labels cost more to draw than anything else; on big graphs the role is in the tooltip and the panel.
    labelled = graph.number_of_edges() <= _EDGE_LABELS_UP_TO
    for source, target, data in graph.edges(data=True):
        label = data.get("role") or (str(data["weight"]) if data.get("weight", 1) > 1 else "")
        if labelled:
            net.add_edge(source, target, label=label)
        else:
            net.add_edge(source, target, title=label)
        net.edges[-1].update(
            {
                "role": data.get("role"),
                "weight": data.get("weight", 1),
                "width": min(1 + (data.get("weight", 1) - 1), 8),
                "src": interner.sources(data.get("sources", [])),
            }
        )
    records = net.nodes if only is None else [n for n in net.nodes if n["id"] in only]
    return {"nodes": records, "edges": net.edges, "fit": fit}


def _claims(store: AnyStore, interner: _Interner) -> list[dict[str, Any]]:
    claims = []
    for row in store.query(load_query("claims").text):
        value = {key: None if row[key] is None else row[key].value for key in _CLAIM_FIELDS}
        claims.append(
            {
                "subject": value["subject"],
                "figure": value["quantity"],
                **{key: value[key] for key in ("value", "min", "max", "unit", "speaker")},
                "src": interner.sources([(row["sentence"].value, row["article"].value)]),
            }
        )
    return claims


_CLAIM_FIELDS = ("subject", "quantity", "value", "min", "max", "unit", "speaker")


def _disagreements(
    store: AnyStore, interner: _Interner, found: list[Story], shown: list[Story]
) -> list[dict[str, Any]]:
    """The page's "Conflicting figures": the groups of ``analyze disagreements``, each within one story
    (``storyIndex``: its place in the story filter, ``shown``; the figures of one story are shown when it is
    chosen), with its relation (a conflict, or an update: a history) and each figure's number in the group's unit
    for its chart."""
    from newsgraph.graph.network import disagreements

    index = {story.story: n for n, story in enumerate(shown)}

    def number(f: dict[str, Any]) -> float | None:
        picked = next((f[k] for k in ("value", "min", "max") if f[k] is not None), None)
        return None if picked is None else picked * (f.get("base_factor") or 1.0)

    return [
        {
            "subject": group["subject"],
            "relation": group["relation"],
            "story": group.get("story_label"),
            "storyIndex": index.get(group.get("story") or ""),
            "articles": sorted({interner.article(f["article"]) for f in group["figures"]}),
            "figures": [
                {
                    "figure": f["figure"],
                    "subject": f["subject"],
                    "speaker": f["speaker"],
                    "date": human_date(f["date"]),
                    "number": number(f),
                    "src": interner.sources([(f["sentence"], f["article"])]),
                }
                for f in group["figures"]
            ],
        }
        for group in disagreements(store, stories=found)
    ]


def _shown_stories(every: list[Story]) -> list[Story]:
    """The stories the page's filter offers: those of more than one article, largest first."""
    found = [s for s in every if len(s.articles) > 1]
    found.sort(key=lambda s: (-len(s.articles), s.label))
    return found


def _stories(interner: _Interner, found: list[Story]) -> list[dict[str, Any]]:
    """The page's story filter: each story of ``_shown_stories``, its label and its articles (by number)."""
    return [
        {
            "label": story.label,
            "articles": [interner.article(a) for a in story.articles],
            "first": human_date(story.first),
            "last": human_date(story.last),
        }
        for story in found
    ]


def _payload(
    view: View,
    views: dict[str, dict[str, Any]],
    claims: list[dict[str, Any]],
    interner: _Interner,
    disagreements: list[dict[str, Any]] | None = None,
    stories: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "view": view,
        "views": views,
        "claims": claims,
        "disagreements": disagreements or [],
        "stories": stories or [],
        "sentences": interner.sentences,
        "articles": interner.articles,
        "legend": [{"kind": k, "color": c, "shape": s} for k, (c, s) in TYPE_STYLE.items()],
    }


def _write(path: str | Path, text: str) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


#: the actors the page draws at first when a store has more (the rest come in by its search); ``render --top``
TOP = 150


def page_data(
    store: AnyStore,
    *,
    focus_on: str | None = None,
    depth: int = 1,
    seed: int = 7,
    view: View = "events",
    top: int | None = TOP,
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data (both views, articles, claims, legend). Past ``top``
    actors (``None``: never) and without ``focus_on``, the views draw the most central part
    (:mod:`newsgraph.graph._central`) and each carries the rest as its ``reserve``, for the search to bring in."""
    articles = article_index(store)
    interner = _Interner(articles)
    views = {}
    named_in: dict[str, list[str]] = defaultdict(list)
    for row in store.query(load_query("article-actors").text):
        named_in[row["actor"].value].append(row["article"].value)
    if focus_on:  # any name the actor goes by (label, alias, surname, IRI), as every command takes it
        from newsgraph.graph.lookup import find_actor

        focus_on = find_actor(store, focus_on, parameter="focus").iri
    both = both_views(store, articles)
    measures = _measures(both["actors"], seed=seed)  # of the whole graph, as the commands give them
    total = both["actors"].number_of_nodes()
    kept = None
    if not focus_on and top is not None and total > top:
        both, kept = central(both, measures[0], top=top)
    for name, graph in both.items():
        if focus_on:
            graph = focus(graph, focus_on, depth=depth)
        views[name] = _view_records(graph, interner, seed=seed, named_in=named_in, measures=measures)
        if kept is not None:
            extra = kept[name]
            views[name]["reserve"] = _view_records(
                extra,
                interner,
                seed=seed,
                named_in=named_in,
                measures=measures,
                only={n for n in extra if n not in graph},
                fit=views[name]["fit"],
            )
    every = stories(store)  # once: the filter and the conflicting figures both go by story
    shown = _shown_stories(every)
    data = _payload(
        view,
        views,
        _claims(store, interner),
        interner,
        _disagreements(store, interner, every, shown),
        _stories(interner, shown),
    )
    if kept is not None:
        data["central"] = {"drawn": both["actors"].number_of_nodes(), "actors": total}
    return data


def render_html(data: dict[str, Any], *, title: str = "newsgraph") -> str:
    """The self-contained page for ``page_data(...)``. A page whose data carries ``curation`` (one ``newsgraph
    serve --allow-update`` serves) may send corrections to its own server; any other page makes no request."""
    script, css = _vis_assets()
    template = resources.files("newsgraph.graph").joinpath("templates/page.html").read_text(encoding="utf-8")
    connect = "; connect-src 'self'" if data.get("curation") else ""
    return (
        template.replace("{{TITLE}}", html.escape(title))
        .replace("{{CONNECT}}", connect)
        .replace("{{VIS_CSS}}", css.replace("</", "<\\/"))
        .replace("{{VIS_JS}}", script.replace("</script", "<\\/script"))
        .replace("{{DATA}}", _script_json(data))
    )


def in_notebook() -> bool:
    """Whether this Python runs under a Jupyter kernel (where a returned page displays itself)."""
    import sys

    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    get = getattr(shell, "get_ipython", None)
    found = get() if get is not None else None
    return found is not None and hasattr(found, "kernel")


class Page:
    """A rendered page; in Jupyter it displays inline in a sandboxed ``iframe`` (scripts only, no same origin).

    >>> page = Page("<p>hi</p>")
    >>> page._repr_html_().startswith("<iframe")
    True
    >>> page
    <newsgraph page, 9 characters: in Jupyter it shows itself; page.save(path) writes it>
    """

    def __init__(self, html_text: str, *, height: int = 640) -> None:
        self.html = html_text
        self.height = height
        #: where ``open_in_browser`` wrote it
        self.path: Path | None = None
        #: whether a browser took it
        self.opened = False

    def __repr__(self) -> str:
        if self.path is not None:
            where = (
                f"opened in the web browser from {self.path}" if self.opened else f"written to {self.path}"
            )
            hint = f"{where} (no browser could be started: open that file)" if not self.opened else where
            return f"<newsgraph page, {len(self.html):,} characters: {hint}>"
        return f"<newsgraph page, {len(self.html):,} characters: in Jupyter it shows itself; page.save(path) writes it>"

    def open_in_browser(self) -> Path:
        """Write the page to a temporary file and open it in the web browser (``$BROWSER`` or the system's)."""
        import tempfile
        import webbrowser

        with tempfile.NamedTemporaryFile(
            "w", prefix="newsgraph-", suffix=".html", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(self.html)
        self.path = Path(handle.name)
        try:
            self.opened = bool(webbrowser.open(self.path.as_uri()))
        except webbrowser.Error:
            self.opened = False
        return self.path

    def _repr_html_(self) -> str:
        return (
            f'<iframe sandbox="allow-scripts" style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        out = Path(path)
        out.write_text(self.html, encoding="utf-8")
        return out


def render_graph(graph: nx.Graph, path: str | Path, *, title: str = "newsgraph", seed: int = 7) -> Path:
    """Write the page for one networkx graph (for instance a filtered ``to_networkx`` view).

    >>> import tempfile, pathlib
    >>> g = nx.Graph([("a", "b")])
    >>> render_graph(g, pathlib.Path(tempfile.mkdtemp()) / "g.html").suffix
    '.html'
    """
    interner = _Interner({})
    view: View = "events" if graph.is_multigraph() or graph.is_directed() else "actors"
    empty: dict[str, list[Any]] = {"nodes": [], "edges": []}
    views = {name: empty for name in ("events", "actors")}
    views[view] = _view_records(graph, interner, seed=seed)
    return _write(path, render_html(_payload(view, views, [], interner), title=title))


def render(
    store: AnyStore,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    title: str = "newsgraph",
    seed: int = 7,
    view: View = "events",
    top: int | None = TOP,
) -> Path:
    """Write the offline page for the store to ``path`` (``focus``: an actor's label or IRI, ``depth`` hops;
    ``top``: past that many actors, the most central are drawn and the search brings in the others)."""
    data = page_data(store, focus_on=focus, depth=depth, seed=seed, view=view, top=top)
    return _write(path, render_html(data, title=title))
