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


def test_one_happening_told_by_two_articles_is_one_with_both_reports(more: KnowledgeGraph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Orlavia floods, reported on two days, are one happening with both reports; the Kestria floods of the
    same day are another story and stay apart; the election's two articles tell of different things."""
    found = more.happenings()
    floods = [h for h in found if h["place"] == "Orlavia"]
    assert len(floods) == 1, found
    (flood,) = floods
    assert flood["type"] == "flood" and "place: Orlavia" in flood["evidence"]
    assert sorted(r["sentence"][:18] for r in flood["reports"]) == ["Floods in Orlavia", "The death toll fro"]
    assert len({r["article"] for r in flood["reports"]}) == 2
    assert not any(h["place"] == "Kestria" or any("Kestria" in p for p in h["participants"]) for h in found)
    from typer.testing import CliRunner

    from newsgraph.cli import app

    store = tmp_path / "store"
    KnowledgeGraph.open(store).ingest_articles([*MIXED, *MORE])
    result = CliRunner().invoke(app, ["analyze", "happenings", "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("happening,type,label") and sum("Orlavia" in line for line in lines[1:]) >= 2


def test_the_events_view_draws_a_happening_once_with_every_report(more: KnowledgeGraph) -> None:
    """The Orlavia floods, told by two articles, are one node of the events view with both articles among its
    sources."""
    view = more.to_networkx(view="events")
    floods = [
        d
        for _, d in view.nodes(data=True)
        if d.get("kind") == "Event" and d.get("event_type") == "flood" and d.get("place") == "Orlavia"
    ]
    assert len(floods) == 1, floods
    assert floods[0]["reports"] == 2 and len(floods[0]["articles"]) == 2


def test_a_rising_toll_is_a_history_not_a_quarrel(more: KnowledgeGraph) -> None:
    """Orlavia's toll, 40 on Monday and 55 on Tuesday, is one group whose relation is an update."""
    (toll,) = [g for g in more.disagreements() if g["story_label"] and "Orlavia" in g["story_label"]]
    assert toll["relation"] == "update" and toll["measure"] == "deaths"
    assert {f["value"] or f["min"] for f in toll["figures"]} >= {40.0, 55.0}


def test_reports_weeks_apart_are_not_one_happening() -> None:
    """Two quakes in one place three weeks apart are one story (the region's quakes), two happenings."""
    kg = KnowledgeGraph.open(None)
    kg.ingest_articles(
        [
            Article(
                text="Quake\n\nAn earthquake struck northern Orlavia, officials said.",
                source="q1",
                published=date(2024, 1, 8),
            ),
            Article(
                text="Quake again\n\nAn earthquake struck northern Orlavia, Dana Pellor said.",
                source="q2",
                published=date(2024, 1, 29),
            ),
        ]
    )
    assert [len(s["articles"]) for s in kg.stories()] == [2]
    assert kg.happenings() == []
