"""One suite, three stores: the embedded Oxigraph store, an Oxigraph server and Virtuoso, each a real store.

Ingest -> every named query -> render -> re-ingest -> replace -> export must give the same answers everywhere.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph import KnowledgeGraph
from newsgraph.graph.store import IMPORTS_GRAPH
from newsgraph.loaders import Article
from newsgraph.queries import list_queries

from .conftest import EXAMPLES

ARTICLES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"})[:4]
PARAMS = {
    "actor": "Kim Jong Un",
    "target": "Kim Jong Un",
    "name": "Kim Jong Un",
    "correction": "https://w3id.org/newsgraph/id/correction/1",
}
# SPARQL leaves these to the engine: which value SAMPLE (or MIN over strings, by its own collation) picks, and
# the order inside GROUP_CONCAT. They are compared as "present"; lists are compared as sets.
ENGINE_CHOSEN = {"actors": {"role"}, "affiliations": {"sentence"}, "connections": {"example"}}
#: columns holding a truth value: Virtuoso has no boolean type and answers 1 or 0 where the others say true or false
BOOLEAN = {"outlet"}


def _cell(query: str, column: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if column in ENGINE_CHOSEN.get(query, ()):
        return "<present>"
    if column in BOOLEAN:
        return str(value in (True, 1, "1", "true"))
    text = str(value)
    return "; ".join(sorted(text.split("; "))) if "; " in text else text


def _answers(kg: KnowledgeGraph) -> dict[str, list[tuple[str, ...]]]:
    answers = {}
    for named in list_queries():
        params = {p: PARAMS[p] for p in named.params}
        rows = kg.query(named.name, **params)
        answers[named.name] = sorted(tuple(_cell(named.name, k, v) for k, v in row.items()) for row in rows)
    return answers


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, ...]]]:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("reference") / "store")
    kg.ingest(ARTICLES)
    return _answers(kg)


def test_ingest_query_render_on_every_store(
    store_location: str | Path, reference: dict[str, list[tuple[str, ...]]], tmp_path: Path
) -> None:
    kg = KnowledgeGraph.open(store_location)
    report = kg.ingest(ARTICLES)
    assert (report.added, report.failed) == (len(ARTICLES), [])
    answers = _answers(kg)
    differing = {name: (answers[name], rows) for name, rows in reference.items() if answers.get(name) != rows}
    assert not differing, {name: sorted(set(got) ^ set(want)) for name, (got, want) in differing.items()}
    assert answers.keys() == reference.keys()
    assert any(answers[name] for name in ("actor-events", "connections", "sources")), (
        "parameters bound nothing"
    )
    stats = kg.stats()
    assert stats["articles"] == len(ARTICLES) and stats["events"] > 0 and stats["claims"] > 0

    page = kg.render(tmp_path / "graph.html")
    html = page.read_text(encoding="utf-8")
    assert "Kim Jong Un" in html

    again = kg.ingest(ARTICLES)
    assert (again.added, again.unchanged) == (0, len(ARTICLES))
    assert kg.stats() == stats


def test_changed_article_replaces_its_graph_on_every_store(store_location: str | Path) -> None:
    kg = KnowledgeGraph.open(store_location)
    url = "https://news.example.org/2025/talks"
    first = Article(
        text="Talks\n\nPresident Vladimir Putin met Kim Jong Un in Pyongyang.", url=url, source="a"
    )
    second = Article(
        text="Talks\n\nPresident Vladimir Putin met Xi Jinping in Beijing on Monday.", url=url, source="a"
    )
    assert kg.ingest_articles([first]).added == 1
    assert kg.ingest_articles([second]).replaced == 1
    assert kg.store.named_graphs() == [first.iri]
    labels = {row["label"] for row in kg.query("actors")}
    assert "Xi Jinping" in labels and "Kim Jong Un" not in labels


def test_corrections_hold_on_every_store(store_location: str | Path) -> None:
    """Issue 27: a merge and a hide on a server store as on the embedded one: recorded in the store, applied to its
    articles (read back through SPARQL), and to an article ingested after."""
    kg = KnowledgeGraph.open(store_location)
    pact = next(p for p in ARTICLES if p.suffix == ".html")  # Putin and Kim in Pyongyang
    kg.ingest([pact])
    labels = {row["label"] for row in kg.query("actors")}
    assert {"Kim Jong Un", "Vladimir Putin", "North Korea"} <= labels
    merged = kg.merge("Vladimir Putin", "Kim Jong Un", by="ana")
    hidden = kg.hide("North Korea", by="ana")
    assert merged.articles and hidden.articles
    kg.ingest(ARTICLES)
    labels = {row["label"] for row in kg.query("actors")}
    assert "Kim Jong Un" in labels and "Vladimir Putin" not in labels and "North Korea" not in labels
    assert [(c.action, c.by) for c in kg.corrections()] == [("merge", "ana"), ("hide", "ana")]
    assert kg.find_actor("Vladimir Putin").label == "Kim Jong Un"


def test_values_with_quotes_and_braces_are_bound_not_pasted(store_location: str | Path) -> None:
    kg = KnowledgeGraph.open(store_location)
    kg.ingest(ARTICLES[:1])
    before = len(kg.store)
    for hostile in ['" } ; DROP ALL #', "> } DROP ALL ; SELECT * WHERE { <x", "\\u0022 } DROP ALL #"]:
        assert kg.query("actor-events", actor=hostile) == []
    assert len(kg.store) == before


def test_trig_export_keeps_every_quad_on_every_store(store_location: str | Path) -> None:
    kg = KnowledgeGraph.open(store_location)
    kg.ingest(ARTICLES[:2])
    data = kg.export(format="trig")
    assert data is not None
    quads = list(ox.parse(io.BytesIO(data), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(kg.store)
    graphs = {q.graph_name.value for q in quads}
    assert set(kg.store.named_graphs()) <= graphs


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("oxigraph", marks=pytest.mark.server),
        pytest.param("virtuoso", marks=pytest.mark.virtuoso),
    ],
)
def test_push_copies_every_graph_to_a_server(
    kind: str, request: pytest.FixtureRequest, reference: dict[str, list[tuple[str, ...]]], tmp_path: Path
) -> None:
    from .conftest import clear_remote

    url = request.getfixturevalue(f"{kind}_url")
    clear_remote(url)
    local = KnowledgeGraph.open(tmp_path / "store")
    local.ingest(ARTICLES)
    sent = local.push(url)
    assert sent == len(ARTICLES) + 1  # the articles and the ontology graph
    remote = KnowledgeGraph.open(url, read_only=True)
    assert len(remote.store) == len(local.store)
    assert _answers(remote) == reference
    assert local.push(url) == sent  # a second push replaces, it does not add
    assert len(remote.store) == len(local.store)


def test_import_keeps_graphs_and_names_a_graph_for_triples(tmp_path: Path) -> None:
    source = KnowledgeGraph.open(tmp_path / "a")
    source.ingest(ARTICLES[:2])
    trig = tmp_path / "export.trig"
    source.export(trig, format="trig")
    turtle = tmp_path / "extract.ttl"
    turtle.write_text(
        "@prefix wd: <http://www.wikidata.org/entity/> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        'wd:Q56226 schema:name "Kim Jong Un"@en ; schema:birthDate "1984-01-08" .\n',
        encoding="utf-8",
    )
    jsonld = tmp_path / "extract.jsonld"
    jsonld.write_text(
        json.dumps(
            {"@id": "http://www.wikidata.org/entity/Q7747", "https://schema.org/name": "Vladimir Putin"}
        ),
        encoding="utf-8",
    )

    target = KnowledgeGraph.open(tmp_path / "b")
    added = target.import_rdf([trig, turtle, jsonld])
    ontology = len(KnowledgeGraph.open(None).store)  # already in every store, so not added again
    assert added[str(trig)] == len(source.store) - ontology
    assert set(source.store.named_graphs()) == set(target.store.named_graphs())
    assert target.query("articles") == source.query("articles")
    assert turtle.resolve().as_uri() in target.store.graph_names()
    imported = "SELECT ?n WHERE { ?s <https://schema.org/name> ?n FILTER(STRSTARTS(STR(?s), 'http://www.wikidata')) }"
    names = {row["n"] for row in target.query(imported)}
    assert names == {"Kim Jong Un", "Vladimir Putin"}
    own = target.import_rdf([turtle], graph="https://example.org/wikidata")
    assert own[str(turtle)] == 2 and "https://example.org/wikidata" in target.store.graph_names()
    # One transaction per file writes the same quads as the bulk loader.
    atomic = KnowledgeGraph.open(tmp_path / "c")
    assert atomic.import_rdf([trig, turtle, jsonld], atomic=True) == added
    wikidata = set(target.store.graph_quads("https://example.org/wikidata"))
    listed = {
        q
        for q in target.store.graph_quads(IMPORTS_GRAPH)
        if q.subject.value == "https://example.org/wikidata"
    }
    assert (
        set(atomic.store.quads()) == set(target.store.quads()) - wikidata - listed
    )  # and its entry in the list


@pytest.mark.parametrize("atomic", [False, True], ids=["bulk", "atomic"])
def test_import_of_a_broken_file_adds_nothing(tmp_path: Path, atomic: bool) -> None:
    from newsgraph import StoreError

    kg = KnowledgeGraph.open(tmp_path / "store")
    before = len(kg.store)
    broken = tmp_path / "broken.nq"
    # The error comes after thousands of good quads: nothing before it may be written either.
    good = "".join(f"<http://e/a{i}> <http://e/p> <http://e/o> <http://e/g> .\n" for i in range(5000))
    broken.write_text(good + "<http://e/a> <http://e/p> oops <http://e/g> .\n")
    with pytest.raises(StoreError, match="not valid"):
        kg.import_rdf([broken], atomic=atomic)
    assert len(kg.store) == before
    # The write itself skips IRI checks (the parse before it made them): a relative IRI must still be refused.
    broken.write_text(good + "<relative> <http://e/p> <http://e/o> <http://e/g> .\n")
    with pytest.raises(StoreError, match="not valid"):
        kg.import_rdf([broken], atomic=atomic)
    assert len(kg.store) == before
    with pytest.raises(StoreError, match="suffix"):
        kg.import_rdf([tmp_path / "data.xyz"])


NASTY = "Talks \\ \"quoted\" 'single' \t tab \x01\x1f\x7f ctrl \u2028 sep \U0001f600 astral \ufeff bom <b>&amp;</b> }"


def test_unusual_characters_round_trip_on_every_store(store_location: str | Path) -> None:
    """Quotes, backslashes, control characters, line separators and astral characters come back unchanged."""
    kg = KnowledgeGraph.open(store_location)
    text = f"{NASTY}\n\nVladimir Putin met Kim Jong Un in Pyongyang, officials said. {NASTY}"
    report = kg.ingest_articles([Article(text=text, title=NASTY, source="nasty")])
    assert report.added == 1, report.failed
    (row,) = kg.query(
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>"
        " PREFIX schema: <https://schema.org/>"
        " SELECT ?text ?title WHERE { ?a nif:isString ?text ; schema:headline ?title }"
    )
    assert row["title"] == NASTY
    assert row["text"] == text


def test_news_organisations_are_told_apart_on_every_store(store_location: str | Path) -> None:
    """Outlets are left out of the analysis on every store (Virtuoso answers a truth value as 1 or 0)."""
    kg = KnowledgeGraph.open(store_location)
    text = (
        "Port talks stall\n\nThe harbour minister Lena Ostrova told Reuters on Monday that talks with the dock"
        " union had stalled. Ostrova said the union and the port authority would meet again in Rotterdam."
    )
    assert kg.ingest_articles([Article(text=text, source="port")]).added == 1
    outlets = {row["label"] for row in kg.query("actors") if str(row["outlet"]).lower() in {"true", "1"}}
    assert outlets == {"Reuters"}
    ranked = {row["label"] for row in kg.centrality(top=None)}
    assert "Lena Ostrova" in ranked and "Reuters" not in ranked
    assert "Reuters" in {row["label"] for row in kg.centrality(top=None, include_outlets=True)}


def test_pages_and_totals_on_every_store(store_location: str | Path) -> None:
    """A page of every named query is the same window of its whole listing, with the same total, on every store
    (the total comes from a query of its own, its parameters bound the way the listing's are)."""
    kg = KnowledgeGraph.open(store_location)
    kg.ingest(ARTICLES)
    for named in list_queries():
        params = {p: PARAMS[p] for p in named.params}
        whole = kg.query(named.name, **params)
        assert kg.count(named.name, **params) == len(whole), named.name
        page = kg.page(named.name, limit=2, offset=1, **params)
        assert page.total == len(whole), named.name
        assert len(page.rows) == len(whole[1:3]), named.name
    assert kg.count("actor-events", actor="Kim Jong Un") > 0
