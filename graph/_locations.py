"""Where a store is: the ``--store`` value, ``NEWSGRAPH_STORE`` or ``./newsgraph-store``, and the store a location
opens (an embedded one on disk or in memory, or a SPARQL server): ``graph/store.py`` re-exports these.

>>> store_path("data/store")
PosixPath('data/store')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.graph._anystore import AnyStore

__all__ = ["DEFAULT_STORE", "open_store", "store_location", "store_path"]

DEFAULT_STORE = "newsgraph-store"


def store_path(path: str | Path | None = None) -> Path:
    """The store directory: the argument, else ``NEWSGRAPH_STORE``, else ``./newsgraph-store``."""
    return Path(path or os.environ.get("NEWSGRAPH_STORE") or DEFAULT_STORE)


def store_location(value: str | Path | None = None) -> str | Path:
    """A ``--store`` value: a SPARQL server's URL as given, else the store directory (see ``store_path``).

    >>> store_location("http://127.0.0.1:7878")
    'http://127.0.0.1:7878'
    >>> store_location("data/store")
    PosixPath('data/store')
    """
    from newsgraph.graph.remote import is_remote

    chosen = value if value is not None else os.environ.get("NEWSGRAPH_STORE")
    if is_remote(str(chosen) if chosen is not None else None):
        return str(chosen)
    return store_path(chosen)


def open_store(location: str | Path | None, *, read_only: bool = False) -> AnyStore:
    """The embedded store at a directory (``None``: in memory) or a ``RemoteStore`` for an ``http(s)://`` URL.

    A server's update endpoint, when it is not derived from the URL, comes from ``NEWSGRAPH_UPDATE_URL``.
    """
    from newsgraph.graph.remote import RemoteStore, is_remote
    from newsgraph.graph.store import Store

    if is_remote(str(location) if location is not None else None):
        return RemoteStore(
            str(location), update_url=os.environ.get("NEWSGRAPH_UPDATE_URL") or None, read_only=read_only
        )
    return Store(location, read_only=read_only)
