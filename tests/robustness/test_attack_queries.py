"""Issue 19, the query side: SSRF spellings (1), defence in depth, nesting (17) and the pool (10). (The fuzz test
of the check, which issue 28 rebuilt on a parse, is in ``test_check_by_parse.py``.)

A loopback listener stands in for what a query must never reach; every test asserts it saw nothing.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from newsgraph import KnowledgeGraph
from newsgraph.errors import QueryError
from newsgraph.graph import _offline, _sparql
from newsgraph.graph import store as store_module
from newsgraph.graph._pool import QueryPool, TaskTimeout, WorkerUnavailable

from ..conftest import EXAMPLES
from ..listener import listening
from ..servers import newsgraph_server

CLI = [sys.executable, "-m", "newsgraph"]


def spellings(url: str) -> list[str]:
    """The attack's three lexer differences, each hiding SERVICE, and the same tricks hiding FROM."""
    service = f"SERVICE <{url}/x> {{ ?s ?p ?o }}"
    return [
        f"SELECT * WHERE {{ # c\r{service} }}",  # a comment ends at CR for Oxigraph
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) {service} BIND("\\u0022" AS ?b) }}',  # phantom long string
        f"SELECT * WHERE {{ BIND('\\u0027' AS ?a) {service} BIND('\\u0027' AS ?b) }}",
        f"SELECT * WHERE {{ FILTER(?a<?b){service[:7]}#>\n<{url}/x>{{ ?s ?p ?o }} }}",  # '<' read as an IRI
        f"SELECT * WHERE {{ FILTER(?a<?b)SeRvIcE#>\r<{url}/x>{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p '\\UFFFFFFFF' . {service} }}",
        f"SELECT * WHERE {{ #\u2028{service} }}",
        f"SELECT * WHERE {{ SER\u200bVICE <{url}/x> {{ ?s ?p ?o }} }}",
        f"SELECT * # x\rFROM <{url}/g> WHERE {{ ?s ?p ?o }}",
        f"SELECT * #\u0022\rFROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]


