"""The analyses a reader asks for as a store grows -- ``analyze stories``, ``happenings`` and ``disagreements`` --
and what one more article costs them (issue 29: each at most 30 s at 2 M quads; one more article about one
article's work, not a computation of the year again).

    .venv/bin/python benchmarks/analyses.py --store PATH            # a store already built (make bench-scale's)
    .venv/bin/python benchmarks/run.py --only analyses --analyses 500,2000,5000

For each store, each command runs as a whole process (``newsgraph analyze X --store S --format json --verbose``):
first with nothing kept beside the store (what it costs the first time, or after a write the stamps cannot see),
then, once all three have kept what they read, again; then one more article is ingested and each command is timed again, with
what it read and compared (the ``analysis work`` line ``--verbose`` logs). The article is removed at the end, so a
store given is left with the articles it had. Times are of this machine now; the ratios (one more article against
nothing kept, pairs compared against all) are what carries to another.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

COMMANDS = ("stories", "happenings", "disagreements")
#: issue 29's targets: each command at 2 M quads, and one more article against the whole computation
TARGET_SECONDS = 30.0
AT_QUADS = 2_000_000
ONE_MORE_SHARE = 0.25
#: numbers no corpus run reaches: a URL and an IRI of their own
_ONE_MORE = 7_000_000

Record = Callable[[str, str, str, "bool | None"], None]


def _newsgraph() -> str:
    return str(Path(sys.executable).with_name("newsgraph"))


def run(store: Path, command: str) -> tuple[float, dict[str, Any]]:
    """Wall time of ``newsgraph analyze COMMAND`` on the store, and the work it logged."""
    begin = time.perf_counter()
    done = subprocess.run(
        [_newsgraph(), "analyze", command, "--store", str(store), "--format", "json", "--verbose"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - begin
    assert done.returncode == 0, done.stderr[-2000:]
    said = [line for line in done.stderr.splitlines() if "analysis work after" in line]
    return seconds, json.loads(said[-1].split("analysis work after ", 1)[1].split(": ", 1)[1]) if said else {}


def _size(store: Path) -> tuple[int, int]:
    from newsgraph.graph.store import Store

    opened = Store(store, read_only=True)
    try:
        return len(opened), opened.articles()
    finally:
        opened.close()


def measure(store: Path, record: Record) -> None:
    """The rows of one store: each command with nothing kept, kept, and after one more article."""
    from newsgraph import KnowledgeGraph
    from newsgraph.graph.incremental import DIRECTORY

    quads, articles = _size(store)
    size = f"{articles:,} articles, {quads / 1e6:.2f} M quads"
    at_scale = quads >= AT_QUADS
    first: dict[str, tuple[float, dict[str, Any]]] = {}
    for command in COMMANDS:
        shutil.rmtree(store / DIRECTORY, ignore_errors=True)
        first[command] = run(store, command)
        seconds = first[command][0]
        ok = seconds <= TARGET_SECONDS if at_scale else None
        record(f"analyze {command} ({size}), nothing kept", f"{seconds:.1f} s", "<= 30 s at 2 M quads", ok)
    for command in COMMANDS:  # each part of the features kept (each run above began from nothing)
        run(store, command)
    for command in COMMANDS:
        seconds, _ = run(store, command)
        ok = seconds <= TARGET_SECONDS if at_scale else None
        record(f"analyze {command} ({size}), kept", f"{seconds:.1f} s", "<= 30 s at 2 M quads", ok)

    one = next(corpus.articles(1, start=_ONE_MORE + articles))
    with KnowledgeGraph.open(store) as kg:
        kg.extractor.nlp  # noqa: B018 - the model loaded before timing
        seconds = time.perf_counter()
        kg.ingest_articles([one])
        seconds = time.perf_counter() - seconds
    record(f"one more article: ingest it ({articles:,} articles)", f"{seconds * 1000:.0f} ms", "", None)
    try:
        for command in COMMANDS:
            seconds, work = run(store, command)
            whole = first[command][0]
            share = seconds / whole
            pairs = {"stories": "article_pairs", "happenings": "event_pairs", "disagreements": "figure_pairs"}
            key = pairs[command]
            done, all_of_them = work.get(key, 0), first[command][1].get(key, 0)
            read = work.get("read", 0)
            record(
                f"one more article: analyze {command} ({articles:,} articles)",
                f"{seconds:.1f} s = {share:.2f}x nothing kept; read {read} article(s);"
                f" {key.replace('_', ' ')} {done:,} of {all_of_them:,}",
                f"reads 1 article; <= {ONE_MORE_SHARE:.2f}x at 2 M quads",
                read <= 1 and (share <= ONE_MORE_SHARE or not at_scale),
            )
    finally:
        with KnowledgeGraph.open(store) as kg, kg.writing():
            kg.store.remove_article(one.iri)


def grow(work: Path, sizes: list[int], record: Record) -> None:
    """Stores of ``sizes`` articles of ``benchmarks/corpus.py`` (one store grown), each measured."""
    store = work / "analyses-store"
    done = 0
    for size in sorted(sizes):
        path = corpus.write(work / f"analyses-{size}.jsonl", size)
        lines = path.read_text(encoding="utf-8").splitlines()[done:]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        subprocess.run(
            [_newsgraph(), "ingest", str(path), "--store", str(store)], check=True, capture_output=True
        )
        done = size
        measure(store, record)


def _print(measure_name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "n/a" if ok is None else "met" if ok else "MISSED"
    print(f"{measure_name:70} {value:>60}   target {target:>20}   {verdict}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store already built")
    parser.add_argument("--sizes", default="500,2000", help="else: grow a store to these sizes (articles)")
    parser.add_argument("--out", type=Path, help="also replace these rows in a results file (RESULTS.md)")
    args = parser.parse_args()
    if args.store is not None:
        if args.out is None:
            measure(args.store, _print)
            return 0
        from _measure import merge_results, record

        measure(args.store, record)
        merge_results(args.out, f"`benchmarks/analyses.py --store {args.store}`")
        return 0
    import tempfile

    with tempfile.TemporaryDirectory(prefix="newsgraph-analyses-") as tmp:
        grow(Path(tmp), [int(n) for n in args.sizes.split(",")], _print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
