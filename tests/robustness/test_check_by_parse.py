"""Issue 28, the query side: the check decides on a parse and the store is sent the parse written back out (1), on
the embedded store, a SPARQL-server store and through ``newsgraph serve``; the rdflib view (2); the check's cost
off the server's event loop (4); and the fuzz test over both kinds of store, with the check on and off.

A loopback listener stands in for what a query must never reach; every test asserts it saw nothing. The Oxigraph
server of these tests runs as ``newsgraph offline -- oxigraph serve`` (the second line for a server store) unless a
test says ``offline=False``, to show what the check alone holds.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import KnowledgeGraph
from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.graph import RemoteStore, _sparql
from newsgraph.graph import remote as remote_module
from newsgraph.graph import store as store_module
from newsgraph.graph.store import ONTOLOGY_GRAPH, ontology_quads
from newsgraph.queries import list_queries

from ..listener import Listener, listening
from ..servers import newsgraph_server, oxigraph_server

pytestmark = [pytest.mark.server, pytest.mark.slow]


def second_attack(url: str) -> list[str]:
    """Finding 1 as reported: keywords glued to the next token, and "<" after true, false or a language tag."""
    group = "{ ?s ?p ?o }"
    return [
        f"SELECT * WHERE {{ SERVICESILENT <{url}/x> {group} }}",
        f"PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:x {group} }}",
        f"PREFIX ex: <{url}/> SELECT * WHERE {{ SERVICEex:x {group} }}",
        f"SELECT * WHERE {{ FILTER(COALESCE(true<?b,true))SERVICE#>\n<{url}/x> {group} }}",
        f"SELECT * WHERE {{ FILTER(COALESCE(false<?b,true))SERVICE#>\n<{url}/x> {group} }}",
        f'SELECT * WHERE {{ BIND("x"@values AS ?v) FILTER("y"@en<?b)SERVICE#>\n<{url}/x> {group} }}',
        f"SELECT * FROMNAMED <{url}/g> WHERE {{ GRAPH ?g {group} }}",
        f"PREFIX : <{url}/> SELECT * FROM:g WHERE {group}",
    ]


def second_attack_updates(url: str) -> list[str]:
    return [
        f"LOADSILENT <{url}/d.ttl>",
        f"PREFIX : <{url}/> LOAD:d",
        f"LOAD <{url}/d.ttl> INTO GRAPH <{url}/g>",
    ]


def _refused_or_empty(run: object, query: str) -> None:
    """A query of the attack is refused, or (FROM naming a graph the store does not have) finds nothing."""
    try:
        answer = run(query)  # type: ignore[operator]
    except QueryError:
        return
    assert "FROM" in query and not answer, (query, answer)


@pytest.fixture(scope="module")
def plain_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server started plainly: nothing but the check stands between a query and the network."""
    with oxigraph_server(tmp_path_factory.mktemp("plain"), offline=False) as url:
        yield url


@pytest.fixture(scope="module")
def offline_oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server as newsgraph starts one: ``newsgraph offline -- oxigraph serve``."""
    with oxigraph_server(tmp_path_factory.mktemp("offline")) as url:
        RemoteStore(url).replace_graph(ONTOLOGY_GRAPH, ontology_quads())  # so that the store is not empty
        yield url


# ---------------------------------------------------------------------------------------------- finding 1
def test_the_second_attack_is_refused_on_every_store(plain_oxigraph: str, tmp_path: Path) -> None:
    """Each spelling of the report, on the embedded store, a plain Oxigraph server given as the store (no second
    line there) and a read-only ``newsgraph serve --store`` of that server: refused, and nothing reached."""
    embedded = KnowledgeGraph.open(None)
    remote = KnowledgeGraph.open(plain_oxigraph)
    with listening() as listener:
        for query in second_attack(listener.url):
            _refused_or_empty(embedded.query, query)
            _refused_or_empty(remote.query, query)
        for update in second_attack_updates(listener.url):
            for store in (embedded.store, remote.store):
                with pytest.raises(QueryError, match="LOAD"):
                    store.update(update)
        with newsgraph_server(plain_oxigraph) as url:
            for query in second_attack(listener.url):
                response = requests.post(f"{url}/sparql", data={"query": query}, timeout=30)
                assert response.status_code == 400, (query, response.text)
        store = tmp_path / "store"
        KnowledgeGraph.open(store).close()
        with newsgraph_server(store, "--allow-update", "--trust-loopback") as url:
            for update in second_attack_updates(listener.url):
                response = requests.post(f"{url}/sparql", data={"update": update}, timeout=30)
                assert response.status_code == 400 and "LOAD" in response.text, (update, response.text)
    assert listener.connections == []


def test_the_store_is_sent_the_checks_writing_not_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a SPARQL server receives is the check's canonical text: no comment, no prefixed name, nothing glued."""
    sent: list[str] = []

    def post(self: RemoteStore, url: str, *, data: object, headers: object, params: object = None) -> object:
        sent.append(data["query"] if isinstance(data, dict) else data.decode())  # type: ignore[attr-defined]
        raise QueryError("not sent")

    monkeypatch.setattr(RemoteStore, "_post", post)
    remote = RemoteStore("http://127.0.0.1:9")
    text = "PREFIX ex: <http://e/> # a comment\nSELECT ?s WHERE{?s ex:p 'it\\'s'FILTER(?s<?t)}"
    with pytest.raises(QueryError):
        remote.query(text)
    with pytest.raises(QueryError):
        remote.update("PREFIX ex: <http://e/> INSERT DATA{ex:a ex:p 1}#x")
    assert (
        sent[0] == _sparql.check(text).text == 'SELECT ?s WHERE { ?s <http://e/p> "it\'s" FILTER( ?s < ?t ) }'
    )
    assert sent[1] == "INSERT DATA { <http://e/a> <http://e/p> 1 }"