def test_every_spelling_is_refused_by_the_library_and_reaches_nothing(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(None)
    with listening() as listener:
        for query in spellings(listener.url):
            if "FROM" in query:
                # FROM names a graph the store does not have: nothing to fetch, and nothing is
                assert kg.query(query) == []
                continue
            with pytest.raises(QueryError):
                kg.query(query)
        for update in [f"# c\rLOAD <{listener.url}/d.ttl>", f"LOAD <{listener.url}/d.ttl>"]:
            with pytest.raises(QueryError):
                kg.store.update(update)
    assert listener.connections == []


def test_every_spelling_is_refused_by_the_cli(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert (
        subprocess.run([*CLI, "ingest", str(EXAMPLES), "--store", str(store)], capture_output=True).returncode
        == 0
    )
    with listening() as listener:
        for query in spellings(listener.url):
            done = subprocess.run(
                [*CLI, "query", "-", "--store", str(store), "--format", "json"],
                input=query.encode(),
                capture_output=True,
                timeout=60,
            )
            if "FROM" in query:
                assert done.returncode == 0
                continue
            assert done.returncode == 1, (query, done.stderr)
            assert done.stderr.decode().count("\n") <= 3  # one error (a caret line at most)
    assert listener.connections == []


@pytest.mark.server
def test_every_spelling_is_refused_by_the_server(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    with listening() as listener, newsgraph_server(store, "--allow-update", "--trust-loopback") as url:
        for query in spellings(listener.url):
            response = requests.post(f"{url}/sparql", data={"query": query}, timeout=30)
            assert response.status_code == 400, (query, response.text)
            as_get = requests.get(f"{url}/sparql", params={"query": query}, timeout=30)  # an <img src>
            assert as_get.status_code == 400
        for update in [f"# c\rLOAD <{listener.url}/d.ttl>", f"INSERT DATA {{}} ; #\rLOAD <{listener.url}/d>"]:
            response = requests.post(f"{url}/sparql", data={"update": update}, timeout=30)
            assert response.status_code == 400
    assert listener.connections == []


def passthrough(
    text: str, *, update: bool = False, prefixes: tuple[tuple[str, str], ...] = ()
) -> _sparql.Checked:
    """The check switched off, as if it had missed a spelling: the text goes to the store as it is."""
    return _sparql.Checked(text, "UPDATE" if update else "SELECT")


def _unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "check", passthrough)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux only")
def test_with_the_check_off_a_query_still_reaches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _offline.available()
    _unchecked(monkeypatch)
    kg = KnowledgeGraph.open(None)
    with listening() as listener:
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}"
        with pytest.raises(QueryError, match="denied"):
            kg.query(query)
        with pytest.raises(QueryError):
            kg.store.update(f"LOAD <{listener.url}/d.ttl>")
        assert listener.connections == []
        # the control: the same query evaluated on an ordinary thread does reach the listener
        raw = ox.Store()
        with pytest.raises(OSError):
            list(raw.query(query))
        assert len(listener.connections) == 1
    # and the rest of the process keeps its network
    assert _offline.call(lambda: True)


def _run_unchecked(store: object, task: str) -> str:
    """A worker task: the keyword check off, a SERVICE query run as a worker runs one."""
    from newsgraph.graph import store as module

    module.check = passthrough  # type: ignore[assignment]
    try:
        list(store.query(task, lazy=True))  # type: ignore[attr-defined]
    except (QueryError, OSError) as exc:
        return str(exc)
    return "ran"


@pytest.mark.server
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux only")
def test_a_server_worker_with_the_check_off_reaches_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    pool = QueryPool(store, _run_unchecked, workers=1, timeout=20)
    try:
        with listening() as listener:
            answer = pool.run(f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}")
            assert "denied" in answer
        assert listener.connections == []
    finally:
        pool.close()


# ---------------------------------------------------------------------------------------------- 17: nesting
def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    for query in [
        "SELECT * WHERE " + "{" * 50_000 + "}" * 50_000,
        "SELECT * WHERE { BIND(" + "+".join(["1"] * 20_000) + " AS ?x) }",
        "SELECT * WHERE { " + " UNION ".join(["{}"] * 20_000) + " }",
    ]:
        done = subprocess.run(
            [*CLI, "query", "-", "--store", str(store)], input=query.encode(), capture_output=True, timeout=60
        )
        assert done.returncode == 1, done.returncode  # not 139
        assert "refused" in done.stderr.decode()


# ---------------------------------------------------------------------------------------------- 10: the pool
def _slow(store: object, task: str) -> str:
    if task == "sleep":
        import time

        time.sleep(30)
    return "ok"


def test_the_pool_never_drains_and_never_hangs(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    pool = QueryPool(store, _slow, workers=1, timeout=1.0, wait_for_worker=2.0, start_timeout=20)
    try:
        away = tmp_path / "away"
        with pytest.raises(TaskTimeout):
            pool.run("sleep")
        store.rename(away)  # the replacement cannot open the store: it is retried, not given up
        with pytest.raises(WorkerUnavailable, match="no query worker"):
            pool.run("ping")
        away.rename(store)
        answered: list[str] = []
        for _ in range(60):
            try:
                answered.append(pool.run("ping"))
                break
            except WorkerUnavailable:
                continue
        assert answered == ["ok"]
    finally:
        pool.close()


def test_a_query_stuck_behind_busy_workers_gets_an_answer(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    pool = QueryPool(store, _slow, workers=1, timeout=20.0, wait_for_worker=1.0, start_timeout=20)
    try:
        outcome: list[object] = []

        def busy() -> None:
            try:
                outcome.append(pool.run("sleep"))
            except Exception as exc:
                outcome.append(exc)

        threading.Thread(target=busy, daemon=True).start()
        threading.Event().wait(0.5)
        with pytest.raises(WorkerUnavailable, match="no query worker became free"):
            pool.run("ping")
    finally:
        pool.close()


def test_a_server_ends_on_sigterm(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    from ..servers import free_port, wait_for

    port = free_port()
    process = subprocess.Popen(
        [*CLI, "serve", "--store", str(store), "--port", str(port), "--timeout", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", process)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        requests.post(f"http://127.0.0.1:{port}/sparql", data={"query": slow}, timeout=30)
        process.terminate()
        assert process.wait(20) is not None
    finally:
        if process.poll() is None:
            process.kill()
