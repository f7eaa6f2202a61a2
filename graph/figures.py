"""Figures across articles: where sources disagree, and how a figure moved over time.

Two figures are comparable when they measure the same thing of the same story: the same measure
(``ontology/measures.ttl``: deaths, people aboard, abstentions, a share that is uninsured ...), counting the same
people or the same part of a whole (``counts``; a share's predicate compared by its stem, "vaccinated" beside
"vaccination"), of the same actor when the text gives one (a candidate's votes, a poll's owner), within one story
(``graph/stories.py``). Only a figure as it is counts: a maximum, a request, a forecast or a condition is not the
figure itself, nor an increment ("a further £10m") or those a set leaves out ("all but three"); a figure whose
measure says nothing of what it counts (a bare amount of money, a distance from nowhere named) is compared with
none.

Figures disagree when their numbers do: exact figures that differ, an approximate one ("about", "nearly") more than
5% from another, a bound ("at least 200,000") its figure is far beyond; a vague amount ("hundreds", "thousands")
disagrees with nothing. Two figures of one sentence never disagree ("rose from £90m to £160m").

Each group has a ``relation``: ``update`` when its measure moves over time (a toll rises, the air left falls) and
its figures come from different times (articles, or days) -- the group is the figure's history, without the
figures the text itself says were superseded; ``conflict`` when sources give different figures at about the same
time (in one article, or on one day), or when the measure does not move (the people aboard, the votes of one
ballot). A rising toll with two sources apart on one day is both: its history, and the conflict of that day.

>>> from newsgraph.graph.store import Store
>>> disagreements(Store())
[]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.graph.store import AnyStore
from newsgraph.ontology.measures import Measures
from newsgraph.queries import load_query

__all__ = [
    "comparable_key",
    "differ",
    "disagreements",
    "figure_history",
    "figure_row",
    "figure_rows",
    "figure_subjects",
    "named_group",
    "story_disagreements",
]

_FIELDS = (
    "subject", "figure", "value", "min", "max", "approximate", "unit", "speaker", "claim_date", "published",
    "sentence", "article", "title", "about", "speaker_iri", "measure", "counts", "status", "part", "earlier",
    "base_unit", "base_factor", "happening", "claim", "owner", "later",
)  # fmt: skip
#: how far an approximate figure may be from another and still agree with it ("nearly $1 billion", "$958 million")
APPROXIMATE = 0.05
#: how far above its bound a figure "at least" one may be and still be the figure the bound stands for
BOUND = 0.10
#: the measures too broad to say what a figure counts: two of them are compared with none
_BROAD = {"people", "votes", "money", "proportion", "physical", "duration"}


def figure_rows(store: AnyStore) -> list[dict[str, Any]]:
    """Every figure of the store (the ``figures`` query), numbers as floats, with its date: the claim's own date,
    else its article's."""
    rows = []
    for row in store.query(load_query("figures").text):
        rows.append(figure_row({key: None if row[key] is None else row[key].value for key in _FIELDS}))
    return rows


def figure_row(item: dict[str, Any]) -> dict[str, Any]:
    """One row of the ``figures`` query (its values as text) as ``figure_rows`` gives it."""
    item = dict(item)
    for key in ("value", "min", "max", "base_factor"):
        item[key] = None if item[key] is None else float(item[key])
    item["approximate"] = item["approximate"] == "true"
    item["earlier"] = item["earlier"] == "true"
    item["later"] = item["later"] == "true"
    item["status"] = item["status"] or "reported"
    item["date"] = item.pop("claim_date") or item["published"]
    return item


@lru_cache(maxsize=4096)
def _stem(text: str) -> str:
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    return " ".join(stemmer.stemWords(text.lower().split()))


def comparable_key(row: dict[str, Any]) -> tuple[str, str, str, str] | None:
    """What a figure is compared by: its measure, what it counts (stemmed), whose it is, its unit's dimension; None
    for a figure compared with none (no measure or too broad a one, not the figure itself, an increment, a
    distance from nowhere named)."""
    measure = row["measure"]
    if not measure or measure in _BROAD or row["status"] != "reported":
        return None
    if row["part"] in {"increment", "excepted"}:
        return None
    if measure == "distance" and not row["counts"]:
        return None
    # "four people among those detained" is a part; "including 40 children" says which part it is
    part = row["part"] == "part" and (row["counts"] or "people") == "people"
    counts = _stem(row["counts"] or "") + (" (part)" if part else "")
    return (measure, counts, row["owner"] or "", row["base_unit"] or "")


