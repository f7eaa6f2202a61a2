"""Write docs/ablation.md: what each rule is worth on the seeds, the development set and the validation set.

Scores every set with every rule on, then with each rule alone off (``newsgraph.loaders.ablate``: one parse per
article, reused), and writes the change in each figure, rule by rule, with the rules whose removal changes nothing
on any set listed at the end. The sets are ``../shared`` (skipped, with a message, when it is absent)::

    .venv/bin/python tools/ablation_table.py          # make bench runs it
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = [
    ("seeds", SHARED / "gold", SHARED / "seeds"),
    ("dev", SHARED / "dev" / "gold", SHARED / "dev" / "articles"),
    ("dev2", SHARED / "dev2" / "gold", SHARED / "dev2" / "articles"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "ablation.md")
    args = parser.parse_args(argv)
    sets = [s for s in SETS if s[1].is_dir() and s[2].is_dir()]
    if not sets:
        print(f"no sets to score: {SHARED} is absent; {args.out} left as it is", file=sys.stderr)
        return 0
    from newsgraph.loaders.ablate import ablate

    started = time.perf_counter()
    table = ablate(sets)
    seconds = time.perf_counter() - started
    unchanged = table.unchanged()
    names = ", ".join(f"`{s}`" for s in table.sets)
    text = (
        "# What each rule is worth\n\n"
        f"Written by `tools/ablation_table.py` (`make bench`) in {seconds:.0f} s on this machine: every figure of the"
        f" sets {names} with every rule on (first row, by the reference scorer's rules), then the change in each"
        " figure when one rule alone is off (`newsgraph evaluate GOLD ARTICLES --without NAME`; `·` is no change)."
        " A rule that helps the development set (`dev`) and not the validation set (`dev2`) is fitted to `dev`."
        " Noise is a count, the others ratios.\n\n"
        + table.to_markdown()
        + f"\n{len(unchanged)} of {len(table.changes)} rules change no figure on these sets (they apply to what the"
        " reference scorer does not score, such as a figure's unit and what it counts, or to news these sets do not"
        " have; each has a test of our own sentences): "
        + ", ".join(f"`{name}`" for name in unchanged)
        + ".\n"
    )
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(table.changes)} rules, {seconds:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
