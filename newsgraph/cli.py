"""The ``newsgraph`` command: thin Typer commands over the library. Data goes to stdout, diagnostics to stderr.

Exit codes: 0 ok, 1 failure, 2 usage error. Every command takes ``--verbose`` and ``--debug`` after its name as
well as before it. Rows come out in one contract (``newsgraph._output``): ``--format json`` is a list of
objects everywhere, ``csv`` and ``tsv`` plain values under plain headers, ``table`` a table; ``query --format
sparql-json`` gives the SPARQL results document itself.

Heavy libraries (spaCy, rdflib, networkx, the page) are imported inside the commands that need them: ``newsgraph
--help`` and the query commands start in a fraction of a second (``benchmarks/startup.py`` measures it).
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from newsgraph import __version__
from newsgraph._output import FORMATS, cell, clean, write_atomic, write_rows
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsgraph._kg import IngestReport, KnowledgeGraph

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into an RDF knowledge graph of actors, events and attributed claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# markup=False: article text (a headline "Markets [/] close") is printed as text, never read as rich markup
out = Console(soft_wrap=True, markup=False, highlight=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False, emoji=False)

#: defaults repeated from the modules that own them (imported lazily), checked equal by tests/test_cli.py
BATCH_SIZE = 16
SERVE_TIMEOUT = 10.0
SERVE_MAX_BODY = 1024 * 1024

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="PATH|URL",
        help="Store directory, or a SPARQL server's http(s):// URL (default: $NEWSGRAPH_STORE or ./newsgraph-store).",
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", metavar="NAME", help="spaCy model name (default en_core_web_sm).")
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        metavar="FILE",
        help="An actor table of your own (Turtle, the format of ontology/actors.ttl), used with the packaged one; repeatable.",
    ),
]
LexiconOpt = Annotated[
    Path | None,
    typer.Option(
        "--lexicon",
        metavar="FILE",
        help="An event lexicon of your own (the format of ontology/lexicon.toml), used in place of the packaged one.",
    ),
]
NamesOpt = Annotated[
    Path | None,
    typer.Option(
        "--names",
        metavar="FILE",
        help="Word classes of names of your own (the format of ontology/names.toml), used in place of the packaged ones.",
    ),
]
WithoutOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--without",
        metavar="NAME[,NAME...]",
        help="Switch rules off (or a whole phase); newsgraph rules lists them. Repeatable.",
    ),
]
_state: dict[str, bool] = {"debug": False, "verbose": False}


def _names_off(without: list[str] | None) -> tuple[str, ...]:
    """The rule names of --without options, commas split, each checked to be a rule or a phase."""
    from newsgraph.loaders.rules import Registry

    names = [n.strip() for item in without or () for n in item.split(",") if n.strip()]
    Registry.load().check(names)
    return tuple(names)


def _say(style: str, label: str, message: str) -> None:
    """One diagnostic line on stderr: a styled label, then the message as plain (cleaned) text."""
    err.print(Text.assemble((label, style), " ", clean(message)))


def _fail(message: str, code: int = 1) -> typer.Exit:
    _say("red", "error:", message)
    return typer.Exit(code)


def _logging(verbose: bool, debug: bool) -> None:
    """Before or after the command's name, ``--verbose`` and ``--debug`` mean the same."""
    _state["debug"] = _state["debug"] or debug
    _state["verbose"] = _state["verbose"] or verbose
    level = logging.DEBUG if _state["debug"] else logging.INFO if _state["verbose"] else logging.WARNING
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s", force=True
    )


