"""Network analysis over the two views: who matters, how two actors are connected, where the sources disagree.

Every function takes the store or a view from :func:`newsgraph.graph.analysis.to_networkx` and returns plain rows
(lists of dicts) that the CLI prints as a table, JSON or CSV.

>>> from newsgraph.graph.analysis import to_networkx
>>> from newsgraph.graph.store import Store
>>> centrality(to_networkx(Store(), view="actors"))
[]
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import islice
from typing import Any

import networkx as nx

from newsgraph.errors import NewsgraphError
from newsgraph.graph.store import AnyStore
from newsgraph.queries import load_query

__all__ = [
    "actor_graph",
    "centrality",
    "communities",
    "community_of",
    "disagreements",
    "figure_history",
    "figure_subjects",
    "pagerank",
    "paths",
    "subject_family",
    "timeline",
    "without_outlets",
]

#: above this many nodes betweenness is estimated from a seeded sample of sources (exact is cubic)
_EXACT_BETWEENNESS_UP_TO = 2_000
_CASUALTY_WORDS = {"killed", "dead", "died", "wounded", "injured", "casualties", "deaths", "missing"}
_COUNTED = {"soldiers", "troops", "officers", "civilians", "people", "personnel", "fighters", "servicemen"}
_PEOPLE = {"people", "person", "death", "dead", "villager", "resident", "civilian", "victim", "child", "passenger",
           "casualty", "soldier", "troop"}  # fmt: skip


def without_outlets(graph: nx.Graph) -> nx.Graph:
    """The graph without news organisations: an outlet an official "told" is where a statement was reported, not
    a tie between everyone who talked to it (Reuters would otherwise join unrelated stories)."""
    outlets = [n for n, d in graph.nodes(data=True) if d.get("outlet")]
    if not outlets:
        return graph
    return graph.subgraph([n for n in graph if n not in set(outlets)]).copy()


def actor_graph(graph: nx.Graph, *, include_outlets: bool = True) -> nx.Graph:
    """A simple undirected graph of actors: the actor view as it is, or the event view projected through events;
    without news organisations unless ``include_outlets``."""
    if not include_outlets:
        graph = without_outlets(graph)
    if not graph.is_multigraph():
        return graph if type(graph) is nx.Graph else nx.Graph(graph)
    projected = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data.get("kind") not in {"Event", "Place"}:
            projected.add_node(node, **data)
    for event, data in graph.nodes(data=True):
        if data.get("kind") != "Event":
            continue
        members = sorted({t for _, t in graph.out_edges(event) if t in projected})
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                weight = projected[a][b]["weight"] + 1 if projected.has_edge(a, b) else 1
                projected.add_edge(a, b, weight=weight)
    return projected


def pagerank(graph: nx.Graph) -> dict[str, float]:
    """PageRank of each actor on the actor graph (the event view is projected through its events)."""
    actors = actor_graph(graph)
    return nx.pagerank(actors, weight="weight") if actors.number_of_nodes() else {}


def centrality(
    graph: nx.Graph, *, top: int | None = 10, seed: int = 7, include_outlets: bool = False
) -> list[dict[str, Any]]:
    """Actors ranked by PageRank, with degree (distinct neighbours), weighted degree and betweenness; news
    organisations are left out unless ``include_outlets``.

    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", weight=1); g.add_edge("b", "c", weight=1)
    >>> [row["label"] for row in centrality(g, top=1)]
    ['b']
    """
    actors = actor_graph(graph, include_outlets=include_outlets)
    if actors.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(actors, weight="weight")
    k = None if actors.number_of_nodes() <= _EXACT_BETWEENNESS_UP_TO else _EXACT_BETWEENNESS_UP_TO
    betweenness = nx.betweenness_centrality(actors, k=k, seed=seed)
    rows = [
        {
            "label": data.get("label", node),
            "kind": data.get("kind"),
            "pagerank": round(pagerank[node], 4),
            "degree": actors.degree(node),
            "weighted_degree": actors.degree(node, weight="weight"),
            "betweenness": round(betweenness[node], 4),
            "iri": node,
        }
        for node, data in actors.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], str(r["label"])))
    return rows[:top] if top else rows


def communities(
    graph: nx.Graph, *, seed: int = 7, resolution: float = 1.0, include_outlets: bool = False
) -> list[dict[str, Any]]:
    """Louvain communities of the actor graph (seeded, so the same store gives the same groups), largest first;
    news organisations are left out unless ``include_outlets``.

    >>> g = nx.Graph([("a", "b"), ("c", "d")])
    >>> [row["size"] for row in communities(g)]
    [2, 2]
    """
    actors = actor_graph(graph, include_outlets=include_outlets)
    groups: dict[int, list[str]] = defaultdict(list)
    for node, number in community_of(actors, seed=seed, resolution=resolution).items():
        groups[number].append(str(actors.nodes[node].get("label", node)))
    return [{"community": n, "size": len(m), "members": sorted(m)} for n, m in sorted(groups.items())]


def community_of(
    graph: nx.Graph, *, seed: int = 7, resolution: float = 1.0, include_outlets: bool = False
) -> dict[str, int]:
    """Node IRI -> community number (1 is the largest), for colouring the page (outlets have none unless
    ``include_outlets``)."""
    actors = actor_graph(graph, include_outlets=include_outlets)
    if actors.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(actors, weight="weight", seed=seed, resolution=resolution)
    ordered = sorted(found, key=lambda g: (-len(g), sorted(g)))
    return {node: i + 1 for i, group in enumerate(ordered) for node in group}


def _find(graph: nx.Graph, name: str) -> str:
    wanted = name.casefold()
    for node, data in graph.nodes(data=True):
        if node == name or str(data.get("label", "")).casefold() == wanted:
            return str(node)
    raise NewsgraphError(f"no actor labelled {name!r} in the graph")


def paths(
    graph: nx.Graph, source: str, target: str, *, limit: int = 3, actors: nx.Graph | None = None
) -> list[dict[str, Any]]:
    """The shortest connections between two actors in the event view, each hop with what makes it and its sentences.

    A hop is actor → event → actor (the event both take part in, with their roles), a person's affiliation to an
    organisation or state, or (given the actor view as ``actors``) two actors named in one sentence. Places (and
    countries as the place of an event) are not walked through: being in the same country is not a connection; nor
    are news organisations, which would join everyone who talked to them. Returns up to ``limit`` paths, shortest
    first; none when the two are not connected.
    """
    if not graph.is_multigraph():
        raise NewsgraphError("paths need the event view (to_networkx(view='events'))")
    if actors is not None:  # an actor in no event is still in the actor view
        for node, data in actors.nodes(data=True):
            if node not in graph:
                graph.add_node(node, **data)
    start, end = _find(graph, source), _find(graph, target)
    outlets = {n for n, d in graph.nodes(data=True) if d.get("outlet")} - {start, end}
    # places connect everything that happened in one country; a path goes through events between actors
    walk = nx.Graph(
        (u, v)
        for u, v, role in graph.edges(keys=True)
        if role != "place" and "Place" not in {_kind(graph, u), _kind(graph, v)} and not {u, v} & outlets
    )
    named_together: dict[frozenset[str], dict[str, Any]] = {}
    if actors is not None:
        for u, v, data in actors.edges(data=True):
            if data.get("co_mentions") and not {u, v} & outlets and u in graph and v in graph:
                named_together[frozenset((u, v))] = data
                walk.add_edge(u, v)
    if start not in walk or end not in walk:
        return []
    try:
        found = list(islice(nx.shortest_simple_paths(walk, start, end), limit))
    except nx.NetworkXNoPath:
        return []
    result = []
    for number, nodes in enumerate(found, 1):
        hops = []
        i = 0
        while i < len(nodes) - 1:
            a, step = nodes[i], nodes[i + 1]
            if _kind(graph, step) == "Event" and i + 2 < len(nodes):
                b, data = nodes[i + 2], graph.nodes[step]
                hop = {
                    "from": graph.nodes[a].get("label", a),
                    "from_role": _role(graph, step, a),
                    "link": data.get("label"),
                    "event_type": data.get("event_type"),
                    "date": data.get("date"),
                    "to": graph.nodes[b].get("label", b),
                    "to_role": _role(graph, step, b),
                    "sentences": data.get("sentences", []),
                    "articles": data.get("articles", []),
                }
                i += 2
            elif not graph.has_edge(a, step) and not graph.has_edge(step, a):  # named in one sentence
                hop = _direct_hop(
                    graph, a, step, "named together", named_together.get(frozenset((a, step)), {})
                )
                i += 1
            else:  # an affiliation: a person and the organisation or state they belong to
                edge = graph.get_edge_data(a, step) or graph.get_edge_data(step, a) or {}
                hop = _direct_hop(graph, a, step, "affiliation", edge.get("affiliation", {}))
                i += 1
            hops.append(hop)
        result.append({"path": number, "length": len(hops), "hops": hops})
    return result


def _direct_hop(graph: nx.Graph, a: str, b: str, link: str, data: dict[str, Any]) -> dict[str, Any]:
    """A hop between two actors with no event between them (named together, or an affiliation)."""
    return {
        "from": graph.nodes[a].get("label", a),
        "from_role": None,
        "link": link,
        "event_type": None,
        "date": None,
        "to": graph.nodes[b].get("label", b),
        "to_role": None,
        "sentences": data.get("sentences", []),
        "articles": data.get("articles", []),
    }


def _kind(graph: nx.Graph, node: str) -> str | None:
    kind = graph.nodes[node].get("kind")
    return None if kind is None else str(kind)


def _role(graph: nx.Graph, event: str, actor: str) -> str | None:
    roles = sorted(k for k in graph[event].get(actor, {}))
    return ", ".join(roles) or None


def subject_family(subject: str) -> str:
    """Subjects that count the same losses under different words are read together.

    >>> subject_family("North Korean soldiers killed"), subject_family("North Korean casualties")
    ('North Korean casualties', 'North Korean casualties')
    >>> subject_family("North Korean troops deployed to Russia")
    'North Korean troops deployed to Russia'
    """
    words = subject.split()
    if not _CASUALTY_WORDS & {w.lower() for w in words}:
        return subject
    head = []
    for word in words:
        if word.lower() in _CASUALTY_WORDS | _COUNTED:
            break
        head.append(word)
    return " ".join([*head, "casualties"])


def _figure_rows(store: AnyStore) -> list[dict[str, Any]]:
    rows = []
    for row in store.query(load_query("figures").text):
        item: dict[str, Any] = {key: None if row[key] is None else row[key].value for key in _FIGURE_FIELDS}
        for key in ("value", "min", "max"):
            number = item[key]
            item[key] = None if number is None else float(number)
        item["approximate"] = item["approximate"] == "true"
        item["date"] = item.pop("claim_date") or item["published"]
        rows.append(item)
    return rows


_FIGURE_FIELDS = (
    "subject", "figure", "value", "min", "max", "approximate", "unit", "speaker", "claim_date", "published",
    "sentence", "article", "title", "about", "speaker_iri",
)  # fmt: skip
#: units that are one measure: each to its base and the factor that takes it there ("40 km" and "25 miles" are one
#: distance); a figure given beside its own conversion is then one figure, not two sources disagreeing
_UNITS = {
    "km": ("km", 1.0), "kilometre": ("km", 1.0), "kilometres": ("km", 1.0), "kilometer": ("km", 1.0),
    "kilometers": ("km", 1.0), "mile": ("km", 1.609344), "miles": ("km", 1.609344), "mi": ("km", 1.609344),
    "m": ("m", 1.0), "metre": ("m", 1.0), "metres": ("m", 1.0), "meter": ("m", 1.0), "meters": ("m", 1.0),
    "feet": ("m", 0.3048), "foot": ("m", 0.3048), "ft": ("m", 0.3048),
    "kg": ("kg", 1.0), "kilogram": ("kg", 1.0), "kilograms": ("kg", 1.0), "tonne": ("kg", 1000.0),
    "tonnes": ("kg", 1000.0), "ton": ("kg", 907.18474), "tons": ("kg", 907.18474),
    "hectare": ("ha", 1.0), "hectares": ("ha", 1.0), "acre": ("ha", 0.404686), "acres": ("ha", 0.404686),
    "%": ("%", 1.0), "percent": ("%", 1.0), "per cent": ("%", 1.0),
}  # fmt: skip


def _spread(rows: list[dict[str, Any]]) -> float | None:
    """Largest over smallest figure for one exact subject (None with fewer than two different figures)."""
    values = [v for r in rows for v in (r["value"], r["min"], r["max"]) if v is not None and v > 0]
    if len(set(values)) < 2:
        return None
    return round(max(values) / min(values), 2)


def _unit_key(unit: str | None) -> tuple[str, float]:
    """A unit's measure and the factor to its base ("miles" -> ("km", 1.609)); other units are their singular."""
    word = (unit or "").strip().lower()
    if word in _UNITS:
        return _UNITS[word]
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word, 1.0


