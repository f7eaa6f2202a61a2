"""Lists of up to ``size`` items from a stream (``itertools.batched`` arrives only in Python 3.12).

>>> [len(b) for b in batches(range(5), 2)]
[2, 2, 1]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
