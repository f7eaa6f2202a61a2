"""One happening told by several articles: the events of one story that are the same event, with every report.

Each article's graph holds the events it reports. When several outlets (or one outlet on several days) report the
same flood, the same verdict or the same summit, the happening is one, and each report is its provenance. The rule,
deterministic and explainable, within one story (``graph/stories.py``) only:

* two events of different articles are the same happening when they have the same fine type, their dates agree
  (the same day, month or year as far as both say, or one of them has none; and every date of a happening with
  every other), their articles came out at most ten days apart, and they share their place or a particular
  participant (an actor that is not a state; a state counts when the event names no one else);
* statements are the same happening only when their speaker and their day are the same (an official who speaks on
  two days makes two statements);
* a happening is a connected group of such events; it lists every report (article, headline, outlet, sentence)
  and the evidence that joined each pair.

Happenings are computed when asked for, like stories, from the articles' features; each story's are kept beside the
store with what they were computed from, and computed again only when that changed (``graph/incremental.py``).

>>> from newsgraph.graph.store import Store
>>> happenings(Store())
[]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import partial
from typing import Any

from newsgraph.graph.store import AnyStore
from newsgraph.graph.stories import _day
from newsgraph.ontology.taxonomy import Taxonomy

__all__ = ["happenings"]


def _dates_agree(a: str | None, b: str | None) -> bool:
    """The same day, month or year as far as both say ("2024-03" and "2024-03-04" agree; "--03-04", a day with no
    year, agrees with "2024-03-04"); a missing date agrees with any."""
    if not a or not b:
        return True
    if a.startswith("--") or b.startswith("--"):
        a, b = (a[2:] if a.startswith("--") else a[5:]), (b[2:] if b.startswith("--") else b[5:])
        if not a or not b:
            return True
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def story_events(
    articles: list[str], features: Mapping[str, dict[str, Any]], kinds: dict[str, tuple[str, bool]]
) -> list[dict[str, Any]]:
    """The events these articles report (their features' ``reports``), each with its participants (outlets left
    out: an outlet is provenance, not a party) and those of them that are no state, by ``kinds`` (label -> type,
    outlet, as the ``actors`` query gives them)."""
    found = []
    for article in articles:
        item = features[article]
        for row in item["reports"]:
            people = [p for p in row["participants"] if p and not kinds.get(p, ("", False))[1]]
            found.append(
                {
                    "event": row["event"],
                    "type": row["type"],
                    "label": row["label"],
                    "date": row["date"],
                    "place": row["place"],
                    "participants": sorted(people),
                    "particular": sorted(p for p in people if kinds.get(p, ("", False))[0] != "Country"),
                    "sentence": row["sentence"],
                    "article": article,
                    "title": row["title"],
                    "published": item["meta"]["published"],
                    "outlet": item["meta"]["outlet"],
                }
            )
    return found


#: reports of one happening come out within days of each other: articles further apart tell of another one
MAX_DAYS_APART = 10


def _fits(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two reports can be of one happening in time: their dates agree, their articles are days apart."""
    if not _dates_agree(a["date"], b["date"]):
        return False
    day_a, day_b = _day(a["published"]), _day(b["published"])
    return not (day_a and day_b and abs((day_a - day_b).days) > MAX_DAYS_APART)


def _same(a: dict[str, Any], b: dict[str, Any]) -> list[str] | None:
    """Why two events of different articles are one happening (the evidence), or None."""
    if a["article"] == b["article"] or a["type"] != b["type"] or not a["type"] or not _fits(a, b):
        return None
    same_act = a["date"] and a["date"] == b["date"] and set(a["participants"]) & set(b["participants"])
    if Taxonomy.load().top(a["type"]) == "statement" and not same_act:
        return None
    evidence = []
    if a["place"] and a["place"] == b["place"]:
        evidence.append(f"place: {a['place']}")
    shared = sorted(set(a["particular"]) & set(b["particular"]))
    if not shared and not a["particular"] and not b["particular"]:
        shared = sorted(
            set(a["participants"]) & set(b["participants"])
        )  # states alone: the states themselves
    evidence += [f"participant: {name}" for name in shared]
    if not evidence:
        return None
    if a["date"] and a["date"] == b["date"]:
        evidence.append(f"date: {a['date']}")
    return evidence


