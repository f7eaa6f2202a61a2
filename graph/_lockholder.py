"""Who holds a store: the process holding RocksDB's writer lock, read without touching the lock, and what to say of a
store RocksDB finds damaged (``graph/store.py``).

>>> from pathlib import Path
>>> lock_holder(Path("/nonexistent/LOCK")) is None
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["damaged", "lock_holder"]


def lock_holder(lock: Path) -> int | None:
    """The pid holding a POSIX lock on ``lock`` (RocksDB's writer lock), read from ``/proc/locks``; None if none.

    Why not take the lock for an instant with fcntl, as a probe: closing any descriptor of a file drops every
    POSIX lock this process holds on it, so a probe in the writer's own process would release RocksDB's lock and
    let a second writer in. ``/proc/locks`` is read without opening the file at all. Off Linux there is no probe.
    """
    try:
        info = lock.stat()
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    device = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in table.splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter, not a holder
            continue
        if len(fields) >= 6 and fields[1] in {"POSIX", "OFDLCK"} and fields[5] == device:
            try:
                return int(fields[4])
            except ValueError:
                return -1
    return None


#: the pyoxigraph handles this process holds open for writing, by resolved path (with how many ``Store``s
#: use each): a read-only open of the same store in this process shares the handle instead of opening another


def damaged(path: Path | None, message: str) -> str:
    """What to say of a store RocksDB finds damaged (a file truncated or overwritten, a disk that failed)."""
    return (
        f"store {path} is damaged ({' '.join(message.split())[:200]}): restore it from a copy, or ingest the"
        " articles again into a new store"
    )
