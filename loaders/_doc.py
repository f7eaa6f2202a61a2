"""What the rules ask of a parsed ``Doc`` again and again, worked out once per ``Doc``.

spaCy rebuilds ``Doc.sents``, ``Doc.text`` (joining every token) and ``Doc.ents`` (walking every token) on each
call, and ``Span.ents`` calls ``Doc.ents``. The rules asked for them dozens of times per article: the sentences cost
a fifth of the rules' time on the benchmark corpus, text and entities (about 25 calls) a quarter of what was left.
``settle`` fixes the sentences and records the text before the rules run; the entities are kept in ``doc.user_data``
when first asked for. The rules never change a ``Doc``'s sentences, text or entities.

>>> import spacy
>>> from spacy.tokens import Span
>>> doc = spacy.blank("en")("Kim met Putin in Moscow.")
>>> doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 3, "PERSON"), Span(doc, 4, 5, "GPE")]
>>> [e.text for e in ents_in(doc[2:6])], ent_at(doc[4]).label_, ent_at(doc[1]), text(doc) == doc.text
(['Putin', 'Moscow'], 'GPE', None, True)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.tokens import Doc, Span, Token

__all__ = ["ent_at", "ents", "ents_in", "forget_ents", "settle", "text"]

_TEXT = "newsgraph.text"
_ENTS = "newsgraph.ents"


def settle(doc: Doc, source: str) -> list[Span]:
    """Find ``doc``'s sentences once (a ``user_hooks`` entry makes ``doc.sents`` and ``span.sent`` reuse them) and
    record ``source``, the string it was parsed from, which spaCy keeps verbatim; returns the sentences."""
    found = list(doc.sents)
    doc.user_hooks["sents"] = lambda _doc: iter(found)
    doc.user_data[_TEXT] = source
    return found


def text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return str(found)


def _ents(doc: Doc) -> tuple[tuple[Span, ...], list[int], list[int]]:
    found: Any = doc.user_data.get(_ENTS)
    if found is None:
        spans = tuple(doc.ents)
        found = doc.user_data[_ENTS] = (spans, [e.start for e in spans], [e.end for e in spans])
    return found


def forget_ents(doc: Doc) -> None:
    """Drop the recorded entities after ``doc.ents`` was set (once, by ``names.refine``, before the rules)."""
    doc.user_data.pop(_ENTS, None)


def ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, found once."""
    return _ents(doc)[0]


def ents_in(span: Span) -> list[Span]:
    """The entities wholly inside ``span``, as ``span.ents`` gives them."""
    spans, starts, _ = _ents(span.doc)
    first = bisect_left(starts, span.start)
    return [e for e in spans[first : bisect_left(starts, span.end, lo=first)] if e.end <= span.end]


def ent_at(token: Token) -> Span | None:
    """The entity that holds ``token``, if any."""
    spans, starts, ends = _ents(token.doc)
    k = bisect_right(starts, token.i) - 1
    return spans[k] if k >= 0 and ends[k] > token.i else None
