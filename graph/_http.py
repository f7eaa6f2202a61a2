"""The HTTP side of ``newsgraph serve`` that is no route: refusals as one-line text answers, the checks of who may
ask (cross-site requests, proxies, the ``Host`` a request names), request bodies under a limit, and answers whose
bytes count against the server's budget until sent (``graph/server.py``).

>>> sorted(allowed_hosts("127.0.0.1"))
['127.0.0.1', '::1', 'localhost']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from newsgraph.errors import NewsgraphError, QueryError

__all__ = [
    "HTML_HEADERS",
    "LOOPBACK",
    "LOOPBACK_NAMES",
    "Held",
    "HostCheck",
    "Refused",
    "allowed_hosts",
    "answering",
    "cross_site",
    "decode",
    "escape",
    "proxied",
    "read_body",
    "short_text",
]

log = logging.getLogger("newsgraph.graph.server")

HTML_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

LOOPBACK = {"127.0.0.1", "::1"}


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def short_text(status: int, message: str) -> PlainTextResponse:
    # nosniff: a reflected error text must never be taken for a page or a script
    return PlainTextResponse(
        message.rstrip() + "\n", status_code=status, headers={"X-Content-Type-Options": "nosniff"}
    )


#: headers reverse proxies and CDNs add; a request that carries one did not come from loopback, whatever its peer
#: says (and neither did one through a proxy that adds none: loopback is trusted only when the operator says so)
_PROXY_HEADERS = {
    "forwarded",
    "via",
    "x-real-ip",
    "x-client-ip",
    "true-client-ip",
    "cf-connecting-ip",
    "fastly-client-ip",
    "x-cluster-client-ip",
    "x-proxyuser-ip",
    "client-ip",
}
_PROXY_PREFIXES = ("x-forwarded-", "x-original-", "x-envoy-", "x-amzn-")


def proxied(request: Request) -> list[str]:
    return [h for h in request.headers if h in _PROXY_HEADERS or h.startswith(_PROXY_PREFIXES)]


def cross_site(request: Request) -> str | None:
    """Why a request looks cross-site (a form on another origin posting to us), or None.

    Browsers send ``Sec-Fetch-Site`` (``same-origin``, ``same-site``, ``cross-site``, ``none``) and ``Origin``
    on every POST; clients that are not browsers (curl, SPARQLWrapper) send neither.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return f"Sec-Fetch-Site: {site}"
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != host.lower():
            return f"Origin: {origin}"
    return None


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"request body over the {limit:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"request body over the {limit:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


class Held(Response):
    """An answer whose bytes count against the server's budget until it has been sent (or the client left)."""

    def __init__(self, body: bytes, status: int, content_type: str, release: Callable[[], None]) -> None:
        super().__init__(body, status_code=status, media_type=None, headers={"Content-Type": content_type})
        self.release = release

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.release()


async def answering(handler: Callable[[Request], Any], request: Request) -> Response:
    """Every failure as a status and a one-line text reason, never a traceback."""
    try:
        return await handler(request)
    except Refused as refusal:
        return short_text(refusal.status, refusal.message)
    except QueryError as exc:
        return short_text(400, str(exc))
    except NewsgraphError as exc:
        return short_text(500, " ".join(str(exc).split()) or type(exc).__name__)
    except Exception as exc:  # a bug: logged with its traceback, answered in one line
        log.exception("request failed")
        return short_text(500, f"internal error: {type(exc).__name__}")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None


LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def allowed_hosts(bind: str, extra: list[str] | None = None) -> set[str]:
    """The ``Host`` names a server bound to ``bind`` answers to (DNS rebinding: a page on another name that
    resolves to us must not read the store).

    >>> sorted(allowed_hosts("127.0.0.1"))
    ['127.0.0.1', '::1', 'localhost']
    """
    import socket

    names = set(LOOPBACK_NAMES)
    if bind not in LOOPBACK_NAMES:
        names.add(bind)
    if bind in {"0.0.0.0", "::", ""}:
        names |= {socket.gethostname(), socket.getfqdn()}
    names |= set(extra or [])
    return {n.lower().strip("[]") for n in names if n}


def host_name(header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostCheck:
    """Answer only requests whose ``Host`` is one of ours. (Starlette's TrustedHostMiddleware cuts ``[::1]:8000``
    at the first colon, so an IPv6 loopback client would be refused: this is the same check, with IPv6 hosts.)"""

    def __init__(self, app: Any, hosts: set[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                response = short_text(400, f"refused: this server does not answer to the host name {host!r}")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
