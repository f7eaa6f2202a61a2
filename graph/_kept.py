"""What the analyses keep beside a store (``newsgraph-derived/analysis.sqlite``), and the writer's side of it.

The file holds a head (what the kept rows depend on besides the articles: this code, and the store's last write of
unknown extent), each article's features by part (``_features.PARTS``) under the stamp of the graph they were read
from, and each story's results under a signature (``graph/incremental.py``).

The writer keeps each article's features as it writes the article (``Keeper``): after the article's transaction
in the store, its features are read back from the store (the same bound queries an analysis would run, about a
hundredth of a second at 4 M quads) and kept, a batch in one SQLite transaction. The two writes are not one: a
crash between them leaves an article in the store whose features are missing or kept under its old stamp, and the
next analysis reads that article again by its stamp, as it reads any article it does not know. So a store ingested
this way is never read whole, and nothing half-written is ever taken for the truth.

>>> from newsgraph.graph.store import Store
>>> keeper = Keeper.of(Store())  # a store in memory keeps nothing
>>> keeper is None
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.graph import _snapshots
from newsgraph.graph._features import PARTS, Features, blank, read_features, stamp_of
from newsgraph.graph.store import AnyStore, Store

__all__ = ["DIRECTORY", "Keeper", "Kept", "code_key", "open_kept", "part_text"]

log = logging.getLogger(__name__)

#: where what is kept lives, inside the store's directory
DIRECTORY = "newsgraph-derived"
_FILE = "analysis.sqlite"
#: articles whose features the writer keeps in one SQLite transaction
_BATCH = 64


@cache
def code_key() -> str:
    """What the kept results depend on besides the articles: this code, its queries, the ontology's data."""
    from importlib import resources

    import pyoxigraph

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(pyoxigraph.__version__.encode())
    files = [
        here / name
        for name in (
            "_features.py", "_kept.py", "_linking.py", "stories.py", "happenings.py", "figures.py",
            "incremental.py",
        )
    ]  # fmt: skip
    for package, suffix in (("newsgraph.queries", "*.rq"), ("newsgraph.ontology", "*.ttl")):
        files += sorted(Path(str(resources.files(package))).glob(suffix))
    for path in files:
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def part_text(features: Features, name: str) -> str:
    """One part of an article's features as it is kept (JSON)."""
    return json.dumps({key: features[key] for key in PARTS[name]})


class Kept:
    """The SQLite file of what is kept; a store directory that cannot be written keeps nothing."""

    def __init__(self, path: Path) -> None:
        folder = path / DIRECTORY
        if folder.is_symlink() or any(
            (folder / f"{_FILE}{end}").is_symlink() for end in ("", "-wal", "-shm")
        ):
            raise OSError(f"{folder} is or holds a symbolic link: nothing is kept there")
        folder.mkdir(exist_ok=True)
        self.db = sqlite3.connect(folder / _FILE, timeout=2, isolation_level=None)  # busy: kept by another
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS head (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE IF NOT EXISTS kept_features (iri TEXT PRIMARY KEY, stamp TEXT, stories TEXT,"
            " happenings TEXT, figures TEXT);"
            "CREATE TABLE IF NOT EXISTS results (kind TEXT, signature TEXT, value TEXT,"
            " PRIMARY KEY (kind, signature));"
        )

    def head(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM head").fetchall())

    def current(self, edited: str) -> bool:
        """Whether the kept rows were made by this code since the store's last write of unknown extent."""
        head = self.head()
        return head.get("code") == code_key() and head.get("edited") == edited

    def restart(self, edited: str) -> None:
        """Forget every row and take this head (in the caller's transaction)."""
        self.db.execute("DELETE FROM kept_features")
        self.db.execute("DELETE FROM results")
        self.set_head(edited)

    def set_head(self, edited: str) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO head VALUES (?, ?)", [("code", code_key()), ("edited", edited)]
        )

    def rows(self) -> list[tuple[str, str, str | None, str | None, str | None]]:
        """Each article's stamp and parts as kept."""
        return self.db.execute(
            "SELECT iri, stamp, stories, happenings, figures FROM kept_features"
        ).fetchall()

    def keep(self, gone: list[str], rows: list[tuple[str | None, ...]]) -> None:
        """Forget the articles gone, keep these (article, stamp, its parts) (in the caller's transaction)."""
        self.db.executemany("DELETE FROM kept_features WHERE iri = ?", [(a,) for a in gone])
        self.db.executemany("INSERT OR REPLACE INTO kept_features VALUES (?, ?, ?, ?, ?)", rows)

    def add_part(self, name: str, read: list[tuple[str, str, str | None]]) -> None:
        """One part of these articles, read now (article, its stamp, the part): kept where the stamp is still the
        article's."""
        column = {"stories": "stories", "happenings": "happenings", "figures": "figures"}[name]
        self.db.executemany(
            f"UPDATE kept_features SET {column} = ? WHERE iri = ? AND stamp = ?",
            [(text, a, stamp) for a, stamp, text in read],
        )

    def results(self, kind: str, signatures: set[str]) -> dict[str, Any]:
        found = {}
        for signature, value in self.db.execute(
            "SELECT signature, value FROM results WHERE kind = ?", (kind,)
        ):
            if signature in signatures:
                found[signature] = json.loads(value)
        return found

    def close(self) -> None:
        self.db.close()


def open_kept(store: AnyStore) -> Kept | None:
    """What is kept beside this store (None: an embedded store on disk only)."""
    path = getattr(store, "path", None)
    if not isinstance(store, Store) or path is None:
        return None
    try:
        return Kept(path)
    except (OSError, sqlite3.Error) as exc:
        log.debug("analyses of %s are not kept: %s", path, exc)
        return None


class Keeper:
    """The writer's side: ``written(iri)`` after each article's transaction; its features are kept by the batch, and
    at ``flush``. Never fails the ingest: what it could not keep, the next analysis reads by its stamp."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: dict[str, None] = {}
        #: articles whose features this keeper kept (an observable for tests and benchmarks)
        self.kept = 0

    @classmethod
    def of(cls, store: AnyStore) -> Keeper | None:
        """A keeper for an embedded store on disk; None for any other."""
        if isinstance(store, Store) and store.path is not None and not store.read_only:
            return cls(store)
        return None

    def written(self, article: str) -> None:
        """This article's graph was just written (added or replaced)."""
        self.pending[article] = None
        if len(self.pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Keep the features of the articles written since the last flush."""
        articles, self.pending = sorted(self.pending), {}
        if not articles:
            return
        path = self.store.path
        assert path is not None
        try:
            found = read_features(self.store, articles)
            rows: list[tuple[str | None, ...]] = []
            for article in articles:
                stamp = stamp_of(self.store, article)
                features = found.get(article) or blank()
                if stamp is not None:
                    rows.append((article, stamp, *(part_text(features, name) for name in PARTS)))
            kept = open_kept(self.store)
            if kept is None:
                return
            try:
                edited = str(_snapshots.edited(path))
                with kept.db:
                    kept.db.execute("BEGIN IMMEDIATE")
                    if not kept.current(edited):
                        kept.restart(edited)
                    kept.keep([], rows)
                self.kept += len(rows)
            finally:
                kept.close()
        except (sqlite3.Error, OSError, NewsgraphError) as exc:
            log.debug("features of %d articles not kept beside %s: %s", len(articles), path, exc)