def _command(*names: str, **settings: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command that also takes ``--verbose`` and ``--debug`` after its name."""
    registry = settings.pop("group", app)

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        import typing

        hints = typing.get_type_hints(function, include_extras=True)  # this module's annotations are strings
        signature = inspect.signature(function)
        signature = signature.replace(
            parameters=[
                p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
            ]
        )
        extra = [
            inspect.Parameter(
                "verbose",
                inspect.Parameter.KEYWORD_ONLY,
                default=False,
                annotation=Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")],
            ),
            inspect.Parameter(
                "debug",
                inspect.Parameter.KEYWORD_ONLY,
                default=False,
                annotation=Annotated[
                    bool, typer.Option("--debug", help="Show tracebacks and debug logging.")
                ],
            ),
        ]

        @functools.wraps(function)
        def wrapper(*args: Any, verbose: bool = False, debug: bool = False, **kwargs: Any) -> Any:
            _logging(verbose, debug)
            return function(*args, **kwargs)

        wrapper.__annotations__ = {**hints, "verbose": extra[0].annotation, "debug": extra[1].annotation}
        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *extra]
        )
        return registry.command(*names, **settings)(wrapper)

    return register


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published"
        ) from None


def _shown(location: object) -> str:
    """A store location as it may be printed: a password in a server's URL hidden."""
    from newsgraph.graph.remote import redact

    return redact(str(location))


def _location(store: str | None) -> Any:
    from newsgraph.graph.store import store_location

    return store_location(store)


def _open(
    store: str | None,
    *,
    read_only: bool = True,
    model: str | None = None,
    actors: list[Path] | None = None,
    lexicon: Path | None = None,
    names: Path | None = None,
    without: tuple[str, ...] = (),
) -> KnowledgeGraph:
    from newsgraph import KnowledgeGraph

    return KnowledgeGraph.open(
        _location(store),
        read_only=read_only,
        model=model,
        actors=actors or (),
        lexicon=lexicon,
        names=names,
        without=without,
    )


def _check(format: str, allowed: tuple[str, ...]) -> None:
    if format not in allowed:
        raise typer.BadParameter(f"use {', '.join(allowed[:-1])} or {allowed[-1]}", param_hint="--format")


def _emit(rows: list[dict[str, Any]], columns: list[str], format: str, *, nested: Any = None) -> None:
    """Rows as a table, CSV, TSV or JSON (``nested`` when given: the full structure, for JSON)."""
    if format == "json" and nested is not None:
        sys.stdout.write(json.dumps(nested, indent=2, ensure_ascii=False) + "\n")
        return
    if format == "table":
        _table(rows, columns)
        return
    write_rows(rows, columns, format, sys.stdout)


def _table(rows: list[dict[str, Any]], columns: list[str], *, title: str | None = None) -> None:
    from rich.table import Table

    table = Table(*columns, title=title, title_justify="left")
    for row in rows:
        table.add_row(*[Text(cell(row.get(c))) for c in columns])
    out.print(table)
    err.print(f"{len(rows)} rows")


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logging.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit(0)
    _logging(verbose, debug)


# ---------------------------------------------------------------------------------------------- ingest
@_command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Files, directories or - for stdin.", show_default=False),
    ],
    store: StoreOpt = None,
    published: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Publication date for every article.")
    ] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    names: NamesOpt = None,
    without: WithoutOpt = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per spaCy batch (and per worker task).")
    ] = BATCH_SIZE,
    workers: Annotated[
        int, typer.Option(min=1, help="Extraction processes (this process alone writes).")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS", help="Extract on a Dask cluster: its scheduler's address (tcp://host:8786)."
        ),
    ] = None,
) -> None:
    """Read articles, extract actors, events and claims, and store one named graph per article."""
    when = _published(published)
    from newsgraph.loaders.read import count_articles

    inputs, expected = count_articles(paths)
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if inputs == 0 and not missing:
        raise _fail(
            f"nothing to ingest: {', '.join(paths)} holds no file newsgraph reads"
            " (.txt, .md, .html, .xml/.rss/.atom, .jsonl, or .gz of them); no store was written"
        )
    kg = _open(
        store,
        read_only=False,
        model=model,
        actors=actors,
        lexicon=lexicon,
        names=names,
        without=_names_off(without),
    )
    from contextlib import ExitStack

    from newsgraph._kg import IngestReport

    report = IngestReport()
    fatal: NewsgraphError | None = None
    holding = ExitStack()
    holding.enter_context(kg.writing())  # a store another process writes fails here, at once
    try:
        with _Progress(expected) as progress:
            kg.ingest(
                paths,
                published=when,
                batch_size=batch_size,
                workers=workers,
                dask=dask,
                progress=progress.tick,
                report=report,
                on_parse=progress.parsing,
            )
    except NewsgraphError as exc:  # the store could not be written: say what was done, then why
        fatal = exc
    finally:
        try:
            holding.close()  # the last flush, and the snapshot for readers
        except NewsgraphError as exc:
            fatal = fatal or exc
    _summary(kg, report, store, counts=fatal is None)
    if fatal is not None:
        raise _fail(str(fatal))
    if report.errors or (report.stored == 0 and report.failed):
        raise typer.Exit(1)


