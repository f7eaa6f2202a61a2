"""What every ``newsgraph`` command shares: the Typer app, the consoles, the options, how a command is registered
(``--verbose`` and ``--debug`` after its name too), how the store is opened and how rows come out.

Rows come out in one contract (``newsgraph._output``): ``--format json`` is a list of objects everywhere, ``csv``
and ``tsv`` plain values under plain headers, ``table`` a table; ``query --format sparql-json`` gives the SPARQL
results document itself.
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
from newsgraph._output import cell, clean, write_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsgraph._kg import KnowledgeGraph

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


#: past this many items, --format json writes one item a line instead of indenting every level
_ONE_LINE_PAST = 1000


def _emit(rows: list[dict[str, Any]], columns: list[str], format: str, *, nested: Any = None) -> None:
    """Rows as a table, CSV, TSV or JSON (``nested`` when given: the full structure, for JSON)."""
    if format == "json" and nested is not None:
        if isinstance(nested, list) and len(nested) > _ONE_LINE_PAST:
            # a year's analyses (2,000 stories, 768,000 links): one item a line, by the C encoder, which does not
            # indent; indented, the writing took two thirds of `analyze stories --format json` at 20,000 articles
            sys.stdout.write("[\n")
            last = len(nested) - 1
            for index, item in enumerate(nested):
                end = "\n" if index == last else ",\n"
                sys.stdout.write("  " + json.dumps(item, ensure_ascii=False) + end)
            sys.stdout.write("]\n")
            return
        sys.stdout.write(json.dumps(nested, indent=2, ensure_ascii=False) + "\n")
        return
    if format == "table":
        _table(rows, columns)
        return
    write_rows(rows, columns, format, sys.stdout)


def _table(
    rows: list[dict[str, Any]],
    columns: list[str],
    *,
    title: str | None = None,
    said: Callable[[], str | None] | None = None,
) -> None:
    """Rows drawn as a table on stdout; on stderr how many (``said``: what to say instead, asked once the table is
    out, so that a page shows before its total is counted)."""
    from rich.table import Table

    table = Table(*columns, title=title, title_justify="left")
    for row in rows:
        table.add_row(*[Text(cell(row.get(c))) for c in columns])
    out.print(table)
    sys.stdout.flush()
    err.print(Text((said() if said is not None else None) or f"{len(rows)} rows"))


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


def _count(items: Any, noun: str) -> str:
    """ "1 node", "1,234 edges"."""
    number = items if isinstance(items, int) else len(items)
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _model_name() -> str:
    import os

    return os.environ.get("NEWSGRAPH_SPACY_MODEL") or "en_core_web_sm"
