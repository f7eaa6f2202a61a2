"""The year-of-news corpus (``benchmarks/corpus.py --kind year``) and ``make bench-scale`` at a tiny size, through
their real parts: the generator, ``newsgraph ingest --workers 2``, the library's queries, the commands, a server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def test_the_year_is_seeded_and_has_recurring_actors_stories_and_figures_that_conflict_or_move() -> None:
    articles = list(corpus.year(600))
    again = list(corpus.year(600))
    assert [a.text for a in articles] == [a.text for a in again]
    assert [a.text for a in corpus.year(600, seed=8)] != [a.text for a in articles]
    assert len({a.text for a in articles}) == len(articles)  # each article is new to the store
    assert len({a.url for a in articles}) == len(articles)
    # a story (its title's place or parties) is told by several outlets over several days
    by_story: dict[int, list] = defaultdict(list)
    for n, article in enumerate(articles):
        by_story[n % (600 // 12)].append(article)
    outlets = [len({a.outlet for a in told}) for told in by_story.values()]
    days = [len({a.published for a in told}) for told in by_story.values()]
    assert min(outlets) >= 3 and min(days) >= 10
    texts = "\n".join(a.text for a in articles)
    # figures that a later telling updates, and rival sources' figures
    assert len(re.findall(r"rose to [\d,]+", texts)) >= 50
    assert len(re.findall(r"put the death toll at|Organisers said more than|Unions said", texts)) >= 20
    # a few hundred recurring actors: people by full name and then by surname, states, bodies, companies
    cast = corpus._news.cast(7)
    named = [p for p in cast.people if p.name in texts]
    assert len(named) >= 100
    assert any(f"{p.short} added" in texts or f"{p.short} said" in texts for p in named)
    assert sum(s.name in texts for s in cast.states) == len(cast.states)
    assert sum(c.name in texts for c in cast.companies) >= 25


def test_bench_scale_at_a_tiny_size_records_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    out.write_text("# Benchmark results\n\n| measure | value | target | verdict |\n|---|---|---|---|\n"
                   "| kept row | 1 | 2 | met |\n", encoding="utf-8")  # fmt: skip
    command = [
        sys.executable,
        str(BENCH / "scale.py"),
        "--articles",
        "4",
        "--work",
        str(tmp_path),
        "--out",
        str(out),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    table = out.read_text(encoding="utf-8")
    assert "| kept row | 1 | 2 | met |" in table  # another benchmark's rows stay
    assert "by `benchmarks/scale.py --articles 4`" in table
    rows = {line.split(" | ")[0][2:]: line for line in table.splitlines() if line.startswith("| at scale: ")}
    for measure in (
        "at scale: ingest 4 articles of a year --workers 2",
        "at scale: ingest 4 articles: peak RSS, all processes",
        "at scale: store size after 4 articles",
        "at scale: slowest first page with its total",
        "at scale: named queries whose first page with its total is within 100 ms",
        "at scale: summaries of the listings",
        *(
            f"at scale: analyze {name}, {when}"
            for name in ("stories", "happenings", "disagreements")
            for when in ("first call, nothing kept", "everything kept", "after one more article")
        ),
        "at scale: ingest one more article, whole process",
        "at scale: render, whole process",
    ):
        assert measure in rows, (measure, sorted(rows))
    assert "<= 30 s" in rows["at scale: analyze happenings, after one more article"]
    assert any(m.startswith("at scale: query actor-events, most-mentioned actor") for m in rows)
    assert any(m.startswith("at scale: query events: ") for m in rows)
    # each page alone and with its total, with the load it was measured under
    assert all("; load " in line for m, line in rows.items() if m.startswith("at scale: query "))
    assert sum(m.startswith("at scale: serve ") for m in rows) == 3
    assert "<= 20 s" in rows["at scale: render, whole process"]
    assert (tmp_path / "store-4.json").is_file() and (tmp_path / "page.html").is_file()
    # a second run keeps the store and says whose figures its ingest rows are
    again = subprocess.run([*command, "--only", "ingest"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "its ingest figures are that run's" in again.stdout
