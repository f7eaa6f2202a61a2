"""What each rule is worth: the figures with every rule on, and the change in each figure when one rule alone is off.

Each article is parsed once and its parse reused for every rule (a copy of the ``Doc`` per run: the rules set its
entities). A rule the baseline run never asked about in an article cannot change that article, so its baseline
score is reused there; only the articles where the rule could apply are extracted again. A reading rule changes the
text itself: the article is read again with the rule off, and parsed again only when its text differs.

>>> from newsgraph.loaders.rules import Rules
>>> tracing = Tracing.of(Rules.load())
>>> tracing.on("negation"), "negation" in tracing.asked
(True, True)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.loaders.evaluate import Counts, article_for, load_gold, merge_outputs, score_extraction
from newsgraph.loaders.extraction import Extractor
from newsgraph.loaders.read import read_paths
from newsgraph.loaders.rules import Registry, Rules

__all__ = ["FIGURES", "Ablation", "Tracing", "ablate"]

#: the figures the table shows, in its order
FIGURES = (
    "actor_f1",
    "noise",
    "claims_found",
    "claims_right_speaker",
    "event_f1",
    "event_precision",
    "event_recall",
    "short_names",
)


@dataclass(frozen=True)
class Tracing(Rules):
    """Rules that record which rules the code asked about (an ablation's baseline run)."""

    asked: set[str] = field(default_factory=set, compare=False)

    @classmethod
    def of(cls, rules: Rules) -> Tracing:
        return cls(rules.lexicon, rules.names, rules.words, rules.taxonomy, rules.table, rules.off)

    def on(self, name: str) -> bool:
        self.asked.add(name)
        return name not in self.off


@dataclass
class _Item:
    """One gold file of one set: its article path and, once run, the baseline's texts, counts and rules asked."""

    set: str
    name: str
    gold: dict[str, Any]
    path: Path
    texts: tuple[str, ...] = ()
    counts: Counts = field(default_factory=Counts)
    asked: frozenset[str] = frozenset()


@dataclass
class Ablation:
    """The baseline figures of each set, and for each rule the change in every figure with it alone off."""

    sets: list[str]
    baseline: dict[str, dict[str, float | int]]
    changes: dict[str, dict[str, dict[str, float]]]  # rule -> set -> figure -> change

    def unchanged(self) -> list[str]:
        """The rules whose removal changes no figure of any set."""
        return [
            rule
            for rule, by_set in self.changes.items()
            if all(abs(v) < 1e-9 for figures in by_set.values() for v in figures.values())
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"sets": self.sets, "baseline": self.baseline, "changes": self.changes}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        """The table: one row per rule, in the registry's order, with the change in each set's figures."""
        registry = Registry.load()
        short = {
            "actor_f1": "actor F1",
            "noise": "noise",
            "claims_found": "claims",
            "claims_right_speaker": "speaker",
            "event_f1": "event F1",
            "event_precision": "event P",
            "event_recall": "event R",
            "short_names": "short",
        }
        heads = [f"{s} {short[f]}" for s in self.sets for f in FIGURES]
        lines = [
            "| rule | phase | " + " | ".join(heads) + " |",
            "|---|---|" + "---|" * len(heads),
            "| *all rules on* | | "
            + " | ".join(_cell(self.baseline[s][f], absolute=True) for s in self.sets for f in FIGURES)
            + " |",
        ]
        for rule in registry:
            if rule.name not in self.changes:
                continue
            by_set = self.changes[rule.name]
            cells = [_cell(by_set[s][f]) for s in self.sets for f in FIGURES]
            lines.append(f"| `{rule.name}` | {rule.phase} | " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"


def _cell(value: float | int, *, absolute: bool = False) -> str:
    if absolute:
        return str(value) if isinstance(value, int) else f"{value:.3f}"
    if abs(value) < 1e-9:
        return "·"
    return f"{int(value):+d}" if float(value).is_integer() and abs(value) >= 1 else f"{value:+.3f}"


def _figures(counts: Iterable[Counts]) -> dict[str, float | int]:
    total = Counts()
    for one in counts:
        total = total + one
    figures = total.figures()
    return {f: figures[f] for f in FIGURES}


def ablate(
    sets: Sequence[tuple[str, str | Path, str | Path]],
    *,
    extractor: Extractor | None = None,
    rules: Iterable[str] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Ablation:
    """Score each set (``(name, gold_dir, articles_dir)``) with every rule on, then with each rule of ``rules``
    (every registered rule by default) alone off; ``on_progress(rule, done, total)`` is told after each rule."""
    extractor = extractor or Extractor()
    registry = Registry.load()
    names = list(rules) if rules is not None else list(registry.names())
    registry.check(names)
    items: list[_Item] = []
    for set_name, gold_dir, articles_dir in sets:
        for path, gold in load_gold(gold_dir):
            items.append(_Item(set_name, path.stem, gold, article_for(path, gold, Path(articles_dir))))
    parses: dict[str, Any] = {}

    def parse(texts: Iterable[str]) -> None:
        fresh = [t for t in dict.fromkeys(texts) if t not in parses]
        for text, doc in zip(fresh, extractor.nlp.pipe(fresh), strict=True):
            parses[text] = doc

    def run(
        item: _Item, context: Rules, reading: frozenset[str] = frozenset()
    ) -> tuple[Counts, tuple[str, ...]]:
        articles = list(read_paths([item.path], without=reading))
        parse(a.text for a in articles)
        outputs = [extractor._extract(parses[a.text].copy(), a, context) for a in articles]
        merged = outputs[0] if len(outputs) == 1 else merge_outputs(outputs)
        return score_extraction(merged, item.gold, name=item.name).counts, tuple(a.text for a in articles)

    # the baseline: every rule on, noting which rules each article asked about
    for item in items:
        tracing = Tracing.of(extractor.rules)
        item.counts, item.texts = run(item, tracing)
        item.asked = frozenset(tracing.asked)
    set_names = [s for s, _, _ in sets]
    baseline = {s: _figures(i.counts for i in items if i.set == s) for s in set_names}
    changes: dict[str, dict[str, dict[str, float]]] = {}
    for done, name in enumerate(names, 1):
        reading = registry[name].phase == "reading"
        context = extractor.rules.without(name)
        counts: dict[int, Counts] = {}
        for index, item in enumerate(items):
            if reading:
                texts = tuple(a.text for a in read_paths([item.path], without=(name,)))
                if texts != item.texts:
                    counts[index] = run(item, extractor.rules, frozenset({name}))[0]
            elif name in item.asked:
                counts[index] = run(item, context)[0]
        changes[name] = {}
        for s in set_names:
            figures = _figures(counts.get(index, i.counts) for index, i in enumerate(items) if i.set == s)
            changes[name][s] = {f: round(float(figures[f]) - float(baseline[s][f]), 3) for f in FIGURES}
        if on_progress is not None:
            on_progress(name, done, len(names))
    return Ablation(set_names, baseline, changes)
