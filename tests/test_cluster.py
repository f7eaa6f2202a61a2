"""Past one machine: extraction on a Dask cluster, written to a SPARQL 1.1 server (an Oxigraph server here), as the
README shows it: ``newsgraph ingest … --dask tcp://scheduler:8786 --store http://server:7878``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph

from .conftest import EXAMPLES, clear_remote

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _nquads(kg: KnowledgeGraph) -> set[str]:
    buffer = io.BytesIO()
    kg.store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    lines = set(buffer.getvalue().decode("utf-8").splitlines())
    assert not any("_:" in line for line in lines)  # no blank nodes: a quad is the same text on both sides
    return lines


def test_a_dask_cluster_writes_to_a_sparql_server_exactly_what_a_local_ingest_writes(
    oxigraph_url: str, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    local = KnowledgeGraph.open(tmp_path / "local")
    assert local.ingest([EXAMPLES]).added == 11
    expected = _nquads(local)
    local.close()

    clear_remote(oxigraph_url)
    command = [sys.executable, "-m", "newsgraph", "ingest", str(EXAMPLES), "--store", oxigraph_url, "--batch-size", "3",
               "--dask"]  # fmt: skip
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        first = subprocess.run([*command, cluster.scheduler_address], capture_output=True, text=True)
        assert first.returncode == 0 and "11 added" in first.stderr, first.stderr[-2000:]
        again = subprocess.run([*command, cluster.scheduler_address], capture_output=True, text=True)
        assert again.returncode == 0 and "11 unchanged" in again.stderr, again.stderr[-2000:]
    remote = KnowledgeGraph.open(oxigraph_url, read_only=True)
    held = _nquads(remote)
    assert held == expected, (len(held - expected), len(expected - held))
    assert remote.stats()["articles"] == 11


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    import os

    from .servers import free_port

    quick = {
        **os.environ,
        "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s",
    }  # Dask's own setting (30 s by default)

    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", str(EXAMPLES), "--store", str(tmp_path / "store"),
         "--dask", f"tcp://127.0.0.1:{free_port()}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=quick,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    (line,) = done.stderr.strip().splitlines()[-1:]
    assert line.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:"), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
