from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgraph import KnowledgeGraph
from newsgraph.loaders import Extractor

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"

needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason="../shared/seeds is absent (the seed articles live beside the repository, not in it)",
)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def example_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("examples") / "store")
    report = kg.ingest([EXAMPLES])
    assert not report.failed, report.failed
    return kg


@pytest.fixture(scope="session")
def seed_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("seeds") / "store")
    report = kg.ingest([SEEDS])
    assert not report.failed, report.failed
    return kg


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
