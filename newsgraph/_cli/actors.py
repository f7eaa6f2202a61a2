"""``newsgraph actors``: correct the graph (merge, split, retype, rename, alias, hide, undo), read the log, write the
user actor table. Thin commands over ``KnowledgeGraph``'s correction methods (``newsgraph._corrections``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from newsgraph._cli._common import StoreOpt, _check, _command, _emit, _open, app, err
from newsgraph._output import FORMATS, clean, write_atomic

if TYPE_CHECKING:
    from newsgraph._corrections import Applied

actors_app = typer.Typer(
    help="Correct the actors of the graph: merge, split, retype, rename, alias, hide, undo. Each correction is kept"
    " in the store with who made it and when, applied at once to the stored articles, and to every article ingested"
    " later.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(actors_app, name="actors")

ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="NAME", help="Who makes the correction (default: $NEWSGRAPH_USER or your login)."
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Why, for the log.")]
ActorArg = Annotated[
    str, typer.Argument(metavar="ACTOR", help="The actor: its label, an alias, a surname or IRI.")
]


def _done(applied: Applied) -> None:
    c = applied.correction
    count = len(applied.articles)
    err.print(
        Text(
            clean(
                f"{c.describe()}: {count} stored article{'' if count == 1 else 's'} rewritten"
                f" (correction {c.number}, by {c.by})"
            )
        )
    )


def _writer(store: str | None) -> Any:
    return _open(store, read_only=False)


@_command("merge", group=actors_app)
def actors_merge(
    actor: ActorArg,
    into: Annotated[
        str, typer.Argument(metavar="INTO", help="The actor it is (label, alias, surname or IRI).")
    ],
    note: NoteOpt = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """ACTOR is INTO: its mentions, roles and figures become INTO's; its names stay as INTO's aliases."""
    _done(_writer(store).merge(actor, into, note=note, by=by))


@_command("split", group=actors_app)
def actors_split(
    actor: ActorArg,
    name: Annotated[str, typer.Option("--as", metavar="NAME", help="The other actor's name.")],
    mention: Annotated[
        list[str] | None,
        typer.Option(
            "--mention", metavar="TEXT", help="Mentions written so (any case) are NAME; repeatable."
        ),
    ] = None,
    article: Annotated[
        list[str] | None,
        typer.Option(
            "--article",
            metavar="ARTICLE",
            help="Only in this article (IRI, headline, URL or file name); repeatable.",
        ),
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", metavar="TYPE", help="NAME's type (default: ACTOR's).")
    ] = None,
    note: NoteOpt = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """Some mentions of ACTOR are another actor, NAME: those written --mention TEXT, in --article ARTICLE, or both."""
    _done(
        _writer(store).split(
            actor, name, mentions=mention or (), articles=article or (), type=type, note=note, by=by
        )
    )


@_command("retype", group=actors_app)
def actors_retype(
    actor: ActorArg,
    type: Annotated[
        str, typer.Argument(metavar="TYPE", help="Person, Organization, Country, Place or Agreement.")
    ],
    note: NoteOpt = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """ACTOR is of another TYPE."""
    _done(_writer(store).retype(actor, type, note=note, by=by))


@_command("rename", group=actors_app)
def actors_rename(
    actor: ActorArg,
    label: Annotated[str, typer.Argument(metavar="LABEL", help="Its label from now on.")],
    note: NoteOpt = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """ACTOR is called LABEL; the old label stays as an alias."""
    _done(_writer(store).rename(actor, label, note=note, by=by))


@_command("alias", group=actors_app)
def actors_alias(
    actor: ActorArg,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Another name it goes by.")],
    note: NoteOpt = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """NAME is another name of ACTOR: commands and queries find it by NAME too."""
    _done(_writer(store).alias(actor, name, note=note, by=by))


@_command("hide", group=actors_app)
def actors_hide(actor: ActorArg, note: NoteOpt = None, by: ByOpt = None, store: StoreOpt = None) -> None:
    """ACTOR is no actor (page junk, a misreading): it leaves every article; its events and figures stay."""
    _done(_writer(store).hide(actor, note=note, by=by))


@_command("undo", group=actors_app)
def actors_undo(
    number: Annotated[
        int | None,
        typer.Argument(metavar="[N]", help="The correction's number (actors log); default: the last."),
    ] = None,
    by: ByOpt = None,
    store: StoreOpt = None,
) -> None:
    """Withdraw a correction: it stays in the log, marked undone; the articles it changed are extracted again."""
    applied = _writer(store).undo(number, by=by)
    c = applied.correction
    count = len(applied.articles)
    err.print(
        Text(
            clean(
                f"undid {c.number} ({c.describe()}): {count} stored article{'' if count == 1 else 's'} rewritten"
            )
        )
    )


@_command("apply", group=actors_app)
def actors_apply(store: StoreOpt = None) -> None:
    """Apply every correction to every stored article again (after importing another store's corrections)."""
    applied = _writer(store).reapply()
    count = len(applied.articles) if applied else 0
    err.print(Text(clean(f"{count} stored article{'' if count == 1 else 's'} rewritten")))


@_command("log", group=actors_app)
def actors_log(
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    store: StoreOpt = None,
) -> None:
    """Every correction made in the store, in the order they apply: what, by whom, when, and whether undone."""
    _check(format, FORMATS)
    rows = [
        {
            "number": c.number,
            "action": c.action,
            "correction": c.describe(),
            "by": c.by,
            "at": c.at,
            "note": c.note,
            "undone": f"{c.undone_at} by {c.undone_by}" if c.undone_at else None,
            "actor": c.actor,
            "into": c.into,
        }
        for c in _open(store).corrections()
    ]
    columns = ["number", "correction", "by", "at", "note", "undone"]
    _emit(rows, columns if format == "table" else [*columns, "action", "actor", "into"], format)


@_command("table", group=actors_app)
def actors_table(
    output: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="File (default: stdout).")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """The store's corrections as a user actor table (Turtle, the --actors format): `ingest --actors FILE` makes
    them in another store, `extract --actors FILE` shows their effect."""
    text = _open(store).actor_table()
    if output is None:
        sys.stdout.write(text)
        return
    path = write_atomic(output, text.encode("utf-8"))
    err.print(Text(clean(f"wrote {path}")))
