"""Stories, happenings and disagreements kept up to date as articles come and go, not computed again for the year.

What these analyses need of each article (``graph/_features.py``: its names, events, reports and figures) is read
from its graph once and kept beside the store, with the stamp of the graph it was read from (content hash,
extractor, corrections): by the writer as it writes each article (``graph/_kept.py``), else by the first call that
needs it. Each call reads the stamps (through the store's indexes), reads again only the articles whose stamp is new
or changed, and forgets the articles that are gone. Stories are then linked from the kept features (the
articles that share a rare name, ``graph/stories.py``); each story's happenings and each story's disagreements are
kept too, under a signature of what they were computed from (its articles' stamps, and for happenings what the
store says of the participants they name), and computed again only for a story whose signature changed. So one more
article costs reading that article, and comparing the events and figures of the story it joins.

The results are those of a computation from nothing: a test adds and removes articles and compares. What is kept
lives in ``newsgraph-derived/analysis.sqlite`` in the store's directory, written in one SQLite transaction per call
(nothing half-written; readers of it are not blocked, and two processes that bring it up to date at once each write
a valid state). A write the stamps cannot see (a SPARQL update, an import, a correction) is marked by the writer in
the snapshots' directory (``_snapshots.mark_edited``), and everything kept is then read again. A store in memory or
on a SPARQL server keeps nothing between calls. ``Analysis.work`` counts what a call did.

>>> from newsgraph.graph.store import Store
>>> analysis = Analysis.of(Store())
>>> analysis.stories(), analysis.work.read
([], 0)
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from newsgraph.graph import _snapshots
from newsgraph.graph._features import PARTS, blank, kinds_of, read_features, stamps
from newsgraph.graph._kept import DIRECTORY, Kept, open_kept
from newsgraph.graph.store import AnyStore, Store

__all__ = ["DIRECTORY", "Analysis", "Work"]

log = logging.getLogger(__name__)

#: past this share of the store's articles to read again, every article is read by one query each, not one by one
_BULK_SHARE = 0.1
_BULK_LEAST = 64


@dataclass
class Work:
    """What one call did: an observable of the cost of one more article (tests count these, not seconds)."""

    #: the store's articles
    articles: int = 0
    #: articles whose features were read from the store (new or changed since they were kept)
    read: int = 0
    #: whether they were read by whole-store queries (many to read), not one article at a time
    bulk: bool = False
    #: articles kept that are gone from the store
    dropped: int = 0
    #: article pairs that share a rare name, scored to link stories
    article_pairs: int = 0
    #: stories whose happenings were computed (not taken from what was kept)
    happening_stories: int = 0
    #: pairs of events compared for happenings
    event_pairs: int = 0
    #: stories whose disagreements were computed
    figure_stories: int = 0
    #: pairs of figures compared for disagreements
    figure_pairs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_F = TypeVar("_F", bound=Callable[..., Any])


def _collector_paused(method: _F) -> _F:
    """Run with Python's cyclic garbage collector paused (and resumed after, as it was): a year's analyses make
    millions of small objects that hold no cycles, beside the millions of the features read, and the collector's
    passes over them all were half of the time of linking 20,000 articles (27 s against 12 s). Reference counting
    still frees everything as usual."""

    @functools.wraps(method)
    def paused(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused  # type: ignore[return-value]


def _signature(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


_PART_OF = {key: part for part, keys in PARTS.items() for key in keys}


class _Entry(dict[str, Any]):
    """An article's features, each part (``_features.PARTS``) decoded when first used; ``raw``: the parts as kept
    (None: not read yet)."""

    def __init__(self, raw: dict[str, str | None] | None = None, **read: Any) -> None:
        super().__init__(**read)
        self.raw = raw or {}

    def has(self, part: str) -> bool:
        return PARTS[part][0] in self.keys() or self.raw.get(part) is not None

    def __missing__(self, key: str) -> Any:
        text = self.raw.get(_PART_OF[key])
        if text is None:
            raise KeyError(key)
        self.update(json.loads(text))
        return super().__getitem__(key)

    def part(self, name: str) -> str | None:
        """One part as JSON to keep (None when not read)."""
        if PARTS[name][0] in self.keys():
            return json.dumps({key: self[key] for key in PARTS[name]})
        return self.raw.get(name)


class Analysis:
    """The features of every article of a store, brought up to date, and the analyses made of them.

    >>> from newsgraph.graph.store import Store
    >>> Analysis.of(Store()).happenings()
    []
    """

    def __init__(
        self,
        store: AnyStore,
        features: dict[str, _Entry],
        work: Work,
        kept: Kept | None,
        stamps: dict[str, str],
    ) -> None:
        self.store = store
        self.features = features
        self._stamps = stamps
        self.work = work
        self._kept = kept
        self._stories: list[Any] | None = None
        #: the articles some part of whose features this call read from the store
        self._read: set[str] = set()

    @classmethod
    @_collector_paused
    def of(cls, store: AnyStore, *, parts: tuple[str, ...] = ("stories",)) -> Analysis:
        """The store's articles' features: those kept, and those of the articles new or changed since, read now
        (these ``parts`` of them, ``_features.PARTS``: those the analysis to come needs, read together; any other
        part when it is first needed)."""
        kept = open_kept(store)
        edited = str(_snapshots.edited(store.path)) if kept is not None and store.path is not None else ""
        if isinstance(store, Store):
            store.refresh()  # after reading the mark: what is read now includes any edit it names
            if store.pending_edit and kept is not None:  # this process wrote what no mark names yet
                kept.close()
                kept = None
        now = stamps(store)
        work = Work(articles=len(now))
        features: dict[str, _Entry] = {}
        known: dict[str, tuple[str, _Entry]] = {}
        if kept is not None:
            try:
                if kept.current(edited):
                    known = {
                        iri: (stamp, _Entry(dict(zip(PARTS, parts, strict=True))))
                        for iri, stamp, *parts in kept.rows()
                    }
            except (sqlite3.Error, ValueError) as exc:
                log.debug("what was kept of %s is not read: %s", store.path, exc)
        changed = []
        for article, stamp in now.items():
            entry = known.get(article)
            if entry is not None and entry[0] == stamp:
                features[article] = entry[1]
            else:
                changed.append(article)
        gone = [article for article in known if article not in now]
        work.dropped = len(gone)
        if changed:  # the part stories need; the others when an analysis first needs them (``_need``)
            work.bulk = len(changed) > max(_BULK_LEAST, _BULK_SHARE * len(now))
            wanted = tuple(dict.fromkeys(("stories", *parts)))
            read = read_features(store, None if work.bulk else sorted(changed), parts=wanted)
            for article in changed:
                features[article] = _Entry(**(read.get(article) or blank(wanted)))
        if kept is not None and (changed or gone or (not known and now)):
            try:
                with kept.db:
                    kept.db.execute("BEGIN IMMEDIATE")
                    if not known:
                        kept.restart(edited)
                    kept.keep(
                        gone, [(a, now[a], *(features[a].part(name) for name in PARTS)) for a in changed]
                    )
                    kept.set_head(edited)
            except sqlite3.Error as exc:
                log.debug("what was read of %s is not kept: %s", store.path, exc)
        analysis = cls(store, features, work, kept, now)
        analysis._read.update(changed)
        work.read = len(changed)
        return analysis

    @_collector_paused
    def _need(self, part: str) -> None:
        """Every article's ``part`` of its features: those not kept are read now (and kept)."""
        missing = sorted(a for a, item in self.features.items() if not item.has(part))
        if not missing:
            return
        bulk = len(missing) > max(_BULK_LEAST, _BULK_SHARE * len(self.features))
        read = read_features(self.store, None if bulk else missing, parts=(part,))
        for article in missing:
            self.features[article].update(read.get(article) or blank((part,)))
        self._read.update(missing)
        self.work.read = len(self._read)
        self.work.bulk = self.work.bulk or bulk
        if self._kept is not None:
            try:
                with self._kept.db:
                    self._kept.db.execute("BEGIN IMMEDIATE")
                    self._kept.add_part(
                        part,
                        [(a, self._stamps[a], self.features[a].part(part)) for a in missing],
                    )
            except sqlite3.Error as exc:
                log.debug("%s of %s not kept: %s", part, self.store.path, exc)

    @_collector_paused
    def stories(self) -> list[Any]:
        """The stories (``graph.stories.Story``), largest first."""
        from newsgraph.graph.stories import compute_stories, story_inputs

        if self._stories is None:
            articles, names = story_inputs(self.features)
            counted: list[int] = []
            self._stories = compute_stories(articles, names, counted=counted)
            self.work.article_pairs = sum(counted)
            self._said("stories")
        return self._stories

    def _said(self, what: str) -> None:
        """The work so far, on the log (``--verbose``): what one more article cost, for a reader and a benchmark."""
        log.info("analysis work after %s: %s", what, json.dumps(self.work.to_dict()))

    def _results(self, kind: str, wanted: dict[str, Any], compute: Any) -> dict[str, Any]:
        """Each signature's result: kept, else computed (``compute(what)``) and kept."""
        found: dict[str, Any] = {}
        if self._kept is not None:
            try:
                found = self._kept.results(kind, set(wanted))
            except (sqlite3.Error, ValueError) as exc:
                log.debug("kept %s not read: %s", kind, exc)
        missing = {s: what for s, what in wanted.items() if s not in found}
        fresh = {signature: compute(what) for signature, what in missing.items()}
        found.update(fresh)
        if self._kept is not None and fresh:
            try:
                with self._kept.db:
                    self._kept.db.execute("BEGIN IMMEDIATE")
                    self._kept.db.executemany(
                        "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                        [(kind, s, json.dumps(value)) for s, value in fresh.items()],
                    )
                    stale = [
                        (kind, signature)
                        for (signature,) in self._kept.db.execute(
                            "SELECT signature FROM results WHERE kind = ?", (kind,)
                        )
                        if signature not in wanted
                    ]
                    self._kept.db.executemany("DELETE FROM results WHERE kind = ? AND signature = ?", stale)
            except sqlite3.Error as exc:
                log.debug("%s not kept: %s", kind, exc)
        return found

    @_collector_paused
    def happenings(self) -> list[dict[str, Any]]:
        """The happenings more than one article reports (``graph.happenings``), most reported first."""
        from newsgraph.graph.happenings import story_events, story_happenings

        self._need("happenings")
        kinds = kinds_of(self.features.values())
        wanted: dict[str, tuple[Any, list[str]]] = {}
        order = []
        for story in self.stories():
            if len(story.articles) < 2:
                continue
            labels = sorted({p for a in story.articles for p in self.features[a]["who"]})
            signature = _signature(
                [(a, self._stamps[a]) for a in story.articles], [(p, kinds.get(p)) for p in labels]
            )
            wanted[signature] = (story, labels)
            order.append((story, signature))

        def compute(what: tuple[Any, list[str]]) -> list[dict[str, Any]]:
            story, labels = what
            counted: list[int] = []
            events = story_events(story.articles, self.features, {p: kinds[p] for p in labels if p in kinds})
            found = story_happenings(events, counted=counted)
            self.work.happening_stories += 1
            self.work.event_pairs += sum(counted)
            return found

        results = self._results("happenings", wanted, compute)
        found = []
        for story, signature in sorted(order, key=lambda pair: pair[0].story):
            for happening in results[signature]:
                head = {k: happening[k] for k in ("type", "label", "date", "place", "participants")}
                rest = {k: happening[k] for k in ("reports", "evidence")}
                found.append({**head, "story": story.story, "story_label": story.label, **rest})
        found.sort(key=lambda h: (-len({r["article"] for r in h["reports"]}), h["story"], h["label"]))
        self._said("happenings")
        return found

    @_collector_paused
    def disagreements(
        self, *, subject: str | None = None, stories: list[Any] | None = None
    ) -> list[dict[str, Any]]:
        """The groups of differing figures (``graph.figures``): each story's kept, or computed."""
        from newsgraph.graph.figures import figure_row, named_group, story_disagreements

        self._need("figures")
        every = stories if stories is not None else self.stories()
        story_of = {a: s for s in every for a in s.articles}
        units: dict[str, tuple[Any, list[str]]] = {}
        for article in sorted(self.features):
            if not self.features[article]["figured"]:
                continue
            story = story_of.get(article)
            unit = story.story if story is not None else article
            units.setdefault(unit, (story, []))[1].append(article)
        wanted: dict[str, list[str]] = {}
        order = []
        for unit, (story, articles) in units.items():
            signature = _signature([(a, self._stamps[a]) for a in articles])
            wanted[signature] = articles
            order.append((unit, story, signature))

        def compute(articles: list[str]) -> list[Any]:
            rows = [figure_row(raw) for a in articles for raw in self.features[a]["figures"]]
            rows.sort(
                key=lambda r: (r["subject"], r["published"] is not None, r["published"] or "", r["article"])
            )
            counted: list[int] = []
            found = story_disagreements(rows, counted=counted)
            self.work.figure_stories += 1
            self.work.figure_pairs += sum(counted)
            return found

        results = self._results("disagreements", wanted, compute)
        listed = []
        for unit, story, signature in order:
            for key, group, names in results[signature]:
                listed.append((list(key), unit, story, group, names))
        listed.sort(key=lambda entry: (entry[0], entry[1]))
        found = []
        for _, _, story, group, names in listed:
            if subject and subject.casefold() not in {n.casefold() for n in names}:
                continue
            found.append(named_group(group, story.story if story else None, story.label if story else None))
        self._said("disagreements")
        return found

    def meta(self, article: str) -> dict[str, Any]:
        """An article's headline, outlet, date and address."""
        item = self.features.get(article)
        return dict(item["meta"]) if item else {"title": None, "outlet": None, "published": None, "url": None}

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None
