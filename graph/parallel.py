"""Extraction on several processes or a Dask cluster; the quads come back to the one process that writes.

Each worker loads the spaCy model once and turns a batch of articles into per-article N-Quads. The caller writes
them, one transaction per article, so the store still has a single writer. Results come back in completion order;
since article and entity IRIs are content hashes and table slugs, the graph does not depend on that order.

>>> from newsgraph.loaders import Article
>>> (done,), failures = extract_batch([Article(text="Talks\\n\\nPutin met Kim in Pyongyang.", source="a")])
>>> done.source, failures
('a', [])
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from newsgraph.errors import ArticleError, ClusterError
from newsgraph.loaders._batch import batches
from newsgraph.loaders.article import Article
from newsgraph.loaders.read import ErrorHandler
from newsgraph.loaders.setup import BATCH_CHARS, BATCH_SIZE, ExtractorSetup, model_name

# The process that writes (the caller of pool_quads and dask_quads) never imports spaCy, the rules or the writer:
# only the workers extract, and they import all of it when their first batch comes.
if TYPE_CHECKING:
    from newsgraph.graph._curate import Correction
    from newsgraph.loaders.extraction import Extractor

__all__ = ["ArticleQuads", "dask_quads", "extract_batch", "pool_quads"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleQuads:
    """One article's named graph as a worker returns it."""

    iri: str
    content_hash: str
    source: str
    origin: str | None
    nquads: bytes  # the article's named graph, written as is by Store.write_article


def _length(article: Article) -> int:
    return len(article.text)


@cache
def _extractor(setup: ExtractorSetup) -> Extractor:
    from newsgraph.loaders.extraction import Extractor

    return Extractor.from_setup(setup)


#: the packaged model, tables, lexicon and name classes, every rule on
_PACKAGED = ExtractorSetup()


def extract_batch(
    articles: list[Article],
    setup: ExtractorSetup = _PACKAGED,
    corrections: tuple[Correction, ...] = (),
) -> tuple[list[ArticleQuads], list[tuple[str, str]]]:
    """Extract a batch in this process: each article's quads, and (source, reason) for each that failed; ``setup``
    says what the extractor is, all as text (a worker on another machine has no access to the files);
    ``corrections`` are the store's, applied to each article."""
    import pyoxigraph as ox

    from newsgraph.graph.curation import curated_quads
    from newsgraph.graph.writer import to_quads

    failures: list[ArticleError] = []
    done = []
    for extraction in _extractor(setup).pipe(
        articles, batch_size=len(articles) or 1, on_error=failures.append
    ):
        article = extraction.article
        quads = curated_quads(extraction, list(corrections)) if corrections else to_quads(extraction)
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        done.append(ArticleQuads(article.iri, article.content_hash, article.source, article.origin, data))
    return done, [(f.source, f.reason) for f in failures]


def _drain(
    submit: Any,
    work: Iterator[list[Article]],
    in_flight: int,
    on_error: ErrorHandler,
    first_completed: Any = None,
) -> Iterator[ArticleQuads]:
    """Keep ``in_flight`` batches running (bounded memory whatever the corpus size) and yield as they finish."""

    def local_wait(futures: set[Any]) -> tuple[set[Any], set[Any]]:
        done, pending = wait(futures, return_when=FIRST_COMPLETED)
        return set(done), set(pending)

    waiter = first_completed or local_wait
    running: set[Any] = set()
    for batch in work:
        running.add(submit(batch))
        if len(running) >= in_flight:
            finished, running = waiter(running)
            yield from _results(finished, on_error)
    while running:
        finished, running = waiter(running)
        yield from _results(finished, on_error)


def _results(finished: Iterable[Any], on_error: ErrorHandler) -> Iterator[ArticleQuads]:
    for future in finished:
        done, failures = future.result()
        for source, reason in failures:
            on_error(ArticleError(source, reason))
        yield from done


def _start_worker(parent: int) -> None:
    """A pool worker ends with the process that started it, and once the pool shuts it down (every result sent by
    then) it ends at once: the interpreter's teardown of the model and the rules, 0.4 s of CPU per worker that the
    ingest waits for, is skipped."""
    import atexit
    import os

    from newsgraph.graph._pool import watch_parent

    watch_parent(parent)
    atexit.register(os._exit, 0)


def pool_quads(
    articles: Iterable[Article],
    *,
    workers: int,
    batch_size: int = BATCH_SIZE,
    setup: ExtractorSetup = _PACKAGED,
    corrections: tuple[Correction, ...] = (),
    on_error: ErrorHandler,
) -> Iterator[ArticleQuads]:
    """Extract on ``workers`` local processes (spawned, each with its own model)."""
    import multiprocessing as mp
    import os

    # each worker ends itself when this process is gone (a kill -9 of the ingest leaves no spaCy processes behind)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        yield from _drain(
            lambda batch: pool.submit(extract_batch, batch, setup, corrections),
            batches(articles, batch_size, weight=_length, most=BATCH_CHARS),
            2 * workers,
            on_error,
        )


def dask_quads(
    articles: Iterable[Article],
    *,
    address: str | Any,
    batch_size: int = BATCH_SIZE,
    setup: ExtractorSetup = _PACKAGED,
    corrections: tuple[Correction, ...] = (),
    on_error: ErrorHandler,
) -> Iterator[ArticleQuads]:
    """Extract on a Dask distributed cluster (``address`` of its scheduler, or a ``Client``).

    Every worker needs the same newsgraph release and spaCy model as this process; it loads the model once.
    """
    from distributed import Client
    from distributed import wait as dask_wait

    if isinstance(address, Client):
        client = address
    else:
        try:
            client = Client(address, set_as_default=False)
        except OSError as exc:  # no scheduler there, or not one that answers in time
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def first_completed(futures: set[Any]) -> tuple[set[Any], set[Any]]:
        with client.as_current():  # a client made here is nobody's default: wait() is told which one
            done, pending = dask_wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done), set(pending)

    # the model named here, not by a worker machine's own NEWSGRAPH_SPACY_MODEL: every graph is made as this process
    # would make it, and names the extractor version this process checks at the next ingest
    setup = replace(setup, model=model_name(setup.model))
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _drain(
            lambda batch: client.submit(extract_batch, batch, setup, corrections, pure=False),
            batches(articles, batch_size, weight=_length, most=BATCH_CHARS),
            2 * workers,
            on_error,
            first_completed,
        )
    finally:
        if client is not address:
            client.close()
