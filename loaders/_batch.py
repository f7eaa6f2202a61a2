"""Lists of up to ``size`` items from a stream, and at most ``weight`` in total when a weight is given.

Articles are batched by count and by characters: spaCy's memory grows with the text it holds at once, and sixteen
articles of a million characters each took 11 GB where sixteen of two thousand take a few MB.

>>> [len(b) for b in batches(range(5), 2)]
[2, 2, 1]
>>> [b for b in batches(["aaaa", "b", "cc", "dddddd"], 10, weight=len, most=5)]
[['aaaa', 'b'], ['cc'], ['dddddd']]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batches(
    items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None, most: int | None = None
) -> Iterator[list[T]]:
    """Batches of at most ``size`` items; with ``weight`` and ``most``, also at most ``most`` in total weight
    (an item heavier than ``most`` goes alone)."""
    batch: list[T] = []
    total = 0
    for item in items:
        heavy = weight(item) if weight is not None else 0
        if batch and most is not None and total + heavy > most:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += heavy
        if len(batch) >= size:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch
