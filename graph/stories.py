"""Stories across articles: the articles about one happening, linked by what they share.

Two articles are about the same story when they name the same particular actors and places (weighted by how rare
each is in the store: two articles that both name the United States share little, two that both name Dana Pellor
share much), close in time. The rule, deterministic and explainable:

* each actor or place an article names weighs ``log(1 + N / df)`` (``df``: the articles naming it; a state half
  that, being a broad anchor), outlets nothing; actors named in more than ``max(50, N / 20)`` articles do not link
  articles at all (they are everywhere);
* two articles are linked when they share at least two such names, or one name and an event type, and the weight
  they share is at least a quarter of the lighter article's, and their dates (when both have one) are at most 45
  days apart;
* a story is a connected group of linked articles; each link keeps its evidence (the shared names, the score).

Stories are not written into the article graphs (a story grows as articles arrive, and storing it would make every
ingest rewrite earlier graphs): they are computed when asked for, from each article's features, which are read from
its graph once and kept beside the store (``graph/incremental.py``).

>>> from newsgraph.graph.store import Store
>>> stories(Store())
[]
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from newsgraph.graph.store import AnyStore

__all__ = ["Story", "stories", "story_of", "undated"]

#: the least share of the lighter article's weight two articles must share to be linked
MIN_SHARE = 0.25
#: the most days between two articles of one story (when both are dated)
MAX_DAYS = 45


@dataclass
class Story:
    """One story: its articles, what they have in common, and why each pair was linked."""

    story: str
    label: str
    articles: list[str]
    actors: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    links: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "label": self.label,
            "articles": self.articles,
            "actors": self.actors,
            "first": self.first,
            "last": self.last,
            "links": self.links,
        }


@lru_cache(maxsize=4096)  # a year has a few hundred days, asked for millions of times by pairs of articles
def _day(value: str | None) -> date | None:
    if not value or len(value) < 10 or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _type_name(local: str) -> str:
    """ "SanctionOrVetoEvent" -> "sanction or veto"."""
    words = re.findall(r"[A-Z][a-z]*", local.removesuffix("Event"))
    return " ".join(w.lower() for w in words) or local


def story_inputs(
    features: Mapping[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, str]]]:
    """What stories are made of, from the articles' features (``graph/_features.py``): each article that names an
    actor or place, with its names, event types, events and date; and each name's label and type (as the last
    article, in IRI order, gives them)."""
    articles: dict[str, dict[str, Any]] = {}
    names: dict[str, tuple[str, str]] = {}
    for article in sorted(features):
        item = features[article]
        if not item["listed"]:
            continue
        entry: dict[str, Any] = {
            "names": set(item["names"]),
            "types": Counter(),
            "events": [],
            "published": item["meta"]["published"],
        }
        for actor, (label, kind) in item["names"].items():
            names[actor] = (label, kind)
        for top, fine, label in item["events"]:
            entry["types"][_type_name(top)] += 1
            entry["events"].append((fine or _type_name(top), undated(label)))
        articles[article] = entry
    return articles, names


#: event types that tell what a story is about only when nothing else does
_WEAK_TYPES = {"statement", "other"}


def undated(label: str) -> str:
    """An event's label without the date it ends with ("attack: Israel in Gaza, 2024-03-04" -> "attack: Israel in
    Gaza"), so that reports of one happening on several days read alike."""
    return re.sub(
        r",\s(?:\d{4}(?:-\d{2}){0,2}|--\d{2}(?:-\d{2})?|\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2})$", "", label
    )


def _main_event(members: list[str], articles: dict[str, dict[str, Any]]) -> str | None:
    """The happening a story is about, by one of its events' labels: of the type the most of its articles report
    (a statement only when they report nothing else), the event told alike in the most articles."""
    spread: Counter[str] = Counter()
    told: dict[str, Counter[str]] = defaultdict(Counter)
    for article in members:
        for fine, label in dict.fromkeys(articles[article]["events"]):
            told[fine][label] += 1
        for fine in {fine for fine, _ in articles[article]["events"]}:
            spread[fine] += 1
    if not spread:
        return None
    strong = [t for t in spread if t not in _WEAK_TYPES] or list(spread)
    best = min(strong, key=lambda t: (-spread[t], -sum(told[t].values()), t))
    # a label that names no one ("attack (struck)", its trigger) comes after one that does
    return min(told[best], key=lambda label: (_nameless(label), -told[best][label], len(label), label))


_TRIGGER_FORM = re.compile(r"^(?P<what>[^:]+?) \([^)]*\)(?: \(expected\))?$")


