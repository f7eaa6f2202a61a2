"""``newsgraph serve``, ``push``, ``offline`` and ``import``: the store over HTTP, to and from other stores."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from newsgraph._cli._common import (
    SERVE_MAX_BODY,
    SERVE_TIMEOUT,
    StoreOpt,
    _command,
    _count,
    _location,
    _open,
    _say,
    _shown,
    _state,
    err,
)
from newsgraph._output import clean
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    pass


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
