"""``newsgraph query``, ``render`` and ``export``: the store's data as rows, the page and RDF or network files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from newsgraph._cli._common import (
    StoreOpt,
    _check,
    _command,
    _count,
    _fail,
    _open,
    _table,
    err,
    out,
)
from newsgraph._output import FORMATS, clean, write_atomic, write_rows

if TYPE_CHECKING:
    pass


# ---------------------------------------------------------------------------------------------- query
QUERY_FORMATS = (*FORMATS, "sparql-json")


@_command()
def query(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME|FILE|-", help="A named query, a .rq file, or - for SPARQL on stdin."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", metavar="NAME=VALUE", help="A parameter, bound as a value."),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="table, csv, tsv, json (rows) or sparql-json (the protocol's)."),
    ] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
) -> None:
    """Run a named SPARQL query (or a file, or SPARQL text) against the store."""
    from newsgraph.queries import list_queries, parse_query

    if list_:
        import textwrap

        for named in list_queries():
            shown = f" [{', '.join(named.params)}]" if named.params else ""
            out.print(Text(f"{named.name}{shown}", style="bold"))
            out.print(textwrap.indent(textwrap.fill(named.description, 100), "    "))
        return
    if name is None:
        raise typer.BadParameter("give a query name, a .rq file or -", param_hint="NAME")
    _check(format, QUERY_FORMATS)
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        params[key] = value
    if name == "-":
        text = sys.stdin.read()
    elif name.endswith(".rq") or Path(name).is_file():
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot read {name}: {exc.strerror}") from None
    else:
        text = name
    if text is not name:
        parse_query("<file>", text)
    kg = _open(store)
    from newsgraph.errors import ParameterError

    try:
        result = kg.query_raw(text, **params)
    except ParameterError as exc:  # the library says kg.query(..., actor=...); here it is --param
        said = [f"needs {' '.join(f'--param {p}=VALUE' for p in exc.missing)}"] if exc.missing else []
        said += [f"has no parameter {', '.join(exc.unknown)}"] if exc.unknown else []
        raise _fail(f"query {exc.query!r} {' and '.join(said)} (newsgraph query --list shows them)") from None
    from newsgraph.graph._results import is_boolean, is_solutions, serialize

    if format == "sparql-json":
        import pyoxigraph as ox

        kind = (
            ox.RdfFormat.TURTLE
            if not (is_solutions(result) or is_boolean(result))
            else ox.QueryResultsFormat.JSON
        )
        sys.stdout.buffer.write(serialize(result, kind))
        sys.stdout.write("\n")
        return
    columns, rows, iris = _rows(result)
    if format == "table":
        # IRIs are for machines: a table shows the labels beside them
        visible = [c for c in columns if c not in iris] or columns
        _table(rows, visible)
        return
    write_rows(rows, columns, format, sys.stdout)


def _rows(result: Any) -> tuple[list[str], list[dict[str, Any]], set[str]]:
    """Columns, rows of plain values, and the columns that hold only IRIs."""
    import pyoxigraph as ox

    from newsgraph._kg import python_value
    from newsgraph.graph._results import is_boolean, is_triples

    if is_boolean(result):
        return ["result"], [{"result": bool(result)}], set()
    if is_triples(result):
        triples = [
            {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
            for t in result
        ]
        return ["subject", "predicate", "object"], triples, set()
    columns = [v.value for v in result.variables]
    rows: list[dict[str, Any]] = []
    kinds: dict[str, set[bool]] = {c: set() for c in columns}
    for solution in result:
        row = {}
        for column, term in zip(columns, solution, strict=True):
            row[column] = python_value(term)
            if term is not None:
                kinds[column].add(isinstance(term, ox.NamedNode))
        rows.append(row)
    return columns, rows, {c for c, k in kinds.items() if k == {True}}


# ---------------------------------------------------------------------------------------------- render, export
@_command()
def render(
    out_path: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="Where to write the page.")
    ] = Path("graph.html"),
    focus: Annotated[
        str | None, typer.Option(metavar="ACTOR", help="Only the neighbourhood of this actor (label or IRI).")
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help="Actor-to-actor hops around --focus.")] = 1,
    view: Annotated[str, typer.Option(help="The view shown first: events or actors.")] = "events",
    title: Annotated[str, typer.Option(help="The page title.")] = "newsgraph",
    seed: Annotated[int, typer.Option(help="Seed of the layout (same seed, same picture).")] = 7,
    top: Annotated[
        int,
        typer.Option(
            min=0,
            help="Past this many actors, draw these of highest PageRank and their events; the page's search "
            "brings in the others (0: draw every actor).",
        ),
    ] = 150,
    store: StoreOpt = None,
) -> None:
    """Write the offline interactive graph page."""
    if view not in {"events", "actors"}:
        raise typer.BadParameter("use events or actors", param_hint="--view")
    from newsgraph.graph.render import page_data, render_html

    kg = _open(store)
    data = page_data(kg.store, focus_on=focus, depth=depth, seed=seed, view=view, top=top or None)  # type: ignore[arg-type]
    path = write_atomic(out_path, render_html(data, title=title).encode("utf-8"))
    shown = data["views"][view]
    said = f"wrote {path} ({view} view: {_count(shown['nodes'], 'node')}, {_count(shown['edges'], 'edge')})"
    if "central" in data:
        said += (
            f"; the {data['central']['drawn']:,} most central of {data['central']['actors']:,} actors drawn, "
            "the others found by the page's search"
        )
    err.print(Text(clean(said)))


EXPORT_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld", "graphml", "gexf")


@_command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(EXPORT_FORMATS) + ".")] = "trig",
    output: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="File (default: stdout).")
    ] = None,
    view: Annotated[str, typer.Option(help="For graphml and gexf: events or actors.")] = "events",
    store: StoreOpt = None,
) -> None:
    """Export the store as RDF (named graphs kept in trig and nquads) or a network view for Gephi."""
    if view not in {"events", "actors"}:
        raise typer.BadParameter("use events or actors", param_hint="--view")
    kg = _open(store)
    if format in ("graphml", "gexf"):
        from newsgraph.graph.exports import network_bytes

        graph = kg.to_networkx(view=view)  # type: ignore[arg-type]
        data = network_bytes(graph, format)
        what = f"{view} view: {_count(graph.number_of_nodes(), 'node')}, {_count(graph.number_of_edges(), 'edge')}"
    else:
        data = kg.export(format=format, view=view) or b""  # type: ignore[arg-type]
        what = format
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        path = write_atomic(output, data)
        err.print(Text(clean(f"wrote {path} ({what}, {_count(len(data), 'byte')})")))
