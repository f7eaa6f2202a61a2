"""The pinned actor table: the generated states and capitals, the curated institutions and outlets, a user's own
table with --actors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders.article import Article
from newsgraph.loaders.table import PACKAGED, ActorTable, ActorTableError, slug

ROOT = Path(__file__).resolve().parent.parent
USER_TABLE = """\
@prefix a: <https://w3id.org/newsgraph/id/actor/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
a:harbour-freight-union a schema:Organization ; rdfs:label "Harbour Freight Union" ; skos:altLabel "HFU" .
"""


def test_the_committed_countries_file_is_what_the_generator_writes() -> None:
    pytest.importorskip("countryinfo", reason="countryinfo (a test extra) is not installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_countries.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, "ontology/countries.ttl is stale: run `make countries`\n" + done.stderr


def test_the_committed_companies_file_is_what_the_generator_writes() -> None:
    pytest.importorskip("pytickersymbols", reason="pytickersymbols (a test extra) is not installed")
    pytest.importorskip("rigour", reason="rigour (a test extra) is not installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_companies.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, "ontology/companies.ttl is stale: run `make companies`\n" + done.stderr


def test_listed_companies_are_known_and_no_common_word_or_person_names_one() -> None:
    extractor = Extractor()
    table = ActorTable.load()
    companies = [a for a in table.actors if a.company]
    assert len(companies) >= 500
    for name in ("Deutsche Telekom", "Unilever", "Toyota Tsusho", "Banco Santander", "Rio Tinto"):
        (row,) = table.lookup(name)
        assert row.company and row.type == "Organization", name
    # a company whose short name is a common word is known by its full name only; a person-like one not at all
    assert (
        table.lookup("Caterpillar") == []
        and table.lookup("Kingfisher") == []
        and table.lookup("Orange") == []
    )
    assert [r.label for r in table.lookup("Caterpillar Inc.")] == ["Caterpillar Inc."]
    assert table.lookup("Waste Management") == [] and table.lookup("Cummins") == []
    text = (
        "Harvest\n\nCaterpillar numbers fell this spring and Kingfisher sightings rose, Mr Cummins said on "
        "Monday. Orange growers said oranges would cost more. Deutsche Telekom said it would hire 40 engineers."
    )
    labels = {a.label: a.type for a in extractor.extract(Article(text=text, source="t")).actors}
    assert not {"Caterpillar Inc.", "Kingfisher plc", "Orange SA"} & set(labels), labels
    assert labels.get("Deutsche Telekom") == "Organization", labels


def test_every_state_has_its_wikidata_id_and_the_hand_table_agrees_with_the_source() -> None:
    table = ActorTable.load()
    states = [a for a in table.actors if a.type == "Country"]
    assert [a.label for a in states if not a.wikidata] == []
    for name, qid in [("Morocco", "Q1028"), ("Argentina", "Q414"), ("Spain", "Q29"), ("Brazil", "Q155"),
                      ("UAE", "Q878"), ("Lebanon", "Q822"), ("Russia", "Q159")]:  # fmt: skip
        (row,) = [r for r in table.lookup(name) if r.type == "Country"]
        assert row.wikidata == qid, name
    territories = pytest.importorskip("rigour.territories", reason="rigour (a test extra) is not installed")
    hand = ActorTable.from_files(ROOT / "ontology" / "actors.ttl")
    by_qid = {t.qid: t for t in territories.get_territories() if t.qid}
    for actor in hand.actors:
        if actor.type == "Country" and actor.wikidata:
            assert actor.wikidata in by_qid, (actor.label, actor.wikidata)  # a typed ID that is no state's


def test_a_name_that_takes_the_reads_with_it() -> None:
    table = ActorTable.load()
    with_the = {"United Kingdom", "United States", "Bahamas", "Netherlands", "Philippines", "Czech Republic",
                "Democratic Republic of the Congo", "Cayman Islands"}  # fmt: skip
    for name in with_the:
        (row,) = [r for r in table.lookup(name) if r.type in {"Country", "Place"}]
        assert row.the_name == f"the {row.label}", name
    for name in ("Kenya", "France", "Niger", "Sudan", "Ukraine", "Honduras"):
        (row,) = [r for r in table.lookup(name) if r.type == "Country"]
        assert row.the_name == row.label, name
    assert f"Government of {table.lookup('UK')[0].the_name}" == "Government of the United Kingdom"


def test_the_packaged_tables_conform_to_the_shapes() -> None:
    from pyshacl import validate
    from rdflib import Graph

    from newsgraph.ontology import ontology_path

    data = Graph()
    for name in PACKAGED:
        data.parse(ontology_path(name), format="turtle")
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text
    broken = Graph().parse(
        data='@prefix ng: <https://w3id.org/newsgraph/ns#> . <urn:x> ng:definiteArticle "yes" ;'
        " <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Kenya> .",
        format="turtle",
    )
    assert not validate(broken, shacl_graph=shapes)[0]


def test_every_state_is_known_and_most_capitals_stand_for_their_state() -> None:
    table = ActorTable.load()
    states = [a for a in table.actors if a.type == "Country"]
    assert len(states) >= 190
    standing = {a.stands_for for a in table.actors if a.stands_for}
    assert len(standing & {s.key for s in states}) >= 170
    for name, capital_of in [
        ("Nairobi", "Kenya"),
        ("Lima", "Peru"),
        ("Madrid", "Spain"),
        ("Abuja", "Nigeria"),
    ]:
        (row,) = [r for r in table.lookup(name) if r.type == "Place"]
        assert row.stands_for is not None and table.by_key[row.stands_for].label == capital_of
    assert [r.type for r in table.lookup("Puerto Rico")] == ["Place"]  # a territory, not a state


def test_links_in_the_table_point_at_actors_in_the_table() -> None:
    table = ActorTable.load()
    for actor in table.actors:
        for key in (actor.affiliation, actor.stands_for, *actor.parties):
            assert key is None or key in table.by_key, (actor.label, key)


def test_no_name_is_two_different_kinds_of_actor() -> None:
    table = ActorTable.load()
    clashes = []
    for name, _actor in table.names():
        kinds = {a.type for a in table.lookup(name)}
        if len(kinds) > 1 and not any(a.stands_for for a in table.lookup(name)):
            clashes.append((name, sorted(kinds)))
    assert not clashes, clashes


def test_outlets_are_news_organisations() -> None:
    table = ActorTable.load()
    for name in ("Reuters", "Getty Images", "Kyodo", "Sky News", "The Wall Street Journal"):
        (row,) = table.lookup(name)
        assert row.media, name
    assert not table.lookup("Federal Reserve")[0].media


def test_the_packaged_files_ship_with_the_package() -> None:
    for name in PACKAGED:
        assert (ROOT / "ontology" / name).is_file()


def test_a_user_table_adds_actors(tmp_path: Path) -> None:
    path = tmp_path / "mine.ttl"
    path.write_text(USER_TABLE, encoding="utf-8")
    extractor = Extractor(actors=(path,))
    ex = extractor.extract(
        Article(text="The HFU said on Monday that 4,000 members would strike.", source="t")
    )
    assert [a.label for a in ex.actors] == ["Harbour Freight Union"]
    assert extractor.version != Extractor().version  # articles made without the table are extracted again


def test_a_bad_user_table_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(ActorTableError, match=r"bad\.ttl is not valid Turtle"):
        Extractor(actors=(bad,))
    with pytest.raises(ActorTableError, match="not found"):
        Extractor(actors=(tmp_path / "missing.ttl",))
    outside = tmp_path / "outside.ttl"
    outside.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<http://example.org/x> a <https://schema.org/Person> ; rdfs:label "X" .\n',
        encoding="utf-8",
    )
    with pytest.raises(ActorTableError, match="outside"):
        Extractor(actors=(outside,))


def test_ingest_with_a_user_table_through_the_cli(tmp_path: Path) -> None:
    table = tmp_path / "mine.ttl"
    table.write_text(USER_TABLE, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "Dock strike\n\nThe HFU said on Monday that 4,000 members would strike.\n", encoding="utf-8"
    )
    cli = [sys.executable, "-m", "newsgraph"]
    store = str(tmp_path / "store")
    done = subprocess.run(
        [*cli, "ingest", str(article), "--actors", str(table), "--store", store],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [*cli, "query", "actors", "--store", store, "--format", "csv"], capture_output=True, text=True
    )
    assert "Harbour Freight Union" in listed.stdout
    bad = subprocess.run(
        [
            *cli,
            "ingest",
            str(article),
            "--actors",
            str(tmp_path / "none.ttl"),
            "--store",
            str(tmp_path / "s2"),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "actor table not found" in bad.stderr
    assert not (tmp_path / "s2").exists()


def test_names_in_any_script_get_iris_of_their_own() -> None:
    """A name in another script is transliterated for its IRI; three names are three IRIs, none "unnamed"."""
    names = ["习近平", "Владимир Путин", "Σύριζα", "Recep Tayyip Erdoğan"]
    slugs = [slug(n) for n in names]
    assert slugs == ["xijinping", "vladimir-putin", "syriza", "recep-tayyip-erdogan"]
    assert slug("!!!") != slug("???") and "unnamed" not in slug("!!!")


def test_a_minted_actor_with_a_non_latin_name_keeps_its_name_and_gets_its_own_iri() -> None:
    from newsgraph.loaders import Article, Extractor

    text = "Talks\n\nOfficials of Σύριζα met Владимир Путин and 习近平 in Athens on Monday, officials said."
    found = Extractor().extract(Article(text=text, source="t"))
    iris = [a.iri for a in found.actors]
    assert len(iris) == len(set(iris)) and not any(i.endswith("/unnamed") for i in iris)


def test_the_table_matcher_finds_what_a_matcher_of_every_name_finds() -> None:
    """The table's names are made into patterns when a text first has their first word (loaders/_known.py): the
    matches are those of a phrase matcher made with every name at once, names the tokenizer splits included."""
    from spacy.matcher import PhraseMatcher

    from newsgraph.loaders import _known
    from newsgraph.loaders.nlp import load_model
    from newsgraph.loaders.table import normalize_name

    nlp, table = load_model(), ActorTable.load()
    every = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, _ in table.names():
        for variant in _known._variants(name):
            every.add(normalize_name(variant), [nlp.make_doc(variant)])
            if not variant.lower().startswith("the "):
                every.add(normalize_name(variant), [nlp.make_doc("the " + variant)])
    lazy = _known._TableMatcher(nlp, table)
    waiting = len(lazy._waiting)
    texts = [
        "Talks in the Hague\n\nThe U.S. envoy and KIM JONG UN met the South Korean president in Seoul.",
        "Officials said al-Qaeda and Al-Shabaab fighters crossed from Bosnia-Herzegovina, the EU said.",
        "the european union and the united kingdom signed; kim jong-un did not. NATO met the Kremlin.",
    ]
    for text in texts:
        doc = nlp.make_doc(text)
        assert lazy(doc) == list(every(doc)) != []
    assert 0 < len(lazy._waiting) < waiting  # the first words met made their names; the others still wait


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "The United Nations refugee agency said 400 people had fled Tartu.",
            "United Nations High Commissioner for Refugees",
        ),
        (
            "The UN's migration agency said 300 people were on board.",
            "International Organization for Migration",
        ),
        (
            "The United Nations’ (UN) migration agency said 300 people were on board.",
            "International Organization for Migration",
        ),
        ("The UN children’s agency said 100 children were on board.", "UNICEF"),
    ],
)
def test_a_body_is_named_by_its_owner_in_full_or_possessive(
    extractor: Extractor, text: str, label: str
) -> None:
    found = extractor.extract(Article(text="Boats\n\n" + text, source="t"))
    assert [c.speaker for c in found.claims] == [label], found.claims
    if label != "UNICEF":  # a name of the table's own, not written with its owner
        off = Extractor(without=("bodies_named_by_their_owner",)).extract(
            Article(text="Boats\n\n" + text, source="t")
        )
        assert label not in {a.label for a in off.actors}


def test_a_body_named_by_its_owner_names_the_owner_too(extractor: Extractor) -> None:
    text = "Boats\n\nThe United Nations refugee agency said 400 people had fled Tartu."
    found = {
        a.label: [m.text for m in a.mentions]
        for a in extractor.extract(Article(text=text, source="t")).actors
    }
    assert found.get("United Nations") == ["United Nations"], found
    assert "United Nations High Commissioner for Refugees" in found
    named = "Boats\n\nThe UN Security Council met in New York on Monday."
    council = {a.label for a in extractor.extract(Article(text=named, source="t")).actors}
    assert "United Nations" not in council, council  # a name of its own, not a description by the owner
