"""A year of news on one machine: ingest and every command's time at that size, ``make bench-scale``.

    .venv/bin/python benchmarks/scale.py [--articles 20000] [--work /tmp/newsgraph-scale] [--out benchmarks/RESULTS.md]
    .venv/bin/python benchmarks/scale.py --only ingest   # build the store alone (it is kept for a later run)
    .venv/bin/python benchmarks/scale.py --only queries,serve   # some parts on the store built before

1. ``--articles`` articles of a year of news (``corpus.py --kind year``, seeded) are written to WORK;
2. ``newsgraph ingest --workers 2`` stores them in WORK/store-N: its wall time, the peak memory of all its
   processes, the store's quads and bytes on disk. A store that a run already built there is kept, and the
   figures of the run that built it (WORK/store-N.json) are recorded again, with their date;
3. the listings' summaries: a store ingested before the writer kept them gets them (``newsgraph summaries``,
   timed); then every named query's first page (``limit=50``) and its total, one actor's queries for the
   most-mentioned actor, each the median of three runs through the library in a process that holds the store open
   (a query's own time: the target's measure), with the load average when it ran; ``actors`` and
   ``actor-events`` also as a whole ``newsgraph query --limit 50`` process;
4. ``analyze stories``, ``happenings``, ``disagreements``, whole processes: the first call with nothing kept beside
   the store, the call with everything kept, and the call after one more article (and that article's ingest);
   each with its wall time and its processor time (what a busy machine does not stretch); then ``render``;
5. ``serve``: its query page ``/query`` and its graph page ``/`` while a long query runs.

Each figure is printed with the issue's target and its rows replace those of the last run in ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from _measure import SCALE, PeakRSS, merge_results, record

EXE = str(Path(sys.executable).with_name("newsgraph"))


def _bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _quads(store: Path) -> int:
    from newsgraph import KnowledgeGraph

    kg = KnowledgeGraph.open(store, read_only=True)
    try:
        return len(kg.store)
    finally:
        kg.close()


def ingest(work: Path, count: int, *, seed: int) -> Path:
    """The year's corpus ingested with two workers into WORK/store-N (kept when a run already built it)."""
    store = work / f"store-{count}"
    figures = work / f"store-{count}.json"
    if store.is_dir() and figures.is_file():
        built = json.loads(figures.read_text(encoding="utf-8"))
        print(f"{store} was built on {built['date']}: its ingest figures are that run's", flush=True)
    else:
        if store.exists():
            raise SystemExit(f"{store} holds a store whose ingest was not measured: remove it first")
        path = corpus.write(work / f"year-{count}.jsonl", count, seed=seed, kind="year")
        command = [EXE, "ingest", str(path), "--workers", "2", "--store", str(store)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        with PeakRSS(process.pid) as rss:
            _, stderr = process.communicate()
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"ingest failed: {stderr[-2000:]}")
        built = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "articles": count,
            "seed": seed,
            "seconds": seconds,
            "peak": rss.peak,
            "quads": _quads(store),
            "bytes": _bytes(store),
        }
        figures.write_text(json.dumps(built, indent=1), encoding="utf-8")
    record(
        f"{SCALE}ingest {count:,} articles of a year --workers 2",
        f"{built['seconds'] / 60:,.1f} min ({count / built['seconds']:.1f} art/s)",
        "",
        None,
    )
    record(
        f"{SCALE}ingest {count:,} articles: peak RSS, all processes",
        f"{built['peak'] / 2**20:,.0f} MiB",
        "",
        None,
    )
    record(
        f"{SCALE}store size after {count:,} articles",
        f"{built['quads']:,} quads, {built['bytes'] / 2**30:.2f} GiB on disk",
        ">= 2,000,000 quads",
        built["quads"] >= 2_000_000,
    )
    return store


def _run(command: list[str], limit: float) -> tuple[float | None, str]:
    """Wall time of a whole process and its stdout; ``None`` when it was stopped at ``limit`` seconds."""
    seconds, _, out = _run_cpu(command, limit)
    return seconds, out


