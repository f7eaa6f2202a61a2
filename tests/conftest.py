from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph import RemoteStore
from newsgraph.loaders import Extractor

from . import servers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
DEV = SHARED / "dev"
DEV2 = SHARED / "dev2"

needs_dev = pytest.mark.skipif(
    not (DEV / "gold").is_dir(),
    reason="../shared/dev (the development articles and their gold) is not here: the generalisation figures"
    " cannot be measured",
)
needs_dev2 = pytest.mark.skipif(
    not (DEV2 / "gold").is_dir(),
    reason="../shared/dev2 (the validation stories and their gold) is not here: its figures cannot be measured",
)
needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason="../shared/seeds is absent (the seed articles live beside the repository, not in it)",
)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def example_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    path = tmp_path_factory.mktemp("examples") / "store"
    with KnowledgeGraph.open(path) as kg:
        report = kg.ingest([EXAMPLES])
    assert not report.failed, report.failed
    # read-only, so that other processes (the CLI in a subprocess, a server) may open it too
    return KnowledgeGraph.open(path, read_only=True)


@pytest.fixture(scope="session")
def seed_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    path = tmp_path_factory.mktemp("seeds") / "store"
    with KnowledgeGraph.open(path) as kg:
        report = kg.ingest([SEEDS])
    assert not report.failed, report.failed
    return KnowledgeGraph.open(path, read_only=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Oxigraph server (PyPI ``oxigraph``) for the whole session."""
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Virtuoso open source for the whole session; CI installs it (make servers), elsewhere it may be absent."""
    if servers.VIRTUOSO is None:
        if in_ci():
            pytest.fail("CI must have Debian's virtuoso-opensource (make servers installs it)")
        pytest.skip("Debian's virtuoso-opensource is not installed (make servers)")
    with servers.virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


def clear_remote(url: str) -> None:
    """Drop newsgraph's graphs (articles, ontology, imports) from a server, leaving its own graphs alone."""
    remote = RemoteStore(url)
    ours = [g for g in remote.graph_names() if g.startswith(("https://w3id.org/newsgraph/", "file:"))]
    if ours:
        remote.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in ours))


STORE_KINDS = [
    "embedded",
    pytest.param("oxigraph", marks=pytest.mark.server),
    pytest.param("virtuoso", marks=[pytest.mark.server, pytest.mark.virtuoso]),
]


@pytest.fixture(params=STORE_KINDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """The same test over the embedded store, an Oxigraph server and Virtuoso, each starting empty."""
    if request.param == "embedded":
        return tmp_path / "store"
    url = request.getfixturevalue(f"{request.param}_url")
    clear_remote(url)
    return str(url)
