"""Where extraction spends its time: spaCy's parse, each phase and each registered rule, over a folder of articles.

``newsgraph rules --profile FOLDER`` prints it. Each article is read, parsed once, and extracted twice from copies
of its parse: once untimed by anything but a clock (the phase and extraction totals are that run's), once under a
profiler hook (``sys.setprofile``) that charges every moment to the rule in force. A rule is in force in a function
from the moment the function asks ``rules.on(NAME)`` and is told yes, in everything that function calls, until it
asks another rule or returns; code that asked no rule is charged to the phase of its module (the registry's
``modules``), and code of no phase to "other" (the records, the sentences, the helpers shared by every phase). The
hook slows the second run several times over, so its times are scaled to the first run's extraction total: a rule's
seconds are its share of the traced run times the untraced total. What the first extraction of a process loads (the
actor table's matcher, the currencies, the word classes) is timed apart, by one extraction before the others. The reading phase is timed as a whole (its rules
are switches on the reader, not ``rules.on``), with the checks that admit an article to the parse (its length,
its language).

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Talks resume\\n\\nThe two ministers met in Vienna on Monday.\\n")
>>> result = profile_rules([folder])
>>> result.articles, result.parse > 0, result.asked["told_twice"]
(1, True, 1)
>>> [row["what"] for row in result.rows(top=0)][:3]
['spaCy parse', 'extraction, all phases', 'reading']
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from time import perf_counter
from types import CodeType, FrameType
from typing import Any

from newsgraph.errors import ArticleError
from newsgraph.loaders._batch import batches
from newsgraph.loaders.extraction import BATCH_CHARS, Extractor
from newsgraph.loaders.nlp import BATCH_SIZE
from newsgraph.loaders.read import ErrorHandler, read_paths
from newsgraph.loaders.rules import Registry, Rules

__all__ = ["RuleProfile", "profile_rules"]

#: a generator's or a coroutine's frame (CO_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR): the
#: profiler sees it return at each ``yield`` and called again at each resume
_SUSPENDING = 0x20 | 0x80 | 0x100 | 0x200
_PHASE = "phase:"
_OTHER = "other"


class _Hook:
    """The profiler hook: a stack of what is in force, one entry per running frame, and the seconds of each."""

    def __init__(self, phase_of_module: dict[str, str]) -> None:
        self.phase_of_module = phase_of_module
        self.codes: dict[CodeType, str | None] = {}
        self.stack: list[str] = []
        self.suspended: dict[FrameType, str] = {}
        self.spent: dict[str, float] = {}
        self.last = 0.0

    def _phase(self, code: CodeType) -> str | None:
        try:
            return self.codes[code]
        except KeyError:
            path = Path(code.co_filename)
            phase = self.phase_of_module.get(f"{path.parent.name}/{path.name}")
            found = self.codes[code] = _PHASE + phase if phase is not None else None
            return found

    def __call__(self, frame: FrameType, event: str, arg: object) -> None:
        now = perf_counter()
        stack = self.stack
        current = stack[-1] if stack else _OTHER
        self.spent[current] = self.spent.get(current, 0.0) + (now - self.last)
        if event == "call":
            resumed = self.suspended.pop(frame, None)
            if resumed is not None:
                stack.append(resumed)
            else:
                phase = self._phase(frame.f_code)
                if phase is not None and (current == _OTHER or current.startswith(_PHASE)):
                    stack.append(phase)  # a phase's own code, not called by a rule
                else:
                    stack.append(current)
        elif event == "return" and stack:
            top = stack.pop()
            if frame.f_code.co_flags & _SUSPENDING:
                self.suspended[frame] = top
        self.last = perf_counter()

    def rule(self, name: str) -> None:
        """The function that asked is now doing rule ``name``'s work: its frame is the one under ``on``'s, which is
        under this method's own."""
        if len(self.stack) >= 3:
            self.stack[-3] = name

    def run(self, action: Callable[[], Any]) -> None:
        self.stack.clear()
        self.suspended.clear()
        self.last = perf_counter()
        sys.setprofile(self)
        try:
            action()
        finally:
            sys.setprofile(None)


@dataclass(frozen=True)
class _Profiled(Rules):
    """Rules that tell the hook which rule is in force, and count how often each was asked."""

    hook: _Hook | None = field(default=None, compare=False)
    asked: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, rules: Rules, hook: _Hook) -> _Profiled:
        return cls(rules.lexicon, rules.names, rules.words, rules.taxonomy, rules.table, rules.off, hook)

    def on(self, name: str) -> bool:
        self.asked[name] = self.asked.get(name, 0) + 1
        if name in self.off:
            return False
        if self.hook is not None:
            self.hook.rule(name)
        return True


