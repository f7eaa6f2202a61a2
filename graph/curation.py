"""Corrections of the graph that survive re-ingest: merge, split, retype, rename, alias and hide an actor.

Each correction is a fact of its own, with who made it and when, in the store's curation graph (``CURATION_GRAPH``),
kept apart from what extraction found; the article graphs it changed say so (``ng:curatedBy``). Corrections apply
(``_curate.apply_corrections``) in order:

- to each article ingest writes, before it is written (so a re-ingest, or a new article naming the same actor,
  keeps them);
- to the articles already stored when a correction is made: each graph that names the actor is read back
  (``_readback``), corrected and written again, one transaction per article, without extracting it again;
- to what ``extract`` prints, when it is given the store.

``actor_table`` writes the corrections as a user actor table (the ``--actors`` format: Turtle, the terms of
``ontology/actors.ttl``), and ``table_corrections`` reads them back from one, so that a table taken from one store
corrects another (``ingest --actors FILE``). Undoing a correction extracts the articles it changed again (their
text is in the store), and applies the others.

>>> from newsgraph.graph.store import Store
>>> corrections(Store())
[]
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

from newsgraph.errors import NewsgraphError
from newsgraph.graph._curate import ACTIONS, ACTOR_TYPES, Correction, apply_corrections
from newsgraph.graph.store import AnyStore
from newsgraph.loaders.records import Extraction
from newsgraph.ontology import DATA, NG
from newsgraph.queries import load_query

__all__ = [
    "ACTIONS",
    "ACTOR_TYPES",
    "CURATION_GRAPH",
    "Correction",
    "actor_table",
    "affected_articles",
    "apply_corrections",
    "corrections",
    "curated_quads",
    "current_user",
    "page_correction",
    "reapply",
    "record",
    "table_corrections",
]

from newsgraph.graph.store import CURATION_GRAPH

_CORRECTION = str(DATA["correction/"])
_AGENT = str(DATA["agent/"])
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV = "http://www.w3.org/ns/prov#"
_WD = "http://www.wikidata.org/entity/"


def current_user() -> str:
    """Who a correction is by when not said: ``NEWSGRAPH_USER``, else the login name."""
    try:
        return os.environ.get("NEWSGRAPH_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def now() -> str:
    """The time of a correction: UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _n(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _agent(name: str) -> ox.NamedNode:
    from newsgraph.loaders.table import slug

    return ox.NamedNode(_AGENT + slug(name))


def correction_quads(c: Correction) -> list[ox.Quad]:
    """The correction as quads of the curation graph."""
    graph = ox.NamedNode(CURATION_GRAPH)
    node = ox.NamedNode(f"{_CORRECTION}{c.number}")
    out: list[ox.Quad] = []

    def add(p: Any, o: ox.NamedNode | ox.Literal, s: ox.NamedNode = node) -> None:
        out.append(ox.Quad(s, _n(p), o, graph))

    add(_RDF_TYPE, _n(NG.Correction))
    add(_RDF_TYPE, ox.NamedNode(_PROV + "Activity"))
    add(NG.action, ox.Literal(c.action))
    add(NG.sequence, ox.Literal(str(c.number), datatype=ox.NamedNode(_XSD + "integer")))
    add(NG.correctedActor, ox.NamedNode(c.actor))
    add(NG.actorLabel, ox.Literal(c.label))
    add(NG.actorType, ox.Literal(c.type))
    if c.into:
        add(NG.into, ox.NamedNode(c.into))
    if c.target_label:
        add(NG.targetLabel, ox.Literal(c.target_label))
    if c.target_type:
        add(NG.targetType, ox.Literal(c.target_type))
    if c.target_wikidata:
        add(NG.targetWikidata, ox.NamedNode(_WD + c.target_wikidata))
    if c.name:
        add(NG.addedName, ox.Literal(c.name))
    for text in c.texts:
        add(NG.mentionText, ox.Literal(text))
    for article in c.articles:
        add(NG.inArticle, ox.NamedNode(article))
    agent = _agent(c.by)
    add(_PROV + "wasAssociatedWith", agent)
    add(_RDF_TYPE, ox.NamedNode(_PROV + "Agent"), agent)
    add(_RDFS + "label", ox.Literal(c.by), agent)
    add(_PROV + "endedAtTime", ox.Literal(c.at, datatype=ox.NamedNode(_XSD + "dateTime")))
    if c.note:
        add(_RDFS + "comment", ox.Literal(c.note))
    if c.undone_at:
        undoer = _agent(c.undone_by or c.by)
        add(_PROV + "invalidatedAtTime", ox.Literal(c.undone_at, datatype=ox.NamedNode(_XSD + "dateTime")))
        add(NG.undoneBy, undoer)
        add(_RDF_TYPE, ox.NamedNode(_PROV + "Agent"), undoer)
        add(_RDFS + "label", ox.Literal(c.undone_by or c.by), undoer)
    return out


def corrections(store: AnyStore) -> list[Correction]:
    """Every correction of the store (undone ones too), in the order they apply."""
    by_node: dict[str, dict[str, list[str]]] = {}
    for row in store.query(load_query("corrections").text):
        node = row["correction"].value
        by_node.setdefault(node, {}).setdefault(row["property"].value, []).append(row["value"].value)
    found = []
    for props in by_node.values():

        def one(name: str, values: dict[str, list[str]] = props) -> str | None:
            return values.get(name, [None])[0]

        wikidata = one("targetWikidata")
        found.append(
            Correction(
                number=int(one("sequence") or 0),
                action=one("action"),  # type: ignore[arg-type]
                actor=one("correctedActor") or "",
                label=one("actorLabel") or "",
                type=one("actorType") or "",
                into=one("into"),
                target_label=one("targetLabel"),
                target_type=one("targetType"),
                target_wikidata=wikidata[len(_WD) :] if wikidata else None,
                name=one("addedName"),
                texts=tuple(sorted(props.get("mentionText", []))),
                articles=tuple(sorted(props.get("inArticle", []))),
                by=one("by") or "",
                at=one("at") or "",
                note=one("note"),
                undone_at=one("undoneAt"),
                undone_by=one("undoneBy"),
            )
        )
    return sorted(found, key=lambda c: c.number)


def record(store: AnyStore, every: list[Correction]) -> None:
    """Write the store's corrections (the curation graph, replaced in one transaction)."""
    store.replace_graph(CURATION_GRAPH, [q for c in every for q in correction_quads(c)])


def curated_quads(
    extraction: Extraction, every: list[Correction], *, kept: Iterable[str] = ()
) -> list[ox.Quad]:
    """An article's quads with the corrections applied, each correction that changed it named (``ng:curatedBy``;
    ``kept``: the corrections a stored graph already names, whose change it already shows)."""
    from newsgraph.graph.writer import to_quads

    curated, changed = apply_corrections(extraction, every)
    quads = to_quads(curated)
    article = ox.NamedNode(extraction.article.iri)
    active = {f"{_CORRECTION}{c.number}" for c in every if c.active}
    named = dict.fromkeys(
        [*(k for k in kept if k in active), *(f"{_CORRECTION}{n}" for n in changed if n > 0)]
    )
    quads += [ox.Quad(article, _n(NG.curatedBy), ox.NamedNode(c), article) for c in named]
    return quads


def affected_articles(store: AnyStore, iris: Iterable[str]) -> list[str]:
    """The article graphs that name any of these actors (or, for a split, hold the article)."""
    from newsgraph.queries import bind_params

    text = load_query("actor-articles").text
    found: set[str] = set()
    for iri in dict.fromkeys(iris):
        found |= {row["article"].value for row in store.query(text, bind_params(text, {"actor": iri}))}
    return sorted(found)


def _graph_quads(store: AnyStore, iri: str) -> list[ox.Quad]:
    getter = getattr(store, "graph_quads", None)
    if getter is not None:
        return list(getter(iri))
    graph = ox.NamedNode(iri)
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in result]


