"""Analysis on a mixed corpus (issue 17): short articles of ours on unrelated stories, ingested together."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.loaders import Article

MIXED = [
    Article(
        text="Floods in Orlavia\n\nFloods killed at least 40 people in the north of Orlavia on Monday, "
        "Interior Minister Dana Pellor told Reuters. Rescuers were still searching for 12 villagers.",
        source="floods-1.txt",
        published=date(2024, 3, 4),
    ),
    Article(
        text="Orlavia flood toll rises\n\nThe death toll from the floods in Orlavia rose to 55 on Tuesday, "
        "the Red Cross said. Interior Minister Dana Pellor said 40 people had died by Monday night.",
        source="floods-2.txt",
        published=date(2024, 3, 5),
    ),
    Article(
        text="Vantor profits\n\nVantor Motors said profits rose 12% in the first quarter, chief executive Ilse "
        "Marrow told Reuters. The carmaker sold 90,000 cars.",
        source="business.txt",
        published=date(2024, 4, 20),
    ),
    Article(
        text="Election in Deloria\n\nThe Unity Party won 61 seats in Deloria's parliament, the election commission "
        "said on Sunday. Party leader Tomas Brevik said Keir Starmer had congratulated him.",
        source="election.txt",
        published=date(2024, 6, 2),
    ),
]


@pytest.fixture(scope="module")
def mixed() -> KnowledgeGraph:
    kg = KnowledgeGraph.open(None)
    report = kg.ingest_articles(MIXED)
    assert report.added == len(MIXED), report.failed
    return kg


def test_every_actor_is_in_the_actor_view(mixed: KnowledgeGraph) -> None:
    listed = {row["label"] for row in mixed.query("actors")}
    view = {d["label"] for _, d in mixed.to_networkx(view="actors").nodes(data=True)}
    assert listed <= view, listed - view
    assert "Keir Starmer" in view  # named, but in no event


def test_an_actor_in_no_event_is_reached_through_the_sentence_naming_it(mixed: KnowledgeGraph) -> None:
    found = mixed.paths("Keir Starmer", "Tomas Brevik")
    assert found and found[0]["hops"][0]["link"] == "named together"
    assert found[0]["hops"][0]["sentences"]


def test_an_outlet_does_not_connect_unrelated_speakers(mixed: KnowledgeGraph) -> None:
    assert mixed.paths("Dana Pellor", "Ilse Marrow") == []  # both told Reuters, nothing else joins them
    members = [set(c["members"]) for c in mixed.communities()]
    assert not any({"Dana Pellor", "Ilse Marrow"} <= group for group in members)
    assert "Reuters" not in {row["label"] for row in mixed.centrality(top=None)}
    assert "Reuters" in {row["label"] for row in mixed.centrality(top=None, include_outlets=True)}


MORE = [
    Article(
        text="Floods in Kestria\n\nFloods killed 300 people in southern Kestria on Monday, the Kestrian disaster "
        "agency said.",
        source="floods-3.txt",
        published=date(2024, 3, 4),
    ),
    Article(
        text="Convoy reaches Tarvin\n\nThe aid convoy travelled 40 kilometres (25 miles) to reach Tarvin, the "
        "Norland Red Crescent said. A Norland Red Crescent official said the convoy travelled 25 miles.",
        source="convoy.txt",
        published=date(2024, 5, 1),
    ),
    Article(
        text="Deloria count\n\nTomas Brevik obtained 41,200 votes in Lanmar, while Ines Varga obtained 39,800 votes, "
        "the election commission said. Brevik said the count in Lanmar was fair.",
        source="count.txt",
        published=date(2024, 6, 3),
    ),
]


@pytest.fixture(scope="module")
def more(mixed: KnowledgeGraph) -> KnowledgeGraph:
    report = mixed.ingest_articles(MORE)
    assert report.added == len(MORE), report.failed
    return mixed


def test_stories_link_the_articles_of_one_happening(more: KnowledgeGraph) -> None:
    found = {s["label"]: s for s in more.stories()}
    floods = [s for s in found.values() if len(s["articles"]) == 2 and "Dana Pellor" in s["actors"]]
    assert floods, found
    (story,) = floods
    assert story["links"] and "Dana Pellor" in story["links"][0]["shared"]  # the evidence is kept
    kestria = next(s for s in found.values() if any("Kestria" in a for a in s["actors"]))
    assert len(kestria["articles"]) == 1  # a flood elsewhere is another story


def test_disagreements_are_within_one_story(more: KnowledgeGraph) -> None:
    groups = more.disagreements()
    assert groups, "the two Orlavia articles give 40 and 55 dead"
    for group in groups:
        stories = {f["story"] for f in group["figures"]}
        assert len(stories) == 1 and group["story"] in stories, group
    figures = {f["value"] for g in groups for f in g["figures"]}
    assert 300.0 not in figures  # Kestria's toll is not set against Orlavia's
    assert 25.0 not in figures and 40_200.0 not in figures  # a conversion, and the tallies of two candidates
    assert not any({39_800.0, 41_200.0} <= {f["value"] for f in g["figures"]} for g in groups)