def _run_cpu(command: list[str], limit: float) -> tuple[float | None, float, str]:
    """Wall time of a whole process, the processor time it took (user and system, its threads together: what a
    busy machine does not stretch) and its stdout; ``None`` when it was stopped at ``limit`` seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None, 0.0, ""
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-2000:]}")
    return seconds, cpu, done.stdout


def _rows(out: str) -> int:
    return len(json.loads(out or "[]"))


#: the page the query figures time: what `newsgraph query NAME --limit 50` shows
PAGE = 50
#: runs of each measure after a warm-up (the median is recorded: the machine is shared)
RUNS = 3


def time_query(store: Any, task: dict[str, Any]) -> dict[str, Any]:
    """In a worker process that holds the store open: the median seconds of a named query's first page alone
    (``kg.query(name, limit=PAGE)``, what a table shows before its total) and with its total (``kg.page``, what
    ``newsgraph query NAME --limit 50`` gives), each after one warm-up run (a measure of over a second is taken
    once, so that the run stays short)."""
    from newsgraph import KnowledgeGraph

    kg = KnowledgeGraph(store)

    def median(action: Any) -> tuple[float, Any]:
        started = time.perf_counter()
        got = action()
        first = time.perf_counter() - started
        if first > 1.0:
            return first, got
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        return statistics.median(times), got

    page, rows = median(lambda: len(kg.query(task["name"], limit=PAGE, **task["params"])))
    total, count = median(lambda: kg.page(task["name"], limit=PAGE, **task["params"]).total)
    return {"page": page, "rows": rows, "total": total, "count": count}


#: the queries also timed as a whole ``newsgraph query --limit 50`` process: a listing and one actor's
WHOLE = ("actors", "actor-events")


def summaries(store: Path) -> None:
    """A store ingested before the writer kept summaries gets them (``newsgraph summaries``), timed; a store that
    has them is said to."""
    from newsgraph import KnowledgeGraph
    from newsgraph.graph import summaries as kept

    kg = KnowledgeGraph.open(store, read_only=True)
    current = kept.current(kg.store.oxigraph)
    kg.close()
    if current:
        record(f"{SCALE}summaries of the listings", "kept by the writer (or built before)", "", None)
        return
    load = os.getloadavg()[0]
    seconds, _ = _run([EXE, "summaries", "--store", str(store)], 3600)
    record(
        f"{SCALE}newsgraph summaries on a store ingested before they were kept",
        "stopped" if seconds is None else f"{seconds:.0f} s (load {load:.1f})",
        "",
        None,
    )


def queries(store: Path, limit: float) -> None:
    """Every named query's first page and its total, and one actor's queries for the most-mentioned actor: each
    timed through the library in a process that holds the store open (the target's measure: a query's own time);
    ``WHOLE`` also as a whole ``newsgraph query --limit 50`` process once (start-up included)."""
    from newsgraph import KnowledgeGraph
    from newsgraph.errors import NewsgraphError
    from newsgraph.graph._pool import QueryPool
    from newsgraph.queries import list_queries

    kg = KnowledgeGraph.open(store, read_only=True)
    busiest = kg.query("actors", limit=1)[0]
    kg.close()
    base = [EXE, "query", "--store", str(store), "--format", "json"]
    pool = QueryPool(store, time_query, workers=1, read_only=True, timeout=limit)
    worst, met, tried = 0.0, 0, 0
    try:
        for named in list_queries():
            if named.name == "curated-articles":
                continue  # its parameter is a correction's IRI: a store without corrections has none
            params = {p: str(busiest["label"]) for p in named.params}
            label = f"{SCALE}query {named.name}"
            if named.params:
                label += f", most-mentioned actor ({busiest['label']}, {int(busiest['mentions']):,} mentions)"
            label += f": first page of {PAGE} alone, with its total"
            load = os.getloadavg()[0]
            tried += 1
            try:
                got = pool.run({"name": named.name, "params": params})
            except NewsgraphError:
                worst = float("inf")
                record(label, f"over {limit:.0f} s (stopped; load {load:.1f})", "<= 100 ms", False)
                time.sleep(3)  # let the replacement worker start
                continue
            slower = got["total"]  # the page with its total: what the command gives
            worst = max(worst, slower)
            met += slower <= 0.1
            value = f"{got['page'] * 1000:,.0f} ms, {got['total'] * 1000:,.0f} ms ({got['rows']} of {got['count']:,})"
            if named.name in WHOLE:
                flags = [x for k, v in params.items() for x in ("-p", f"{k}={v}")] + ["--limit", str(PAGE)]
                whole, _ = _run([*base, named.name, *flags], limit)
                value += f"; whole process {'stopped' if whole is None else f'{whole:.1f} s'}"
            record(label, f"{value}; load {load:.1f}", "<= 100 ms", slower <= 0.1)
    finally:
        pool.close()
    record(
        f"{SCALE}named queries whose first page with its total is within 100 ms",
        f"{met} of {tried}",
        "all",
        met == tried,
    )
    slowest = "stopped" if worst == float("inf") else f"{worst * 1000:,.0f} ms"
    record(f"{SCALE}slowest first page with its total", slowest, "<= 100 ms", worst <= 0.1)


ANALYSES = ("stories", "happenings", "disagreements")


def _analyze(store: Path, name: str, limit: float, when: str) -> None:
    seconds, cpu, out = _run_cpu([EXE, "analyze", name, "--store", str(store), "--format", "json"], limit)
    value = (
        f"over {limit:.0f} s (stopped)"
        if seconds is None
        else f"{seconds:.1f} s ({cpu:.1f} s of processor), {_rows(out):,} rows"
    )
    record(f"{SCALE}analyze {name}, {when}", value, "<= 30 s", seconds is not None and seconds <= 30)


def analyses(work: Path, store: Path, limit: float, *, seed: int) -> None:
    """``analyze stories``, ``happenings`` and ``disagreements`` as whole processes: each on the store with nothing
    kept beside it (what is kept is removed before each: the first call on a store ingested before analyses were
    kept at ingest), then with everything kept, then after one more article (ingested as a whole process, its
    features kept by the writer; it is removed again after)."""
    from newsgraph.graph.incremental import DIRECTORY

    for name in ANALYSES:
        shutil.rmtree(store / DIRECTORY, ignore_errors=True)
        _analyze(store, name, limit, "first call, nothing kept")
    for name in ANALYSES:  # every part of every article's features kept, and each analysis's results
        _run([EXE, "analyze", name, "--store", str(store), "--format", "json"], limit)
    for name in ANALYSES:
        _analyze(store, name, limit, "everything kept")
    built = json.loads((work / f"{store.name}.json").read_text(encoding="utf-8"))
    extra = list(corpus.year(built["articles"] + 1, seed=seed))[-1]  # the year's next article, a new one
    one = work / "one-more.jsonl"
    record_line = {"title": extra.title, "text": extra.text.split("\n\n", 1)[-1], "url": extra.url}
    record_line |= {
        "published": extra.published.isoformat() if extra.published else None,
        "outlet": extra.outlet,
    }
    one.write_text(json.dumps(record_line, ensure_ascii=False) + "\n", encoding="utf-8")
    seconds, cpu, _ = _run_cpu([EXE, "ingest", str(one), "--store", str(store)], limit)
    value = "stopped" if seconds is None else f"{seconds:.1f} s ({cpu:.1f} s of processor)"
    record(f"{SCALE}ingest one more article, whole process", value, "", None)
    try:
        for name in ANALYSES:
            _analyze(store, name, limit, "after one more article")
    finally:
        from newsgraph import KnowledgeGraph

        with KnowledgeGraph.open(store) as kg, kg.writing():
            kg.store.remove_article(extra.iri)


def render(work: Path, store: Path, limit: float) -> None:
    """``render``, a whole process."""
    page = work / "page.html"
    seconds, _ = _run([EXE, "render", "--store", str(store), "--out", str(page)], limit)
    value = (
        f"over {limit:.0f} s (stopped)"
        if seconds is None
        else f"{seconds:.1f} s, {page.stat().st_size / 2**20:.1f} MiB"
    )
    record(f"{SCALE}render, whole process", value, "<= 20 s", seconds is not None and seconds <= 20)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, limit: float, data: bytes | None = None) -> float | None:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/sparql-query"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=limit) as answer:
            answer.read()
    except OSError:
        return None
    return time.perf_counter() - started


#: a query that keeps a worker busy until the server's time limit stops it
LONG = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p ?b } GRAPH ?h { ?b ?q ?c } }"


def serve(store: Path, limit: float, *, timeout: float = 60.0) -> None:
    """``newsgraph serve`` (two query workers, ``--timeout 60``): while a long query runs, the query page
    ``/query`` and the graph page ``/`` (built on the first request, kept for the next)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [EXE, "serve", "--store", str(store), "--port", str(port), "--timeout", str(timeout), "--quiet"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        began = time.perf_counter()
        while _get(f"{url}/queries", 1.0) is None:
            if time.perf_counter() - began > 60 or server.poll() is not None:
                raise SystemExit("newsgraph serve did not start")
            time.sleep(0.2)
        busy = threading.Thread(target=_get, args=(f"{url}/sparql", timeout + 10, LONG.encode()))
        busy.start()
        time.sleep(1.0)  # the long query is running in one worker
        shown: dict[str, tuple[float | None, str, float, bool]] = {}
        for name, path, target, most in (
            ("/query (the query page)", "/query", "<= 1 s", 1.0),
            ("/ (the graph page, built)", "/", "<= 20 s", 20.0),
            ("/ (the graph page, kept)", "/", "<= 1 s", 1.0),
        ):
            seconds = _get(f"{url}{path}", limit)
            shown[name] = (seconds, target, most, busy.is_alive())
        busy.join()
        for name, (seconds, target, most, during) in shown.items():
            value = "no answer" if seconds is None else f"{seconds * 1000:,.0f} ms"
            record(
                f"{SCALE}serve {name}, "
                + ("while a long query runs" if during else "after the long query ended"),
                value,
                target,
                seconds is not None and seconds <= most,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


PARTS = ("ingest", "queries", "analyses", "render", "serve")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsgraph-scale"))
    parser.add_argument(
        "--only",
        metavar="PART,...",
        help=f"these parts only ({', '.join(PARTS)}); the store is built or reused whatever they are",
    )
    parser.add_argument("--limit", type=float, default=600.0, help="seconds before a command is stopped")
    parser.add_argument(
        "--query-limit", type=float, default=60.0, help="seconds before a named query is stopped"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    started, load = time.perf_counter(), f"{os.getloadavg()[0]:.1f}"
    store = ingest(args.work, args.articles, seed=args.seed)
    parts = [p.strip() for p in (args.only or ",".join(PARTS)).split(",") if p.strip()]
    if set(parts) - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(set(parts) - set(PARTS)))}")
    if "queries" in parts:
        summaries(store)
        queries(store, args.query_limit)
    if "analyses" in parts:
        analyses(args.work, store, args.limit, seed=args.seed)
    if "render" in parts:
        render(args.work, store, args.limit)
    if "serve" in parts:
        serve(store, args.limit)
    took = (time.perf_counter() - started) / 60
    merge_results(
        args.out,
        f"`benchmarks/scale.py --articles {args.articles}{' --only ' + args.only if args.only else ''}`",
        detail=f"Store {store}; the run took {took:.1f} min; load average {load} at its start, "
        f"{os.getloadavg()[0]:.1f} at its end.",
        replace=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
