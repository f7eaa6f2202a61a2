"""The ``newsgraph`` command: thin Typer commands over the library. Data goes to stdout, diagnostics to stderr.

Exit codes: 0 ok, 1 failure, 2 usage error. Every command takes ``--verbose`` and ``--debug`` after its name as
well as before it. Rows come out in one contract (``newsgraph._output``): ``--format json`` is a list of
objects everywhere, ``csv`` and ``tsv`` plain values under plain headers, ``table`` a table; ``query --format
sparql-json`` gives the SPARQL results document itself.

The commands live in ``newsgraph._cli``, one module per group (thin Typer commands over the library); this module is
the entry point (``main``: every error one line) and re-exports ``app``.

Heavy libraries (spaCy, rdflib, networkx, the page) are imported inside the commands that need them: ``newsgraph
--help`` and the query commands start in a fraction of a second (``benchmarks/startup.py`` measures it).
"""

from __future__ import annotations

import importlib
import sys

from newsgraph._cli._common import (
    BATCH_SIZE,
    SERVE_MAX_BODY,
    SERVE_TIMEOUT,
    _say,
    _state,
    app,
    err,
    out,
)
from newsgraph.errors import NewsgraphError

__all__ = ["BATCH_SIZE", "SERVE_MAX_BODY", "SERVE_TIMEOUT", "app", "err", "main", "out"]

# each module registers its commands on ``app`` when imported, in this order (the order ``--help`` lists them)
for _group in ("ingest", "query", "analyze", "serve", "evaluate", "actors"):
    importlib.import_module(f"newsgraph._cli.{_group}")


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
