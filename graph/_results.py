"""Query results read in full where they were evaluated, so they can be handed to any thread.

A pyoxigraph result is lazy: the query runs as it is iterated, on whatever thread iterates. Queries are
evaluated on the offline thread (see ``_offline``), so the results are read there, in full, into these.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
>>> found = materialize(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"))
>>> [v.value for v in found.variables], [row["o"].value for row in found]
(['s', 'o'], ['x'])
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

import pyoxigraph as ox

__all__ = [
    "Solutions",
    "Triples",
    "is_boolean",
    "is_solutions",
    "is_triples",
    "materialize",
    "serialize",
    "truth",
]


class Solutions:
    """The rows of a SELECT: ``variables`` (pyoxigraph ``Variable``s) and ``QuerySolution`` rows."""

    def __init__(self, variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> None:
        self.variables = variables
        self.rows = rows

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class Triples(list[ox.Triple]):
    """The triples of a CONSTRUCT or DESCRIBE."""


def truth(term: Any) -> bool:
    """Whether a result cell holds true: ``true`` or, from Virtuoso (which has no boolean type), ``1``.

    >>> truth(ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))), truth(None)
    (True, False)
    """
    return term is not None and term.value in ("true", "1")


def is_solutions(result: Any) -> bool:
    return isinstance(result, (Solutions, ox.QuerySolutions))


def is_triples(result: Any) -> bool:
    return isinstance(result, (Triples, ox.QueryTriples))


def is_boolean(result: Any) -> bool:
    return isinstance(result, (bool, ox.QueryBoolean))


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def serialize(result: Any, format: Any, output: Any = None) -> bytes:
    """A result in a pyoxigraph format (``QueryResultsFormat`` for rows and booleans, ``RdfFormat`` for triples);
    with ``output`` (a binary file-like), written there as it is made instead (and ``b""`` returned).

    >>> serialize(True, ox.QueryResultsFormat.JSON)
    b'{"head":{},"boolean":true}'
    """
    if output is not None:
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples)):
            result.serialize(output, format=format)
        elif isinstance(result, Triples):
            ox.serialize(result, output, format=format)
        else:
            output.write(serialize(result, format))
        return b""
    if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples)):
        return result.serialize(format=format) or b""
    if isinstance(result, Triples):
        return ox.serialize(result, format=format) or b""
    import json

    if isinstance(result, bool):
        document: dict[str, Any] = {"head": {}, "boolean": result}
    else:
        names = [v.value for v in result.variables]
        document = {
            "head": {"vars": names},
            "results": {
                "bindings": [
                    {name: _term_json(row[name]) for name in names if row[name] is not None} for row in result
                ]
            },
        }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if format == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=format) or b""


def materialize(result: Any, *, offset: int = 0, limit: int | None = None) -> Any:
    """Read a pyoxigraph result in full: ``Solutions``, ``Triples`` or a ``bool`` (ASK). ``offset`` and ``limit``
    keep a window of the solutions only: the rows after it are never evaluated."""
    if isinstance(result, ox.QuerySolutions):
        if offset or limit is not None:
            end = None if limit is None else offset + limit
            return Solutions(list(result.variables), list(islice(result, offset, end)))
        return Solutions(list(result.variables), list(result))
    if isinstance(result, ox.QueryTriples):
        return Triples(result)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return result
