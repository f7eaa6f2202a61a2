"""``newsgraph ingest`` and ``extract``: read, extract and store articles, or show what extraction finds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from newsgraph._cli._common import (
    BATCH_SIZE,
    ActorsOpt,
    LexiconOpt,
    ModelOpt,
    NamesOpt,
    StoreOpt,
    WithoutOpt,
    _check,
    _command,
    _fail,
    _location,
    _names_off,
    _open,
    _published,
    _say,
    _shown,
    _table,
    err,
    out,
)
from newsgraph._output import clean
from newsgraph.errors import NewsgraphError

if TYPE_CHECKING:
    from newsgraph._kg import IngestReport, KnowledgeGraph


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