def _nameless(label: str) -> bool:
    return _TRIGGER_FORM.match(label) is not None


def _proper(label: str) -> bool:
    """A name, not a description ("a bystander", "the main person")."""
    first = label.split()[0] if label.split() else ""
    return bool(first) and first[:1].isupper() and first.lower() not in {"a", "an", "the"}


def stories(store: AnyStore) -> list[Story]:
    """Every story in the store, largest first (an article no other shares a story with is a story of its own)."""
    from newsgraph.graph.incremental import Analysis

    return Analysis.of(store).stories()


def compute_stories(
    articles: dict[str, dict[str, Any]],
    names: dict[str, tuple[str, str]],
    *,
    counted: list[int] | None = None,
) -> list[Story]:
    """The stories of these articles (from :func:`story_inputs`); ``counted``, when given, gets the number of
    article pairs weighed appended (those that share a rare name within ``MAX_DAYS``)."""
    from newsgraph.graph._linking import candidates

    if not articles:
        return []
    total = len(articles)
    df = Counter(name for entry in articles.values() for name in entry["names"])
    too_common = max(50, total // 20)
    weights = {}
    for name in df:
        base = math.log(1 + total / df[name])
        weights[name] = base / 2 if names[name][1] == "Country" else base

    def weight(name: str) -> float:
        return weights[name]

    mass = {a: sum(weight(n) for n in entry["names"]) for a, entry in articles.items()}
    eligible = {name: weights[name] for name in df if df[name] <= too_common}
    rare, particular_names = set(eligible), {name for name in eligible if names[name][1] != "Country"}
    pairs, weighed = candidates(
        articles,
        eligible=eligible,
        particular=particular_names,
        mass=mass,
        least_share=MIN_SHARE,
        most_days=MAX_DAYS,
    )
    if counted is not None:
        counted.append(weighed)
    parent = {a: a for a in articles}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    days = {a: _day(entry["published"]) for a, entry in articles.items()}
    kinds = {a: set(entry["types"]) for a, entry in articles.items()}
    rare_of = {a: entry["names"] & rare for a, entry in articles.items()}
    links: list[tuple[str, dict[str, Any]]] = []
    for a, b in pairs:  # every pair that can be linked (``_linking``), in order, judged here one by one
        shared = rare_of[a] & rare_of[b]
        common_types = kinds[a] & kinds[b]
        if len(shared) < 2 and not (shared & particular_names and common_types):
            continue
        lighter = min(mass[a], mass[b]) or 1.0
        score = sum(weights[n] for n in shared) / lighter
        day_a, day_b = days[a], days[b]
        if score < MIN_SHARE or (day_a and day_b and abs((day_a - day_b).days) > MAX_DAYS):
            continue
        links.append(
            (
                a,
                {
                    "articles": [a, b],
                    "shared": sorted(names[n][0] for n in shared),
                    "event_types": sorted(common_types),
                    "score": round(score, 2),
                },
            )
        )
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for article in sorted(articles):
        groups[root(article)].append(article)
    links_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a, link in links:
        links_of[root(a)].append(link)

    found = []
    for members in groups.values():
        names_here = Counter(n for m in members for n in articles[m]["names"])
        ranked = sorted(
            names_here,
            key=lambda n: (-names_here[n], {"Place": 0, "Person": 1, "Organization": 2}.get(names[n][1], 3),
                           -weight(n), names[n][0]),
        )  # fmt: skip
        # named by its main happening ("attack: Ukraine in Bryansk Oblast"); else by its most shared proper names
        main = _main_event(members, articles)
        proper = [names[n][0] for n in ranked if _proper(names[n][0])]
        nameless = _TRIGGER_FORM.match(main) if main else None
        if nameless and proper:  # "attack (struck)": the happening's type, with the names its articles share
            main = " · ".join([nameless.group("what"), *proper[:2]])
        label = main or " · ".join(proper[:2]) or "(no names)"
        dates = sorted(d for m in members if (d := articles[m]["published"]))
        found.append(
            Story(
                story="",
                label=label,
                articles=members,
                actors=[names[n][0] for n in ranked[:8]],
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                links=links_of[root(members[0])],
            )
        )
    found.sort(key=lambda s: (-len(s.articles), s.first or "9999", s.articles[0]))
    for number, story in enumerate(found, 1):
        story.story = f"story-{number}"
    return found


def story_of(store: AnyStore) -> dict[str, Story]:
    """Article IRI -> its story."""
    return {article: story for story in stories(store) for article in story.articles}
