"""The shape of the extraction code: knowledge is data, modules stay small, and no rule keeps state between calls.

These read the source of ``loaders/`` (not the behaviour, which the other tests check): a module over 600 lines, a
word list written in Python, a ``global`` or a module-level set or dict changed after import would each make the rules
harder to change, measure or run side by side (two extractors with different lexicons on two threads).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

LOADERS = Path(__file__).resolve().parent.parent / "loaders"
MODULES = sorted(LOADERS.glob("*.py"))
#: a word of the language: lower-case letters (a phrase may have spaces, hyphens and apostrophes)
_WORD = re.compile(r"^[a-z][a-z'’ -]*$")
#: a label of the parser's scheme: "NOUN", "ORG", "WORK_OF_ART"
_LABEL = re.compile(r"^[A-Z][A-Z_]+$")
_MUTATORS = {"add", "update", "clear", "discard", "remove", "pop", "append", "extend", "setdefault", "insert"}


def _assigned_name(tree: ast.Module, node: ast.AST) -> str | None:
    for top in tree.body:
        if isinstance(top, ast.Assign | ast.AnnAssign) and any(n is node for n in ast.walk(top)):
            target = top.targets[0] if isinstance(top, ast.Assign) else top.target
            return target.id if isinstance(target, ast.Name) else None
    return None


def _word_lists(path: Path) -> list[str]:
    """Collection literals of more than three strings that are all words of the language (at least one of three
    letters or more: two-letter codes such as language codes are not words) or all parser labels. The keys a data
    file's format allows (a name ending in ``_KEYS``) and ``__all__`` are the program's own names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            elements: list[ast.expr] = list(node.elts)
        elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
            elements = [k for k in node.keys if k is not None]
        else:
            continue
        strings = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) <= 3 or len(strings) != len(elements):
            continue
        words = all(_WORD.match(s) for s in strings) and any(len(s) >= 3 for s in strings)
        labels = all(_LABEL.match(s) for s in strings)
        name = _assigned_name(tree, node) or ""
        if (words or labels) and name != "__all__" and not name.endswith("_KEYS"):
            found.append(f"{path.name}:{node.lineno}: {strings[:5]}")
    return found


def test_no_module_of_the_loaders_is_over_600_lines() -> None:
    long = {p.name: n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


def test_no_word_list_of_more_than_three_words_is_written_in_python() -> None:
    """Word lists live in ontology/ (words.toml, names.toml, lexicon.toml, page.toml, parser.toml)."""
    assert [hit for p in MODULES for hit in _word_lists(p)] == []


def test_the_word_list_check_finds_a_word_list(tmp_path: Path) -> None:
    """The check itself: a set of words and a set of labels are found, identifiers and codes are not."""
    sample = tmp_path / "word_list_sample.py"
    sample.write_text(
        '__all__ = ["a", "b", "c", "d"]\n'
        'MODAL = {"will", "would", "could", "might"}\n'
        'LABELS = {"ORG", "GPE", "LOC", "FAC"}\n'
        'CODES = ("en", "de", "fr", "es")\n'
        'FIELDS = ("actor_f1", "noise", "event_f1", "short_names")\n'
        '_KEYS_OF = 1\nFORMAT_KEYS = {"lemmas", "type", "subject", "object"}\n',
        encoding="utf-8",
    )
    hits = _word_lists(sample)
    assert [h.split(":")[1] for h in hits] == ["2", "3"]


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_module_state_changes_after_import(path: Path) -> None:
    """No ``global`` statement, and no set, dict or list bound at module level is changed by any code of the module
    (the extractor's context is passed down instead)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not [
        n for n in ast.walk(tree) if isinstance(n, ast.Global | ast.Nonlocal) and isinstance(n, ast.Global)
    ]
    module_names = {
        t.id
        for top in tree.body
        if isinstance(top, ast.Assign | ast.AnnAssign)
        for t in (top.targets if isinstance(top, ast.Assign) else [top.target])
        if isinstance(t, ast.Name)
    }
    changed = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _MUTATORS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in module_names
        ):
            changed.append(f"{node.func.value.id}.{node.func.attr} (line {node.lineno})")
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in module_names
                ):
                    changed.append(f"{target.value.id}[...] = (line {node.lineno})")
    assert changed == []
