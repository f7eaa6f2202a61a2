"""Past one machine: ``newsgraph ingest --dask`` on a Dask LocalCluster writing to an Oxigraph server, against
``--workers 2`` into the embedded store, on the same articles and the same cores (``benchmarks/run.py --only dask``).

On one machine the cluster cannot be faster than local workers: what this measures is what the cluster path costs
(scheduling, sending articles and quads over TCP, one HTTP update per article) and how many articles a second one
writer can take into each kind of store, which bounds what any number of extraction machines can reach. Each
figure comes with the CPU time of every process involved (the command, the cluster's workers, the server) and the
load average, since other work on a shared machine moves wall times but hardly CPU times.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

Record = Callable[[str, str, str, bool | None], None]

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[tuple[str, psutil.Process]]:
    """``oxigraph serve`` on a free loopback port, started as the README shows it (``newsgraph offline --``)."""
    import requests

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "newsgraph", "offline", "--", str(OXIGRAPH), "serve",
               "--location", str(directory), "--bind", f"127.0.0.1:{port}"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if requests.get(f"{url}/query?query=ASK%7B%7D", timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise RuntimeError("the Oxigraph server did not answer within a minute")
        yield url, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(30)


def _cpu(processes: list[psutil.Process]) -> float:
    """CPU seconds of these processes and their children so far, each process counted once."""
    seen: dict[int, psutil.Process] = {}
    for process in processes:
        try:
            for one in [process, *process.children(recursive=True)]:
                seen.setdefault(one.pid, one)
        except psutil.Error:
            pass
    total = 0.0
    for one in seen.values():
        try:
            times = one.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def _ingest(command: list[str], others: list[psutil.Process]) -> tuple[float, float, float]:
    """Wall seconds of a whole ``newsgraph ingest`` process, CPU seconds of it and of ``others`` (cluster workers,
    server) over that time, and the load average (1 min) when it ended."""
    import resource

    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_others = _cpu(others)
    begin = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - begin
    assert done.returncode == 0, done.stderr[-2000:]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (after.ru_utime + after.ru_stime) - (before_children.ru_utime + before_children.ru_stime)
    return seconds, own + _cpu(others) - before_others, os.getloadavg()[0]


@contextmanager
def local_cluster(workers: int) -> Iterator[tuple[str, list[psutil.Process]]]:
    """A fresh LocalCluster (each worker a process with one thread, as ``--workers`` has); its address and the
    processes that do its work."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        me = psutil.Process()  # the scheduler runs in this process; the workers are its children
        yield str(cluster.scheduler_address), [me, *me.children(recursive=True)]


def _writer_ceiling(
    path: Path, url: str, server: psutil.Process, count: int = 58
) -> list[tuple[float, float]]:
    """Milliseconds one writer spends per article (quads made already, as workers send them), wall and CPU (this
    process's, and the server's for the server), into an embedded store and into the server: how many articles a
    second the one writer can take, whatever extracts."""
    from newsgraph.graph.parallel import extract_batch
    from newsgraph.graph.remote import RemoteStore
    from newsgraph.graph.store import Store
    from newsgraph.loaders import read_paths

    articles = []
    for article in read_paths([path]):
        articles.append(article)
        if len(articles) == count:
            break
    done, _ = extract_batch(articles)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for store, others in ((Store(Path(tmp) / "store"), []), (RemoteStore(url), [server])):
            cpu = time.process_time() + _cpu(others)
            begin = time.perf_counter()
            for one in done:
                store.write_article(one.iri, one.content_hash, one.nquads, extractor="bench")
            store.flush()
            wall = time.perf_counter() - begin
            cpu = time.process_time() + _cpu(others) - cpu
            results.append((wall * 1000 / len(done), cpu * 1000 / len(done)))
            store.close()
    return results


def measure(work: Path, path: Path, count: int, record: Record) -> None:
    """The rows of ``--only dask``: local workers, the cluster into the embedded store, the cluster into the
    server, the writer's ceiling into each, and whether the server holds exactly what the local store holds."""
    from newsgraph import KnowledgeGraph

    ingest = [sys.executable, "-m", "newsgraph", "ingest", str(path), "--store"]
    runs: dict[str, tuple[float, float, float]] = {}
    runs["local"] = _ingest([*ingest, str(work / "dask-local"), "--workers", "2"], [])
    with local_cluster(2) as (address, processes):
        runs["cluster"] = _ingest([*ingest, str(work / "dask-embedded"), "--dask", address], processes)
    with oxigraph_server(work / "dask-server") as (url, server), local_cluster(2) as (address, processes):
        runs["server"] = _ingest([*ingest, url, "--dask", address], [*processes, server])
        remote = KnowledgeGraph.open(url, read_only=True)
        held, articles = len(remote.store), remote.stats()["articles"]
        (embedded, embedded_cpu), (server_ms, server_cpu) = _writer_ceiling(path, url, server)
    local = KnowledgeGraph.open(work / "dask-local", read_only=True)
    expected = len(local.store)
    local.close()
    labels = {
        "local": "ingest --workers 2 into the embedded store (one machine)",
        "cluster": "ingest --dask, LocalCluster of 2 workers, into the embedded store",
        "server": "ingest --dask, LocalCluster of 2 workers, into an Oxigraph server",
    }
    for key, label in labels.items():
        seconds, cpu, load = runs[key]
        record(
            f"{label}: whole process",
            f"{count / seconds:.1f} art/s ({seconds:.1f} s; CPU {cpu:.1f} s; load {load:.1f})",
            "",
            None,
        )
    local_s, server_s = runs["local"][0], runs["server"][0]
    record(
        "LocalCluster into a server / --workers 2 local, same 2 cores (wall; CPU)",
        f"{local_s / server_s:.2f}x; {runs['local'][1] / runs['server'][1]:.2f}x",
        "",
        None,
    )
    record(
        "the server holds what the local ingest stored",
        f"{articles} articles, {held:,} quads ({expected:,} locally)",
        "the same",
        articles == count and held == expected,
    )
    for kind, wall, cpu in (
        ("an embedded store", embedded, embedded_cpu),
        ("the server", server_ms, server_cpu),
    ):
        record(
            f"one writer into {kind}, quads made already: per article",
            f"{wall:.1f} ms ({cpu:.1f} ms CPU) = {1000 / wall:,.0f} art/s at most ({1000 / cpu:,.0f} on CPU)",
            "",
            None,
        )
