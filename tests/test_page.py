"""The page in Debian's headless Chromium, driven by Playwright: offline, inert text, working panel and search."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph, NewsgraphError
from newsgraph.loaders import Article

from .conftest import EXAMPLES

pytestmark = pytest.mark.browser


def _open(browser, path: Path):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.newsgraph !== undefined")
    return page, requests, errors


def _click_node(page, node_id: str) -> None:  # type: ignore[no-untyped-def]
    """Click where vis-network drew the node, as a user would."""
    page.evaluate("id => window.newsgraph.network.focus(id, {scale: 1.5, animation: false})", node_id)
    pos = page.evaluate(
        "id => window.newsgraph.network.canvasToDOM(window.newsgraph.network.getPositions([id])[id])", node_id
    )
    box = page.locator("#network").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def test_page_loads_offline_and_explains_nodes(browser, tmp_path: Path, example_kg: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    path = example_kg.render(tmp_path / "examples.html", title="Examples")
    page, requests, errors = _open(browser, path)
    graph = example_kg.to_networkx(view="events")
    assert page.evaluate("window.newsgraph.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("window.newsgraph.edges.length") == graph.number_of_edges()
    # the canvas really has something drawn on it
    painted = page.evaluate(
        "(() => { const c = document.querySelector('#network canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()"
    )
    assert painted > 1000
    kim = next(n for n, d in graph.nodes(data=True) if d["label"] == "Kim Jong Un")
    _click_node(page, kim)
    assert page.locator("#panel h3").inner_text() == "Kim Jong Un"
    assert page.locator("#panel .sentence").count() >= 1
    assert "Q56226" in page.locator("#panel").inner_text()
    assert page.locator("#panel a[href^='https://www.wikidata.org/wiki/Q56226']").count() == 1
    assert page.locator("#panel .source").first.inner_text()  # article title, outlet, date
    # an event node: its participants with their roles
    event = next(n for n, d in graph.nodes(data=True) if d.get("event_type") == "meeting")
    _click_node(page, event)
    assert "Participants" in page.locator("#panel").inner_text()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []
    page.close()


def test_filters_search_dates_views_and_claims(browser, tmp_path: Path, example_kg: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    page, _, errors = _open(browser, example_kg.render(tmp_path / "g.html"))
    total = page.evaluate("window.newsgraph.nodes.length")
    hidden = "window.newsgraph.nodes.get().filter(n => n.hidden).length"
    scale = page.evaluate("window.newsgraph.network.getScale()")
    page.fill("#search", "putin")
    assert 0 < page.evaluate(hidden) < total
    assert page.evaluate("window.newsgraph.network.getScale()") > scale  # the search zooms to what it found
    page.fill("#search", "")
    assert page.evaluate(hidden) == 0
    page.uncheck("#types input[value=Event]")
    events = page.evaluate("window.newsgraph.data.views.events.nodes.filter(n => n.kind === 'Event').length")
    assert page.evaluate(hidden) == events > 0
    page.check("#types input[value=Event]")
    count = page.locator("#count").inner_text()
    page.fill("#date-from", "2025")
    gone = page.evaluate("window.newsgraph.nodes.get().filter(n => n.hidden).map(n => n.date)")
    assert gone and all(d < "2025" for d in gone)  # what the range leaves out is hidden
    assert page.locator("#count").inner_text() != count  # and the count says so
    page.fill("#date-from", "")
    page.check("input[name=view][value=actors]")
    actors = example_kg.to_networkx(view="actors")
    assert page.evaluate("window.newsgraph.nodes.length") == actors.number_of_nodes()
    assert page.evaluate("window.newsgraph.nodes.get().every(n => n.kind !== 'Event')")
    page.click("#show-claims")
    # every listed subject has at least two different figures, each shown with its speaker
    tables = page.locator("#panel table.claims")
    assert tables.count() >= 1
    for i in range(tables.count()):
        figures = tables.nth(i).locator("td.figure").all_inner_texts()
        speakers = tables.nth(i).locator("td.speaker").all_inner_texts()
        assert len(set(figures)) >= 2 and len(speakers) == len(figures)
    assert "Seoul" not in page.locator("#panel td.speaker").all_inner_texts()  # speakers are resolved actors
    assert errors == []
    page.close()


def test_hostile_article_stays_inert(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = "Talks <img src=x onerror=window.__pwned=1> </script><script>window.__pwned=2</script>"
    kg = KnowledgeGraph.open(None)
    kg.ingest_articles(
        [
            Article(
                text=f"{hostile}\n\nVladimir Putin met Kim Jong Un in Pyongyang, officials said. {hostile}.",
                title=hostile,
                url="javascript:alert(1)",
                source="x",
            )
        ]
    )
    page, requests, errors = _open(browser, kg.render(tmp_path / "hostile.html", title=hostile))
    assert page.evaluate("window.newsgraph.nodes.length") == kg.to_networkx().number_of_nodes() > 0
    putin = next(n for n, d in kg.to_networkx().nodes(data=True) if d["label"] == "Vladimir Putin")
    _click_node(page, putin)
    assert "<img" in page.locator("#panel").inner_text()  # shown as text
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('img, script[src], a[href^=javascript]').length") == 0
    assert page.title() == hostile
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []
    page.close()


def test_show_displays_inline_in_an_iframe(browser, tmp_path: Path, example_kg: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><body>" + example_kg.show()._repr_html_() + "</body>", encoding="utf-8")
    page = browser.new_page()
    page.goto(host.as_uri())
    frame = page.frames[1]
    frame.wait_for_function("window.newsgraph !== undefined")
    assert frame.evaluate("window.newsgraph.nodes.length") == example_kg.to_networkx().number_of_nodes()
    page.close()


def test_focus_keeps_the_neighbourhood(example_kg: KnowledgeGraph) -> None:
    from newsgraph.graph.analysis import focus

    actors = example_kg.to_networkx(view="actors")
    near = focus(actors, "Kim Jong Un", depth=1)
    kim = next(n for n, d in actors.nodes(data=True) if d["label"] == "Kim Jong Un")
    assert set(near) == {kim, *actors.neighbors(kim)}
    events = focus(example_kg.to_networkx(view="events"), "kim jong un", depth=1)
    assert {d["kind"] for _, d in events.nodes(data=True)} >= {"Event", "Person"}
    with pytest.raises(NewsgraphError, match="no node"):
        focus(actors, "Nobody Atall")


def test_centrality_sizes_and_community_colours(browser, tmp_path: Path, example_kg: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    page, _, errors = _open(browser, example_kg.render(tmp_path / "c.html"))
    page.check("input[name=view][value=actors]")
    ranks = {r["iri"]: r["pagerank"] for r in example_kg.centrality(top=None)}
    top = max(ranks, key=lambda k: ranks[k])
    sizes = page.evaluate("Object.fromEntries(window.newsgraph.nodes.get().map(n => [n.id, n.size]))")
    assert sizes[top] == max(sizes.values())  # the actor with the highest PageRank is drawn largest
    colours = (
        "window.newsgraph.nodes.get().map(n => typeof n.color === 'string' ? n.color : n.color.background)"
    )
    before = page.evaluate(colours)
    page.check("#colour-communities")
    after = page.evaluate(colours)
    outlets = page.evaluate("window.newsgraph.nodes.get().filter(n => n.outlet).length")
    # one colour per community, and the neutral one for outlets (sources, in no community)
    assert after != before and len(set(after)) == len(example_kg.communities()) + (1 if outlets else 0)
    page.uncheck("#colour-communities")
    assert page.evaluate(colours) == before
    _click_node(page, top)
    assert "PageRank" in page.locator("#panel .centrality").inner_text()
    assert errors == []
    page.close()


def test_a_mixed_corpus_page_is_readable_at_the_default_fit(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .test_mixed import MIXED, MORE

    kg = KnowledgeGraph.open(None)
    kg.ingest_articles([*MIXED, *MORE])
    kg.ingest([EXAMPLES])
    page, requests, errors = _open(browser, kg.render(tmp_path / "mixed.html"))
    # the largest nodes' labels are drawn at 11 px or more when the whole graph is in view
    shown = page.evaluate(
        """() => { const s = window.newsgraph.network.getScale();
        const big = window.newsgraph.nodes.get().sort((a, b) => b.size - a.size).slice(0, 5);
        return big.map(n => Math.min(n.font.size * s, 22)); }"""
    )
    assert shown and min(shown) >= 11, shown
    # and none is drawn huge: a small graph is shown near full scale, so its labels stay near their own size
    largest = page.evaluate(
        "Math.max(...window.newsgraph.nodes.get().map(n => n.font.size * window.newsgraph.network.getScale()))"
    )
    assert largest <= 30, largest
    # the components are packed: the fit shows the graph at a scale that leaves labels visible
    assert page.evaluate("window.newsgraph.network.getScale()") > 0.15
    events = page.evaluate(
        "window.newsgraph.data.views.events.nodes.filter(n => n.kind === 'Event').map(n => n.label)"
    )
    assert all(
        ":" in label or " " in label for label in events
    )  # type and main participant, not just "statement"
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []
    page.close()


def test_the_story_filter_and_the_timeline_strip(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A story keeps the nodes its articles name (the count follows); the strip places each dated event, greys
    what the filters leave out, and a click on a tick selects its event and explains it."""
    from .test_mixed import MIXED, MORE

    kg = KnowledgeGraph.open(None)
    kg.ingest_articles([*MIXED, *MORE])
    kg.ingest([EXAMPLES])
    stories = [s for s in kg.stories() if len(s["articles"]) > 1]
    page, requests, errors = _open(browser, kg.render(tmp_path / "stories.html"))
    options = page.locator("#story option").all_inner_texts()
    assert options[0] == "all stories" and len(options) == len(stories) + 1
    total = page.locator("#count").inner_text()
    page.select_option("#story", "0")
    page.wait_for_timeout(200)
    kept = page.locator("#count").inner_text()
    assert int(kept.split()[0]) < int(total.split()[0])
    biggest = max(stories, key=lambda s: len(s["articles"]))
    assert options[1].startswith(biggest["label"])
    hidden = page.evaluate("window.newsgraph.nodes.get().filter(n => n.hidden).map(n => n.fullLabel)")
    assert hidden and not set(hidden) & set(biggest["actors"])
    ticks = page.locator("#timeline .tick")
    dated = page.evaluate(
        "window.newsgraph.data.views.events.nodes.filter(n => n.kind === 'Event' && /^\\d{4}/.test(n.date || '')).length"
    )
    assert ticks.count() == dated > 0
    assert page.locator("#timeline .tick.out").count() > 0  # the events of other stories
    page.select_option("#story", "")
    page.wait_for_timeout(200)
    assert page.locator("#timeline .tick.out").count() == 0 and page.locator("#count").inner_text() == total
    ticks.first.click()
    assert page.evaluate("window.newsgraph.network.getSelectedNodes().length") == 1
    assert page.locator("#panel blockquote").count() >= 1
    assert [u for u in requests if not u.startswith("file://")] == []
    assert errors == []
    page.close()


