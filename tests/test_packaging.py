"""A wheel built from the repository, installed (not editable) in a clean venv, finds its .rq and .ttl files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_finds_package_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], check=True
    )
    (wheel,) = dist.glob("newsgraph-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # dependencies come from the test environment's site-packages (read-only path entry, no .pth processing)
    site = next(p for p in sys.path if p.endswith("site-packages"))
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    env = {"PYTHONPATH": "", "PATH": "/usr/bin:/bin"}
    code = (
        f"import sys; sys.path.append({site!r}); import newsgraph, newsgraph.queries as q, newsgraph.ontology as o;"
        "assert 'site-packages' in newsgraph.__file__ and '.venv' not in newsgraph.__file__, newsgraph.__file__;"
        "print(len(q.list_queries()), o.ontology_path('shapes.ttl').is_file(), o.ontology_path('actors.ttl').is_file())"
    )
    out = subprocess.run([str(py), "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    count, shapes, actors = out.stdout.split()
    assert int(count) >= 9 and shapes == "True" and actors == "True"
