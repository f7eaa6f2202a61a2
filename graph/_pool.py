"""Worker processes that each hold the store open and run one task at a time, under a time limit.

Why processes: pyoxigraph has no query timeout and a query cannot be interrupted from another thread, so the only
way to stop a runaway query is to stop the process evaluating it. Each worker opens the store itself (read-only
workers may be several; a writable store has exactly one worker, since only one process may open it for writing).
A task that overruns its time limit gets its worker killed and replaced; the other workers go on serving.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from newsgraph import errors
from newsgraph.errors import NewsgraphError, StoreError

__all__ = ["QueryPool", "TaskTimeout", "WorkerUnavailable"]

log = logging.getLogger(__name__)

Handler = Callable[[Any, Any], Any]


class TaskTimeout(NewsgraphError):
    """A task ran past the time limit; its worker was stopped."""


class WorkerUnavailable(NewsgraphError):
    """No worker could be had in time (all busy, or being restarted), or the one running the task died."""


def watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (kill -9 of a server leaves no orphans)."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _limit_memory(limit: int | None) -> None:
    """Cap what the worker may allocate (private memory: RLIMIT_DATA, which file mappings do not count against),
    so that one query building a huge string stops there instead of taking the machine."""
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        log.warning("query workers have no memory limit on this platform")


def _serve(
    conn: Connection,
    location: str | Path,
    read_only: bool,
    handler: Handler,
    parent: int,
    memory_limit: int | None,
) -> None:
    import signal

    from newsgraph.graph import _offline
    from newsgraph.graph.remote import is_remote
    from newsgraph.graph.store import open_store

    # Ctrl-C in a terminal reaches the whole process group: the server stops its workers itself, at once and
    # without a traceback from each
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(parent)
    if not is_remote(str(location)):
        _offline.protect_process()  # it evaluates queries on a local store: no network socket, ever
        _limit_memory(memory_limit)

    try:
        store = open_store(location, read_only=read_only)
    except NewsgraphError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", handler(store, task)))
        except NewsgraphError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))
        except MemoryError:
            conn.send(("error", ("MemoryError", "")))
        except Exception as exc:  # a worker reports every failure and keeps serving
            log.exception("task failed")
            conn.send(("error", ("NewsgraphError", f"{type(exc).__name__}: {exc}")))
        if hasattr(store, "flush"):
            store.flush()


class _Worker:
    def __init__(
        self, context: Any, location: str | Path, read_only: bool, handler: Handler, memory_limit: int | None
    ) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(child, location, read_only, handler, os.getpid(), memory_limit),
            daemon=True,
            name="newsgraph-worker",
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"the store did not open within {timeout:g} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreError(
                "a query worker could not start (see the messages above; a low --memory limit can cause this)"
            ) from None
        if status != "ready":
            self.kill()
            raise StoreError(detail)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):  # a task's thread and close() may both retire the same worker
            self.conn.close()


class QueryPool:
    """``workers`` processes over the store at ``location``, running ``handler(store, task)`` with a time limit."""

    def __init__(
        self,
        location: str | Path,
        handler: Handler,
        *,
        workers: int = 2,
        read_only: bool = True,
        timeout: float = 10.0,
        start_timeout: float = 60.0,
        memory_limit: int | None = None,
        wait_for_worker: float | None = None,
    ) -> None:
        if not read_only:
            workers = 1
        self.memory_limit = memory_limit
        #: how long a task waits for a free worker before it is answered "unavailable"
        self.wait_for_worker = timeout + start_timeout if wait_for_worker is None else wait_for_worker
        self._closed = False
        self.location = location
        self.handler = handler
        self.read_only = read_only
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._context = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        started = [self._start() for _ in range(max(1, workers))]
        try:
            for worker in started:
                worker.wait_ready(start_timeout)
        except StoreError:
            self.close()
            raise
        for worker in started:
            self._idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.location, self.read_only, self.handler, self.memory_limit)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def run(self, task: Any, *, timeout: float | None = None) -> Any:
        """Run one task on an idle worker; raise ``TaskTimeout`` (and replace the worker) when it overruns."""
        limit = self.timeout if timeout is None else timeout
        try:
            worker = self._idle.get(timeout=self.wait_for_worker)
        except queue.Empty:
            raise WorkerUnavailable(
                f"no query worker became free within {self.wait_for_worker:g} s (busy or restarting); try again"
            ) from None
        try:
            worker.conn.send(task)
            finished = worker.conn.poll(limit)
            if finished:
                status, value = worker.conn.recv()
        except (EOFError, OSError):
            code = worker.process.exitcode
            self._replace(worker)
            why = (
                f" (it used more than its {self.memory_limit // 2**20:,} MiB memory limit, or crashed)"
                if self.memory_limit
                else " (it crashed)"
            )
            raise WorkerUnavailable(
                f"the query worker stopped{why}; it is being restarted" + (f" [exit {code}]" if code else "")
            ) from None
        if not finished:
            self._replace(worker)
            raise TaskTimeout(f"stopped after the {limit:g} s time limit")
        self._idle.put(worker)
        if status == "error":
            name, message = value
            if name == "MemoryError":
                cap = f" of {self.memory_limit // 2**20:,} MiB" if self.memory_limit else ""
                raise WorkerUnavailable(f"the task ran out of memory (the worker's limit{cap}): narrow it")
            kind = getattr(errors, name, NewsgraphError)
            raise (kind if isinstance(kind, type) and issubclass(kind, NewsgraphError) else NewsgraphError)(
                message
            )
        return value

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker now and start its successor in the background, so the caller is answered at once."""
        self._retire(worker)

        def start() -> None:
            delay = 0.5
            while not self._closed:
                try:
                    successor = self._start()
                    successor.wait_ready(self.start_timeout)
                except StoreError:
                    log.exception("could not restart a query worker; trying again in %g s", delay)
                    time.sleep(delay)
                    delay = min(delay * 2, 30.0)
                    continue
                if self._closed:
                    self._retire(successor)
                else:
                    self._idle.put(successor)
                return

        threading.Thread(target=start, name="newsgraph-worker-restart", daemon=True).start()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:  # every worker is told to stop first, then each is waited for
            if worker.process.is_alive():
                worker.process.kill()
        for worker in workers:
            worker.kill()
