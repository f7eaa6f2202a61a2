"""Which pairs of articles can be linked into one story, found with array arithmetic instead of one by one.

``graph/stories.py`` links two articles when they share two rare names, or one particular rare name and an event
type, when the weight they share is at least ``MIN_SHARE`` of the lighter article's, and when they came out at most
``MAX_DAYS`` apart. A year of news has millions of pairs of articles that share a rare name (10.4 million among
20,000 generated articles); scoring each in Python took minutes. Here every pair that shares a rare name is made
per name with NumPy, those too far apart in time dropped at once, and what each remaining pair shares (how many
names, how many particular, their weight) is summed over the names at once. What is returned is every pair that can
pass the rule, with a margin for the order of a float sum; ``compute_stories`` then judges each exactly as before,
so the stories are those of scoring every pair.

>>> articles = {
...     "a": {"names": {"x", "y"}, "types": {}, "published": "2024-01-01"},
...     "b": {"names": {"x", "y"}, "types": {}, "published": "2024-01-02"},
...     "c": {"names": {"x", "y"}, "types": {}, "published": "2024-09-01"},
... }
>>> candidates(articles, eligible={"x": 1.0, "y": 1.0}, particular={"x", "y"}, mass={a: 2.0 for a in articles},
...            least_share=0.25, most_days=45)
([('a', 'b')], 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np

__all__ = ["candidates"]

#: the float sums here and in Python may differ in their last bits: a pair this close below the share is kept
_MARGIN = 1e-9


def _ordinal(value: str | None) -> int:
    """The day an article came out as a number (-1: none), as ``stories._day`` reads it."""
    if not value or len(value) < 10 or value.startswith("-"):
        return -1
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return -1


def candidates(
    articles: Mapping[str, Mapping[str, Any]],
    *,
    eligible: Mapping[str, float],
    particular: set[str],
    mass: Mapping[str, float],
    least_share: float,
    most_days: int,
) -> tuple[list[tuple[str, str]], int]:
    """The pairs (a, b), a before b in IRI order and in that order, that share a name of ``eligible`` (name ->
    weight) and can be linked; and how many pairs share such a name within ``most_days`` (the pairs weighed).

    ``particular``: the eligible names that are no state; ``mass``: each article's whole weight."""
    order = sorted(articles)
    count = len(order)
    if count < 2:
        return [], 0
    days = np.array([_ordinal(articles[a]["published"]) for a in order], dtype=np.int64)
    kinds: dict[str, int] = {}
    for entry in articles.values():
        for kind in entry["types"]:
            kinds.setdefault(kind, len(kinds))
    masks = np.zeros(count, dtype=np.int64)
    if len(kinds) > 62:  # more event types than bits: every pair is taken to share one, and judged in Python
        masks[:] = -1
    else:
        for i, article in enumerate(order):
            for kind in articles[article]["types"]:
                masks[i] |= 1 << kinds[kind]
    groups: dict[str, list[int]] = {}
    for i, article in enumerate(order):
        for name in articles[article]["names"]:
            if name in eligible:
                groups.setdefault(name, []).append(i)
    keys, weights, particulars = [], [], []
    for name, members in groups.items():
        if len(members) < 2:
            continue
        group = np.array(members, dtype=np.int64)
        first, second = np.triu_indices(len(group), 1)
        a, b = group[first], group[second]
        day_a, day_b = days[a], days[b]
        near = (day_a < 0) | (day_b < 0) | (np.abs(day_a - day_b) <= most_days)
        a, b = a[near], b[near]
        keys.append(a * count + b)
        weights.append(np.full(len(a), eligible[name]))
        particulars.append(np.full(len(a), name in particular, dtype=np.float64))
    if not keys:
        return [], 0
    pairs, inverse, shared = np.unique(np.concatenate(keys), return_inverse=True, return_counts=True)
    weight = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(pairs))
    named = np.bincount(inverse, weights=np.concatenate(particulars), minlength=len(pairs))
    a, b = pairs // count, pairs % count
    masses = np.array([mass[article] for article in order], dtype=np.float64)
    lighter = np.minimum(masses[a], masses[b])
    lighter[lighter == 0] = 1.0
    common = (masks[a] & masks[b]) != 0
    kept = ((shared >= 2) | ((named > 0) & common)) & (weight / lighter >= least_share - _MARGIN)
    return [(order[i], order[j]) for i, j in zip(a[kept].tolist(), b[kept].tolist(), strict=True)], len(pairs)
