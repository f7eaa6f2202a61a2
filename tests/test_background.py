"""Ingest writes on a thread while extraction goes on: order, errors and interruption keep every article whole."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph import Store
from newsgraph.graph._background import BackgroundWriter

from .conftest import EXAMPLES


def test_items_are_written_in_order_on_another_thread() -> None:
    seen: list[tuple[int, str]] = []
    with BackgroundWriter(lambda n: seen.append((n, threading.current_thread().name)), depth=3) as writer:
        for n in range(50):
            writer.put(n)
    assert [n for n, _ in seen] == list(range(50))
    assert {name for _, name in seen} == {"newsgraph-writer"}


def test_a_write_error_reaches_the_caller_and_a_full_queue_does_not_hang() -> None:
    written: list[int] = []

    def write(n: int) -> None:
        if n == 3:
            raise RuntimeError("disk full")
        time.sleep(0.001)
        written.append(n)

    with pytest.raises(RuntimeError, match="disk full"), BackgroundWriter(write, depth=2) as writer:
        for n in range(200):  # far more than the queue holds: put must not block on a dead writer
            writer.put(n)
    assert written == [0, 1, 2]


def test_an_error_raised_after_the_last_put_is_raised_at_the_end() -> None:
    def write(n: int) -> None:
        raise OSError(f"cannot write {n}")

    writer = BackgroundWriter(write)
    with pytest.raises(OSError, match="cannot write 0"), writer:
        writer.put(0)


def test_an_error_in_the_caller_stops_the_writer_before_the_queued_items() -> None:
    started, release = threading.Event(), threading.Event()
    written: list[int] = []

    def write(n: int) -> None:
        started.set()
        release.wait(5)
        written.append(n)

    with pytest.raises(KeyboardInterrupt), BackgroundWriter(write, depth=10) as writer:
        for n in range(5):
            writer.put(n)
        started.wait(5)
        threading.Timer(0.05, release.set).start()
        raise KeyboardInterrupt
    assert written == [0]  # the item being written completes; the four queued are dropped


def _fail_write(monkeypatch: pytest.MonkeyPatch, call: int, error: Exception) -> list[str]:
    """Make the embedded store's ``call``-th article write raise ``error``; returns the IRIs it was asked to write."""
    original = Store.write_article
    calls: list[str] = []

    def write_article(self: Store, iri: str, *args: object, **kwargs: object) -> str:
        calls.append(iri)
        if len(calls) == call:
            raise error
        return original(self, iri, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write_article", write_article)
    return calls


def test_ingest_reports_an_article_the_store_refuses_and_stores_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    calls = _fail_write(monkeypatch, 1, OSError("this article was refused"))
    report = kg.ingest([EXAMPLES])
    assert report.added == 10
    (failure,) = report.failed
    assert "could not be stored: this article was refused" in failure.reason
    assert calls[0] not in kg.store.named_graphs()
    monkeypatch.undo()
    again = kg.ingest([EXAMPLES])
    assert (again.added, again.unchanged, again.failed) == (1, 10, [])


def test_a_full_disk_stops_the_ingest_with_one_error_and_keeps_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, finding 16: a full disk is not a failure of one article after another: the ingest stops, says
    why, and what was stored before is counted."""
    import errno

    from newsgraph import IngestReport, StoreError

    kg = KnowledgeGraph.open(tmp_path / "store")
    calls = _fail_write(monkeypatch, 3, OSError(errno.ENOSPC, "No space left on device"))
    report = IngestReport()
    with pytest.raises(StoreError, match="disk full"):
        kg.ingest([EXAMPLES], batch_size=2, report=report)
    assert report.added == 2 and sorted(kg.store.named_graphs()) == sorted(calls[:2])


def test_an_unexpected_store_error_stops_ingest_and_leaves_whole_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    calls = _fail_write(monkeypatch, 4, RuntimeError("corrupted block"))
    with pytest.raises(RuntimeError, match="corrupted block"):
        kg.ingest([EXAMPLES], batch_size=2)
    assert sorted(kg.store.named_graphs()) == sorted(calls[:3])
    monkeypatch.undo()
    assert kg.ingest([EXAMPLES]).added == 8