class _Progress:
    """n of N, articles per second and the time left (a count without a total for feeds and stdin); a long
    article being parsed shows how far it is."""

    def __init__(self, total: int | None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total:
            columns += [
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
            ]
        else:
            columns += [
                TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
            ]
        self.bar = Progress(*columns, console=err, transient=True)
        self.task = self.bar.add_task("ingesting", total=total, rate="")

    def __enter__(self) -> _Progress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def tick(self, article: Any, outcome: str) -> None:
        self.bar.advance(self.task)
        task = self.bar.tasks[0]
        speed = task.finished_speed or task.speed
        rate = f"{speed:.1f} articles/s" if speed else ""
        self.bar.update(
            self.task, description=clean(f"{outcome}: {Path(article.source).name}")[:60], rate=rate
        )

    def parsing(self, article: Any, done: int, total: int) -> None:
        name = clean(Path(article.source).name)[:40]
        self.bar.update(self.task, description=f"parsing {name}: {done * 100 // max(total, 1)}%")


def _summary(kg: KnowledgeGraph, report: IngestReport, store: str | None, *, counts: bool = True) -> None:
    for failure in report.skipped:
        _say("yellow", failure.kind, f"{failure.source}: {failure.why}")
    for failure in report.errors:
        _say("red", "failed", f"{failure.source}: {failure.reason}")
    line = (
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.errors)} failed"
    )
    if report.removed:
        line += f", {report.removed} removed (no longer in their input)"
    if counts:
        try:
            stats = kg.stats()
            line += (
                f"; store {_shown(_location(store))}: {stats['articles']} articles, {stats['actors']} actors, "
                f"{stats['events']} events, {stats['claims']} claims, {stats['quads']} quads"
            )
        except NewsgraphError:
            pass
    err.print(Text(clean(line)))


# ---------------------------------------------------------------------------------------------- extract
@_command()
def extract(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="One article file (or a feed, a JSONL file), or -.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="json, table, turtle or trig.")] = "json",
    published: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Publication date.")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    names: NamesOpt = None,
    without: WithoutOpt = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            metavar="PATH|URL",
            help="Apply this store's corrections (newsgraph actors), as ingest would (default: $NEWSGRAPH_STORE or"
            " ./newsgraph-store, when it exists).",
        ),
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="What extraction found, without any correction.")
    ] = False,
) -> None:
    """Print what newsgraph finds in an article, without storing it (JSON: a list, one object per article), with
    the corrections of the store (and of --actors tables) applied, as ingest would store it."""
    _check(format, ("json", "table", "turtle", "trig"))
    from newsgraph import KnowledgeGraph
    from newsgraph.graph.remote import is_remote

    kg = KnowledgeGraph.open(
        None, model=model, actors=actors or (), lexicon=lexicon, names=names, without=_names_off(without)
    )
    location = _location(store)
    exists = is_remote(str(location)) or (Path(location).is_dir() and any(Path(location).iterdir()))
    stored: list[Any] = []
    if exists and not raw:
        try:
            stored = _open(store).corrections()
        except NewsgraphError as exc:  # extraction needs no store: say why its corrections are not applied
            _say("yellow", "warning:", f"the corrections of {_shown(location)} are not applied: {exc}")
    fixes = [] if raw else kg._table_and_store_corrections(stored)
    results = list(kg.extract_paths([file], published=_published(published), corrections=fixes))
    if not results:
        raise _fail(f"no article could be read from {file}")
    if format == "json":
        sys.stdout.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
        return
    if format == "table":
        for result in results:
            _extraction_tables(result)
        return
    from newsgraph.graph.writer import to_quads

    for result in results:
        kg.store.write_article(result.article.iri, result.article.content_hash, to_quads(result))
    sys.stdout.buffer.write(kg.export(format="trig" if format == "trig" else "turtle") or b"")


def _extraction_tables(result: Any) -> None:
    title = result.article.title or result.article.source
    out.print(Text(clean(title), style="bold"))
    actors = [
        {
            "label": a.label,
            "type": a.type,
            "wikidata": a.wikidata,
            "mentions": len(a.mentions),
            "named as": _named_as(result, a),
            "role": a.role,
        }
        for a in result.actors
    ]
    _table(actors, ["label", "type", "wikidata", "mentions", "named as", "role"], title="actors")
    events = [
        {
            # the finest type, and the broad one of the eleven when it is another ("airstrike (attack)")
            "type": e.type if (e.fine_type or e.type) == e.type else f"{e.fine_type} ({e.type})",
            "label": e.label,
            "date": e.date,
            "place": e.place,
            "participants": "; ".join(f"{p.actor} ({p.role})" for p in e.participants),
        }
        for e in result.events
    ]
    _table(events, ["type", "label", "date", "place", "participants"], title="events")
    claims = [
        {"figure": c.quantity_text, "about": c.about, "unit": c.unit, "speaker": c.speaker, "date": c.date}
        for c in result.claims
    ]
    _table(claims, ["figure", "about", "unit", "speaker", "date"], title="claims")


