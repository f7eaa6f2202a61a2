"""Peers named by a title and a surname ("Lord Reed", "Baroness Hale"): the title is part of the name (rule
``peers_by_their_title``), where a title before a person's name is otherwise left out of it.

>>> from newsgraph.loaders import Article, Extractor
>>> found = Extractor().extract(Article(text="Lord Halvorsen said the ruling was final.", source="t"))
>>> [(a.label, a.type) for a in found.actors]
[('Lord Halvorsen', 'Person')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.loaders.namewords import NameWords

__all__ = ["peers"]


def peers(doc: Doc, spans: list[Span], words: NameWords) -> list[Span]:
    """The spans with each peer's title and surname as one person's name: a one-word name after the title takes
    it in, a name of the title and one word is a person's whatever the model said, and a capitalised word after
    the title that the model left out is one."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for span in spans:
        before = doc[span.start - 1] if span.start > 0 else None
        if len(span) == 1 and before is not None and _title(words, before) and before.i not in covered:
            out.append(Span(doc, before.i, span.end, label="PERSON"))  # "Lord" + "Reed"
        elif len(span) == 2 and _title(words, span[0]) and _surname(span[1]):
            out.append(Span(doc, span.start, span.end, label="PERSON"))  # "Baroness Hale" taken for a body
        else:
            out.append(span)
    for token in doc[:-1]:
        after = doc[token.i + 1]
        alone = token.i + 2 >= len(doc) or not _surname(doc[token.i + 2])
        if _title(words, token) and _surname(after) and alone and not {token.i, after.i} & covered:
            out.append(Span(doc, token.i, token.i + 2, label="PERSON"))  # "Lord Reed added"
    return sorted(out, key=lambda s: s.start)


def _title(words: NameWords, token: Token) -> bool:
    return token.text[:1].isupper() and words.has("peerage_titles", token.lower_)


def _surname(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.pos_ == "PROPN"
