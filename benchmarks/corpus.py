"""The deterministic corpora of the benchmarks: our example articles varied, or a year of news.

    .venv/bin/python benchmarks/corpus.py --articles 10000 --out build/bench/corpus.jsonl
    .venv/bin/python benchmarks/corpus.py --kind year --articles 20000 --out build/bench/year.jsonl

``examples`` (``make bench``): article ``n`` is example ``n mod k`` with its people renamed from a pool of invented names, every number changed,
the dates moved by ``n`` days, a URL of its own and a dispatch number in the title, so every article is distinct
(its own content hash and IRI) while keeping the sentence shapes extraction meets in real news. The same
``--articles`` and ``--seed`` give the same bytes on every machine.

``year`` (``make bench-scale``): a year of news told by eight outlets. About one story for every twelve articles
(an attack, a meeting, an agreement, a vote, arrests, an election, a takeover), each told over the days after it
by several outlets: odd outlets cite a rival source's figure (figures that conflict), later tellings update the
figure ("rose to"). Around the story's sentences, other news with a few hundred recurring actors (people named in
full then by surname, states, international bodies, companies): reported speech, meetings, visits, votes, arrests,
results, aid. The cast and the shapes are in ``_news.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import _news

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


YEAR_START = date(2025, 1, 1)


def year(count: int, *, seed: int = 7) -> Iterator[Article]:
    """``count`` articles of a year of news (see the module's text), streamed: article ``n`` tells story
    ``n mod S`` (``S`` about ``count / 12``) for the ``n // S``-th time."""
    cast = _news.cast(seed)
    stories: list[_news.Story] = []
    told: set[tuple[str, str, str, float]] = set()
    for index in range(max(1, count // 12)):
        salt = 0
        # two stories of one kind with the same parties, place and figure could tell the same text: draw again
        while (key := _news.story(cast, index, seed=seed, salt=salt).key) in told:
            salt += 1
        told.add(key)
        stories.append(_news.story(cast, index, seed=seed, salt=salt))
    for n in range(count):
        index, turn = n % len(stories), n // len(stories)
        story = stories[index]
        outlet = (index + 3 * turn) % len(_news.OUTLETS)
        happened = YEAR_START + timedelta(days=story.start_day + turn)
        weekday = _news.WEEKDAYS[happened.weekday()]
        began = _news.WEEKDAYS[(YEAR_START + timedelta(days=story.start_day)).weekday()]
        title, lines = _news.telling(story, cast, turn=turn, outlet=outlet, weekday=weekday, began=began)
        rng = random.Random(seed * 1_000_003 + n)
        lines = lines[
            :2
        ]  # a short dispatch: the lead and the figure that changes (a wire story's first lines)
        if rng.random() < 0.3:  # and now and then another item of news
            lines.extend(_news.background(cast, rng, weekday=weekday))
        yield Article(
            text=title + "\n\n" + "\n\n".join(lines),
            title=title,
            url=f"https://news.example.org/year/{n}",
            published=happened + timedelta(days=1),
            outlet=_news.OUTLETS[outlet],
            source=f"year:{n}",
        )


KINDS = {"examples": articles, "year": year}


def write(path: Path, count: int, *, seed: int = 7, kind: str = "examples") -> Path:
    """Write the corpus as JSONL (the format ``newsgraph ingest`` reads); ``kind``: examples or year."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for article in KINDS[kind](count, seed=seed):
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
    parser.add_argument("--kind", choices=sorted(KINDS), default="examples")
    parser.add_argument("--out", type=Path, default=Path("build/bench/corpus.jsonl"))
    args = parser.parse_args()
    write(args.out, args.articles, seed=args.seed, kind=args.kind)
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
