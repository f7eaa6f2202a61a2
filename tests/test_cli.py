from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def test_ingest_query_render_with_clirunner(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", store])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["query", "--list"])
    assert "figures" in listed.stdout and "actor-events" in listed.stdout
    # one answer under one name: disagreements are analyze's (they need stories), not a named query's
    assert "disagreements" not in listed.stdout
    out = runner.invoke(
        app, ["query", "actor-events", "--param", "actor=Kim Jong Un", "--format", "json", "--store", store]
    )
    assert out.exit_code == 0
    rows = json.loads(out.stdout)
    assert rows and all(row["event"].startswith("https://") for row in rows)
    protocol = runner.invoke(
        app, ["query", "actor-events", "-p", "actor=Kim Jong Un", "--format", "sparql-json", "--store", store]
    )
    bindings = json.loads(protocol.stdout)["results"]["bindings"]
    assert len(bindings) == len(rows) and all(b["event"]["type"] == "uri" for b in bindings)
    csv = runner.invoke(app, ["query", "claims", "--format", "csv", "--store", store])
    assert csv.stdout.startswith("claim,subject,value")
    page = tmp_path / "g.html"
    assert runner.invoke(app, ["render", "--out", str(page), "--store", store]).exit_code == 0
    assert page.stat().st_size > 100_000
    info = runner.invoke(app, ["info", "--format", "json"])
    assert json.loads(info.stdout)["spacy_model"] == "en_core_web_sm"


def test_extract_json_shape() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES / "05_singapore_summit.txt"), "--format", "json"])
    (data,) = json.loads(result.stdout)  # a list, one object per article, for a text file as for a feed
    assert set(data) >= {"article", "actors", "events", "claims"}
    assert set(data["article"]) >= {"iri", "title", "url", "published", "source"}
    actor = data["actors"][0]
    assert set(actor) >= {"iri", "label", "type", "wikidata", "aliases", "role", "mentions"}
    assert set(actor["mentions"][0]) == {"text", "start", "end", "sentence"}
    event = data["events"][0]
    assert set(event) >= {"iri", "type", "label", "date", "place", "participants", "sentence", "start", "end"}


@pytest.mark.slow
def test_subprocess_errors_are_one_line_with_exit_codes(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "newsgraph"]
    missing = subprocess.run(
        [*exe, "query", "actors", "--store", str(tmp_path / "none")], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr and "no store" in missing.stderr
    unknown = subprocess.run(
        [*exe, "query", "nope", "--store", str(tmp_path / "none")], capture_output=True, text=True
    )
    assert unknown.returncode == 1
    usage = subprocess.run([*exe, "query", "actors", "--format", "xml"], capture_output=True, text=True)
    assert usage.returncode == 2
    ok = subprocess.run(
        [*exe, "ingest", str(EXAMPLES / "06_drone_strike.txt"), "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "1 added" in ok.stderr and ok.stdout == ""
