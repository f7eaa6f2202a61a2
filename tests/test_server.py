"""`newsgraph serve` as a real server on loopback: SPARQL 1.1 Protocol, formats, status codes, refusals, time limit.

Clients are real: SPARQLWrapper, curl, requests and Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
import requests

from newsgraph import KnowledgeGraph

from .conftest import EXAMPLES
from .servers import newsgraph_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ACTORS = "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a a schema:Person } ORDER BY ?a"
CONSTRUCT = (
    "PREFIX schema: <https://schema.org/> CONSTRUCT { ?a a schema:Person } WHERE { ?a a schema:Person }"
)
# Three copies of every quad joined: billions of rows, far past any time limit.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("served") / "store"
    kg = KnowledgeGraph.open(path)
    assert not kg.ingest([EXAMPLES]).failed
    kg.store.flush()
    del kg
    return path


@pytest.fixture(scope="module")
def server(store_dir: Path):  # type: ignore[no-untyped-def]
    with newsgraph_server(store_dir, timeout=3.0) as url:
        yield url


def _persons(store_dir: Path) -> list[str]:
    kg = KnowledgeGraph.open(store_dir, read_only=True)
    return [row["a"] for row in kg.query(ACTORS)]


def test_sparqlwrapper_gets_every_result_format(server: str, store_dir: Path) -> None:
    from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

    expected = _persons(store_dir)
    assert len(expected) > 3
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(ACTORS)

    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [r["a"]["value"] for r in rows] == expected

    client.setReturnFormat(XML)
    document = client.query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("uri")] == expected  # type: ignore[union-attr]

    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        client.setReturnFormat(fmt)
        text = client.query().convert().decode("utf-8")  # type: ignore[union-attr]
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        cells = [line[0].strip("<>") for line in lines[1:] if line]
        assert cells == expected

    client.setQuery("ASK { ?s ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index,call-overload]

    client.setQuery(CONSTRUCT)
    for fmt, syntax in ((TURTLE, "turtle"), (N3, "n3"), (JSONLD, "json-ld")):
        client.setReturnFormat(fmt)
        graph = client.queryAndConvert()
        if isinstance(graph, bytes):
            graph = rdflib.Graph().parse(data=graph, format=syntax)
        subjects = sorted({str(s) for s in graph.subjects()})  # type: ignore[union-attr]
        assert subjects == sorted(set(expected)), fmt


def test_curl_get_post_form_and_direct_post(server: str) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed")
    base = f"{server}/sparql"
    accept = "Accept: application/sparql-results+json"
    outputs = [
        subprocess.run(
            [curl, "-s", "-H", accept, f"{base}?query={quote(COUNT)}"], capture_output=True, check=True
        ).stdout,
        subprocess.run(
            [curl, "-s", "-H", accept, "--data-urlencode", f"query={COUNT}", base],
            capture_output=True,
            check=True,
        ).stdout,
        subprocess.run(
            [
                curl,
                "-s",
                "-H",
                accept,
                "-H",
                "Content-Type: application/sparql-query",
                "--data-binary",
                COUNT,
                base,
            ],
            capture_output=True,
            check=True,
        ).stdout,
    ]
    counts = {json.loads(o)["results"]["bindings"][0]["n"]["value"] for o in outputs}
    assert len(counts) == 1 and int(counts.pop()) > 1000

    nt = subprocess.run(
        [curl, "-s", "-H", "Accept: application/n-triples", f"{base}?query={quote(CONSTRUCT)}"],
        capture_output=True,
        check=True,
    ).stdout
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) > 3


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "says"),
    [
        ("get", {"params": {"query": "SELECT WHERE {"}}, 400, "malformed"),
        ("get", {}, 400, "query"),
        ("get", {"params": {"query": COUNT}, "headers": {"Accept": "image/png"}}, 406, "acceptable"),
        ("post", {"data": COUNT, "headers": {"Content-Type": "text/plain"}}, 415, "sparql-query"),
        (
            "post",
            {
                "data": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000_000,
                "headers": {"Content-Type": "application/sparql-query"},
            },
            413,
            "limit",
        ),
        ("put", {"data": COUNT}, 405, "GET or POST"),
        ("post", {"data": {"update": "DROP ALL"}}, 403, "not allowed"),
        ("get", {"params": {"query": "INSERT DATA { <http://e/a> <http://e/b> 1 }"}}, 400, "update"),
    ],
)
def test_status_codes_with_a_short_text_body(
    server: str, method: str, kwargs: dict[str, object], status: int, says: str
) -> None:
    response = getattr(requests, method)(f"{server}/sparql", timeout=30, **kwargs)
    assert response.status_code == status
    assert says.lower() in response.text.lower()
    assert len(response.text) < 400


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX x: <http://127.0.0.1:9/> SELECT * FROM x:data WHERE { ?s ?p ?o }",
    ],
)
def test_refuses_what_would_leave_the_store(server: str, query: str) -> None:
    response = requests.post(f"{server}/sparql", data={"query": query}, timeout=30)
    assert response.status_code == 400
    assert "refused" in response.text


def test_from_a_graph_in_the_store_and_dataset_parameters(server: str, store_dir: Path) -> None:
    graph = KnowledgeGraph.open(store_dir, read_only=True).store.named_graphs()[0]
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    response = requests.get(f"{server}/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200
    inside = int(response.json()["results"]["bindings"][0]["n"]["value"])
    total = requests.get(f"{server}/sparql", params={"query": COUNT}, timeout=30).json()
    assert 0 < inside < int(total["results"]["bindings"][0]["n"]["value"])

    by_param = requests.get(
        f"{server}/sparql", params={"query": COUNT, "default-graph-uri": graph}, timeout=30
    ).json()
    assert int(by_param["results"]["bindings"][0]["n"]["value"]) == inside
    outside = requests.get(
        f"{server}/sparql", params={"query": COUNT, "default-graph-uri": "http://127.0.0.1:9/x"}, timeout=30
    )
    assert outside.status_code == 400


def test_runaway_query_is_stopped_and_the_server_goes_on(server: str) -> None:
    started = time.monotonic()
    response = requests.post(f"{server}/sparql", data={"query": RUNAWAY}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit" in response.text
    assert elapsed < 3.0 + 2.0
    # Other queries are answered at once by the other worker, and later ones after the restart too.
    assert requests.get(f"{server}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
    time.sleep(0.5)
    for _ in range(3):
        assert requests.get(f"{server}/sparql", params={"query": COUNT}, timeout=30).status_code == 200


def test_named_queries_over_http_bind_values(server: str, store_dir: Path) -> None:
    catalogue = requests.get(f"{server}/queries", timeout=30).json()
    assert {"actors", "actor-events"} <= {q["name"] for q in catalogue}

    response = requests.get(
        f"{server}/queries/actor-events",
        params={"actor": "Kim Jong Un"},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = KnowledgeGraph.open(store_dir, read_only=True).query("actor-events", actor="Kim Jong Un")
    assert len(rows) == len(expected) > 0

    hostile = requests.get(
        f"{server}/queries/actor-events", params={"actor": '" } ; DROP ALL #'}, timeout=30
    ).json()
    assert hostile["results"]["bindings"] == []
    assert requests.get(f"{server}/queries/actor-events", timeout=30).status_code == 400
    assert requests.get(f"{server}/queries/actors", params={"actor": "x"}, timeout=30).status_code == 400
    missing = requests.get(f"{server}/queries/no-such-query", timeout=30)
    assert missing.status_code == 404 and "known queries" in missing.text


def test_updates_only_when_allowed_and_never_load(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).store.flush()
    with newsgraph_server(store, "--allow-update", "--trust-loopback") as url:
        insert = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> 1 } }"
        response = requests.post(
            url + "/sparql", data=insert, headers={"Content-Type": "application/sparql-update"}, timeout=30
        )
        assert response.status_code == 204
        ask = requests.get(
            url + "/sparql", params={"query": "ASK { <https://example.org/a> ?p 1 }"}, timeout=30
        ).json()
        assert ask["boolean"] is True
        load = requests.post(url + "/sparql", data={"update": "LOAD <file:///etc/passwd>"}, timeout=30)
        assert load.status_code == 400 and "refused" in load.text


def test_serves_a_remote_store(oxigraph_url: str) -> None:
    from .conftest import clear_remote

    clear_remote(oxigraph_url)
    kg = KnowledgeGraph.open(oxigraph_url)
    kg.ingest(sorted(EXAMPLES.glob("*.txt"))[:1])
    with newsgraph_server(oxigraph_url) as url:
        answer = requests.get(url + "/sparql", params={"query": COUNT}, timeout=30).json()
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(kg.store)
        assert requests.get(url + "/", timeout=60).status_code == 200


@pytest.mark.browser
def test_graph_page_and_query_page_in_chromium(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "/")
    # Playwright's wait_for_function evaluates a string, which the served CSP (no unsafe-eval) forbids; poll instead.
    for _ in range(100):
        if page.evaluate("() => window.newsgraph !== undefined"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.newsgraph.network.body.data.nodes.length") > 10

    page.goto(server + "/query")
    page.click("nav button[data-name='actor-events']")
    page.fill("#params input[name='actor']", "Kim Jong Un")
    page.click("#run")
    page.wait_for_selector("#results tr:nth-child(2)")
    assert "rows" in page.inner_text("#status")
    header = page.inner_text("#results tr")
    assert "sentence" in header

    page.click("nav button:text('Free SPARQL')")
    page.fill("#sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "refused" in page.inner_text("#status")
    assert outside == []
    page.close()
