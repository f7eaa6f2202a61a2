"""``newsgraph stats``, ``info``, ``evaluate`` and ``rules``: what the store holds, what extraction is worth."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from newsgraph import __version__
from newsgraph._cli._common import (
    ActorsOpt,
    LexiconOpt,
    ModelOpt,
    NamesOpt,
    StoreOpt,
    WithoutOpt,
    _check,
    _command,
    _emit,
    _location,
    _model_name,
    _names_off,
    _open,
    _say,
    _shown,
    _state,
    err,
    out,
)
from newsgraph._output import clean

if TYPE_CHECKING:
    pass


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
    profile: Annotated[
        Path | None,
        typer.Option(metavar="PATH", help="Time the parse, each phase and each rule over these articles."),
    ] = None,
    top: Annotated[int, typer.Option(min=0, help="With --profile: the N slowest rules (0: all).")] = 25,
) -> None:
    """List the rules of extraction in the order they apply, each with its phenomenon, example and tests."""
    _check(format, ("table", "json", "csv", "tsv", "markdown"))
    if profile is not None:
        from newsgraph.loaders.profiling import profile_rules

        result = profile_rules([profile], on_error=lambda e: _say("yellow", "skipped:", str(e)))
        if format == "markdown":
            sys.stdout.write(result.to_markdown(top=top))
        else:
            _emit(result.rows(top=top), list(result.rows()[0]), format, nested=result.to_dict())
        err.print(Text(result.summary()))
        return
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
