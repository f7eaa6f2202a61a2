"""The documents name tests as evidence: each name must be a test that exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tests() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        names |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return names


def test_every_test_named_in_the_docs_exists() -> None:
    known = _tests()
    for doc in ("docs/security.md", "docs/extraction.md", "README.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        named = set(re.findall(r"\btest_\w+\b(?!\.py)", text))
        assert sorted(named - known) == [], doc
