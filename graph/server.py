"""``newsgraph serve``: the SPARQL 1.1 Protocol over the store, the graph page, a query page and named queries.

Endpoints:

- ``/sparql``: ``GET ?query=``, ``POST`` form (``query=`` or ``update=``), ``POST application/sparql-query`` and
  ``application/sparql-update``. SELECT and ASK answer in SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and
  DESCRIBE in Turtle, N-Triples, JSON-LD or RDF/XML, chosen by ``Accept`` (or ``format=json`` and the like).
- ``/``: the interactive graph page; ``/query``: a page that runs the named queries and shows a table.
- ``/queries``: the named queries as JSON; ``/queries/{name}?param=value``: one of them, values bound safely.

What is refused, with a short text body: ``SERVICE`` and ``LOAD`` (they would reach the network or the file
system), ``FROM``/``FROM NAMED`` and ``default-graph-uri``/``named-graph-uri`` naming a graph that is not in the
store (400); updates unless the server was started with ``allow_update`` and the request carries the update token,
or comes from loopback through no proxy on a server told to trust loopback (403); a body over ``max_body`` bytes
(413); a result over ``max_result`` bytes (413); an unknown content type (415); no acceptable result format (406).
Every query and update is checked and run in a worker process under a time limit (see ``_pool``): one that
overruns is stopped and answered with 503, and the server keeps serving the others. The event loop only reads
requests and writes answers, and holds at most ``max_held`` bytes of answers for clients still reading them.

>>> app = create_app(None)  # in memory, for a look at the routes
>>> sorted({route.path for route in app.starlette.routes})
['/', '/actors', '/queries', '/queries/{name}', '/query', '/sparql']
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from newsgraph.errors import NewsgraphError, QueryError, UnknownQueryError
from newsgraph.graph._access import AccessLog
from newsgraph.graph._http import (
    HTML_HEADERS,
    LOOPBACK,
    LOOPBACK_NAMES,
    Held,
    HostCheck,
    Refused,
    allowed_hosts,
    answering,
    cross_site,
    decode,
    escape,
    proxied,
    read_body,
    short_text,
)
from newsgraph.graph._negotiation import GRAPH_TYPES, RESULT_TYPES, SHORT_FORMATS, Sink, negotiate
from newsgraph.graph._pool import QueryPool, TaskTimeout, WorkerUnavailable
from newsgraph.graph._results import is_triples, serialize
from newsgraph.graph._sparql import check
from newsgraph.queries import bind_params, list_queries, load_query

__all__ = [
    "DEFAULT_MAX_BODY",
    "DEFAULT_MAX_RESULT",
    "DEFAULT_MEMORY_LIMIT",
    "DEFAULT_TIMEOUT",
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "allowed_hosts",
    "create_app",
    "negotiate",
    "serve",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BODY = 1024 * 1024
#: the largest serialised result a worker hands back; the server holds at most four of them for slow readers
DEFAULT_MAX_RESULT = 64 * 1024 * 1024
#: private memory each query worker may use (RLIMIT_DATA): a query that builds more is stopped
DEFAULT_MEMORY_LIMIT = 1024 * 1024 * 1024


# ---------------------------------------------------------------------------------------------- worker side
def execute(store: Any, task: Mapping[str, Any]) -> Any:
    """Run one task in a worker process (queries, updates, the page, the graph list), on the last state writers
    beside the server have committed."""
    if hasattr(store, "refresh"):
        store.refresh()
    op = task["op"]
    if op == "graphs":
        return store.graph_names()
    if op == "page":
        from newsgraph.graph.render import page_data, render_html

        data = page_data(store)
        if task.get("curation"):  # the page may send corrections to this server
            data["curation"] = {"endpoint": "/actors"}
        return render_html(data, title=task.get("title", "newsgraph")).encode("utf-8")
    if op == "curate":
        from newsgraph.graph.curation import page_correction

        return page_correction(store, task)
    if op == "update":
        store.update(task["sparql"])
        return None
    # the check runs here, in the worker and under its time limit, never in the server's event loop
    checked = check(task["sparql"])
    named = [*checked.dataset, *(task.get("default_graph") or []), *(task.get("named_graphs") or [])]
    if named:
        graphs = set(store.graph_names())
        outside = [iri for iri in named if iri not in graphs]
        if outside:
            raise QueryError(f"refused: {outside[0]!r} is not a graph in this store")
    bindings = bind_params(task["sparql"], task.get("params", {}))
    result = store.query(
        task["sparql"],
        bindings,
        default_graph=task.get("default_graph"),
        named_graphs=task.get("named_graphs"),
        lazy=True,
    )
    table = GRAPH_TYPES if is_triples(result) else RESULT_TYPES
    media = negotiate(task.get("accept"), list(table))
    if media is None:
        return (
            406,
            "text/plain",
            f"no acceptable format; this result is one of: {', '.join(table)}".encode(),
        )
    limit = task.get("max_result") or 0
    sink = Sink(limit)
    try:
        serialize(result, table[media], sink)
    except Exception as exc:  # a lazy result is evaluated as it is written: its errors surface here
        if sink.over:
            return (413, "text/plain", f"the result is over the {limit:,}-byte limit: add a LIMIT\n".encode())
        raise QueryError(f"query failed: {' '.join(str(exc).split()) or type(exc).__name__}") from None
    content_type = f"{media}; charset=utf-8" if media.startswith("text/") or "json" in media else media
    return (200, content_type, sink.value())


class _Server:
    def __init__(
        self,
        location: str | Path | None,
        *,
        allow_update: bool,
        timeout: float,
        workers: int,
        max_body: int,
        title: str,
        update_token: str | None = None,
        memory_limit: int | None = None,
        trust_loopback: bool = False,
        max_result: int = DEFAULT_MAX_RESULT,
    ) -> None:
        self.location = location
        self.allow_update = allow_update
        self.update_token = update_token
        self.trust_loopback = trust_loopback
        self.max_result = max_result
        #: bytes of answers held for clients still reading them, and the most that may be
        self.held = 0
        self.max_held = 4 * max_result
        #: the page, with the store version and the snapshot it was built from; the version moves with every update
        #: and correction through the server, the snapshot with every commit of a writer beside it
        self._page: tuple[tuple[int, int | None], bytes] | None = None
        self._version = 0
        self._page_lock: asyncio.Lock | None = None
        self.timeout = timeout
        self.max_body = max_body
        self.title = title
        self.workers = workers
        self.pool: QueryPool | None = None
        self._memory: Any = None
        if location is None:
            from newsgraph.graph.store import Store

            self._memory = Store()  # for tests of the routes only: no worker, no time limit
        else:
            self.pool = QueryPool(
                location,
                execute,
                workers=workers,
                read_only=not allow_update,
                timeout=timeout,
                memory_limit=memory_limit,
            )

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _snapshot(self) -> int | None:
        """The newest snapshot a writer beside the server published (None for a server or in-memory store)."""
        from newsgraph.graph import _snapshots
        from newsgraph.graph.remote import is_remote

        if self.location is None or is_remote(str(self.location)):
            return None
        return _snapshots.latest(Path(self.location))

    async def run(self, task: dict[str, Any], *, timeout: float | None = None) -> Any:
        if self.pool is None:
            return execute(self._memory, task)
        try:
            return await run_in_threadpool(partial(self.pool.run, task, timeout=timeout))
        except TaskTimeout:
            raise Refused(503, f"query stopped: it ran past the {self.timeout:g} s time limit") from None
        except WorkerUnavailable as exc:
            raise Refused(503, str(exc)) from None

    # ------------------------------------------------------------------ checks
    def check_update(self, request: Request) -> None:
        """Who may update. (What the update does is checked in the worker, by ``Store.update``.)"""
        if not self.allow_update:
            raise Refused(403, "updates are not allowed (start the server with --allow-update)")
        if self.update_token is not None:
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            # compared as bytes: a header is Latin-1 text, and compare_digest refuses non-ASCII str
            given = token.strip().encode("latin-1", "replace")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                given, self.update_token.encode("utf-8")
            ):
                raise Refused(403, "updates need the server's update token (Authorization: Bearer TOKEN)")
            return
        host = request.client.host if request.client else ""
        via = proxied(request)
        if not self.trust_loopback or host not in LOOPBACK or via:
            raise Refused(
                403,
                "updates need the server's update token (start it with --update-token); without one they are"
                " accepted only with --trust-loopback, from loopback, and through no proxy",
            )

    # ------------------------------------------------------------------ routes
    async def sparql(self, request: Request) -> Response:
        return await answering(self._sparql, request)

    async def _sparql(self, request: Request) -> Response:
        params = list(request.query_params.multi_items())
        query: str | None = None
        update: str | None = None
        if request.method == "GET":
            query = request.query_params.get("query")
            if query is None:
                if "text/html" in request.headers.get("accept", ""):
                    return RedirectResponse("/query", status_code=303)
                raise Refused(400, "give a SPARQL query as ?query=")
        elif request.method == "POST":
            why = cross_site(request)
            if why is not None:
                raise Refused(403, f"cross-site request refused ({why})")
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await read_body(request, self.max_body)
            text = decode(body)
            if content_type == "application/x-www-form-urlencoded":
                form = parse_qsl(text, keep_blank_values=True)
                params += form
                values = dict(form)
                query, update = values.get("query"), values.get("update")
                if query is None and update is None:
                    raise Refused(400, "the form needs a query= or an update= field")
                if query is not None and update is not None:
                    raise Refused(400, "the form has both query= and update=; send one")
            elif content_type == "application/sparql-query":
                query = text
            elif content_type == "application/sparql-update":
                update = text
            else:
                raise Refused(
                    415,
                    "send application/sparql-query, application/sparql-update or application/x-www-form-urlencoded",
                )
        else:
            raise Refused(405, "use GET or POST")
        if query is not None and len(query.encode("utf-8")) > self.max_body:
            raise Refused(413, f"query over the {self.max_body:,}-byte limit")
        default_graph = [v for k, v in params if k == "default-graph-uri"]
        named_graphs = [v for k, v in params if k == "named-graph-uri"]
        if update is not None:
            self.check_update(request)
            self._version += 1  # a page being built now is not kept past this update
            try:
                await self.run({"op": "update", "sparql": update})
            finally:
                self._version += 1
            return Response(status_code=204)
        assert query is not None
        return await self._answer(
            request,
            {
                "op": "query",
                "sparql": query,
                "default_graph": default_graph or None,
                "named_graphs": named_graphs or None,
            },
        )

    async def _answer(self, request: Request, task: dict[str, Any]) -> Response:
        # format=json and the like (as many clients send) wins over Accept; a value we do not know is ignored.
        short = (request.query_params.get("format") or "").lower()
        explicit = SHORT_FORMATS.get(short) or (
            short if short in RESULT_TYPES or short in GRAPH_TYPES else None
        )
        task["accept"] = explicit or request.headers.get("accept")
        task["max_result"] = self.max_result
        status, content_type, body = await self.run(task)
        size = len(body)
        if self.held + size > self.max_held:
            raise Refused(
                503, "the server is holding too many results for clients still reading them: try again"
            )
        self.held += size
        return Held(body, status, content_type, lambda: self._release(size))

    def _release(self, size: int) -> None:
        self.held -= size

    async def named(self, request: Request) -> Response:
        return await answering(self._named, request)

    async def _named(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            named = load_query(name)
        except UnknownQueryError as exc:
            return short_text(404, str(exc))
        given = {k: v for k, v in request.query_params.items() if k != "format"}
        missing = [p for p in named.params if p not in given]
        unknown = [p for p in given if p not in named.params]
        if missing:
            return short_text(400, f"query {name!r} needs parameter(s): {', '.join(missing)}")
        if unknown:
            return short_text(400, f"query {name!r} has no parameter(s): {', '.join(unknown)}")
        return await self._answer(request, {"op": "query", "sparql": named.text, "params": given})

    async def catalogue(self, request: Request) -> Response:
        return JSONResponse(
            [
                {
                    "name": q.name,
                    "description": q.description,
                    "params": list(q.params),
                    "param_help": list(q.param_help),
                    "columns": list(q.columns),
                }
                for q in list_queries()
            ]
        )

    async def page(self, request: Request) -> Response:
        """The graph page, built once and kept while the store is as it was built from: the same version (every
        update and correction through the server moves it, before and after it runs) and the same snapshot (a
        writer beside the server publishes a newer one when it commits)."""
        return await answering(self._page_response, request)

    async def _page_response(self, request: Request) -> Response:
        if self._page_lock is None:
            self._page_lock = asyncio.Lock()
        async with self._page_lock:
            state = (self._version, self._snapshot())
            if self._page is None or self._page[0] != state:
                task = {"op": "page", "title": self.title, "curation": self.allow_update}
                self._page = (state, await self.run(task))
            html = self._page[1]
        return Response(html, media_type="text/html; charset=utf-8", headers=HTML_HEADERS)

    async def actors(self, request: Request) -> Response:
        """``POST /actors``: a correction from the page (``{"action": "merge", "actor": IRI, "into": IRI}`` or
        ``{"action": "hide", "actor": IRI}``), under the rules of an update: ``--allow-update``, the update token
        (or loopback with ``--trust-loopback``), and never from another site. Answers the correction made, as JSON."""
        try:
            why = cross_site(request)
            if why is not None:
                raise Refused(403, f"cross-site request refused ({why})")
            self.check_update(request)
            try:
                body = json.loads(decode(await read_body(request, self.max_body)) or "{}")
            except ValueError:
                raise Refused(400, "send the correction as JSON") from None
            action = body.get("action") if isinstance(body, dict) else None
            if action not in {"merge", "hide"} or not isinstance(body.get("actor"), str):
                raise Refused(
                    400,
                    'send {"action": "merge", "actor": IRI, "into": IRI} or {"action": "hide", "actor": IRI}',
                )
            if action == "merge" and not isinstance(body.get("into"), str):
                raise Refused(400, "a merge needs into: the actor the other one is")
            client = request.client.host if request.client else "unknown"
            task = {
                "op": "curate",
                "action": action,
                "actor": body["actor"],
                "into": body.get("into"),
                "by": str(body.get("by") or f"the page, from {client}")[:200],
                "note": body.get("note") if isinstance(body.get("note"), str) else None,
            }
            self._version += 1  # a page being built now is not kept past this correction
            try:
                done = await self.run(
                    task, timeout=max(self.timeout, 300.0)
                )  # rewrites the articles it touches
            finally:
                self._version += 1
        except Refused as refusal:
            return short_text(refusal.status, refusal.message)
        except NewsgraphError as exc:
            return short_text(400, str(exc))
        return JSONResponse(done)

    async def query_page(self, request: Request) -> Response:
        from importlib import resources

        template = (
            resources.files("newsgraph.graph").joinpath("templates/query.html").read_text(encoding="utf-8")
        )
        catalogue = [
            {
                "name": q.name,
                "description": q.description,
                "params": list(q.params),
                "help": list(q.param_help),
            }
            for q in list_queries()
        ]
        data = json.dumps(catalogue, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")
        html = template.replace("/*QUERIES*/[]", data).replace("{{title}}", escape(self.title))
        return HTMLResponse(html, headers=HTML_HEADERS)


def create_app(
    location: str | Path | None,
    *,
    allow_update: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 2,
    max_body: int = DEFAULT_MAX_BODY,
    title: str = "newsgraph",
    hosts: set[str] | None = None,
    update_token: str | None = None,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    trust_loopback: bool = False,
    max_result: int = DEFAULT_MAX_RESULT,
) -> Any:
    """The ASGI application over the store at ``location`` (a directory or a SPARQL server's URL).

    Worker processes open the store before this returns, so a missing store fails here, not at the first
    request. ``None`` serves an empty in-memory store without workers (no time limit): for trying the routes.
    ``hosts`` are the ``Host`` names answered (default: loopback names); ``update_token``, when given, is what
    an update must carry as ``Authorization: Bearer TOKEN`` (from any client); without it an update is accepted
    only with ``trust_loopback``, from loopback and through no proxy. ``memory_limit`` caps each query worker,
    in bytes; ``max_result`` each serialised result.
    """
    server = _Server(
        location,
        allow_update=allow_update,
        timeout=timeout,
        workers=workers,
        max_body=max_body,
        title=title,
        update_token=update_token,
        memory_limit=memory_limit,
        trust_loopback=trust_loopback,
        max_result=max_result,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        server.close()

    app = Starlette(
        routes=[
            Route("/", server.page, methods=["GET"]),
            Route("/query", server.query_page, methods=["GET"]),
            Route("/queries", server.catalogue, methods=["GET"]),
            Route("/queries/{name}", server.named, methods=["GET"]),
            Route("/sparql", server.sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/actors", server.actors, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.server = server
    outer = AccessLog(HostCheck(app, hosts if hosts is not None else allowed_hosts("127.0.0.1")))
    outer.starlette = app
    return outer


def serve(
    location: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_update: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 2,
    max_body: int = DEFAULT_MAX_BODY,
    log_level: str = "warning",
    announce: Callable[[str], None] | None = None,
    allow_hosts: list[str] | None = None,
    update_token: str | None = None,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    trust_loopback: bool = False,
    max_result: int = DEFAULT_MAX_RESULT,
) -> None:
    """Serve the store until interrupted (uvicorn on ``host``:``port``; loopback by default).

    ``announce`` is called with the endpoint's URL once the store is open, before requests are taken. Updates
    need ``update_token``, or ``trust_loopback`` on a loopback server (the operator's word that no proxy on this
    host forwards to it): ``allow_update`` without either refuses to start, and so does a server bound beyond
    loopback without a token. uvicorn is told not to trust ``X-Forwarded-For``, so the peer address is the real one.
    """
    import uvicorn

    if allow_update and host not in LOOPBACK_NAMES and not update_token:
        raise NewsgraphError(
            f"--allow-update on {host} would let any host that reaches it change the store:"
            " give --update-token (or NEWSGRAPH_UPDATE_TOKEN)"
        )
    if allow_update and not update_token and not trust_loopback:
        raise NewsgraphError(
            "--allow-update needs --update-token TOKEN (or NEWSGRAPH_UPDATE_TOKEN), or --trust-loopback when no"
            " proxy on this host forwards to the server (a proxy's requests come from loopback too)"
        )
    app = create_app(
        location,
        allow_update=allow_update,
        timeout=timeout,
        workers=workers,
        max_body=max_body,
        hosts=allowed_hosts(host, allow_hosts),
        update_token=update_token,
        memory_limit=memory_limit,
        trust_loopback=trust_loopback,
        max_result=max_result,
    )
    if announce is not None:
        announce(f"http://{host}:{port}/sparql")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,  # ours (``_AccessLog``) says how long each request took
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=1,  # Ctrl-C stops it within a second, whatever a client keeps open
    )
