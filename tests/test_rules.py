"""The rule registry: every rule named, in order, documented, switchable, and the code and the registry in step."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from newsgraph.loaders import Article, Extractor
from newsgraph.loaders._rules_doc import markdown
from newsgraph.loaders.rules import Registry, Rules, RulesError, parse

ROOT = Path(__file__).resolve().parent.parent
LOADERS = ROOT / "loaders"


def _asked_in_code() -> set[str]:
    """Every rule name the code asks about: ``….on("name")``, a registered pass, and the lexicon's ``rule`` keys."""
    names: set[str] = set()
    for path in LOADERS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", None)) in {"on", "_rule"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.add(node.args[0].value)
            # the passes of the happenings phase, by rule name
            if isinstance(node, ast.Dict) and any(
                isinstance(k, ast.Constant) and k.value == "known_happenings" for k in node.keys
            ):
                names.update(k.value for k in node.keys if isinstance(k, ast.Constant))
    lexicon = tomllib.loads((ROOT / "ontology" / "lexicon.toml").read_text(encoding="utf-8"))
    names.update(e["rule"] for kind in ("verb", "noun") for e in lexicon.get(kind, []) if "rule" in e)
    return names


def test_every_rule_the_code_asks_about_is_registered_and_every_registered_rule_is_asked_about() -> None:
    registered = set(Registry.load().names())
    asked = _asked_in_code()
    assert sorted(asked - registered) == [], "asked in the code, missing from ontology/rules.toml"
    assert sorted(registered - asked) == [], "registered, but no code asks about it"


def test_every_rules_tests_exist() -> None:
    defined: dict[str, set[str]] = {}
    for rule in Registry.load():
        for test in rule.tests:
            file, name = test.split("::")
            if file not in defined:
                text = (ROOT / file).read_text(encoding="utf-8")
                defined[file] = set(re.findall(r"^def (test_\w+)", text, re.M))
            assert name in defined[file], f"{rule.name}: no {test}"


def test_the_rules_document_is_generated_from_the_registry() -> None:
    """docs/extraction.md is `newsgraph rules --format markdown`: regenerate it when the registry changes."""
    assert (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8") == markdown(), (
        "docs/extraction.md is out of date: newsgraph rules --format markdown > docs/extraction.md"
    )


def test_newsgraph_rules_lists_every_rule_in_order() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsgraph", "rules", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = [line.split(",", 1)[0] for line in out.splitlines()[1:]]
    assert listed == list(Registry.load().names())


def test_a_registry_with_a_mistake_is_named() -> None:
    good = {"phase": [{"name": "p", "title": "P"}], "rule": []}
    rule = {
        "name": "r",
        "phase": "p",
        "phenomenon": "x",
        "rule": "y",
        "example": "z",
        "tests": ["t.py::test_a"],
    }
    assert parse({**good, "rule": [rule]}).names() == ("r",)
    for bad, message in [
        ({**rule, "phase": "q"}, "not declared"),
        ({**rule, "tests": []}, "at least one test"),
        ({**rule, "name": "Bad Name"}, "lower case"),
        ({**rule, "extra": 1}, "unknown key"),
    ]:
        with pytest.raises(RulesError, match=message):
            parse({**good, "rule": [bad]})
    with pytest.raises(RulesError, match="twice"):
        parse({**good, "rule": [rule, rule]})


def test_a_rule_named_to_switch_off_must_exist_and_a_phase_switches_off_its_rules() -> None:
    registry = Registry.load()
    with pytest.raises(RulesError, match="no rule is named 'no_such_rule'"):
        Rules.load(without=["no_such_rule"])
    off = Rules.load(without=["happenings"]).off
    assert off == {r.name for r in registry.phase("happenings").rules}


def test_a_rule_switched_off_no_longer_applies(extractor: Extractor) -> None:
    """Our sentence printed twice (a standfirst repeated by the story) is told at its last telling; with the rule off,
    the nearby restatement keeps the first."""
    text = (
        "Talks in Oslo\n\n"
        "The foreign ministers of Norway and Chile met in Oslo on Monday to discuss fishing rights.\n\n"
        "The foreign ministers of Norway and Chile met in Oslo on Monday to discuss fishing rights."
    )
    article = Article(text=text, source="twice.txt")
    on = [e for e in extractor.extract(article).events if e.type == "meeting"]
    off = [e for e in Extractor(without=("told_twice",)).extract(article).events if e.type == "meeting"]
    assert len(on) == len(off) == 1 and on[0].start > off[0].start


def test_a_lexicon_entry_of_a_rule_applies_only_while_the_rule_is_on(extractor: Extractor) -> None:
    text = "Tour\n\nPresident Maria Gonzalez will go on to Chile on Wednesday."
    article = Article(text=text, source="visit.txt")
    assert any(e.fine_type == "visit" for e in extractor.extract(article).events)
    assert not any(e.fine_type == "visit" for e in Extractor(without=("visits",)).extract(article).events)
