"""Issue 19, the server and the store lock: CSRF (2), the writer's lock (4), DNS rebinding (5), proxies and the
update token (6), memory (9), the page cache (11), and the protocol notes (20)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from newsgraph import KnowledgeGraph
from newsgraph.errors import StoreLockedError
from newsgraph.graph.store import Store

from ..conftest import EXAMPLES
from ..servers import free_port, newsgraph_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

CLI = [sys.executable, "-m", "newsgraph"]
INSERT = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> 1 } }"
ASK = "ASK { GRAPH ?g { <https://example.org/a> ?p 1 } }"


def _inserted(url: str) -> bool:
    return bool(requests.get(f"{url}/sparql", params={"query": ASK}, timeout=30).json()["boolean"])


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    return store


@contextmanager
def _attacker_site(html: str) -> Iterator[str]:
    """A page on another origin (another port of loopback): what a user might visit while the server runs."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    port = free_port()
    site = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        site.shutdown()


@pytest.mark.browser
def test_a_page_on_another_origin_cannot_post_an_update(empty_store: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Finding 2: a form on another origin posting `update=INSERT DATA …` (and DROP ALL) is refused."""
    with newsgraph_server(empty_store, "--allow-update", "--trust-loopback") as url:
        # the same update from a client that is not a browser still works: the check is on the browser's headers
        html = f"""<!doctype html><body>
        <form id=f method=POST action="{url}/sparql" enctype="application/x-www-form-urlencoded">
        <input name=update value='{INSERT}'></form>
        <script>document.getElementById('f').submit()</script></body>"""
        with _attacker_site(html) as site:
            page = browser.new_page()
            statuses: list[int] = []
            page.on("response", lambda r: statuses.append(r.status) if "/sparql" in r.url else None)
            page.goto(site)
            page.wait_for_timeout(1500)
            page.close()
        assert statuses == [403]
        assert not _inserted(url)
        assert (
            requests.post(f"{url}/sparql", data={"update": INSERT}, timeout=30).status_code == 204
        )  # curl-like clients send no Origin
        assert _inserted(url)
        cross = requests.post(
            f"{url}/sparql",
            data={"update": "DROP ALL"},
            headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
            timeout=30,
        )
        assert cross.status_code == 403 and "cross-site" in cross.text
        assert _inserted(url)


def test_dns_rebinding_host_is_refused(empty_store: Path) -> None:
    """Finding 5: a Host the server was not bound to is refused; loopback names are answered."""
    with newsgraph_server(empty_store) as url:
        port = url.rsplit(":", 1)[1]
        for host in ["rebind.attacker.example", f"rebind.attacker.example:{port}", "127.0.0.2"]:
            response = requests.get(
                f"{url}/sparql", params={"query": "ASK {}"}, headers={"Host": host}, timeout=30
            )
            assert response.status_code == 400 and "host name" in response.text
            assert response.headers["x-content-type-options"] == "nosniff"
        for host in [f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"]:
            response = requests.get(
                f"{url}/sparql", params={"query": "ASK {}"}, headers={"Host": host}, timeout=30
            )
            assert response.status_code == 200


def test_updates_through_a_proxy_need_the_token(empty_store: Path) -> None:
    """Finding 6: loopback is not enough behind a same-host proxy; with a token, updates need it."""
    with newsgraph_server(empty_store, "--allow-update", "--trust-loopback") as url:
        for header in ["X-Forwarded-For", "Forwarded", "X-Real-IP"]:
            response = requests.post(
                f"{url}/sparql", data={"update": INSERT}, headers={header: "203.0.113.9"}, timeout=30
            )
            assert response.status_code == 403 and "proxy" in response.text
        assert not _inserted(url)
    with newsgraph_server(empty_store, "--allow-update", "--update-token", "s3cret") as url:
        assert requests.post(f"{url}/sparql", data={"update": INSERT}, timeout=30).status_code == 403
        wrong = {"Authorization": "Bearer nope"}
        assert (
            requests.post(f"{url}/sparql", data={"update": INSERT}, headers=wrong, timeout=30).status_code
            == 403
        )
        right = {"Authorization": "Bearer s3cret", "X-Forwarded-For": "203.0.113.9"}
        assert (
            requests.post(f"{url}/sparql", data={"update": INSERT}, headers=right, timeout=30).status_code
            == 204
        )
        assert _inserted(url)
    # bound beyond loopback with updates and no token: refused before it starts
    done = subprocess.run(
        [
            *CLI,
            "serve",
            "--store",
            str(empty_store),
            "--host",
            "0.0.0.0",
            "--allow-update",
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1 and "--update-token" in done.stderr.decode()


def test_protocol_notes(empty_store: Path) -> None:
    """Finding 20: a form with both query and update is a 400 (and runs neither); errors are nosniff."""
    with newsgraph_server(empty_store, "--allow-update", "--trust-loopback") as url:
        both = requests.post(f"{url}/sparql", data={"query": "ASK {}", "update": INSERT}, timeout=30)
        assert both.status_code == 400 and "both" in both.text
        assert both.headers["x-content-type-options"] == "nosniff"
        assert not _inserted(url)


def test_a_query_that_eats_memory_is_stopped_and_the_server_goes_on(empty_store: Path) -> None:
    """Finding 9: twenty-odd CONCAT doublings under a 512 MiB worker limit: a 503, then normal service."""
    binds = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(26))
    query = f'SELECT (STRLEN(?s26) AS ?n) WHERE {{ BIND("{"x" * 64}" AS ?s0) {binds} }}'
    with newsgraph_server(empty_store, "--memory", "512", timeout=60.0) as url:
        response = requests.post(f"{url}/sparql", data={"query": query}, timeout=120)
        assert response.status_code == 503 and "memory" in response.text
        for _ in range(50):
            answer = requests.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30)
            if answer.status_code == 200:
                break
        assert answer.status_code == 200


def test_the_page_is_served_from_a_cache(empty_store: Path) -> None:
    """Finding 11: GET / is built once, not on every request."""
    with newsgraph_server(empty_store) as url:
        first = requests.get(url + "/", timeout=60)
        second = requests.get(url + "/", timeout=60)
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
        assert second.elapsed < first.elapsed


def test_the_page_cache_is_rebuilt_after_an_update(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from newsgraph.graph import server as module

    built: list[str] = []
    real = module.execute

    def counting(store: object, task: dict[str, object]) -> object:
        if task["op"] == "page":
            built.append("page")
        return real(store, task)

    monkeypatch.setattr(module, "execute", counting)
    app = module.create_app(None, allow_update=True, update_token="t", hosts={"testserver"})
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
        assert client.get("/").status_code == 200
        assert built == ["page"]
        update = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer t"})
        assert update.status_code == 204
        assert client.get("/").status_code == 200
        assert built == ["page", "page"]


def test_a_read_only_open_beside_a_writer_keeps_the_lock(tmp_path: Path) -> None:
    """Finding 4: opening the store read-only in the writer's process does not drop RocksDB's lock, so a second
    writer (another process) is still refused, and the store stays whole; a reader in another process reads the
    last state the writer published (issue 27)."""
    path = tmp_path / "store"
    kg = KnowledgeGraph.open(path)
    with kg.writing():  # held for writing until the block ends
        kg.ingest([EXAMPLES / "05_singapore_summit.txt"])
        reader = KnowledgeGraph.open(path, read_only=True)  # same process: shares the writer's handle
        assert reader.stats()["articles"] == 1
        second = subprocess.run(
            [*CLI, "ingest", str(EXAMPLES), "--store", str(path)], capture_output=True, timeout=120
        )
        assert second.returncode == 1
        assert "in use" in second.stderr.decode()
        probe = subprocess.run([*CLI, "stats", "--store", str(path)], capture_output=True, timeout=60)
        assert probe.returncode == 0 and "articles  1" in probe.stdout.decode()
        kg.ingest([EXAMPLES])
        assert reader.stats()["articles"] > 1  # the shared handle sees the writer's commits
        articles = kg.stats()["articles"]
        del reader
    kg.close()
    reopened = KnowledgeGraph.open(path, read_only=True)
    assert reopened.stats()["articles"] == articles  # whole: every article the writer stored
    del reopened
    writer = Store(path)
    with pytest.raises(StoreLockedError):
        Store(path)  # the same process cannot open it twice for writing either
    writer.close()


def test_an_ingest_into_a_served_store_is_seen_by_the_server(tmp_path: Path) -> None:
    """Issue 18, item 7, and issue 27: `serve` then `ingest` into the same store: the ingest goes through, and the
    server answers from what it committed (its page too), without a restart."""
    store = tmp_path / "store"
    assert (
        subprocess.run(
            [*CLI, "ingest", str(EXAMPLES / "05_singapore_summit.txt"), "--store", str(store)]
        ).returncode
        == 0
    )
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
    with newsgraph_server(store) as url:
        rows = requests.get(f"{url}/sparql", params={"query": count}, timeout=30).json()
        assert rows["results"]["bindings"][0]["n"]["value"] == "1"
        before = requests.get(f"{url}/", timeout=60).text
        done = subprocess.run(
            [*CLI, "ingest", str(EXAMPLES), "--store", str(store)], capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr.decode()
        rows = requests.get(f"{url}/sparql", params={"query": count}, timeout=30).json()
        assert rows["results"]["bindings"][0]["n"]["value"] == "11"
        after = requests.get(f"{url}/", timeout=60).text
        assert "Seoul" not in before and "Seoul" in after
