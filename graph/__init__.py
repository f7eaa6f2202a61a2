"""The graph side: the store, the writer (extractions to quads), networkx views and the page.

Names are imported on first use (PEP 562), so that opening a store does not import the page, networkx or spaCy.

>>> from newsgraph.graph import Store
>>> len(Store()) > 0  # the ontology graph is loaded into every store
True
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "DEFAULT_STORE": "store",
    "ONTOLOGY_GRAPH": "store",
    "AnyStore": "store",
    "Store": "store",
    "open_store": "store",
    "store_location": "store",
    "store_path": "store",
    "RemoteStore": "remote",
    "render": "render",
    "render_html": "render",
    "to_networkx": "analysis",
    "to_quads": "writer",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph.graph' has no attribute {name!r}")
    return getattr(import_module(f"newsgraph.graph.{module}"), name)


__all__ = sorted(_WHERE)
