"""Issue 27, friction 7: output files as a shell redirect would make them, every written file said, and a server
that logs its requests and stops at once."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from newsgraph import KnowledgeGraph
from newsgraph._output import umask, write_atomic

from .servers import free_port, wait_for

CLI = [sys.executable, "-m", "newsgraph"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_atomic_write_gets_the_mode_a_redirect_would(tmp_path: Path) -> None:
    fresh = write_atomic(tmp_path / "new.html", b"x")
    assert _mode(fresh) == 0o666 & ~umask()  # before: 0600, the temporary file's
    kept = tmp_path / "kept.graphml"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomic(kept, b"new")
    assert (
        _mode(kept) == 0o640 and kept.read_bytes() == b"new"
    )  # a file replaced keeps its mode, as `>` keeps it


@pytest.mark.slow
def test_render_and_export_write_readable_files_and_say_so(
    example_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    store = str(example_kg.store.path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*CLI, *args, "--store", store],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )

    page = tmp_path / "graph.html"
    rendered = run("render", "--out", str(page))
    assert rendered.returncode == 0 and _mode(page) == 0o644
    assert rendered.stderr.startswith(f"wrote {page} (events view: ") and " nodes, " in rendered.stderr
    network = tmp_path / "actors.gexf"
    exported = run("export", "--format", "gexf", "--view", "actors", "-o", str(network))
    assert exported.returncode == 0 and _mode(network) == 0o644
    graph = example_kg.to_networkx(view="actors")
    said = f"wrote {network} (actors view: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    assert exported.stderr.startswith(said)  # before: nothing at all
    rdf = tmp_path / "graph.trig"
    exported = run("export", "--format", "trig", "-o", str(rdf))
    assert exported.returncode == 0 and exported.stderr.startswith(f"wrote {rdf} (trig, ")
    assert f"{rdf.stat().st_size:,} bytes" in exported.stderr
    piped = run("export", "--format", "trig")
    assert piped.stderr == "" and piped.stdout.encode() == rdf.read_bytes()  # stdout stays data only


@pytest.mark.slow
def test_serve_logs_each_request_and_stops_at_once_on_ctrl_c(example_kg: KnowledgeGraph) -> None:
    port = free_port()
    server = subprocess.Popen(
        [*CLI, "serve", "--store", str(example_kg.store.path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C in a terminal signals the whole group: the workers too
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/queries", server)
        session = requests.Session()  # a client that keeps its connection open, as a browser does
        assert session.get(f"http://127.0.0.1:{port}/queries/stats", timeout=30).status_code == 200
        assert session.get(f"http://127.0.0.1:{port}/nope", timeout=30).status_code == 404
        started = time.monotonic()
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=10)
        took = time.monotonic() - started
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.stderr is not None
    log = server.stderr.read().decode()
    assert took < 1.5, took  # before: 2 s
    assert "GET /queries/stats 200" in log and "GET /nope 404" in log  # before: no request logged
    assert "Traceback" not in log and "KeyboardInterrupt" not in log  # before: one traceback per worker
    quiet = subprocess.run([*CLI, "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert "--quiet" in quiet.stdout
