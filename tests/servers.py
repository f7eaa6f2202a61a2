"""Real servers on loopback for the tests: Oxigraph server, Virtuoso open source, and `newsgraph serve` itself."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], *, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}: {out[-2000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


@contextmanager
def _running(command: list[str], probe: str, *, seconds: float = 90.0, **popen: object) -> Iterator[None]:
    """Start a server, wait until ``probe`` answers, and stop it (terminate, then kill) when the block ends."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)  # type: ignore[call-overload]
    try:
        wait_for(probe, process, seconds=seconds)
        yield
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: how newsgraph starts a program with no outbound network (``newsgraph offline``: it may listen, never connect)
OFFLINE = [sys.executable, "-m", "newsgraph", "offline", "--"]


@contextmanager
def oxigraph_server(directory: Path, *, offline: bool = True) -> Iterator[str]:
    """``oxigraph serve`` (PyPI ``oxigraph``) on a free loopback port; yields its base URL.

    Started as ``newsgraph offline -- oxigraph serve …`` (the README's way), so it cannot connect anywhere:
    ``offline=False`` starts it plainly, for the control that shows what that line stops."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(OXIGRAPH), "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
    with _running([*OFFLINE, *command] if offline else command, f"{url}/query?query=ASK%7B%7D", seconds=60):
        yield url


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[str]:
    """Debian's Virtuoso 7 with its own ini, ports and database; SPARQL updates granted; yields /sparql."""
    assert VIRTUOSO and ISQL
    sql, http = free_port(), free_port()
    directory.mkdir(parents=True, exist_ok=True)
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=directory, sql=sql, http=http))
    url = f"http://127.0.0.1:{http}/sparql"
    with _running(
        [VIRTUOSO, "+configfile", str(ini), "+foreground"], f"{url}?query=ASK%7B%7D", cwd=directory
    ):
        subprocess.run(
            [ISQL, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield url


@contextmanager
def newsgraph_server(store: str | Path, *extra: str, timeout: float = 10.0) -> Iterator[str]:
    """``newsgraph serve`` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "newsgraph", "serve", "--store", str(store), "--port", str(port)]
    command += ["--timeout", str(timeout), *extra]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with _running(command, f"{url}/sparql?query=ASK%7B%7D", env=env):
        yield url
