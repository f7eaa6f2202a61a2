"""The graph side: the store, the writer (extractions to quads), networkx views and the page.

>>> from newsgraph.graph import Store
>>> len(Store()) > 0  # the ontology graph is loaded into every store
True
"""

from newsgraph.graph.analysis import to_networkx
from newsgraph.graph.render import render, render_html
from newsgraph.graph.store import DEFAULT_STORE, ONTOLOGY_GRAPH, Store, store_path
from newsgraph.graph.writer import to_quads

__all__ = [
    "DEFAULT_STORE",
    "ONTOLOGY_GRAPH",
    "Store",
    "render",
    "render_html",
    "store_path",
    "to_networkx",
    "to_quads",
]
