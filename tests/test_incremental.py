"""Issue 29: stories, happenings and disagreements kept beside the store and brought up to date, not computed again.

Each test ingests generated articles (``benchmarks/corpus.py``: the bundled examples with other names, numbers and
dates) into a real store with the real model, asks for the analyses (which keeps them), changes the store, and
compares what comes back with a computation from nothing (the same store with nothing kept). The work done for one
more article is counted by ``Analysis.work``, not timed.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph import incremental
from newsgraph.graph._features import kinds_of
from newsgraph.graph.incremental import Analysis

from .conftest import ROOT

if str(ROOT / "benchmarks") not in sys.path:  # the corpus imports its sibling ``_news``
    sys.path.insert(0, str(ROOT / "benchmarks"))
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

FIRST = 36  # six of each bundled example: stories of several articles, happenings and disagreements


def _everything(kg: KnowledgeGraph) -> dict[str, Any]:
    found = {"stories": kg.stories(), "happenings": kg.happenings(), "disagreements": kg.disagreements()}
    return json.loads(json.dumps(found, default=str))


def _from_nothing(path: Path, tmp: Path) -> dict[str, Any]:
    """The analyses of a copy of the store with nothing kept beside it."""
    copy = tmp / f"fresh-{len(list(tmp.iterdir()))}"
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns(incremental.DIRECTORY))
    with KnowledgeGraph.open(copy, read_only=True) as kg:
        analysis = Analysis.of(kg.store)
        assert analysis.work.read == analysis.work.articles  # nothing was kept: every article read
        analysis.close()
        return _everything(kg)


def _work(path: Path) -> incremental.Work:
    with KnowledgeGraph.open(path, read_only=True) as kg:
        analysis = Analysis.of(kg.store)
        analysis.happenings()
        analysis.disagreements()
        analysis.close()
        return analysis.work


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("incremental") / "store"
    with KnowledgeGraph.open(path) as kg:
        report = kg.ingest_articles(list(corpus.articles(FIRST)))
    assert report.added == FIRST, report
    return path


def _story_sets(found: dict[str, Any]) -> set[tuple[str, ...]]:
    return {tuple(s["articles"]) for s in found["stories"]}


def test_one_more_article_gives_what_a_computation_from_nothing_gives(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        before = _everything(kg)  # computed, and kept
    assert len(before["stories"]) < FIRST and before["happenings"] and before["disagreements"]
    quiet = _work(path)
    assert (quiet.read, quiet.dropped, quiet.happening_stories, quiet.figure_stories) == (0, 0, 0, 0)
    assert quiet.event_pairs == quiet.figure_pairs == 0

    with KnowledgeGraph.open(path, read_only=True) as kg:
        kept = Analysis.of(kg.store)
        kinds_before = kinds_of(kept.features.values())
        kept.close()
    one_more = next(corpus.articles(1, start=FIRST))
    with KnowledgeGraph.open(path) as kg:
        assert kg.ingest_articles([one_more]).added == 1
    work = _work(path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        after = _everything(kg)
    assert after == _from_nothing(path, tmp_path)
    assert after != before

    # one article's work: that article's features kept by the writer as it wrote it (nothing read), and the events
    # and figures compared only of the stories it changed
    assert (work.read, work.bulk, work.dropped) == (0, False, 0)
    changed = _story_sets(after) - _story_sets(before)
    assert changed and work.happening_stories <= len(changed) + _stories_with_new_kinds(path, kinds_before)
    assert 1 <= work.figure_stories <= len(changed)
    everything = _work_from_nothing(path, tmp_path)
    assert work.event_pairs < everything.event_pairs
    assert work.figure_pairs < everything.figure_pairs


def _stories_with_new_kinds(path: Path, kinds_before: dict[str, tuple[str, bool]]) -> int:
    """Stories whose participants the store now types otherwise (their happenings are computed again)."""
    with KnowledgeGraph.open(path, read_only=True) as kg:
        analysis = Analysis.of(kg.store)
        now = kinds_of(analysis.features.values())
        moved = {label for label in set(now) | set(kinds_before) if now.get(label) != kinds_before.get(label)}
        count = sum(
            1
            for story in analysis.stories()
            if any(
                p in moved
                for a in story.articles
                for r in analysis.features[a]["reports"]
                for p in r["participants"]
            )
        )
        analysis.close()
        return count


def _work_from_nothing(path: Path, tmp: Path) -> incremental.Work:
    copy = tmp / "counted"
    shutil.copytree(path, copy, ignore=shutil.ignore_patterns(incremental.DIRECTORY))
    return _work(copy)


def test_a_removed_article_gives_what_a_computation_from_nothing_gives(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        before = _everything(kg)
        gone = before["stories"][0]["articles"][1]  # from the largest story
    with KnowledgeGraph.open(path) as kg, kg.writing():
        assert kg.store.remove_article(gone)
    work = _work(path)
    assert (work.read, work.dropped) == (0, 1)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        after = _everything(kg)
    assert gone not in {a for s in after["stories"] for a in s["articles"]}
    assert after == _from_nothing(path, tmp_path)
    assert after != before


def test_corrections_and_updates_reach_what_is_kept(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        before = _everything(kg)
        person = next(r for r in kg.query("actors") if r["type"] == "Person" and r["articles"] > 1)
    with KnowledgeGraph.open(path) as kg:
        applied = kg.rename(person["label"], "Dana Pellor")
    # the articles the correction rewrote name it (ng:curatedBy): only those are read again
    assert _work(path).read == len(applied.articles) < FIRST
    with KnowledgeGraph.open(path, read_only=True) as kg:
        renamed = _everything(kg)
    assert renamed == _from_nothing(path, tmp_path)
    assert "Dana Pellor" in json.dumps(renamed) and renamed != before
    with KnowledgeGraph.open(path) as kg:
        kg.undo()
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert _everything(kg) == before

    # a SPARQL update the stamps cannot see: what was kept is read again
    with KnowledgeGraph.open(path) as kg:
        kg.update(
            "DELETE { GRAPH ?g { ?a <https://schema.org/datePublished> ?d } }"
            " WHERE { GRAPH ?g { ?a <https://schema.org/datePublished> ?d } }"
        )
    work = _work(path)
    assert work.read == work.articles
    with KnowledgeGraph.open(path, read_only=True) as kg:
        undated = _everything(kg)
    assert undated == _from_nothing(path, tmp_path)
    assert all(s["first"] is None for s in undated["stories"])


def test_a_writer_reads_its_own_updates_before_it_publishes(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert any(s["first"] for s in kg.stories())  # kept
    with KnowledgeGraph.open(path) as kg, kg.writing():
        kg.update(
            "DELETE { GRAPH ?g { ?a <https://schema.org/datePublished> ?d } }"
            " WHERE { GRAPH ?g { ?a <https://schema.org/datePublished> ?d } }"
        )
        assert all(s["first"] is None for s in kg.stories())


def test_a_store_in_memory_keeps_nothing_and_agrees() -> None:
    kg = KnowledgeGraph.open(None)
    kg.ingest_articles(list(corpus.articles(8)))
    first = Analysis.of(kg.store)
    assert first.work.read == 8 and first.stories()
    again = Analysis.of(kg.store)
    assert again.work.read == 8  # nothing kept in memory between calls
    assert [s.articles for s in again.stories()] == [s.articles for s in first.stories()]


def test_a_reader_is_not_held_by_another_that_keeps(stored: Path, tmp_path: Path) -> None:
    """Another process holding the kept file for writing: the reader computes and answers, and keeps nothing."""
    import sqlite3

    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        _everything(kg)  # kept
    other = sqlite3.connect(path / incremental.DIRECTORY / "analysis.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        # the writer cannot keep the article's features either: it goes on
        with KnowledgeGraph.open(path) as kg:
            assert kg.ingest_articles([next(corpus.articles(1, start=FIRST + 1))]).added == 1
        with KnowledgeGraph.open(path, read_only=True) as kg:
            assert _everything(kg) == _from_nothing(path, tmp_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _work(path).read == 1  # what the held reader read was not kept: read again now, and kept


def test_nothing_is_kept_through_a_symbolic_link(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path, ignore=shutil.ignore_patterns(incremental.DIRECTORY))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (path / incremental.DIRECTORY).symlink_to(elsewhere)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.stories()
    assert list(elsewhere.iterdir()) == []
    assert _work(path).read == _work(path).articles  # nothing kept: read each time


def test_the_writer_keeps_each_article_as_it_writes_it(stored: Path, tmp_path: Path) -> None:
    """A store ingested from nothing is never read for its features: the first analyses read no article."""
    work = _work(stored)
    assert (work.articles, work.read, work.bulk) == (FIRST, 0, False)
    with KnowledgeGraph.open(stored, read_only=True) as kg:
        assert _everything(kg) == _from_nothing(stored, tmp_path)


def test_a_crash_between_the_store_and_what_is_kept_is_repaired(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article's transaction in the store is committed, the process dies before its features are kept: the
    next analysis finds the article by its stamp, reads it alone, and answers as a computation from nothing."""
    from newsgraph.graph._kept import Keeper

    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        _everything(kg)  # kept
    dropped: list[str] = []

    def die(keeper: Keeper) -> None:
        """What a crash after the store's commit leaves: nothing kept of the batch."""
        dropped.extend(keeper.pending)
        keeper.pending = {}

    monkeypatch.setattr(Keeper, "flush", die)
    with KnowledgeGraph.open(path) as kg:
        assert kg.ingest_articles(list(corpus.articles(2, start=FIRST))).added == 2
    monkeypatch.undo()
    assert len(dropped) == 2
    work = _work(path)
    assert (work.read, work.bulk, work.dropped) == (2, False, 0)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert _everything(kg) == _from_nothing(path, tmp_path)
    assert _work(path).read == 0  # read once, and kept
