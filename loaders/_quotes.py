"""Quotation: where speech is quoted, the one place the rules learn it.

A quotation opens with a curly opening mark (or a straight one) and closes with the matching closing mark; a
quotation a page leaves open runs to its paragraph's end. The questions the rules ask of it: does a sentence quote
at all, is a word inside a quotation (text before it opens one and does not close it), which words were quoted
earlier in a sentence, is a sentence speech (it opens or closes a quotation, or one is open in its paragraph), and
the closed passages of a text.

>>> open_before("He said “we will")
True
>>> [m.group() for m in passages('“A.” he said. "B."')]
['“A.”', '"B."']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

__all__ = ["MARKS", "closed_before", "has_quote", "open_before", "passages", "quoted_before", "speech"]

#: every quotation mark: curly and straight double quotes, guillemets
MARKS = frozenset('“”"«»')
_OPENING = frozenset('“"')
_CLOSING = frozenset('”"')
#: a quotation closed at the end of the text before a word: a closing mark, or punctuation and a straight mark
_CLOSED = re.compile(r"""(?:”|[,.!?…]["'’])[^"“”]*$""")
_PASSAGE = re.compile(r"“[^“”]+”|\"[^\"]+\"")


def has_quote(span: Span) -> bool:
    """Whether a span has any quotation mark."""
    return any(ch in MARKS for ch in span.text)


def open_before(text: str) -> bool:
    """Whether the text before a word leaves a quotation open (the word is quoted)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def closed_before(text: str) -> bool:
    """Whether the text before a word ends a quotation ('…," Peskov told': the verb is outside it)."""
    return _CLOSED.search(text) is not None


def quoted_before(token: Token) -> set[int]:
    """The tokens of the quotations closed earlier in a token's sentence."""
    inside: set[int] = set()
    open_at: int | None = None
    for t in token.sent:
        if t.i >= token.i:
            break
        if t.text in {"“", '"'} and open_at is None:
            open_at = t.i
        elif t.text in {"”", '"'} and open_at is not None:
            inside.update(range(open_at, t.i))
            open_at = None
    return inside


def speech(text_before: str, sentence_text: str) -> bool:
    """Whether a sentence is speech: it opens or closes a quotation, or one opened before it in its paragraph
    (``text_before``) is still open."""
    stripped = sentence_text.strip()
    if stripped[:1] in _OPENING or stripped[-1:] in _CLOSING or stripped[-2:-1] in _CLOSING:
        return True
    return open_before(text_before)


def passages(text: str) -> Iterator[re.Match[str]]:
    """The closed quotations of a text, each a match of its marks and what they hold."""
    return _PASSAGE.finditer(text)