def test_conflicting_figures_per_story_with_their_history(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The panel lists the figures that differ story by story, each group with its relation and a small chart of
    its figures over time; with a story selected, only that story's."""
    from .test_mixed import MIXED, MORE

    kg = KnowledgeGraph.open(None)
    kg.ingest_articles([*MIXED, *MORE])
    kg.ingest([EXAMPLES])
    page, _, errors = _open(browser, kg.render(tmp_path / "figures.html"))
    page.click("#show-claims")
    headings = page.locator("#panel h5").all_inner_texts()
    assert any("how it moved" in h for h in headings), headings
    assert page.locator("#panel svg.history").count() >= 2  # one chart a group
    assert page.locator("#panel svg.history circle").count() >= 4
    options = page.locator("#story option").all_inner_texts()
    orlavia = next(i for i, o in enumerate(options) if "Orlavia" in o) - 1
    page.select_option("#story", str(orlavia))
    page.wait_for_timeout(200)
    page.click("#show-claims")
    stories = page.locator("#panel h4.story").all_inner_texts()
    assert stories and all("Orlavia" in s for s in stories), stories
    assert errors == []
    page.close()


def test_the_synthetic_2000_node_page_keeps_its_largest_labels_readable(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from page_draw import synthetic

    from newsgraph.graph.render import render_graph

    page, _, errors = _open(browser, render_graph(synthetic(2000), tmp_path / "big.html"))
    shown = page.evaluate(
        """() => { const s = window.newsgraph.network.getScale();
        const big = window.newsgraph.nodes.get().sort((a, b) => b.size - a.size).slice(0, 3);
        return big.map(n => Math.min(n.font.size * s, 22)); }"""
    )
    assert min(shown) >= 11, shown
    assert errors == []
    page.close()


def test_a_large_graph_draws_its_centre_and_the_search_brings_in_any_other_actor(
    browser,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    example_kg: KnowledgeGraph,
) -> None:
    path = example_kg.render(tmp_path / "central.html", top=3)
    page, requests, errors = _open(browser, path)
    central = page.evaluate("window.newsgraph.data.central")
    actors = example_kg.to_networkx(view="actors")
    assert central == {"drawn": 3, "actors": actors.number_of_nodes()}
    assert "3 most central of" in page.locator("#count").inner_text()
    drawn = set(page.evaluate("window.newsgraph.nodes.getIds()"))
    assert len(drawn) < example_kg.to_networkx(view="events").number_of_nodes()
    # the three actors of highest PageRank, as `analyze centrality` ranks them, are drawn (with the places of
    # their events), and the actor view draws them alone
    top = {row["label"] for row in example_kg.centrality(top=3)}
    shown = page.evaluate(
        "window.newsgraph.nodes.get().filter(n => n.kind !== 'Event').map(n => n.fullLabel)"
    )
    assert top <= set(shown)
    in_actor_view = page.evaluate("window.newsgraph.data.views.actors.nodes.map(n => n.fullLabel)")
    assert set(in_actor_view) == top
    # an actor that is not drawn, with events of its own: the search offers it and brings it in with its events
    waiting = page.evaluate(
        """() => { const r = window.newsgraph.data.views.events.reserve;
        return r.nodes.filter(n => n.kind === 'Person' && r.edges.some(e => e.to === n.id)).map(n => [n.id, n.fullLabel]); }"""
    )
    assert waiting
    actor, label = waiting[0]
    assert actor not in drawn
    page.fill("#search", label.lower())
    page.get_by_role("button", name=label, exact=True).click()
    assert actor in page.evaluate("window.newsgraph.nodes.getIds()")
    assert page.locator("#panel h3").inner_text() == label
    linked = page.evaluate(
        f"window.newsgraph.edges.get().filter(e => e.to === {actor!r} || e.from === {actor!r})"
    )
    assert linked  # its events came with it
    assert page.locator("#panel h4").first.inner_text() == "Events and roles"
    _click_node(page, actor)  # drawn where a user can click it
    assert page.locator("#panel h3").inner_text() == label
    page.fill("#search", label.lower())  # once in, the search finds it among the drawn nodes
    assert (
        page.get_by_role("button", name=label, exact=True).count() == 0
        or "Not drawn" not in page.locator("#panel").inner_text()
    )
    assert all(r.startswith("file://") for r in requests)
    assert errors == []
    page.close()