def test_every_named_query_reads_back_and_runs_as_written_out(example_kg: KnowledgeGraph) -> None:
    """The named queries are sent as written (they are the project's own text): each parses, reaches nothing
    outside the store, and gives the same rows written out by the check as written by hand."""
    for named in list_queries():
        checked = _sparql.check(named.text, trust=False)
        assert checked.form == "SELECT"
        if named.params:
            continue
        by_hand = example_kg.store.oxigraph.query(named.text, use_default_graph_as_union=True)
        written = example_kg.store.oxigraph.query(checked.text, use_default_graph_as_union=True)
        assert sorted(map(str, by_hand)) == sorted(map(str, written)), named.name


# ---------------------------------------------------------------------------------------------- finding 2
def test_the_rdflib_view_is_checked_and_offline(tmp_path: Path, offline_oxigraph: str) -> None:
    """``dataset()`` ran SERVICE and LOAD with neither line: LOAD of a local file put its triples in the store."""
    secret = tmp_path / "secret.nt"
    secret.write_text('<https://example.org/secret> <https://example.org/p> "hidden" .\n')
    kg = KnowledgeGraph.open(tmp_path / "store")
    with listening() as listener:
        for dataset in (kg.store.dataset(), RemoteStore(offline_oxigraph).dataset()):
            with pytest.raises(QueryError, match="LOAD"):
                dataset.update(f"LOAD <{secret.as_uri()}> INTO GRAPH <https://example.org/g>")
            with pytest.raises(QueryError, match="LOAD"):
                dataset.update(f"LOADSILENT <{listener.url}/d.ttl>")
            with pytest.raises(QueryError, match="SERVICE"):
                dataset.query(f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}")
            with pytest.raises(QueryError, match="rdflib"):
                dataset.query("SELECT * WHERE { ?s ?p ?o }", use_store_provided=False)
            # what the view is for still works, prefixes of the dataset included
            assert len(list(dataset.query("SELECT ?s WHERE { ?s rdf:type ?o } LIMIT 1"))) == 1
    assert listener.connections == []
    assert kg.query("SELECT ?o WHERE { ?s <https://example.org/p> ?o }") == []
    kg.close()


# ---------------------------------------------------------------------------------------------- finding 4
def test_a_costly_query_is_checked_off_the_event_loop(tmp_path: Path) -> None:
    """A query that takes the check seconds (a 900 kB VALUES block) runs in a worker: another client's query is
    answered while it is being checked. (The report's 1 MB query is now refused at its first glued "<".)"""
    hostile = "ASK { " + "FILTER(?aN<?bN)#>\n" * 5 + "," * 1_000_000 + " }"
    with pytest.raises(QueryError, match="malformed"):
        _sparql.check(hostile)
    costly = (
        "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { " + " ".join(f'"v{i}"' for i in range(100_000)) + " } }"
    )
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    finished: dict[str, float] = {}
    with newsgraph_server(store, "--workers", "2", timeout=60.0) as url:
        requests.get(f"{url}/sparql", params={"query": "ASK { ?s ?p 'warm' }"}, timeout=60)

        def send_costly() -> None:
            requests.post(
                f"{url}/sparql",
                data=costly,
                headers={"Content-Type": "application/sparql-query"},
                timeout=120,
            )
            finished["costly"] = time.monotonic()

        sender = threading.Thread(target=send_costly)
        sender.start()
        time.sleep(0.3)  # the costly query is in a worker's hands
        answer = requests.get(f"{url}/sparql", params={"query": "ASK { ?s ?p 'other' }"}, timeout=120)
        finished["other"] = time.monotonic()
        sender.join(150)
    assert answer.status_code == 200
    assert finished["other"] < finished["costly"]


