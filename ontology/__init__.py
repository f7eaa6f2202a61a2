"""newsgraph's vocabulary: namespaces, the OWL ontology, SHACL shapes, and the pinned actor table.

>>> from newsgraph.ontology import ontology_path
>>> ontology_path("shapes.ttl").name
'shapes.ttl'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["CAMEO", "DATA", "GAF", "NG", "NIF", "SEM", "WD", "ontology_path"]


def __getattr__(name: str) -> Any:
    """The namespaces (rdflib's) are imported on first use: the query path reads plain IRIs (``_iris``)."""
    if name in {"CAMEO", "DATA", "GAF", "NG", "NIF", "SEM", "WD"}:
        from newsgraph.ontology import namespace

        return getattr(namespace, name)
    raise AttributeError(f"module 'newsgraph.ontology' has no attribute {name!r}")


def ontology_path(name: str) -> Path:
    """Path of one of the packaged ``.ttl`` files (``newsgraph.ttl``, ``shapes.ttl``, ``actors.ttl``)."""
    path = Path(str(resources.files(__package__).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"no packaged ontology file {name!r}")
    return path
