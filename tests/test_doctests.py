"""Run the docstring examples of every public module."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = [
    "newsgraph",
    "newsgraph._cli",
    "newsgraph.loaders",
    "newsgraph.graph",
    "newsgraph.ontology",
    "newsgraph.queries",
]
MODULES = sorted(
    {p for p in PACKAGES}
    | {
        m.name
        for p in PACKAGES
        for m in pkgutil.iter_modules(importlib.import_module(p).__path__, p + ".")
        if m.name not in {"newsgraph.__main__", "newsgraph.cli"} and not m.ispkg
    }
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