def _named_as(result: Any, actor: Any) -> str:
    """How the article names an actor: its mentions as written, or, for an actor it names nowhere (a state read
    from an adjective, a person's organisation), why it is there at all."""
    if actor.mentions:
        return ", ".join(dict.fromkeys(m.text for m in actor.mentions))
    why = [f"{p.role} of {e.label}" for e in result.events for p in e.participants if p.iri == actor.iri]
    why += [f"place of {e.label}" for e in result.events if e.place_iri == actor.iri]
    why += [f"speaker of {c.quantity_text}" for c in result.claims if c.speaker_iri == actor.iri]
    why += [f"affiliation of {a.label}" for a in result.actors if a.affiliation == actor.iri]
    return "not named; " + "; ".join(dict.fromkeys(why)) if why else "not named"


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
    store: StoreOpt = None,
) -> None:
    """Write the offline interactive graph page."""
    if view not in {"events", "actors"}:
        raise typer.BadParameter("use events or actors", param_hint="--view")
    from newsgraph.graph.render import page_data, render_html

    kg = _open(store)
    data = page_data(kg.store, focus_on=focus, depth=depth, seed=seed, view=view)  # type: ignore[arg-type]
    path = write_atomic(out_path, render_html(data, title=title).encode("utf-8"))
    shown = data["views"][view]
    err.print(
        Text(
            clean(
                f"wrote {path} ({view} view: {_count(shown['nodes'], 'node')}, {_count(shown['edges'], 'edge')})"
            )
        )
    )


def _count(items: Any, noun: str) -> str:
    """ "1 node", "1,234 edges"."""
    number = items if isinstance(items, int) else len(items)
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


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


