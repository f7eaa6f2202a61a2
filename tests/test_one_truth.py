"""Issue 27, friction 3: one truth per number. Each test compares two places that show the same number."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph.render import page_data

from .conftest import EXAMPLES

CLI = [sys.executable, "-m", "newsgraph"]
ACTOR = "https://w3id.org/newsgraph/id/actor/"


def test_query_actors_and_stats_count_the_same_actors(example_kg: KnowledgeGraph) -> None:
    rows = example_kg.query("actors")
    assert len(rows) == len({r["actor"] for r in rows}) == example_kg.stats()["actors"]  # before: 24 rows, 22
    named_in: dict[str, int] = {}
    for row in example_kg.query("article-actors"):
        named_in[row["actor"]] = named_in.get(row["actor"], 0) + 1
    for row in rows:
        # before: North Korea "in 10 articles" with 9 mentions (articles that only inferred it counted)
        assert row["mentions"] >= row["articles"] == named_in.get(row["actor"], 0), row["label"]


def _article(n: int, actor_type: str, label: str) -> str:
    graph = f"<https://example.org/article/{n}>"
    return f"""GRAPH {graph} {{ {graph} a <https://schema.org/NewsArticle> ; <https://schema.org/mentions> <{ACTOR}acme> .
      <{ACTOR}acme> a <https://schema.org/{actor_type}> , <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> ;
        <http://www.w3.org/2000/01/rdf-schema#label> "{label}" ;
        <http://groundedannotationframework.org/gaf#denotedBy> <https://example.org/article/{n}#char=0,4> . }}"""


def test_an_actor_typed_two_ways_is_one_row_of_the_type_most_articles_give() -> None:
    kg = KnowledgeGraph.open(None)
    kg.update(
        "INSERT DATA { "
        + " ".join(
            [
                _article(1, "Organization", "Acme"),
                _article(2, "Person", "ACME"),
                _article(3, "Organization", "Acme"),
            ]
        )
        + " }"
    )
    (row,) = kg.query("actors")  # before: two rows, one a Person, one an Organization
    assert (row["label"], row["type"], row["articles"], row["mentions"]) == ("Acme", "Organization", 3, 3)
    assert kg.stats()["actors"] == 1
    (node,) = [d for _, d in kg.to_networkx(view="actors").nodes(data=True)]
    assert (node["label"], node["kind"]) == ("Acme", "Organization")


def test_extract_table_agrees_with_its_json(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from newsgraph import cli

    monkeypatch.setattr(cli.out, "width", 250)  # a wide terminal: one line a row
    article = str(EXAMPLES / "06_drone_strike.txt")
    runner = CliRunner()
    as_json = runner.invoke(cli.app, ["extract", article, "--raw"])
    table = runner.invoke(cli.app, ["extract", article, "--raw", "--format", "table"])
    (data,) = json.loads(as_json.stdout)
    lines = table.stdout.splitlines()
    for actor in data["actors"]:
        (line,) = [ln for ln in lines if ln.startswith(f"│ {actor['label']} ")]
        cells = [c.strip() for c in line.strip("│").split("│")]
        assert cells[3] == str(len(actor["mentions"]))
        if not actor["mentions"]:  # before: a country with 0 mentions and no word why
            assert cells[4].startswith("not named; ") and "agent of attack" in cells[4]
        else:
            assert cells[4].split(", ")[0] == actor["mentions"][0]["text"]
    header = next(ln for ln in lines if "label" in ln and "participants" in ln)
    columns = [c.strip() for c in header.strip("┃").split("┃")]
    assert "kind" not in columns and columns.count("type") == 1  # before: type and kind, the same words


def test_the_page_shows_the_pagerank_the_cli_prints(example_kg: KnowledgeGraph) -> None:
    printed = {row["iri"]: row for row in example_kg.centrality(top=None)}
    page = page_data(example_kg.store)
    for view in ("events", "actors"):
        shown = {
            n["id"]: n for n in page["views"][view]["nodes"] if n["kind"] != "Event" and n["id"] in printed
        }
        assert shown
        for iri, node in shown.items():  # before: 0.1489 on the page, 0.08 from the CLI
            assert node["pagerank"] == printed[iri]["pagerank"], (view, node["fullLabel"])
            assert node["neighbours"] == printed[iri]["degree"]


@pytest.mark.server
@pytest.mark.slow
def test_push_says_what_the_server_holds_and_stats_agree(
    example_kg: KnowledgeGraph, oxigraph_url: str, tmp_path: Path
) -> None:
    from .conftest import clear_remote

    clear_remote(oxigraph_url)
    store = tmp_path / "store"
    shutil.copytree(example_kg.store.path, store)  # type: ignore[arg-type]
    imported = subprocess.run(
        [*CLI, "import", str(EXAMPLES.parent / "wikidata-extract.ttl"), "--store", str(store)],
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    local = json.loads(
        subprocess.run([*CLI, "stats", "-f", "json", "--store", str(store)], capture_output=True).stdout
    )
    pushed = subprocess.run(
        [*CLI, "push", "--to", oxigraph_url, "--store", str(store)], capture_output=True, text=True
    )
    assert (
        f"({local['quads']:,} quads)" in pushed.stderr and f"it holds {local['quads']:,} in" in pushed.stderr
    )
    remote = json.loads(
        subprocess.run([*CLI, "stats", "-f", "json", "--store", oxigraph_url], capture_output=True).stdout
    )
    assert remote == local  # before: 3,787 quads reported, 3,802 held (the imported graph left out)


def test_imported_wikidata_enriches_the_actors_it_describes(
    example_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.ingest([EXAMPLES / "05_singapore_summit.txt", EXAMPLES / "02_defence_pact.html"])
    before = {r["label"]: r for r in kg.query("actors")}
    assert before["Singapore Joint Statement"]["wikidata"] == ""
    extract = tmp_path / "more.ttl"
    extract.write_text(
        "@prefix wd: <http://www.wikidata.org/entity/> . @prefix wdt: <http://www.wikidata.org/prop/direct/> .\n"
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\nwd:Q999999001 rdfs:label "Singapore Joint Statement"@en .\n',
        encoding="utf-8",
    )
    kg.import_rdf([EXAMPLES.parent / "wikidata-extract.ttl", extract])
    after = {r["label"]: r for r in kg.query("actors")}
    # the ID: an actor the extract names by its label gets the item (before: nothing used the 15 imported quads)
    assert after["Singapore Joint Statement"]["wikidata"] == "Q999999001"
    # the labels and statements: beside the actor, in the views and on the page
    view = kg.to_networkx(view="actors")
    korea = next(d for _, d in view.nodes(data=True) if d["label"] == "North Korea")
    assert korea["wikidata_label"] == "North Korea"
    assert {"capital: Pyongyang", "head of state: Kim Jong Un", "instance of: sovereign state"} <= set(
        korea["wikidata_facts"]
    )
    assert {row["label"] for row in kg.query("wikidata")} >= {"North Korea", "Kim Jong Un"}
    page = page_data(kg.store)
    kim = next(n for n in page["views"]["actors"]["nodes"] if n["fullLabel"] == "Kim Jong Un")
    assert (
        "instance of: human" in kim["wikidataFacts"] and "date of birth: 1984-01-08" in kim["wikidataFacts"]
    )
