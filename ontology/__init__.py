"""newsgraph's vocabulary: namespaces, the OWL ontology, SHACL shapes, and the pinned actor table.

>>> from newsgraph.ontology import ontology_path
>>> ontology_path("shapes.ttl").name
'shapes.ttl'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from newsgraph.ontology.namespace import CAMEO, DATA, GAF, NG, NIF, SEM, WD

__all__ = ["CAMEO", "DATA", "GAF", "NG", "NIF", "SEM", "WD", "ontology_path"]


def ontology_path(name: str) -> Path:
    """Path of one of the packaged ``.ttl`` files (``newsgraph.ttl``, ``shapes.ttl``, ``actors.ttl``)."""
    path = Path(str(resources.files(__package__).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"no packaged ontology file {name!r}")
    return path
