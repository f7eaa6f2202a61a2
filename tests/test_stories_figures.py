"""The figures issue 26 was done against: on ../shared/dev2 (seven stories told by four outlets each, with story
files that list every quantity two figures count and its relation), ``analyze disagreements`` scored by the
reference scorer ``../shared/tools/score_stories.py``. Skipped when ../shared is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph._kg import KnowledgeGraph

from .conftest import DEV2, SHARED

SCORER = SHARED / "tools" / "score_stories.py"

needs_stories = pytest.mark.skipif(
    not (DEV2 / "stories").is_dir() or not SCORER.is_file(),
    reason="../shared/dev2 (the stories and their story files) or its scorer is not here: the figures of "
    "disagreements cannot be measured",
)


@needs_stories
def test_disagreements_on_dev2_hold_their_figures(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        report = kg.ingest([DEV2 / "articles"])
        assert not report.failed, report.failed
        groups = kg.disagreements()
    found = tmp_path / "disagreements.json"
    found.write_text(json.dumps(groups, ensure_ascii=False, default=str), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(found), str(DEV2 / "stories"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out)
    assert figures["pair_precision"] >= 0.90, figures
    assert figures["conflict_recall"] >= 0.80, figures
    assert figures["updates_shown_as_conflict"] == 0, figures
    assert all(g["relation"] in {"conflict", "update"} for g in groups)