def _numbers(row: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    factor = row["base_factor"] or 1.0
    return tuple(None if row[k] is None else row[k] * factor for k in ("value", "min", "max"))  # type: ignore[return-value]


def _vague(row: dict[str, Any]) -> bool:
    """ "hundreds", "thousands of", "millions": a loose lower bound that disagrees with nothing above it."""
    return row["value"] is None and row["max"] is None and not any(ch.isdigit() for ch in row["figure"] or "")


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-9


def differ(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures of one thing say different things (see the module's doc).

    >>> row = lambda v=None, lo=None, hi=None, ap=False: dict(value=v, min=lo, max=hi, approximate=ap,
    ...     figure=str(v or lo or hi), base_factor=None, sentence="s" + str(v or lo or hi))
    >>> differ(row(83), row(84)), differ(row(958e6), row(1e9, ap=True)), differ(row(143), row(140, lo=140))
    (True, False, False)
    >>> differ(row(2e6, ap=True), row(2e5, lo=2e5)), differ(row(lo=70, hi=96), row(96, hi=96))
    (True, True)
    """
    if a["sentence"] == b["sentence"] or _vague(a) or _vague(b):
        return False
    # "about", "nearly" make a figure approximate; "at least", "more than" make it a bound, as exact as its number
    loose = [r["approximate"] and r["min"] is None and r["max"] is None for r in (a, b)]
    tolerance = APPROXIMATE if any(loose) else 0.005
    (va, la, ha), (vb, lb, hb) = _numbers(a), _numbers(b)
    ranged_a, ranged_b = la is not None and ha is not None, lb is not None and hb is not None
    if ranged_a or ranged_b:
        if ranged_a and ranged_b:
            return not (_close(la, lb, tolerance) and _close(ha, hb, tolerance))  # type: ignore[arg-type]
        low, high = (la, ha) if ranged_a else (lb, hb)
        other = b if ranged_a else a
        value = _numbers(other)[0]
        single = {k for k in ("min", "max") if other[k] is not None}
        if single and other["value"] is not None and value is not None:
            # "up to 96" beside "between 70 and 96": the range says more than its bound
            return not (_close(low, value, tolerance) and _close(high, value, tolerance))  # type: ignore[arg-type]
        return value is None or not (low - 1e-9 <= value <= high + 1e-9)  # type: ignore[operator]
    for (_v1, l1, h1), (v2, l2, h2) in (((va, la, ha), (vb, lb, hb)), ((vb, lb, hb), (va, la, ha))):
        if l1 is not None and v2 is not None and (l2 is None or not _close(l1, l2, tolerance)):
            return not (l1 * (1 - tolerance) <= v2 <= l1 * (1 + BOUND))  # "at least 140" and 143
        if h1 is not None and v2 is not None and (h2 is None or not _close(h1, h2, tolerance)):
            return not (h1 * (1 - BOUND) <= v2 <= h1 * (1 + tolerance))
    x, y = (va if va is not None else la or ha), (vb if vb is not None else lb or hb)
    if x is None or y is None:
        return False
    return not _close(x, y, tolerance)


def _round_of(row: dict[str, Any]) -> str:
    """The time a figure was given, as far as it is known: its day, else its article."""
    date = row["date"] or ""
    return date[:10] if len(date) >= 10 and not date.startswith("-") else row["article"]


def _against_the_trend(row: dict[str, Any], others: list[dict[str, Any]], moves: str) -> bool:
    """A figure the text gives as earlier that is above (for a rising measure) a figure of its time."""
    if not row["earlier"]:
        return False
    mine = _numbers(row)[0] or _numbers(row)[1] or 0.0
    for other in others:
        theirs = _numbers(other)[0] or _numbers(other)[1] or 0.0
        if (moves == "rises" and mine > theirs) or (moves == "falls" and mine < theirs):
            return True
    return False


def _group(rows: list[dict[str, Any]], relation: str, measure: str) -> dict[str, Any]:
    first = rows[0]
    counts = first["counts"]
    # the subject most of its figures are written with ("North Korean soldiers killed"), when it says more than a
    # noun; else the measure's name
    written = Counter(r["subject"] for r in rows if " " in r["subject"].strip() and r["subject"] != r["unit"])
    label = written.most_common(1)[0][0] if written else Measures.load()[measure].label
    if (
        not written
        and counts
        and counts != "people"
        and counts not in (first["base_unit"] or "", first["unit"])
    ):
        label += f": {counts}"  # "rate or share: uninsured"
    rows = sorted(rows, key=lambda r: (r["date"] or "9999", r["article"], r["sentence"]))
    numbers = [n for r in rows for n in _numbers(r) if n is not None and n > 0]
    return {
        "subject": label,
        "measure": measure,
        "counts": counts,
        "of": first["about"],
        "relation": relation,
        "figures": [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
        "speakers": sorted({r["speaker"] or "(unattributed)" for r in rows}),
        "spread": round(max(numbers) / min(numbers), 2) if len(set(numbers)) > 1 else None,
        "articles": len({r["article"] for r in rows}),
    }


def disagreements(
    store: AnyStore, *, subject: str | None = None, stories: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Figures of one measure of one thing, in one story, that sources give differently (``relation``
    ``conflict``) or that moved over time (``update``; see the module's doc): each group with its story, its
    figures (speaker, date, sentence, article), its speakers, its spread (largest over smallest figure) and the
    number of its articles. ``subject`` keeps the groups whose label or measure it names; ``stories`` (as
    ``graph.stories.stories`` gives them) saves finding them again."""
    from newsgraph.graph.incremental import Analysis

    return Analysis.of(store, parts=("figures",)).disagreements(subject=subject, stories=stories)


def story_disagreements(
    rows: list[dict[str, Any]], *, counted: list[int] | None = None
) -> list[tuple[tuple[str, str, str, str], dict[str, Any], list[str]]]:
    """The disagreements among the figures of one story (``figure_row`` rows, in the ``figures`` query's order),
    without the story's name: each as (what its figures are compared by, the group, the names ``subject`` may
    give it), in the order of the first; ``counted``, when given, gets the number of figure pairs compared
    appended."""
    measures = Measures.load()
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = comparable_key(row)
        if key is not None:
            groups[key].append(row)
    result = []
    compared = 0
    for key, members_of_key in sorted(groups.items()):
        measure = key[0]
        compared += len(members_of_key) * (len(members_of_key) - 1) // 2
        if not any(differ(a, b) for a, b in combinations(members_of_key, 2)):
            continue
        moves = measures[measure].moves
        rounds: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in members_of_key:
            rounds[_round_of(row)].append(row)
        found = []
        if moves and len(rounds) > 1:
            history = [r for r in members_of_key if not _against_the_trend(r, rounds[_round_of(r)], moves)]
            if any(differ(a, b) for a, b in combinations(history, 2)):
                found.append(_group(history, "update", measure))
        for members in rounds.values() if moves and len(rounds) > 1 else [members_of_key]:
            involved = _involved(members, moves)
            if involved:
                found.append(_group([r for r in members if id(r) in involved], "conflict", measure))
        names = sorted({measure, measures[measure].label, *(r["subject"] for r in members_of_key)})
        for group in found:
            result.append((key, group, sorted({group["subject"], *names})))
    if counted is not None:
        counted.append(compared)
    return result


def named_group(group: dict[str, Any], story: str | None, label: str | None) -> dict[str, Any]:
    """A group of ``story_disagreements`` with its story's name, as ``disagreements`` gives it."""
    head = {k: group[k] for k in ("subject", "measure", "counts", "of", "relation")}
    figures = [{**f, "story": story, "story_label": label} for f in group["figures"]]
    rest = {k: group[k] for k in ("speakers", "spread", "articles")}
    return {**head, "story": story, "story_label": label, "figures": figures, **rest}


def _involved(members: list[dict[str, Any]], moves: str | None) -> set[int]:
    """The figures (by ``id``) of the pairs that differ and quarrel, each pair taken in ``combinations`` order: a
    figure found in one such pair is not compared again (a story of a year has thousands of one measure's figures,
    and the pairs of them were minutes of work)."""
    found: set[int] = set()
    for i, a in enumerate(members):
        if id(a) in found:
            continue
        for j, b in enumerate(members):
            if j == i:
                continue
            first, second = (a, b) if i < j else (b, a)
            if differ(first, second) and _quarrels(first, second, moves):
                found.update((id(a), id(b)))
                break
    return found


def _quarrels(a: dict[str, Any], b: dict[str, Any], moves: str | None) -> bool:
    """Two differing figures of one time quarrel, unless the text orders them and the measure moved that way: the
    figure given earlier below the later one of a rising measure ("40 had died by Monday ... rose to 55"); an
    earlier 143 beside a later 133 deaths still quarrels."""
    if not moves:
        return True
    if a["later"] != b["later"]:
        before, after = (b, a) if a["later"] else (a, b)
    elif a["earlier"] != b["earlier"]:
        before, after = (a, b) if a["earlier"] else (b, a)
    else:
        return not a["earlier"]  # two figures given before a change: its history, not today's quarrel
    return _against_the_trend({**before, "earlier": True}, [after], moves)


def _date_key(date: str | None) -> tuple[int, str]:
    if not date:
        return (2, "")
    if date.startswith("--"):
        return (1, date)
    return (0, date)


def figure_history(store: AnyStore, subject: str) -> list[dict[str, Any]]:
    """Every figure for a subject in date order, with speaker and source: how an estimate moved. ``subject`` is a
    figure's subject ("North Korean soldiers killed"), its family ("North Korean casualties"), or a measure
    ("deaths", or its label "people aboard").

    Figures without a date keep the order of their articles and sentences, after the dated ones.
    """
    from newsgraph.graph.network import subject_family

    measures = Measures.load()
    wanted = subject.casefold()
    by_label = {m.label.casefold(): m.notation for m in measures.measures.values()}
    measure = by_label.get(wanted, wanted if wanted in measures else None)
    every = figure_rows(store)
    rows = [
        r
        for r in every
        if wanted in {r["subject"].casefold(), subject_family(r["subject"]).casefold()}
        or (measure is not None and r["measure"] == measure and r["status"] == "reported")
    ]
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

    >>> from newsgraph.graph.store import Store
    >>> figure_subjects(Store())
    []
    """
    from newsgraph.graph.network import subject_family
    from newsgraph.loaders.lexicon import Lexicon

    verbs = {lemma for entry in Lexicon.load().verbs for lemma in entry.lemmas}
    families: dict[str, dict[str, Any]] = {}
    for row in rows if rows is not None else figure_rows(store):
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


_LETTERS = re.compile(r"[A-Za-z]{2,}")


def _tells(subject: str, verbs: set[str]) -> bool:
    """Whether a figure's subject says what is counted (see ``figure_subjects``): not a bare unit (``words.toml``'s
    units of length, area and weight, and its [bare_units]), not one word that is a verb, an auxiliary or a
    participle, unless it says what befell those counted ("wounded")."""
    from newsgraph.graph.network import _CASUALTY_WORDS
    from newsgraph.loaders.words import Words

    words = Words.load()
    found = _LETTERS.findall(subject)
    bare = subject.strip().lower()
    units = words["length_units"] | words["area_units"] | words["weight_units"] | words["bare_units"]
    if not found or bare in units:
        return False
    if len(subject.split()) == 1:
        word = found[0].lower()
        if word in _CASUALTY_WORDS:  # "wounded", "killed": a count of people, by what befell them
            return True
        stems = {word, word.removesuffix("ed"), word.removesuffix("d"), word.removesuffix("ing"), word + "e"}
        stems |= {word.removesuffix("ing") + "e"}
        if stems & verbs or word in words["auxiliaries"]:
            return False
        if word.endswith(("ed", "ing")):
            return False
    return True
