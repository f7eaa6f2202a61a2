"""Scraped text that kept its HTML paragraph markup: a page saved as one line of ``<p>…</p>.<p>…</p>`` is read as
the paragraphs it marks (rule ``paragraph_markup``); every other line is left as it is."""

from __future__ import annotations

import re

__all__ = ["paragraph_markup", "read_markup"]

_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|h[1-6]|blockquote)\b[^>]*>", re.I)


def read_markup(text: str, off: frozenset[str]) -> str:
    """``text`` read by :func:`paragraph_markup` unless the reading rules ``off`` name ``paragraph_markup``."""

    def on(rule: str) -> bool:
        return rule not in off

    return paragraph_markup(text) if on("paragraph_markup") else text


def paragraph_markup(text: str) -> str:
    """``text`` with each line that carries paragraph markup replaced by the paragraphs it marks, a blank line
    between them, and the markup gone.

    >>> paragraph_markup("Title: Talks\\n<p>The talks <b>ended</b>.</p>.<p>Both sides left.</p>")
    'Title: Talks\\nThe talks ended.\\n\\nBoth sides left.'
    >>> paragraph_markup("A line with 3 < 4 and no markup.")
    'A line with 3 < 4 and no markup.'
    """
    if not _BLOCK_TAG.search(text):
        return text
    return "\n".join(_paragraphs(line) if _BLOCK_TAG.search(line) else line for line in text.split("\n"))


def _paragraphs(line: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fragment_fromstring(
            _BLOCK_TAG.sub(lambda m: f"{m.group(0)}\n", line), create_parent="div"
        )
    except Exception:  # lxml raises several types on hostile markup: the line stays as it was
        return line
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//h4|//h5|//h6|//blockquote")
    texts = [" ".join(b.text_content().split()) for b in blocks] if blocks else [tree.text_content()]
    return "\n\n".join(t for t in (" ".join(x.split()) for x in texts) if t)
