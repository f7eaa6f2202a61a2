"""The page in Debian's headless Chromium, driven by Playwright: offline, inert text, working panel and search."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.loaders import Article

from .conftest import in_ci

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        if in_ci():
            pytest.fail("CI must have /usr/bin/chromium (make browser installs it)")
        pytest.skip("Debian's chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.mark.xfail(
    strict=True, reason="known defect: the click-to-panel step does not yet hit the node in headless Chromium"
)
def test_page_offline_inert_and_explains_nodes(browser, tmp_path: Path, example_kg: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    hostile = "Talks <img src=x onerror=window.__pwned=1> </script><script>window.__pwned=2</script>"
    kg = KnowledgeGraph.open(None)
    kg.ingest_articles(
        [
            Article(
                text=f"{hostile}\n\nVladimir Putin met Kim Jong Un in Pyongyang, officials said. {hostile}.",
                title=hostile,
                source="x",
            )
        ]
    )
    for name, graph in (("examples", example_kg), ("hostile", kg)):
        page_path = graph.render(tmp_path / f"{name}.html", title=hostile)
        expected = graph.to_networkx(view="events").number_of_nodes()
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_function("window.newsgraph !== undefined")
        assert page.evaluate("window.newsgraph.nodes.length") == expected
        assert page.evaluate("window.__pwned === undefined")
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert [u for u in requests if not u.startswith("file://")] == []
        assert errors == []
        # click a node: the panel shows its source sentence
        node_id = page.evaluate("window.newsgraph.data.nodes.find(n => n.kind === 'Person').id")
        pos = page.evaluate(
            f"(() => {{ const p = window.newsgraph.network.getPositions([{node_id!r}])[{node_id!r}]; return window.newsgraph.network.canvasToDOM(p); }})()"
        )
        box = page.locator("#network").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
        assert page.locator("#panel .sentence").count() >= 1
        # search hides what does not match
        page.fill("#search", "putin")
        hidden = page.evaluate("window.newsgraph.nodes.get().filter(n => n.hidden).length")
        assert 0 < hidden < expected
        page.close()
