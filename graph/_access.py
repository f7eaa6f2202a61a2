"""The server's request log: one line per request once it is answered (method, path, status, time, client), at INFO
on the ``newsgraph.access`` logger, which ``newsgraph serve`` shows on stderr unless ``--quiet``.

>>> access_log.name
'newsgraph.access'
"""

from __future__ import annotations

import logging
import time
from typing import Any

__all__ = ["AccessLog", "access_log"]

#: one line per request (method, path, status, time, client); ``newsgraph serve`` shows them on stderr
access_log = logging.getLogger("newsgraph.access")


class AccessLog:
    """Log each request once it is answered: ``GET /sparql 200 12 ms 127.0.0.1``. The query string is left out
    (it may hold a whole query, or a token someone pasted into a URL)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.starlette: Any = None  # the application inside, for a look at its routes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [0]

        async def record(message: Any) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            client = (scope.get("client") or ("-", 0))[0]
            took = (time.perf_counter() - started) * 1000
            access_log.info(
                "%s %s %s %.0f ms %s", scope.get("method"), scope.get("path"), status[0] or "-", took, client
            )
