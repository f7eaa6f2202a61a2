"""The ``newsgraph`` command: thin Typer commands over the library. Data goes to stdout, diagnostics to stderr.

Exit codes: 0 ok, 1 failure, 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsgraph import KnowledgeGraph, __version__
from newsgraph.errors import NewsgraphError
from newsgraph.graph.server import DEFAULT_MAX_BODY, DEFAULT_TIMEOUT
from newsgraph.graph.store import store_location
from newsgraph.loaders.nlp import BATCH_SIZE
from newsgraph.queries import list_queries, parse_query

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into an RDF knowledge graph of actors, events and attributed claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)  # a diagnostic is one line, however long

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store directory, or a SPARQL server's http(s):// URL (default: $NEWSGRAPH_STORE or ./newsgraph-store).",
    ),
]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model name (default en_core_web_sm).")]
_state: dict[str, bool] = {"debug": False}


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published"
        ) from None


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logging.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    _state["debug"] = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    store: StoreOpt = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every article.")
    ] = None,
    model: ModelOpt = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per spaCy batch (and per worker task).")
    ] = BATCH_SIZE,
    workers: Annotated[
        int, typer.Option(min=1, help="Extraction processes (this process alone writes).")
    ] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Extract on a Dask cluster: its scheduler's address (tcp://host:8786).")
    ] = None,
) -> None:
    """Read articles, extract actors, events and claims, and store one named graph per article."""
    when = _published(published)
    kg = KnowledgeGraph.open(store_location(store), model=model)
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(article: Any, outcome: str) -> None:
            progress.update(task, advance=1, description=f"{outcome}: {Path(article.source).name}")

        report = kg.ingest(
            paths, published=when, batch_size=batch_size, workers=workers, dask=dask, progress=tick
        )
    for failure in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {failure.source}: {_reason(failure.reason)}", highlight=False)
    for failure in report.errors:
        err.print(f"[red]failed[/red] {failure.source}: {failure.reason}", highlight=False)
    stats = kg.stats()
    err.print(
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.errors)} failed; "
        f"store {store_location(store)}: {stats['articles']} articles, {stats['actors']} actors, {stats['events']} events, "
        f"{stats['claims']} claims, {stats['quads']} quads",
        highlight=False,
    )
    if report.errors or (report.stored == 0 and report.failed):
        raise typer.Exit(1)


def _reason(reason: str) -> str:
    return reason.removeprefix("skipped: ")


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="One article file, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json, turtle or trig.")] = "json",
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    model: ModelOpt = None,
) -> None:
    """Print one article's extraction without storing it."""
    if format not in {"json", "turtle", "trig"}:
        raise typer.BadParameter("use json, turtle or trig", param_hint="--format")
    kg = KnowledgeGraph.open(None, model=model)
    results = list(kg.extract_paths([file], published=_published(published)))
    if not results:
        raise _fail(f"no article could be read from {file}")
    if format == "json":
        payload = [r.to_dict() for r in results]
        sys.stdout.write(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
        )
        return
    from newsgraph.graph.writer import to_quads

    for result in results:
        kg.store.write_article(result.article.iri, result.article.content_hash, to_quads(result))
    data = kg.export(format="trig" if format == "trig" else "turtle") or b""
    sys.stdout.buffer.write(data)


