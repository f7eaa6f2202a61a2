"""What every benchmark shares: a row of figures against its target, peak memory, and ``RESULTS.md``.

``benchmarks/run.py`` (``make bench``) and ``benchmarks/scale.py`` (``make bench-scale``) both record their figures
here and write them to the same table: a run of one replaces its own rows and keeps the other's.
"""

from __future__ import annotations

import os
import platform
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROWS: list[tuple[str, str, str, str]] = []  # (measure, value, target, verdict)
#: the measures of ``benchmarks/scale.py`` begin so; ``make bench`` keeps them when it writes the table again
SCALE = "at scale: "


def record(measure: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "n/a" if ok is None else "met" if ok else "MISSED"
    ROWS.append((measure, value, target, verdict))
    print(f"{measure:58} {value:>28}   target {target:>14}   {verdict}", flush=True)


class PeakRSS:
    """Peak resident memory of a process and its children, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                total = self.process.memory_info().rss
                total += sum(c.memory_info().rss for c in self.process.children(recursive=True))
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _table(old: list[str]) -> list[str]:
    return [line for line in old if line.startswith("| ") and not line.startswith("| measure")]


def merge_results(path: Path, by: str, *, detail: str = "", replace: bool = False) -> None:
    """Rows measured now replace the rows of the same measure in ``path``; the others are kept. ``by``: the
    command that measured them, ``detail``: what else the note says of the run, ``replace``: the notes of earlier
    runs of ``by`` go (their rows are all replaced)."""
    old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    fresh = {m: f"| {m} | {v} | {t} | {r} |" for m, v, t, r in ROWS}
    kept = [line for line in _table(old) if line.split(" | ")[0][2:] not in fresh]
    head = [line for line in old if line.strip() and not line.startswith("|")] or ["# Benchmark results"]
    note = (
        f"Updated on {time.strftime('%Y-%m-%d')} by {by} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}): those rows are from that run."
    )
    note += f" {detail}" if detail else ""
    notes = [line for line in head[1:] if line != note and not (replace and f" by {by} (" in line)] + [note]
    lines = [head[0], ""] + [x for n in notes for x in (n, "")]
    lines += ["| measure | value | target | verdict |", "|---|---|---|---|"]
    lines += [*kept, *fresh.values(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"updated {path}")


def write_results(path: Path, started: float, settings: str) -> None:
    """The whole table of ``make bench`` anew; the rows of ``make bench-scale`` and its note are kept."""
    old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    scale_notes = [line for line in old if "benchmarks/scale.py" in line and not line.startswith("|")]
    scale_rows = [line for line in _table(old) if line.startswith(f"| {SCALE}")]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`benchmarks/run.py`) on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, "
        f"{platform.machine()}; the run took {(time.perf_counter() - started) / 60:.1f} min, with {settings}.",
        "",
        *[x for n in scale_notes for x in (n, "")],
        "| measure | value | target | verdict |",
        "|---|---|---|---|",
        *[f"| {m} | {v} | {t} | {r} |" for m, v, t, r in ROWS],
        *scale_rows,
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")