@dataclass
class RuleProfile:
    """Seconds spent over a set of articles: reading, spaCy's parse, extraction in all, each phase and each rule
    (the phases' and rules' scaled from the traced run, see the module), and how often each rule was asked."""

    articles: int = 0
    words: int = 0
    reading: float = 0.0
    parse: float = 0.0
    extraction: float = 0.0
    warmup: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    rules: dict[str, float] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    failed: list[ArticleError] = field(default_factory=list)

    def _row(self, what: str, phase: str, seconds: float, asked: int | None = None) -> dict[str, Any]:
        return {
            "what": what,
            "phase": phase,
            "seconds": round(seconds, 3),
            "ms per article": round(1000 * seconds / max(self.articles, 1), 2),
            "of parse": f"{100 * seconds / self.parse:.1f} %" if self.parse else "",
            "asked": asked,
        }

    def rows(self, *, top: int = 25) -> list[dict[str, Any]]:
        """The table: the parse, extraction in all, reading, the first extraction's loading, each phase in the
        registry's order and "other", then the ``top`` slowest rules (every rule that took time when ``top`` is 0)."""
        out = [
            self._row("spaCy parse", "", self.parse),
            self._row("extraction, all phases", "", self.extraction),
            self._row("reading", "reading", self.reading),
            self._row("first extraction's loading", "", self.warmup),
        ]
        out += [self._row(f"phase {name}", name, seconds) for name, seconds in self.phases.items()]
        registry = Registry.load()
        ranked = sorted((r for r in self.rules.items() if r[1] > 0), key=lambda r: -r[1])
        for name, seconds in ranked[:top] if top > 0 else ranked:
            out.append(self._row(name, registry[name].phase, seconds, self.asked.get(name, 0)))
        return out

    def to_markdown(self, *, top: int = 25) -> str:
        """The rows as a Markdown table."""
        rows = self.rows(top=top)
        lines = ["| " + " | ".join(rows[0]) + " |", "|---|---|" + "---:|" * (len(rows[0]) - 2)]
        lines += ["| " + " | ".join("" if v is None else str(v) for v in row.values()) + " |" for row in rows]
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """One line: the articles, the parse and what extraction adds to it."""
        share = f" ({100 * self.extraction / self.parse:.0f} % of the parse)" if self.parse else ""
        return (
            f"{self.articles} articles, {self.words:,} tokens: spaCy parse {self.parse:.2f} s, reading "
            f"{self.reading:.2f} s, extraction {self.extraction:.2f} s{share}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "seconds": {
                "reading": self.reading,
                "parse": self.parse,
                "extraction": self.extraction,
                "first extraction's loading": self.warmup,
            },
            "phases": self.phases,
            "rules": {
                name: {"seconds": self.rules.get(name, 0.0), "asked": self.asked.get(name, 0)}
                for name in Registry.load().names()
            },
        }


def profile_rules(
    paths: Iterable[str | Path],
    *,
    extractor: Extractor | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: ErrorHandler | None = None,
) -> RuleProfile:
    """Profile extraction over the articles at ``paths`` (files or folders): see the module. An article that cannot
    be read or parsed goes to ``on_error`` (default: kept in ``failed``) and the others are profiled."""
    extractor = extractor or Extractor()
    registry = Registry.load()
    result = RuleProfile()
    handle = on_error or result.failed.append
    phase_of_module = {module: phase.name for phase in registry.phases for module in phase.modules}
    hook = _Hook(phase_of_module)
    traced = _Profiled.of(extractor.rules, hook)

    def fail(article: Any, reason: str, exc: BaseException | None = None) -> None:
        handle(ArticleError(article.source, reason))

    started = perf_counter()
    articles = list(read_paths(paths, on_error=handle))
    result.reading = perf_counter() - started
    for batch in batches(articles, batch_size, weight=lambda a: len(a.text), most=BATCH_CHARS):
        started = perf_counter()  # the checks before the parse (length, language) count as reading
        ready = []
        for article in batch:
            refused = extractor._refusal(article)
            if refused is not None:
                fail(article, refused)
            else:
                ready.append(article)
        result.reading += perf_counter() - started
        started = perf_counter()
        parsed = list(extractor._parse(ready, batch_size, fail))
        result.parse += perf_counter() - started
        for article, doc in parsed:
            result.articles += 1
            result.words += len(doc)
            if result.articles == 1:  # what the first extraction loads is not any rule's time
                started = perf_counter()
                with suppress(Exception):  # the timed run below says why it fails
                    extractor._extract(doc.copy(), article)
                result.warmup = perf_counter() - started
            copy = doc.copy()
            started = perf_counter()
            try:
                extractor._extract(copy, article)
            except Exception as exc:  # the article is left out of both runs
                fail(article, f"extraction failed: {type(exc).__name__}: {exc}", exc)
                continue
            finally:
                result.extraction += perf_counter() - started
            hook.run(partial(extractor._extract, doc, article, traced))
    traced_total = sum(hook.spent.values())
    scale = result.extraction / traced_total if traced_total else 0.0
    for label, seconds in hook.spent.items():
        if label.startswith(_PHASE) or label == _OTHER:
            continue
        result.rules[label] = seconds * scale
    for phase in registry.phases:
        if phase.name == "reading":
            continue
        own = hook.spent.get(_PHASE + phase.name, 0.0) * scale
        result.phases[phase.name] = own + sum(result.rules.get(r.name, 0.0) for r in phase.rules)
    result.phases[_OTHER] = hook.spent.get(_OTHER, 0.0) * scale
    result.asked = dict(traced.asked)
    return result
