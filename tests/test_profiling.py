"""``newsgraph rules --profile``: the time of spaCy's parse, of each phase and of each rule, through the real model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.loaders import Extractor
from newsgraph.loaders.profiling import profile_rules
from newsgraph.loaders.rules import Registry

#: two short articles of our own: a meeting, a denial, figures a ministry and a union put forward
ARTICLES = {
    "harbour.txt": (
        "Harbour talks\n\n"
        "The transport ministers of Portugal and Morocco met in Tangier on Tuesday to discuss a new ferry line.\n\n"
        "Portugal did not sign the agreement, a spokesman for the ministry said."
    ),
    "strike.txt": (
        "Dockers strike\n\n"
        "About 1,200 dockers walked out in Lisbon on Monday, the union said, while the port authority put the "
        "number at 700.\n\nThe minister said the talks would resume next week."
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "foreign.txt").write_text(
        "Die Minister der beiden Länder haben sich am Dienstag in der Stadt getroffen und über die neue Linie "
        "gesprochen, die im nächsten Jahr eröffnet werden soll, wie ein Sprecher sagte.",
        encoding="utf-8",
    )
    return tmp_path


def test_a_profile_times_the_parse_every_phase_and_the_rules_asked(
    extractor: Extractor, folder: Path
) -> None:
    result = profile_rules([folder], extractor=extractor)
    registry = Registry.load()
    assert result.articles == 2 and result.words > 40
    assert [f.kind for f in result.failed] == ["skipped"]  # the German text, named; the others profiled
    assert result.parse > 0 and result.extraction > 0 and result.reading > 0
    # every phase of extraction has a row, and the phases (with "other") add up to the extraction's time
    assert list(result.phases) == [p.name for p in registry.phases if p.name != "reading"] + ["other"]
    assert sum(result.phases.values()) == pytest.approx(result.extraction, rel=1e-6)
    # a rule's time counts in its own phase
    for phase in registry.phases[1:]:
        assert sum(result.rules.get(r.name, 0.0) for r in phase.rules) <= result.phases[phase.name] + 1e-9
    assert set(result.rules) <= set(registry.names())
    assert result.asked["negation"] >= 1 and result.asked["told_twice"] == 2  # once per article
    assert result.rules["told_twice"] > 0
    rows = result.rows(top=3)
    heads = ["spaCy parse", "extraction, all phases", "reading", "first extraction's loading"]
    assert [r["what"] for r in rows[:4]] == heads
    assert len([r for r in rows if r["asked"] is not None]) == 3
    assert rows[0]["of parse"] == "100.0 %"


def test_a_rule_switched_off_takes_no_time(folder: Path) -> None:
    result = profile_rules([folder], extractor=Extractor(without=("told_twice",)))
    assert result.asked["told_twice"] == 2 and "told_twice" not in result.rules


def test_newsgraph_rules_profile_prints_the_table(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "rules", "--profile", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["articles"] == 2 and data["seconds"]["parse"] > 0
    assert set(data["rules"]) == set(Registry.load().names())
    assert "foreign.txt" in done.stderr and "spaCy parse" in done.stderr
    markdown = [
        sys.executable,
        "-m",
        "newsgraph",
        "rules",
        "--profile",
        str(folder),
        "--top",
        "5",
        "-f",
        "markdown",
    ]
    table = subprocess.run(markdown, capture_output=True, text=True, check=True).stdout
    assert table.startswith("| what | phase | seconds |") and "| phase events | events |" in table