# ---------------------------------------------------------------------------------------------- analyze
analyze_app = typer.Typer(
    help="Network analysis: centrality, communities, paths, stories, disagreements, figures over time, timeline.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(analyze_app, name="analyze")
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")]
IncludeOutletsOpt = Annotated[
    bool,
    typer.Option(
        "--include-outlets",
        help="Keep news organisations in: an outlet that many told things to otherwise joins unrelated stories.",
    ),
]


@_command("centrality", group=analyze_app)
def analyze_centrality(
    top: Annotated[int, typer.Option(min=0, help="How many actors (0: all).")] = 10,
    include_outlets: IncludeOutletsOpt = False,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Actors ranked by PageRank, with degree and betweenness (news organisations left out by default)."""
    _check(format, FORMATS)
    rows = _open(store).centrality(top=top or None, include_outlets=include_outlets)
    _emit(rows, ["label", "kind", "pagerank", "degree", "weighted_degree", "betweenness"], format)


@_command("communities", group=analyze_app)
def analyze_communities(
    seed: Annotated[int, typer.Option(help="Seed of Louvain (same seed, same groups).")] = 7,
    resolution: Annotated[float, typer.Option(min=0.0, help="Higher gives more, smaller groups.")] = 1.0,
    include_outlets: IncludeOutletsOpt = False,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Groups of actors that act together (seeded Louvain on the actor graph; news organisations left out by
    default)."""
    _check(format, FORMATS)
    found = _open(store).communities(seed=seed, resolution=resolution, include_outlets=include_outlets)
    rows = [{**c, "members": "; ".join(c["members"])} for c in found]
    _emit(rows, ["community", "size", "members"], format, nested=found)


@_command("path", group=analyze_app)
def analyze_path(
    source: Annotated[str, typer.Option("--from", metavar="ACTOR", help="An actor's label or IRI.")],
    target: Annotated[str, typer.Option("--to", metavar="ACTOR", help="An actor's label or IRI.")],
    limit: Annotated[int, typer.Option(min=1, help="How many shortest paths.")] = 3,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """The shortest connections between two actors, each hop with the event or affiliation and its sentence."""
    _check(format, FORMATS)
    found = _open(store).paths(source, target, limit=limit)
    if not found:
        raise _fail(f"no connection between {source!r} and {target!r}")
    rows = [
        {"path": p["path"], "hop": n, **hop, "sentence": (hop["sentences"] or [None])[0]}
        for p in found
        for n, hop in enumerate(p["hops"], 1)
    ]
    _emit(
        rows,
        ["path", "hop", "from", "from_role", "link", "to", "to_role", "date", "sentence"],
        format,
        nested=found,
    )


@_command("disagreements", group=analyze_app)
def analyze_disagreements(
    subject: Annotated[str | None, typer.Option(help="Only this subject (or its family).")] = None,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Figures of one measure of one thing in one story that sources give differently (conflict) or that moved
    over time (update), side by side: speaker, date, spread and sources."""
    _check(format, FORMATS)
    found = _open(store).disagreements(subject=subject)
    rows = [
        {
            **f,
            "group": d["subject"],
            "relation": d["relation"],
            "story": d.get("story_label"),
            "spread": d["spread"],
            "counted": f["subject"],
        }
        for d in found
        for f in d["figures"]
    ]
    _emit(
        rows,
        ["group", "relation", "story", "figure", "counted", "speaker", "date", "spread", "title", "sentence"],
        format,
        nested=found,
    )


@_command("stories", group=analyze_app)
def analyze_stories(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """Articles about one happening, grouped into stories by the rare names they share, close in time: one row per
    article, with its story's number and label (each link with its evidence in --format json)."""
    _check(format, FORMATS)
    found = _open(store).stories()
    rows = [
        {
            "story": number,
            "label": s["label"],
            "published": report["published"],
            "title": report["title"] or report["article"],
            "outlet": report["outlet"],
            "shared": "; ".join(sorted({n for link in s["links"] for n in link["shared"]})),
        }
        for number, s in enumerate(found, 1)
        for report in sorted(s["reports"], key=lambda r: (r["published"] or "", r["title"] or ""))
    ]
    columns = ["story", "label", "published", "title", "outlet"]
    _emit(rows, columns if format == "table" else [*columns, "shared"], format, nested=found)


@_command("happenings", group=analyze_app)
def analyze_happenings(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """One happening told by several articles of a story: one row per report, with the evidence that joined them
    (each happening with its reports nested in --format json)."""
    _check(format, FORMATS)
    found = _open(store).happenings()
    rows = [
        {
            "happening": number,
            "type": h["type"],
            "label": h["label"],
            "date": h["date"],
            "place": h["place"],
            "story": h["story_label"],
            "title": r["title"],
            "outlet": r["outlet"],
            "sentence": r["sentence"],
            "evidence": "; ".join(h["evidence"]),
        }
        for number, h in enumerate(found, 1)
        for r in h["reports"]
    ]
    columns = [
        "happening",
        "type",
        "label",
        "date",
        "place",
        "story",
        "title",
        "outlet",
        "sentence",
        "evidence",
    ]
    _emit(rows, columns, format, nested=found)


@_command("figures", group=analyze_app)
def analyze_figures(
    subject: Annotated[
        str | None,
        typer.Argument(
            help="What is counted, e.g. 'North Korean soldiers killed' (none: list what is counted)."
        ),
    ] = None,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """How an estimate moved: every figure for a subject in date order, with speaker and source. Without a subject:
    what the figures count, by subject family, most figures first."""
    _check(format, FORMATS)
    kg = _open(store)
    if subject is None:
        found = kg.figure_subjects()
        rows = [{**s, "counted": "; ".join(s["counted"])} for s in found]
        _emit(rows, ["subject", "figures", "articles", "counted"], format, nested=found)
        return
    rows = kg.figure_history(subject)
    _emit(rows, ["date", "figure", "subject", "speaker", "title", "sentence"], format)


@_command("timeline", group=analyze_app)
def analyze_timeline(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """Events in date order with granularity and sources."""
    _check(format, FORMATS)
    rows = _open(store).timeline()
    _emit(rows, ["date", "granularity", "type", "label", "place", "title"], format)


# ---------------------------------------------------------------------------------------------- serve, push, import
@_command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Time limit of one query or update, in seconds.")
    ] = SERVE_TIMEOUT,
    workers: Annotated[
        int, typer.Option(min=1, help="Query worker processes (one when updates are allowed).")
    ] = 2,
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update", help="Accept SPARQL updates (with the update token, or see --trust-loopback)."
        ),
    ] = False,
    max_body: Annotated[int, typer.Option(min=1, help="Largest request body, in bytes.")] = SERVE_MAX_BODY,
    memory: Annotated[
        int, typer.Option("--memory", min=0, help="Memory each query worker may use, in MiB (0: no limit).")
    ] = 1024,
    max_result: Annotated[
        int, typer.Option("--max-result", min=1, help="Largest answer to one query, in MiB.")
    ] = 64,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host", metavar="NAME", help="Another Host name to answer to (a proxy's DNS name)."
        ),
    ] = None,
    update_token: Annotated[
        str | None,
        typer.Option(
            "--update-token",
            envvar="NEWSGRAPH_UPDATE_TOKEN",
            metavar="TOKEN",
            help="Updates must carry 'Authorization: Bearer TOKEN'.",
        ),
    ] = None,
    trust_loopback: Annotated[
        bool,
        typer.Option(
            "--trust-loopback",
            help="Accept updates without a token from loopback clients (only when no proxy on this host forwards).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request on stderr.")] = False,
) -> None:
    """Serve the store: SPARQL 1.1 Protocol at /sparql, the graph page at /, a query page at /query; each request
    is logged on stderr (time, method, path, status, duration, client) unless --quiet."""
    from newsgraph.graph.server import serve as run_server

    location = _location(store)
    if not quiet:
        access = logging.getLogger("newsgraph.access")
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False
    if host not in {"127.0.0.1", "::1", "localhost"}:
        _say("yellow", "warning:", f"listening on {host}: anyone who can reach it can query the store")
    run_server(
        location,
        host=host,
        port=port,
        allow_update=allow_update,
        timeout=timeout,
        workers=workers,
        max_body=max_body,
        memory_limit=memory * 2**20 or None,
        max_result=max_result * 2**20,
        allow_hosts=allow_host,
        update_token=update_token,
        trust_loopback=trust_loopback,
        log_level="debug" if _state["debug"] else "warning",
        announce=lambda url: err.print(Text(clean(f"serving {_shown(location)} at {url} (Ctrl-C stops)"))),
    )


@_command()
def push(
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="URL", help="The SPARQL server's URL (query endpoint, or an Oxigraph base URL)."
        ),
    ],
    store: StoreOpt = None,
) -> None:
    """Copy every named graph of the local store to a SPARQL server (one update request per graph)."""
    from newsgraph.graph.remote import is_remote

    if not is_remote(to):
        raise typer.BadParameter("give an http:// or https:// URL", param_hint="--to")
    from newsgraph.graph.remote import RemoteStore

    kg = _open(store)
    sent = kg.push(to)
    quads, held = len(kg.store), len(RemoteStore(to))
    said = f"pushed {_count(sent, 'graph')} ({_count(quads, 'quad')}) to {_shown(to)}"
    said += (
        f"; it holds {held:,} in newsgraph's graphs"
        if held == quads
        else f"; but it holds {held:,} quads in newsgraph's graphs"
    )
    err.print(Text(clean(said)))


