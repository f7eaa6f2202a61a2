"""Network analysis and exports, on our example articles and (when ../shared is there) on the seeds."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from newsgraph import KnowledgeGraph, NewsgraphError
from newsgraph.cli import app
from newsgraph.graph.network import subject_family

from .conftest import needs_shared

runner = CliRunner()


# ---------------------------------------------------------------------------------------------- centrality
def test_centrality_ranks_actors_by_pagerank(example_kg: KnowledgeGraph) -> None:
    rows = example_kg.centrality(top=None)
    every = example_kg.to_networkx(view="actors")
    actors = every.subgraph([n for n, d in every.nodes(data=True) if not d.get("outlet")])
    assert {r["iri"] for r in rows} == set(actors.nodes)  # news organisations are left out by default
    assert {r["iri"] for r in example_kg.centrality(top=None, include_outlets=True)} == set(every.nodes)
    assert sum(r["pagerank"] for r in rows) == pytest.approx(1.0, abs=0.01)
    ranks = [r["pagerank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert all(r["degree"] == actors.degree(r["iri"]) for r in rows)
    assert {"Kim Jong Un", "North Korea"} & {r["label"] for r in rows[:3]}  # the story is about Pyongyang
    assert len(example_kg.centrality(top=3)) == 3


def test_actor_graph_counts_shared_events_and_co_mentions(example_kg: KnowledgeGraph) -> None:
    actors = example_kg.to_networkx(view="actors")
    for _, _, data in actors.edges(data=True):
        shared = len(data["events"])
        assert data["weight"] == shared + data.get("co_mentions", 0) + (1 if data.get("affiliation") else 0)
    assert any(d.get("co_mentions") for *_, d in actors.edges(data=True))


def test_communities_are_seeded_and_cover_every_actor(example_kg: KnowledgeGraph) -> None:
    first, again = example_kg.communities(seed=3), example_kg.communities(seed=3)
    assert first == again
    members = [m for c in first for m in c["members"]]
    labels = {
        d["label"] for _, d in example_kg.to_networkx(view="actors").nodes(data=True) if not d.get("outlet")
    }
    assert sorted(members) == sorted(labels)  # every actor but the news organisations, which are sources
    sizes = [c["size"] for c in first]
    assert sizes == sorted(sizes, reverse=True)


# ---------------------------------------------------------------------------------------------- paths
def test_path_hops_carry_events_and_sentences(example_kg: KnowledgeGraph) -> None:
    found = example_kg.paths("Donald Trump", "Kim Jong Un", limit=2)
    assert found and found[0]["length"] >= 1
    hop = found[0]["hops"][0]
    assert hop["from"] == "Donald Trump" and found[0]["hops"][-1]["to"] == "Kim Jong Un"
    assert hop["sentences"] and all(isinstance(s, str) and s for s in hop["sentences"])
    with pytest.raises(NewsgraphError, match="no actor in the store goes by that name"):
        example_kg.paths("Nobody Atall", "Kim Jong Un")


@needs_shared
def test_path_from_budanov_to_kim_on_the_seeds(seed_kg: KnowledgeGraph) -> None:
    found = seed_kg.paths("Kyrylo Budanov", "Kim Jong Un")
    assert found
    hops = found[0]["hops"]
    assert hops[0]["from"] == "Kyrylo Budanov" and hops[-1]["to"] == "Kim Jong Un"
    # each hop is backed by a sentence of the seeds
    assert all(h["sentences"] for h in hops)
    # consecutive hops chain
    assert all(a["to"] == b["from"] for a, b in pairwise(hops))


# ---------------------------------------------------------------------------------------------- figures
def test_subject_family_reads_losses_together() -> None:
    assert subject_family("North Korean soldiers wounded") == "North Korean casualties"
    assert subject_family("Russian troops killed") == "Russian casualties"
    assert subject_family("drones destroyed") == "drones destroyed"


def test_disagreements_and_figure_history_on_examples(example_kg: KnowledgeGraph) -> None:
    found = {d["subject"]: d for d in example_kg.disagreements()}
    killed = found["North Korean soldiers killed"]
    # the NIS's toll rose over months: a history, not a quarrel; killed-or-wounded is another measure
    assert killed["relation"] == "update" and killed["measure"] == "deaths"
    assert killed["speakers"] == ["National Intelligence Service (South Korea)"]
    assert killed["spread"] == 6.0
    assert all(f["measure"] == "deaths" for f in killed["figures"])
    for figure in killed["figures"]:
        assert figure["sentence"] and figure["article"]
    history = example_kg.figure_history("North Korean soldiers killed")
    dates = [r["date"] for r in history if r["date"]]
    assert dates == sorted(dates) and len(history) >= 2
    assert {r["measure"] for r in example_kg.figure_history("deaths")} == {"deaths"}
    with pytest.raises(NewsgraphError, match="no figures about that"):
        example_kg.figure_history("penguins counted")


@needs_shared
def test_disagreements_on_the_seeds_keep_the_casualty_figures_together(seed_kg: KnowledgeGraph) -> None:
    (killed,) = seed_kg.disagreements(subject="North Korean soldiers killed")
    figures = {(f["speaker"], f["value"]) for f in killed["figures"]}
    assert ("National Intelligence Service (South Korea)", 300.0) in figures
    assert ("South Korean intelligence officials", 270.0) in figures


def test_timeline_is_in_date_order(example_kg: KnowledgeGraph) -> None:
    rows = example_kg.timeline()
    full = [r["date"] for r in rows if r["date"] and not r["date"].startswith("--")]
    assert rows and full == sorted(full)
    assert all(r["granularity"] for r in rows)


# ---------------------------------------------------------------------------------------------- exports
@pytest.mark.parametrize("view", ["events", "actors"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back(example_kg: KnowledgeGraph, tmp_path: Path, fmt: str, view: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    example_kg.export(path, format=fmt, view=view)  # type: ignore[arg-type]
    graph = example_kg.to_networkx(view=view)  # type: ignore[arg-type]
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    kim = next(n for n, d in graph.nodes(data=True) if d["label"] == "Kim Jong Un")
    data = back.nodes[kim]
    assert data["kind"] == "Person" and data["wikidata"] == "Q56226"
    assert graph.nodes[kim]["sentences"][0] in data["sentences"]


def test_jsonld_export_has_a_context_and_the_same_triples(example_kg: KnowledgeGraph) -> None:
    payload = example_kg.export(format="jsonld")
    assert payload is not None
    document = json.loads(payload)
    assert document["@context"]["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"
    dataset = Dataset()
    dataset.parse(data=payload, format="json-ld")
    union = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    nq = Dataset()
    nq.parse(data=example_kg.export(format="nquads"), format="nquads")
    assert len(union) == len({(s, p, o) for s, p, o, _ in nq.quads((None, None, None, None))})


def test_trig_keeps_one_named_graph_per_article(example_kg: KnowledgeGraph) -> None:
    dataset = Dataset()
    dataset.parse(data=example_kg.export(format="trig"), format="trig")
    articles = {r["article"] for r in example_kg.query("articles")}
    names = {str(g.identifier) for g in dataset.graphs()}
    assert articles <= names


# ---------------------------------------------------------------------------------------------- CLI
def _store(kg: KnowledgeGraph) -> str:
    assert kg.store.path is not None
    return str(kg.store.path)


def test_cli_analyze_commands(example_kg: KnowledgeGraph) -> None:
    store = _store(example_kg)
    result = runner.invoke(app, ["analyze", "centrality", "--top", "3", "--format", "json", "--store", store])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 3
    result = runner.invoke(
        app, ["analyze", "communities", "--seed", "1", "--format", "csv", "--store", store]
    )
    assert result.exit_code == 0
    assert next(csv.reader(io.StringIO(result.stdout))) == ["community", "size", "members"]
    result = runner.invoke(
        app,
        ["analyze", "path", "--from", "Donald Trump", "--to", "Kim Jong Un", "-f", "json", "--store", store],
    )
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["hops"]
    result = runner.invoke(app, ["analyze", "disagreements", "-f", "csv", "--store", store])
    assert (
        result.exit_code == 0
        and "National Intelligence Service" in result.stdout
        and ",update," in result.stdout
    )
    result = runner.invoke(
        app, ["analyze", "figures", "North Korean casualties", "-f", "csv", "--store", store]
    )
    # "killed or wounded" and "casualties" are one count
    assert result.exit_code == 0 and "roughly 4,000" in result.stdout and "closer to 1,200" in result.stdout
    result = runner.invoke(app, ["analyze", "timeline", "-f", "json", "--store", store])
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_cli_analyze_errors_are_one_line(example_kg: KnowledgeGraph) -> None:
    store = _store(example_kg)
    exe = [sys.executable, "-m", "newsgraph", "analyze"]
    result = subprocess.run(
        [*exe, "path", "--from", "Nobody", "--to", "Kim Jong Un", "--store", store],
        capture_output=True,
        text=True,
    )
    assert (
        result.returncode == 1
        and "--from 'Nobody': no actor" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    result = subprocess.run(
        [*exe, "centrality", "--format", "xml", "--store", store], capture_output=True, text=True
    )
    assert result.returncode == 2


def test_cli_export_graphml(example_kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "actors.graphml"
    result = runner.invoke(
        app,
        ["export", "--format", "graphml", "--view", "actors", "-o", str(out), "--store", _store(example_kg)],
    )
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == example_kg.to_networkx(view="actors").number_of_nodes()


@needs_shared
def test_every_analysis_and_export_runs_on_the_seeds(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    rows = seed_kg.centrality(top=5)
    assert len(rows) == 5 and rows[0]["label"] in {"North Korea", "Russia", "Kim Jong Un"}
    groups = seed_kg.communities(seed=7)
    assert groups == seed_kg.communities(seed=7) and sum(g["size"] for g in groups) > 20
    history = seed_kg.figure_history("North Korean casualties")
    assert {r["speaker"] for r in history} >= {"Volodymyr Zelensky", "United States"}
    timeline = seed_kg.timeline()
    assert any(r["date"] == "2018-06" and r["type"] in {"meeting", "agreement"} for r in timeline)
    for view in ("events", "actors"):
        graph = seed_kg.to_networkx(view=view)  # type: ignore[arg-type]
        for fmt in ("graphml", "gexf"):
            path = tmp_path / f"{view}.{fmt}"
            seed_kg.export(path, format=fmt, view=view)  # type: ignore[arg-type]
            back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
            assert (back.number_of_nodes(), back.number_of_edges()) == (
                graph.number_of_nodes(),
                graph.number_of_edges(),
            )
    dataset = Dataset()
    dataset.parse(data=seed_kg.export(format="nquads"), format="nquads")
    assert len({str(g.identifier) for g in dataset.graphs()}) >= 6  # five articles and the ontology
