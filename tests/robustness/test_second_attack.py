"""Issue 28, the findings past the query check: each test reproduces one as it was reported (numbers in the names).

3 entity guard, 5 results held by the server, 6 inputs known by path, 7 a huge JSON integer, 8 replacement in one
transaction, 9 the page cache, 10 proxies, 11 one-line errors, 12 credentials in URLs, 13 a hostile lexicon and
graph name, 14 file modes and the files a writer keeps in the store, 15 CSV formulas, 16 junk dates.
"""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import requests

from newsgraph import KnowledgeGraph
from newsgraph.errors import QueryError
from newsgraph.graph import _snapshots
from newsgraph.graph import server as server_module
from newsgraph.graph._pool import QueryPool, WorkerUnavailable
from newsgraph.graph.store import Store
from newsgraph.loaders.lexicon import Lexicon, LexiconError
from newsgraph.loaders.read import parse_published

from ..conftest import EXAMPLES
from ..listener import listening
from ..servers import free_port, newsgraph_server

CLI = [sys.executable, "-m", "newsgraph"]
INSERT = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/p> 1 } }"


def _cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=300)


def _one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode in {1, 2}, (done.returncode, done.stderr[-500:])
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-500:]


# ---------------------------------------------------------------------------------------------- 3
_TEN = "&{0};" * 10
_BOMB = "".join(f'<!ENTITY e{n + 1} "{_TEN.format(f"e{n}")}">' for n in range(9))
_RDF = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://e/a">'
    "<rdf:value>&e9;</rdf:value></rdf:Description></rdf:RDF>"
)


