"""Hostile text, hostile parameters, the network and the command line (issue 7, items 10, 11, 13, 14 and 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph import KnowledgeGraph
from newsgraph.errors import ArticleError
from newsgraph.loaders import Article

from ..conftest import EXAMPLES
from ..servers import newsgraph_server

CLI = [sys.executable, "-m", "newsgraph"]
HOSTILE = '<img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=2</script> <a href="javascript:window.__pwned=3">href</a>'


@pytest.mark.browser
@pytest.mark.server
def test_hostile_text_stays_inert_in_the_served_page(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Item 10: markup in titles, sentences, figures and the outlet, served by `newsgraph serve`, runs nothing."""
    store = tmp_path / "store"
    kg = KnowledgeGraph.open(store)
    kg.ingest_articles(
        [
            Article(
                text=(
                    f"Summit {HOSTILE}\n\nVladimir Putin met Kim Jong Un in Pyongyang, officials said. {HOSTILE}\n\n"
                    f"Zelensky said about 3,000 {HOSTILE} soldiers had been killed."
                ),
                title=f"Summit {HOSTILE}",
                url="https://news.example.org/x?<script>",
                outlet=f"Wire {HOSTILE}",
                source="hostile",
            )
        ]
    )
    kg.close()
    with newsgraph_server(store) as url:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url + "/")
        for _ in range(100):
            if page.evaluate("() => window.newsgraph !== undefined"):
                break
            page.wait_for_timeout(100)
        page.click("#show-claims")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert (
            page.evaluate("() => document.querySelectorAll('img, script[src], a[href^=javascript]').length")
            == 0
        )
        assert "onerror" in page.content()  # it is there, as text
        assert [r for r in requests if not r.startswith(url)] == []
        page.close()


