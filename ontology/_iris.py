"""The few IRIs the store and the query path use, as plain strings: rdflib (whose namespaces the writer uses) takes
a tenth of a second to import, and ``newsgraph query`` needs none of it. ``tests/test_ontology.py`` checks each
against the rdflib namespaces, so the two cannot drift apart.

>>> NEWS_ARTICLE
'https://schema.org/NewsArticle'
"""

from __future__ import annotations

__all__ = [
    "CONTENT_HASH",
    "DATA",
    "EXTRACTOR_VERSION",
    "IDENTIFIER",
    "NEWS_ARTICLE",
    "NG",
    "RDF_TYPE",
    "SCHEMA",
    "SOURCE_NAME",
    "URL",
]

NG = "https://w3id.org/newsgraph/ns#"
SCHEMA = "https://schema.org/"
DATA = "https://w3id.org/newsgraph/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NEWS_ARTICLE = SCHEMA + "NewsArticle"
URL = SCHEMA + "url"
IDENTIFIER = SCHEMA + "identifier"
CONTENT_HASH = NG + "contentHash"
SOURCE_NAME = NG + "sourceName"
EXTRACTOR_VERSION = NG + "extractorVersion"