@app.command()
def query(
    name: Annotated[
        str | None, typer.Argument(help="A named query, a .rq file, or - for SPARQL on stdin.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound as a value.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
) -> None:
    """Run a named SPARQL query (or a file) against the store."""
    if list_:
        for named in list_queries():
            shown = f"  [{', '.join(named.params)}]" if named.params else ""
            out.print(f"{named.name:15} {named.description}{shown}", highlight=False)
        return
    if name is None:
        raise typer.BadParameter("give a query name, a .rq file or -", param_hint="NAME")
    if format not in {"table", "csv", "tsv", "json"}:
        raise typer.BadParameter("use table, csv, tsv or json", param_hint="--format")
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
    kg = KnowledgeGraph.open(store_location(store), read_only=True)
    import pyoxigraph as ox

    result = kg.query_raw(text, **params)
    from newsgraph.graph._results import is_solutions, is_triples, serialize

    if format == "table" and is_solutions(result):
        variables = [v.value for v in result.variables]
        table = Table(*variables, show_lines=False)
        count = 0
        for row in result:
            table.add_row(*[("" if row[v] is None else str(row[v].value)) for v in variables])
            count += 1
        out.print(table)
        err.print(f"{count} rows", highlight=False)
        return
    formats = {
        "json": ox.QueryResultsFormat.JSON,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }
    if is_triples(result):
        sys.stdout.buffer.write(serialize(result, ox.RdfFormat.TURTLE))
    else:
        sys.stdout.buffer.write(serialize(result, formats.get(format, ox.QueryResultsFormat.JSON)))


@app.command()
def render(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the page.")] = Path(
        "graph.html"
    ),
    focus: Annotated[
        str | None, typer.Option(help="Only the neighbourhood of this actor (label or IRI).")
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
    kg = KnowledgeGraph.open(store_location(store), read_only=True)
    path = kg.render(out_path, focus=focus, depth=depth, view=view, title=title, seed=seed)  # type: ignore[arg-type]
    err.print(f"wrote {path}", highlight=False)


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="trig, nquads, turtle, ntriples, jsonld, graphml or gexf."),
    ] = "trig",
    output: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    view: Annotated[str, typer.Option(help="For graphml and gexf: events or actors.")] = "events",
    store: StoreOpt = None,
) -> None:
    """Export the store as RDF (named graphs kept in trig and nquads) or a network view for Gephi."""
    if view not in {"events", "actors"}:
        raise typer.BadParameter("use events or actors", param_hint="--view")
    kg = KnowledgeGraph.open(store_location(store), read_only=True)
    data = kg.export(format=format, view=view)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.buffer.write(data or b"")
    else:
        output.write_bytes(data or b"")


analyze_app = typer.Typer(
    help="Network analysis: centrality, communities, paths, disagreements, figures over time, timeline.",
    no_args_is_help=True,
)
app.add_typer(analyze_app, name="analyze")
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def _emit(rows: list[dict[str, Any]], columns: list[str], format: str, *, nested: Any = None) -> None:
    """Rows as a rich table, CSV (flat rows) or JSON (``nested`` when given: the full structure)."""
    if format == "json":
        sys.stdout.write(
            json.dumps(nested if nested is not None else rows, indent=2, ensure_ascii=False) + "\n"
        )
        return
    if format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(*columns)
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    out.print(table)
    err.print(f"{len(rows)} rows", highlight=False)


def _cell(value: Any, width: int = 70) -> str:
    """A table cell: long sentences and titles are cut (CSV and JSON keep them whole)."""
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _check_format(format: str) -> None:
    if format not in {"table", "json", "csv"}:
        raise typer.BadParameter("use table, json or csv", param_hint="--format")