def _numbers(row: dict[str, Any], factor: float) -> set[float]:
    return {round(v * factor, 6) for v in (row["value"], row["min"], row["max"]) if v is not None}


def _same_figure(a: set[float], b: set[float]) -> bool:
    """Two figures are one when a number of one is within 2% of a number of the other (a rounded conversion)."""
    return any(abs(x - y) <= 0.02 * max(abs(x), abs(y)) for x in a for y in b)


def _comparable(family: str, rows: list[dict[str, Any]]) -> bool:
    """Do the figures say what they count beyond their unit? "people killed", "troops deployed", "casualties" and
    a fine do; a bare "%", "people" or "cases" does not (turnout and a share of the economy are both "%")."""
    if family.endswith("casualties"):
        return True
    for row in rows:
        subject = row["subject"].strip().lower()
        unit = (row["unit"] or "").strip().lower()
        if subject in {"%", "amount", "units", unit} or _unit_key(subject)[0] == _unit_key(unit)[0]:
            return False
    return True


def disagreements(
    store: AnyStore, *, subject: str | None = None, stories: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Figures that count the same thing in one story and that different sources (or one source at different
    dates) give differently: each group names its story, and holds every figure with its speaker and date, the
    speakers, the spread (largest over smallest figure: of each exact subject on its figures, and of the group the
    largest of those, or, when no subject has two figures, over all its figures in one unit) and the number of
    source articles.

    Figures are compared only within a story (``graph/stories.py``), within a subject family
    (:func:`subject_family`: "soldiers killed" beside "casualties"), on one measure (km and miles are one
    distance, converted), and for one owner (the tallies of two candidates are not two sources disagreeing). A
    figure beside its own conversion, or figures of one sentence, are not a disagreement.
    """
    from newsgraph.graph.stories import stories as find_stories

    story_of = {a: s for s in (stories if stories is not None else find_stories(store)) for a in s.articles}
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in _figure_rows(store):
        story = story_of.get(row["article"])
        measure, factor = _unit_key(row["unit"])
        family = subject_family(row["subject"])
        if family.endswith("casualties") and (
            measure + "s" in _COUNTED | _CASUALTY_WORDS or measure in _PEOPLE
        ):
            measure = "people"  # "40 people had died" and "the toll rose to 55 deaths" count one thing
        row["story"] = story.story if story else None
        row["story_label"] = story.label if story else None
        row["_numbers"] = _numbers(row, factor)
        key = (row["story"] or row["article"], family, measure, row["about"] or "")
        groups[key].append(row)
    result = []
    for (_, family, _measure, _about), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if subject and subject.casefold() not in {
            family.casefold(),
            *(r["subject"].casefold() for r in rows),
        }:
            continue
        if not _comparable(family, rows):
            continue
        # a disagreement needs two figures that differ, from two sources or two dates, not from one sentence
        differ = any(
            not _same_figure(a["_numbers"], b["_numbers"])
            and a["sentence"] != b["sentence"]
            and (
                (a["speaker_iri"] or a["article"]) != (b["speaker_iri"] or b["article"])
                or a["date"] != b["date"]
            )
            for i, a in enumerate(rows)
            for b in rows[i + 1 :]
        )
        if not differ:
            continue
        by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_subject[row["subject"]].append(row)
        spreads = {name: _spread(items) for name, items in by_subject.items()}
        for row in rows:
            row["spread"] = spreads[row["subject"]]
        rows.sort(
            key=lambda r: (r["subject"], -(r["value"] or r["max"] or r["min"] or 0), str(r["speaker"] or ""))
        )
        known = [v for v in spreads.values() if v is not None]
        numbers = [n for r in rows for n in r["_numbers"] if n > 0]
        if not known and numbers and max(numbers) != min(numbers):
            # each subject has one figure ("deaths" beside "people killed"): across them, units converted; with
            # figures of their own, subjects are compared on themselves (the killed are not the wounded)
            known.append(round(max(numbers) / min(numbers), 2))
        for row in rows:
            row.pop("_numbers", None)
        result.append(
            {
                "subject": family,
                "story": rows[0]["story"],
                "story_label": rows[0]["story_label"],
                "figures": rows,
                "speakers": sorted({r["speaker"] or "(unattributed)" for r in rows}),
                "spread": max(known) if known else None,
                "articles": len({r["article"] for r in rows}),
            }
        )
    return result


def _date_key(date: str | None) -> tuple[int, str]:
    if not date:
        return (2, "")
    if date.startswith("--"):
        return (1, date)
    return (0, date)


def figure_history(store: AnyStore, subject: str) -> list[dict[str, Any]]:
    """Every figure for a subject (or its family) in date order, with speaker and source: how an estimate moved.

    Figures without a date keep the order of their articles and sentences, after the dated ones.
    """
    wanted = subject.casefold()
    every = _figure_rows(store)
    rows = [r for r in every if wanted in {r["subject"].casefold(), subject_family(r["subject"]).casefold()}]
    if not rows:
        known = [f"{s['subject']} ({s['figures']})" for s in figure_subjects(store, rows=every)[:12]]
        raise NewsgraphError(
            f"subject={subject!r}: no figures about that; the subjects with most figures: {', '.join(known) or 'none'}"
        )
    return sorted(rows, key=lambda r: _date_key(r["date"]))


def figure_subjects(store: AnyStore, *, rows: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """What the store's figures count, by subject family ("North Korean casualties" for the killed, the wounded and
    the casualties), most figures first: each with how many figures and articles, and its exact subjects.

    Subjects that say nothing of what is counted are left out: no word of letters ("%", "+1.77"), a bare unit
    ("m", "miles", "amount"), or one word that is a verb ("acquire", "spent": the extraction took the verb for it).
    """
    from newsgraph.loaders.lexicon import Lexicon

    verbs = {lemma for entry in Lexicon.load().verbs for lemma in entry.lemmas}
    families: dict[str, dict[str, Any]] = {}
    for row in rows if rows is not None else _figure_rows(store):
        if not _tells(row["subject"], verbs):
            continue
        family = subject_family(row["subject"])
        entry = families.setdefault(
            family, {"subject": family, "figures": 0, "articles": set(), "counted": set()}
        )
        entry["figures"] += 1
        entry["articles"].add(row["article"])
        entry["counted"].add(row["subject"])
    found = [
        {**e, "articles": len(e["articles"]), "counted": sorted(e["counted"])} for e in families.values()
    ]
    return sorted(found, key=lambda e: (-e["figures"], -e["articles"], e["subject"].casefold()))


_WORD = re.compile(r"[A-Za-z]{2,}")


def _tells(subject: str, verbs: set[str]) -> bool:
    """Whether a figure's subject says what is counted (see ``figure_subjects``)."""
    words = _WORD.findall(subject)
    if (
        not words
        or subject.strip().lower() in _UNITS
        or subject.strip().lower() in {"amount", "units", "m", "km"}
    ):
        return False
    if len(subject.split()) == 1:
        word = words[0].lower()
        if word in _CASUALTY_WORDS:  # "wounded", "killed": a count of people, by what befell them
            return True
        stems = {word, word.removesuffix("ed"), word.removesuffix("d"), word.removesuffix("ing"), word + "e"}
        stems |= {word.removesuffix("ing") + "e"}
        if stems & verbs or word in _AUXILIARIES:
            return False
        if word.endswith(("ed", "ing")):
            return False
    return True


#: the forms of "be", "have" and "do" (a closed class): a figure's subject is never one
_AUXILIARIES = {"be", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do", "does",
                "did", "done", "got", "get", "gets"}  # fmt: skip


def timeline(store: AnyStore) -> list[dict[str, Any]]:
    """Events in date order with granularity and source (the ``timeline`` named query)."""
    fields = ("date", "granularity", "type", "label", "place", "title", "sentence", "article")
    return [
        {k: None if row[k] is None else row[k].value for k in fields}
        for row in store.query(load_query("timeline").text)
    ]
