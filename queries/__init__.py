"""Named SPARQL queries: the ``.rq`` files of this package, loaded by name.

Each file starts with a comment header: the first line says what it answers, then ``# columns:`` and one
``# param: NAME - what it is`` line per parameter. Parameters are bound as values, never pasted into the query:
a parameter ``NAME`` is the variable ``?NAME_param`` (the value as given), or ``?NAME_key`` (its lookup key, matched
against ``ng:lookupKey``: see ``bind_params``). That variable appears in the ``SELECT`` and is used only in the
top-level group or in a ``GRAPH`` block directly inside it (not inside ``OPTIONAL``, ``UNION``, ``MINUS``, a nested
group or a subquery). The embedded store substitutes it; a SPARQL server receives a ``VALUES`` row at the start of
the top-level group, which joins with the rest of that group and so binds it the same way.

What keeps a query fast on a million quads, as measured with pyoxigraph (``make bench``):

- find a parameter through an index: ``?actor ng:lookupKey ?actor_key`` is one probe, where comparing
  ``LCASE(?name)`` with the value reads every label;
- keep each ``OPTIONAL`` to one triple pattern: that is looked up per row, while a longer one (or a property path)
  is evaluated over the whole store first. Chain them with ``BIND(COALESCE(?x, "") AS ?y)``, since a literal is
  never a subject;
- look up ontology labels (``skos:notation``) in an ``OPTIONAL``: two plain patterns outside ``GRAPH`` that share
  no variable are joined as a cross product;
- aggregate each figure in its own subquery and join the few result rows: every output term is read back from
  the store, so rows that exist only to be counted cost as much as rows returned.

>>> "actors" in [q.name for q in list_queries()]
True
>>> load_query("actor-events").params
('actor',)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from newsgraph.errors import UnknownQueryError

__all__ = [
    "NamedQuery",
    "bind_params",
    "bind_value",
    "bound_names",
    "count_text",
    "list_queries",
    "load_query",
    "lookup_key",
    "parse_query",
]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    columns: tuple[str, ...]
    params: tuple[str, ...]
    param_help: tuple[str, ...]
    #: ``# rows: per article`` in the header: each row is one article graph's (every pattern but the ontology's
    #: look-ups sits in ``GRAPH ?article``), so its rows can be counted and paged one article at a time
    per_article: bool = False


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header comments of a query."""
    description = ""
    columns: tuple[str, ...] = ()
    params: list[str] = []
    helps: list[str] = []
    per_article = False
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
        elif body.lower().startswith("rows:"):
            per_article = body.split(":", 1)[1].strip().lower() == "per article"
        elif body and not columns and not params:
            description = f"{description} {body}".strip()  # the whole header, not only its first line
    return NamedQuery(name, text, description, columns, tuple(params), tuple(helps), per_article)


def _files() -> dict[str, Path]:
    root = resources.files(__package__)
    return {Path(str(p)).stem: Path(str(p)) for p in root.iterdir() if str(p).endswith(".rq")}


def list_queries() -> list[NamedQuery]:
    """All packaged named queries, sorted by name."""
    return [parse_query(name, path.read_text(encoding="utf-8")) for name, path in sorted(_files().items())]


@cache  # a few dozen packaged files, read once
def load_query(name: str) -> NamedQuery:
    """A packaged query by name; an unknown name raises ``UnknownQueryError`` listing the known ones."""
    files = _files()
    if name not in files:
        import difflib

        known = ", ".join(sorted(files))
        close = difflib.get_close_matches(name, list(files), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownQueryError(f"no named query {name!r}{hint} known queries: {known}")
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


def lookup_key(name: str) -> str:
    """The form a name is looked up by (``ng:lookupKey``): case-folded, with runs of spaces made one.

    >>> lookup_key("  Kim   JONG un ")
    'kim jong un'
    """
    return " ".join(name.split()).casefold()


def bind_params(text: str, params: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The variables to bind for a query's parameters.

    A parameter ``NAME`` binds ``?NAME_param`` to its value (see ``bind_value``), unless the query uses
    ``?NAME_key``: then that is bound to the value's lookup key, an IRI as given or a name's ``lookup_key``, which
    the query matches against ``ng:lookupKey`` through the store's index.

    >>> bind_params("SELECT ?actor_key WHERE { ?a ng:lookupKey ?actor_key }", {"actor": "Kim Jong Un"})
    {'actor_key': <Literal value=kim jong un datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>}
    """
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, value in params.items():
        term = bind_value(value)
        if re.search(rf"[?$]{re.escape(name)}_key\b", text):
            bound[f"{name}_key"] = term if isinstance(term, ox.NamedNode) else ox.Literal(lookup_key(value))
        else:
            bound[f"{name}_param"] = term
    return bound


def bound_names(text: str, params: list[str] | tuple[str, ...]) -> list[str]:
    """The variables ``bind_params`` binds for these parameters of a query text (``NAME_key`` or ``NAME_param``).

    >>> bound_names(load_query("actor-events").text, ["actor"])
    ['actor_key']
    """
    return [f"{p}_key" if re.search(rf"[?$]{re.escape(p)}_key\b", text) else f"{p}_param" for p in params]


def count_text(named: NamedQuery) -> str | None:
    """A query counting the rows of a named SELECT query: its pattern as a subquery without its final ``ORDER BY``
    (counting needs no order, and reads no term back), its parameters projected so that they are bound the same
    way. None for a query of another form, or with a LIMIT or OFFSET of its own.

    >>> print(count_text(load_query("stats")).splitlines()[-1])
    }
    >>> "(COUNT(*) AS ?total)" in count_text(load_query("actor-events"))
    True
    """
    select = re.search(r"^SELECT\b", named.text, re.MULTILINE)
    if select is None or re.search(r"^(LIMIT|OFFSET)\b", named.text, re.MULTILINE):
        # a query with its own LIMIT gives a few rows, counted as they come; and as a subquery it would be cut
        # before a server's VALUES row binds its parameters
        return None
    prologue, body = named.text[: select.start()], named.text[select.start() :].rstrip().split("\n")
    if body[-1].startswith("ORDER BY"):  # with a LIMIT after it, the order decides which rows: kept
        body.pop()
    keys = " ".join(f"?{v}" for v in bound_names(named.text, named.params))
    group = f"\nGROUP BY {keys}" if keys else ""
    inner = "\n".join(body)
    return f"{prologue}SELECT {keys} (COUNT(*) AS ?total)\nWHERE {{\n{{\n{inner}\n}}\n}}{group}\n".replace(
        "SELECT  (", "SELECT ("
    )
