"""The event lexicon is data (ontology/lexicon.toml): it is checked when loaded, and a user's own file extends
newsgraph to new words without a change of Python (issue 15)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import KnowledgeGraph
from newsgraph.cli import app
from newsgraph.loaders import Article, Extractor
from newsgraph.loaders.lexicon import Lexicon, LexiconError, read_lexicon
from newsgraph.ontology import ontology_path
from newsgraph.ontology.taxonomy import Taxonomy

runner = CliRunner()
PACKAGED = ontology_path("lexicon.toml").read_text(encoding="utf-8")
FURLOUGH = '\n[[verb]]\nlemmas = ["furlough"]\ntype = "layoffs"\n'
TEXT = "Cuts\n\nVantor Motors furloughed 2,000 workers at its plant in Ohio on Monday."


def test_the_packaged_lexicon_names_only_known_types_and_classes() -> None:
    lexicon = Lexicon.load()
    taxonomy = Taxonomy.load()
    entries = [*lexicon.verbs, *lexicon.nouns]
    assert len(entries) > 100
    assert all(e.type == "none" or e.type in taxonomy for e in entries)
    for entry in entries:
        for key, value in entry.conditions:
            if key in {"subject", "object", "modifier", "governor", "context", "not_object", "not_modifier"}:
                assert value in lexicon.classes or value.startswith(("@", "wn:")), (entry, key, value)
    # the genres of issue 15 each have words: elections, courts, business, economy, disasters, health, sport
    fines = {e.type for e in entries}
    for wanted in (
        "vote_result",
        "verdict",
        "acquisition",
        "rate_decision",
        "earthquake",
        "outbreak",
        "protest",
    ):
        assert wanted in fines


def _broken(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(PACKAGED + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[[verb]]\nlemmas = ["gallop"]\ntype = "horse_race"\n', "not an event type"),
        ('\n[[verb]]\nlemmas = ["gallop"]\nobject = "horses"\ntype = "protest"\n', "is not a class"),
        ('\n[[verb]]\nlemmas = ["gallop"]\ntype = "protest"\nwhen = "always"\n', "unknown key"),
        ('\n[[verb]]\nlemmas = ["protest"]\ntype = "riot"\n', "never reached"),
        ("\n[[verb]\n", "not valid TOML"),
    ],
    ids=["unknown type", "unknown class", "unknown key", "unreachable entry", "bad TOML"],
)
def test_a_mistake_in_a_lexicon_is_named_when_it_is_read(tmp_path: Path, extra: str, message: str) -> None:
    path = _broken(tmp_path, extra)
    with pytest.raises(LexiconError, match=message):
        read_lexicon(path)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", str(tmp_path / "a.txt"), "--lexicon", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert message in done.stderr
    entry = f"[[verb]] #{len(Lexicon.load().verbs) + 1}"  # the one appended
    assert entry in done.stderr or message == "not valid TOML"  # the entry is named
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_a_users_lexicon_adds_words_without_python(tmp_path: Path) -> None:
    # without the entry the verb is at most a happening of its lexical class (rule happening_verbs), never layoffs
    assert "layoffs" not in {e.fine_type for e in Extractor().extract(Article(text=TEXT, source="t")).events}
    lexicon = _broken(tmp_path, FURLOUGH)
    (found,) = Extractor(lexicon=lexicon).extract(Article(text=TEXT, source="t")).events
    assert (found.fine_type, found.type) == ("layoffs", "other")
    assert [p.actor for p in found.participants] == ["Vantor Motors"]
    article = tmp_path / "cuts.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--lexicon", str(lexicon)])
    assert result.exit_code == 0, result.output
    assert [e["fine_type"] for e in json.loads(result.stdout)[0]["events"]] == ["layoffs"]


def test_ingesting_again_with_another_lexicon_extracts_again(tmp_path: Path) -> None:
    article = tmp_path / "cuts.txt"
    article.write_text(TEXT, encoding="utf-8")
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        assert kg.ingest([article]).added == 1
        # "furloughed" by its lexical class (rule happening_verbs), not as layoffs
        assert kg.stats()["events"] == 1
    lexicon = _broken(tmp_path, FURLOUGH)
    with KnowledgeGraph.open(store, lexicon=lexicon) as kg:
        again = kg.ingest([article])
        assert (again.replaced, again.unchanged) == (1, 0)
        assert kg.stats()["events"] == 1
        assert kg.ingest([article]).unchanged == 1
    result = runner.invoke(app, ["ingest", str(article), "--store", str(store)])
    assert result.exit_code == 0 and "1 replaced" in result.output  # back to the packaged lexicon


def test_the_lexicon_file_documents_its_own_format() -> None:
    header = PACKAGED.split("version = 1")[0]
    for key in (
        "[classes]",
        "[[verb]]",
        "[[noun]]",
        "subject",
        "governor",
        "[statement]",
        "[claims]",
        "--lexicon",
    ):
        assert key in header
    assert tomllib.loads(PACKAGED)["version"] == 1


def test_a_misspelt_claims_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(PACKAGED.replace("\naccusers = [", "\naccuser = ["), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"\[claims\] accuser.*not a key"):
        read_lexicon(path)


def test_a_users_lexicon_sets_who_accuses(tmp_path: Path) -> None:
    """The accusers are data: a lexicon that names none leaves an accused figure unattributed."""
    path = tmp_path / "lexicon.toml"
    path.write_text(re.sub(r"\naccusers = \[.*\]", '\naccusers = ["nobody"]', PACKAGED), encoding="utf-8")
    text = "Figures\n\nProsecutors in Lima charged the mayor. She is accused of taking $2 million in bribes."
    mine = Extractor(lexicon=path).extract(Article(text=text, source="a.txt"))
    assert [c.speaker for c in mine.claims] == [None]
    packaged = Extractor().extract(Article(text=text, source="a.txt"))
    assert [c.speaker for c in packaged.claims] == ["Peruvian prosecutors"]
