"""Lines of a page in a parsed text: where a token's line starts and ends, and whether a wire dateline goes on at a
token ("OSLO, Norway (Reuters) -"). ``loaders/names.py`` reads datelines with them.

>>> from newsgraph.loaders.nlp import load_model
>>> doc = load_model()("OSLO (Reuters) - Talks resumed.")
>>> wire_dateline(doc, 1)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["line_bounds", "wire_dateline"]


def line_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The tokens of the line holding token ``i`` (lines end at a space token holding a line break)."""
    start = i
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
    end = i
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    return start, end


def wire_dateline(doc: Doc, j: int) -> bool:
    """Does a wire dateline go on at token ``j``, after a place in capitals: an optional ", Region" and the agency in
    brackets, then a dash ("OSLO, Norway (Reuters) -", "OSLO (AP) —")?"""
    if doc[j].text == ",":
        j += 1
        while j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper():
            j += 1
    if j >= len(doc) or doc[j].text != "(":
        return False
    close = next((k for k in range(j + 1, min(j + 6, len(doc))) if doc[k].text == ")"), None)
    return close is not None and close + 1 < len(doc) and doc[close + 1].text[:1] in {"-", "—", "–"}
