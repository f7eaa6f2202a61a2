"""Query evaluation where no network socket can be opened: the second line behind the SPARQL check.

pyoxigraph evaluates ``SERVICE`` by making an HTTP request from Rust, where Python's audit hooks see nothing. The
keyword check in :mod:`newsgraph.graph._sparql` refuses such queries; this module makes sure that a query the
check let through still cannot reach the network. A seccomp filter (libseccomp, through ``pyseccomp``) makes
``socket()`` for IPv4, IPv6 and raw packets fail with ``EACCES``, and ``io_uring_setup`` fail too (io_uring can
open sockets without the ``socket`` call):

- ``protect_process()`` installs it for every thread of a process: the server's query workers, which do nothing
  but evaluate queries, call it first;
- ``call(fn, ...)`` runs ``fn`` on a thread of its own that carries the filter (a seccomp filter can be
  per-thread), so the library and the CLI evaluate queries offline while the rest of the process keeps its network
  (a remote store, a user's own code).

Where seccomp is not available (not Linux, no libseccomp, a sandbox that forbids it) ``available()`` is False,
``call`` runs ``fn`` where it is, and the check is the only line; ``docs/security.md`` says so.

A store on a SPARQL server evaluates queries in the server's process. ``exec_without_outbound(argv)`` gives such a
server the same kind of line: it replaces this process by ``argv`` under a filter that lets it listen and answer
but never open a connection (``connect``, ``sendto`` with an address, ``sendmsg``, ``sendmmsg`` and io_uring fail
with ``EACCES``), so ``SERVICE`` and ``LOAD`` fail there too. ``newsgraph offline -- oxigraph serve …`` runs it.

>>> call(lambda: 6 * 7)
42
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NoReturn, TypeVar

from newsgraph.errors import NewsgraphError

__all__ = ["available", "call", "exec_without_outbound", "is_protected", "protect_process"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: AF_PACKET: raw frames (open to root)
_FAMILIES = (socket.AF_INET, socket.AF_INET6, 17)
_local = threading.local()
_process_protected = False
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_status: dict[str, bool] = {}


def _filter(*, whole_process: bool) -> Any:
    import pyseccomp as sc

    rules = sc.SyscallFilter(defaction=sc.ALLOW)
    for family in _FAMILIES:
        rules.add_rule(sc.ERRNO(errno.EACCES), "socket", sc.Arg(0, sc.EQ, family))
    rules.add_rule(sc.ERRNO(errno.EACCES), "io_uring_setup")
    if whole_process:
        rules.set_attr(sc.Attr.CTL_TSYNC, 1)
    return rules


def _install(*, whole_process: bool) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        _filter(whole_process=whole_process).load()
    except Exception as exc:  # no libseccomp, or a sandbox that forbids seccomp: the keyword check stays
        log.warning("query evaluation keeps the network: seccomp is not available here (%s)", exc)
        return False
    return True


def protect_process() -> bool:
    """Forbid network sockets to every thread of this process, for good (query worker processes call this)."""
    global _process_protected
    if not _process_protected:
        _process_protected = _install(whole_process=True)
    return _process_protected


def is_protected() -> bool:
    """Whether code running here (this thread) cannot open a network socket."""
    return _process_protected or bool(getattr(_local, "protected", False))


def _thread_init() -> None:
    _local.protected = _install(whole_process=False)
    _status["available"] = _local.protected


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=2, thread_name_prefix="newsgraph-offline", initializer=_thread_init
            )
        return _executor


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` on a thread that cannot open a network socket; the result or the exception."""
    if is_protected():
        return fn(*args, **kwargs)
    return _pool().submit(fn, *args, **kwargs).result()


def _outbound_filter() -> Any:
    import pyseccomp as sc

    rules = sc.SyscallFilter(defaction=sc.ALLOW)
    for call in ("connect", "sendmsg", "sendmmsg", "io_uring_setup"):
        rules.add_rule(sc.ERRNO(errno.EACCES), call)
    rules.add_rule(sc.ERRNO(errno.EACCES), "sendto", sc.Arg(4, sc.NE, 0))  # a datagram with an address
    rules.set_attr(sc.Attr.CTL_TSYNC, 1)
    return rules


def exec_without_outbound(argv: list[str]) -> NoReturn:
    """Replace this process by ``argv``, run where it may listen and answer but never connect anywhere.

    The filter is inherited by everything the program starts. ``NewsgraphError`` when seccomp is not available
    (the program is then not run at all) or the program cannot be started.
    """
    if not argv:
        raise NewsgraphError(
            "give the program to run, e.g. oxigraph serve --location DIR --bind 127.0.0.1:7878"
        )
    if not sys.platform.startswith("linux"):
        raise NewsgraphError("a program can be run without outbound network only on Linux (seccomp)")
    try:
        _outbound_filter().load()
    except Exception as exc:
        raise NewsgraphError(f"cannot take the network away here: seccomp is not available ({exc})") from None
    try:
        os.execvp(argv[0], argv)
    except OSError as exc:
        raise NewsgraphError(f"cannot run {argv[0]}: {exc.strerror}") from None


def available() -> bool:
    """Whether the offline thread really is offline (seccomp installed)."""
    if "available" not in _status:
        call(lambda: None)
    return _status.get("available", False)
