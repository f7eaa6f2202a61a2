"""The user's seed documents (../shared): skipped when absent."""

from __future__ import annotations

from newsgraph import KnowledgeGraph

from .conftest import needs_shared

pytestmark = needs_shared

JUNK_NAMES = {
    "Andrew Tate",
    "Foxconn",
    "Kamala Harris",
    "Doximity",
    "Alexandra Williams",
    "Stephen Hubbard",
    "Nvidia",
}


def test_distinct_people_and_one_pact(seed_kg: KnowledgeGraph) -> None:
    people = {row["label"] for row in seed_kg.query("actors") if row["type"] == "Person"}
    assert {"Kim Jong Un", "Vladimir Putin", "Kyrylo Budanov", "Kim Yong-hyun"} <= people
    agreements = [row for row in seed_kg.query("agreements") if "Strategic Partnership" in row["label"]]
    assert len(agreements) == 1 and agreements[0]["articles"] >= 3


def test_no_actor_from_page_junk(seed_kg: KnowledgeGraph) -> None:
    labels = {row["label"] for row in seed_kg.query("actors")}
    assert not labels & JUNK_NAMES


def test_disagreements_list_casualty_figures_with_speakers(seed_kg: KnowledgeGraph) -> None:
    groups = seed_kg.disagreements(subject="North Korean soldiers killed")
    killed = {(f["value"], f["speaker"]) for g in groups for f in g["figures"]}
    assert (270, "South Korean intelligence officials") in killed
    assert (300, "National Intelligence Service (South Korea)") in killed
