"""Numbers as news writes them: digits and number words, scales, vague amounts, parts of one unit, and the words
that qualify a figure (one module for them, over the word classes of ``ontology/words.toml``).

>>> from newsgraph.loaders.words import Words
>>> words = Words.load()
>>> parse_number(words, "11,000"), parse_number(words, "six"), parse_number(words, "2.5 million")
(11000.0, 6.0, 2500000.0)
>>> qualifier(words, "killed at least"), qualifier(words, "said")
('at least', None)
"""

from __future__ import annotations

import re

from newsgraph.loaders.words import Words

__all__ = ["money_scales", "parse_number", "qualifier"]

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def parse_number(words: Words, text: str) -> float | None:
    """A number from digits or words ('11,000', 'six', 'two thousand', '2.5 million'); None if it is not one."""
    parts = text.lower().replace("-", " ").split()
    if not parts:
        return None
    number_words = words.table("number_words")
    scales = words.table("scales")
    total = 0.0
    current = 0.0
    seen = False
    for word in parts:
        clean = word.replace(",", "")
        if _DIGITS.fullmatch(clean):
            current += float(clean)
            seen = True
        elif word in number_words and (word not in {"a", "an"} or len(parts) > 1):
            current += number_words[word]
            seen = True
        elif word in scales and seen:
            current = (current or 1) * scales[word]
            if scales[word] >= 1000:
                total += current
                current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current if seen else None


def qualifier(words: Words, prefix: str) -> str | None:
    """The qualifier a figure's preceding words end in ("about", "at least"), the longest first."""
    prefix = prefix.lower().strip()
    for word in sorted(words.ordered("qualifiers"), key=len, reverse=True):
        if prefix.endswith(word):
            return word
    return None


def money_scales(words: Words) -> dict[str, float]:
    """The scale words of an amount of money: those of a thousand or more, and their short forms ("bn", "m")."""
    scales = {w: float(v) for w, v in words.table("scales").items() if v >= 1000}
    scales.update((w, float(v)) for w, v in words.table("scale_abbreviations").items())
    return scales