def test_a_parameter_is_a_value_from_the_command_line(tmp_path: Path) -> None:
    """Item 11: `--param actor='" } ; DROP ALL #'` finds nothing and changes nothing."""
    store = tmp_path / "store"
    assert (
        subprocess.run(
            [*CLI, "ingest", str(EXAMPLES / "05_singapore_summit.txt"), "--store", str(store)]
        ).returncode
        == 0
    )
    before = KnowledgeGraph.open(store, read_only=True).stats()
    for hostile in ['" } ; DROP ALL #', "'} DROP ALL; #", "> } DROP ALL #", '\\" } DROP ALL #']:
        done = subprocess.run(
            [
                *CLI,
                "query",
                "actor-events",
                "--param",
                f"actor={hostile}",
                "--format",
                "csv",
                "--store",
                str(store),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0 and done.stdout.strip().count("\n") == 0  # the header only
    assert KnowledgeGraph.open(store, read_only=True).stats() == before


NETWORK_PROBE = """
import socket, sys
calls = []

def hook(event, args):
    if event in {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
                 "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect"}:
        calls.append(event)
        raise RuntimeError(f"network access during the test: {event} {args!r}")

sys.addaudithook(hook)
from pathlib import Path
from newsgraph import KnowledgeGraph
from newsgraph.queries import list_queries
work = Path(sys.argv[1])
kg = KnowledgeGraph.open(work / "store")
report = kg.ingest([sys.argv[2], work / "remote.html", work / "feed.rss"])
assert not report.errors, report.errors
for extraction in kg.extract_paths([work / "remote.html"]):
    extraction.to_dict()
for named in list_queries():
    kg.query(named.name, **{p: "Kim Jong Un" for p in named.params})
kg.render(work / "page.html")
kg.export(work / "out.jsonld", format="jsonld")
kg.export(work / "out.graphml", format="graphml", view="actors")
kg.centrality()
kg.disagreements()
try:
    kg.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
except Exception as exc:
    print("SERVICE:", exc)
print("CALLS", calls)
"""


@pytest.mark.slow
def test_no_network_during_ingest_extract_query_and_render(tmp_path: Path) -> None:
    """Item 13: an audit hook fails on any socket or URL use; every step runs, and SERVICE is refused."""
    (tmp_path / "remote.html").write_text(
        """<!DOCTYPE html><html><head><title>Talks in Oslo</title>
        <link rel="stylesheet" href="http://127.0.0.1:9/style.css"><script src="http://127.0.0.1:9/x.js"></script>
        <meta property="og:url" content="http://127.0.0.1:9/article"></head>
        <body><article><h1>Talks in Oslo</h1><img src="http://127.0.0.1:9/photo.jpg">
        <p>Foreign ministers of Norway and Qatar met in Oslo on Monday, officials said.</p>
        <p>See <a href="http://127.0.0.1:9/more">more</a> and <iframe src="http://127.0.0.1:9/frame"></iframe>.</p>
        </article></body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "feed.rss").write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1:9/</link>
        <item><title>Talks in Doha</title><link>http://127.0.0.1:9/doha</link>
        <enclosure url="http://127.0.0.1:9/a.mp3" type="audio/mpeg" length="1"/>
        <description>Ministers of Qatar and Turkey met in Doha on Tuesday.</description></item></channel></rss>""",
        encoding="utf-8",
    )
    probe = tmp_path / "probe.py"
    probe.write_text(NETWORK_PROBE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(probe), str(tmp_path), str(EXAMPLES)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "CALLS []" in done.stdout
    assert "SERVICE: refused: SERVICE would reach outside the store" in done.stdout
    assert (tmp_path / "page.html").stat().st_size > 10_000


# Every character RDF can carry, control characters and astral planes included; no lone surrogates.
TEXTS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=120)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples every run: make test is green or red for the code, not for the draw
    database=None,
)
@given(title=TEXTS, body=TEXTS)
@example(title="ͰͰ0ͰͰ0ͰҊҊҊҊҊҊҊҊҊҊؠؠؠ", body="ͰͰ0ͰͰ0ͰҊҊ0ҊҊҊҊҊҊҊҊؠؠؠؠ")  # once taken for another script's text
def test_unicode_round_trip(title: str, body: str) -> None:
    """Item 14: any title and text come back from the store exactly, and every stored span matches its offsets."""
    kg = KnowledgeGraph.open(None)
    text = f"{title}\n\n{body} Vladimir Putin met Kim Jong Un in Pyongyang."
    article = Article(text=text, title=title, source="hypothesis")
    report = kg.ingest_articles([article])
    assert report.added == 1, report.failed
    (row,) = kg.query(
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>"
        " PREFIX schema: <https://schema.org/>"
        " SELECT ?text ?title WHERE { ?a nif:isString ?text ; schema:headline ?title }"
    )
    assert row["text"] == text and row["title"] == title
    spans = kg.query(
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>"
        " SELECT ?anchor ?begin ?end WHERE { ?s nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end }"
    )
    assert spans
    for span in spans:
        assert text[span["begin"] : span["end"]] == span["anchor"]


def test_lone_surrogates_are_refused_with_a_clear_error() -> None:
    """Item 14: text Python can hold but RDF cannot (a lone surrogate) is refused by name; the batch goes on."""
    kg = KnowledgeGraph.open(None)
    bad = Article(text="Talks\n\nMinisters met in Oslo \ud800 on Monday.", source="bad")
    good = Article(text="Talks\n\nMinisters met in Oslo on Monday, officials said.", source="good")
    report = kg.ingest_articles([bad, good])
    assert report.added == 1
    (failure,) = report.failed
    assert (
        isinstance(failure, ArticleError) and failure.source == "bad" and "lone surrogate" in failure.reason
    )


@pytest.mark.parametrize(
    "case",
    [
        pytest.param("ingest_missing", id="ingest a missing path"),
        pytest.param("query_unknown", id="unknown named query"),
        pytest.param("query_missing_param", id="missing parameter"),
        pytest.param("query_malformed", id="malformed SPARQL"),
        pytest.param("query_service", id="SERVICE refused"),
        pytest.param("no_store", id="no store"),
        pytest.param("bad_format", id="unknown format (usage)"),
        pytest.param("bad_option", id="unknown option (usage)"),
        pytest.param("bad_date", id="bad date (usage)"),
        pytest.param("unknown_command", id="unknown command (usage)"),
        pytest.param("missing_argument", id="missing argument (usage)"),
        pytest.param("export_format", id="unknown export format"),
        pytest.param("import_broken", id="broken RDF import"),
        pytest.param("remote_down", id="unreachable server"),
        pytest.param("path_none", id="no path between actors"),
        pytest.param("serve_no_store", id="serve a missing store"),
    ],
)
def test_every_cli_error_is_one_line(case: str, tmp_path: Path, example_store: Path) -> None:
    """Item 15: one line on stderr, exit 1 (failure) or 2 (usage), never a traceback."""
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://e/a> <http://e/p> .\n")
    store = ["--store", str(example_store)]
    commands = {
        "ingest_missing": (["ingest", str(tmp_path / "nothing.txt"), "--store", str(tmp_path / "s")], 1),
        "query_unknown": (["query", "no-such-query", *store], 1),
        "query_missing_param": (["query", "actor-events", *store], 1),
        "query_malformed": (["query", "SELECT WHERE {", *store], 1),
        "query_service": (
            ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", *store],
            1,
        ),
        "no_store": (["stats", "--store", str(tmp_path / "none")], 1),
        "bad_format": (["query", "actors", "--format", "yaml", *store], 2),
        "bad_option": (["stats", "--colour", *store], 2),
        "bad_date": (
            ["ingest", str(EXAMPLES), "--published", "2025-02-30", "--store", str(tmp_path / "s")],
            2,
        ),
        "unknown_command": (["frobnicate"], 2),
        "missing_argument": (["extract"], 2),
        "export_format": (["export", "--format", "rdfa", *store], 1),
        "import_broken": (["import", str(broken), "--store", str(tmp_path / "s")], 1),
        "remote_down": (["stats", "--store", "http://127.0.0.1:9/sparql"], 1),
        "path_none": (["analyze", "path", "--from", "Nobody Atall", "--to", "Kim Jong Un", *store], 1),
        "serve_no_store": (["serve", "--store", str(tmp_path / "none"), "--port", "0"], 1),
    }
    args, code = commands[case]
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    errors = [
        line for line in done.stderr.splitlines() if line.startswith(("error:", "usage error:", "failed"))
    ]
    assert len(errors) == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.strip().splitlines()
    if case == "query_malformed":  # the query's line and a caret under the error, below the one error line
        assert len(lines) == 3 and lines[2].strip() == "^", done.stderr
    elif case != "ingest_missing":  # ingest also prints its summary line
        assert len(lines) == 1, done.stderr
    if case == "query_unknown":  # --debug is the way to the traceback
        debug = subprocess.run([*CLI, "--debug", *args], capture_output=True, text=True, timeout=120)
        assert debug.returncode == 1 and "Traceback" in debug.stderr and "UnknownQueryError" in debug.stderr


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    kg = KnowledgeGraph.open(path)
    kg.ingest([EXAMPLES / "05_singapore_summit.txt"])
    kg.close()
    return path
