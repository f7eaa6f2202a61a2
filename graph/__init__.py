"""The graph side: the store, the writer (extractions to quads), networkx views and the page.

>>> from newsgraph.graph import Store
>>> len(Store()) > 0  # the ontology graph is loaded into every store
True
"""

from newsgraph.graph.analysis import to_networkx
from newsgraph.graph.remote import RemoteStore
from newsgraph.graph.render import render, render_html
from newsgraph.graph.store import (
    DEFAULT_STORE,
    ONTOLOGY_GRAPH,
    AnyStore,
    Store,
    open_store,
    store_location,
    store_path,
)
from newsgraph.graph.writer import to_quads

__all__ = [
    "DEFAULT_STORE",
    "ONTOLOGY_GRAPH",
    "AnyStore",
    "RemoteStore",
    "Store",
    "open_store",
    "render",
    "render_html",
    "store_location",
    "store_path",
    "to_networkx",
    "to_quads",
]