class _Span:
    """What ``_fits`` reads of a group of reports: its dates (those it has) and its articles' first and last day.
    Every report of one group fits every report of another exactly when every date of one agrees with every date
    of the other and their days are at most ``MAX_DAYS_APART`` apart end to end: checked on these, not on every
    pair of reports (a year's happening gathers hundreds)."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.dates = {report["date"]} if report["date"] else set()
        day = _day(report["published"])
        self.first = self.last = day

    def fits(self, other: _Span) -> bool:
        if not all(_dates_agree(a, b) for a in self.dates for b in other.dates):
            return False
        if self.first is None or self.last is None or other.first is None or other.last is None:
            return True
        return max((self.last - other.first).days, (other.last - self.first).days) <= MAX_DAYS_APART

    def take(self, other: _Span) -> None:
        self.dates |= other.dates
        days = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first, self.last = (min(days), max(days)) if days else (None, None)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def happenings(store: AnyStore) -> list[dict[str, Any]]:
    """The happenings reported by more than one article, most reported first: each with its type, a label, date,
    place and participants, the story it belongs to, every report, and the evidence that joined them."""
    from newsgraph.graph.incremental import Analysis

    return Analysis.of(store, parts=("happenings",)).happenings()


def _candidates(members: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The pairs of events that can be one happening, in order: those of one type that share a place or a
    particular participant, or, naming no one particular, a state (``_same`` finds no evidence for any other pair).
    """
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, event in enumerate(members):
        if not event["type"]:
            continue
        keys = [("place", event["type"], event["place"])] if event["place"] else []
        keys += [("one", event["type"], p) for p in event["particular"]]
        if not event["particular"]:
            keys += [("state", event["type"], p) for p in event["participants"]]
        for key in keys:
            blocks[key].append(i)
    pairs = {
        (i, j) for block in blocks.values() for n, i in enumerate(block) for j in block[n + 1 :] if i < j
    }
    return sorted(pairs)


def story_happenings(
    members: list[dict[str, Any]], *, counted: list[int] | None = None
) -> list[dict[str, Any]]:
    """The happenings among the events of one story (from :func:`story_events`) that more than one article reports,
    without the story's name (``story`` and ``story_label`` are the caller's); ``counted``, when given, gets the
    number of event pairs compared appended."""
    members = sorted(members, key=lambda e: (e["article"], e["event"]))
    parent = list(range(len(members)))
    root = partial(_root, parent)
    joined: dict[tuple[int, int], list[str]] = {}
    span_of = {i: _Span(e) for i, e in enumerate(members)}
    candidates = _candidates(members)
    if counted is not None:
        counted.append(len(candidates))
    for i, j in candidates:
        evidence = _same(members[i], members[j])
        ri, rj = root(i), root(j)
        # every report of the joined group must fit every other: a report with no date does not chain the counts
        # of December and of April into one happening
        if evidence and ri != rj and span_of[ri].fits(span_of[rj]):
            joined[(i, j)] = evidence
            parent[ri] = rj
            span_of[rj].take(span_of.pop(ri))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        groups[root(i)].append(i)
    # joined events are in one group: each group's evidence, gathered once
    evidence_of: dict[int, set[str]] = defaultdict(set)
    for (i, _), evidence in joined.items():
        evidence_of[root(i)].update(evidence)
    found = []
    for head, indices in groups.items():
        reports = [members[i] for i in indices]
        if len({r["article"] for r in reports}) < 2:
            continue
        dates = sorted({r["date"] for r in reports if r["date"]}, key=len, reverse=True)
        places = sorted({r["place"] for r in reports if r["place"]})
        found.append(
            {
                "type": reports[0]["type"],
                "label": reports[0]["label"],
                "date": dates[0] if dates else None,
                "place": places[0] if places else None,
                "participants": sorted({p for r in reports for p in r["participants"]}),
                "reports": [
                    {
                        "event": r["event"],
                        "article": r["article"],
                        "title": r["title"],
                        "outlet": r["outlet"],
                        "published": r["published"],
                        "label": r["label"],
                        "sentence": r["sentence"],
                    }
                    for r in reports
                ],
                "evidence": sorted(evidence_of[head]),
            }
        )
    return found
