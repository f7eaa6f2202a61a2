"""The ``Article`` record that every reader produces.

>>> from datetime import date
>>> a = Article(text="Headline\\n\\nBody sentence.", title="Headline", source="x.txt", published=date(2024, 10, 29))
>>> a.content_hash[:12]
'453ca28254c9'
>>> a.iri.startswith("https://w3id.org/newsgraph/id/article/")
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from newsgraph.loaders.dates import PartialDate
from newsgraph.ontology.namespace import DATA

__all__ = ["Article"]


@dataclass(frozen=True)
class Article:
    """One news article after reading and boilerplate removal.

    ``text`` is the cleaned article: the headline as its first paragraph, then the body, paragraphs separated by a
    blank line. Every character offset newsgraph stores counts code points into this string.

    ``source`` says where it was read, for messages (``feed.xml#3``, ``dump.jsonl:12``); ``origin`` is the input
    it came from (the file), which the store records; ``ident`` is a record's own identifier (a feed entry's
    guid, a JSONL ``id``).
    """

    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    dropped: tuple[str, ...] = field(default=(), compare=False, repr=False)
    origin: str | None = None
    ident: str | None = None
    #: how much of ``published`` the page gave: ``"day"``, or ``"month"`` or ``"year"`` for a date of year and
    #: month or of a year only ("Date: 2022-11"), when ``published`` is the first day of that month or year
    published_granularity: str = "day"

    @property
    def published_text(self) -> str | None:
        """The publication date at its own granularity: ``2024-10-29``, ``2022-11`` for a month, ``2022`` for a
        year."""
        if self.published is None:
            return None
        text = self.published.isoformat()
        return {"month": text[:7], "year": text[:4]}.get(self.published_granularity, text)

    @property
    def anchor(self) -> date | None:
        """The day that dates without a year are read against: the publication date, or, when only its month or
        year is known, a :class:`~newsgraph.loaders.dates.PartialDate` on the last day of it ("November 18" in an
        article of 2022-11 is 2022-11-18; "on Tuesday" there is no day anyone can tell).

        >>> Article(text="x", source="t", published=date(2022, 11, 1), published_granularity="month").anchor
        PartialDate('2022-11')
        """
        if self.published is None or self.published_granularity not in {"month", "year"}:
            return self.published
        month = self.published.month if self.published_granularity == "month" else None
        return PartialDate(self.published.year, month)

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned text: two articles with the same text are the same article."""
        # surrogatepass: an article with a lone surrogate still has an identity; extraction then refuses it by name.
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def keyed_by_content(self) -> bool:
        """Whether the article is known only by its text (no URL, no identifier of its own)."""
        return not self.url and not self.ident

    @cached_property
    def key(self) -> str:
        """The article's identity: its URL when it has one (so a corrected article replaces the old), else its
        record identifier within its input, else its text. Never its position in a file: adding a record at the
        top of a JSONL file or a feed changes no other record's identity."""
        if self.url:
            basis = "url:" + self.url
        elif self.ident:
            basis = f"id:{self.origin or ''}#{self.ident}"
        else:
            basis = "sha256:" + self.content_hash
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:24]

    @property
    def iri(self) -> str:
        """IRI of the article, also the name of its graph in the store."""
        return str(DATA[f"article/{self.key}"])
