"""``newsgraph query``, ``render`` and ``export``: the store's data as rows, the page and RDF or network files."""

from __future__ import annotations

import json
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
#: the rows a table shows unless --limit or --all says otherwise: a screenful or two
PAGE = 50


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
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help=f"At most N rows. A table shows {PAGE} unless --all; csv, tsv, json: all rows.",
        ),
    ] = None,
    offset: Annotated[int, typer.Option(min=0, metavar="M", help="Skip the first M rows.")] = 0,
    all_: Annotated[bool, typer.Option("--all", help="Every row, a table's too.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
) -> None:
    """Run a named SPARQL query (or a file, or SPARQL text) against the store.

    A page of the rows: --limit N rows after --offset M. The total goes to stderr ("rows 51-100 of 41,302"), or
    into the JSON ({"total": ..., "offset": ..., "limit": ..., "rows": [...]}) when --limit or --offset is given
    with --format json. Without them a table shows the first 50 rows; csv, tsv and json give every row.
    """
    from newsgraph.queries import list_queries, parse_query

    if list_:
        import textwrap

        for named in list_queries():
            takes = f" [{', '.join(named.params)}]" if named.params else ""
            out.print(Text(f"{named.name}{takes}", style="bold"))
            out.print(textwrap.indent(textwrap.fill(named.description, 100), "    "))
        return
    if name is None:
        raise typer.BadParameter("give a query name, a .rq file or -", param_hint="NAME")
    _check(format, QUERY_FORMATS)
    if all_ and limit is not None:
        raise typer.BadParameter("give --limit or --all, not both", param_hint="--all")
    asked = limit is not None or offset > 0  # paging asked for: the total is said, in the JSON too
    if limit is None and format == "table" and not all_:
        limit = PAGE
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
    from newsgraph.graph._results import is_boolean, is_solutions, is_triples, serialize

    try:
        result = kg.query_raw(text, limit=limit, offset=offset, **params)
        columns, rows, iris = _rows(result)
        if is_triples(result) and (limit is not None or offset):  # a graph's triples: cut here
            rows = rows[offset : None if limit is None else offset + limit]
    except ParameterError as exc:  # the library says kg.query(..., actor=...); here it is --param
        said = [f"needs {' '.join(f'--param {p}=VALUE' for p in exc.missing)}"] if exc.missing else []
        said += [f"has no parameter {', '.join(exc.unknown)}"] if exc.unknown else []
        raise _fail(f"query {exc.query!r} {' and '.join(said)} (newsgraph query --list shows them)") from None

    def total() -> int:
        """The rows of the whole query: counted after the page is out (a table's, csv's, tsv's)."""
        if is_triples(result):
            return len(result)
        return kg._total(text, len(rows), limit=limit, offset=offset, **params)

    def shown() -> str | None:
        """The line for stderr: what the page holds of how many, when paging was asked for or rows were left out."""
        if not asked and limit is None:
            return None  # every row: nothing left out
        counted = total()
        return _shown_rows(offset, len(rows), counted) if asked or len(rows) < counted else None

    if format == "sparql-json":
        import pyoxigraph as ox

        kind = (
            ox.RdfFormat.TURTLE
            if not (is_solutions(result) or is_boolean(result))
            else ox.QueryResultsFormat.JSON
        )
        sys.stdout.buffer.write(serialize(result, kind))
        sys.stdout.write("\n")
    elif format == "table":
        # IRIs are for machines: a table shows the labels beside them
        visible = [c for c in columns if c not in iris] or columns
        _table(rows, visible, said=shown)
        return
    elif format == "json" and asked:
        document = {
            "total": total(),
            "offset": offset,
            "limit": limit,
            "rows": [{c: r.get(c) for c in columns} for r in rows],
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    else:
        write_rows(rows, columns, format, sys.stdout)
    sys.stdout.flush()
    line = shown()
    if line is not None:
        err.print(Text(line))


def _shown_rows(offset: int, count: int, total: int) -> str:
    """What a page holds, for stderr: "rows 51-100 of 41,302 (--offset 100 for the next ones, --all for all)".

    >>> _shown_rows(0, 0, 0), _shown_rows(50, 0, 12)
    ('0 rows', 'no rows after 50 (12 in all)')
    >>> _shown_rows(0, 50, 41302)
    'rows 1-50 of 41,302 (--offset 50 for the next ones, --all for every row)'
    """
    if count == 0:
        return f"no rows after {offset:,} ({total:,} in all)" if offset else f"{total:,} rows"
    said = f"rows {offset + 1:,}-{offset + count:,} of {total:,}"
    if offset + count < total:
        said += f" (--offset {offset + count} for the next ones, --all for every row)"
    return said


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


# ---------------------------------------------------------------------------------------------- summaries
@_command()
def summaries(store: StoreOpt = None) -> None:
    """Build the summaries that keep listings' first pages and totals quick, for a store written before newsgraph
    kept them (or after a SPARQL update dropped them); a store newsgraph writes keeps them up to date."""
    import time

    _open(store).close()  # a store that is not there is an error, not a new empty store to build summaries of
    kg = _open(store, read_only=False)
    started = time.perf_counter()
    count = kg.build_summaries()
    kg.close()
    err.print(
        Text(clean(f"summaries of {_count(count, 'article')} built in {time.perf_counter() - started:.1f} s"))
    )
