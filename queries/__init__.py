"""Named SPARQL queries: the ``.rq`` files of this package, loaded by name.

Each file starts with a comment header: the first line says what it answers, then ``# columns:`` and one
``# param: NAME - what it is`` line per parameter. Parameters are bound as values, never pasted into the query:
a parameter ``NAME`` is the variable ``?NAME_param``, which appears in the ``SELECT`` and is used only in the
top-level group (not inside ``GRAPH``, ``OPTIONAL`` or a subquery). The embedded store substitutes it; a SPARQL
server receives a ``VALUES`` row at the start of that group, which binds it the same way only there.

>>> "actors" in [q.name for q in list_queries()]
True
>>> load_query("actor-events").params
('actor',)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from newsgraph.errors import UnknownQueryError

__all__ = ["NamedQuery", "bind_value", "list_queries", "load_query", "parse_query"]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    columns: tuple[str, ...]
    params: tuple[str, ...]
    param_help: tuple[str, ...]


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header comments of a query."""
    description = ""
    columns: tuple[str, ...] = ()
    params: list[str] = []
    helps: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.lower().startswith("columns:"):
            columns = tuple(body.split(":", 1)[1].split())
        elif body.lower().startswith("param:"):
            spec = body.split(":", 1)[1].strip()
            pname, _, help_text = spec.partition(" ")
            params.append(pname)
            helps.append(help_text.strip(" -–"))
        elif not description and body:
            description = body
    return NamedQuery(name, text, description, columns, tuple(params), tuple(helps))


def _files() -> dict[str, Path]:
    root = resources.files(__package__)
    return {Path(str(p)).stem: Path(str(p)) for p in root.iterdir() if str(p).endswith(".rq")}


def list_queries() -> list[NamedQuery]:
    """All packaged named queries, sorted by name."""
    return [parse_query(name, path.read_text(encoding="utf-8")) for name, path in sorted(_files().items())]


def load_query(name: str) -> NamedQuery:
    """A packaged query by name; an unknown name raises ``UnknownQueryError`` listing the known ones."""
    files = _files()
    if name not in files:
        known = ", ".join(sorted(files))
        raise UnknownQueryError(f"no named query {name!r}; known queries: {known}")
    return parse_query(name, files[name].read_text(encoding="utf-8"))


def bind_value(value: str) -> ox.NamedNode | ox.Literal:
    """A query parameter as an RDF term: an IRI when it looks like one, otherwise a plain string.

    >>> bind_value("Kim Jong Un").value
    'Kim Jong Un'
    >>> type(bind_value("https://w3id.org/newsgraph/id/actor/kim-jong-un")).__name__
    'NamedNode'
    """
    if value.startswith(("http://", "https://", "urn:")) and " " not in value:
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass
    return ox.Literal(value)
