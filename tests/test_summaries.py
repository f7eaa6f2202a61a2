"""Issue 29: the summaries the writer keeps (``graph/summaries.py``) give the same totals and pages as counting and
sorting the whole store, after articles are added, replaced, removed and corrected, and a store written without
them gets them from ``build_summaries`` (``newsgraph summaries``)."""

from __future__ import annotations

import dataclasses
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph import summaries
from newsgraph.graph._summary_rows import SUMMARY_GRAPH, kept, keyed
from newsgraph.queries import bind_params, count_text, list_queries, load_query

from .conftest import ROOT

if str(ROOT / "benchmarks") not in sys.path:  # corpus.py reads its neighbour _news.py
    sys.path.insert(0, str(ROOT / "benchmarks"))
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

FIRST = 12
#: the sliced listings: a page is read one article after another
SLICED = [q.name for q in list_queries() if summaries.sliced(q)]


def _counted(kg: KnowledgeGraph, name: str, **params: str) -> int:
    """A listing's total counted on the whole store, as without summaries."""
    named = load_query(name)
    text = count_text(named)
    assert text is not None
    rows = kg.store.query(text, bind_params(named.text, params))
    return sum(int(row["total"].value) for row in rows)


def _sorted_page(kg: KnowledgeGraph, name: str, *, offset: int, limit: int, **params: str) -> list[object]:
    """A page cut from the whole query's rows, sorted by the store."""
    named = load_query(name)
    result = kg.store.query(named.text, bind_params(named.text, params), offset=offset, limit=limit)
    return [[None if t is None else t.value for t in row] for row in result]


