"""Issue 27, friction 5: a name that finds an actor in one command finds it in all; figures list what they count;
stories show their articles and are named by their happening."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.errors import ActorNotFoundError
from newsgraph.graph.figures import _tells
from newsgraph.loaders.lexicon import Lexicon
from newsgraph.ontology.taxonomy import Taxonomy

CLI = [sys.executable, "-m", "newsgraph"]


def test_a_surname_or_an_alias_finds_the_actor_everywhere(example_kg: KnowledgeGraph) -> None:
    by_label = example_kg.paths("Kyrylo Budanov", "Kim Jong Un", limit=1)
    assert example_kg.paths("Budanov", "Kim", limit=1) == by_label  # before: "no actor labelled 'Budanov'"
    assert example_kg.paths("budanov", "https://w3id.org/newsgraph/id/actor/kim-jong-un", limit=1) == by_label
    # the same names as the named queries take
    assert example_kg.query("actor-events", actor="Kim Jong Un")
    assert example_kg.find_actor("Kim Jong-un").label == "Kim Jong Un"  # the words of its name
    assert (
        example_kg.find_actor("Pyongyang").type == "Place"
    )  # a label comes before an alias (of North Korea)
    with pytest.raises(ActorNotFoundError) as missing:
        example_kg.paths("Budanof", "Kim Jong Un")
    assert missing.value.parameter == "source" and "did you mean 'Kyrylo Budanov'" in str(missing.value)


@pytest.mark.slow
def test_the_cli_says_which_option_and_what_was_meant(example_kg: KnowledgeGraph) -> None:
    store = str(example_kg.store.path)
    done = subprocess.run(
        [*CLI, "analyze", "path", "--from", "Budanov", "--to", "Kim", "--limit", "1", "--store", store],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    wrong = subprocess.run(
        [*CLI, "render", "--focus", "Putn", "--store", store, "-o", "/dev/null"],
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 1 and "--focus 'Putn'" in wrong.stderr and "Vladimir Putin" in wrong.stderr


def test_figure_subjects_are_what_figures_count(example_kg: KnowledgeGraph) -> None:
    verbs = {lemma for entry in Lexicon.load().verbs for lemma in entry.lemmas}
    told = ["people killed", "North Korean casualties", "votes", "prison sentence", "wounded", "euro"]
    junk = ["%", "+1.77", "m", "miles", "amount", "acquire", "had", "underreporting", "transferred"]
    assert [s for s in told if not _tells(s, verbs)] == []
    assert [s for s in junk if _tells(s, verbs)] == []  # before: each listed as a subject
    listed = example_kg.figure_subjects()
    assert listed[0]["subject"] == "North Korean casualties" and listed[0]["figures"] >= 5
    assert "kilometers" not in {s["subject"] for s in listed}  # a bare unit counts nothing


@pytest.mark.slow
def test_stories_show_their_articles_and_name_their_happening(example_kg: KnowledgeGraph) -> None:
    done = subprocess.run(
        [*CLI, "analyze", "stories", "--format", "csv", "--store", str(example_kg.store.path)],
        capture_output=True,
        text=True,
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    titles = {row["title"] for row in rows}
    assert "Spy agency triples its count of North Korean dead" in titles  # before: a count and IRIs
    assert not any(cell.startswith("https://") for row in rows for cell in row.values())
    types = {t.label for t in Taxonomy.load().types.values()}
    for story in example_kg.stories():
        what = story["label"].split(":")[0].split(" · ")[0].split(" (")[0].split(" in ")[0]
        assert what in types, story["label"]  # before: "a bystander · the main person · statement"
        assert not any(word in story["label"].split(" · ") for word in ("a bystander", "the main person"))
