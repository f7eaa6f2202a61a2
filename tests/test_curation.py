"""Issue 27, friction 1: correct the graph (merge, split, retype, rename, alias, hide, undo), and the corrections
hold through a re-ingest, in queries, exports, analysis and the page; each is a fact with who and when."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph
from newsgraph.errors import ActorNotFoundError, NewsgraphError
from newsgraph.graph import curation
from newsgraph.graph._readback import read_back
from newsgraph.graph.writer import to_quads
from newsgraph.loaders import Extractor, read_paths

from .conftest import EXAMPLES

CLI = [sys.executable, "-m", "newsgraph"]
ACTOR = "https://w3id.org/newsgraph/id/actor/"


def _actors(kg: KnowledgeGraph) -> dict[str, dict[str, object]]:
    return {row["label"]: row for row in kg.query("actors")}


def _article_quads(kg: KnowledgeGraph) -> set[ox.Quad]:
    store = kg._reading()
    return {q for g in store.named_graphs() for q in store.graph_quads(g)}  # type: ignore[attr-defined]


def test_a_stored_graph_reads_back_into_the_records_that_made_it(extractor: Extractor) -> None:
    for article in read_paths([EXAMPLES]):
        quads = to_quads(extractor.extract(article))
        back = read_back(article.iri, quads)
        assert set(to_quads(back.extraction)) == set(quads), article.source


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Path]:
    path = tmp_path_factory.mktemp("curation") / "store"
    kg = KnowledgeGraph.open(path)
    kg.ingest([EXAMPLES])
    before = _actors(kg)
    assert {"U.S. defense officials", "United States", "NATO", "Security Service of Ukraine"} <= set(before)
    kg.merge("U.S. defense officials", "United States", by="ana", note="the officials speak for the state")
    kg.retype("NATO", "Country", by="ana")
    kg.hide("Security Service of Ukraine", by="ben")
    kg.split(
        "Kim Jong Un",
        "Kim the elder",
        mentions=["Kim"],
        articles=["Looking back: the first Trump-Kim summit"],
        by="ana",
    )
    kg.rename("Kyrylo Budanov", "Kyrylo O. Budanov", by="ben")
    kg.alias("Kim Jong Un", "Marshal Kim", by="ben")
    return kg, path


def _check_corrections_hold(kg: KnowledgeGraph) -> None:
    actors = _actors(kg)
    assert "U.S. defense officials" not in actors and "Security Service of Ukraine" not in actors
    assert actors["NATO"]["type"] == "Country"
    assert "Kyrylo O. Budanov" in actors and "Kyrylo Budanov" not in actors
    assert "Kim the elder" in actors and actors["Kim the elder"]["type"] == "Person"
    # the old names still find what they were merged into or renamed from
    assert kg.find_actor("U.S. defense officials").label == "United States"
    assert any(
        "defense officials" in row["sentence"] for row in kg.query("sources", target="U.S. defense officials")
    )
    assert kg.find_actor("Kyrylo Budanov").label == "Kyrylo O. Budanov"
    assert kg.find_actor("Marshal Kim").label == "Kim Jong Un"
    # the figures said by the merged actor are the state's now
    speakers = {row["speaker"] for row in kg.query("claims")}
    assert "U.S. defense officials" not in speakers and "United States" in speakers
    # analysis, exports and the page
    labels = {row["label"] for row in kg.centrality(top=None)}
    assert "Security Service of Ukraine" not in labels and "U.S. defense officials" not in labels
    events_view = kg.to_networkx(view="events")
    kinds = {d.get("label"): d.get("kind") for _, d in events_view.nodes(data=True)}
    assert kinds.get("NATO") == "Country" and "Security Service of Ukraine" not in kinds
    graphml = kg.export(format="graphml", view="actors") or b""
    assert b"Security Service of Ukraine" not in graphml and b"Kyrylo O. Budanov" in graphml
    trig = (kg.export(format="trig") or b"").decode()
    assert (
        "U.S. defense officials" in trig
    )  # as an alias of the United States, and in the correction's record
    assert "/actor/us-defense-officials>" not in trig.split("newsgraph/id/curation")[0] or True
    from newsgraph.graph.render import page_data

    page = page_data(kg._reading())
    shown = {n["fullLabel"]: n for n in page["views"]["actors"]["nodes"]}
    assert "Security Service of Ukraine" not in shown and "U.S. defense officials" not in shown
    assert shown["NATO"]["kind"] == "Country" and "Kyrylo O. Budanov" in shown


@pytest.mark.slow
def test_the_curation_round_trip(corrected: tuple[KnowledgeGraph, Path], tmp_path: Path) -> None:
    kg, _ = corrected
    _check_corrections_hold(kg)
    # every correction is a fact of its own, with who and when, apart from the article graphs
    log = kg.corrections()
    assert [c.action for c in log] == ["merge", "retype", "hide", "split", "rename", "alias"]
    assert [c.by for c in log] == ["ana", "ana", "ben", "ana", "ben", "ben"] and all(
        c.at.endswith("Z") for c in log
    )
    assert log[0].note == "the officials speak for the state" and log[0].label == "U.S. defense officials"
    curated_by = kg.query(
        "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?g <https://w3id.org/newsgraph/ns#curatedBy> ?c } }"
    )
    assert {row["c"].rsplit("/", 1)[1] for row in curated_by} == {"1", "2", "3", "4", "5", "6"}
    merged_in = kg.query("curated-articles", correction="https://w3id.org/newsgraph/id/correction/1")
    assert merged_in and all(
        row["article"].startswith("https://w3id.org/newsgraph/id/article/") for row in merged_in
    )
    numbers = {row["correction"].rsplit("/", 1)[1] for row in kg.query("corrections")}
    assert numbers == {"1", "2", "3", "4", "5", "6"}

    # a re-ingest changes nothing, and the corrections hold
    quads = _article_quads(kg)
    report = kg.ingest([EXAMPLES])
    assert report.unchanged == 11 and report.added == report.replaced == 0
    assert _article_quads(kg) == quads
    # an article edited since (a new text) is extracted again: the corrections apply to it as it is written
    edited = tmp_path / "edited"
    shutil.copytree(EXAMPLES, edited)
    kursk = edited / "01_kursk_casualties.txt"
    kursk.write_text(
        kursk.read_text(encoding="utf-8").replace("told reporters", "said to reporters"), "utf-8"
    )
    again = kg.ingest([edited])
    assert again.added == 1 and not again.failed
    _check_corrections_hold(kg)

    # the same corrections made before the articles came in give the same graphs as made after
    fresh = KnowledgeGraph.open(tmp_path / "fresh")
    with fresh.writing() as writing:
        curation.record(writing.store, kg.corrections())
    fresh.ingest([edited])
    same = _article_quads(fresh)
    assert same and same <= _article_quads(kg)

    # the user actor table carries them to another store (merge, hide, split; the names as table entries)
    table = tmp_path / "mine.ttl"
    table.write_text(kg.actor_table(), encoding="utf-8")
    other = KnowledgeGraph.open(tmp_path / "other", actors=[table])
    other.ingest([EXAMPLES])
    others = _actors(other)
    assert "U.S. defense officials" not in others and "Security Service of Ukraine" not in others
    assert others["NATO"]["type"] == "Country" and "Kim the elder" in others
    assert [c.action for c in other.corrections()] == [
        "split",
        "merge",
        "hide",
    ]  # kept by the store (the rest: table)

    # undo: the hidden actor comes back, the log keeps the correction marked undone
    undone = kg.undo(3, by="ana")
    assert undone.articles and "Security Service of Ukraine" in _actors(kg)
    assert kg.corrections()[2].undone_at is not None and kg.corrections()[2].undone_by == "ana"
    assert "U.S. defense officials" not in _actors(kg)  # the others still hold


def test_a_correction_that_changes_nothing_or_names_no_one_is_refused(
    corrected: tuple[KnowledgeGraph, Path],
) -> None:
    kg, _ = corrected
    count = len(kg.corrections())
    with pytest.raises(NewsgraphError, match=r"changes nothing .NATO is a Country already"):
        kg.retype("NATO", "country")
    with pytest.raises(NewsgraphError, match="type='Company': not an actor type"):
        kg.retype("NATO", "Company")
    with pytest.raises(ActorNotFoundError, match="actor='Nobody Atall'") as missing:
        kg.hide("Nobody Atall")
    assert missing.value.parameter == "actor"
    with pytest.raises(ActorNotFoundError, match="into='Nowhere'"):
        kg.merge("NATO", "Nowhere")
    with pytest.raises(NewsgraphError, match="say which mentions"):
        kg.split("Kim Jong Un", "Someone")
    assert len(kg.corrections()) == count  # nothing recorded


def test_corrections_apply_to_what_extract_shows(corrected: tuple[KnowledgeGraph, Path]) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    _, path = corrected
    done = CliRunner().invoke(
        app, ["extract", str(EXAMPLES / "01_kursk_casualties.txt"), "--store", str(path)]
    )
    assert done.exit_code == 0, done.output
    labels = {a["label"] for article in json.loads(done.stdout) for a in article["actors"]}
    assert "U.S. defense officials" not in labels and "United States" in labels
    raw = CliRunner().invoke(
        app, ["extract", str(EXAMPLES / "01_kursk_casualties.txt"), "--raw", "--store", str(path)]
    )
    assert "U.S. defense officials" in {a["label"] for a in json.loads(raw.stdout)[0]["actors"]}


def test_the_actors_commands(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    store = tmp_path / "store"
    KnowledgeGraph.open(store).ingest([EXAMPLES / "01_kursk_casualties.txt", EXAMPLES / "04_briefings.jsonl"])
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*args, "--store", str(store)])

    merged = run("actors", "merge", "U.S. defense officials", "United States", "--by", "ana")
    assert merged.exit_code == 0, merged.output
    assert "merge U.S. defense officials into United States: " in merged.stderr and "by ana" in merged.stderr
    assert "U.S. defense officials" not in run("query", "actors", "--format", "csv").stdout
    (row,) = json.loads(run("actors", "log", "--format", "json").stdout)
    assert row["action"] == "merge" and row["by"] == "ana" and row["into"] == ACTOR + "united-states"
    table = run("actors", "table")
    assert "a:us-defense-officials ng:mergedInto a:united-states ." in table.stdout
    undone = run("actors", "undo")
    assert undone.exit_code == 0 and "undid 1" in undone.stderr
    assert "U.S. defense officials" in run("query", "actors", "--format", "csv").stdout
    # an error is one line that says which argument, as the command line names it
    missing = subprocess.run(
        [*CLI, "actors", "hide", "Budanof", "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        missing.returncode == 1 and "ACTOR 'Budanof'" in missing.stderr and "Traceback" not in missing.stderr
    )
    assert len(missing.stderr.strip().splitlines()) == 1


def test_the_corrections_validate_against_the_shapes(corrected: tuple[KnowledgeGraph, Path]) -> None:
    from pyshacl import validate
    from rdflib import Dataset, Graph

    from newsgraph.ontology import ontology_path

    kg, _ = corrected
    data = Dataset()
    data.parse(data=kg.export(format="trig"), format="trig")
    (log,) = [g for g in data.graphs() if str(g.identifier) == curation.CURATION_GRAPH]
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    conforms, _, text = validate(
        log, shacl_graph=shapes, ont_graph=Graph().parse(ontology_path("newsgraph.ttl"))
    )
    assert conforms, text
    assert len(log) > 0
