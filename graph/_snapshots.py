"""Snapshots of an embedded store, so that readers are never blocked and never read a store being written.

RocksDB lets one process write a store; a read-only handle opened beside that writer is undefined behaviour (the
writer compacts and deletes the files the reader is reading). So the writer publishes checkpoints, and readers read
those:

- a writer publishes a snapshot (pyoxigraph's ``Store.backup``: a RocksDB checkpoint, made of hard links, a few
  milliseconds) when it flushes what it wrote (every ``FLUSH_EVERY`` quads of an ingest, at the end of each write,
  and when it closes), under ``newsgraph-snapshots/`` in the store's directory, and then names it in the
  ``latest`` file there (written whole, then renamed);
- a reader opens the latest snapshot read-only and holds a shared ``flock`` on it for as long as it reads it; a
  writer removes an older snapshot only when it can lock it exclusively, so no reader loses its files;
- a reader that is told to ``refresh`` (each ``KnowledgeGraph`` method, each server task) opens a newer snapshot
  when one has been published since: it sees the last committed state, never a half-written article.

A snapshot is immutable, so any number of processes may read it at once. Only files are made: the store stays an
ordinary Oxigraph directory, which other tools may open when nothing else has it open. No file here is written
through a symbolic link: a link planted in the store's directory would have a writer overwrite its target
(``StoreError`` instead).

>>> import tempfile, pyoxigraph as ox
>>> root = Path(tempfile.mkdtemp())
>>> writer = ox.Store(str(root / "store"))
>>> publish(root / "store", writer)
1
>>> reader = open_latest(root / "store")
>>> reader.number, len(reader.store)
(1, 0)
>>> reader.close()
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from newsgraph.errors import StoreError

__all__ = [
    "DIRECTORY",
    "Snapshot",
    "edited",
    "latest",
    "mark_edited",
    "mark_writing",
    "open_latest",
    "publish",
    "state",
    "unmark_writing",
]

log = logging.getLogger(__name__)

#: where the snapshots of a store live, inside its directory
DIRECTORY = "newsgraph-snapshots"
_LATEST = "latest"
#: present while a writer has the store open (with its pid): a store without it was closed cleanly
_WRITING = "writing"
_READER_LOCK = "newsgraph-reader.lock"
#: the first snapshot that holds the latest write whose extent no stamp tells (a SPARQL update, an import, a
#: correction): what is kept beside the store (``graph/incremental.py``) from before it is read again
_EDITED = "edited"


def _root(path: Path) -> Path:
    return path / DIRECTORY


def _made_root(path: Path) -> Path:
    """The snapshots' directory, made when absent; never a symbolic link."""
    root = _root(path)
    if root.is_symlink():
        raise StoreError(f"{root} is a symbolic link: remove it (newsgraph never follows one there)")
    root.mkdir(exist_ok=True)
    return root


def _write_small(file: Path, text: str) -> None:
    """Write a small file, never through a symbolic link, only over a regular file."""
    try:
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(
                f"{file} is a symbolic link: remove it (newsgraph never follows one there)"
            ) from None
        raise
    with open(descriptor, "w", encoding="ascii") as out:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise StoreError(f"{file} is not a regular file: remove it")
        out.write(text)


def latest(path: Path) -> int | None:
    """The number of the newest published snapshot of the store at ``path``, or None."""
    try:
        return int((_root(path) / _LATEST).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def state(path: Path) -> tuple[int | None, bool]:
    """The newest snapshot and whether a writer has marked the store open (it may have crashed since)."""
    return latest(path), (_root(path) / _WRITING).exists()


def edited(path: Path) -> int:
    """The number of the first snapshot that holds the store's latest write of unknown extent (0: none)."""
    try:
        return int((_root(path) / _EDITED).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return 0


def mark_edited(path: Path, number: int) -> None:
    """Snapshot ``number`` holds a write of unknown extent (written whole, then renamed)."""
    root = _made_root(path)
    part = root / f".{_EDITED}.part"
    _write_small(part, str(number))
    os.replace(part, root / _EDITED)


def mark_writing(path: Path) -> None:
    """A writer opened the store: until it closes, the primary may hold more than the latest snapshot."""
    try:
        _write_small(_made_root(path) / _WRITING, str(os.getpid()))
    except OSError as exc:  # a store on a read-only medium cannot be written either; the open says so
        log.debug("cannot mark %s as being written: %s", path, exc)


def unmark_writing(path: Path) -> None:
    with contextlib.suppress(OSError):
        (_root(path) / _WRITING).unlink(missing_ok=True)


def _name(number: int) -> str:
    return f"{number:08d}"


def publish(path: Path, store: ox.Store) -> int:
    """Publish the writer's committed state as the newest snapshot; older ones that no reader holds are removed.

    Returns the new snapshot's number.
    """
    root = _made_root(path)
    number = (latest(path) or 0) + 1
    target = root / _name(number)
    part = root / f".{_name(number)}.part"
    for leftover in (target, part):  # a crash during an earlier publish
        if leftover.exists():
            shutil.rmtree(leftover)
    store.backup(str(part))
    (part / _READER_LOCK).touch()
    os.rename(part, target)  # a reader sees a snapshot whole or not at all
    pointer = root / f".{_LATEST}.part"
    _write_small(pointer, str(number))
    os.replace(pointer, root / _LATEST)
    _prune(root, keep=number)
    return number


def _prune(root: Path, *, keep: int) -> None:
    """Remove the snapshots older than ``keep`` that no reader has open (each reader holds a shared lock)."""
    for entry in sorted(root.iterdir()):
        if not entry.name.isdigit() or int(entry.name) >= keep:
            continue
        try:
            handle = open(entry / _READER_LOCK, "rb")  # noqa: SIM115 - held while the snapshot is removed
        except OSError:
            shutil.rmtree(entry, ignore_errors=True)
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a reader has it open: removed by a later publish
            shutil.rmtree(entry, ignore_errors=True)


@dataclass
class Snapshot:
    """One open snapshot: the read-only store over it and the shared lock that keeps it on disk."""

    number: int
    store: ox.Store
    lock: Any

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]
        if self.lock is not None:
            self.lock.close()  # the shared lock goes with the descriptor
            self.lock = None


def open_latest(path: Path, *, attempts: int = 5) -> Snapshot | None:
    """Open the newest snapshot of the store at ``path`` read-only (None when it has none).

    A writer may publish a newer one and remove this one between reading ``latest`` and locking it: then the
    next newest is tried.
    """
    root = _root(path)
    for _ in range(attempts):
        number = latest(path)
        if number is None:
            return None
        directory = root / _name(number)
        try:
            handle = open(directory / _READER_LOCK, "rb")  # noqa: SIM115 - held while the snapshot is read
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_SH)
            if os.fstat(handle.fileno()).st_nlink == 0 or not directory.is_dir():
                handle.close()
                continue  # removed before the lock was taken
            store = ox.Store.read_only(str(directory))
        except OSError:
            handle.close()
            continue
        return Snapshot(number, store, handle)
    return None
