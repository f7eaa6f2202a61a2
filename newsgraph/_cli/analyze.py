"""``newsgraph analyze``: centrality, communities, paths, disagreements, stories, happenings, figures, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph._cli._common import (
    StoreOpt,
    _check,
    _command,
    _emit,
    _fail,
    _open,
    app,
)
from newsgraph._output import FORMATS

if TYPE_CHECKING:
    pass


# ---------------------------------------------------------------------------------------------- analyze
analyze_app = typer.Typer(
    help="Network analysis: centrality, communities, paths, stories, disagreements, figures over time, timeline.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(analyze_app, name="analyze")
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")]
IncludeOutletsOpt = Annotated[
    bool,
    typer.Option(
        "--include-outlets",
        help="Keep news organisations in: an outlet that many told things to otherwise joins unrelated stories.",
    ),
]


@_command("centrality", group=analyze_app)
def analyze_centrality(
    top: Annotated[int, typer.Option(min=0, help="How many actors (0: all).")] = 10,
    include_outlets: IncludeOutletsOpt = False,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Actors ranked by PageRank, with degree and betweenness (news organisations left out by default)."""
    _check(format, FORMATS)
    rows = _open(store).centrality(top=top or None, include_outlets=include_outlets)
    _emit(rows, ["label", "kind", "pagerank", "degree", "weighted_degree", "betweenness"], format)


@_command("communities", group=analyze_app)
def analyze_communities(
    seed: Annotated[int, typer.Option(help="Seed of Louvain (same seed, same groups).")] = 7,
    resolution: Annotated[float, typer.Option(min=0.0, help="Higher gives more, smaller groups.")] = 1.0,
    include_outlets: IncludeOutletsOpt = False,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Groups of actors that act together (seeded Louvain on the actor graph; news organisations left out by
    default)."""
    _check(format, FORMATS)
    found = _open(store).communities(seed=seed, resolution=resolution, include_outlets=include_outlets)
    rows = [{**c, "members": "; ".join(c["members"])} for c in found]
    _emit(rows, ["community", "size", "members"], format, nested=found)


@_command("path", group=analyze_app)
def analyze_path(
    source: Annotated[str, typer.Option("--from", metavar="ACTOR", help="An actor's label or IRI.")],
    target: Annotated[str, typer.Option("--to", metavar="ACTOR", help="An actor's label or IRI.")],
    limit: Annotated[int, typer.Option(min=1, help="How many shortest paths.")] = 3,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """The shortest connections between two actors, each hop with the event or affiliation and its sentence."""
    _check(format, FORMATS)
    found = _open(store).paths(source, target, limit=limit)
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


@_command("disagreements", group=analyze_app)
def analyze_disagreements(
    subject: Annotated[str | None, typer.Option(help="Only this subject (or its family).")] = None,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Figures of one measure of one thing in one story that sources give differently (conflict) or that moved
    over time (update), side by side: speaker, date, spread and sources."""
    _check(format, FORMATS)
    found = _open(store).disagreements(subject=subject)
    rows = [
        {
            **f,
            "group": d["subject"],
            "relation": d["relation"],
            "story": d.get("story_label"),
            "spread": d["spread"],
            "counted": f["subject"],
        }
        for d in found
        for f in d["figures"]
    ]
    _emit(
        rows,
        ["group", "relation", "story", "figure", "counted", "speaker", "date", "spread", "title", "sentence"],
        format,
        nested=found,
    )


@_command("stories", group=analyze_app)
def analyze_stories(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """Articles about one happening, grouped into stories by the rare names they share, close in time: one row per
    article, with its story's number and label (each link with its evidence in --format json)."""
    _check(format, FORMATS)
    found = _open(store).stories()
    # what each story's links share, once a story (a year's largest story has thousands of articles and links)
    shared = ["; ".join(sorted({n for link in s["links"] for n in link["shared"]})) for s in found]
    rows = [
        {
            "story": number,
            "label": s["label"],
            "published": report["published"],
            "title": report["title"] or report["article"],
            "outlet": report["outlet"],
            "shared": shared[number - 1],
        }
        for number, s in enumerate(found, 1)
        for report in sorted(s["reports"], key=lambda r: (r["published"] or "", r["title"] or ""))
    ]
    columns = ["story", "label", "published", "title", "outlet"]
    _emit(rows, columns if format == "table" else [*columns, "shared"], format, nested=found)


@_command("happenings", group=analyze_app)
def analyze_happenings(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """One happening told by several articles of a story: one row per report, with the evidence that joined them
    (each happening with its reports nested in --format json)."""
    _check(format, FORMATS)
    found = _open(store).happenings()
    rows = [
        {
            "happening": number,
            "type": h["type"],
            "label": h["label"],
            "date": h["date"],
            "place": h["place"],
            "story": h["story_label"],
            "title": r["title"],
            "outlet": r["outlet"],
            "sentence": r["sentence"],
            "evidence": "; ".join(h["evidence"]),
        }
        for number, h in enumerate(found, 1)
        for r in h["reports"]
    ]
    columns = [
        "happening",
        "type",
        "label",
        "date",
        "place",
        "story",
        "title",
        "outlet",
        "sentence",
        "evidence",
    ]
    _emit(rows, columns, format, nested=found)


@_command("figures", group=analyze_app)
def analyze_figures(
    subject: Annotated[
        str | None,
        typer.Argument(
            help="What is counted, e.g. 'North Korean soldiers killed' (none: list what is counted)."
        ),
    ] = None,
    format: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """How an estimate moved: every figure for a subject in date order, with speaker and source. Without a subject:
    what the figures count, by subject family, most figures first."""
    _check(format, FORMATS)
    kg = _open(store)
    if subject is None:
        found = kg.figure_subjects()
        rows = [{**s, "counted": "; ".join(s["counted"])} for s in found]
        _emit(rows, ["subject", "figures", "articles", "counted"], format, nested=found)
        return
    rows = kg.figure_history(subject)
    _emit(rows, ["date", "figure", "subject", "speaker", "title", "sentence"], format)


@_command("timeline", group=analyze_app)
def analyze_timeline(format: FormatOpt = "table", store: StoreOpt = None) -> None:
    """Events in date order with granularity and sources."""
    _check(format, FORMATS)
    rows = _open(store).timeline()
    _emit(rows, ["date", "granularity", "type", "label", "place", "title"], format)
