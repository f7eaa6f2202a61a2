"""A check of RDF/XML's DTD before pyoxigraph parses it: entity expansion is bounded, external entities refused.

Why hand-written: pyoxigraph's RDF/XML parser expands internal entities without a limit (a "billion laughs"
file of 1 kB asks for gigabytes and aborts the process), and it offers no option to stop that. defusedxml guards
Python's XML parsers, not pyoxigraph's. RDF/XML files do use entities legitimately (``<!ENTITY owl "http://…">`` in
many ontologies), so they are allowed as long as everything they expand to stays small.

>>> check_entities(b'<!DOCTYPE r [<!ENTITY ex "http://example.org/">]><r a="&ex;x"/>')
>>> check_entities(b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
...                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;</r>', limit=500)
Traceback (most recent call last):
...
ValueError: entity 'c' expands to 1,000 characters, over the 500-character limit
"""

from __future__ import annotations

import re

__all__ = ["MAX_EXPANSION", "check_entities"]

#: The most characters all entity references of one document may expand to.
MAX_EXPANSION = 1_000_000

_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?([^\s]+)\s+(.*?)>", re.DOTALL)
_VALUE = re.compile(rb"\s*(\"([^\"]*)\"|'([^']*)')\s*$", re.DOTALL)
_REFERENCE = re.compile(rb"&([A-Za-z_:][\w.:-]*);")


def check_entities(data: bytes, *, limit: int = MAX_EXPANSION) -> None:
    """Raise ``ValueError`` when the document's entities are external, parameter, recursive or expand too far."""
    head = data[:65536]
    if b"<!DOCTYPE" not in head and b"<!ENTITY" not in data:
        return
    subset = _SUBSET.search(data)
    declarations = _ENTITY.findall(subset.group(1) if subset else data)
    values: dict[str, bytes] = {}
    for percent, name, body in declarations:
        label = name.decode("utf-8", "replace")
        if percent:
            raise ValueError(f"parameter entity {label!r} is not accepted")
        match = _VALUE.match(body)
        if match is None:
            raise ValueError(f"external entity {label!r} is not accepted (it would read a file or a URL)")
        values[label] = match.group(2) if match.group(2) is not None else match.group(3)

    sizes: dict[str, int] = {}

    def size(name: str, seen: tuple[str, ...]) -> int:
        if name in sizes:
            return sizes[name]
        if name in seen:
            raise ValueError(f"entity {name!r} refers to itself")
        value = values[name]
        total = len(value)
        for ref in _REFERENCE.findall(value):
            key = ref.decode("utf-8", "replace")
            if key in values:
                total += size(key, (*seen, name)) - len(ref) - 2
        if total > limit:
            raise ValueError(
                f"entity {name!r} expands to {total:,} characters, over the {limit:,}-character limit"
            )
        sizes[name] = total
        return total

    for name in values:
        size(name, ())
    body = data[subset.end() :] if subset else data
    used = sum(
        sizes[key] for ref in _REFERENCE.findall(body) if (key := ref.decode("utf-8", "replace")) in sizes
    )
    if used > limit:
        raise ValueError(
            f"entity references expand to {used:,} characters, over the {limit:,}-character limit"
        )
