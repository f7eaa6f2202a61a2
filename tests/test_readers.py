"""Issue 27, friction 2: a notebook does not lock out the shell. The library reads until a method writes; readers
never block each other; a reader beside a writer reads the last committed state; library errors speak Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import requests

from newsgraph import KnowledgeGraph
from newsgraph.errors import ParameterError, StoreError, StoreLockedError

from .conftest import EXAMPLES
from .servers import newsgraph_server

CLI = [sys.executable, "-m", "newsgraph"]

#: a writer in another process: opens the store for writing, stores one article, publishes it (flush), then holds
#: the store until told to store a second one and stop
_WRITER = """
import sys
from pathlib import Path
from newsgraph.graph.store import Store
from newsgraph.graph.writer import to_quads
from newsgraph.loaders import Extractor, read_paths

store = Store(sys.argv[1])
extractor = Extractor()
for name in sys.argv[2:]:
    (article,) = read_paths([name])
    store.write_article(article.iri, article.content_hash, to_quads(extractor.extract(article)))
    store.flush()
    print("stored", flush=True)
    sys.stdin.readline()
store.close()
"""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_a_notebook_session_and_the_cli_use_one_store_at_once(tmp_path: Path) -> None:
    store = tmp_path / "store"
    notebook = KnowledgeGraph.open(store)  # as a Jupyter session would, and kept open
    notebook.ingest([EXAMPLES / "05_singapore_summit.txt"])
    assert notebook.stats()["articles"] == 1
    stats = _cli(
        "stats", "--store", str(store)
    )  # before: "store ... is in use: another process is writing it"
    assert stats.returncode == 0, stats.stderr
    assert "articles  1" in stats.stdout
    listed = _cli("query", "actors", "--format", "csv", "--store", str(store))
    assert listed.returncode == 0 and "Kim Jong Un" in listed.stdout
    with newsgraph_server(store) as url:
        assert requests.get(f"{url}/", timeout=60).status_code == 200
        assert notebook.query("actors")  # the server's workers and the session read side by side
        ingest = _cli("ingest", str(EXAMPLES), "--store", str(store))  # the shell writes while both read
        assert ingest.returncode == 0, ingest.stderr
        assert notebook.stats()["articles"] == 11  # each method reads the newest committed state
        count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
        answer = requests.get(f"{url}/sparql", params={"query": count}, timeout=30).json()
        assert answer["results"]["bindings"][0]["n"]["value"] == "11"
    notebook.close()


@pytest.mark.slow
def test_a_reader_beside_a_writer_reads_the_last_committed_state(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(store), str(EXAMPLES / "05_singapore_summit.txt"),
         str(EXAMPLES / "06_drone_strike.txt")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert writer.stdin is not None and writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "stored"
        notebook = KnowledgeGraph.open(store)
        assert notebook.stats()["articles"] == 1  # what the writer committed, while it still holds the store
        stats = _cli("stats", "--store", str(store))
        assert stats.returncode == 0 and "articles  1" in stats.stdout
        with pytest.raises(StoreLockedError, match=r"in use: another process \(pid \d+\)"):
            notebook.ingest([EXAMPLES / "01_kursk_casualties.txt"])  # one writer at a time, said at once
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "stored"
        assert notebook.stats()["articles"] == 2  # the same session, the next committed state
        assert _cli("stats", "--store", str(store)).stdout.count("articles  2") == 1
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.wait(timeout=60) == 0
        notebook.ingest([EXAMPLES / "01_kursk_casualties.txt"])  # the writer has gone: this session may write
        assert notebook.stats()["articles"] == 3
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()


def test_read_only_refuses_writes_in_python_terms(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    kg = KnowledgeGraph.open(store, read_only=True)
    with pytest.raises(StoreError, match=r"KnowledgeGraph.ingest\(\) writes.*read_only=True") as caught:
        kg.ingest([EXAMPLES / "06_drone_strike.txt"])
    assert "--" not in str(caught.value)


def test_library_errors_name_the_parameter_in_python(example_kg: KnowledgeGraph) -> None:
    with pytest.raises(ParameterError) as missing:
        example_kg.query("connections")
    message = str(missing.value)
    assert missing.value.missing == ["actor"] and "kg.query('connections', actor=...)" in message
    assert "--param" not in message  # before: "(use --param NAME=VALUE)"
    with pytest.raises(ParameterError) as unknown:
        example_kg.query("connections", actor="Kim Jong Un", actr="x")
    assert unknown.value.unknown == ["actr"] and "has no parameter actr" in str(unknown.value)


@pytest.mark.slow
def test_the_cli_says_the_same_with_its_flags(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    done = _cli("query", "connections", "--store", str(store))
    assert done.returncode == 1
    assert "--param actor=VALUE" in done.stderr and "kg.query" not in done.stderr


def test_show_outside_jupyter_opens_the_page_in_a_browser(
    example_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    page = example_kg.show()  # before: an object that did nothing outside Jupyter
    assert page.path is not None and page.path.read_text(encoding="utf-8") == page.html
    assert opened == [page.path.as_uri()]
    assert f"opened in the web browser from {page.path}" in repr(page)
    page.path.unlink()
    quiet = example_kg.show(browser=False)  # in Jupyter: displays itself, nothing opened
    assert quiet.path is None and "<iframe" in quiet._repr_html_() and len(opened) == 1


@pytest.mark.slow
def test_what_a_killed_writer_committed_is_what_readers_read(tmp_path: Path) -> None:
    """A writer killed before it published what it committed: readers read the store itself, and the next writer
    publishes it, even if it writes nothing."""
    import signal

    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()  # a store with its first snapshot (no article)
    script = _WRITER.replace("    store.flush()\n", "")  # commit, never flush nor publish
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(store), str(EXAMPLES / "05_singapore_summit.txt")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert writer.stdout is not None and writer.stdout.readline().strip() == "stored"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert KnowledgeGraph.open(store, read_only=True).stats()["articles"] == 1  # not the stale snapshot's 0
    with KnowledgeGraph.open(store).writing():
        pass  # a writer that writes nothing
    assert _cli("stats", "--store", str(store)).stdout.count("articles  1") == 1
