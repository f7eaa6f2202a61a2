"""The store, the writer, named queries and SHACL validity."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from newsgraph import KnowledgeGraph
from newsgraph.errors import QueryError, UnknownQueryError
from newsgraph.ontology import ontology_path
from newsgraph.queries import list_queries

from .conftest import EXAMPLES


def test_reingest_unchanged_changes_nothing(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "s")
    first = kg.ingest([EXAMPLES / "01_kursk_casualties.txt"])
    quads = len(kg.store)
    second = kg.ingest([EXAMPLES / "01_kursk_casualties.txt"])
    assert (first.added, second.unchanged, len(kg.store)) == (1, 1, quads)


def test_an_article_made_by_another_extractor_version_is_extracted_again(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "s")
    kg.ingest([EXAMPLES / "01_kursk_casualties.txt"])
    quads = set(kg.store.quads())
    # As if an earlier newsgraph had written it: same text, another extractor, and a triple this one does not make.
    kg.update(
        "PREFIX ng: <https://w3id.org/newsgraph/ns#> "
        "DELETE { GRAPH ?g { ?g ng:extractorVersion ?v } } "
        "INSERT { GRAPH ?g { ?g ng:extractorVersion 'newsgraph 0.0.1; spaCy model en_core_web_sm' ; ng:stale true } } "
        "WHERE { GRAPH ?g { ?g ng:extractorVersion ?v } }"
    )
    again = kg.ingest([EXAMPLES / "01_kursk_casualties.txt"])
    assert (again.replaced, again.unchanged) == (1, 0)
    assert set(kg.store.quads()) == quads
    assert kg.ingest([EXAMPLES / "01_kursk_casualties.txt"]).unchanged == 1


def test_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    kg = KnowledgeGraph.open(tmp_path / "s")
    src.write_text(
        '{"url": "https://x.example/1", "title": "T", "text": "Vladimir Putin said 500 troops left."}\n'
    )
    kg.ingest([src])
    src.write_text(
        '{"url": "https://x.example/1", "title": "T", "text": "Vladimir Putin said 700 troops left."}\n'
    )
    report = kg.ingest([src])
    values = [row["value"] for row in kg.query("claims")]
    assert report.replaced == 1 and values == [700]
    assert len(kg.store.named_graphs()) == 1


#: queries of what the examples alone have none of: corrections (tests/test_curation.py runs them) and imported
#: Wikidata (tests/test_one_truth.py)
CORRECTIONS = {"corrections", "curated-articles", "wikidata"}


@pytest.mark.parametrize("named", [q.name for q in list_queries() if q.name not in CORRECTIONS])
def test_every_named_query_runs_on_examples(example_kg: KnowledgeGraph, named: str) -> None:
    query = next(q for q in list_queries() if q.name == named)
    assert query.description and query.columns
    params = {p: "Kim Jong Un" for p in query.params}  # an actor every example names
    rows = example_kg.query(named, **params)
    assert rows, f"{named} returned nothing on the examples"
    assert set(rows[0]) == set(query.columns)


def test_queries_answer_what_they_say(example_kg: KnowledgeGraph) -> None:
    actors = {row["label"]: row for row in example_kg.query("actors")}
    assert actors["Kim Jong Un"]["wikidata"] == "Q56226" and actors["Kim Jong Un"]["articles"] >= 2
    agreements = {row["label"] for row in example_kg.query("agreements")}
    assert "Treaty on Comprehensive Strategic Partnership" in agreements
    measures = {row["measure"] for row in example_kg.query("figures")}
    assert {"deaths", "casualties", "injuries"} <= measures
    timeline = [row["date"] for row in example_kg.query("timeline")]
    assert timeline == sorted(timeline, key=lambda d: d.replace("--", "9999-"))


def test_parameters_are_bound_not_pasted(example_kg: KnowledgeGraph) -> None:
    before = len(example_kg.store)
    assert example_kg.query("actor-events", actor='" } ; DROP ALL #') == []
    assert len(example_kg.store) == before


@pytest.mark.parametrize("name", ["actor-events", "connections", "sources"])
def test_an_actor_is_found_by_label_alias_any_case_or_iri(example_kg: KnowledgeGraph, name: str) -> None:
    param = "target" if name == "sources" else "actor"

    def rows(value: str) -> list[dict[str, object]]:
        return [
            {k: v for k, v in r.items() if not k.endswith("_key")}
            for r in example_kg.query(name, **{param: value})
        ]

    expected = rows("North Korea")
    assert expected
    for value in ("north korea", "  NORTH   Korea ", "https://w3id.org/newsgraph/id/actor/north-korea"):
        assert rows(value) == expected, value
    # An alias finds the actor in the articles that use it ("Pyongyang" for the state, in the examples).
    if name == "actor-events":
        by_alias = rows("pyongyang")
        assert by_alias and all(row in expected for row in by_alias)
    assert rows("North Kore") == []


def test_unknown_query_and_missing_parameter(example_kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownQueryError, match="known queries"):
        example_kg.query("no-such-query")
    with pytest.raises(QueryError, match="needs actor"):
        example_kg.query("connections")


def test_graphs_validate_against_shapes(example_kg: KnowledgeGraph) -> None:
    from pyshacl import validate

    shapes = Graph().parse(ontology_path("shapes.ttl"))
    ontology = Graph().parse(ontology_path("newsgraph.ttl"))
    data = Dataset()
    data.parse(data=example_kg.export(format="trig"), format="trig")
    for graph in data.graphs():
        if len(graph) == 0 or str(graph.identifier).endswith("/ns"):
            continue
        conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
        assert conforms, text
    broken = Graph().parse(
        data="""@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . <urn:x> a sem:Event .""",
        format="turtle",
    )
    assert not validate(broken, shacl_graph=shapes)[0]


def test_rdflib_dataset_view(example_kg: KnowledgeGraph) -> None:
    dataset = example_kg.store.dataset()
    assert len(list(dataset.graphs())) >= 7
    rows = list(
        dataset.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } }"
        )
    )
    assert int(rows[0][0]) > 0


def test_exports_round_trip(example_kg: KnowledgeGraph) -> None:
    trig = example_kg.export(format="trig")
    data = Dataset()
    data.parse(data=trig, format="trig")
    assert sum(len(g) for g in data.graphs()) == len(example_kg.store)
    turtle = example_kg.export(format="turtle")
    assert len(Graph().parse(data=turtle, format="turtle")) > 0
    assert example_kg.export(format="jsonld")
    # Turtle and TriG are written with the vocabularies' prefixes, so a reader sees sem:hasActor, not full IRIs
    for text in (trig, turtle):
        assert text is not None
        head = text.decode("utf-8")
        assert "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> ." in head and "sem:hasActor" in head


def test_networkx_views_carry_provenance(example_kg: KnowledgeGraph) -> None:
    events = example_kg.to_networkx(view="events")
    actors = example_kg.to_networkx(view="actors")
    assert events.number_of_nodes() > actors.number_of_nodes() > 0
    _, data = next(iter(actors.nodes(data=True)))
    assert data["sentences"] and data["articles"]
