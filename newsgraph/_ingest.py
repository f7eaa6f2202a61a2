"""The ingest and extraction methods of ``KnowledgeGraph``: read, extract, correct and store articles, one
transaction per article, on a second thread (or extracted by worker processes or a Dask cluster)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from newsgraph.errors import ArticleError, QueryError, StoreError
from newsgraph.graph.store import AnyStore, Store, unchanged
from newsgraph.loaders.setup import BATCH_SIZE

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from newsgraph.graph.curation import Correction
    from newsgraph.loaders import Article, Extraction, Extractor
    from newsgraph.loaders.setup import ExtractorSetup


__all__ = ["BATCH_SIZE", "IngestReport", "Ingesting"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What an ingest did: counts by outcome, and each failed article with its reason."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    #: earlier versions dropped because their input no longer holds them (and no new version replaced them)
    removed: int = 0
    failed: list[ArticleError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.added + self.replaced + self.unchanged

    @property
    def skipped(self) -> list[ArticleError]:
        """Inputs left out by design: empty, binary, over a limit, not an article."""
        return [f for f in self.failed if f.kind in {"skipped", "refused"}]

    @property
    def errors(self) -> list[ArticleError]:
        """Inputs that should have been stored and were not: unreadable, extraction or store failures."""
        return [f for f in self.failed if f.kind == "failed"]


class Ingesting:
    """Mixed into ``KnowledgeGraph``; relies on its store, ``_writing``, ``_reading``, extractor and tables."""

    if TYPE_CHECKING:
        _setup: ExtractorSetup
        _table_names: tuple[str, ...]

        @property
        def store(self) -> AnyStore: ...
        def _writing(self, method: str) -> AbstractContextManager[AnyStore]: ...
        def _reading(self) -> AnyStore: ...
        @property
        def extractor(self) -> Extractor: ...

    # ------------------------------------------------------------------ extraction
    def extract(self, article: Article, *, corrections: list[Correction] | None = None) -> Extraction:
        """Extract one article without storing it, as ingest would store it: the store's corrections (and those of
        the actor tables given) applied, unless ``corrections`` gives others (``[]``: what extraction found)."""
        from newsgraph.graph.curation import apply_corrections

        every = self._table_and_store_corrections() if corrections is None else corrections
        return apply_corrections(self.extractor.extract(article), every)[0]

    def extract_paths(
        self,
        paths: Iterable[str | Path],
        *,
        published: date | None = None,
        corrections: list[Correction] | None = None,
    ) -> Iterator[Extraction]:
        """Extract every article under ``paths`` without storing them (corrections as in ``extract``)."""
        from newsgraph.graph.curation import apply_corrections
        from newsgraph.loaders import read_paths

        every = self._table_and_store_corrections() if corrections is None else corrections
        for extraction in self.extractor.pipe(read_paths(paths, published=published)):
            yield apply_corrections(extraction, every)[0]

    def _table_and_store_corrections(self, stored: list[Correction] | None = None) -> list[Correction]:
        """The store's corrections (or ``stored``), then those the actor tables state that are not among them."""
        from newsgraph.graph.curation import corrections, table_corrections

        stored = corrections(self._reading()) if stored is None else stored
        known = {_same(c) for c in stored}
        top = max((c.number for c in stored), default=0)
        extra, plain = [], []
        for name, text in zip(self._table_names, self._setup.actor_tables, strict=False):
            for made in table_corrections(text, f"actor table {name}"):
                if made.number == 0:  # a plain entry's type, label and names: applied, not kept in the log
                    plain.append(made)
                elif _same(made) not in known:
                    known.add(_same(made))
                    top += 1
                    extra.append(replace(made, number=top))
        return [*stored, *extra, *plain]

    def _ingest_corrections(self, store: AnyStore) -> list[Correction]:
        """Before an ingest: the actor tables' corrections the store lacks join its log (so that the store keeps
        them) and are applied to the articles it holds; then every correction, for the new articles."""
        from newsgraph.graph.curation import affected_articles, corrections, reapply, record

        stored = corrections(store)
        every = self._table_and_store_corrections()
        added = [c for c in every[len(stored) :] if c.number > 0]
        if added:
            kept = [*stored, *added]
            record(store, kept)
            reapply(store, kept, affected_articles(store, [i for c in added for i in (c.actor, c.into) if i]))
        return [c for c in every if c.active]

    # ------------------------------------------------------------------ ingest
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: date | None = None,
        batch_size: int = BATCH_SIZE,
        workers: int = 1,
        dask: str | Any = None,
        progress: Any = None,
        report: IngestReport | None = None,
        on_parse: Any = None,
    ) -> IngestReport:
        """Read, extract and store every article under ``paths``; failures are reported, not raised.

        ``workers`` > 1 extracts on that many local processes; ``dask`` (a scheduler address or a
        ``distributed.Client``) extracts on a Dask cluster. Either way this process alone writes, one transaction per
        article; into the embedded store it writes on a second thread, while extraction goes on.
        """
        from newsgraph.loaders import read_paths

        report = report if report is not None else IngestReport()
        inputs = _Inputs()

        def unreadable(error: ArticleError) -> None:
            report.failed.append(error)
            inputs.broken.add(error.origin)

        articles = inputs.watch(read_paths(paths, published=published, on_error=unreadable))
        with self._writing("ingest"):
            self.ingest_articles(
                articles,
                batch_size=batch_size,
                workers=workers,
                dask=dask,
                report=report,
                progress=progress,
                on_parse=on_parse,
                _inputs=inputs,
            )
            self._drop_stale(inputs, report)
        return report

    def _drop_stale(self, inputs: _Inputs, report: IngestReport) -> None:
        """After the whole input is stored: the graphs an input file gave before and no longer holds.

        Only articles known by their text alone (no URL, no identifier) are dropped, and only for an input read in
        full: an edited text file gave a new graph, so its old one goes; an article with a URL or an id stays
        whatever a file holds now (a feed shows its latest entries, not all of them). An article that another
        input still holds only loses this input. A crash before this step leaves both versions; the next ingest
        drops the old one.
        """
        for origin, seen in inputs.seen.items():
            if origin in inputs.broken or origin.startswith("<") or Path(origin).suffix.lower() in _FEEDS:
                continue
            stale = [iri for iri in self.store.articles_from(origin) if iri not in seen]
            for iri in stale:
                others = [s for s in self.store.article_sources(iri) if s != origin]
                if others:
                    self.store.remove_source(iri, origin)
                    continue
                self.store.remove_article(iri)
                log.info("removed the earlier version from %s", origin)
                if inputs.added.get(origin, 0) > 0:  # the new version was counted added: it replaced this one
                    inputs.added[origin] -= 1
                    report.added -= 1
                    report.replaced += 1
                else:
                    report.removed += 1
        self.store.flush()

    def ingest_articles(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = BATCH_SIZE,
        workers: int = 1,
        dask: str | Any = None,
        report: IngestReport | None = None,
        progress: Any = None,
        on_parse: Any = None,
        _inputs: _Inputs | None = None,
    ) -> IngestReport:
        """Extract and store articles, one atomic write per article (see ``ingest`` for ``workers`` and ``dask``)."""
        with self._writing("ingest_articles"):
            return self._ingest_articles(
                articles,
                batch_size=batch_size,
                workers=workers,
                dask=dask,
                report=report,
                progress=progress,
                on_parse=on_parse,
                _inputs=_inputs,
            )

    def _ingest_articles(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int,
        workers: int,
        dask: str | Any,
        report: IngestReport | None,
        progress: Any,
        on_parse: Any,
        _inputs: _Inputs | None,
    ) -> IngestReport:
        from newsgraph.graph._background import BackgroundWriter
        from newsgraph.graph._kept import Keeper

        report = report or IngestReport()
        inputs = _inputs or _Inputs()
        corrections = self._ingest_corrections(self.store)
        fresh = self._not_stored(articles, report, progress, inputs)

        # each article's features for the analyses are kept as it is written (``graph/_kept.py``)
        keeper = Keeper.of(self.store)

        def store(item: tuple[str, str, str, str | None, list[ox.Quad] | bytes]) -> None:
            outcome = self._store_one(*item, report, progress, inputs)
            if keeper is not None and outcome in ("added", "replaced"):
                keeper.written(item[0])

        # The embedded store writes on a thread, overlapping extraction (see graph._background); a server store is
        # written inline, since its HTTP session is shared with the reads that skip unchanged articles.
        writer = BackgroundWriter(store, depth=2 * batch_size) if isinstance(self.store, Store) else None
        try:
            self._write_all(
                writer, store, fresh, corrections=corrections, batch_size=batch_size, workers=workers,
                dask=dask, report=report, on_parse=on_parse,
            )  # fmt: skip
        finally:  # what was written is kept even when the ingest stops; what is not, an analysis reads again
            if keeper is not None:
                keeper.flush()
        self.store.flush()
        return report

    def _write_all(
        self,
        writer: Any,
        store: Any,
        fresh: Iterable[Article],
        *,
        corrections: list[Correction],
        batch_size: int,
        workers: int,
        dask: str | Any,
        report: IngestReport,
        on_parse: Any,
    ) -> None:
        from newsgraph.graph.curation import curated_quads
        from newsgraph.graph.writer import to_quads

        with writer or nullcontext():
            put = writer.put if writer is not None else store
            if dask is not None or workers > 1:
                from newsgraph.graph.parallel import dask_quads, pool_quads

                extract = (
                    partial(dask_quads, address=dask)
                    if dask is not None
                    else partial(pool_quads, workers=workers)
                )
                stream = extract(
                    fresh,
                    batch_size=batch_size,
                    setup=self._setup,
                    corrections=tuple(corrections),
                    on_error=report.failed.append,
                )
                for done in stream:
                    put((done.iri, done.content_hash, done.source, done.origin, done.nquads))
            else:
                for extraction in self.extractor.pipe(
                    fresh, batch_size=batch_size, on_error=report.failed.append, on_progress=on_parse
                ):
                    article = extraction.article
                    quads = curated_quads(extraction, corrections) if corrections else to_quads(extraction)
                    graph: list[ox.Quad] | bytes = quads
                    if writer is not None:
                        # The writer thread gets N-Quads, which pyoxigraph reads without the GIL; turning Python
                        # quads into its own holds the GIL and so holds up extraction (0.5 ms per article).
                        graph = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
                    put((article.iri, article.content_hash, article.source, article.origin, graph))

    @cached_property
    def _extractor_version(self) -> str:
        """The ``ng:extractorVersion`` this graph writes; a stored article made otherwise is extracted again."""
        return self._setup.version

    def _not_stored(
        self, articles: Iterable[Article], report: IngestReport, progress: Any, inputs: _Inputs
    ) -> Iterator[Article]:
        """Articles whose text is not stored yet; the others count as unchanged without being extracted again
        (an unchanged article read from one more input records that input too)."""
        for article in articles:
            stamp = self.store.article_stamp(article.iri)
            if stamp is not None and article.origin:
                known = self.store.article_sources(article.iri)
                inputs.sources[article.iri] = known
                if article.origin not in known and unchanged(
                    stamp, article.content_hash, self._extractor_version
                ):
                    self.store.add_source(article.iri, article.origin)
            if unchanged(stamp, article.content_hash, self._extractor_version):
                report.unchanged += 1
                log.info("unchanged %s", article.source)
                if progress is not None:
                    progress(article, "unchanged")
                continue
            yield article

    def _store_one(
        self,
        iri: str,
        content_hash: str,
        source: str,
        origin: str | None,
        quads: list[ox.Quad] | bytes,
        report: IngestReport,
        progress: Any,
        inputs: _Inputs,
    ) -> str | None:
        """Write one article; its outcome (None: it failed, and the report says why)."""
        try:
            outcome = self.store.write_article(iri, content_hash, quads, extractor=self._extractor_version)
            if outcome == "replaced":  # the new graph names its own input; the others that held it stay
                for other in inputs.sources.get(iri, []):
                    if other != origin:
                        self.store.add_source(iri, other)
        except OSError as exc:
            if _fatal(exc):  # no later article can be written either: stop, and say why
                raise StoreError(
                    f"cannot write the store: {exc} (is the disk full, or the store damaged?)"
                ) from None
            report.failed.append(ArticleError(source, f"could not be stored: {exc}"))
            return None
        except (ValueError, QueryError) as exc:  # a server that refuses one article refuses only it
            report.failed.append(ArticleError(source, f"could not be stored: {exc}"))
            return None
        if outcome == "added" and origin:
            inputs.added[origin] = inputs.added.get(origin, 0) + 1
        log.info("%s %s", outcome, source)
        setattr(report, outcome, getattr(report, outcome) + 1)
        if progress is not None:
            progress(_Done(source), outcome)
        return outcome


_FEEDS = {".xml", ".rss", ".atom"}


def _same(c: Correction) -> tuple[object, ...]:
    """What makes two corrections the same one (a table's, already in the store's log)."""
    return (c.action, c.actor, c.into, c.target_type, c.target_label, c.name, c.texts, c.articles)


_FATAL = ("no space left", "file too large", "read-only file system", "corruption", "quota", "io error")


def _fatal(exc: OSError) -> bool:
    """A write error that every later write would meet too (a full disk, a damaged store)."""
    import errno

    return exc.errno in {errno.ENOSPC, errno.EFBIG, errno.EROFS, errno.EDQUOT} or any(
        word in str(exc).lower() for word in _FATAL
    )


class _Inputs:
    """What one ingest read from each input: the articles it holds now, and which inputs could not be read whole."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}
        self.broken: set[str] = set()
        self.added: dict[str, int] = {}
        self.sources: dict[str, list[str]] = {}

    def watch(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.origin:
                self.seen.setdefault(article.origin, set()).add(article.iri)
            yield article


@dataclass(frozen=True)
class _Done:
    """What a progress callback is told about a stored article."""

    source: str