@_command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def offline(
    program: Annotated[
        list[str],
        typer.Argument(
            metavar="PROGRAM [ARGS]...",
            help="The program to run and its arguments (after --).",
            show_default=False,
        ),
    ],
) -> None:
    """Run a program (a SPARQL server) that may listen and answer but never connect out: no SERVICE, no LOAD.

    Example: newsgraph offline -- oxigraph serve --location ./oxigraph-data --bind 127.0.0.1:7878
    """
    from newsgraph.graph._offline import exec_without_outbound

    exec_without_outbound(program)


@_command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="RDF files: .trig .nq .ttl .nt .jsonld .rdf", show_default=False),
    ],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="trig, nquads, turtle, ntriples, jsonld or rdfxml.")
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option(
            metavar="IRI", help="Named graph for triples (default: one per file, named by its URI)."
        ),
    ] = None,
    atomic: Annotated[
        bool,
        typer.Option(help="Write each file in one transaction (slower, held in memory; safe from a crash)."),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Load RDF (e.g. a Wikidata extract) into the store; a file that does not parse adds nothing."""
    kg = _open(store, read_only=False)
    failed = 0
    for file in files:
        try:
            added = kg.import_rdf([file], format=format, graph=graph, atomic=atomic)
        except NewsgraphError as exc:
            _say("red", "failed", " ".join(str(exc).split()))
            failed += 1
            continue
        err.print(Text(clean(f"{file}: {added[str(file)]} quads added")))
    kg.store.flush()
    if failed == len(files):
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------- stats, info, evaluate
@_command()
def stats(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    store: StoreOpt = None,
) -> None:
    """Counts of articles, actors, events, claims and quads."""
    _check(format, ("table", "json"))
    counts = _open(store).stats()
    if format == "json":
        sys.stdout.write(json.dumps(counts, indent=2) + "\n")
        return
    for key, value in counts.items():
        out.print(f"{key:9} {value}")


@_command()
def info(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    store: StoreOpt = None,
) -> None:
    """Versions, the spaCy model and the store path."""
    from importlib.metadata import version

    from newsgraph.graph import _offline

    model = _model_name()
    location = _location(store)
    data = {
        "newsgraph": __version__,
        "python": sys.version.split()[0],
        "spacy": version("spacy"),
        "spacy_model": model,
        "rdflib": version("rdflib"),
        "pyoxigraph": version("pyoxigraph"),
        "store": str(location.resolve()) if isinstance(location, Path) else _shown(location),
        "queries_offline": _offline.available(),
    }
    if format == "json":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        for key, value in data.items():
            out.print(Text(clean(f"{key:15} {value}")))


def _model_name() -> str:
    import os

    return os.environ.get("NEWSGRAPH_SPACY_MODEL") or "en_core_web_sm"


@_command()
def evaluate(
    gold_dir: Annotated[
        Path, typer.Argument(metavar="GOLD_DIR", help="Directory of gold .json annotations.")
    ],
    articles_dir: Annotated[
        Path, typer.Argument(metavar="ARTICLES_DIR", help="Directory holding the annotated articles.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    strict: Annotated[bool, typer.Option(help="Exit 1 when an overall figure misses its target.")] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    names: NamesOpt = None,
    without: WithoutOpt = None,
    ablate: Annotated[
        bool,
        typer.Option(
            "--ablate",
            help="Score again with each rule alone off, and print each figure's change (one parse per article).",
        ),
    ] = False,
    rules: Annotated[
        list[str] | None,
        typer.Option(
            "--rules", metavar="NAME[,NAME...]", help="With --ablate: only these rules (or phases)."
        ),
    ] = None,
) -> None:
    """Score extraction against gold annotations: actors, noise, claims, speakers, events, short names."""
    _check(format, ("table", "json"))
    from newsgraph.loaders.evaluate import TARGETS, score
    from newsgraph.loaders.extraction import Extractor

    off = _names_off(without)
    extractor = Extractor(model=model, actors=tuple(actors or ()), lexicon=lexicon, names=names, without=off)
    if ablate:
        _ablate(gold_dir, articles_dir, extractor, _names_off(rules) if rules else None, format)
        return
    report = score(gold_dir, articles_dir, extractor=extractor, without=off)
    if format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        columns = ["actor_f1", "noise", "claims_found", "claims_right_speaker", "event_f1", "short_names"]
        heads = ["actor F1", "noise", "claims", "speaker", "event F1", "short", "actor P/R", "event P/R"]

        def row(name: str, figures: dict[str, float | int]) -> list[str]:
            cells = [str(figures[c]) if c == "noise" else f"{figures[c]:.2f}" for c in columns]
            ap, ar = figures["actor_precision"], figures["actor_recall"]
            ep, er = figures["event_precision"], figures["event_recall"]
            return [name, *cells, f"{ap:.2f}/{ar:.2f}", f"{ep:.2f}/{er:.2f}"]

        rows = [["article", *heads]]
        rows += [row(Path(a.article).stem, a.counts.figures()) for a in report.articles]
        rows.append(row("overall", report.figures()))
        rows.append(
            [
                "target",
                *[f"<={TARGETS[c]}" if c == "noise" else f">={TARGETS[c]}" for c in columns],
                "",
                f"P >={TARGETS['event_precision']}" if "event_precision" in TARGETS else "",
            ]
        )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            out.print(Text(clean("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())))
        out.print("claims: gold figures found; speaker: found with the right speaker")
    below = report.below_targets()
    if below:
        err.print(Text("below target: " + ", ".join(f"{k} {v:.2f}" for k, v in below.items())))
        if strict:
            raise typer.Exit(1)


def _ablate(
    gold_dir: Path, articles_dir: Path, extractor: Any, names: tuple[str, ...] | None, format: str
) -> None:
    from newsgraph.loaders.ablate import ablate
    from newsgraph.loaders.rules import Registry

    chosen = sorted(Registry.load().check(names)) if names is not None else None

    def progress(rule: str, done: int, total: int) -> None:
        if _state["verbose"]:
            err.print(Text(f"{done}/{total} {rule}"))

    table = ablate(
        [(gold_dir.name, gold_dir, articles_dir)], extractor=extractor, rules=chosen, on_progress=progress
    )
    if format == "json":
        sys.stdout.write(table.to_json() + "\n")
        return
    sys.stdout.write(table.to_markdown())
    unchanged = table.unchanged()
    err.print(Text(f"{len(table.changes)} rules; {len(unchanged)} change no figure on this set"))


@_command()
def rules(
    phase: Annotated[str | None, typer.Option(metavar="PHASE", help="Only the rules of one phase.")] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv, tsv or markdown (docs/extraction.md).")
    ] = "table",
) -> None:
    """List the rules of extraction in the order they apply, each with its phenomenon, example and tests."""
    _check(format, ("table", "json", "csv", "tsv", "markdown"))
    from newsgraph.loaders.rules import Registry

    registry = Registry.load()
    if format == "markdown":
        from newsgraph.loaders._rules_doc import markdown

        sys.stdout.write(markdown(registry))
        return
    phases = [registry.phase(phase)] if phase is not None else list(registry.phases)
    rows = [
        {
            "rule": rule.name,
            "phase": rule.phase,
            "phenomenon": rule.phenomenon,
            "example": rule.example,
            "what it does": rule.rule,
            "tests": " ".join(rule.tests),
        }
        for p in phases
        for rule in p.rules
    ]
    columns = ["rule", "phase", "phenomenon", "example"] if format == "table" else list(rows[0])
    _emit(rows, columns, format)


# ---------------------------------------------------------------------------------------------- the entry point
def main() -> None:
    """Console entry point: every error is one line on stderr (a SPARQL syntax error adds the line of the query and a
    caret); exit 1 for a failure, 2 for a usage error. A traceback is shown only with ``--debug``."""
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `newsgraph query … | head`: the reader has gone, which is not an error
        _quiet_exit(0)
    except NewsgraphError as exc:
        if _state["debug"]:
            raise
        _say("red", "error:", _message(_flags(exc)))
        sys.exit(1)
    except OSError as exc:  # the file system said no: a full disk, a read-only directory, a missing file
        if _state["debug"]:
            raise
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        _say("red", "error:", f"{exc.strerror or exc}{where}")
        sys.exit(1)
    except Exception as exc:
        kinds = {cls.__name__ for cls in type(exc).__mro__}
        if "ClickException" in kinds:  # Typer bundles its own click, so its exceptions are known by name
            message = _one_line(exc.format_message())  # type: ignore[attr-defined]
            if "UsageError" in kinds:
                ctx = getattr(exc, "ctx", None)
                command = ctx.command_path if ctx is not None else "newsgraph"
                _say("red", "usage error:", f"{message} (see {command} --help)")
                sys.exit(2)
            _say("red", "error:", message)
            sys.exit(getattr(exc, "exit_code", 1))
        if "Abort" in kinds:
            err.print("interrupted")
            sys.exit(130)
        if _state["debug"]:
            raise
        _say(
            "red",
            "internal error:",
            f"{type(exc).__name__}: {_one_line(str(exc))} (run with --debug for details)",
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


#: the library's argument names, as the command line spells them
_FLAGS = {"actor": "ACTOR", "into": "INTO", "source": "--from", "target": "--to", "focus": "--focus",
          "articles": "--article", "type": "TYPE", "label": "LABEL", "name": "NAME", "subject": "SUBJECT"}  # fmt: skip


def _flags(exc: NewsgraphError) -> str:
    """An error about an argument, said with the command line's name for it ("--from 'Budanof'", not
    "source='Budanof'")."""
    from newsgraph.errors import ActorNotFoundError

    text = str(exc)
    if isinstance(exc, ActorNotFoundError) and exc.parameter in _FLAGS:
        said = f"{exc.parameter}={exc.name!r}"
        if text.startswith(said):
            return f"{_FLAGS[exc.parameter]} {exc.name!r}{text[len(said) :]}"
    for parameter, flag in _FLAGS.items():  # "subject='x': ..." -> "SUBJECT 'x': ..."
        if text.startswith(f"{parameter}="):
            return f"{flag} {text[len(parameter) + 1 :]}"
    return text


def _quiet_exit(code: int) -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


def _message(text: str) -> str:
    """An error on one line, but for a SPARQL syntax error's query line and caret, which stay under it."""
    first, _, rest = text.partition("\n")
    if rest and rest.lstrip("\n").startswith("  ") and "^" in rest:
        return _one_line(first) + "\n" + rest
    return _one_line(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


from newsgraph import _cli_actors  # noqa: E402, F401 - registers `newsgraph actors` (its own module: cli.py is long)