def _agrees(path: Path) -> None:
    """Every kept total is the counted one, and pages of every sliced listing are the sorted query's."""
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert summaries.current(kg.store.oxigraph)
        for named in kept():
            assert summaries.total(kg.store, named.name) is not None  # type: ignore[arg-type]
            assert kg.count(named.name) == _counted(kg, named.name), named.name
        actors = kg.query("actors")
        actor = actors[0]["label"]
        # the keyed listings' totals for an actor by name (any case) and by IRI, and for a name no one has
        for value in (actor.upper(), actors[-1]["actor"], actors[len(actors) // 2]["label"], "no such actor"):
            for named in keyed():
                params = {named.params[0]: value}
                assert summaries.total(kg.store, named.name, bind_params(named.text, params)) is not None  # type: ignore[arg-type]
                assert kg.count(named.name, **params) == _counted(kg, named.name, **params), (
                    named.name,
                    value,
                )
        for name in SLICED:
            params = {p: actor for p in load_query(name).params}
            total = _counted(kg, name, **params)
            assert total > 0, name
            for offset, limit in ((0, 50), (0, 3), (3, 4), (total - 2, 5), (total + 1, 5)):
                page = kg.query_raw(name, offset=max(0, offset), limit=limit, **params)
                got = [[None if t is None else t.value for t in row] for row in page]
                assert got == _sorted_page(kg, name, offset=max(0, offset), limit=limit, **params), (
                    name,
                    offset,
                )


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summaries") / "store"
    with KnowledgeGraph.open(path) as kg:
        assert kg.ingest_articles(list(corpus.articles(FIRST))).added == FIRST
    return path


def test_a_new_store_keeps_its_summaries_as_articles_come(stored: Path) -> None:
    assert SLICED and {"events", "actor-events", "network-edges"} <= set(SLICED)
    assert {"events", "claims", "co-mentions", "figures", "timeline"} <= {q.name for q in kept()}
    assert {q.name for q in keyed()} == {"actor-articles", "actor-events", "mentions", "sources"}
    _agrees(stored)


def test_replaced_removed_and_corrected_articles_move_the_summaries(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    first, second = corpus.articles(2)
    other = next(corpus.articles(1, start=FIRST + 3))
    with KnowledgeGraph.open(path) as kg, kg.writing():
        before = kg.count("events")
        # the same address with another text: the article's graph is replaced
        assert kg.ingest_articles([dataclasses.replace(first, text=other.text)]).replaced == 1
        assert kg.ingest_articles(list(corpus.articles(2, start=FIRST))).added == 2
        assert kg.store.remove_article(second.iri)
    _agrees(path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.count("events") != before
        person = next(r for r in kg.query("actors") if r["type"] == "Person" and r["articles"] > 1)
    with KnowledgeGraph.open(path) as kg:
        applied = kg.rename(person["label"], "Dana Pellor")  # rewrites the articles that name them
    assert applied.articles
    _agrees(path)
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert any(r["label"] == "Dana Pellor" for r in kg.query("mentions", actor="Dana Pellor", limit=5))


def test_an_update_drops_them_and_a_build_brings_them_back(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path) as kg:
        kg.update(
            "DELETE { GRAPH ?g { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } }"
            " WHERE { GRAPH ?g { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } }"
        )
        # no summary: counted and sorted as before, the same rows
        assert not summaries.current(kg.store.oxigraph)
        assert kg.count("events") == 0 == _counted(kg, "events")
        assert kg.page("article-events", limit=3).rows == []
        # another article meanwhile: written without a summary to move
        assert kg.ingest_articles(list(corpus.articles(1, start=FIRST))).added == 1
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "summaries", "--store", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"summaries of {FIRST + 1} articles built" in done.stderr
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert kg.count("events") == _counted(kg, "events") > 0  # the new article's events
    _agrees(path)


def test_a_store_written_before_summaries_reads_as_before_until_built(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    with KnowledgeGraph.open(path) as kg, kg.writing():
        kg.store.replace_graph(SUMMARY_GRAPH, [])  # as such a store is: no summary
    with KnowledgeGraph.open(path, read_only=True) as kg:
        assert not summaries.current(kg.store.oxigraph)
        whole = kg.query("events")
        assert kg.page("events", limit=4, offset=2).rows == whole[2:6]
        assert kg.count("events") == len(whole)
    with KnowledgeGraph.open(path) as kg:
        assert kg.build_summaries() == FIRST
    _agrees(path)


def test_an_import_of_article_graphs_drops_them(stored: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    shutil.copytree(stored, path)
    dump = tmp_path / "one.trig"
    article = next(corpus.articles(1))
    with KnowledgeGraph.open(path) as kg, kg.writing():
        quads = kg.store.graph_quads(article.iri)
        moved = ox.NamedNode(article.iri + "-copy")
        dump.write_bytes(
            ox.serialize(
                [
                    ox.Quad(
                        moved if q.subject.value == article.iri else q.subject, q.predicate, q.object, moved
                    )
                    for q in quads
                ],
                format=ox.RdfFormat.TRIG,
            )
            or b""
        )
        kg.store.load(dump, format=ox.RdfFormat.TRIG)
        assert not summaries.current(kg.store.oxigraph)
        assert kg.count("article-meta") == FIRST + 1


@pytest.mark.slow
def test_two_workers_write_the_same_summaries(stored: Path, tmp_path: Path) -> None:
    """Workers send each article as N-Quads bytes: the writer counts them as it counts quads."""
    path = tmp_path / "store"
    with KnowledgeGraph.open(path) as kg:
        assert kg.ingest_articles(list(corpus.articles(FIRST)), workers=2).added == FIRST
    _agrees(path)
    with KnowledgeGraph.open(path, read_only=True) as two, KnowledgeGraph.open(stored, read_only=True) as one:
        for named in kept():
            assert two.count(named.name) == one.count(named.name), named.name


def test_summaries_of_a_store_that_is_not_there_is_an_error_and_makes_no_store(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "summaries", "--store", str(missing)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip().startswith("error: no store at") and len(done.stderr.strip().splitlines()) == 1
    assert not missing.exists()
