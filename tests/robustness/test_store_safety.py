"""The store under repetition, crashes and contention (issue 7, items 1, 3 and 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph, StoreLockedError
from newsgraph.graph.writer import to_quads
from newsgraph.loaders import Extractor, read_paths

from ..conftest import EXAMPLES

CLI = [sys.executable, "-m", "newsgraph"]
SOURCE = "SELECT ?s ?g WHERE { GRAPH ?g { ?g <https://w3id.org/newsgraph/ns#sourceName> ?s } }"
PEOPLE = ["Antony Blinken", "Sergei Lavrov", "Wang Yi", "Penny Wong", "Hakan Fidan", "Annalena Baerbock"]
CITIES = ["Geneva", "Vienna", "Oslo", "Doha", "Ankara", "Nairobi", "Lima", "Hanoi", "Jakarta", "Riga"]


def _corpus(directory: Path, count: int) -> list[Path]:
    """Short, distinct articles: varied people, places, dates and figures."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        a, b = PEOPLE[n % len(PEOPLE)], PEOPLE[(n * 5 + 1) % len(PEOPLE)]
        city = CITIES[n % len(CITIES)]
        text = (
            f"Talks in {city}, round {n}\n\n"
            f"{a} met {b} in {city} on {1 + n % 27} March 2025, officials said.\n\n"
            f"The ministry said about {100 + n} people had been evacuated from the border area."
        )
        path = directory / f"article_{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(store: Path, *paths: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "ingest", *map(str, paths), "--store", str(store)], capture_output=True, text=True
    )


def test_reingest_is_idempotent_and_an_edited_file_replaces_its_graph(tmp_path: Path) -> None:
    """Item 1, through the command line."""
    store = tmp_path / "store"
    first = _ingest(store, EXAMPLES)
    assert first.returncode == 0
    kg = KnowledgeGraph.open(store, read_only=True)
    stats = kg.stats()
    graphs = kg.store.named_graphs()
    del kg
    again = _ingest(store, EXAMPLES)
    assert again.returncode == 0 and f"0 added, 0 replaced, {stats['articles']} unchanged" in again.stderr
    kg = KnowledgeGraph.open(store, read_only=True)
    assert kg.stats() == stats and kg.store.named_graphs() == graphs
    del kg

    # A plain-text file has no URL: its identity is its text. Edited, it gets a new graph, and the old one goes.
    copy = tmp_path / "articles"
    (path,) = _corpus(copy, 1)
    assert _ingest(store, path).returncode == 0
    old = KnowledgeGraph.open(store, read_only=True).store.articles_from(str(path))
    path.write_text(path.read_text(encoding="utf-8").replace("evacuated", "moved"), encoding="utf-8")
    edited = _ingest(store, path)
    assert "0 added, 1 replaced" in edited.stderr
    kg = KnowledgeGraph.open(store, read_only=True)
    new = kg.store.articles_from(str(path))
    assert len(old) == len(new) == 1 and old != new
    assert kg.stats()["articles"] == stats["articles"] + 1


@pytest.mark.slow
def test_kill_9_during_ingest_leaves_every_article_whole_or_absent(tmp_path: Path) -> None:
    """Item 3: SIGKILL while 200 articles are being written; the store opens and holds only whole articles."""
    paths = _corpus(tmp_path / "articles", 200)
    store = tmp_path / "store"
    process = subprocess.Popen(
        [*CLI, "--verbose", "ingest", str(tmp_path / "articles"), "--store", str(store), "--batch-size", "4"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    written = 0
    deadline = time.monotonic() + 120
    while written < 40 and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        written += line.startswith("INFO newsgraph._ingest: added")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert written >= 40, "the ingest ended before it could be interrupted"

    kg = KnowledgeGraph.open(store)  # opens for writing: the lock died with the process
    present = kg.store.named_graphs()
    assert 40 <= len(present) < 200
    by_source = {str(p): p for p in paths}
    extractor = Extractor()
    for iri in present:
        rows = kg.store.query(SOURCE, {"g": ox.NamedNode(iri)})
        (source,) = (row["s"].value for row in rows)
        (article,) = read_paths([by_source[source]])
        expected = to_quads(extractor.extract(article))
        stored = kg.store.graph_quads(iri)
        assert len(stored) == len(expected), f"{source} is half-written"

    report = kg.ingest([tmp_path / "articles"])
    assert report.unchanged == len(present) and report.added == 200 - len(present) and not report.failed
    assert kg.stats()["articles"] == 200


def test_a_second_writer_gets_a_clear_error_and_a_reader_the_last_committed_state(tmp_path: Path) -> None:
    """Item 4 (and issue 27): one process writes; a second writer gets "store is in use" (exit 1, one line), while
    a reader is not refused: it reads the state the store was last committed in."""
    store = tmp_path / "store"
    assert _ingest(store, EXAMPLES / "06_drone_strike.txt").returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph,time; s=pyoxigraph.Store({str(store)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        writer = _ingest(store, EXAMPLES / "05_singapore_summit.txt")
        assert writer.returncode == 1
        assert "is in use" in writer.stderr and "Traceback" not in writer.stderr
        assert len(writer.stderr.strip().splitlines()) == 1
        reader = subprocess.run([*CLI, "stats", "--store", str(store)], capture_output=True, text=True)
        assert reader.returncode == 0, reader.stderr
        assert "articles  1" in reader.stdout
        kg = KnowledgeGraph.open(store)  # reads
        assert kg.stats()["articles"] == 1
        with pytest.raises(StoreLockedError, match="in use"):
            kg.ingest([EXAMPLES / "05_singapore_summit.txt"])
        kg.close()
    finally:
        holder.kill()
        holder.wait()
    assert _ingest(store, EXAMPLES / "05_singapore_summit.txt").returncode == 0
