"""Paged listings (issue 29): ``kg.page`` / ``kg.query(limit=, offset=)`` and ``newsgraph query --limit --offset``,
on a real store of the example articles."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from newsgraph import KnowledgeGraph, QueryError
from newsgraph.queries import list_queries

#: a value for each parameter a named query takes, chosen so that the per-actor queries have several rows
PARAMS = {"actor": "North Korea", "target": "North Korea", "name": "north korea"}


def _params(name: str) -> dict[str, str]:
    from newsgraph.queries import load_query

    return {p: PARAMS.get(p, "https://w3id.org/newsgraph/id/none") for p in load_query(name).params}


LISTINGS = [q.name for q in list_queries()]


@pytest.mark.parametrize("name", LISTINGS)
def test_pages_are_the_whole_listing_in_order(example_kg: KnowledgeGraph, name: str) -> None:
    params = _params(name)
    whole = example_kg.query(name, **params)
    size = 4
    pages = []
    offset = 0
    while True:
        page = example_kg.page(name, limit=size, offset=offset, **params)
        assert page.total == len(whole), (name, offset)
        assert len(page.rows) <= size
        pages.append(page.rows)
        offset += size
        if not page.more:
            break
    assert [row for rows in pages for row in rows] == whole, name
    # each page is the same rows as the plain query's window, and the count agrees
    assert example_kg.query(name, limit=size, offset=size, **params) == whole[size : 2 * size]
    assert example_kg.count(name, **params) == len(whole)


def test_the_listings_are_long_enough_to_page(example_kg: KnowledgeGraph) -> None:
    """The test above pages something: the main listings have several pages of four rows on the examples."""
    for name in ("actors", "events", "claims", "co-mentions", "network-edges", "timeline", "figures"):
        assert example_kg.count(name) > 8, name
    assert example_kg.count("actor-events", actor="North Korea") > 8


def test_past_the_end_and_zero(example_kg: KnowledgeGraph) -> None:
    total = example_kg.count("events")
    past = example_kg.page("events", limit=10, offset=total + 5)
    assert past.rows == [] and past.total == total and not past.more
    last = example_kg.page("events", limit=10, offset=total - 1)
    assert len(last.rows) == 1 and last.total == total
    none = example_kg.page("events", limit=0)
    assert none.rows == [] and none.total == total and none.more
    assert "event" in none.columns
    everything = example_kg.page("events", limit=None)
    assert len(everything.rows) == total == everything.total


@pytest.mark.parametrize("window", [{"limit": -1}, {"offset": -3}, {"limit": 2.5}, {"offset": True}])
def test_bad_values_are_refused(example_kg: KnowledgeGraph, window: dict[str, Any]) -> None:
    with pytest.raises(QueryError, match="give a whole number"):
        example_kg.query("events", **window)


def test_inline_sparql_pages_too(example_kg: KnowledgeGraph) -> None:
    text = "SELECT ?s WHERE { GRAPH ?g { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } } ORDER BY ?s"
    whole = example_kg.query(text)
    page = example_kg.page(text, limit=5, offset=5)
    assert page.rows == whole[5:10] and page.total == len(whole) == example_kg.count(text)


def _cli(store: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", "query", *args, "--store", str(store)],
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_the_cli_and_the_api_agree(example_kg: KnowledgeGraph) -> None:
    store = example_kg.store.path
    whole = example_kg.query("events")
    done = _cli(store, "events", "--format", "json", "--limit", "5", "--offset", "5")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["total"] == len(whole) and document["offset"] == 5 and document["limit"] == 5
    assert document["rows"] == whole[5:10]
    # csv: the rows on stdout, the total on stderr
    done = _cli(store, "actor-events", "-p", "actor=North Korea", "--format", "csv", "--limit", "3")
    total = example_kg.count("actor-events", actor="North Korea")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1 + 3
    assert done.stderr.strip().startswith(f"rows 1-3 of {total}")
    # without paging options, json is the whole list as before, and a table the first page
    done = _cli(store, "events", "--format", "json")
    assert json.loads(done.stdout) == whole and done.stderr == ""
    done = _cli(store, "events", "--offset", str(len(whole)))
    assert done.returncode == 0 and f"no rows after {len(whole)} ({len(whole)} in all)" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [("--limit", "-1"), ("--offset", "-2"), ("--limit", "x"), ("--limit", "3", "--all")]
)
def test_bad_values_are_one_line_and_exit_2(example_kg: KnowledgeGraph, args: tuple[str, ...]) -> None:
    done = _cli(example_kg.store.path, "events", *args)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