@pytest.mark.slow
def test_3_entities_expat_does_not_read_are_refused(tmp_path: Path) -> None:
    """An undeclared %x; first in the internal subset hid the declarations from expat, and a DOCTYPE after a
    megabyte of comments was not looked at: pyoxigraph expanded both (a 623-byte file aborted the import)."""
    hidden = f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [ %x; <!ENTITY e0 "aaaaaaaaaa">{_BOMB} ]>{_RDF}'
    far = f'<?xml version="1.0"?><!--{"x" * 1_100_000}--><!DOCTYPE rdf:RDF [<!ENTITY e0 "aaaaaaaaaa">{_BOMB}]>{_RDF}'
    (tmp_path / "hidden.rdf").write_text(hidden, encoding="utf-8")
    (tmp_path / "far.rdf").write_text(far, encoding="utf-8")
    assert len(hidden.encode()) < 1000
    script = tmp_path / "probe.py"
    script.write_text(
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
        "from newsgraph import KnowledgeGraph, NewsgraphError\n"
        "kg = KnowledgeGraph.open(None)\n"
        "for name in ('hidden.rdf', 'far.rdf'):\n"
        "    try:\n"
        f"        print('ADDED', name, kg.import_rdf([{str(tmp_path)!r} + '/' + name]))\n"
        "    except NewsgraphError as exc:\n"
        "        print('REFUSED', name, exc)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-1000:]
    assert "REFUSED hidden.rdf" in done.stdout and "parameter entity" in done.stdout
    assert "REFUSED far.rdf" in done.stdout and "expands to" in done.stdout


# ---------------------------------------------------------------------------------------------- 5
def test_5_a_result_is_bounded_where_it_is_made_and_released_once_sent() -> None:
    """A 235 MB CONCAT result was held whole in the server's process for as long as a slow client took."""
    app = server_module.create_app(None, max_result=10_000, hosts={"testserver"})
    big = (
        'SELECT ?s WHERE { VALUES ?n { 1 2 3 4 5 6 7 8 } BIND(CONCAT(STR(?n), "' + "x" * 2000 + '") AS ?s) }'
    )
    from starlette.testclient import TestClient

    with TestClient(app) as client:
        refused = client.get("/sparql", params={"query": big})
        assert refused.status_code == 413 and "LIMIT" in refused.text and refused.text.count("\n") == 1
        small = client.get("/sparql", params={"query": big.replace("8 }", "}").replace("2 3 4 5 6 7", "")})
        assert small.status_code == 200
    assert app.starlette.state.server.held == 0  # what was held for the client is let go once it is sent


# ---------------------------------------------------------------------------------------------- 6
@pytest.mark.slow
def test_6_two_inputs_of_the_same_name_in_two_folders_are_two_inputs(tmp_path: Path) -> None:
    """`cd p1 && ingest notes.txt`, then `cd p2 && ingest notes.txt` (other text) reported "1 replaced"."""
    store = tmp_path / "store"
    for folder, place in (("p1", "Geneva"), ("p2", "Nairobi")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(
            f"Talks in {place}\n\nThe ministers met in {place} on 3 March 2025, officials said.\n",
            encoding="utf-8",
        )
    first = _cli("ingest", "notes.txt", "--store", str(store), cwd=tmp_path / "p1")
    second = _cli("ingest", "notes.txt", "--store", str(store), cwd=tmp_path / "p2")
    assert first.returncode == second.returncode == 0, second.stderr
    assert "1 added, 0 replaced" in second.stderr, second.stderr
    assert KnowledgeGraph.open(store, read_only=True).store.articles() == 2


# ---------------------------------------------------------------------------------------------- 7
def test_7_a_jsonl_record_with_a_huge_integer_is_skipped_and_the_rest_stored(tmp_path: Path) -> None:
    """A 4,401-digit integer raised an uncaught ValueError: 'internal error', and nothing of the folder stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = '{"text": "The ministers met in Geneva on 3 March 2025, officials said."}'
    (folder / "a.jsonl").write_text(
        '{"text": "x", "n": ' + "9" * 4401 + "}\n" + good + "\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        "Talks in Lima\n\nThe ministers met in Lima on 4 March 2025.\n", encoding="utf-8"
    )
    report = KnowledgeGraph.open(tmp_path / "store").ingest([folder])
    assert report.added == 2
    assert any("a.jsonl:1" in str(error) and "cannot be read" in str(error) for error in report.skipped)


# ---------------------------------------------------------------------------------------------- 8
class _CrashAfterFirstWrite:
    """A pyoxigraph store that 'dies' (raises) at the second write of one replacement, as kill -9 would."""

    WRITES = frozenset(
        {"remove_graph", "load", "extend", "update", "add", "bulk_load", "remove", "clear_graph"}
    )

    def __init__(self, inner: ox.Store) -> None:
        self.inner = inner
        self.writes = 0

    def __getattr__(self, name: str) -> object:
        attribute = getattr(self.inner, name)
        if name not in self.WRITES:
            return attribute

        def write(*args: object, **kwargs: object) -> object:
            self.writes += 1
            if self.writes > 1:
                raise KeyboardInterrupt("killed between two writes")
            return attribute(*args, **kwargs)

        return write


def test_8_a_replacement_is_one_transaction() -> None:
    """Replacing a URL-keyed article was two transactions: a kill between them lost the article."""
    store = Store()
    iri = "https://w3id.org/newsgraph/id/article/one"
    node = ox.NamedNode(iri)

    def version(text: str) -> list[ox.Quad]:
        return [
            ox.Quad(node, ox.NamedNode("https://w3id.org/newsgraph/ns#contentHash"), ox.Literal(text), node),
            ox.Quad(node, ox.NamedNode("https://schema.org/headline"), ox.Literal(text), node),
        ]

    assert store.write_article(iri, "old", version("old")) == "added"
    inner = store.oxigraph
    store._store = _CrashAfterFirstWrite(inner)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        store.write_article(iri, "new", version("new"))
        store.write_article(iri, "newer", version("newer"))  # a second replacement: its only write fails
    store._store = inner
    assert store.article_hash(iri) in {"old", "new"}


# ---------------------------------------------------------------------------------------------- 9
def test_9_an_update_during_the_page_build_is_not_hidden_by_its_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An update that arrived while the page was being built left the old page cached until the next update."""
    app = server_module.create_app(None, allow_update=True, update_token="t", hosts={"testserver"})
    server = app.starlette.state.server
    real = server.run
    built: list[int] = []

    async def slow_page(task: dict[str, object]) -> object:
        if task["op"] == "page":
            count = len(server._memory.named_graphs()) + len(server._memory.graph_names())
            await asyncio.sleep(0.3)  # the update comes in while this build reads the store it saw
            built.append(count)
            return f"<html>{count}</html>".encode()
        return await real(task)

    monkeypatch.setattr(server, "run", slow_page)

    async def scenario() -> list[str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:

            async def update() -> None:
                await asyncio.sleep(0.1)
                answer = await client.post(
                    "/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer t"}
                )
                assert answer.status_code == 204

            first, _ = await asyncio.gather(client.get("/"), update())
            after = await client.get("/")
            return [first.text, after.text]

    pages: list[list[str]] = []  # on a thread of its own: the browser tests keep an event loop on this one
    runner = threading.Thread(target=lambda: pages.append(asyncio.run(scenario())))
    runner.start()
    runner.join(60)
    first, after = pages[0]
    assert first != after and len(built) == 2


# ---------------------------------------------------------------------------------------------- 10
@pytest.mark.server
@pytest.mark.slow
def test_10_updates_through_any_proxy_need_the_token(tmp_path: Path) -> None:
    """X-Client-IP, True-Client-IP, CF-Connecting-IP, X-Forwarded-Proto got 204, and so did a proxy adding none."""
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    with newsgraph_server(store, "--allow-update", "--trust-loopback") as url:
        for header in [
            "X-Client-IP",
            "True-Client-IP",
            "CF-Connecting-IP",
            "X-Forwarded-Proto",
            "X-Original-URL",
        ]:
            answer = requests.post(
                f"{url}/sparql", data={"update": INSERT}, headers={header: "x"}, timeout=30
            )
            assert answer.status_code == 403, header
        assert requests.post(f"{url}/sparql", data={"update": INSERT}, timeout=30).status_code == 204
    # a proxy that adds no header looks like loopback: without --trust-loopback, only the token lets an update in
    done = _cli("serve", "--store", str(store), "--allow-update", "--port", str(free_port()))
    assert done.returncode == 1 and "--update-token" in done.stderr and "--trust-loopback" in done.stderr


# ---------------------------------------------------------------------------------------------- 11
def _evaluation_fails(store: object, task: dict[str, object]) -> object:
    """A worker's task whose evaluation fails while it is serialised (SERVICE on the offline worker, the check
    switched off to let it through)."""
    from newsgraph.graph import server
    from newsgraph.graph import store as module

    from .test_check_by_parse import passthrough

    server.check = passthrough  # type: ignore[assignment]
    module.check = passthrough  # type: ignore[assignment]
    if task["op"] == "memory":
        raise MemoryError
    return server.execute(store, task)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the offline worker is Linux only")
def test_11_no_500_without_a_one_line_reason(tmp_path: Path) -> None:
    """An evaluation error during lazy serialisation, a worker's MemoryError and a non-ASCII bearer token gave
    HTTP 500 with a traceback."""
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    pool = QueryPool(store, _evaluation_fails, workers=1, timeout=30)
    try:
        with listening() as listener:
            query = f"SELECT * WHERE {{ SERVICE <{listener.url}/x> {{ ?s ?p ?o }} }}"
            with pytest.raises(QueryError, match="query failed"):
                pool.run({"op": "query", "sparql": query, "accept": "application/sparql-results+json"})
        with pytest.raises(WorkerUnavailable, match="memory"):
            pool.run({"op": "memory"})
        assert pool.run({"op": "graphs"})  # and the worker goes on
    finally:
        pool.close()
    from starlette.testclient import TestClient

    app = server_module.create_app(None, allow_update=True, update_token="t", hosts={"testserver"})
    with TestClient(app) as client:
        token = client.post(
            "/sparql", data={"update": INSERT}, headers={"Authorization": b"Bearer \xe9t\xe9"}
        )
        assert token.status_code == 403 and token.text.count("\n") == 1


# ---------------------------------------------------------------------------------------------- 12
@pytest.mark.slow
def test_12_credentials_in_a_store_url_are_never_printed(tmp_path: Path) -> None:
    """Errors, `info` and the `serve` banner printed the password in `--store http://user:password@host`."""
    url = f"http://reader:s3cret-pass@127.0.0.1:{free_port()}/query"
    for done in (_cli("info", "--store", url), _cli("stats", "--store", url)):
        assert "s3cret-pass" not in done.stdout + done.stderr
        assert "***@127.0.0.1" in done.stdout + done.stderr
    process = subprocess.Popen(
        [*CLI, "serve", "--store", url, "--port", str(free_port())], stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        banner = process.stderr.readline()
    finally:
        process.terminate()
        process.wait(20)
    assert "serving" in banner and "s3cret-pass" not in banner and "***@" in banner


# ---------------------------------------------------------------------------------------------- 13
@pytest.mark.parametrize(
    "text",
    [
        "roles = [1]",
        'claims = "x"',
        "[statement]\nverbs = [1, 2]",
        "[statement.acts]\nstatement = [1]",
        "[roles]\ndefault = 1",
        "a = " + "[" * 5000 + "]" * 5000,
    ],
    ids=[
        "roles-list",
        "claims-string",
        "non-string-words",
        "acts-non-string",
        "roles-not-table",
        "deep-arrays",
    ],
)
def test_13_a_hostile_lexicon_is_a_lexicon_error(text: str) -> None:
    """These gave 'internal error: AttributeError/TypeError/RecursionError'."""
    with pytest.raises(LexiconError):
        Lexicon.from_text(text)


@pytest.mark.slow
def test_13_a_hostile_lexicon_and_graph_name_on_the_command_line(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text("roles = [1]\n", encoding="utf-8")
    _one_line_error(_cli("ingest", str(EXAMPLES), "--lexicon", str(lexicon), "--store", str(tmp_path / "s")))
    data = tmp_path / "data.nt"
    data.write_text("<http://e/a> <http://e/p> <http://e/o> .\n", encoding="utf-8")
    done = _cli("import", str(data), "--graph", "not an iri", "--store", str(tmp_path / "s"))
    _one_line_error(done)
    assert "IRI" in done.stderr


# ---------------------------------------------------------------------------------------------- 14
@pytest.mark.slow
def test_14_out_files_keep_their_mode_and_the_store_files_follow_no_link(tmp_path: Path) -> None:
    """`render --out` / `export --out` turned a 0644 file into 0600; `serve` truncated a symlinked lock's target.
    Since issue 27 there is no serve lock (readers read snapshots): the files a writer keeps in the store's directory
    (the snapshots' marker and pointer) are the ones a planted link must not redirect."""
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.ingest(sorted(EXAMPLES.glob("*.txt"))[:1])
    for command in (["render"], ["export", "--format", "turtle"]):
        out = tmp_path / f"{command[0]}.out"
        out.write_text("before", encoding="utf-8")
        out.chmod(0o644)
        done = _cli(*command, "--out", str(out), "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    marker = store / _snapshots.DIRECTORY / "writing"
    marker.unlink(missing_ok=True)
    os.symlink(victim, marker)
    done = _cli("ingest", str(sorted(EXAMPLES.glob("*.txt"))[1]), "--store", str(store))
    _one_line_error(done)
    assert "symbolic link" in done.stderr
    assert victim.read_text(encoding="utf-8") == "precious"


# ---------------------------------------------------------------------------------------------- 15
@pytest.mark.slow
def test_15_csv_and_tsv_cells_that_start_a_formula_are_prefixed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    query = 'SELECT ?x WHERE { VALUES ?x { "=HYPERLINK(\\"http://e\\")" "+cmd" "@SUM(A1)" "-x" "-3" "2.5" } }'
    for format, separator in (("csv", ","), ("tsv", "\t")):
        done = _cli("query", "-", "--format", format, "--store", str(store), stdin=query)
        assert done.returncode == 0, done.stderr
        cells = [line.split(separator)[0].strip('"') for line in done.stdout.splitlines()[1:]]
        assert [c[:2] for c in cells] == ["'=", "'+", "'@", "'-", "-3", "2."], cells


# ---------------------------------------------------------------------------------------------- 16
def test_16_junk_dates_with_a_year_are_not_read_as_dates() -> None:
    for junk in ["2019 a1", "2024 in 3 years", "2024 3 days ago"]:
        assert parse_published(junk) is None, junk
    assert str(parse_published("5 March 2024")) == "2024-03-05"
    assert str(parse_published("Tue, 05 Mar 2024 10:00:00 GMT")) == "2024-03-05"