def reapply(
    store: AnyStore,
    every: list[Correction],
    articles: Iterable[str],
    *,
    extract: Callable[[Extraction], Extraction] | None = None,
) -> list[str]:
    """Apply the corrections to these stored articles again, each read back from its graph (or, with
    ``extract``, extracted again from its stored text first: for an undone correction, whose change the graph no
    longer shows); one transaction per article. Returns the articles whose graph changed."""
    from newsgraph.graph._readback import read_back

    changed = []
    for iri in articles:
        quads = _graph_quads(store, iri)
        if not quads:
            continue
        back = read_back(iri, quads)
        extraction = back.extraction
        if extract is not None:
            extraction = extract(extraction)
        new = curated_quads(extraction, every, kept=back.curated if extract is None else ())
        graph = ox.NamedNode(iri)
        new += [ox.Quad(graph, _n(NG.sourceName), ox.Literal(s), graph) for s in back.sources]
        if set(new) == set(quads):
            continue
        store.replace_graph(iri, new)
        changed.append(iri)
    store.flush()
    return changed


def actor_table(every: list[Correction]) -> str:
    """The corrections as a user actor table: Turtle in the ``--actors`` format, each corrected actor described as
    the corrections leave it (its type, label and names), with ``ng:mergedInto``, ``ng:hidden`` and
    ``ng:splitFrom`` for what a plain actor entry cannot say."""
    entries: dict[str, dict[str, Any]] = {}

    def entry(iri: str, label: str, kind: str) -> dict[str, Any]:
        return entries.setdefault(iri, {"label": label, "type": kind, "names": [], "extra": []})

    for c in every:
        if not c.active:
            continue
        me = entry(c.actor, c.label, c.type)
        if c.action == "merge" and c.into:
            target = entry(c.into, c.target_label or c.label, c.target_type or c.type)
            if c.target_wikidata:
                target["wikidata"] = c.target_wikidata
            for name in (me["label"], *me["names"]):
                if name != target["label"] and name not in target["names"]:
                    target["names"].append(name)
            me["extra"].append(f"ng:mergedInto {_curie(c.into)}")
        elif c.action == "split" and c.into:
            new = entry(c.into, c.target_label or c.label, c.target_type or c.type)
            new["extra"].append(f"ng:splitFrom {_curie(c.actor)}")
            new["extra"] += [f"ng:mentionText {_literal(t)}" for t in c.texts]
            new["extra"] += [f"ng:inArticle <{a}>" for a in c.articles]
        elif c.action == "retype" and c.target_type:
            me["type"] = c.target_type
        elif c.action == "rename" and c.target_label:
            if me["label"] not in me["names"]:
                me["names"].append(me["label"])
            me["label"] = c.target_label
        elif c.action == "alias" and c.name and c.name not in me["names"]:
            me["names"].append(c.name)
        elif c.action == "hide":
            me["extra"].append("ng:hidden true")
    lines = [
        "# A user actor table: the corrections of a newsgraph store (newsgraph actors table), in the format of",
        "# ontology/actors.ttl. Use it with --actors FILE (ingest, extract) to make them in another store.",
        "@prefix a:      <https://w3id.org/newsgraph/id/actor/> .",
        "@prefix ng:     <https://w3id.org/newsgraph/ns#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix owl:    <http://www.w3.org/2002/07/owl#> .",
        "@prefix wd:     <http://www.wikidata.org/entity/> .",
        "",
    ]
    for iri, e in entries.items():
        hidden_or_merged = any(x.startswith(("ng:mergedInto", "ng:hidden")) for x in e["extra"])
        parts = [] if hidden_or_merged else [f"a schema:{e['type']}", f"rdfs:label {_literal(e['label'])}"]
        if e.get("wikidata") and not hidden_or_merged:
            parts.append(f"owl:sameAs wd:{e['wikidata']}")
        names = [n for n in e["names"] if n != e["label"]]
        if names and not hidden_or_merged:
            parts.append("skos:altLabel " + " , ".join(_literal(n) for n in names))
        parts += e["extra"]
        if parts:
            lines.append(f"{_curie(iri)} " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines) + "\n"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _curie(iri: str) -> str:
    prefix = str(DATA["actor/"])
    local = iri[len(prefix) :] if iri.startswith(prefix) else ""
    if local and all(ch.isalnum() or ch in "-_" for ch in local) and local[0].isalnum():
        return f"a:{local}"
    return f"<{iri}>"


