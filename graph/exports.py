"""Files for other tools: the network views as GraphML and GEXF (Gephi, Cytoscape, yEd), and the JSON-LD context.

networkx writes GraphML and GEXF, but both formats take only scalar attributes; provenance lists are joined with
" | " and the ``(sentence, article)`` pairs are left out (their flattened ``sentences`` and ``articles`` stay).

>>> import networkx as nx
>>> g = nx.Graph(); g.add_node("a", label="A", sentences=["One.", "Two."])
>>> b"One. | Two." in network_bytes(g, "graphml")
True
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from newsgraph.errors import NewsgraphError
from newsgraph.ontology.namespace import DATA, GAF, NG, NIF, SEM, WD

__all__ = ["JSONLD_CONTEXT", "NETWORK_FORMATS", "network_bytes"]

NETWORK_FORMATS = ("graphml", "gexf")

#: prefixes of the JSON-LD export, so its keys read "sem:hasActor" rather than full IRIs
JSONLD_CONTEXT: dict[str, str] = {
    "ng": str(NG._NS),
    "sem": str(SEM._NS),
    "nif": str(NIF._NS),
    "gaf": str(GAF._NS),
    "prov": str(PROV),
    "schema": str(SDO),
    "time": str(TIME),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "wd": str(WD),
    "ngid": str(DATA),
}


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _flat(graph: nx.Graph) -> nx.Graph:
    flat = graph.__class__()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items() if k != "sources" and v is not None})
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            attrs = {k: _scalar(x) for k, x in data.items() if k != "sources" and x is not None}
            flat.add_edge(u, v, key=key, **attrs)
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(
                u, v, **{k: _scalar(x) for k, x in data.items() if k != "sources" and x is not None}
            )
    return flat


def network_bytes(graph: nx.Graph, format: str) -> bytes:
    """A network view as GraphML or GEXF bytes."""
    buffer = io.BytesIO()
    flat = _flat(graph)
    if format == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8")
    elif format == "gexf":
        nx.write_gexf(flat, buffer, encoding="utf-8")
    else:
        raise NewsgraphError(f"unknown network format {format!r}; use {' or '.join(NETWORK_FORMATS)}")
    return buffer.getvalue()
