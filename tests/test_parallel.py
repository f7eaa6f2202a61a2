"""Extraction on local processes and on a Dask cluster gives the same graph as one process."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def _quads(kg: KnowledgeGraph) -> set[str]:
    buffer = io.BytesIO()
    kg.store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    return set(buffer.getvalue().decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("single") / "store")
    assert not kg.ingest([EXAMPLES]).failed
    return _quads(kg)


def test_two_worker_processes_give_the_same_graph(single: set[str], tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.ingest([EXAMPLES], workers=2, batch_size=2)
    assert report.added == 11 and not report.failed
    assert _quads(kg) == single
    again = kg.ingest([EXAMPLES], workers=2)
    assert again.unchanged == 11 and again.added == 0


def test_a_dask_local_cluster_gives_the_same_graph(single: set[str], tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        kg = KnowledgeGraph.open(tmp_path / "store")
        report = kg.ingest([EXAMPLES], dask=client, batch_size=3)
        assert report.added == 11 and not report.failed
        assert _quads(kg) == single
        assert len(client.scheduler_info()["workers"]) == 2


def test_a_failing_article_on_a_worker_is_reported_and_the_rest_stored(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(
        "Talks in Oslo\n\nForeign ministers of Norway and Qatar met in Oslo on Monday, officials said.\n"
    )
    paragraphs = "\n\n".join(f"Ministers met in Oslo for round {n}, officials said." for n in range(21_000))
    (tmp_path / "huge.txt").write_text("Huge\n\n" + paragraphs)
    kg = KnowledgeGraph.open(tmp_path / "store")
    report = kg.ingest([tmp_path], workers=2)
    assert report.added == 1
    (failure,) = report.failed
    assert failure.source.endswith("huge.txt") and "character limit" in failure.reason


def test_cli_workers_option(tmp_path: Path, single: set[str]) -> None:
    store = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", str(EXAMPLES), "--workers", "2", "--store", str(store)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "11 added" in done.stderr, done.stderr
    assert _quads(KnowledgeGraph.open(store, read_only=True)) == single


#: run in a process of its own: an ingest on two workers, then which of spaCy's modules that process imported
_PARENT = """
import sys
from newsgraph import KnowledgeGraph
kg = KnowledgeGraph.open(sys.argv[1])
report = kg.ingest([sys.argv[2]], workers=2)
kg.close()
print(report.added, len(report.failed), sorted(m for m in ("spacy", "thinc", "newsgraph.loaders.extraction") if m in sys.modules))
"""


def test_the_process_that_writes_never_imports_spacy_while_workers_extract(tmp_path: Path) -> None:
    """Only the workers extract: the process that writes spends no time or memory on spaCy and the rules."""
    done = subprocess.run(
        [sys.executable, "-c", _PARENT, str(tmp_path / "store"), str(EXAMPLES)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["11", "0", "[]"]


def _lexicon_with(extra: str) -> str:
    from newsgraph.ontology import ontology_path

    return ontology_path("lexicon.toml").read_text(encoding="utf-8") + extra


#: a user's lexicon entry that makes a parade a protest: articles on which the two extractors differ
_PARADE = '\n[[verb]]\nlemmas = ["parade"]\ntype = "protest"\n'


def _articles() -> list[object]:
    from newsgraph.loaders import Article, read_paths

    ours = [
        Article(
            text=f"March {n}\n\nThousands paraded through Lima on Monday to demand new elections, police said.",
            source=f"parade-{n}.txt",
        )
        for n in range(6)
    ]
    return [*ours, *read_paths([EXAMPLES])]


def _outputs(setup: object, articles: list[object]) -> list[str]:
    from newsgraph.loaders.extraction import Extractor

    extractor = Extractor.from_setup(setup)  # type: ignore[arg-type]
    return [extractor.extract(a).to_json() for a in articles]  # type: ignore[arg-type]


def test_two_extractors_with_different_lexicons_on_threads_and_on_dask_each_give_their_own_output() -> None:
    """No rule reads module state: two extractors with different lexicons, run side by side on threads and on a Dask
    cluster, each give exactly what they give alone."""
    from concurrent.futures import ThreadPoolExecutor

    from distributed import Client, LocalCluster

    from newsgraph.graph.parallel import extract_batch
    from newsgraph.loaders.extraction import Extractor, ExtractorSetup

    articles = _articles()
    plain = ExtractorSetup()
    parade = ExtractorSetup(lexicon_text=_lexicon_with(_PARADE))
    alone = {setup: _outputs(setup, articles) for setup in (plain, parade)}
    assert alone[plain] != alone[parade]  # the lexicons do differ on these articles
    extractors = {setup: Extractor.from_setup(setup) for setup in (plain, parade)}
    jobs = [(setup, index) for index in range(len(articles)) for setup in (plain, parade)] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: extractors[job[0]].extract(articles[job[1]]).to_json(), jobs))  # type: ignore[arg-type]
    for (setup, index), output in zip(jobs, results, strict=True):
        assert output == alone[setup][index]
    with (
        LocalCluster(n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        futures = [
            client.submit(extract_batch, [articles[i]], setup, pure=False)
            for setup, i in jobs[: 2 * len(articles)]
        ]
        done = client.gather(futures)
    single = {
        setup: {q.iri: q.nquads for q in extract_batch(articles, setup)[0]}  # type: ignore[arg-type]
        for setup in (plain, parade)
    }
    for (setup, _), (quads, failures) in zip(jobs, done, strict=False):
        assert not failures
        for one in quads:
            assert one.nquads == single[setup][one.iri]