# ---------------------------------------------------------------------------------------------- the fuzz test
def passthrough(
    text: str, *, update: bool = False, prefixes: object = (), trust: bool = True
) -> _sparql.Checked:
    """The check switched off: the text goes to the store as it is (what a missed spelling would do)."""
    return _sparql.Checked(text, "UPDATE" if update else "SELECT")


_NOISE = st.sampled_from(
    [" ", "\n", "\r", "\t", "#", "# x\r", "# x\n", "<", ">", "?a", "?b", "(", ")", "'", '"', "'''", '"""',
     "\\u0022", "\\u0027", "\\u0053", "\\", "\u2028", "\x0b", "\u00a0", "FILTER(", "BIND(", "1", "<a>", ".",
     "?a<?b)", "#>", "<?b)", "''", "e", "true<?b", "false<?b", '"x"@en<?b', '"x"@values', "COALESCE(", ",",
     "SILENT", "NAMED", ":", "ex:", "{", "}"]
)  # fmt: skip
_KEYWORD = st.sampled_from(
    ["SERVICE", "service", "SeRvIcE", "SERVICESILENT", "SERVICE:", "SERVICEex:", "\\u0053ERVICE", "LOAD"]
)


@st.composite
def _queries(draw: st.DrawFn, url: str) -> str:
    before = "".join(draw(st.lists(_NOISE, max_size=8)))
    after = "".join(draw(st.lists(_NOISE, max_size=4)))
    keyword = draw(_KEYWORD)
    target = f"<{url}/f>" if not keyword.endswith(":") else "f"
    return f"PREFIX : <{url}/> PREFIX ex: <{url}/> SELECT * WHERE {{ {before}{keyword} {target} {{ ?s ?p ?o }} {after} }}"


def _run_everywhere(query: str, stores: list[object], listener: Listener) -> None:
    """The query on each store, and its LOAD form as an update; whatever happens, nothing reaches the listener."""
    update = query.split("SELECT * WHERE", 1)[0] + query.split("SELECT * WHERE {", 1)[1].rsplit("}", 1)[0]
    update = update.replace("SERVICE", "LOAD", 1).replace("service", "LOAD", 1)
    seen = len(listener.connections)
    for store in stores:
        with contextlib.suppress(NewsgraphError):
            store.query(query)  # type: ignore[attr-defined]
        with contextlib.suppress(NewsgraphError):
            store.update(update)  # type: ignore[attr-defined]
    assert len(listener.connections) == seen, query


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the second lines are seccomp filters (Linux)"
)
def test_fuzz_no_query_reaches_the_network_from_either_store(
    offline_oxigraph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated spellings of SERVICE and LOAD among comments, escapes, quotes, operators and glued keywords, on
    the embedded store and on an Oxigraph server store; first with the check (the first line), then with the check
    switched off (the second lines: the embedded store's offline thread, the server's ``newsgraph offline``)."""
    embedded = store_module.Store()
    remote = RemoteStore(offline_oxigraph)
    with listening() as listener:

        @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(_queries(listener.url))
        def run(query: str) -> None:
            _run_everywhere(query, [embedded, remote], listener)

        run()
        monkeypatch.setattr(store_module, "check", passthrough)
        monkeypatch.setattr(remote_module, "check", passthrough)
        run()
        # the control: reaching the listener is possible, so the silence above is the lines' doing
        plain = f"SELECT * WHERE {{ SERVICE <{listener.url}/f> {{ ?s ?p ?o }} }}"
        with contextlib.suppress(OSError, SyntaxError):
            list(embedded.oxigraph.query(plain))
        assert len(listener.connections) == 1
    assert len(listener.connections) == 1


def test_a_plain_server_store_does_connect_with_the_check_off(
    plain_oxigraph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control for the server store: started without ``newsgraph offline``, it connects when asked."""
    monkeypatch.setattr(remote_module, "check", passthrough)
    with listening() as listener:
        with contextlib.suppress(NewsgraphError):
            RemoteStore(plain_oxigraph).query(
                f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}"
            )
        deadline = time.monotonic() + 10
        while not listener.connections and time.monotonic() < deadline:
            time.sleep(0.1)
    assert listener.connections