@analyze_app.command("centrality")
def analyze_centrality(
    top: Annotated[int, typer.Option(min=0, help="How many actors (0: all).")] = 10,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Actors ranked by PageRank, with degree and betweenness."""
    _check_format(format)
    rows = KnowledgeGraph.open(store_location(store), read_only=True).centrality(top=top or None)
    _emit(rows, ["label", "kind", "pagerank", "degree", "weighted_degree", "betweenness"], format)


@analyze_app.command("communities")
def analyze_communities(
    seed: Annotated[int, typer.Option(help="Seed of Louvain (same seed, same groups).")] = 7,
    resolution: Annotated[float, typer.Option(min=0.0, help="Higher gives more, smaller groups.")] = 1.0,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Groups of actors that act together (seeded Louvain on the actor graph)."""
    _check_format(format)
    found = KnowledgeGraph.open(store_location(store), read_only=True).communities(
        seed=seed, resolution=resolution
    )
    rows = [{**c, "members": "; ".join(c["members"])} for c in found]
    _emit(rows, ["community", "size", "members"], format, nested=found)


@analyze_app.command("path")
def analyze_path(
    source: Annotated[str, typer.Option("--from", help="An actor's label or IRI.")],
    target: Annotated[str, typer.Option("--to", help="An actor's label or IRI.")],
    limit: Annotated[int, typer.Option(min=1, help="How many shortest paths.")] = 3,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """The shortest connections between two actors, each hop with the event or affiliation and its sentence."""
    _check_format(format)
    found = KnowledgeGraph.open(store_location(store), read_only=True).paths(source, target, limit=limit)
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


@analyze_app.command("disagreements")
def analyze_disagreements(
    subject: Annotated[str | None, typer.Option(help="Only this subject (or its family).")] = None,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """For each subject, the differing figures side by side: speaker, date, spread and sources."""
    _check_format(format)
    found = KnowledgeGraph.open(store_location(store), read_only=True).disagreements(subject=subject)
    rows = [
        {"group": d["subject"], "spread": d["spread"], **f, "counted": f["subject"]}
        for d in found
        for f in d["figures"]
    ]
    _emit(
        rows,
        ["group", "figure", "counted", "speaker", "date", "spread", "title", "sentence"],
        format,
        nested=found,
    )


@analyze_app.command("figures")
def analyze_figures(
    subject: Annotated[str, typer.Argument(help="What is counted, e.g. 'North Korean soldiers killed'.")],
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """How an estimate moved: every figure for a subject in date order, with speaker and source."""
    _check_format(format)
    rows = KnowledgeGraph.open(store_location(store), read_only=True).figure_history(subject)
    _emit(rows, ["date", "figure", "subject", "speaker", "title", "sentence"], format)


@analyze_app.command("timeline")
def analyze_timeline(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """Events in date order with granularity and sources."""
    _check_format(format)
    rows = KnowledgeGraph.open(store_location(store), read_only=True).timeline()
    _emit(rows, ["date", "granularity", "type", "label", "place", "title"], format)


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Time limit of one query or update, in seconds.")
    ] = DEFAULT_TIMEOUT,
    workers: Annotated[
        int, typer.Option(min=1, help="Query worker processes (one when updates are allowed).")
    ] = 2,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL updates, by POST from loopback only.")
    ] = False,
    max_body: Annotated[int, typer.Option(min=1, help="Largest request body, in bytes.")] = DEFAULT_MAX_BODY,
    memory: Annotated[
        int, typer.Option("--memory", min=0, help="Memory each query worker may use, in MiB (0: no limit).")
    ] = 1024,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Another Host name to answer to (behind a proxy, a DNS name)."),
    ] = None,
    update_token: Annotated[
        str | None,
        typer.Option(
            "--update-token",
            envvar="NEWSGRAPH_UPDATE_TOKEN",
            help="Updates must carry 'Authorization: Bearer TOKEN' (needed for updates beyond loopback).",
        ),
    ] = None,
) -> None:
    """Serve the store: SPARQL 1.1 Protocol at /sparql, the graph page at /, a query page at /query."""
    from newsgraph.graph.server import serve as run_server

    location = store_location(store)
    if host not in {"127.0.0.1", "::1", "localhost"}:
        err.print(
            f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach it can query the store"
        )
    run_server(
        location,
        host=host,
        port=port,
        allow_update=allow_update,
        timeout=timeout,
        workers=workers,
        max_body=max_body,
        memory_limit=memory * 2**20 or None,
        allow_hosts=allow_host,
        update_token=update_token,
        log_level="debug" if _state["debug"] else "warning",
        announce=lambda url: err.print(f"serving {location} at {url} (Ctrl-C stops)", highlight=False),
    )


@app.command()
def push(
    to: Annotated[
        str, typer.Option("--to", help="The SPARQL server's URL (query endpoint, or an Oxigraph base URL).")
    ],
    store: StoreOpt = None,
) -> None:
    """Copy every named graph of the local store to a SPARQL server (one update request per graph)."""
    from newsgraph.graph.remote import is_remote

    if not is_remote(to):
        raise typer.BadParameter("give an http:// or https:// URL", param_hint="--to")
    kg = KnowledgeGraph.open(store_location(store), read_only=True)
    sent = kg.push(to)
    err.print(f"pushed {sent} graphs to {to}", highlight=False)


@app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .trig .nq .ttl .nt .jsonld .rdf")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="trig, nquads, turtle, ntriples, jsonld or rdfxml.")
    ] = None,
    graph: Annotated[
        str | None, typer.Option(help="Named graph for triples (default: one per file, named by its URI).")
    ] = None,
    atomic: Annotated[
        bool,
        typer.Option(help="Write each file in one transaction (slower, held in memory; safe from a crash)."),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Load RDF (e.g. a Wikidata extract) into the store; a file that does not parse adds nothing."""
    kg = KnowledgeGraph.open(store_location(store))
    failed = 0
    for file in files:
        try:
            added = kg.import_rdf([file], format=format, graph=graph, atomic=atomic)
        except NewsgraphError as exc:
            err.print(f"[red]failed[/red] {_one_line(str(exc))}", highlight=False)
            failed += 1
            continue
        err.print(f"{file}: {added[str(file)]} quads added", highlight=False)
    kg.store.flush()
    if failed == len(files):
        raise typer.Exit(1)


@app.command()
def stats(store: StoreOpt = None) -> None:
    """Counts of articles, actors, events, claims and quads."""
    kg = KnowledgeGraph.open(store_location(store), read_only=True)
    for key, value in kg.stats().items():
        out.print(f"{key:9} {value}", highlight=False)


@app.command()
def info(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    store: StoreOpt = None,
) -> None:
    """Versions, the spaCy model and the store path."""
    import pyoxigraph
    import rdflib
    import spacy

    from newsgraph.loaders.nlp import model_name

    data = {
        "newsgraph": __version__,
        "python": sys.version.split()[0],
        "spacy": spacy.__version__,
        "spacy_model": model_name(),
        "rdflib": rdflib.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "store": str(location.resolve() if isinstance(location := store_location(store), Path) else location),
    }
    if format == "json":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        for key, value in data.items():
            out.print(f"{key:12} {value}", highlight=False)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Directory of gold .json annotations.")],
    articles_dir: Annotated[Path, typer.Argument(help="Directory holding the annotated articles.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    strict: Annotated[bool, typer.Option(help="Exit 1 when an overall figure misses its target.")] = False,
    model: ModelOpt = None,
) -> None:
    """Score extraction against gold annotations: actors, noise, claims, speakers, events, short names."""
    if format not in {"table", "json"}:
        raise typer.BadParameter("use table or json", param_hint="--format")
    from newsgraph.loaders.evaluate import TARGETS, score

    report = score(gold_dir, articles_dir, model=model)
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
            ["target", *[f"<={TARGETS[c]}" if c == "noise" else f">={TARGETS[c]}" for c in columns], "", ""]
        )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for r in rows:
            out.print(
                "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip(), highlight=False
            )
        out.print("claims: gold figures found; speaker: found with the right speaker", highlight=False)
    below = report.below_targets()
    if below:
        err.print("below target: " + ", ".join(f"{k} {v:.2f}" for k, v in below.items()), highlight=False)
        if strict:
            raise typer.Exit(1)


def main() -> None:
    """Console entry point: every error is one line on stderr; exit 1 for a failure, 2 for a usage error.

    A traceback is shown only with ``--debug``.
    """
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        err.print("interrupted", highlight=False)
        sys.exit(130)
    except BrokenPipeError:  # `newsgraph query … | head`: the reader has gone, which is not an error
        sys.stderr.close()
        sys.exit(0)
    except NewsgraphError as exc:
        if _state["debug"]:
            raise
        err.print(f"[red]error:[/red] {_one_line(str(exc))}", highlight=False)
        sys.exit(1)
    except Exception as exc:
        kinds = {cls.__name__ for cls in type(exc).__mro__}
        if "ClickException" in kinds:  # Typer bundles its own click, so its exceptions are known by name
            message = _one_line(exc.format_message())  # type: ignore[attr-defined]
            if "UsageError" in kinds:
                ctx = getattr(exc, "ctx", None)
                command = ctx.command_path if ctx is not None else "newsgraph"
                err.print(f"[red]usage error:[/red] {message} (see {command} --help)", highlight=False)
                sys.exit(2)
            err.print(f"[red]error:[/red] {message}", highlight=False)
            sys.exit(getattr(exc, "exit_code", 1))
        if "Abort" in kinds:
            err.print("interrupted", highlight=False)
            sys.exit(130)
        # A bug: say what it was in one line; --debug shows where.
        if _state["debug"]:
            raise
        err.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {_one_line(str(exc))} (run with --debug for details)",
            highlight=False,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _one_line(text: str) -> str:
    return " ".join(text.split())
