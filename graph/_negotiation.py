"""Content negotiation of the SPARQL protocol's answers: the result formats, ``Accept`` read as RFC 9110 says, and
the sink a worker writes a result into under a size limit (``graph/server.py``).

>>> negotiate("text/csv", list(RESULT_TYPES))
'text/csv'
"""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "SHORT_FORMATS", "Sink", "negotiate"]

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/n3": ox.RdfFormat.TURTLE,  # Turtle is N3 without its extensions
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
SHORT_FORMATS = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/n3",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    found = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        found.append((media, q, position))
    return found


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (the first offered when it is absent); None: 406.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", ["application/sparql-results+xml", "text/csv",
    ...     "application/sparql-results+json"])
    'application/sparql-results+json'
    >>> negotiate("text/*", ["application/n-triples", "text/turtle"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, media in enumerate(offered):
        kind = media.split("/")[0]
        score: tuple[float, int] | None = None
        for pattern, q, _ in ranges:
            if pattern == media:
                specificity = 3
            elif pattern == f"{kind}/*":
                specificity = 2
            elif pattern == "*/*":
                specificity = 1
            else:
                continue
            if score is None or specificity > score[1]:
                score = (q, specificity)
        if score is None or score[0] <= 0:
            continue
        key = (score[0], score[1], -order)
        if best is None or key > best:
            best, chosen = key, media
    return chosen


class Sink:
    """Where a result is written in a worker: it stops the writing (and so the evaluation) past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.over = False

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit and self.size > self.limit:
            self.over = True
            raise OSError("result over the limit")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)
