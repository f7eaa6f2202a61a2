"""A country's states, provinces and regions by name (ISO 3166-2, through ``pycountry``): "Uttar Pradesh" is a place."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["subdivision"]


@lru_cache(maxsize=1 << 12)
def subdivision(text: str) -> bool:
    """A state, province or region of some country (ISO 3166-2 through pycountry), not also a country."""
    import pycountry

    name = " ".join(text.split())
    if len(name) < 4:
        return False
    try:
        pycountry.countries.lookup(name)
        return False
    except LookupError:
        pass
    return name.casefold() in _subdivision_names()


@lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    import pycountry

    from newsgraph.loaders.words import Words

    kinds = Words.load()["subdivision_kinds"]
    return frozenset(
        s.name.casefold() for s in pycountry.subdivisions if str(getattr(s, "type", "")).casefold() in kinds
    )
