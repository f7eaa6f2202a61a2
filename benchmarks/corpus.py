"""A deterministic corpus for the benchmarks, grown from our example articles.

    .venv/bin/python benchmarks/corpus.py --articles 10000 --out build/bench/corpus.jsonl

Article ``n`` is example ``n mod k`` with its people renamed from a pool of invented names, every number changed,
the dates moved by ``n`` days, a URL of its own and a dispatch number in the title, so every article is distinct
(its own content hash and IRI) while keeping the sentence shapes extraction meets in real news. The same
``--articles`` and ``--seed`` give the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from newsgraph.loaders import Article, read_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
FIRST = [
    "Aino",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
]
LAST = [
    "Virtanen",
    "Moretti",
    "Okafor",
    "Lindqvist",
    "Demir",
    "Haddad",
    "Novak",
    "Sato",
    "Ferreira",
    "Kowalski",
]
# People of the examples that are not in the pinned actor table keep their shape but not their name.
RENAMED = ["Mark Rutte", "Kyrylo Budanov", "Lloyd Austin", "Sergei Shoigu", "Choe Son Hui"]
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")
YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _examples() -> list[Article]:
    return sorted(read_paths([EXAMPLES]), key=lambda a: a.source)


def _vary(text: str, rng: random.Random, names: dict[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new).replace(old.split()[-1], new.split()[-1])

    def number(match: re.Match[str]) -> str:
        value = match.group()
        if YEAR.fullmatch(value) or len(value) <= 2:
            return value  # years and days of the month stay readable
        scaled = max(1, int(int(value.replace(",", "")) * rng.uniform(0.5, 1.5)))
        return f"{scaled:,}" if "," in value else str(scaled)

    return NUMBER.sub(number, text)


def articles(count: int, *, seed: int = 7, start: int = 0) -> Iterator[Article]:
    """``count`` distinct articles, streamed (numbered from ``start``)."""
    base = _examples()
    for n in range(start, start + count):
        example = base[n % len(base)]
        rng = random.Random(seed * 1_000_003 + n)
        names = {old: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for old in RENAMED}
        title = f"{_vary(example.title or 'Dispatch', rng, names)} (dispatch {n})"
        body = _vary(example.text.split("\n\n", 1)[-1], rng, names)
        published = (example.published or date(2025, 1, 1)) + timedelta(days=n % 365)
        yield Article(
            text=f"{title}\n\n{body}",
            title=title,
            url=f"https://news.example.org/bench/{n}",
            published=published,
            outlet=example.outlet or "Example Wire",
            source=f"corpus:{n}",
        )


def write(path: Path, count: int, *, seed: int = 7) -> Path:
    """Write the corpus as JSONL (the format ``newsgraph ingest`` reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for article in articles(count, seed=seed):
            record = {
                "title": article.title,
                "text": article.text.split("\n\n", 1)[-1],
                "url": article.url,
                "published": article.published.isoformat() if article.published else None,
                "outlet": article.outlet,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("build/bench/corpus.jsonl"))
    args = parser.parse_args()
    write(args.out, args.articles, seed=args.seed)
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
