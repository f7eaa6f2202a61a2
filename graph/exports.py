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
import re
from typing import Any

import networkx as nx
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from newsgraph.errors import NewsgraphError
from newsgraph.ontology.namespace import DATA, GAF, NG, NIF, SEM, WD

__all__ = ["JSONLD_CONTEXT", "NETWORK_FORMATS", "network_bytes", "xml_safe"]

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


#: characters XML 1.0 cannot carry, even escaped (control characters but tab and line ends, lone surrogates)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    r"""Text an XML file can carry: each character XML 1.0 forbids becomes U+FFFD.

    >>> xml_safe("Markets\x1b[31m close\x00") == "Markets\ufffd[31m close\ufffd"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return xml_safe(" | ".join(str(v) for v in value))
    if isinstance(value, str):
        return xml_safe(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return xml_safe(str(value))


def _flat(graph: nx.Graph) -> nx.Graph:
    flat = graph.__class__()
    for node, data in graph.nodes(data=True):
        flat.add_node(
            xml_safe(str(node)),
            **{k: _scalar(v) for k, v in data.items() if k != "sources" and v is not None},
        )
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            attrs = {k: _scalar(x) for k, x in data.items() if k != "sources" and x is not None}
            flat.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=xml_safe(str(key)), **attrs)
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(
                xml_safe(str(u)),
                xml_safe(str(v)),
                **{k: _scalar(x) for k, x in data.items() if k != "sources" and x is not None},
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