def table_corrections(text: str, source: str) -> list[Correction]:
    """The corrections a user actor table states, by ``source``: what ``ingest --actors`` and ``extract --actors``
    apply after extraction. ``ng:mergedInto``, ``ng:hidden`` and ``ng:splitFrom`` are numbered in the table's
    order (a store ingested with the table keeps them in its log); a plain entry (an actor with its type, label and
    names), which the extractor also reads to find the actor by those names, gives a retype, a rename and aliases
    numbered 0, so that they hold over what the packaged table or extraction says.

    >>> table = "@prefix a: <https://w3id.org/newsgraph/id/actor/> . @prefix ng: <https://w3id.org/newsgraph/ns#> ."
    >>> [c.describe() for c in table_corrections(table + " a:share ng:hidden true .", "mine.ttl")]
    ['hide share (Person)']
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from newsgraph.loaders.table import ActorTable

    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for a malformed file
        raise NewsgraphError(f"the {source} is not valid Turtle: {exc}") from None
    kinds = {"https://schema.org/" + k: k for k in ACTOR_TYPES if k != "Agreement"}
    kinds |= {str(NG.Agreement): "Agreement", "https://schema.org/Corporation": "Organization"}
    kinds |= {f"https://schema.org/{k}Organization": "Organization" for k in ("Government", "NewsMedia")}

    def about(iri: str) -> tuple[str, str]:
        node = URIRef(iri)
        label = graph.value(node, RDFS.label)
        kind = next((kinds[str(t)] for t in graph.objects(node, RDF.type) if str(t) in kinds), None)
        row = ActorTable.load().by_key.get(iri.rsplit("/", 1)[-1])
        return (
            str(label) if label is not None else row.label if row else iri.rsplit("/", 1)[-1],
            kind or (row.type if row else "Person"),
        )

    made: list[Correction] = []
    at = now()

    def add(action: str, actor: str, **fields: Any) -> None:
        label, kind = about(actor)
        number = len(made) + 1
        made.append(Correction(number, action, actor, label, kind, by=source, at=at, **fields))  # type: ignore[arg-type]

    for new, old in sorted(graph.subject_objects(NG.splitFrom)):
        label, kind = about(str(new))
        texts = tuple(sorted(str(t) for t in graph.objects(new, NG.mentionText)))
        articles = tuple(sorted(str(t) for t in graph.objects(new, NG.inArticle)))
        add(
            "split",
            str(old),
            into=str(new),
            target_label=label,
            target_type=kind,
            texts=texts,
            articles=articles,
        )
    for old, new in sorted(graph.subject_objects(NG.mergedInto)):
        label, kind = about(str(new))
        add("merge", str(old), into=str(new), target_label=label, target_type=kind)
    for hidden, flag in sorted(graph.subject_objects(NG.hidden)):
        if str(flag).lower() in {"true", "1"}:
            add("hide", str(hidden))
    # a plain entry's type, label and names hold over what extraction (or the packaged table) says of the actor:
    # applied as corrections numbered 0, which the store does not keep (the table is part of the extractor's
    # version: a store ingested with it is extracted again without it)
    for subject in sorted({s for s in graph.subjects(RDFS.label, None) if isinstance(s, URIRef)}, key=str):
        if (subject, NG.mergedInto, None) in graph or (subject, NG.hidden, None) in graph:
            continue
        iri = str(subject)
        label, kind = about(iri)
        plain = [Correction(0, "retype", iri, label, kind, target_type=kind, by=source, at=at)]
        plain.append(Correction(0, "rename", iri, label, kind, target_label=label, by=source, at=at))
        plain += [
            Correction(0, "alias", iri, label, kind, name=str(name), by=source, at=at)
            for name in sorted(str(n) for n in graph.objects(subject, SKOS.altLabel))
        ]
        made += plain
    return made


def page_correction(store: AnyStore, task: Mapping[str, Any]) -> dict[str, Any]:
    """A correction the page asks for through ``newsgraph serve`` (``merge`` or ``hide``), made through
    ``KnowledgeGraph`` on the server worker's store: recorded with who (the page's client) and when, and applied to
    the stored articles. The answer the page shows."""
    from newsgraph import KnowledgeGraph

    kg = KnowledgeGraph(store)
    if task["action"] == "merge":
        done = kg.merge(task["actor"], task["into"], by=task["by"], note=task.get("note"))
    else:
        done = kg.hide(task["actor"], by=task["by"], note=task.get("note"))
    return {
        "number": done.correction.number,
        "correction": done.correction.describe(),
        "articles": len(done.articles),
    }
